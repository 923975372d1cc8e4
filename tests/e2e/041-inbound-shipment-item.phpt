--TEST--
e2e: an order shipped in Infor -> order.shipped with tracking number and carrier; an item renamed -> product.changed; both survive kill -9 between inbound() and ack()
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
$poll = ['infor_sync.poll_stock_interval' => '0', 'infor_sync.poll_items_interval' => '1',
         'infor_sync.poll_shipments_interval' => '1'];

$r = deliver([order('XC-4101', [['MUG-LOGO', '9.50', 2], ['CAP-RED', '14.90', 1]])], $poll);
$orno = $r['events']['XC-4101']['record']['infor']['orno'];
echo "delivered: ", $r['events']['XC-4101']['state'], "\n";

// In Infor: the warehouse ships the order, and someone renames an item.
control('POST', 'ship', ['ORNO' => $orno, 'ETRN' => '1Z999AA10123456784', 'FWNO' => 'UPS',
                         'SUNM' => 'United Parcel Service']);
control('POST', 'items/update', ['ITNO' => 'CAP-RED', 'ITDS' => 'Cap red, organic cotton']);

// The shop's task fetches what the worker polled, and dies before acknowledging.
$fetch = startPhp('
    $deadline = microtime(true) + 20;
    do {
        $events = InforSync\inbound(1000);
        $shipped = array_filter($events, fn($e) => $e["type"] === "order.shipped");
        $renamed = array_filter($events, fn($e) => $e["type"] === "product.changed"
                                                && $e["payload"]["name"] === "Cap red, organic cotton");
        if ($shipped && $renamed) break;
        usleep(100000);
    } while (microtime(true) < $deadline);
    echo json_encode(array_merge(array_column($shipped, "id"), array_column($renamed, "id")));
    fflush(STDOUT);
    exec("kill -9 " . getmypid()); /* -n: no posix extension in the child */', $poll);
$killed = finishPhp($fetch, 40);
$ids = json_decode($killed['stdout'], true);
echo "fetched before the kill: ", count($ids ?? []), " event(s), killed: ", var_export($killed['signal'] === 9, true), "\n";

// The next run gets them again (worker off: nothing new is polled meanwhile), applies, acknowledges.
$next = runJson('
    $events = InforSync\inbound(1000);
    echo json_encode(["events" => $events, "acked" => InforSync\ack(array_column($events, "id")),
                      "left" => count(InforSync\inbound(1000))]);', ['infor_sync.worker' => 'off']);
$byId = array_column($next['events'], null, 'id');
echo "same events again: ", var_export(!array_diff($ids, array_keys($byId)), true), "\n";
foreach ($ids as $id) {
    $e = $byId[$id];
    $p = $e['payload'];
    if ($e['type'] === 'order.shipped') {
        echo "order.shipped {$p['order_number']}: infor order ", var_export($p['infor_order'] === $orno, true),
             ", tracking {$p['tracking_number']}, carrier {$p['carrier']} ({$p['carrier_name']})\n";
    } else {
        echo "product.changed {$p['sku']}: {$p['name']}\n";
    }
}
echo "acknowledged all: ", var_export($next['acked'] === count($next['events']), true), ", left: {$next['left']}\n";
$status = array_values(array_filter($next['events'], fn($e) => $e['type'] === 'order.status'
                                                        && $e['payload']['order_number'] === 'XC-4101'));
echo "last order.status: ", end($status)['payload']['shipping_status'] ?? 'none', "\n";
?>
--EXPECT--
delivered: done
fetched before the kill: 2 event(s), killed: true
same events again: true
order.shipped XC-4101: infor order true, tracking 1Z999AA10123456784, carrier UPS (United Parcel Service)
product.changed CAP-RED: Cap red, organic cotton
acknowledged all: true, left: 0
last order.status: S
