--TEST--
flush() without a worker: true on an empty spool, false after the timeout while an event waits
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_026
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

var_dump(InforSync\flush(0), InforSync\flush());

$id = InforSync\enqueue('order.placed', valid_order());
$start = hrtime(true);
var_dump(InforSync\flush(200));
$ms = (hrtime(true) - $start) / 1e6;
var_dump($ms >= 190 && $ms < 2000);
var_dump(InforSync\flush(0));
var_dump(InforSync\status()['worker']['running']); // flush() did not start one

// events in deferred/ and active/ wait too; dead and done ones do not
rename("$spool/ready/$id", "$spool/deferred/$id");
var_dump(InforSync\flush(0));
rename("$spool/deferred/$id", "$spool/active/$id");
var_dump(InforSync\flush(0));
rename("$spool/active/$id", "$spool/dead/$id");
var_dump(InforSync\flush(0));

try {
    InforSync\flush(-1);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('026');
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
bool(true)
InforSync\flush(): Argument #1 ($timeoutMs) must be greater than or equal to 0
