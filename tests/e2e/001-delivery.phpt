--TEST--
e2e: three orders reach Infor once each, with the right head, lines and order numbers
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
$orders = [
    order('XC-1001', [['HOODIE-GRY-XL', '49.00', 1]]),
    order('XC-1002', [['TSHIRT-BLK-M', '19.90', 2, '3.98'], ['MUG-LOGO', '9.50', 3], ['CAP-RED', '14.00', 1, '0.00']],
          ['date' => '2026-11-27T09:15:00Z']),
    order('XC-1003', [['SOCKS-3PK', '12.00', 4]], ['infor_customer' => 'C10001', 'date' => '2026-12-01']),
];
$ids = enqueue($orders);

$r = runJson('
    $flushed = InforSync\flush(20000);
    $events = [];
    foreach (' . var_export($ids, true) . ' as $number => $id) {
        $events[$number] = InforSync\event($id);
    }
    echo json_encode(["flushed" => $flushed, "events" => $events, "status" => InforSync\status()]);
');
echo "flush: ", var_export($r['flushed'], true), "\n";

$byCuor = [];
foreach (confirmed() as $o) {
    $byCuor[$o['cuor']][] = $o;
}
ksort($byCuor);
echo "orders in Infor: ", count(confirmed()), ", unconfirmed batches: ", count(orders()['batch_orders']), "\n";
foreach ($byCuor as $cuor => $list) {
    foreach ($list as $o) {
        echo "$cuor: CUNO {$o['cuno']} ORTP {$o['ortp']} FACI {$o['faci']} WHLO {$o['whlo']} ORDT {$o['ordt']} CUCD {$o['cucd']}\n";
        foreach ($o['lines'] as $l) {
            echo "  {$l['ponr']} {$l['itno']} ORQT {$l['orqt']} SAPR {$l['sapr']} DIA1 ", $l['dia1'] ?? '-', " WHLO {$l['whlo']}\n";
        }
    }
}

// what the shop sees: the event's record carries Infor's order number
$infor = [];
foreach ($r['events'] as $number => $event) {
    $sandbox = $byCuor[$number][0]['orno'] ?? '(none)';
    $infor[$event['record']['infor']['orno']] = $number;
    echo "$number: state {$event['state']}, attempts {$event['record']['attempts']}, orno ",
        $event['record']['infor']['orno'] === $sandbox ? 'matches' : "{$event['record']['infor']['orno']} != $sandbox",
        ", batch ", $event['record']['infor']['batch_orno'] === $byCuor[$number][0]['batch_orno'] ? 'matches' : 'differs',
        ", cuno {$event['record']['infor']['cuno']}\n";
}
$s = $r['status'];
echo "counters: ", json_encode($s['counters']), "\n";
echo "spool: ready {$s['spool']['ready']} active {$s['spool']['active']} deferred {$s['spool']['deferred']} dead {$s['spool']['dead']} done {$s['spool']['done']}\n";
echo "leader is this process: ", var_export($s['worker']['leader_pid'] === $s['worker']['pid'], true), "\n";
echo "token valid: ", var_export($s['token']['valid'], true), ", last_error: ", json_encode($s['last_error']), "\n";
$last = [];
foreach ($s['last_deliveries'] as $d) {
    $last[$d['order_number']] = isset($infor[$d['infor']['orno']]) && $infor[$d['infor']['orno']] === $d['order_number'] ? 'orno ok' : 'orno wrong';
}
ksort($last);
echo "last_deliveries: ", json_encode($last), "\n";
$stats = stats();
echo "sandbox: AddBatchHead ", $stats['requests']['OIS100MI/AddBatchHead'], ", AddBatchLine ", $stats['requests']['OIS100MI/AddBatchLine'],
    ", Confirm ", $stats['requests']['OIS100MI/Confirm'], ", tokens issued ", $stats['tokens_issued'], "\n";
?>
--EXPECT--
flush: true
orders in Infor: 3, unconfirmed batches: 0
XC-1001: CUNO WEBSHOP ORTP DTC FACI 100 WHLO 100 ORDT 20261126 CUCD EUR
  1 HOODIE-GRY-XL ORQT 1 SAPR 49.00 DIA1 - WHLO 100
XC-1002: CUNO WEBSHOP ORTP DTC FACI 100 WHLO 100 ORDT 20261127 CUCD EUR
  1 TSHIRT-BLK-M ORQT 2 SAPR 19.90 DIA1 3.98 WHLO 100
  2 MUG-LOGO ORQT 3 SAPR 9.50 DIA1 - WHLO 100
  3 CAP-RED ORQT 1 SAPR 14.00 DIA1 - WHLO 100
XC-1003: CUNO C10001 ORTP DTC FACI 100 WHLO 100 ORDT 20261201 CUCD EUR
  1 SOCKS-3PK ORQT 4 SAPR 12.00 DIA1 - WHLO 100
XC-1001: state done, attempts 1, orno matches, batch matches, cuno WEBSHOP
XC-1002: state done, attempts 1, orno matches, batch matches, cuno WEBSHOP
XC-1003: state done, attempts 1, orno matches, batch matches, cuno C10001
counters: {"delivered":3,"retried":0,"dead":0,"corrupt":0}
spool: ready 0 active 0 deferred 0 dead 0 done 3
leader is this process: true
token valid: true, last_error: null
last_deliveries: {"XC-1001":"orno ok","XC-1002":"orno ok","XC-1003":"orno ok"}
sandbox: AddBatchHead 3, AddBatchLine 5, Confirm 3, tokens issued 1
