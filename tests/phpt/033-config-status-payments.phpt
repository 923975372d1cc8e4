--TEST--
save_config(): status_map and payment posting settings, saved normalised; bad values refused with their paths
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_033/spool
infor_sync.config_file={TMP}/infor_sync_phpt_033/infor_sync.json
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_033';
rm_tree($root);
mkdir($root);

function show(array $config): void
{
    try {
        InforSync\save_config($config);
        $saved = InforSync\config();
        echo "saved: ", json_encode(array_intersect_key($saved, array_flip(
            ['cono', 'status_map', 'payment_posting', 'cash_desk', 'payment_method_code', 'journal_interface',
             'journal_cash_account', 'journal_receivable_account']))), "\n";
    } catch (InforSync\ValidationException $e) {
        echo "refused\n";
        foreach ($e->getErrors() as $error) {
            echo "  {$error['path']} => {$error['message']}\n";
        }
    }
}

// defaults: no map saved, nothing posted
show([]);
show(['payment_posting' => 'cash_desk', 'cash_desk' => 'CD1', 'payment_method_code' => 'CC',
      'status_map' => ['payment' => ['D' => 'cancel', 'C' => 'cancel', 'R' => 'none'],
                       'shipping' => ['R' => 'cancel'],
                       'infor_to_shipping' => ['22' => 'P', '77' => 'S', '99' => 'D']]]);
show(['cono' => 100, 'payment_posting' => 'journal', 'journal_interface' => 'XCART',
      'journal_cash_account' => '1930', 'journal_receivable_account' => '1510']);
show(['payment_posting' => 'cash', 'cash_desk' => 'DESK-01', 'payment_method_code' => 'CARD']);
show(['payment_posting' => 'cash_desk']);
show(['payment_posting' => 'journal']);
show(['status_map' => ['payment' => ['X' => 'cancel', 'C' => 'delete'], 'shipping' => 'cancel',
                       'infor_to_shipping' => ['7' => 'S', '66' => 'shipped'], 'inbound' => []]]);
show(['status_map' => 'cancel everything']);
var_dump(InforSync\config()['payment_posting']);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('033');
?>
--EXPECT--
saved: {"cono":null,"payment_posting":null,"cash_desk":null,"payment_method_code":null,"journal_interface":null,"journal_cash_account":null,"journal_receivable_account":null,"status_map":null}
saved: {"cono":null,"payment_posting":"cash_desk","cash_desk":"CD1","payment_method_code":"CC","journal_interface":null,"journal_cash_account":null,"journal_receivable_account":null,"status_map":{"payment":{"D":"cancel","C":"cancel"},"shipping":{"R":"cancel"},"infor_to_shipping":{"22":"P","77":"S","99":"D"}}}
saved: {"cono":100,"payment_posting":"journal","cash_desk":null,"payment_method_code":null,"journal_interface":"XCART","journal_cash_account":"1930","journal_receivable_account":"1510","status_map":null}
refused
  payment_posting => must be "cash_desk", "journal" or "none"
  cash_desk => is longer than 5 characters (Infor CSHD)
  payment_method_code => is longer than 3 characters (Infor PYCD)
refused
  cash_desk => is required when payment_posting is "cash_desk"
  payment_method_code => is required when payment_posting is "cash_desk"
refused
  journal_interface => is required when payment_posting is "journal"
  journal_cash_account => is required when payment_posting is "journal"
  journal_receivable_account => is required when payment_posting is "journal"
  cono => is required when payment_posting is "journal" (GLS840MI CONO)
refused
  status_map.payment.X => is not an X-Cart payment status code
  status_map.payment.C => must be "cancel" or "none"
  status_map.shipping => must be an array of X-Cart status code => "cancel" or "none"
  status_map.infor_to_shipping.7 => is not an Infor order status (two digits like "66")
  status_map.infor_to_shipping.66 => must be an X-Cart shipping status code (N P S D WND R WFA NBA)
  status_map.inbound => is not known (payment, shipping, infor_to_shipping)
refused
  status_map => must be an array with keys payment, shipping, infor_to_shipping
string(7) "journal"
