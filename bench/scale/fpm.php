<?php
// Part 3: memory and threads of php-fpm children, with and without the
// extension. Run by bench/scale.sh:
//
//   php -n bench/scale/fpm.php
//
// Per variant a throwaway pool (php-fpm -n -R -y pool.conf, pm static,
// SCALE_FPM_CHILDREN children, listening on a unix socket in SCALE_WORK),
// SCALE_FPM_REQUESTS rounds of one request per child sent at once through
// cgi-fcgi (bench/scale/request.php; a barrier makes each child take one
// request of a round), then VmRSS, RssAnon and Threads of every child from
// /proc/<pid>/status. Variants: no extension; the extension loaded with the
// worker off; the worker on with an empty spool (one child leads, the others
// follow); the worker on with a backlog of SCALE_BACKLOG orders and
// infor_sync.max_in_flight=8, sampled SCALE_FPM_SAMPLES times while the
// leading child delivers (each sample after more events reached done/).
//
// Environment: SCALE_WORK, SCALE_SO, SCALE_SANDBOX, SCALE_FPM (php-fpm8.2),
// SCALE_FPM_CHILDREN (4), SCALE_FPM_REQUESTS (3), SCALE_BACKLOG (300),
// SCALE_FPM_SAMPLES (10).

declare(strict_types=1);

require __DIR__ . '/fpm_pool.php';

$fpm = env('SCALE_FPM', 'php-fpm8.2');
$children = (int)env('SCALE_FPM_CHILDREN', '4');
$requests = (int)env('SCALE_FPM_REQUESTS', '3');
$backlog = (int)env('SCALE_BACKLOG', '300');
$samples = (int)env('SCALE_FPM_SAMPLES', '10');
$sandbox = env('SCALE_SANDBOX');
$work = work();

/** [pid => proc_status] of the pool's children. */
function snapshot(array $pids): array
{
    $out = [];
    foreach ($pids as $pid) {
        $out[$pid] = proc_status($pid);
    }
    return $out;
}

/** A row: label, children, median VmRSS (min-max), median RssAnon, threads (min-max). */
function row(string $label, array $statuses): array
{
    $rss = array_column($statuses, 'VmRSS');
    $anon = array_column($statuses, 'RssAnon');
    $threads = array_column($statuses, 'Threads');
    $t = min($threads) === max($threads) ? (string)min($threads) : min($threads) . '-' . max($threads);
    $mibs = fn(array $kb) => array_map(fn($v) => $v / 1024, $kb);
    return [$label, (string)count($statuses), spread($mibs($rss), 1), spread($mibs($anon), 1), $t];
}

$ext = fn(string $spool, string $config, array $more) => ['extension' => env('SCALE_SO')]
    + sandbox_ini($sandbox, $spool, $config) + [
        'infor_sync.log_file' => "$spool.log",
        'infor_sync.poll_stock_interval' => '0',
        'infor_sync.poll_items_interval' => '0',
        'infor_sync.poll_shipments_interval' => '0',
    ] + $more;
$config = "$work/fpm-config.json";
file_put_contents($config, json_encode([
    'cono' => 100, 'divi' => 'AAA', 'order_type' => 'DTC', 'facility' => '100', 'warehouse' => '100',
    'default_customer' => 'WEBSHOP', 'currency' => 'EUR',
]));
$rows = [];
$served = [];

// 1. no extension
[$master, $pids, $dir] = start_pool($fpm, 'none', $children, []);
$served['none'] = send_requests($dir, $children, $requests);
$rows[] = row('no extension', snapshot($pids));
stop_pool($master, $pids);

// 2. the extension, worker off
$spool = "$work/fpm-off-spool";
[$master, $pids, $dir] = start_pool($fpm, 'off', $children, $ext($spool, $config, ['infor_sync.worker' => 'off']));
$served['off'] = send_requests($dir, $children, $requests);
$rows[] = row('extension loaded, worker=off', snapshot($pids));
stop_pool($master, $pids);

// 3. the worker on, nothing to deliver
$spool = "$work/fpm-idle-spool";
[$master, $pids, $dir] = start_pool($fpm, 'idle', $children, $ext($spool, $config, ['infor_sync.worker' => 'on']));
$served['idle'] = send_requests($dir, $children, $requests);
$leader = wait_for(function () use ($spool, $pids) {
    $info = json_decode((string)@file_get_contents("$spool/leader.json"), true);
    $threads = array_column(snapshot($pids), 'Threads');
    return isset($info['pid']) && min($threads) >= 2 ? (int)$info['pid'] : null;
}, 30, 'a leader and a worker thread in every child', 10000);
$snap = snapshot($pids);
$rows[] = row('worker=on, empty spool: followers', array_diff_key($snap, [$leader => 1]));
$rows[] = row('worker=on, empty spool: the leader', [$snap[$leader]]);
stop_pool($master, $pids);

// 4. the worker on, a backlog, 8 in flight
$spool = "$work/fpm-backlog-spool";
$fill = sandbox_ini($sandbox, $spool, $config) + ['infor_sync.worker' => 'off', 'infor_sync.durability' => 'none'];
run_php($fill, __DIR__ . '/fill.php', [(string)$backlog], 300, 'fill-backlog');
[$master, $pids, $dir] = start_pool($fpm, 'backlog', $children,
                                    $ext($spool, $config, ['infor_sync.worker' => 'on', 'infor_sync.max_in_flight' => '8']));
$served['backlog'] = send_requests($dir, $children, $requests);
$leader = wait_for(function () use ($spool) {
    $info = json_decode((string)@file_get_contents("$spool/leader.json"), true);
    return isset($info['pid']) ? (int)$info['pid'] : null;
}, 30, 'a leader', 10000);
wait_for(fn() => (proc_status($leader)['Threads'] ?? 0) >= 10 ?: null, 60, 'the leader to run 8 lanes (10 threads)',
         5000);
$taken = [];
$seen = count_entries("$spool/done");
for ($i = 0; $i < $samples; $i++) {
    $seen = wait_for(function () use ($spool, $seen) {
        $n = count_entries("$spool/done");
        return $n > $seen ? $n : null;
    }, 60, 'another delivery', 2000);
    $taken[] = snapshot($pids) + ['ready' => count_entries("$spool/ready")];
}
$readyLeft = end($taken)['ready'];
if ($readyLeft === 0) {
    note("the backlog of $backlog ran out while sampling: raise SCALE_BACKLOG");
}
$perChild = [];
foreach ($pids as $pid) {
    $perChild[$pid] = [
        'VmRSS' => median(array_map(fn($s) => $s[$pid]['VmRSS'] ?? NAN, $taken)),
        'RssAnon' => median(array_map(fn($s) => $s[$pid]['RssAnon'] ?? NAN, $taken)),
        'Threads' => (int)max(array_map(fn($s) => $s[$pid]['Threads'] ?? 0, $taken)),
    ];
}
$rows[] = row('worker=on, delivering a backlog: followers', array_diff_key($perChild, [$leader => 1]));
$rows[] = row('worker=on, delivering a backlog: the leader', [$perChild[$leader]]);
$done = count_entries("$spool/done");
stop_pool($master, $pids);
$dead = count_entries("$spool/dead");
if ($dead > 0) {
    fail("$dead dead letter(s) in the backlog run; see $spool.log");
}

printf("3. php-fpm children (pm static, %d children, %d requests each; medians over the children, min-max)\n\n",
       $children, $requests);
echo table([
    'variant' => -44,
    'children' => 8,
    'VmRSS, MiB' => 18,
    'RssAnon, MiB' => 18,
    'threads' => 7,
], $rows);
echo "\n  requests served per child: " . implode('; ', array_map(fn($v, $s) => "$v " . implode(' ', $s),
                                                                 array_keys($served), $served)) . "\n";
echo "  backlog: $backlog orders, infor_sync.max_in_flight=8; $samples samples while delivering (each after more events\n"
   . "  reached done/; $done delivered when the pool stopped, $readyLeft still ready at the last sample); per child the\n"
   . "  median of its samples (threads: the most seen). RssAnon: the child's private anonymous memory (heap, stacks);\n"
   . "  VmRSS also counts the pages of the binary and the libraries it shares with the other children.\n";
