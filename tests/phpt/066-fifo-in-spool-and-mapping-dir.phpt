--TEST--
a FIFO named like a template in infor_sync.mapping_dir or like an event in ready/ blocks nothing: enqueue() returns, the template is reported unreadable (status(), log) with the built-in one in use, the worker quarantines the FIFO in corrupt/ with a log line
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_066/spool
infor_sync.config_file={TMP}/infor_sync_phpt_066/config.json
infor_sync.mapping_dir={TMP}/infor_sync_phpt_066/mapping
infor_sync.worker=off
infor_sync.log_file={TMP}/infor_sync_phpt_066/sync.log
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_066';
rm_tree($root);
mkdir("$root/spool/ready", 0700, true);
mkdir("$root/mapping", 0700, true);
function mkfifo(string $path): void
{
    exec('mkfifo ' . escapeshellarg($path), $out, $code);
    $code === 0 or die("mkfifo failed\n");
}
mkfifo("$root/mapping/order.placed.json");
InforSync\save_config(['cono' => 100, 'divi' => 'AAA', 'order_type' => 'DTC', 'facility' => '100',
                       'warehouse' => '100', 'default_customer' => 'WEBSHOP']);

InforSync\flush(0); // opens the spool, and the log file with it
echo "-- enqueue with a FIFO as the admin's template\n";
$id = InforSync\enqueue('order.placed', valid_order());
echo "enqueued: ", strlen($id), " chars\n";
$t = InforSync\status()['mapping']['templates']['order.placed'];
echo "origin: {$t['origin']}\n";
echo "error: ", str_replace($root, '<root>', $t['errors'][0]['message']), "\n";
$log = file_get_contents("$root/sync.log");
echo "logged: ", str_contains($log, 'is not a regular file') ? 'yes' : 'no', "\n";

echo "-- a FIFO in ready/, the worker leads for a moment\n";
$fifo = '0000000000001-00000000aa';
unlink("$root/spool/ready/$id");
mkfifo("$root/spool/ready/$fifo");
[$code, $out, $err] = run_php([
    'infor_sync.spool_dir' => "$root/spool", 'infor_sync.config_file' => "$root/config.json",
    'infor_sync.mapping_dir' => "$root/mapping", 'infor_sync.durability' => 'none',
    'infor_sync.worker' => 'on', 'infor_sync.log_file' => "$root/sync.log",
], 'var_dump(InforSync\flush(5000));');
echo "exit: $code, flush: ", trim($out), "\n", $err;
echo "corrupt/: ", in_array($fifo, spool_files("$root/spool", 'corrupt')) ? 'the FIFO' : 'not there', "\n";
$log = file_get_contents("$root/sync.log");
echo "logged: ", preg_match("/event $fifo moved to corrupt\\/: .*not a regular file/", $log) ? 'yes' : 'no', "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('066');
?>
--EXPECTF--
-- enqueue with a FIFO as the admin's template
enqueued: 24 chars
origin: built-in%s
error: cannot be read: <root>/mapping/order.placed.json is not a regular file
logged: yes
-- a FIFO in ready/, the worker leads for a moment
exit: 0, flush: bool(true)
corrupt/: the FIFO
logged: yes
