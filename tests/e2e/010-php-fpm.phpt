--TEST--
e2e: a php-fpm pool (4 children, 40 concurrent requests): one leader at a time, lazy start, takeover after SIGKILL, every order once
--SKIPIF--
<?php
require __DIR__ . '/harness.inc';
E2E\skipUnlessSandbox();
if (!is_executable('/usr/sbin/php-fpm8.2')) echo "skip php-fpm8.2 is not installed\n";
elseif (!trim((string)shell_exec('command -v cgi-fcgi'))) echo "skip cgi-fcgi (libfcgi-bin) is not installed\n";
?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

const FPM = '/usr/sbin/php-fpm8.2';

function freePort(): int
{
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int)substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
    fclose($server);
    return $port;
}

/** Pids whose parent is $pid. */
function childrenOf(int $pid): array
{
    $children = [];
    foreach (glob('/proc/[0-9]*/stat') as $stat) {
        $fields = explode(' ', substr(strrchr((string)@file_get_contents($stat), ')'), 2));
        if (($fields[1] ?? null) == $pid) {
            $children[] = (int)basename(dirname($stat));
        }
    }
    sort($children);
    return $children;
}

/** Fires one request per order number at once through cgi-fcgi; returns the decoded answers. */
function fire(int $port, string $script, array $numbers): array
{
    $running = [];
    foreach ($numbers as $n) {
        $env = ['SCRIPT_FILENAME' => $script, 'SCRIPT_NAME' => '/enqueue.php', 'REQUEST_METHOD' => 'GET',
                'QUERY_STRING' => "n=$n", 'REQUEST_URI' => "/enqueue.php?n=$n", 'SERVER_PROTOCOL' => 'HTTP/1.1',
                'GATEWAY_INTERFACE' => 'CGI/1.1', 'REMOTE_ADDR' => '127.0.0.1', 'PATH' => getenv('PATH')];
        $p = proc_open(['cgi-fcgi', '-bind', '-connect', "127.0.0.1:$port"], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
        $running[$n] = [$p, $pipes];
    }
    $answers = [];
    foreach ($running as $n => [$p, $pipes]) {
        $raw = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        proc_close($p);
        $body = substr($raw, strpos($raw, "\r\n\r\n") + 4);
        $answers[$n] = json_decode($body, true) ?? fail("request $n: unexpected answer: $raw $err");
    }
    return $answers;
}

function leaderPid(): ?int
{
    return status()['worker']['leader_pid'];
}

/** Distinct pids that logged taking the lead, in order. */
function leadersLogged(string $base): array
{
    preg_match_all('/infor_sync\[(\d+)\] info: leading delivery/', (string)@file_get_contents("$base/log"), $m);
    return array_values(array_unique(array_map('intval', $m[1])));
}

reset();
$base = newSpool();
$port = freePort();
$ini = iniSettings(['infor_sync.worker' => 'auto']);
$lines = [
    '[global]', "error_log = $base/fpm.log", 'daemonize = no', 'log_level = notice', '',
    '[e2e]', "listen = 127.0.0.1:$port", 'pm = static', 'pm.max_children = 4', 'catch_workers_output = yes',
    'clear_env = no',
];
foreach ($ini as $name => $value) {
    $lines[] = "php_admin_value[$name] = $value";
}
file_put_contents("$base/pool.conf", implode("\n", $lines) . "\n");
$script = "$base/enqueue.php";
file_put_contents($script, '<?php
require ' . var_export(__DIR__ . '/harness.inc', true) . ';
$id = InforSync\enqueue("order.placed", E2E\order($_GET["n"], [["TSHIRT-BLK-M", "19.90", 1], ["MUG-LOGO", "9.50", 2]]));
header("Content-Type: application/json");
echo json_encode(["id" => $id, "pid" => getmypid(), "mode" => InforSync\status()["worker"]["mode"]]);
');

$fpm = proc_open([FPM, '-n', '-d', 'extension=' . getenv('INFOR_SYNC_SO'), '-R', '-F', '-y', "$base/pool.conf"],
                 [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$base/fpm.out", 'w'], 2 => ['file', "$base/fpm.out", 'a']], $pipes);
$master = proc_get_status($fpm)['pid'];
$stopped = false;
register_shutdown_function(function () use (&$stopped, $master) {
    if (!$stopped) { // the test failed half-way: leave no pool behind
        exec("kill -KILL $master " . implode(' ', childrenOf($master)));
    }
});
waitFor(fn() => count(childrenOf($master)) === 4 && @fsockopen('127.0.0.1', $port), 10, 'the pool to start: ' . @file_get_contents("$base/fpm.out"));
$children = childrenOf($master);
echo "pool: 4 children: ", var_export(count($children) === 4, true), "\n";
usleep(300000);
echo "before any request: leader ", var_export(leaderPid(), true), ", threads in the master: ", count(glob("/proc/$master/task/*")), "\n";

// 40 concurrent requests, each enqueues one order
$numbers = array_map(fn($i) => sprintf('FPM-%03d', $i), range(1, 40));
$answers = fire($port, $script, $numbers);
$pids = array_unique(array_column($answers, 'pid'));
echo "answers: ", count($answers), ", all from pool children: ", var_export(!array_diff($pids, $children), true),
    ", children used: ", count($pids) > 1 ? 'several' : count($pids), ", mode {$answers['FPM-001']['mode']}\n";

waitFor(fn() => count(confirmed()) >= 40, 60, '40 orders in the sandbox');
usleep(300000);
$counts = cuorCounts();
echo "orders in Infor: ", count(confirmed()), ", distinct CUOR: ", count($counts), ", all of ours: ",
    var_export(array_keys($counts) === $numbers, true), ", max per CUOR: ", max($counts), "\n";
$lines = array_sum(array_map(fn($o) => count($o['lines']), confirmed()));
echo "lines: $lines, unconfirmed batch orders: ", count(orders()['batch_orders']), "\n";
$leader = leaderPid();
echo "leader is a pool child: ", var_export(in_array($leader, $children, true), true), ", is the master: ", var_export($leader === $master, true), "\n";
echo "leaders so far: ", count(leadersLogged($base)), ", the one in status: ", var_export(leadersLogged($base) === [$leader], true), "\n";
$s = status();
echo "status: delivered {$s['counters']['delivered']}, spool ready {$s['spool']['ready']} active {$s['spool']['active']} done {$s['spool']['done']}\n";
echo "threads in the master: ", count(glob("/proc/$master/task/*")), "\n";

// the leader dies hard: another child takes over within a second or so
exec("kill -KILL $leader");
$next = waitFor(function () use ($leader) {
    $pid = leaderPid();
    return $pid && $pid !== $leader ? $pid : null;
}, 10, 'another leader');
echo "new leader: a different pool child: ", var_export(in_array($next, childrenOf($master), true) && in_array($next, $children, true), true),
    ", is the master: ", var_export($next === $master, true), "\n";
waitFor(fn() => count(childrenOf($master)) === 4, 10, 'fpm to replace the killed child');
$more = array_map(fn($i) => sprintf('FPM-%03d', $i), range(41, 48));
fire($port, $script, $more);
waitFor(fn() => count(confirmed()) >= 48, 30, '48 orders in the sandbox');
usleep(300000);
$counts = cuorCounts();
echo "after takeover: orders ", count(confirmed()), ", distinct CUOR ", count($counts), ", max per CUOR ", max($counts), "\n";
$leaders = leadersLogged($base);
echo "leaders in all: ", count($leaders), ", the last one in status: ", var_export(end($leaders) === leaderPid(), true), "\n";

// graceful stop
exec("kill -QUIT $master");
waitFor(fn() => !proc_get_status($fpm)['running'], 15, 'php-fpm to stop');
proc_close($fpm);
$stopped = true;
echo "stopped; leader now: ", var_export(leaderPid(), true), "\n";
?>
--EXPECT--
pool: 4 children: true
before any request: leader NULL, threads in the master: 1
answers: 40, all from pool children: true, children used: several, mode auto
orders in Infor: 40, distinct CUOR: 40, all of ours: true, max per CUOR: 1
lines: 80, unconfirmed batch orders: 0
leader is a pool child: true, is the master: false
leaders so far: 1, the one in status: true
status: delivered 40, spool ready 0 active 0 done 40
threads in the master: 1
new leader: a different pool child: true, is the master: false
after takeover: orders 48, distinct CUOR 48, max per CUOR 1
leaders in all: 2, the last one in status: true
stopped; leader now: NULL
