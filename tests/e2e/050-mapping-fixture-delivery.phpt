--TEST--
e2e mapping: the fixture order with addresses, coupon, taxes and a shipping charge is delivered; the sandbox call log shows exactly the expected calls in order with exactly the expected fields
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

$fixtures = realpath(__DIR__ . '/../fixtures');
$fixture = json_decode(file_get_contents("$fixtures/orders/01-eur-de-full.json"), true, 512, JSON_THROW_ON_ERROR);
$config = json_decode(str_replace('{fixtures}', $fixtures, json_encode($fixture['config'], JSON_UNESCAPED_SLASHES)), true);
$order = $fixture['payload'];
$order['order_number'] = orderNumber('XC-MAP');

reset();
addItem($config['shipping_item'], 'Shipping charge', '0.00');
$since = control('GET', 'calls')['last_seq'];
newSpool($config);
// no pollers: the call log then holds the order's calls only
$ini = ['infor_sync.poll_stock_interval' => 0, 'infor_sync.poll_items_interval' => 0,
        'infor_sync.poll_shipments_interval' => 0];
$r = deliver([$order], $ini);
$event = $r['events'][$order['order_number']];
echo "flush: ", var_export($r['flushed'], true), ", state {$event['state']}, attempts {$event['record']['attempts']}\n";
echo "mapping problems in the record: ", json_encode($event['record']['mapping']['problems'] ?? '(no mapping record)'), "\n";

$log = control('GET', "calls?since=$since")['calls'];
$head = $log[0] ?? null;
$orno = $head && $head['transaction'] === 'AddBatchHead' ? ($head['output'][0]['ORNO'] ?? null) : null;
echo "batch order number from AddBatchHead's answer: ", $orno !== null && $orno !== '' ? 'yes' : 'no', "\n";

// the expected calls with what delivery fills in: the customer and ORNO
$expected = [];
foreach ($fixture['expected_calls'] as $call) {
    foreach ($call['fields'] as $name => $value) {
        $call['fields'][$name] = strtr($value, ['{customer}' => 'WEBSHOP', '{head.ORNO}' => (string)$orno,
                                                'XC-20001' => $order['order_number']]);
    }
    $expected[] = $call;
}
echo "calls in the log: ", count($log), ", expected: ", count($expected), "\n";
$mismatch = 0;
for ($i = 0; $i < max(count($log), count($expected)); $i++) {
    $e = $expected[$i] ?? null;
    $g = $log[$i] ?? null;
    $eName = $e ? "{$e['program']}/{$e['transaction']}" : '(none)';
    $gName = $g ? "{$g['program']}/{$g['transaction']}" : '(none)';
    $gFields = $g['fields'] ?? [];
    unset($gFields['CONO']);  // the company travels as the cono matrix parameter
    $eFields = $e['fields'] ?? [];
    ksort($gFields);
    ksort($eFields);
    $ok = $eName === $gName && $gFields === $eFields && ($g['outcome'] ?? '') === 'ok' && ($g['ignored'] ?? []) === [];
    if (!$ok) {
        $mismatch++;
        echo "call $i: expected $eName ", json_encode($eFields, JSON_UNESCAPED_UNICODE), "\n",
             "        got $gName ", json_encode($gFields, JSON_UNESCAPED_UNICODE), " outcome ", $g['outcome'] ?? '-',
             ($g['ignored'] ?? []) ? ' ignored ' . json_encode($g['ignored']) : '', "\n";
    }
}
echo $mismatch ? "$mismatch call(s) differ\n" : "every call as expected\n";

$mine = ordersFor($order['order_number']);
echo "orders in Infor with this CUOR: ", count($mine), "\n";
if ($mine) {
    $o = $mine[0];
    echo "orno recorded: ", var_export($o['orno'] === ($event['record']['infor']['orno'] ?? null), true),
        ", lines: ", implode(',', array_map(fn($l) => "{$l['itno']}:{$l['orqt']}", $o['lines'])),
        ", addresses: ", implode(',', array_map(fn($a) => $a['adrt'], $o['addresses'])), "\n";
}
?>
--EXPECT--
flush: true, state done, attempts 1
mapping problems in the record: []
batch order number from AddBatchHead's answer: yes
calls in the log: 8, expected: 8
every call as expected
orders in Infor with this CUOR: 1
orno recorded: true, lines: TSHIRT-BLK-M:2,MUG-LOGO:1,SHIPPING:1, addresses: 1,3
