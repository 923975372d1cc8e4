--TEST--
e2e: answers lost after Infor processed the call (head, line, confirm) never duplicate the order or a line
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
// the lines (and addresses) of a new batch order go in one bulk request: its answer is the one lost
$cases = [
    'LOST-CONFIRM' => [['match' => 'Confirm', 'after_processing' => true, 'status' => 503]],
    'LOST-HEAD' => [['match' => 'AddBatchHead', 'after_processing' => true, 'status' => 503]],
    'LOST-LINE' => [['match' => 'AddBatchLine', 'after_processing' => true, 'status' => 503]],
    'DROP-CONFIRM' => [['match' => 'Confirm', 'after_processing' => true, 'drop' => true]],
    'DROP-HEAD' => [['match' => 'AddBatchHead', 'after_processing' => true, 'drop' => true]],
    'DROP-LINE' => [['match' => 'AddBatchLine', 'after_processing' => true, 'drop' => true]],
    // the resume query itself fails once: it must not be taken for "nothing there"
    'HEAD-LSTFAIL' => [['match' => 'AddBatchHead', 'after_processing' => true, 'status' => 503],
                       ['match' => 'LstBatchHead', 'status' => 503]],
    'LINE-LSTFAIL' => [['match' => 'AddBatchLine', 'after_processing' => true, 'status' => 503],
                       ['match' => 'LstBatchLine', 'status' => 503]],
    'CONF-GETFAIL' => [['match' => 'Confirm', 'after_processing' => true, 'status' => 503],
                       ['match' => 'GetOrderNo', 'status' => 503]],
];
$items = [['TSHIRT-BLK-M', '19.90', 1], ['BOTTLE-500', '15.00', 2], ['CAP-RED', '14.00', 1]];
foreach ($cases as $number => $rules) {
    clearFaults();
    fault($rules);
    $r = deliver([order($number, $items)]);
    $e = $r['events'][$number];
    $left = count(control('GET', 'faults')['faults']);
    echo "$number: flush ", var_export($r['flushed'], true), ", {$e['state']} after {$e['record']['attempts']} attempts",
        $left ? ", $left fault rule(s) not used" : '', "\n";
    echo describe($number), "\n";
    $mine = ordersFor($number);
    if (count($mine) === 1 && $mine[0]['orno'] !== $e['record']['infor']['orno']) {
        echo "$number: event says orno {$e['record']['infor']['orno']}, Infor has {$mine[0]['orno']}\n";
    }
}
echo "orders in Infor: ", count(confirmed()), ", unconfirmed batch orders: ", count(orders()['batch_orders']), "\n";
?>
--EXPECT--
LOST-CONFIRM: flush true, done after 2 attempts
LOST-CONFIRM: CUNO WEBSHOP, 3 line(s) TSHIRT-BLK-M:1,BOTTLE-500:2,CAP-RED:1
LOST-HEAD: flush true, done after 2 attempts
LOST-HEAD: CUNO WEBSHOP, 3 line(s) TSHIRT-BLK-M:1,BOTTLE-500:2,CAP-RED:1
LOST-LINE: flush true, done after 2 attempts
LOST-LINE: CUNO WEBSHOP, 3 line(s) TSHIRT-BLK-M:1,BOTTLE-500:2,CAP-RED:1
DROP-CONFIRM: flush true, done after 2 attempts
DROP-CONFIRM: CUNO WEBSHOP, 3 line(s) TSHIRT-BLK-M:1,BOTTLE-500:2,CAP-RED:1
DROP-HEAD: flush true, done after 2 attempts
DROP-HEAD: CUNO WEBSHOP, 3 line(s) TSHIRT-BLK-M:1,BOTTLE-500:2,CAP-RED:1
DROP-LINE: flush true, done after 2 attempts
DROP-LINE: CUNO WEBSHOP, 3 line(s) TSHIRT-BLK-M:1,BOTTLE-500:2,CAP-RED:1
HEAD-LSTFAIL: flush true, done after 3 attempts
HEAD-LSTFAIL: CUNO WEBSHOP, 3 line(s) TSHIRT-BLK-M:1,BOTTLE-500:2,CAP-RED:1
LINE-LSTFAIL: flush true, done after 3 attempts
LINE-LSTFAIL: CUNO WEBSHOP, 3 line(s) TSHIRT-BLK-M:1,BOTTLE-500:2,CAP-RED:1
CONF-GETFAIL: flush true, done after 3 attempts
CONF-GETFAIL: CUNO WEBSHOP, 3 line(s) TSHIRT-BLK-M:1,BOTTLE-500:2,CAP-RED:1
orders in Infor: 9, unconfirmed batch orders: 0
