--TEST--
inbound() returns events from Infor oldest first until ack() removes them; filters by type and limit
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_030
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();
var_dump(InforSync\inbound());

$stock = plant_inbound($spool, 'stock.changed', ['sku' => 'MUG-LOGO', 'quantity' => '25', 'warehouses' => ['100' => '20', '200' => '5']]);
$ship = plant_inbound($spool, 'order.shipped', ['order_number' => 'XC-01001', 'tracking_number' => '1Z999AA10123456784', 'carrier' => 'UPS']);
$item = plant_inbound($spool, 'product.changed', ['sku' => 'CAP-RED', 'name' => 'Cap, red']);

$all = InforSync\inbound();
echo implode(' ', array_column($all, 'type')), "\n";
var_dump($all[0]['id'] === $stock, $all[0]['payload']['warehouses']['200']);
echo "again, not acknowledged: ", count(InforSync\inbound()), "\n";
echo "limit 2: ", count(InforSync\inbound(2)), "\n";
echo "only shipments: ", implode(' ', array_column(InforSync\inbound(100, ['order.shipped']), 'id')) === $ship ? 'yes' : 'no', "\n";
echo "two types: ", count(InforSync\inbound(100, ['order.shipped', 'product.changed'])), "\n";
echo "status counts them: ", InforSync\status()['spool']['inbound'], "\n";

echo "ack: ", InforSync\ack([$stock, $ship]), "\n";
echo "ack again: ", InforSync\ack([$stock]), "\n";
echo "left: ", implode(' ', array_column(InforSync\inbound(), 'type')), "\n";

// a damaged file is quarantined, never returned, never fatal
file_put_contents("$spool/inbound/" . basename($item), "garbage");
echo "after damage: ", count(InforSync\inbound()), ", corrupt ", InforSync\status()['spool']['corrupt'], "\n";

foreach ([fn() => InforSync\inbound(0), fn() => InforSync\inbound(10, [1]), fn() => InforSync\ack(['nope']),
          fn() => InforSync\ack([42])] as $call) {
    try {
        $call();
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('030');
?>
--EXPECT--
array(0) {
}
stock.changed order.shipped product.changed
bool(true)
string(1) "5"
again, not acknowledged: 3
limit 2: 2
only shipments: yes
two types: 2
status counts them: 3
ack: 2
ack again: 0
left: product.changed
after damage: 0, corrupt 1
ValueError: InforSync\inbound(): Argument #1 ($limit) must be greater than 0
TypeError: InforSync\inbound(): Argument #2 ($types) must contain only strings, int given
ValueError: InforSync\ack(): Argument #1 ($ids) must contain only event ids as returned by InforSync\inbound()
TypeError: InforSync\ack(): Argument #1 ($ids) must contain only strings, int given
