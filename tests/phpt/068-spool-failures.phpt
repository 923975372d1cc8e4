--TEST--
spool failures are reported: a read-only spool and a full one in status()['spool']['error'] and logged once by the worker; a deleted spool makes flush() throw instead of claiming success (tmpfs mounts in a private mount namespace: root and unshare(1) needed)
--EXTENSIONS--
infor_sync
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die("skip mount (setuid) cannot run under valgrind's --trace-children");
exec('unshare -m --propagation private sh -c "mount -t tmpfs -o size=1m tmpfs /mnt" 2>&1', $out, $code);
if ($code !== 0) die("skip needs root and mount namespaces: " . implode(' ', $out));
?>
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_068/gone
infor_sync.log_file={TMP}/infor_sync_phpt_068/sync.log
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_068';
rm_tree($root);
mkdir("$root/mnt", 0700, true);
$php = PHP_BINARY . ' -n -d extension=' . escapeshellarg(extension_so()) . " -d infor_sync.spool_dir=$root/mnt/spool"
     . " -d infor_sync.log_file=$root/mnt.log -d infor_sync.durability=none";
$order = escapeshellarg('InforSync\enqueue("order.placed", ' . var_export(valid_order(), true) . ');');
// the worker leads (or tries to) for 2.5 s, then prints the spool's error
$watch = escapeshellarg('InforSync\flush(2500); echo json_encode(InforSync\status()["spool"]["error"], JSON_UNESCAPED_SLASHES), "\n";');

/* Runs a shell script in its own mount namespace with a 4 MiB tmpfs on $root/mnt: gone when it ends. */
function in_tmpfs(string $root, string $script): string
{
    $all = "mount -t tmpfs -o size=4m tmpfs $root/mnt && $script";
    exec('unshare -m --propagation private sh -c ' . escapeshellarg($all) . ' 2>&1', $out);
    return implode("\n", $out);
}

function logged(string $file, string $needle): int
{
    return is_file($file) ? substr_count(file_get_contents($file), $needle) : 0;
}

echo "-- read-only\n";
@unlink("$root/mnt.log");
$out = in_tmpfs($root, "$php -d infor_sync.worker=off -r $order && mount -o remount,ro $root/mnt "
                     . "&& $php -d infor_sync.worker=on -r $watch");
echo str_replace($root, '<root>', $out), "\n";
echo "logged: ", logged("$root/mnt.log", 'cannot be written: Read-only file system: events cannot be taken'), "\n";

echo "-- full\n";
@unlink("$root/mnt.log");
$out = in_tmpfs($root, "$php -d infor_sync.worker=off -r $order "
                     . "&& (dd if=/dev/zero of=$root/mnt/filler bs=64k >/dev/null 2>&1; true) "
                     . "&& $php -d infor_sync.worker=on -r $watch");
echo str_replace($root, '<root>', $out), "\n";
echo "logged: ", logged("$root/mnt.log", 'is full: 0 bytes'), "\n";

echo "-- deleted\n";
$spool = ini_get('infor_sync.spool_dir');
InforSync\enqueue('order.placed', valid_order());
rm_tree($spool);
try {
    var_dump(InforSync\flush(100));
} catch (InforSync\SpoolException $e) {
    echo get_class($e), ": ", str_replace($root, '<root>', $e->getMessage()), "\n";
}
echo str_replace($root, '<root>', InforSync\status()['spool']['error']), "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('068');
?>
--EXPECTF--
-- read-only
"spool directory <root>/mnt/spool cannot be written: Read-only file system"
logged: 1
-- full
"the file system of spool <root>/mnt/spool is full: 0 bytes, %d inodes free"
logged: 1
-- deleted
InforSync\SpoolException: spool directory <root>/gone is gone: No such file or directory
spool directory <root>/gone is gone: No such file or directory
