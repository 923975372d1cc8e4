--TEST--
infor_sync.enabled=0: enqueue() and flush() throw ConfigurationException naming the setting
--EXTENSIONS--
infor_sync
--INI--
infor_sync.enabled=0
infor_sync.spool_dir={TMP}/infor_sync_phpt_016
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();
foreach (['enqueue' => fn() => InforSync\enqueue('order.placed', valid_order()),
          'flush' => fn() => InforSync\flush(0)] as $name => $call) {
    try {
        $call();
        echo "$name: no exception\n";
    } catch (InforSync\ConfigurationException $e) {
        echo "$name: ", $e->getMessage(), "\n";
        var_dump($e->getSetting(), $e instanceof InforSync\Exception);
    }
}
var_dump(is_dir("$spool/ready") ? spool_files($spool, 'ready') : []);
var_dump(InforSync\status()['enabled']);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('016');
?>
--EXPECT--
enqueue: infor_sync is disabled (infor_sync.enabled=0 in php.ini)
string(18) "infor_sync.enabled"
bool(true)
flush: infor_sync is disabled (infor_sync.enabled=0 in php.ini)
string(18) "infor_sync.enabled"
bool(true)
array(0) {
}
bool(false)
