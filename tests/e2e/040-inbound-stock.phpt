--TEST--
e2e: stock in two warehouses -> one stock.changed per SKU with the sum and per-warehouse quantities; unchanged stock -> no event
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool(['stock_warehouses' => ['100', '200']]);
$poll = ['infor_sync.poll_stock_interval' => '1', 'infor_sync.poll_items_interval' => '0',
         'infor_sync.poll_shipments_interval' => '0'];

/* a child that waits up to $waitS for stock events, then acknowledges them; a poll writes its
   events one by one, so they are taken once two looks 100 ms apart see the same number */
function stockEvents(array $ini, float $waitS, float $settleS = 0): array
{
    return runJson('
        $deadline = microtime(true) + ' . $waitS . ';
        $events = [];
        $seen = -1;
        while (microtime(true) < $deadline) {
            $events = InforSync\inbound(1000, ["stock.changed"]);
            if ($events && microtime(true) + ' . $settleS . ' >= $deadline) break;
            if ($events && ' . $settleS . ' == 0 && count($events) === $seen) break;
            $seen = count($events);
            usleep(100000);
        }
        InforSync\ack(array_column($events, "id"));
        $out = [];
        foreach ($events as $e) { $out[$e["payload"]["sku"]] = $e["payload"]; }
        ksort($out);
        echo json_encode($out);
    ', $ini, $waitS + 30);
}

$first = stockEvents($poll, 15);
echo "first poll: ", count($first), " SKUs\n";
foreach (['MUG-LOGO', 'SOCKS-3PK', 'BOTTLE-500'] as $sku) {
    echo "$sku: ", json_encode($first[$sku] ?? null), "\n";
}

control('POST', 'stock', ['WHLO' => '200', 'ITNO' => 'MUG-LOGO', 'STQT' => '20', 'ALQT' => '0']);
control('POST', 'stock', ['WHLO' => '100', 'ITNO' => 'MUG-LOGO', 'STQT' => '41', 'ALQT' => '5']);
$second = stockEvents($poll, 15);
echo "after the change: ", json_encode($second), "\n";

$third = stockEvents($poll, 4, 4);
echo "unchanged: ", count($third), " events\n";
?>
--EXPECT--
first poll: 8 SKUs
MUG-LOGO: {"sku":"MUG-LOGO","quantity":58,"warehouses":{"100":40,"200":18},"quantity_rule":"on_hand","mode":"sum"}
SOCKS-3PK: {"sku":"SOCKS-3PK","quantity":245,"warehouses":{"100":200,"200":45},"quantity_rule":"on_hand","mode":"sum"}
BOTTLE-500: {"sku":"BOTTLE-500","quantity":60,"warehouses":{"100":0,"200":60},"quantity_rule":"on_hand","mode":"sum"}
after the change: {"MUG-LOGO":{"sku":"MUG-LOGO","quantity":61,"warehouses":{"100":41,"200":20},"quantity_rule":"on_hand","mode":"sum"}}
unchanged: 0 events
