--TEST--
enqueue() writes the event to ready/ with its envelope; money is kept exactly as decimal text
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_010
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

$order = valid_order([
    'order_number' => 1001,                  // an int, as X-Cart often has it
    'total_amount' => 0.1 + 0.2,             // float: the shortest repr, not rounded
    'items' => [
        ['sku' => 'MUG-01', 'price' => 19.99, 'quantity' => 3],
        ['sku' => 'TEA-02', 'price' => '007.50', 'quantity' => '2', 'discount' => 0],
        ['sku' => 'BIG-03', 'price' => 1, 'quantity' => 9007199254740993], // beyond a double's exact integers
    ],
]);
$id = InforSync\enqueue('order.placed', $order);
var_dump(strlen($id), (bool)preg_match('/^[0-9a-f]{13}-[0-9a-f]{10}$/', $id));
var_dump(spool_files($spool, 'ready') === [$id]);
var_dump(spool_files($spool, 'tmp'));

$path = "$spool/ready/$id";
printf("mode %o\n", fileperms($path) & 0777);
[$header, $env] = read_event_file($path);
var_dump($header[0], $header[1] === $id, strlen($header[2]), (int)$header[3] === strlen(explode("\n", file_get_contents($path), 2)[1]));
var_dump(array_keys($env));
var_dump($env['v'], $env['id'] === $id, $env['type'], $env['idempotency_key']);
var_dump((bool)preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/', $env['created_at']));
$p = $env['payload'];
var_dump($p['order_number'], $p['total_amount']);
var_dump($p['items'][0]['price'], $p['items'][0]['quantity']);
var_dump($p['items'][1]['price'], $p['items'][1]['quantity'], $p['items'][1]['discount']);
var_dump($p['items'][2]['quantity']);
var_dump($p['billing_address']['lastname'], $p['email'], $p['date']);

// a second event gets another id that sorts after the first
usleep(2000);
$second = InforSync\enqueue('order.placed', valid_order(['order_number' => '1002']));
var_dump($second !== $id, strcmp($id, $second) < 0, count(spool_files($spool, 'ready')));
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('010');
?>
--EXPECT--
int(24)
bool(true)
bool(true)
array(0) {
}
mode 600
string(6) "ISYNC1"
bool(true)
int(64)
bool(true)
array(6) {
  [0]=>
  string(1) "v"
  [1]=>
  string(2) "id"
  [2]=>
  string(4) "type"
  [3]=>
  string(10) "created_at"
  [4]=>
  string(15) "idempotency_key"
  [5]=>
  string(7) "payload"
}
int(1)
bool(true)
string(12) "order.placed"
NULL
bool(true)
string(4) "1001"
string(19) "0.30000000000000004"
string(5) "19.99"
string(1) "3"
string(4) "7.50"
string(1) "2"
string(1) "0"
string(16) "9007199254740993"
string(7) "Müller"
string(16) "anna@example.com"
string(20) "2026-11-26T14:03:00Z"
bool(true)
bool(true)
int(2)
