--TEST--
business settings as enqueue() and map_preview() see them: save_config() in the request is used by its next call; a file replaced by another process is used within a second or two of the same request (checked at most once a second, no stat() per call)
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_065/spool
infor_sync.config_file={TMP}/infor_sync_phpt_065/config.json
infor_sync.worker=off
infor_sync.durability=none
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_065';
rm_tree($root);
mkdir("$root/spool", 0700, true);
$settings = ['cono' => 100, 'divi' => 'AAA', 'order_type' => 'DTC', 'facility' => '100', 'warehouse' => '100',
             'default_customer' => 'WEBSHOP'];
$order = valid_order(['order_id' => '4243', 'order_number' => 'XC-4243']);

function order_type(array $order): string
{
    return InforSync\map_preview('order.placed', $order)['calls'][0]['fields']['ORTP'] ?? '(none)';
}

InforSync\save_config($settings);
echo "saved DTC: ", order_type($order), "\n";
InforSync\save_config(['order_type' => 'B2B'] + $settings);
echo "saved B2B, the next call: ", order_type($order), "\n";
echo "enqueue: ", is_string(InforSync\enqueue('order.placed', $order)) ? 'ok' : 'failed', "\n";

// another process (the admin's settings page in another php-fpm child) replaces the file
$file = ini_get('infor_sync.config_file');
file_put_contents("$file.new", json_encode(['order_type' => 'EXP'] + $settings));
rename("$file.new", $file);
$start = hrtime(true);
$seen = null;
while (hrtime(true) - $start < 5e9) {
    if (order_type($order) === 'EXP') {
        $seen = (hrtime(true) - $start) / 1e9;
        break;
    }
    usleep(20000);
}
echo "replaced by another process, seen within 2 s: ", var_export($seen !== null && $seen < 2.0, true),
     $seen === null ? " (not seen in 5 s)" : "", "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
rm_tree(sys_get_temp_dir() . '/infor_sync_phpt_065');
?>
--EXPECT--
saved DTC: DTC
saved B2B, the next call: B2B
enqueue: ok
replaced by another process, seen within 2 s: true
