--TEST--
phpinfo()/--ri: every setting and the state of the credentials (not set, missing, world-readable, fine)
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_023/spool
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_023';
rm_tree($root);
mkdir($root);

ob_start();
(new ReflectionExtension('infor_sync'))->info();
$info = ob_get_clean();
echo str_replace($root, '<root>', $info);

// The credentials line for other .ionapi files, from a fresh PHP.
$ionapi = json_encode(['ti' => 'TEN_PRD', 'cn' => 'xcart', 'ci' => 'TEN_PRD~client', 'cs' => 's3cr3t',
    'iu' => 'https://ionapi.example.com', 'pu' => 'https://sso.example.com/TEN_PRD/as/',
    'ot' => 'token.oauth2', 'saak' => 'TEN_PRD#key', 'sask' => 's3cr3t-service']);
file_put_contents("$root/shop.ionapi", $ionapi);
function credentials_line(string $root, string $file): string {
    [$rc, $out, $err] = run_php(['infor_sync.spool_dir' => "$root/spool", 'infor_sync.ionapi_file' => $file,
                                 'infor_sync.worker' => 'off'],
                                '(new ReflectionExtension("infor_sync"))->info();');
    preg_match('/^Credentials => (.*)$/m', $out, $m);
    return str_replace($root, '<root>', ($m[1] ?? "no Credentials line (exit $rc)") . $err) . "\n";
}
echo credentials_line($root, "$root/missing.ionapi");
chmod("$root/shop.ionapi", 0644);
echo credentials_line($root, "$root/shop.ionapi");
chmod("$root/shop.ionapi", 0600);
echo credentials_line($root, "$root/shop.ionapi");
file_put_contents("$root/shop.ionapi", '{"ti": "TEN_PRD"');
echo credentials_line($root, "$root/shop.ionapi");
// the secrets are never shown
var_dump(str_contains(credentials_line($root, "$root/shop.ionapi"), 's3cr3t'));
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('023');
?>
--EXPECTF--
infor_sync

infor_sync support => enabled
Version => %d.%d.%s
Event types => order.placed, order.status_changed, payment.captured, payment.refunded, payment.voided, customer.created, customer.updated
Credentials => infor_sync.ionapi_file is not set
Polling => stock every 300 s (php.ini), items every 3600 s (php.ini), shipments every 300 s (php.ini)
Delivering worker => none running
Counters => 0 delivered, 0 retried, 0 dead, 0 corrupt
Deliveries => 0 in flight, at most 8 now (infor_sync.max_in_flight 8), 0 overloaded answers
Anomalies => 0 flagged, 0 held for review (infor_sync.anomaly_hold is off)
Mapping templates => customer.created (built-in), customer.updated (built-in), order.placed (built-in), order.status_changed (built-in), payment.captured (built-in), payment.refunded (built-in), payment.voided (built-in)

Directive => Local Value => Master Value
infor_sync.enabled => On => On
infor_sync.spool_dir => <root>/spool => <root>/spool
infor_sync.ionapi_file => no value => no value
infor_sync.config_file => no value => no value
infor_sync.worker => %s => %s
infor_sync.durability => fsync => fsync
infor_sync.ca_file => no value => no value
infor_sync.verify_tls => On => On
infor_sync.connect_timeout_ms => 5000 => 5000
infor_sync.request_timeout_ms => 30000 => 30000
infor_sync.retry_base_ms => 1000 => 1000
infor_sync.retry_cap_ms => 300000 => 300000
infor_sync.retry_max_age => 259200 => 259200
infor_sync.shutdown_timeout_ms => 2000 => 2000
infor_sync.done_retention => 604800 => 604800
infor_sync.poll_stock_interval => 300 => 300
infor_sync.poll_items_interval => 3600 => 3600
infor_sync.poll_shipments_interval => 300 => 300
infor_sync.log_level => warning => warning
infor_sync.mapping_dir => no value => no value
infor_sync.m3_metadata => no value => no value
infor_sync.log_file => no value => no value
infor_sync.anomaly_hold => Off => Off
infor_sync.anomaly_threshold => 6 => 6
infor_sync.anomaly_min_history => 20 => 20
infor_sync.max_in_flight => 8 => 8
credentials file <root>/missing.ionapi: No such file or directory
ok: tenant TEN_PRD, password (service account) grant; WARNING: readable by other users, chmod 600 it
ok: tenant TEN_PRD, password (service account) grant
credentials file <root>/shop.ionapi: %s
bool(false)
