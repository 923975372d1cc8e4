<?php
// Shared by the scale benchmark's helpers (bench/scale.sh runs them): child
// processes started and stopped by pid, /proc readings, bounded waits, the
// sandbox's control API, medians and tables.
//
// Environment (set by bench/scale.sh): SCALE_WORK (the run's temporary
// directory; every pid started is appended to SCALE_WORK/pids so that the
// driver can end it), SCALE_SO (the extension).

declare(strict_types=1);

require_once __DIR__ . '/../lib.php'; // bench_order()

function env(string $name, ?string $default = null): string
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        if ($default === null) {
            fwrite(STDERR, "$name is not set\n");
            exit(2);
        }
        return $default;
    }
    return $value;
}

function work(): string
{
    return env('SCALE_WORK');
}

function note(string $line): void
{
    fwrite(STDERR, $line . "\n");
}

function fail(string $message): never
{
    fwrite(STDERR, "scale: $message\n");
    exit(1);
}

/** Appends a pid the driver must end if this helper dies. */
function record_pid(int $pid): void
{
    file_put_contents(work() . '/pids', "$pid\n", FILE_APPEND);
}

/** Removes a pid that ended from the list. */
function forget_pid(int $pid): void
{
    $file = work() . '/pids';
    $pids = array_filter(file($file, FILE_IGNORE_NEW_LINES) ?: [], fn($p) => (int)$p !== $pid);
    file_put_contents($file, $pids ? implode("\n", $pids) . "\n" : '');
}

/* ---- /proc ---- */

/** VmRSS, VmHWM, RssAnon (kB) and Threads of a live process; [] when it is gone. */
function proc_status(int $pid): array
{
    $text = @file_get_contents("/proc/$pid/status");
    if ($text === false) {
        return [];
    }
    preg_match_all('/^(VmRSS|VmHWM|RssAnon|Threads):\s+(\d+)/m', $text, $m, PREG_SET_ORDER);
    $out = [];
    foreach ($m as [, $key, $value]) {
        $out[$key] = (int)$value;
    }
    return $out;
}

/** CPU seconds (user + system) a process used so far. */
function proc_cpu_s(int $pid): float
{
    static $hz = null;
    $hz ??= (int)trim((string)shell_exec('getconf CLK_TCK')) ?: 100;
    $stat = @file_get_contents("/proc/$pid/stat");
    if ($stat === false) {
        return NAN;
    }
    // the fields after the command name (which may hold spaces) in parentheses
    $fields = explode(' ', substr($stat, strrpos($stat, ')') + 2));
    return ((int)$fields[11] + (int)$fields[12]) / $hz;
}

/** The pids whose parent is $pid. */
function children_of(int $pid): array
{
    $pids = [];
    foreach (glob("/proc/$pid/task/*/children") ?: [] as $file) {
        foreach (preg_split('/\s+/', trim((string)@file_get_contents($file))) as $child) {
            if ($child !== '') {
                $pids[] = (int)$child;
            }
        }
    }
    sort($pids);
    return $pids;
}

/* ---- waiting ---- */

/**
 * Calls $probe every $everyUs microseconds until it returns something other
 * than null/false; fails after $timeoutS seconds. Returns what it returned.
 */
function wait_for(callable $probe, float $timeoutS, string $what, int $everyUs = 2000)
{
    $deadline = microtime(true) + $timeoutS;
    while (true) {
        clearstatcache(); // PHP caches the last stat(): a file that appeared or went must be seen
        $value = $probe();
        if ($value !== null && $value !== false) {
            return $value;
        }
        if (microtime(true) > $deadline) {
            fail("timed out after {$timeoutS} s waiting for $what");
        }
        usleep($everyUs);
    }
}

/** Entries of a spool state directory (event ids, no dot files), counted up to $limit (0: all). */
function count_entries(string $dir, int $limit = 0): int
{
    $h = @opendir($dir);
    if (!$h) {
        return 0;
    }
    $n = 0;
    while (($name = readdir($h)) !== false) {
        if ($name[0] !== '.' && ++$n === $limit) {
            break;
        }
    }
    closedir($h);
    return $n;
}

/* ---- child PHP processes with the extension ---- */

/** php -n -d extension=... -d infor_sync.x=y ... */
function php_command(array $ini, string $script, array $args = []): array
{
    $cmd = [PHP_BINARY, '-n', '-d', 'extension=' . env('SCALE_SO')];
    foreach ($ini as $name => $value) {
        $cmd[] = '-d';
        $cmd[] = "$name=$value";
    }
    return array_merge($cmd, [$script], $args);
}

/** The infor_sync settings every helper uses against a sandbox directory. */
function sandbox_ini(string $sandbox, string $spool, string $config): array
{
    return [
        'infor_sync.spool_dir' => $spool,
        'infor_sync.ionapi_file' => "$sandbox/sandbox.ionapi",
        'infor_sync.ca_file' => "$sandbox/ca.pem",
        'infor_sync.config_file' => $config,
    ];
}

/**
 * Starts a process; stdin stays open (bench/scale/hold.php runs until it
 * closes), stdout and stderr go to files. Returns a handle for stop_child().
 */
function start_child(array $cmd, string $name, ?array $env = null): array
{
    $out = work() . "/$name.out";
    $proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['file', $out, 'w'], 2 => ['file', "$out.err", 'w']], $pipes,
                      null, $env);
    if (!is_resource($proc)) {
        fail("cannot start $name");
    }
    $pid = proc_get_status($proc)['pid'];
    record_pid($pid);
    return ['proc' => $proc, 'pid' => $pid, 'stdin' => $pipes[0], 'out' => $out, 'name' => $name];
}

function child_running(array $child): bool
{
    return proc_get_status($child['proc'])['running'];
}

/** Closes the child's stdin (hold.php ends), waits at most $timeoutS, then SIGKILL. Returns its stdout. */
function stop_child(array $child, float $timeoutS = 15, int $signal = 0): string
{
    if (is_resource($child['stdin'])) {
        fclose($child['stdin']);
    }
    if ($signal) {
        proc_terminate($child['proc'], $signal);
    }
    $deadline = microtime(true) + $timeoutS;
    while (child_running($child) && microtime(true) < $deadline) {
        usleep(10000);
    }
    if (child_running($child)) {
        note("{$child['name']} (pid {$child['pid']}) did not end within {$timeoutS} s: SIGKILL");
        proc_terminate($child['proc'], 9);
    }
    proc_close($child['proc']);
    forget_pid($child['pid']);
    return (string)@file_get_contents($child['out']);
}

/** Runs a PHP helper to its end (bounded); returns its stdout, fails on a non-zero exit. */
function run_php(array $ini, string $script, array $args, float $timeoutS, string $name): string
{
    $child = start_child(php_command($ini, $script, $args), $name);
    fclose($child['stdin']);
    $child['stdin'] = null;
    // proc_get_status() reports the exit code once, to the first call after the exit
    $status = wait_for(function () use ($child) {
        $s = proc_get_status($child['proc']);
        return $s['running'] ? null : $s;
    }, $timeoutS, "$name to end", 10000);
    proc_close($child['proc']);
    forget_pid($child['pid']);
    $output = (string)file_get_contents($child['out']);
    if ($status['exitcode'] !== 0) {
        fail("$name failed (exit {$status['exitcode']}):\n$output" . @file_get_contents("{$child['out']}.err"));
    }
    return $output;
}

/* ---- the sandbox's control API ---- */

function sandbox_request(string $sandbox, string $method, string $path, ?string $body = null): array
{
    $http = ['method' => $method, 'ignore_errors' => true, 'timeout' => 60];
    if ($body !== null) {
        $http['header'] = "Content-Type: application/json\r\n";
        $http['content'] = $body;
    }
    $context = stream_context_create([
        'http' => $http,
        'ssl' => ['cafile' => "$sandbox/ca.pem", 'verify_peer' => true, 'peer_name' => '127.0.0.1'],
    ]);
    $url = 'https://127.0.0.1:' . trim((string)file_get_contents("$sandbox/port")) . "/_sandbox/$path";
    $answer = @file_get_contents($url, false, $context);
    $status = $http_response_header[0] ?? '(no answer)';
    if ($answer === false || !str_contains($status, ' 200')) {
        fail("sandbox $method /_sandbox/$path: $status " . ($answer ?: ''));
    }
    return json_decode($answer, true);
}

/** MI requests the sandbox answered, by "PROGRAM/TRANSACTION". */
function sandbox_mi_requests(string $sandbox): array
{
    return sandbox_request($sandbox, 'GET', 'stats')['requests'];
}

/** $after - $before per key, keys with a difference only. */
function counter_diff(array $before, array $after): array
{
    $diff = [];
    foreach ($after as $key => $n) {
        if ($n - ($before[$key] ?? 0) !== 0) {
            $diff[$key] = $n - ($before[$key] ?? 0);
        }
    }
    ksort($diff);
    return $diff;
}

/* ---- figures ---- */

function median(array $values): float
{
    $values = array_values(array_filter($values, fn($v) => $v !== null && !is_nan((float)$v)));
    if (!$values) {
        return NAN;
    }
    sort($values);
    $n = count($values);
    return $n % 2 ? (float)$values[intdiv($n, 2)] : ($values[$n / 2 - 1] + $values[$n / 2]) / 2;
}

/** "median (min-max)" of a list, with $decimals. */
function spread(array $values, int $decimals = 1): string
{
    $values = array_values(array_filter($values, fn($v) => $v !== null && !is_nan((float)$v)));
    if (!$values) {
        return '-';
    }
    $f = fn($v) => number_format((float)$v, $decimals, '.', '');
    if (count($values) === 1) {
        return $f($values[0]);
    }
    return sprintf('%s (%s-%s)', $f(median($values)), $f(min($values)), $f(max($values)));
}

function mib(float $kb): string
{
    return is_nan($kb) ? '-' : number_format($kb / 1024, 1, '.', '');
}

/** A table: $columns [label => width, negative width = left aligned], rows of cells. */
function table(array $columns, array $rows): string
{
    $out = '';
    $line = function (array $cells) use ($columns) {
        $parts = [];
        foreach (array_values($columns) as $i => $width) {
            $cell = (string)($cells[$i] ?? '');
            $parts[] = $width < 0 ? str_pad($cell, -$width) : str_pad($cell, $width, ' ', STR_PAD_LEFT);
        }
        return rtrim(implode('  ', $parts)) . "\n";
    };
    $out .= $line(array_keys($columns));
    foreach ($rows as $row) {
        $out .= $line($row);
    }
    return $out;
}

/** The extension's log timestamp ("2026-12-03T13:15:03.708Z") in ms since the epoch. */
function log_ms(string $at): int
{
    return (int)round((float)(new DateTimeImmutable($at))->format('U.u') * 1000);
}
