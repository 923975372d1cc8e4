--TEST--
A forked child neither runs the parent's worker nor keeps the parent's leadership alive
--EXTENSIONS--
infor_sync
pcntl
posix
--INI--
infor_sync.worker=off
--FILE--
<?php
$spool = sys_get_temp_dir() . '/infor_sync_fork_test';
$so = getenv('INFOR_SYNC_SO') ?: ini_get('extension_dir') . '/infor_sync.so';
// The parent: leads (worker=on, no credentials needed to hold the lock), forks a child
// that sleeps without touching infor_sync, reports, then exits while the child lives on.
$code = <<<'PHP'
$deadline = microtime(true) + 5;
while (!InforSync\status()['worker']['leader'] && microtime(true) < $deadline) usleep(20000);
echo "parent leads: ", var_export(InforSync\status()['worker']['leader'], true), "\n";
$pid = pcntl_fork();
if ($pid === 0) {
    sleep(3);
    exit(0);
}
file_put_contents($argv[1], $pid);
echo "parent exits\n";
PHP;
$child_file = "$spool.child";
$cmd = [PHP_BINARY, '-n', '-d', "extension=$so", '-d', "infor_sync.spool_dir=$spool",
        '-d', 'infor_sync.worker=on', '-d', 'infor_sync.shutdown_timeout_ms=500', '-r', $code, $child_file];
// Output to a file, not a pipe: the sleeping child inherits it and would hold a pipe open.
$proc = proc_open($cmd, [1 => ['file', "$spool.out", 'w'], 2 => ['file', "$spool.out", 'a']], $pipes);
proc_close($proc);
echo file_get_contents("$spool.out");
$child = (int)file_get_contents($child_file);
var_dump(posix_kill($child, 0)); // the child is still alive

// Nobody may hold the leader lock now: the child closed its inherited descriptor.
$info = [];
exec(implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', "extension=$so", '-d',
     "infor_sync.spool_dir=$spool", '-d', 'infor_sync.worker=off', '-r',
     'echo json_encode(InforSync\status()["worker"]["leader_pid"]);'])), $info);
echo "leader while only the child lives: ", $info[0], "\n";

// In a forked child of this very process, status() reports no worker of its own.
$pid = pcntl_fork();
if ($pid === 0) {
    echo "child pid matches: ", var_export(InforSync\status()['worker']['pid'] === getmypid(), true), "\n";
    echo "child runs a worker: ", var_export(InforSync\status()['worker']['running'], true), "\n";
    exit(0);
}
pcntl_waitpid($pid, $st);
posix_kill($child, SIGKILL);
?>
--CLEAN--
<?php
$spool = sys_get_temp_dir() . '/infor_sync_fork_test';
exec('rm -rf ' . escapeshellarg($spool) . ' ' . escapeshellarg("$spool.child") . ' ' . escapeshellarg("$spool.out"));
?>
--EXPECT--
parent leads: true
parent exits
bool(true)
leader while only the child lives: null
child pid matches: true
child runs a worker: false
