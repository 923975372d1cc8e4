--TEST--
rebuild_customer_index(): spools the rebuild job for the worker and returns its id at once
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_042
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

$t = microtime(true);
$id = InforSync\rebuild_customer_index();
var_dump(microtime(true) - $t < 1.0);
$event = InforSync\event($id);
var_dump($event['state'], $event['type'], $event['payload']);
// each call is a job of its own
var_dump(InforSync\rebuild_customer_index() !== $id, count(spool_files($spool, 'ready')));
// not a type the shop enqueues itself
try {
    InforSync\enqueue('customers.reindex', []);
} catch (ValueError $e) {
    echo get_class($e), "\n";
}
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('042');
?>
--EXPECT--
bool(true)
string(5) "ready"
string(17) "customers.reindex"
array(0) {
}
bool(true)
int(2)
ValueError
