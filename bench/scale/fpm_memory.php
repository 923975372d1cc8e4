<?php
// Memory of php-fpm children, private and shared, and what a following
// child's worker thread costs. Run by bench/scale/fpm_memory.sh.
//
// Per variant (no extension; the extension with infor_sync.worker=off; the
// worker at its default, auto; the same with a spool whose poll state holds
// SCALE_STATE_ITEMS items in two warehouses, as a big catalogue's stock poll
// leaves it) a throwaway pool of SCALE_FPM_CHILDREN
// children serves SCALE_FPM_REQUESTS rounds of one request per child, the
// second round calling InforSync\enqueue() (bench/scale/request.php); with
// the worker on, once every order is in done/. Then per child
// /proc/PID/smaps_rollup (Rss, Pss, private pages), the thread count, and
// /proc/PID/smaps summed by mapping kind. Last, the leading child is killed
// (SIGKILL), children - 1 times in a row, and the time until another child
// leads is taken from leader.json (every 2 ms).
//
// Environment: SCALE_WORK, SCALE_SO, SCALE_SANDBOX, SCALE_FPM (php-fpm8.2),
// SCALE_FPM_CHILDREN (4), SCALE_FPM_REQUESTS (3), SCALE_STATE_ITEMS (20000).

declare(strict_types=1);

require __DIR__ . '/fpm_pool.php';

$fpm = env('SCALE_FPM', 'php-fpm8.2');
$children = (int)env('SCALE_FPM_CHILDREN', '4');
$requests = max(2, (int)env('SCALE_FPM_REQUESTS', '3'));
$sandbox = env('SCALE_SANDBOX');
$work = work();

/** Rss, Pss and Private (clean + dirty) in kB from smaps_rollup. */
function rollup(int $pid): array
{
    $text = (string)@file_get_contents("/proc/$pid/smaps_rollup");
    preg_match_all('/^(\w+):\s+(\d+) kB/m', $text, $m, PREG_SET_ORDER);
    $f = [];
    foreach ($m as [, $key, $value]) {
        $f[$key] = (int)$value;
    }
    return ['rss' => $f['Rss'] ?? 0, 'pss' => $f['Pss'] ?? 0,
            'private' => ($f['Private_Clean'] ?? 0) + ($f['Private_Dirty'] ?? 0),
            'threads' => proc_status($pid)['Threads'] ?? 0];
}

/** The kind of a mapping: a library family, the binary, the heap, a thread's stack or arena. */
function kind(string $name, int $size_kb, ?array $prev, ?array $next): string
{
    $families = [
        'infor_sync.so' => 'infor_sync.so', 'libcurl' => 'libcurl', 'libssl' => 'OpenSSL', 'libcrypto' => 'OpenSSL',
        'libgnutls' => 'GnuTLS and its libraries', 'libnettle' => 'GnuTLS and its libraries',
        'libhogweed' => 'GnuTLS and its libraries', 'libgmp' => 'GnuTLS and its libraries',
        'libp11-kit' => 'GnuTLS and its libraries', 'libtasn1' => 'GnuTLS and its libraries',
        'libjansson' => 'jansson', 'php-fpm' => 'php-fpm binary', 'libc.so' => 'libc',
    ];
    if ($name === '[heap]') {
        return 'heap (brk: the main thread\'s malloc)';
    }
    if ($name === '[stack]') {
        return 'main stack';
    }
    if ($name !== '') {
        foreach ($families as $needle => $family) {
            if (str_contains(basename($name), $needle)) {
                return $family;
            }
        }
        return str_starts_with($name, '/') && str_contains($name, '.so') ? 'other libraries' : 'other files';
    }
    // anonymous: a thread's stack has a guard page below it; a thread's malloc
    // arena is one 64 MiB reservation, its unused part without access
    if ($prev && $prev['name'] === '' && $prev['perms'] === '---p' && $prev['kb'] === 4) {
        return 'thread stacks';
    }
    if ($next && $next['name'] === '' && $next['perms'] === '---p' && $size_kb + $next['kb'] === 65536) {
        return 'malloc arenas of threads';
    }
    return 'other anonymous (Zend MM, ...)';
}

/** kind => [rss, private] in kB, from /proc/PID/smaps. */
function breakdown(int $pid): array
{
    $maps = [];
    $cur = null;
    foreach (file("/proc/$pid/smaps", FILE_IGNORE_NEW_LINES) ?: [] as $line) {
        if (preg_match('/^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/', $line, $m)) {
            $maps[] = ['kb' => (hexdec($m[2]) - hexdec($m[1])) >> 10, 'perms' => $m[3], 'name' => trim($m[4]),
                       'rss' => 0, 'private' => 0];
            $cur = count($maps) - 1;
        } elseif ($cur !== null && preg_match('/^(Rss|Private_Clean|Private_Dirty):\s+(\d+)/', $line, $m)) {
            $maps[$cur][$m[1] === 'Rss' ? 'rss' : 'private'] += (int)$m[2];
        }
    }
    $out = [];
    foreach ($maps as $i => $map) {
        $k = kind($map['name'], $map['kb'], $maps[$i - 1] ?? null, $maps[$i + 1] ?? null);
        $out[$k]['rss'] = ($out[$k]['rss'] ?? 0) + $map['rss'];
        $out[$k]['private'] = ($out[$k]['private'] ?? 0) + $map['private'];
    }
    return $out;
}

function leader_pid(string $spool): ?int
{
    $info = json_decode((string)@file_get_contents("$spool/leader.json"), true);
    return isset($info['pid']) ? (int)$info['pid'] : null;
}

$config = "$work/fpm-config.json";
file_put_contents($config, json_encode([
    'cono' => 100, 'divi' => 'AAA', 'order_type' => 'DTC', 'facility' => '100', 'warehouse' => '100',
    'default_customer' => 'WEBSHOP', 'currency' => 'EUR',
]));
$ext = fn(string $spool, array $more) => ['extension' => env('SCALE_SO')]
    + sandbox_ini($sandbox, $spool, $config) + [
        'infor_sync.log_file' => "$spool.log",
        'infor_sync.poll_stock_interval' => '0',
        'infor_sync.poll_items_interval' => '0',
        'infor_sync.poll_shipments_interval' => '0',
    ] + $more;
$stateItems = (int)env('SCALE_STATE_ITEMS', '20000');
$variants = [
    'none' => ['no extension', []],
    'off' => ['worker=off', $ext("$work/fpm-mem-off-spool", ['infor_sync.worker' => 'off'])],
    'auto' => ['worker=auto', $ext("$work/fpm-mem-auto-spool", [])],
    'state' => ["worker=auto, poll state of $stateItems items", $ext("$work/fpm-mem-state-spool", [])],
];
/** A spool's poll/state.json as a stock poll of $items items in two warehouses leaves it. */
function seed_poll_state(string $spool, int $items): void
{
    $stock = [];
    for ($i = 1; $i <= $items; $i++) {
        $stock[sprintf('SCALE-%06d', $i)] = ['quantity' => (string)(10 + $i % 90),
                                             'warehouses' => ['100' => (string)($i % 50), '200' => (string)(10 + $i % 40)]];
    }
    @mkdir("$spool/poll", 0700, true);
    file_put_contents("$spool/poll/state.json", json_encode(['next' => ['stock' => 0], 'stock' => $stock]));
}
$rows = [];
$kinds = [];
$takeover = [];
foreach ($variants as $name => [$label, $ini]) {
    $spool = $ini['infor_sync.spool_dir'] ?? null;
    if ($name === 'state') {
        seed_poll_state($spool, $stateItems);
    }
    [$master, $pids, $dir] = start_pool($fpm, "mem-$name", $children, $ini);
    for ($round = 0; $round < $requests; $round++) {
        send_requests($dir, $children, 1, $round === 1 && $spool ? ['enqueue' => $round + 1] : []);
    }
    $leader = null;
    if ($name === 'auto' || $name === 'state') {
        $leader = wait_for(function () use ($spool, $pids, $children) {
            $threads = array_column(array_map('rollup', $pids), 'threads');
            $done = count_entries("$spool/done");
            return leader_pid($spool) && min($threads) >= 2 && $done >= $children ? leader_pid($spool) : null;
        }, 60, 'a leader, a thread in every child and the orders delivered', 10000);
    }
    foreach ($pids as $pid) {
        $role = $leader === null ? $label : ($pid === $leader ? "$label: the leader" : "$label: followers");
        $rows[$role][] = rollup($pid);
        $kinds[$role][] = breakdown($pid);
    }
    // SIGKILL the leader, children - 1 times: each time a follower takes over
    for ($kill = 1; $leader !== null && $kill < $children; $kill++) {
        $t0 = microtime(true);
        posix_kill_pid($leader);
        forget_pid($leader);
        $next = wait_for(function () use ($spool, $leader) {
            $pid = leader_pid($spool);
            return $pid && $pid !== $leader ? $pid : null;
        }, 10, 'another child to lead', 2000);
        $takeover[$label][] = [(microtime(true) - $t0) * 1000, in_array($next, $pids, true)];
        $pids = array_values(array_diff($pids, [$leader]));
        $leader = $next;
    }
    stop_pool($master, $pids);
}

$median = fn(array $rs, string $key) => median(array_column($rs, $key)) / 1024;
$table = [];
foreach ($rows as $role => $rs) {
    $t = array_column($rs, 'threads');
    $table[] = [$role, (string)count($rs), sprintf('%.1f', $median($rs, 'rss')), sprintf('%.1f', $median($rs, 'pss')),
                sprintf('%.1f', $median($rs, 'private')), min($t) === max($t) ? (string)min($t) : min($t) . '-' . max($t)];
}
printf("php-fpm children: memory per child (pm static, %d children, %d requests each, the second one enqueues an\n"
       . "order; medians over the children, MiB, from /proc/PID/smaps_rollup)\n\n", $children, $requests);
echo table(['variant' => -48, 'children' => 8, 'RSS' => 6, 'PSS' => 6, 'private' => 8, 'threads' => 7], $table);

/** Median per kind over the children of a role: [rss, private] in kB. */
$byKind = function (string $role) use ($kinds): array {
    $names = array_unique(array_merge(...array_map('array_keys', $kinds[$role])));
    $out = [];
    foreach ($names as $k) {
        $out[$k] = [median(array_map(fn($b) => $b[$k]['rss'] ?? 0, $kinds[$role])),
                    median(array_map(fn($b) => $b[$k]['private'] ?? 0, $kinds[$role]))];
    }
    return $out;
};
$columns = ['no extension', 'worker=off', 'worker=auto: followers', 'worker=auto: the leader',
            "worker=auto, poll state of $stateItems items: followers"];
$columns = array_map($byKind, array_values(array_intersect($columns, array_keys($kinds))));
$names = array_unique(array_merge(...array_map('array_keys', $columns)));
sort($names);
$lines = [];
foreach ($names as $k) {
    $cells = [$k];
    foreach ($columns as $b) {
        $cells[] = sprintf('%d / %d', $b[$k][0] ?? 0, $b[$k][1] ?? 0);
    }
    $lines[] = $cells;
}
echo "\nby mapping (/proc/PID/smaps; median per child, kB RSS / kB private)\n\n";
echo table(['mapping' => -38, 'no extension' => 13, 'worker=off' => 13, 'follower' => 13, 'leader' => 13,
            'follower, state' => 15], $lines);
echo "\ntake-over: the leading child killed (SIGKILL), until another child leads (leader.json, every 2 ms);\n"
   . "  one kill after another, " . ($children - 1) . " per variant\n";
foreach ($takeover as $label => $kills) {
    $ms = array_column($kills, 0);
    $by = count(array_filter(array_column($kills, 1)));
    printf("  %-44s median %4.0f ms (%.0f-%.0f), %d of %d by a child that was following\n", $label, median($ms), min($ms),
           max($ms), $by, count($kills));
}
