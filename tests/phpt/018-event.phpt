--TEST--
event(): an event's state, payload and record; null for an unknown id; ValueError for a malformed id
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_018
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

$id = InforSync\enqueue('order.placed', valid_order(['total_amount' => 23.98]), 'xcart-1001');
$event = InforSync\event($id);
var_dump(array_keys($event));
var_dump($event['id'] === $id, $event['state'], $event['type'], $event['idempotency_key'], $event['record']);
var_dump((bool)preg_match('/^\d{4}-\d\d-\d\dT[\d:.]+Z$/', $event['created_at']));
var_dump($event['payload'] == array_replace(valid_order(), ['total_amount' => '23.98', 'items' => [
    ['sku' => 'MUG-01', 'name' => 'Mug', 'price' => '11.99', 'quantity' => '2']]]));

// as the worker leaves it after a failure
rename("$spool/ready/$id", "$spool/deferred/$id");
file_put_contents("$spool/records/$id.json", json_encode(['attempts' => 2, 'last_error' => 'HTTP 503']));
$event = InforSync\event($id);
var_dump($event['state'], $event['record']);

// unknown, well-formed
var_dump(InforSync\event('0190a1b2c3d4e-abcdef0123'));
// malformed
foreach (['', 'nope', '../../etc/passwd', strtoupper($id), $id . 'x'] as $bad) {
    try {
        InforSync\event($bad);
        echo "no exception\n";
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('018');
?>
--EXPECT--
array(7) {
  [0]=>
  string(2) "id"
  [1]=>
  string(5) "state"
  [2]=>
  string(4) "type"
  [3]=>
  string(10) "created_at"
  [4]=>
  string(15) "idempotency_key"
  [5]=>
  string(7) "payload"
  [6]=>
  string(6) "record"
}
bool(true)
string(5) "ready"
string(12) "order.placed"
string(10) "xcart-1001"
array(0) {
}
bool(true)
bool(true)
string(8) "deferred"
array(2) {
  ["attempts"]=>
  int(2)
  ["last_error"]=>
  string(8) "HTTP 503"
}
NULL
InforSync\event(): Argument #1 ($id) must be an event id as returned by InforSync\enqueue()
InforSync\event(): Argument #1 ($id) must be an event id as returned by InforSync\enqueue()
InforSync\event(): Argument #1 ($id) must be an event id as returned by InforSync\enqueue()
InforSync\event(): Argument #1 ($id) must be an event id as returned by InforSync\enqueue()
InforSync\event(): Argument #1 ($id) must be an event id as returned by InforSync\enqueue()
