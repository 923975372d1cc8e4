--TEST--
e2e: the service account may not call DRS100MI (Infor answers 403): order.shipped still arrives with its tracking number, without the carrier's name; status()['degraded'] and one log line say so
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$spool = newSpool();
$poll = ['infor_sync.poll_stock_interval' => '0', 'infor_sync.poll_items_interval' => '0',
         'infor_sync.poll_shipments_interval' => '1'];

$r = deliver([order('XC-4601', [['MUG-LOGO', '9.50', 1]])], $poll);
$orno = $r['events']['XC-4601']['record']['infor']['orno'];
echo "delivered: ", $r['events']['XC-4601']['state'], "\n";

control('POST', 'faults', ['match' => 'DRS100MI/GetShipment', 'count' => 1000, 'status' => 403]);
control('POST', 'ship', ['ORNO' => $orno, 'ETRN' => '1Z999AA10123456785', 'FWNO' => 'UPS',
                         'SUNM' => 'United Parcel Service']);

$seen = runJson('
    $deadline = microtime(true) + 30;
    do {
        $shipped = array_values(array_filter(InforSync\inbound(1000), fn($e) => $e["type"] === "order.shipped"));
        $degraded = InforSync\status()["degraded"];
        if ($shipped && $degraded) break;
        usleep(100000);
    } while (microtime(true) < $deadline);
    echo json_encode(["shipped" => $shipped, "degraded" => $degraded]);', $poll);
$p = $seen['shipped'][0]['payload'] ?? [];
echo "order.shipped {$p['order_number']}: tracking {$p['tracking_number']}, carrier {$p['carrier']}, carrier_name ",
     var_export($p['carrier_name'], true), "\n";
$note = $seen['degraded']['DRS100MI/GetShipment'] ?? [];
echo "degraded: ", implode(', ', array_keys($seen['degraded'])), ", missing {$note['missing']}, reason has 403: ",
     var_export(str_contains($note['reason'] ?? '', '403'), true), "\n";
$log = file_get_contents("$spool/log");
echo "log lines saying so: ", substr_count($log, 'DRS100MI/GetShipment failed'), "\n";
?>
--EXPECT--
delivered: done
order.shipped XC-4601: tracking 1Z999AA10123456785, carrier UPS, carrier_name NULL
degraded: DRS100MI/GetShipment, missing carrier_name, reason has 403: true
log lines saying so: 1
