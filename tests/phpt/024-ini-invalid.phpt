--TEST--
Invalid infor_sync.* values give a startup warning naming the setting and fall back to the default
--EXTENSIONS--
infor_sync
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = sys_get_temp_dir() . '/infor_sync_phpt_024';
rm_tree($spool);
[$rc, $out, $err] = run_php([
    'infor_sync.spool_dir' => $spool,
    'infor_sync.worker' => 'sometimes',
    'infor_sync.durability' => 'maybe',
    'infor_sync.log_level' => 'loud',
    'infor_sync.retry_base_ms' => '0',
    'infor_sync.request_timeout_ms' => 'soon',
], '
    foreach (["worker", "durability", "log_level", "retry_base_ms", "request_timeout_ms"] as $k) {
        echo "$k = ", ini_get("infor_sync.$k"), "\n";
    }
    $s = InforSync\status();
    echo "mode ", $s["worker"]["mode"], ", durability ", $s["spool"]["durability"], "\n";
');
var_dump($rc);
echo $out;
$lines = array_filter(explode("\n", $err));
sort($lines);
echo implode("\n", $lines), "\n";

// php.ini spellings of on/off are understood
[$rc, $out, $err] = run_php(['infor_sync.spool_dir' => $spool, 'infor_sync.worker' => 'off',
                             'infor_sync.durability' => 'none'],
    '$s = InforSync\status(); echo $s["worker"]["mode"], " ", $s["spool"]["durability"], "\n";');
echo $out, $err;
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('024');
?>
--EXPECTF--
int(0)
worker = auto
durability = fsync
log_level = warning
retry_base_ms = 1000
request_timeout_ms = 30000
mode auto, durability fsync
PHP Warning:  PHP Startup: infor_sync.durability: invalid value "maybe"; expected fsync or none in Unknown on line 0
PHP Warning:  PHP Startup: infor_sync.log_level: invalid value "loud"; expected error, warning, info or debug in Unknown on line 0
PHP Warning:  PHP Startup: infor_sync.request_timeout_ms: must be a positive number, "soon" given in Unknown on line 0
PHP Warning:  PHP Startup: infor_sync.retry_base_ms: must be a positive number, "0" given in Unknown on line 0
PHP Warning:  PHP Startup: infor_sync.worker: invalid value "sometimes"; expected auto, on or off in Unknown on line 0
off none
