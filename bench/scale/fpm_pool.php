<?php
// The throwaway php-fpm pools of bench/scale/fpm.php and fpm_memory.php:
// php-fpm -n -R -y pool.conf (pm static, a unix socket in SCALE_WORK), the
// extension and its settings with -d, requests through cgi-fcgi.

declare(strict_types=1);

require_once __DIR__ . '/lib.php';

/** Starts a pool; returns [child handle of the master, its children's pids, dir]. */
function start_pool(string $fpm, string $name, int $children, array $ini): array
{
    $dir = work() . "/fpm-$name";
    @mkdir($dir, 0700, true);
    file_put_contents("$dir/pool.conf", <<<CONF
        [global]
        pid = $dir/fpm.pid
        error_log = $dir/error.log
        daemonize = no

        [scale]
        listen = $dir/socket
        pm = static
        pm.max_children = $children
        catch_workers_output = yes

        CONF);
    $cmd = [$fpm, '-n', '-R', '-y', "$dir/pool.conf"];
    foreach ($ini as $key => $value) {
        $cmd[] = '-d';
        $cmd[] = "$key=$value";
    }
    $master = start_child($cmd, "fpm-$name");
    $pids = wait_for(function () use ($master, $dir, $children) {
        if (!child_running($master)) {
            fail("php-fpm ended at start:\n" . @file_get_contents("$dir/error.log"));
        }
        $pids = children_of($master['pid']);
        return file_exists("$dir/socket") && count($pids) === $children ? $pids : null;
    }, 30, "the pool $name to start", 10000);
    foreach ($pids as $pid) {
        record_pid($pid);
    }
    return [$master, $pids, $dir];
}

function stop_pool(array $master, array $pids): void
{
    stop_child($master, 15, 15); // SIGTERM: the master stops its children
    foreach ($pids as $pid) {
        if (file_exists("/proc/$pid")) {
            note("php-fpm child $pid still there: SIGKILL");
            posix_kill_pid($pid);
        }
        forget_pid($pid);
    }
}

function posix_kill_pid(int $pid): void
{
    exec('kill -9 ' . (int)$pid . ' 2>/dev/null');
}

/**
 * $rounds rounds of one request per child, sent at once (bench/scale/request.php with
 * $query added); returns pid => requests served.
 */
function send_requests(string $dir, int $children, int $rounds, array $query = []): array
{
    static $sent = 0; // barriers are never reused, whatever the caller's rounds
    $served = [];
    for ($round = 0; $round < $rounds; $round++) {
        $barrier = "$dir/barrier-" . $sent++;
        mkdir($barrier);
        $env = [
            'PATH' => getenv('PATH'),
            'SCRIPT_FILENAME' => __DIR__ . '/request.php',
            'REQUEST_METHOD' => 'GET',
            'QUERY_STRING' => http_build_query(['barrier' => $barrier, 'n' => $children] + $query),
        ];
        $procs = [];
        for ($i = 0; $i < $children; $i++) {
            $procs[] = start_child(['cgi-fcgi', '-bind', '-connect', "$dir/socket"], "cgi-fcgi-$i", $env);
        }
        foreach ($procs as $p) {
            fclose($p['stdin']);
            $p['stdin'] = null;
            wait_for(fn() => !child_running($p) ?: null, 30, 'a cgi-fcgi request', 5000);
            proc_close($p['proc']);
            forget_pid($p['pid']);
            if (!preg_match('/^(\d+)\s*$/m', (string)file_get_contents($p['out']), $m)) {
                fail("unexpected answer from php-fpm: " . file_get_contents($p['out']));
            }
            $served[(int)$m[1]] = ($served[(int)$m[1]] ?? 0) + 1;
        }
    }
    ksort($served);
    return $served;
}
