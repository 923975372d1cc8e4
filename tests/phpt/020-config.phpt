--TEST--
save_config() and config(): saved normalised (cono an int, unset keys null) in a 0600 file
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_020/spool
infor_sync.config_file={TMP}/infor_sync_phpt_020/infor_sync.json
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_020';
rm_tree($root);
mkdir($root);
$file = ini_get('infor_sync.config_file');

// nothing saved yet: every key, all null
var_dump(InforSync\config());

var_dump(InforSync\save_config(['cono' => '100', 'divi' => 'AAA', 'warehouse' => '001',
                                'currency' => 'EUR', 'facility' => null]));
var_dump(InforSync\config());
printf("mode %o\n", fileperms($file) & 0777);
var_dump(json_decode(file_get_contents($file), true)['cono']);
var_dump(array_values(array_diff(scandir($root), ['.', '..', 'spool'])) == ['infor_sync.json']); // no tmp file left

// saving replaces everything: keys left out are unset again
InforSync\save_config(['cono' => 200]);
var_dump(InforSync\config()['cono'], InforSync\config()['divi']);

// an empty array clears the configuration
InforSync\save_config([]);
var_dump(array_filter(InforSync\config(), fn($v) => $v !== null));
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('020');
?>
--EXPECT--
array(32) {
  ["cono"]=>
  NULL
  ["divi"]=>
  NULL
  ["order_type"]=>
  NULL
  ["facility"]=>
  NULL
  ["warehouse"]=>
  NULL
  ["default_customer"]=>
  NULL
  ["customer_template"]=>
  NULL
  ["currency"]=>
  NULL
  ["customer_prefix"]=>
  NULL
  ["guest_rule"]=>
  NULL
  ["guest_customer"]=>
  NULL
  ["stock_quantity"]=>
  NULL
  ["stock_mode"]=>
  NULL
  ["stock_warehouse"]=>
  NULL
  ["payment_posting"]=>
  NULL
  ["cash_desk"]=>
  NULL
  ["payment_method_code"]=>
  NULL
  ["journal_interface"]=>
  NULL
  ["journal_cash_account"]=>
  NULL
  ["journal_receivable_account"]=>
  NULL
  ["base_currency"]=>
  NULL
  ["rate_source"]=>
  NULL
  ["shipping_item"]=>
  NULL
  ["stock_warehouses"]=>
  NULL
  ["status_map"]=>
  NULL
  ["rate_refresh"]=>
  NULL
  ["lookups"]=>
  NULL
  ["enrichment"]=>
  NULL
  ["tax_map"]=>
  NULL
  ["poll_stock_interval"]=>
  NULL
  ["poll_items_interval"]=>
  NULL
  ["poll_shipments_interval"]=>
  NULL
}
NULL
array(32) {
  ["cono"]=>
  int(100)
  ["divi"]=>
  string(3) "AAA"
  ["order_type"]=>
  NULL
  ["facility"]=>
  NULL
  ["warehouse"]=>
  string(3) "001"
  ["default_customer"]=>
  NULL
  ["customer_template"]=>
  NULL
  ["currency"]=>
  string(3) "EUR"
  ["customer_prefix"]=>
  NULL
  ["guest_rule"]=>
  NULL
  ["guest_customer"]=>
  NULL
  ["stock_quantity"]=>
  NULL
  ["stock_mode"]=>
  NULL
  ["stock_warehouse"]=>
  NULL
  ["payment_posting"]=>
  NULL
  ["cash_desk"]=>
  NULL
  ["payment_method_code"]=>
  NULL
  ["journal_interface"]=>
  NULL
  ["journal_cash_account"]=>
  NULL
  ["journal_receivable_account"]=>
  NULL
  ["base_currency"]=>
  NULL
  ["rate_source"]=>
  NULL
  ["shipping_item"]=>
  NULL
  ["stock_warehouses"]=>
  NULL
  ["status_map"]=>
  NULL
  ["rate_refresh"]=>
  NULL
  ["lookups"]=>
  NULL
  ["enrichment"]=>
  NULL
  ["tax_map"]=>
  NULL
  ["poll_stock_interval"]=>
  NULL
  ["poll_items_interval"]=>
  NULL
  ["poll_shipments_interval"]=>
  NULL
}
mode 600
int(100)
bool(true)
int(200)
NULL
array(0) {
}
