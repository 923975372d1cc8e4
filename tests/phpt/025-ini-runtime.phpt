--TEST--
infor_sync.* are system settings: ini_set() at runtime fails and changes nothing
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_025
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();
foreach (['spool_dir' => '/tmp/elsewhere', 'enabled' => '0', 'worker' => 'on', 'durability' => 'none',
          'config_file' => '/tmp/x.json', 'ionapi_file' => '/tmp/x.ionapi', 'retry_base_ms' => '5'] as $k => $v) {
    $before = ini_get("infor_sync.$k");
    var_dump(ini_set("infor_sync.$k", $v), ini_get("infor_sync.$k") === $before);
}
var_dump(InforSync\status()['spool']['dir'] === $spool);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('025');
?>
--EXPECT--
bool(false)
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)
bool(true)
