<?php
/*
 * PHPUnit bootstrap of the add-on's end-to-end tests: the X-Cart 5.5 stand-in with the add-on (as
 * tests/xcart), the real infor_sync extension loaded in this process with its worker on, and the
 * real Infor sandbox over TLS. scripts/run-tests.sh xcart-e2e starts the sandbox and PHPUnit with
 * the php.ini settings (tests/xcart-e2e/README.md).
 */

declare(strict_types=1);

require_once dirname(__DIR__) . '/xcart/bootstrap.php';
require __DIR__ . '/Sandbox.php';
require __DIR__ . '/ShopTestCase.php';

// The sandbox as the shop's Infor tenant: its seed plus the shipping charge item the settings name.
\XCartE2E\Sandbox::control('POST', 'reset');
\XCartE2E\Sandbox::control('POST', 'items', ['ITNO' => 'SHIPPING', 'ITDS' => 'Shipping charge', 'SAPR' => '0']);
