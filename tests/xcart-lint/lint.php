#!/usr/bin/env php
<?php
/*
 * X-Cart lint: every class, method and signature the add-on (xcart/src) calls or overrides exists in the
 * real X-Cart 5.5 (xcart-5.5-api.json, from scripts/extract-xcart-reference.php) and in the X-Cart stand-in
 * (tests/xcart-standin) the tests run on; uses outside X-Cart's source (Doctrine, PSR-3) must be in the
 * reviewed allow-list (outside-reference.json), which must stay true. Every X-Cart class and method the
 * stand-in declares must be the real one. The prose reference (xcart-5.5.md) is still read: its statements
 * about classes outside the real data are checked against the stand-in, the others only noted where they
 * differ from the real X-Cart. Prints TAP. Needs only php and php-parser (nikic/PHP-Parser 4).
 *
 *   tests/xcart-lint/lint.php [--src DIR] [--namespace NS] [--standin DIR] [--reference FILE]
 *                             [--shared-reference FILE|none] [--allow FILE] [--api FILE]
 */

declare(strict_types=1);

namespace XCartLint;

$root = dirname(__DIR__, 2);
$options = getopt('', ['src:', 'namespace:', 'standin:', 'reference:', 'shared-reference:', 'allow:', 'api:']) + [
    'src' => "$root/xcart/src",
    'namespace' => 'CloudLink\InforSync',
    'standin' => "$root/tests/xcart-standin",
    'reference' => "$root/tests/xcart-standin/reference/xcart-5.5.md",
    'shared-reference' => "$root/../shared/reference/xcart-5.5.md",
    'allow' => __DIR__ . '/outside-reference.json',
    'api' => __DIR__ . '/xcart-5.5-api.json',
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
require_once __DIR__ . '/ApiExtractor.php';
require_once __DIR__ . '/RealApi.php';
require_once __DIR__ . '/RealSignature.php';
require_once __DIR__ . '/RealChecks.php';
require_once __DIR__ . '/Mapping.php';

$checks = new Checks(
    $standin = new Standin(realpath($options['standin'])),
    new Reference($options['reference'], $standin),
    new Uses(realpath($options['src']), $options['namespace'], $standin, $real = new RealApi($options['api'])),
    json_decode((string) file_get_contents($options['allow']), true, 512, JSON_THROW_ON_ERROR),
    $root,
    $real
);
$checks->referenceCopy($options['reference'], $options['shared-reference']);
$checks->referenceAgainstStandin();
$checks->standinAgainstReal();
$checks->uses();
$checks->allowListStillTrue();
exit($checks->report() ? 0 : 1);
