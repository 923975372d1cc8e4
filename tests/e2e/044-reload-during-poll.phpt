--TEST--
e2e: the settings and the credentials saved while a stock poll hangs in Infor: the worker takes them without waiting for the poll, and an order placed then reaches Infor while the poll still waits
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

const POLL_HANGS_S = 60;

reset();
$base = newSpool(['stock_warehouses' => ['100']]);
mkdir("$base/etc", 0700);
copy(sandboxDir() . '/sandbox.ionapi', "$base/etc/shop.ionapi");
chmod("$base/etc/shop.ionapi", 0600);
$ini = ['infor_sync.poll_stock_interval' => '1', 'infor_sync.poll_items_interval' => '0',
        'infor_sync.poll_shipments_interval' => '0', 'infor_sync.max_in_flight' => 4,
        'infor_sync.ionapi_file' => "$base/etc/shop.ionapi", 'infor_sync.request_timeout_ms' => POLL_HANGS_S * 2000];

/** Replaces a file the way the settings page does: a new file renamed over the old one. */
function replaceFile(string $path, string $content): void
{
    file_put_contents("$path.new", $content);
    chmod("$path.new", 0600);
    rename("$path.new", $path);
}

// the stock poll's first page is answered after a minute
fault(['match' => 'MMS060MI/List', 'latency_ms' => POLL_HANGS_S * 1000, 'status' => 200]);
$started = microtime(true);
$worker = startPhp('while (!file_exists(' . var_export("$base/stop", true) . ')) { usleep(20000); } echo "stopped\n";',
                   $ini);
waitFor(fn() => control('GET', 'faults')['faults'] === [], 30, 'the stock poll to reach Infor');

$config = json_decode(file_get_contents("$base/config.json"), true);
$config['shipping_item'] = 'SHIP-STD';
replaceFile("$base/config.json", json_encode($config));
replaceFile("$base/etc/shop.ionapi", file_get_contents(sandboxDir() . '/sandbox.ionapi'));
$log = fn() => (string)@file_get_contents("$base/log");
waitFor(fn() => substr_count($log(), 'business configuration loaded') >= 2, 30, 'the settings to be loaded again');

addItem('SHIP-STD', 'Shipping charge', '0.00');
$shipping = ['type' => 'shipping', 'code' => 'SHIPPING', 'name' => 'Shipping', 'amount' => '4.90', 'include' => false];
enqueue([order('XC-4401', null, ['surcharges' => [$shipping], 'total_amount' => '24.80'])],
        ['infor_sync.worker' => 'off'] + $ini);
waitFor(fn() => ordersFor('XC-4401') !== [], 40, 'order XC-4401 in Infor');
$elapsed = microtime(true) - $started;
echo "order XC-4401 in Infor while the stock poll still waits: ",
    var_export($elapsed < POLL_HANGS_S && !str_contains($log(), 'MMS060MI/List ->'), true), "\n";
echo "with the new settings' shipping line: ", describe('XC-4401'), "\n";

touch("$base/stop");
$r = finishPhp($worker, 30);
echo "worker: ", trim($r['stdout']), "\n";
echo "orders in Infor: ", count(confirmed()), "\n";
?>
--EXPECTF--
order XC-4401 in Infor while the stock poll still waits: true
with the new settings' shipping line: XC-4401: CUNO %s, 2 line(s) TSHIRT-BLK-M:1,SHIP-STD:1
worker: stopped
orders in Infor: 1
