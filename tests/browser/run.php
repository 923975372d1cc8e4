#!/usr/bin/env php
<?php
/*
 * Browser test of the X-Cart add-on's admin pages (scripts/run-tests.sh browser). Needs the running
 * sandbox (INFOR_SANDBOX_DIR), the built extension (INFOR_SYNC_SO), Debian's chromium and
 * `npm ci` in tests/browser (scripts/install-deps.sh does both); a missing piece is a failure.
 *
 * 1. makes a dead letter: an order with an item the sandbox does not know (a child PHP process);
 * 2. serves admin.php with PHP's built-in server through tests/browser/admin_router.php (the add-on's
 *    controllers on the X-Cart stand-in), the extension loaded with the same spool;
 * 3. runs pages.mjs in headless Chromium: the dead letter is shown, Retry re-delivers it, the settings
 *    form shows the extension's field error and a valid save reaches the extension.
 * Prints TAP lines; screenshots go to $INFOR_SYNC_ARTEFACTS/browser (default out/artefacts/browser).
 */

namespace E2E;

require dirname(__DIR__) . '/e2e/harness.inc';

const ORDER_NUMBER = 'XC-BROWSER-1';
const MISSING_ITEM = 'LAMP-BROWSER-01';

$root = dirname(__DIR__, 2);
$tap = 0;
$failed = 0;

function tap(bool $ok, string $description, string $detail = ''): bool
{
    global $tap, $failed;
    $tap++;
    $failed += $ok ? 0 : 1;
    echo ($ok ? 'ok' : 'not ok') . " $tap - $description\n";
    if (!$ok && $detail !== '') {
        echo '# ' . str_replace("\n", "\n# ", rtrim($detail)) . "\n";
    }
    return $ok;
}

/** What is missing to run the test, as messages. */
function missingPrerequisites(string $root, string $chromium): array
{
    $missing = [];
    if (!is_executable($chromium)) {
        $missing[] = "$chromium not found: install Debian's chromium (scripts/install-deps.sh)";
    }
    if (trim((string)shell_exec('command -v node')) === '') {
        $missing[] = 'node not found: install nodejs and npm (scripts/install-deps.sh)';
    }
    $pinned = json_decode((string)@file_get_contents("$root/tests/browser/package.json"), true)['dependencies']['playwright-core'] ?? '?';
    $installed = json_decode((string)@file_get_contents("$root/tests/browser/node_modules/playwright-core/package.json"), true)['version'] ?? null;
    if ($installed !== $pinned) {
        $missing[] = "playwright-core $pinned is not installed in tests/browser (found: " . ($installed ?? 'none')
            . '): run scripts/install-deps.sh or PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci in tests/browser';
    }
    $sandbox = getenv('INFOR_SANDBOX_DIR');
    if (!$sandbox || !is_file("$sandbox/ready") || !getenv('INFOR_SYNC_SO')) {
        $missing[] = 'INFOR_SANDBOX_DIR / INFOR_SYNC_SO not set: run it with scripts/run-tests.sh browser';
    }
    return $missing;
}

function freePort(): int
{
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int)substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
    fclose($server);
    return $port;
}

/** The built-in server with the extension's settings of this test's spool; ['proc', 'log']. */
function startServer(string $root, string $base, int $port): array
{
    // the stand-in's class loader reads sources with PhpToken; ConfigBuilder uses ctype_digit();
    // X-Cart's form fields cut values with mb_substr() (X-Cart requires mbstring)
    // the shop's own copy of the credentials: the settings page may replace it (save_credentials())
    copy(sandboxDir() . '/sandbox.ionapi', "$base/xcart.ionapi");
    chmod("$base/xcart.ionapi", 0600);
    // the stand-in's database: Doctrine on PDO MySQL, the MariaDB server this process starts
    $cmd = array_merge([PHP_BINARY, '-n', '-d', 'extension=tokenizer', '-d', 'extension=ctype', '-d', 'extension=mbstring',
        '-d', 'extension=pdo', '-d', 'extension=mysqlnd', '-d', 'extension=pdo_mysql', '-d', 'extension=posix'],
        array_slice(phpArgs(['infor_sync.ionapi_file' => "$base/xcart.ionapi"]), 2),
        ['-S', "127.0.0.1:$port", "$root/tests/browser/admin_router.php"]);
    mkdir("$base/state");
    $log = "$base/server.log";
    require_once "$root/tests/xcart-standin/support/MariaDB.php";
    $env = array_replace(getenv(), ['INFOR_BROWSER_STATE' => "$base/state",
        'XCART_DB_SOCKET' => \XCartStandin\MariaDB::socket()]);
    $proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'], 2 => ['file', $log, 'a']], $pipes, $root, $env);
    if (!is_resource($proc)) {
        fail('cannot start php -S');
    }
    waitFor(fn() => @fsockopen('127.0.0.1', $port, $errno, $errstr, 0.2), 10, "php -S on port $port");
    return ['proc' => $proc, 'log' => $log];
}

function stopServer(array $server): void
{
    proc_terminate($server['proc']);
    proc_close($server['proc']);
}

/** Runs pages.mjs; passes its TAP lines through and returns its last test number. */
function runBrowser(string $root, string $base, int $port, string $artefacts, string $chromium): int
{
    global $tap;
    $sandbox = sandboxDir();
    $env = array_replace(getenv(), [
        'BASE_URL' => "http://127.0.0.1:$port",
        'SANDBOX_DIR' => $sandbox,
        'NODE_EXTRA_CA_CERTS' => "$sandbox/ca.pem",
        'ORDER_NUMBER' => ORDER_NUMBER,
        'MISSING_ITEM' => MISSING_ITEM,
        'CONFIG_FILE' => "$base/config.json",
        'IONAPI_FILE' => "$base/xcart.ionapi",
        'ARTEFACTS' => $artefacts,
        'CHROMIUM' => $chromium,
        'TAP_START' => (string)($tap + 1),
        'PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD' => '1',
    ]);
    $proc = proc_open(['node', "$root/tests/browser/pages.mjs"], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']],
        $pipes, "$root/tests/browser", $env);
    $last = $tap;
    while (($line = fgets($pipes[1])) !== false) {
        echo $line;
        if (preg_match('/^(?:not )?ok (\d+) /', $line, $m)) {
            $last = (int)$m[1];
        }
    }
    $stderr = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    $exit = proc_close($proc);
    $tap = $last;
    tap($exit === 0, 'the browser part exited 0', "exit $exit\n$stderr");
    return $exit;
}

$chromium = getenv('CHROMIUM') ?: '/usr/bin/chromium';
$missing = missingPrerequisites($root, $chromium);
if (!tap(!$missing, 'chromium, node, playwright-core and the sandbox are there', implode("\n", $missing))) {
    exit(1);
}

require_once "Symfony/Component/Yaml/autoload.php";
require "$root/xcart/src/Core/Settings.php";
$options = [];
foreach (\Symfony\Component\Yaml\Yaml::parseFile("$root/xcart/config/install.yaml")['XLite\Model\Config'] as $row) {
    if (!str_contains($row['type'], 'Separator')) {
        $options[$row['name']] = $row['translations'][0]['option_name'] ?? '';
    }
}
$labels = \CloudLink\InforSync\Core\Settings::LABELS;
tap(array_keys($options) === \CloudLink\InforSync\Core\Settings::OPTIONS
    && array_intersect_key($options, $labels) == $labels,
    'the settings form read from install.yaml has Settings::OPTIONS with Settings::LABELS',
    json_encode(array_keys($options)));

$artefacts = (getenv('INFOR_SYNC_ARTEFACTS') ?: "$root/out/artefacts") . '/browser';
@mkdir($artefacts, 0777, true);
array_map('unlink', glob("$artefacts/*.png"));

reset();
$base = newSpool();
$r = deliver([order(ORDER_NUMBER, [['TSHIRT-BLK-M', '19.90', 1], [MISSING_ITEM, '39.00', 1]])]);
tap(count($r['dead']) === 1 && $r['dead'][0]['order_number'] === ORDER_NUMBER,
    'an order with an item Infor does not know is a dead letter', json_encode($r['dead']));

$port = freePort();
$server = startServer($root, $base, $port);
try {
    $exit = runBrowser($root, $base, $port, $artefacts, $chromium);
} finally {
    stopServer($server);
}

$log = (string)file_get_contents($server['log']);
preg_match_all('/PHP (?:Fatal error|Warning|Notice|Deprecated|Parse error).*/', $log, $m);
tap(!$m[0], 'the server logged no PHP errors, warnings or notices', implode("\n", $m[0]));
if ($exit !== 0) {
    echo "# last lines of the server log ($base/server.log):\n# "
        . implode("\n# ", array_slice(explode("\n", trim($log)), -20)) . "\n";
}
echo "# screenshots: $artefacts\n";
exit($failed === 0 ? 0 : 1);
