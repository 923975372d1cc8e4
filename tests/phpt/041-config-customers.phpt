--TEST--
save_config()/config(): customer_prefix, guest_rule, guest_customer saved and validated
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_041/spool
infor_sync.config_file={TMP}/infor_sync_phpt_041/infor_sync.json
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_041';
rm_tree($root);
mkdir($root);

$keys = ['customer_template', 'customer_prefix', 'guest_rule', 'guest_customer'];
// unset by default (the worker then uses XC and the shared guest rule)
var_dump(array_intersect_key(InforSync\config(), array_flip($keys)));

InforSync\save_config(['customer_template' => 'TEMPLATE', 'customer_prefix' => 'WEB',
                       'guest_rule' => 'per_email', 'guest_customer' => 'GUEST']);
var_dump(array_intersect_key(InforSync\config(), array_flip($keys)));
$saved = file_get_contents(ini_get('infor_sync.config_file'));

try {
    InforSync\save_config(['customer_prefix' => 'xc', 'guest_rule' => 'per-email',
                           'guest_customer' => 'GUEST-00001', 'customer_template' => 'TEMPLATE-0001']);
} catch (InforSync\ValidationException $e) {
    foreach ($e->getErrors() as $error) {
        echo "{$error['path']} => {$error['message']}\n";
    }
}
try {
    InforSync\save_config(['customer_prefix' => 'XCUST', 'guest_rule' => 1]);
} catch (InforSync\ValidationException $e) {
    foreach ($e->getErrors() as $error) {
        echo "{$error['path']} => {$error['message']}\n";
    }
}
var_dump(file_get_contents(ini_get('infor_sync.config_file')) === $saved);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('041');
?>
--EXPECT--
array(4) {
  ["customer_template"]=>
  NULL
  ["customer_prefix"]=>
  NULL
  ["guest_rule"]=>
  NULL
  ["guest_customer"]=>
  NULL
}
array(4) {
  ["customer_template"]=>
  string(8) "TEMPLATE"
  ["customer_prefix"]=>
  string(3) "WEB"
  ["guest_rule"]=>
  string(9) "per_email"
  ["guest_customer"]=>
  string(5) "GUEST"
}
guest_rule => must be "shared" or "per_email"
guest_customer => is longer than 10 characters (Infor CUNO)
customer_template => is longer than 10 characters (Infor CUTM)
customer_prefix => must be capital letters or digits (the start of an Infor customer number)
customer_prefix => is longer than 4 characters (Infor CUNO)
guest_rule => must be a string
bool(true)
