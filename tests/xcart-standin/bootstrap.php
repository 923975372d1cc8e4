<?php
/*
 * Loads the X-Cart 5.5 stand-in: the class loader with the Extender mixin
 * compiler, the core classes (classes/ = XLite\, src/ = XCart\), the stand-in's
 * helpers (support/ = XCartStandin\), minimal copies of the few vendor
 * interfaces the core signatures use (vendor/, only when the real package is
 * not installed) and the XC\ProductVariants module (modules/XC/ProductVariants).
 *
 * Add modules (e.g. the add-on) with XCartStandin\Extender::addModule() before
 * the classes they extend are first used.
 */

declare(strict_types=1);

require_once __DIR__ . '/extender.php';
// Debian's packages: php-doctrine-orm (with dbal, collections, persistence), php-doctrine-annotations,
// php-symfony-console, php-symfony-yaml
foreach (['Doctrine/ORM/autoload.php', 'Doctrine/Common/Annotations/autoload.php',
    'Symfony/Component/Yaml/autoload.php', 'Symfony/Component/Console/autoload.php'] as $package) {
    if (!stream_resolve_include_path($package)) {
        throw new \RuntimeException("$package not found: scripts/install-deps.sh installs the Debian packages");
    }
    require_once $package;
}

use XCartStandin\Extender;

Extender::addCoreRoot('XLite', __DIR__ . '/classes/XLite');
Extender::addCoreRoot('Includes', __DIR__ . '/classes/Includes');
Extender::addCoreRoot('XCart', __DIR__ . '/src');
Extender::addCoreRoot('XCartStandin', __DIR__ . '/support');
// [inferred] vendor packages X-Cart ships with; only used when not installed
spl_autoload_register(static function (string $class): void {
    $file = __DIR__ . '/vendor/' . str_replace('\\', '/', $class) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
Extender::register();
// XC\ProductVariants is "present" (reference §3), so enabled by default
Extender::addModule('XC\ProductVariants', __DIR__ . '/modules/XC/ProductVariants/src');
