--TEST--
Without infor_sync.config_file: save_config() throws ConfigurationException naming the setting; config() is empty
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_022
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
fresh_spool();
var_dump(ini_get('infor_sync.config_file'));
try {
    InforSync\save_config(['cono' => 100]);
    echo "no exception\n";
} catch (InforSync\ConfigurationException $e) {
    echo $e->getMessage(), "\n";
    var_dump($e->getSetting());
}
var_dump(array_unique(InforSync\config()));
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('022');
?>
--EXPECT--
string(0) ""
infor_sync.config_file is not set in php.ini: nowhere to save the configuration
string(22) "infor_sync.config_file"
array(1) {
  ["cono"]=>
  NULL
}
