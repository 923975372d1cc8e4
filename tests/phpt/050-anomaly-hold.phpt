--TEST--
Anomaly hold: an order far outside the store's history is flagged and held before any attempt; held(), release() (not flagged again), discard_held(); later events of the order wait behind it
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_050
infor_sync.durability=none
infor_sync.anomaly_hold=1
infor_sync.retry_base_ms=60000
infor_sync.retry_cap_ms=60000
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

// the history the worker keeps: 25 delivered orders of 20 to 80 EUR, one line of one piece
mkdir($spool, 0700, true);
$totals = array_map(fn($i) => sprintf('%.2f', 20 + $i * 2.5), range(0, 24));
file_put_contents("$spool/anomaly.json", json_encode(['v' => 1, 'metrics' => [
    'total_amount' => $totals, 'max_line_quantity' => array_fill(0, 25, '1'),
    'line_count' => array_fill(0, 25, '1')]]));

$big = InforSync\enqueue('order.placed', valid_order(['order_number' => 'BIG-1', 'total_amount' => '250000.00',
    'items' => [['sku' => 'MUG-01', 'name' => 'Mug', 'price' => '250000.00', 'quantity' => 1]]]));
$normal = InforSync\enqueue('order.placed', valid_order(['order_number' => 'NORMAL-1', 'email' => 'bob@example.com',
    'total_amount' => '49.90', 'items' => [['sku' => 'MUG-01', 'name' => 'Mug', 'price' => '49.90', 'quantity' => 1]]]));
var_dump(InforSync\flush(5000) === false); // NORMAL-1 retries: no credentials

$e = InforSync\event($big);
echo "BIG-1: {$e['state']}, attempts ", $e['record']['attempts'] ?? 0, "\n";
print_r($e['record']['anomaly']['metrics']);
var_dump(is_int($e['record']['anomaly']['flagged_at']), is_int($e['record']['anomaly']['held_at']));
$n = InforSync\event($normal);
echo "NORMAL-1: {$n['state']}, attempts {$n['record']['attempts']}, flagged: ", var_export(isset($n['record']['anomaly']), true), "\n";

$held = InforSync\held();
echo count($held), " held: {$held[0]['order_number']} {$held[0]['type']} ", var_export($held[0]['id'] === $big, true), " ",
     $held[0]['anomaly']['metrics'][0]['metric'], "\n";
var_dump(isset($held[0]['payload']), isset($held[0]['created_at'], $held[0]['held_at']));
$status = InforSync\status();
echo "status: flagged {$status['anomalies']['flagged']}, held {$status['anomalies']['held']}, hold ",
     var_export($status['anomalies']['hold'], true), ", spool held {$status['spool']['held']}\n";

// a status change of the held order waits behind it
$change = InforSync\enqueue('order.status_changed', ['order_number' => 'BIG-1', 'payment_status' => 'C']);
usleep(300000);
$c = InforSync\event($change);
echo "status change: {$c['state']}, waiting for BIG-1: ", var_export($c['record']['waiting_for'] === $big, true),
     ", attempts ", $c['record']['attempts'] ?? 0, "\n";

// released: sent as it is (here: no credentials, so it retries), never flagged or held again
var_dump(InforSync\release($big), InforSync\release($big));
usleep(500000);
$e = InforSync\event($big);
echo "BIG-1 after release: {$e['state']}, attempts {$e['record']['attempts']}, released: ",
     var_export(is_int($e['record']['anomaly']['released_at']), true), "\n";
echo "flagged ", InforSync\status()['anomalies']['flagged'], ", held ", count(InforSync\held()), "\n";
$c = InforSync\event($change);
echo "status change: {$c['state']}, behind BIG-1's retry: ", var_export($c['record']['waiting_for'] === $big, true), "\n";

// discarded: gone, with its record
$big2 = InforSync\enqueue('order.placed', valid_order(['order_number' => 'BIG-2', 'email' => 'carl@example.com',
    'total_amount' => '99999.00', 'items' => [['sku' => 'MUG-01', 'name' => 'Mug', 'price' => '99999.00', 'quantity' => 1]]]));
usleep(300000);
echo "BIG-2: ", InforSync\event($big2)['state'], "\n";
var_dump(InforSync\discard_held($big2), InforSync\discard_held($big2), InforSync\event($big2));
var_dump(file_exists("$spool/records/$big2.json"));
var_dump(InforSync\release($normal)); // not held

foreach (['InforSync\held' => 0, 'InforSync\release' => 'nope', 'InforSync\discard_held' => 'nope'] as $fn => $arg) {
    try {
        $fn($arg);
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('050');
?>
--EXPECT--
bool(true)
BIG-1: held, attempts 0
Array
(
    [0] => Array
        (
            [metric] => total_amount
            [value] => 250000.00
            [median] => 50.00
            [limit] => 183.43
        )

)
bool(true)
bool(true)
NORMAL-1: deferred, attempts 1, flagged: false
1 held: BIG-1 order.placed true total_amount
bool(false)
bool(true)
status: flagged 1, held 1, hold true, spool held 1
status change: deferred, waiting for BIG-1: true, attempts 0
bool(true)
bool(false)
BIG-1 after release: deferred, attempts 1, released: true
flagged 1, held 0
status change: deferred, behind BIG-1's retry: true
BIG-2: held
bool(true)
bool(false)
NULL
bool(false)
bool(false)
InforSync\held(): Argument #1 ($limit) must be greater than 0
InforSync\release(): Argument #1 ($id) must be an event id as returned by InforSync\enqueue()
InforSync\discard_held(): Argument #1 ($id) must be an event id as returned by InforSync\enqueue()
