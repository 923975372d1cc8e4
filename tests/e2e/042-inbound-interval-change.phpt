--TEST--
e2e: polling intervals saved with save_config() reach a running worker: php.ini's hour is cut to a second without a restart, then 0 turns stock polling off
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool(['stock_warehouses' => ['100', '200']]);
$ini = ['infor_sync.poll_stock_interval' => '3600', 'infor_sync.poll_items_interval' => '0',
        'infor_sync.poll_shipments_interval' => '0'];

// one process throughout: its worker must take the new intervals as they are saved
$r = runJson('
    require ' . var_export(__DIR__ . '/harness.inc', true) . ';
    function stock(float $waitS): array {
        $deadline = microtime(true) + $waitS;
        do {
            InforSync\flush(100); // the worker runs in this CLI process
            $events = InforSync\inbound(1000, ["stock.changed"]);
            if ($events) {
                InforSync\ack(array_column($events, "id"));
                return array_map(fn($e) => $e["payload"]["sku"] . "=" . $e["payload"]["quantity"], $events);
            }
            usleep(100000);
        } while (microtime(true) < $deadline);
        return [];
    }
    $config = E2E\BUSINESS_CONFIG + ["stock_warehouses" => ["100", "200"]];
    $out = ["first" => count(stock(15))];   // a kind that never ran polls at once
    E2E\control("POST", "stock", ["WHLO" => "100", "ITNO" => "MUG-LOGO", "STQT" => "43", "ALQT" => "0"]);
    $out["hourly"] = stock(3);
    $out["polling_before"] = InforSync\status()["polling"]["stock"];
    InforSync\save_config($config + ["poll_stock_interval" => 1]);
    $out["after_save"] = stock(30); // with the hourly interval nothing would come in this time
    $out["polling_fast"] = InforSync\status()["polling"]["stock"];
    InforSync\save_config($config + ["poll_stock_interval" => 0]);
    // status() shows the interval once the poller has it (after a poll that was running)
    E2E\waitFor(function () { InforSync\flush(100); return InforSync\status()["polling"]["stock"]["interval"] === 0; },
                30, "stock polling off in status()");
    E2E\control("POST", "stock", ["WHLO" => "100", "ITNO" => "MUG-LOGO", "STQT" => "44", "ALQT" => "0"]);
    $out["off"] = stock(4);
    $out["polling_off"] = InforSync\status()["polling"]["stock"];
    echo json_encode($out);
', $ini, 150);

echo "first poll: ", $r['first'] > 0 ? 'events' : 'none', "\n";
echo "php.ini's hour: ", json_encode($r['hourly']), " ", json_encode($r['polling_before']), "\n";
echo "after save_config(poll_stock_interval 1): ", json_encode($r['after_save']), " ", json_encode($r['polling_fast']), "\n";
echo "after save_config(poll_stock_interval 0): ", json_encode($r['off']), " ", json_encode($r['polling_off']), "\n";
?>
--EXPECT--
first poll: events
php.ini's hour: [] {"interval":3600,"source":"php.ini"}
after save_config(poll_stock_interval 1): ["MUG-LOGO=61"] {"interval":1,"source":"config"}
after save_config(poll_stock_interval 0): [] {"interval":0,"source":"config"}
