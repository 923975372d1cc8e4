<?php
/*
 * PHPUnit bootstrap of the X-Cart add-on tests: loads the X-Cart 5.5 stand-in
 * (tests/xcart-standin) and, when xcart/src exists, the add-on as module
 * CloudLink\InforSync (X-Cart's modules/CloudLink/InforSync).
 * Fixture modules (tests/xcart/fixtures) are loaded only by tests that run in
 * a separate process, so their mixins never change the classes other tests see.
 */

declare(strict_types=1);

require_once dirname(__DIR__) . '/xcart-standin/bootstrap.php';
require_once dirname(__DIR__) . '/xcart-standin/classes/XLite.php'; // \XLite has no namespace: not autoloaded

// XCART_ADDON_SRC: another copy of the add-on's src/ (e.g. an older commit's, to show a test fails on it)
$moduleSrc = getenv('XCART_ADDON_SRC') ?: dirname(__DIR__, 2) . '/xcart/src';
if (is_dir($moduleSrc)) {
    \XCartStandin\Extender::addModule('CloudLink\InforSync', $moduleSrc);
}

// Fake X-Cart objects for the module's plain classes (EventBuilder & co.), which take any object
// with the getters they call.
require __DIR__ . '/Fakes.php';
