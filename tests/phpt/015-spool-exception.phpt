--TEST--
SpoolException when the spool directory cannot be created: names the directory and the reason; code is errno
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_015/plain-file/spool
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_015';
rm_tree($root);
mkdir($root);
file_put_contents("$root/plain-file", "not a directory\n");

foreach (['enqueue' => fn() => InforSync\enqueue('order.placed', valid_order()),
          'status' => fn() => InforSync\status(),
          'dead_letters' => fn() => InforSync\dead_letters()] as $name => $call) {
    try {
        $call();
        echo "$name: no exception\n";
    } catch (InforSync\SpoolException $e) {
        echo "$name: ", get_class($e), "\n";
        echo $e->getMessage(), "\n";
        var_dump($e->getCode(), $e->getDirectory() === ini_get('infor_sync.spool_dir'));
        var_dump($e instanceof InforSync\Exception, $e instanceof RuntimeException);
    }
}
var_dump(file_get_contents("$root/plain-file"));
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('015');
?>
--EXPECTF--
enqueue: InforSync\SpoolException
spool directory %s/infor_sync_phpt_015/plain-file/spool: Not a directory
int(20)
bool(true)
bool(true)
bool(true)
status: InforSync\SpoolException
spool directory %s/infor_sync_phpt_015/plain-file/spool: Not a directory
int(20)
bool(true)
bool(true)
bool(true)
dead_letters: InforSync\SpoolException
spool directory %s/infor_sync_phpt_015/plain-file/spool: Not a directory
int(20)
bool(true)
bool(true)
bool(true)
string(16) "not a directory
"
