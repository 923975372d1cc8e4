#!/usr/bin/env php
<?php
/*
 * X-Cart lint: every class, method and signature the add-on (xcart/src) calls or overrides exists in the
 * X-Cart stand-in (tests/xcart-standin) exactly as the reference (xcart-5.5.md) states; uses the reference
 * does not state must be in the reviewed allow-list (outside-reference.json), which must stay true.
 * Also checks the stand-in against every method signature the reference states in the sections it maps.
 * Prints TAP. Needs only php and php-parser (nikic/PHP-Parser 4).
 *
 *   tests/xcart-lint/lint.php [--src DIR] [--namespace NS] [--standin DIR] [--reference FILE]
 *                             [--shared-reference FILE|none] [--allow FILE]
 */

declare(strict_types=1);

namespace XCartLint;

$root = dirname(__DIR__, 2);
$options = getopt('', ['src:', 'namespace:', 'standin:', 'reference:', 'shared-reference:', 'allow:']) + [
    'src' => "$root/xcart/src",
    'namespace' => 'CloudLink\InforSync',
    'standin' => "$root/tests/xcart-standin",
    'reference' => "$root/tests/xcart-standin/reference/xcart-5.5.md",
    'shared-reference' => "$root/../shared/reference/xcart-5.5.md",
    'allow' => __DIR__ . '/outside-reference.json',
];

foreach (['/usr/share/php/PhpParser/autoload.php', "$root/vendor/autoload.php"] as $autoload) {
    if (is_file($autoload)) {
        require_once $autoload;
        break;
    }
}
if (!class_exists(\PhpParser\ParserFactory::class)) {
    echo "1..0 # php-parser is not installed (scripts/install-deps.sh installs it)\nnot ok 1 - php-parser missing\n";
    exit(1);
}
require_once __DIR__ . '/Standin.php';
require_once __DIR__ . '/Reference.php';
require_once __DIR__ . '/Uses.php';
require_once __DIR__ . '/Checks.php';
require_once __DIR__ . '/Signature.php';

$checks = new Checks(
    $standin = new Standin(realpath($options['standin'])),
    new Reference($options['reference'], $standin),
    new Uses(realpath($options['src']), $options['namespace'], $standin),
    json_decode((string) file_get_contents($options['allow']), true, 512, JSON_THROW_ON_ERROR),
    $root
);
$checks->referenceCopy($options['reference'], $options['shared-reference']);
$checks->referenceAgainstStandin();
$checks->uses();
$checks->allowListStillTrue();
exit($checks->report() ? 0 : 1);
