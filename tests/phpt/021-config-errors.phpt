--TEST--
save_config() rejects unknown keys and too long values, listing each, and keeps the saved file
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_021/spool
infor_sync.config_file={TMP}/infor_sync_phpt_021/infor_sync.json
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_021';
rm_tree($root);
mkdir($root);
$file = ini_get('infor_sync.config_file');

InforSync\save_config(['cono' => 100]);
$saved = file_get_contents($file);
try {
    InforSync\save_config(['cono' => 1000, 'divi' => 'ABCD', 'warehous' => '001',
                           'default_customer' => 'CUSTOMER-0001', 'currency' => 'eur']);
    echo "no exception\n";
} catch (InforSync\ValidationException $e) {
    echo $e->getMessage(), "\n";
    foreach ($e->getErrors() as $error) {
        echo "  {$error['path']} => {$error['message']}\n";
    }
}
try {
    InforSync\save_config(['divi' => ['AAA']]);
} catch (InforSync\ValidationException $e) {
    echo $e->getMessage(), "\n";
}
try {
    InforSync\save_config(['divi' => "\xFF"]);
} catch (InforSync\ValidationException $e) {
    echo $e->getMessage(), "\n";
}
var_dump(file_get_contents($file) === $saved, InforSync\config()['cono']);

// a file the admin broke by hand
file_put_contents($file, "{\n  \"cono\": 100,\n  \"divi\": \"AAA\"\n  \"currency\": \"EUR\"\n}\n");
try {
    InforSync\config();
    echo "no exception\n";
} catch (InforSync\ConfigurationException $e) {
    echo str_replace($file, '<file>', $e->getMessage()), "\n";
    var_dump($e->getSetting());
}
// saving repairs it
InforSync\save_config(['cono' => 300]);
var_dump(InforSync\config()['cono']);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('021');
?>
--EXPECTF--
invalid configuration: cono: must be an M3 company number from 1 to 999 (CONO); divi: is longer than 3 characters (Infor DIVI); warehous: is not a known setting; default_customer: is longer than 10 characters (Infor CUNO); currency: must be an ISO 4217 code like "EUR"
  cono => must be an M3 company number from 1 to 999 (CONO)
  divi => is longer than 3 characters (Infor DIVI)
  warehous => is not a known setting
  default_customer => is longer than 10 characters (Infor CUNO)
  currency => must be an ISO 4217 code like "EUR"
invalid configuration: divi: must be a string
invalid configuration: divi: is not valid UTF-8
bool(true)
int(100)
configuration file <file>: line 4: %s
string(22) "infor_sync.config_file"
int(300)
