--TEST--
save_config(): polling intervals replace php.ini's when set (0 = off, at most a week), refused values named; status() says which applies
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_063/spool
infor_sync.config_file={TMP}/infor_sync_phpt_063/infor_sync.json
infor_sync.worker=off
infor_sync.poll_items_interval=7200
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_063';
rm_tree($root);
mkdir($root);

function polling(): string {
    $out = [];
    foreach (InforSync\status()['polling'] as $kind => $p) {
        $out[] = "$kind {$p['interval']} ({$p['source']})";
    }
    return implode(', ', $out);
}

echo polling(), "\n";
// forms post numbers as text; 0 turns a kind off; null leaves php.ini's value
InforSync\save_config(['cono' => 100, 'poll_stock_interval' => '60', 'poll_items_interval' => 0,
                       'poll_shipments_interval' => null]);
$c = InforSync\config();
var_dump($c['poll_stock_interval'], $c['poll_items_interval'], $c['poll_shipments_interval']);
echo polling(), "\n";

$saved = file_get_contents(ini_get('infor_sync.config_file'));
try {
    InforSync\save_config(['poll_stock_interval' => -1, 'poll_items_interval' => 604801,
                           'poll_shipments_interval' => '5 minutes']);
    echo "no exception\n";
} catch (InforSync\ValidationException $e) {
    foreach ($e->getErrors() as $error) {
        echo "  {$error['path']} => {$error['message']}\n";
    }
}
var_dump(file_get_contents(ini_get('infor_sync.config_file')) === $saved);

// php.ini follows the same rule
[$rc, $out, $err] = run_php(['infor_sync.spool_dir' => "$root/spool2", 'infor_sync.worker' => 'off',
                             'infor_sync.poll_stock_interval' => '-5', 'infor_sync.poll_items_interval' => '1'],
    'echo ini_get("infor_sync.poll_stock_interval"), " ", ini_get("infor_sync.poll_items_interval"), "\n";');
echo $out, trim($err), "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('063');
?>
--EXPECTF--
stock 300 (php.ini), items 7200 (php.ini), shipments 300 (php.ini)
int(60)
int(0)
NULL
stock 60 (config), items 0 (config), shipments 300 (php.ini)
  poll_stock_interval => must be a number of seconds from 0 (off) to 604800
  poll_items_interval => must be a number of seconds from 0 (off) to 604800
  poll_shipments_interval => must be a number of seconds from 0 (off) to 604800
bool(true)
300 1
PHP Warning:  PHP Startup: infor_sync.poll_stock_interval: invalid value "-5"; expected seconds from 0 (off) to 604800 in Unknown on line 0
