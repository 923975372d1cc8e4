<?php
// Part 1: a worker starting on a spool that holds many events. Run by
// bench/scale.sh:
//
//   php -n bench/scale/recovery.php SIZE...
//
// For each size a filled spool waits in SCALE_WORK/spool-SIZE (0: none, the
// worker starts on an empty spool). Per run and size (sizes in an order
// rotated by one each run): a hard-link copy of the spool (cp -al: the worker
// renames files, it never writes into an event file), a process with the
// worker on (bench/scale/hold.php) started, and from outside, polling every
// 2 ms: the moment leader.json appears (the worker took the lead: recovery of
// active/ and tmp/ done), the first event in done/, the SCALE_DELIVERED-th
// event in done/; the process's VmHWM at each. Then, per size, the time of
// InforSync\status() in a process with the worker off (bench/scale/status.php).
// Prints the table.
//
// Environment: SCALE_WORK, SCALE_SO, SCALE_SANDBOX (the sandbox's --dir),
// SCALE_RUNS (3), SCALE_DELIVERED (100), SCALE_STATUS_CALLS (21).

declare(strict_types=1);

require __DIR__ . '/lib.php';

$sizes = array_map('intval', array_slice($argv, 1));
$runs = (int)env('SCALE_RUNS', '3');
$delivered = (int)env('SCALE_DELIVERED', '100');
$statusCalls = (int)env('SCALE_STATUS_CALLS', '21');
$sandbox = env('SCALE_SANDBOX');
$work = work();
$config = "$work/recovery-config.json";
file_put_contents($config, json_encode([
    'cono' => 100, 'divi' => 'AAA', 'order_type' => 'DTC', 'facility' => '100', 'warehouse' => '100',
    'default_customer' => 'WEBSHOP', 'currency' => 'EUR',
    // polling off: what is measured is the outgoing spool alone
    'poll_stock_interval' => 0, 'poll_items_interval' => 0, 'poll_shipments_interval' => 0,
]));

/** One run on a copy of the spool of $size events; the figures. */
function run_once(int $size, int $delivered, string $sandbox, string $config): array
{
    $work = work();
    $spool = "$work/recovery-run";
    if ($size > 0) {
        exec('cp -al ' . escapeshellarg("$work/spool-$size") . ' ' . escapeshellarg($spool), $out, $rc);
        if ($rc !== 0) {
            fail("cannot copy the spool of $size events");
        }
    }
    $ini = sandbox_ini($sandbox, $spool, $config) + [
        'infor_sync.worker' => 'on',
        'infor_sync.log_file' => "$work/recovery.log",
        'infor_sync.poll_stock_interval' => '0',
        'infor_sync.poll_items_interval' => '0',
        'infor_sync.poll_shipments_interval' => '0',
    ];
    $target = min($size, $delivered);
    $t0 = hrtime(true);
    $child = start_child(php_command($ini, __DIR__ . '/hold.php'), 'recovery-worker');
    $ms = fn() => (hrtime(true) - $t0) / 1e6;
    $r = ['size' => $size];
    wait_for(fn() => is_file("$spool/leader.json") ?: null, 120, "the worker to take the lead ($size events)");
    $r['lead_ms'] = $ms();
    $r['lead_hwm'] = proc_status($child['pid'])['VmHWM'] ?? NAN;
    if ($size > 0) {
        wait_for(fn() => count_entries("$spool/done", 1) >= 1 ?: null, 300, "the first delivery ($size events)");
        $r['first_ms'] = $ms();
        $r['first_hwm'] = proc_status($child['pid'])['VmHWM'] ?? NAN;
        wait_for(fn() => count_entries("$spool/done", $target) >= $target ?: null, 600,
                 "$target deliveries ($size events)");
        $r['nth_ms'] = $ms();
        $st = proc_status($child['pid']);
        $r['nth_hwm'] = $st['VmHWM'] ?? NAN;
        $r['threads'] = $st['Threads'] ?? 0;
    }
    $r['cpu_s'] = proc_cpu_s($child['pid']);
    stop_child($child);
    if (is_file("$spool/leader.json")) {
        $leader = json_decode((string)file_get_contents("$spool/leader.json"), true);
        $r['dead'] = $leader['counters']['dead'] ?? 0;
        if ($r['dead'] > 0) {
            fail("$r[dead] dead letter(s) in the run on $size events; see $work/recovery.log");
        }
    }
    exec('rm -rf ' . escapeshellarg($spool));
    return $r;
}

$results = [];
for ($run = 0; $run < $runs; $run++) {
    $n = count($sizes);
    for ($k = 0; $k < $n; $k++) {
        $size = $sizes[($run + $k) % $n];
        $results[$size][] = run_once($size, $delivered, $sandbox, $config);
        fwrite(STDERR, '.');
    }
}
fwrite(STDERR, "\n");

// status() per size, interleaved too
$status = [];
for ($run = 0; $run < $runs; $run++) {
    foreach ($sizes as $size) {
        $spool = $size > 0 ? "$work/spool-$size" : "$work/spool-empty";
        $ini = sandbox_ini($sandbox, $spool, $config) + ['infor_sync.worker' => 'off'];
        $out = run_php($ini, __DIR__ . '/status.php', [(string)$statusCalls], 120, 'status');
        [$median, $ready] = explode(' ', trim($out));
        if ((int)$ready !== $size) {
            fail("status() of the spool of $size events says ready=$ready");
        }
        $status[$size][] = (float)$median;
    }
}

$col = fn(array $rs, string $key) => array_map(fn($r) => $r[$key] ?? NAN, $rs);
$rows = [];
foreach ($sizes as $size) {
    $rs = $results[$size];
    $rows[] = [
        number_format($size),
        spread($col($rs, 'lead_ms'), 0),
        $size ? spread($col($rs, 'first_ms'), 0) : '-',
        $size ? spread($col($rs, 'nth_ms'), 0) : '-',
        mib(median($col($rs, $size ? 'first_hwm' : 'lead_hwm'))),
        $size ? mib(median($col($rs, 'nth_hwm'))) : '-',
        $size ? (string)median($col($rs, 'threads')) : '-',
        spread($status[$size], 2),
    ];
}
printf("1. Recovery: a worker process started on a spool of N order.placed events (medians of %d runs, min-max)\n\n",
       $runs);
echo table([
    'spool events' => 12,
    'lead, ms' => 14,
    'first done, ms' => 16,
    "{$delivered}th done, ms" => 18,
    'VmHWM first, MiB' => 16,
    "VmHWM {$delivered}th, MiB" => 18,
    'threads' => 7,
    'status(), ms' => 20,
], $rows);
echo "\n  lead: process start to leader.json written (lock taken, active/ and tmp/ recovered, settings read);\n";
echo "  first done / {$delivered}th done: process start to that many events in done/ (a spool smaller than that: all of it);\n";
echo "  VmHWM: the worker process's peak RSS then (empty spool: at the lead); threads: at the {$delivered}th (main + worker + lanes);\n";
echo "  status(): one InforSync\\status() call in a process with the worker off, median of $statusCalls calls per run.\n";
echo "  The worker: infor_sync.durability=fsync and max_in_flight=8 (the defaults), polling off; the spools were filled\n";
echo "  just before (page cache warm).\n";
