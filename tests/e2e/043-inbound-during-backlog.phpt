--TEST--
e2e: stock keeps flowing during a backlog: with 100 ms per Infor call and 80 orders to deliver, a stock change in Infor reaches the inbound queue while orders are still waiting, and every order is still created once
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool(['stock_warehouses' => ['100', '200']]);
$ini = ['infor_sync.poll_stock_interval' => '1', 'infor_sync.poll_items_interval' => '0',
        'infor_sync.poll_shipments_interval' => '0', 'infor_sync.max_in_flight' => 4];
control('POST', 'latency', ['ms' => 100]);
register_shutdown_function(fn() => control('POST', 'latency', ['ms' => 0]));

/** The spool's inbound stock.changed payloads, in the order they were made. */
function stockInbound(string $spool): array
{
    $payloads = [];
    foreach (glob("$spool/inbound/*") as $file) {
        $event = json_decode(substr(file_get_contents($file), strpos(file_get_contents($file), "\n") + 1), true);
        if (($event['type'] ?? '') === 'stock.changed') {
            $payloads[] = $event['payload'];
        }
    }
    return $payloads;
}

// the backlog: 80 orders of 80 customers spooled while no worker runs
$orders = [];
for ($i = 1; $i <= 80; $i++) {
    $orders[] = order(sprintf('XC-43%03d', $i), [['TSHIRT-BLK-M', '19.90', 1], ['CAP-RED', '14.00', 1]],
                      ['customer_id' => (string)(43000 + $i), 'email' => "backlog$i@example.com"]);
}
enqueue($orders, ['infor_sync.worker' => 'off'] + $ini);
$waiting = fn() => count(glob("$base/spool/ready/*")) + count(glob("$base/spool/active/*"));
echo "orders waiting: ", $waiting(), "\n";

$a = startPhp('InforSync\flush(120000); echo "flushed\n";', $ini);
waitFor(fn() => count(stockInbound("$base/spool")) >= 8, 30, 'the first stock poll');
control('POST', 'stock', ['WHLO' => '100', 'ITNO' => 'MUG-LOGO', 'STQT' => '41', 'ALQT' => '5']);
$seen = waitFor(function () use ($base, $waiting) {
    foreach (stockInbound("$base/spool") as $p) {
        if ($p['sku'] === 'MUG-LOGO' && $p['warehouses']['100'] === 41) {
            return ['waiting' => $waiting()];
        }
    }
    return null;
}, 30, 'the stock change in the inbound queue');
echo "stock change in the inbound queue while orders wait: ", var_export($seen['waiting'] > 0, true), "\n";
$ra = finishPhp($a, 150);
echo "delivery: ", trim($ra['stdout']), "\n";
$counts = cuorCounts();
echo "orders in Infor: ", count(confirmed()), ", each CUOR once: ", var_export(count($counts) === 80 && max($counts) === 1, true), "\n";
?>
--EXPECT--
orders waiting: 80
stock change in the inbound queue while orders wait: true
delivery: flushed
orders in Infor: 80, each CUOR once: true
