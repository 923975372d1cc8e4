<?php
// Prints the benchmark table from the files bench/run.sh collected.
//
//   php bench/report.php WORKDIR
//
// WORKDIR/lat-VARIANT.txt     one latency in ns per line, all rounds
// WORKDIR/round-VARIANT.txt   "round median_ns" per round
// WORKDIR/deliver.txt         "run seconds orders mi_calls" per run
// WORKDIR/header.txt          printed first

$work = $argv[1];

function percentile(array $sorted, float $p): float
{
    // nearest rank
    $n = count($sorted);
    return (float)$sorted[max(0, (int)ceil($p / 100 * $n) - 1)];
}

function median(array $values): float
{
    sort($values);
    $n = count($values);
    return $n % 2 ? (float)$values[intdiv($n, 2)] : ($values[$n / 2 - 1] + $values[$n / 2]) / 2;
}

function us(float $ns): string
{
    return number_format($ns / 1000, 1, '.', '');
}

$variants = [
    'ext-fsync' => 'extension, durability=fsync',
    'ext-fsync-key' => 'extension, durability=fsync, idempotency key',
    'ext-none' => 'extension, durability=none',
    'map-preview' => 'map_preview(): the template alone',
    'php-fsync' => 'pure PHP, fsync file + dir',
    'php-none' => 'pure PHP, no fsync',
    'floor' => 'disk floor: 1 KB create+fsync+rename+fsync dir',
    'floor-none' => 'bare file work: 1 KB create+rename, no fsync',
];

echo file_get_contents("$work/header.txt");

$stats = [];
foreach ($variants as $v => $label) {
    $file = "$work/lat-$v.txt";
    if (!is_file($file)) {
        continue;
    }
    $ns = array_map('intval', file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES));
    sort($ns);
    $rounds = [];
    foreach (file("$work/round-$v.txt", FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
        $rounds[] = (float)explode(' ', $line)[1];
    }
    $stats[$v] = [
        'n' => count($ns),
        'median' => median($ns),
        'p99' => percentile($ns, 99),
        'min' => (float)$ns[0],
        'max' => (float)end($ns),
        'rmin' => min($rounds),
        'rmax' => max($rounds),
    ];
}

/** Per-round ratios of two variants' medians: "0.98-1.12". */
function round_ratios(string $work, string $a, string $b): string
{
    $medians = [];
    foreach ([$a, $b] as $v) {
        foreach (file("$work/round-$v.txt", FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
            [$round, $median] = explode(' ', $line);
            $medians[$v][$round] = (float)$median;
        }
    }
    $ratios = [];
    foreach ($medians[$a] as $round => $median) {
        if (isset($medians[$b][$round]) && $medians[$b][$round] > 0) {
            $ratios[] = $median / $medians[$b][$round];
        }
    }
    return $ratios ? sprintf('%.2f-%.2f', min($ratios), max($ratios)) : '';
}

// The extension's enqueue against the same file work done bare, in this run.
$summary = [['floor', 'ext-fsync'], ['floor-none', 'ext-none']];
if (isset($stats['floor'], $stats['ext-fsync'], $stats['floor-none'], $stats['ext-none'])) {
    echo "\nEnqueue in the request, median µs; ratio = extension / the bare file work it does (same run)\n\n";
    printf("%-46s %9s %9s %17s\n", '', 'median', 'ratio', 'round ratios');
    foreach ($summary as [$bare, $ext]) {
        printf("%-46s %9s\n", $variants[$bare], us($stats[$bare]['median']));
        printf("%-46s %9s %9.2f %17s\n", $variants[$ext], us($stats[$ext]['median']),
               $stats[$ext]['median'] / $stats[$bare]['median'], round_ratios($work, $ext, $bare));
    }
}

echo "\n1. Enqueue latency, one 3-line order.placed per call (hrtime around the call), µs\n\n";
printf("%-46s %6s %9s %9s %9s %9s %17s\n", 'variant', 'n', 'median', 'p99', 'min', 'max', 'round medians');
foreach ($stats as $v => $s) {
    printf("%-46s %6d %9s %9s %9s %9s %17s\n", $variants[$v], $s['n'], us($s['median']), us($s['p99']),
           us($s['min']), us($s['max']), us($s['rmin']) . '-' . us($s['rmax']));
}
echo "\n";
$pairs = [
    ['ext-fsync', 'php-fsync', 'extension / pure PHP, durable (fsync)'],
    ['ext-none', 'php-none', 'extension / pure PHP, non-durable'],
    ['ext-fsync', 'ext-none', 'extension fsync / extension none'],
    ['ext-fsync-key', 'ext-fsync', 'extension fsync with key / without'],
    ['ext-fsync', 'floor', 'extension fsync / disk floor'],
    ['ext-none', 'floor-none', 'extension none / bare file work, no fsync'],
    ['map-preview', 'ext-none', 'template alone / extension none (share)'],
];
printf("%-46s %9s %9s\n", 'ratio', 'median', 'p99');
foreach ($pairs as [$a, $b, $label]) {
    if (isset($stats[$a], $stats[$b])) {
        printf("%-46s %9.2f %9.2f\n", $label, $stats[$a]['median'] / $stats[$b]['median'],
               $stats[$a]['p99'] / $stats[$b]['p99']);
    }
}

$file = "$work/deliver.txt";
if (is_file($file)) {
    $runs = [];
    foreach (file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
        [$run, $dur, $seconds, $orders, $calls] = explode(' ', $line);
        $runs[$dur][] = ['run' => $run, 's' => (float)$seconds, 'orders' => (int)$orders, 'calls' => (int)$calls];
    }
    echo "\n2. Delivery throughput: flush() start to spool drained, one worker thread, HTTPS to the sandbox\n\n";
    printf("%-11s %-6s %7s %8s %9s %9s %11s\n", 'durability', 'run', 'orders', 'seconds', 'orders/s', 'MI calls',
           'MI calls/s');
    foreach ($runs as $dur => $list) {
        foreach ($list as $r) {
            printf("%-11s %-6s %7d %8.3f %9.1f %9d %11.1f\n", $dur, $r['run'], $r['orders'], $r['s'],
                   $r['orders'] / $r['s'], $r['calls'], $r['calls'] / $r['s']);
        }
        printf("%-11s %-6s %7s %8.3f %9.1f %9s %11.1f\n", $dur, 'median', '', median(array_column($list, 's')),
               median(array_map(fn($r) => $r['orders'] / $r['s'], $list)), '',
               median(array_map(fn($r) => $r['calls'] / $r['s'], $list)));
    }
}

$file = "$work/latency.txt";
if (is_file($file)) {
    echo "\n3. Delivery at Infor's latency: every request answered after the latency; one run each\n";
    echo "   limit = max_in_flight / (MI round trips per order x latency): what the round trips allow\n\n";
    printf("%7s %13s %8s %9s %12s %14s %10s %13s\n", 'latency', 'max_in_flight', 'seconds', 'orders/s',
           'MI calls/s', 'round trips/o', 'TLS/order', 'limit orders/s');
    foreach (file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
        [$ms, $n, $seconds, $orders, $calls, $conns, $peak] = explode(' ', $line);
        $per_order = $calls / $orders;
        $limit = $ms > 0 ? sprintf('%.1f', $n / ($per_order * $ms / 1000)) : '-';
        printf("%5s ms %13s %8.2f %9.1f %12.1f %14.2f %10.3f %13s\n", $ms, $n, $seconds, $orders / $seconds,
               $calls / $seconds, $per_order, $conns / $orders, $limit);
    }
}
$file = "$work/loopback.txt";
if (is_file($file)) {
    $rows = [];
    foreach (file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
        $f = explode(' ', $line);
        $rows[array_shift($f)] = $f;
    }
    $rounds = array_values(array_filter(array_map(fn($l) => explode(' ', $l),
        file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES)), fn($f) => $f[0] === 'round'));
    [$pn, $prps, $pscpu] = $rows['page'];
    echo "\n4. MI calls/s on loopback, one endpoint: MMS060MI/List (pages of 100 rows), one connection\n";
    echo "   the extension's stock poll of an unchanged catalogue ({$rows['replay'][0]} pages) against wrk replaying\n",
         "   the same requests (-t1 -c1, keep-alive, same bearer), in alternating rounds; client and\n",
         "   sandbox on CPUs of their own\n\n";
    printf("%-6s %9s %9s %15s %15s %9s %9s %16s %9s\n", 'round', 'ext calls', 'calls/s', 'worker CPU/call',
           'sandbox CPU/call', 'wrk calls', 'calls/s', 'sandbox CPU/call', 'ratio');
    $ratios = $ext_rates = $wrk_rates = [];
    foreach ($rounds as [, $r, $pc, $ps, $pcpu, $pscpu_r, $wn, $wrps, $wscpu]) {
        $ext_rates[] = $pc / $ps;
        $wrk_rates[] = (float)$wrps;
        $ratios[] = $pc / $ps / $wrps;
        printf("%-6s %9d %9.1f %12.2f ms %12.2f ms %9d %9.1f %13.2f ms %9.2f\n", $r, $pc, $pc / $ps,
               $pcpu / $pc * 1000, $pscpu_r / $pc * 1000, $wn, $wrps, $wscpu / $wn * 1000, $pc / $ps / $wrps);
    }
    printf("%-6s %9s %9.1f %15s %15s %9s %9.1f %16s %9.2f\n", 'median', '', median($ext_rates), '', '', '',
           median($wrk_rates), '', median($ratios));
    printf("   ratio extension / wrk: median %.2f, rounds %.2f-%.2f (goal: at least 0.8)\n", median($ratios),
           min($ratios), max($ratios));
    printf("   wrk on one page in the middle of the list, the same way: %.1f calls/s (%.2f ms sandbox CPU a call)\n",
           $prps, $pscpu / $pn * 1000);
    echo "   URL of that page: {$rows['url'][0]}\n",
         "   (worker CPU a call: the process over the polls and the second between them; 10 ms ticks)\n";
    echo "\n   Order delivery at 0 ms, max_in_flight 8 (writes: no load generator can replay them)\n\n";
    printf("%-11s %7s %9s %9s %11s %15s %16s\n", 'durability', 'orders', 'MI calls', 'seconds', 'MI calls/s',
           'worker CPU/call', 'sandbox CPU/call');
    foreach (['fsync', 'none'] as $dur) {
        if (isset($rows["deliver-$dur"])) {
            [$calls, $seconds, $cpu, $scpu, $orders] = $rows["deliver-$dur"];
            printf("%-11s %7d %9d %9.3f %11.1f %12.2f ms %13.2f ms\n", $dur, $orders, $calls, $seconds,
                   $calls / $seconds, $cpu / $calls * 1000, $scpu / $calls * 1000);
        }
    }
    echo "   (a bulk request counts as one MI call; CPU in seconds of /proc and getrusage, 10 ms ticks;\n",
         "   worker CPU includes the flush() loop of the benchmark's main thread)\n";
}
