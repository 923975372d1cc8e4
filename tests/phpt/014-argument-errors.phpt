--TEST--
enqueue(): an unknown event type is a ValueError naming the known types; a non-array payload a TypeError
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_014
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

foreach (['order.cancelled', '', 'ORDER.PLACED'] as $type) {
    try {
        InforSync\enqueue($type, valid_order());
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
foreach (['a string', 42, null, new stdClass()] as $payload) {
    try {
        InforSync\enqueue('order.placed', $payload);
    } catch (TypeError $e) {
        echo $e->getMessage(), "\n";
    }
}
var_dump(file_exists($spool));
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('014');
?>
--EXPECT--
InforSync\enqueue(): Argument #1 ($type) must be a known event type (order.placed, order.status_changed, payment.captured, payment.refunded, payment.voided, customer.created, customer.updated), "order.cancelled" given
InforSync\enqueue(): Argument #1 ($type) must be a known event type (order.placed, order.status_changed, payment.captured, payment.refunded, payment.voided, customer.created, customer.updated), "" given
InforSync\enqueue(): Argument #1 ($type) must be a known event type (order.placed, order.status_changed, payment.captured, payment.refunded, payment.voided, customer.created, customer.updated), "ORDER.PLACED" given
InforSync\enqueue(): Argument #2 ($payload) must be of type array, string given
InforSync\enqueue(): Argument #2 ($payload) must be of type array, int given
InforSync\enqueue(): Argument #2 ($payload) must be of type array, null given
InforSync\enqueue(): Argument #2 ($payload) must be of type array, stdClass given
bool(false)
