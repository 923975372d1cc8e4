--TEST--
enqueue() with an idempotency key: the same key gives the same id and one file
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_011
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

$first = InforSync\enqueue('order.placed', valid_order(), 'xcart-order-1001');
$again = InforSync\enqueue('order.placed', valid_order(['total_amount' => '99.00']), 'xcart-order-1001');
var_dump($again === $first);
var_dump(spool_files($spool, 'ready') === [$first]);
// the stored event is the first one
[, $env] = read_event_file("$spool/ready/$first");
var_dump($env['payload']['total_amount'], $env['idempotency_key']);

$other = InforSync\enqueue('order.placed', valid_order(['order_number' => '1002']), 'xcart-order-1002');
var_dump($other !== $first, count(spool_files($spool, 'ready')));

// a 200-byte key is fine, no key twice gives two events
var_dump(strlen(InforSync\enqueue('order.placed', valid_order(), str_repeat('k', 200))));
InforSync\enqueue('order.placed', valid_order());
InforSync\enqueue('order.placed', valid_order(), null);
var_dump(count(spool_files($spool, 'ready')));

foreach (['', str_repeat('k', 201)] as $key) {
    try {
        InforSync\enqueue('order.placed', valid_order(), $key);
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(count(spool_files($spool, 'ready')));
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('011');
?>
--EXPECT--
bool(true)
bool(true)
string(5) "23.98"
string(16) "xcart-order-1001"
bool(true)
int(2)
int(24)
int(5)
ValueError: InforSync\enqueue(): Argument #3 ($idempotencyKey) must be null or a string of 1 to 200 bytes
ValueError: InforSync\enqueue(): Argument #3 ($idempotencyKey) must be null or a string of 1 to 200 bytes
int(5)
