<?php
// Part 2: one stock poll over many items in two warehouses. Run by
// bench/scale.sh after it loaded the items and their stock into the sandbox:
//
//   php -n bench/scale/stock_poll.php ITEMS
//
// A fresh spool; business settings stock_warehouses ["100","200"],
// poll_stock_interval 3600 (item and shipment polls off). A process with the
// worker on (bench/scale/hold.php) takes the lead and polls at once: the
// stock poll never ran. Watched from outside every 50 ms until the poll
// state (<spool>/poll/state.json) is saved with the next due time; then the
// worker's VmHWM and CPU time, the sandbox's CPU time and MI request
// counters, the stock.changed events in <spool>/inbound/. The worker logs at
// debug level: one line per M3 call with its duration, so the poll splits
// into reading (the MMS060MI/List pages) and writing the events.
// Then the shop's side in a process with the worker off
// (bench/scale/inbound.php): InforSync\inbound() on those events, and all
// of them fetched and acknowledged 100 at a time.
//
// Environment: SCALE_WORK, SCALE_SO, SCALE_SANDBOX, SCALE_SANDBOX_PID,
// SCALE_SANDBOX_MAX_MB (the sandbox's RSS at which the poll is abandoned;
// default 80 % of MemAvailable), SCALE_POLL_TIMEOUT (1200 s).

declare(strict_types=1);

require __DIR__ . '/lib.php';

$items = (int)$argv[1];
$sandbox = env('SCALE_SANDBOX');
$sandboxPid = (int)env('SCALE_SANDBOX_PID');
preg_match('/^MemAvailable:\s+(\d+)/m', (string)file_get_contents('/proc/meminfo'), $m);
$maxKb = (int)env('SCALE_SANDBOX_MAX_MB', (string)intdiv((int)($m[1] ?? 0) * 8, 10 * 1024)) * 1024;
$timeout = (float)env('SCALE_POLL_TIMEOUT', '1200');
$work = work();
$spool = "$work/poll/spool";
$config = "$work/poll/config.json";
$log = "$work/poll/log";
@mkdir("$work/poll", 0700, true);
file_put_contents($config, json_encode([
    'cono' => 100, 'divi' => 'AAA', 'order_type' => 'DTC', 'facility' => '100', 'warehouse' => '100',
    'default_customer' => 'WEBSHOP', 'currency' => 'EUR',
    'stock_warehouses' => ['100', '200'],
    'poll_stock_interval' => 3600, 'poll_items_interval' => 0, 'poll_shipments_interval' => 0,
]));
$ini = sandbox_ini($sandbox, $spool, $config) + [
    'infor_sync.worker' => 'on',
    'infor_sync.log_file' => $log,
    'infor_sync.log_level' => 'debug',
    'infor_sync.poll_stock_interval' => '3600',
    'infor_sync.poll_items_interval' => '0',
    'infor_sync.poll_shipments_interval' => '0',
];

$before = sandbox_mi_requests($sandbox);
$sandboxCpu0 = proc_cpu_s($sandboxPid);
$sandboxRss0 = proc_status($sandboxPid)['VmRSS'] ?? NAN;
$startMs = microtime(true) * 1000;
$t0 = hrtime(true);
$child = start_child(php_command($ini, __DIR__ . '/hold.php'), 'poll-worker');
$sandboxPeak = 0;
$savedAt = wait_for(function () use ($spool, $sandboxPid, $maxKb, &$sandboxPeak, $child) {
    $rss = proc_status($sandboxPid)['VmRSS'] ?? 0;
    $sandboxPeak = max($sandboxPeak, $rss);
    if ($rss > $maxKb) {
        stop_child($child, 5, 9);
        fail(sprintf('the sandbox holds %s MiB (limit %s MiB, SCALE_SANDBOX_MAX_MB): poll abandoned', mib($rss),
                     mib($maxKb)));
    }
    if (!child_running($child)) {
        fail('the worker process ended during the poll');
    }
    $state = is_file("$spool/poll/state.json") ? json_decode((string)@file_get_contents("$spool/poll/state.json"), true) : null;
    return $state['next']['stock'] ?? null;
}, $timeout, 'the stock poll to end', 50000);
$wallS = (hrtime(true) - $t0) / 1e9;
$worker = proc_status($child['pid']);
$workerCpu = proc_cpu_s($child['pid']);
$sandboxCpu = proc_cpu_s($sandboxPid) - $sandboxCpu0;
$sandboxHwm = proc_status($sandboxPid)['VmHWM'] ?? NAN;
$after = sandbox_mi_requests($sandbox);
stop_child($child);
$calls = counter_diff($before, $after);
$inbound = count_entries("$spool/inbound");

// the poll from the worker's log
$endMs = $savedAt - 3600 * 1000; // next due = end of the poll + the interval
preg_match_all('/^(\S+) infor_sync\[\d+\] debug: M3 (\S+) -> (\S+) \((\d+), (\d+) ms\)$/m',
               (string)file_get_contents($log), $lines, PREG_SET_ORDER);
$list = array_values(array_filter($lines, fn($l) => str_starts_with($l[2], 'MMS060MI/')));
if (!$list) {
    fail("no MMS060MI call in the worker's log $log");
}
$firstStart = log_ms($list[0][1]) - (int)$list[0][5];
$lastEnd = log_ms($list[count($list) - 1][1]);
$inCalls = array_sum(array_map(fn($l) => (int)$l[5], $list)) / 1000;
$notOk = count(array_filter($list, fn($l) => $l[3] !== 'ok'));
preg_match('/^(\S+) infor_sync\[\d+\] info: stock poll: (\d+) stock\.changed/m', (string)file_get_contents($log), $p);
$emittedLogged = isset($p[2]) ? (int)$p[2] : 0;
if ($notOk > 0) {
    fail("$notOk MMS060MI call(s) failed during the poll; see $log");
}

// the shop's side: the events fetched and acknowledged
$ini['infor_sync.worker'] = 'off';
$ini['infor_sync.log_level'] = 'warning';
$shop = json_decode(run_php($ini, __DIR__ . '/inbound.php', [], 600, 'inbound'), true);

$s = fn(float $v, int $d = 1) => number_format($v, $d, '.', '');
$callList = implode(', ', array_map(fn($k, $v) => "$k $v", array_keys($calls), $calls));
$rows = [
    ['items in the sandbox, stocked in warehouses 100 and 200', number_format($items + 8) . ' (' . number_format($items) . ' + 8 seed)'],
    ['M3 calls (sandbox counters)', (string)array_sum($calls) . " ($callList)"],
    ['stock.changed events written (<spool>/inbound)', number_format($inbound) . " (the log says $emittedLogged)"],
    ['process start to poll saved, s', $s($wallS)],
    ['poll: first MMS060MI call to state saved, s', $s(($endMs - $firstStart) / 1000)],
    ['  reading: first call start to last call end, s', $s(($lastEnd - $firstStart) / 1000)],
    ['    of which waiting for the sandbox (sum of call times), s', $s($inCalls)],
    ['  writing the events and the poll state: last call end to saved, s', $s(($endMs - $lastEnd) / 1000)],
    ['worker process CPU (user + system), s', $s($workerCpu)],
    ['sandbox CPU during the poll, s', $s($sandboxCpu)],
    ['worker process VmHWM, MiB', mib((float)($worker['VmHWM'] ?? NAN)) . ' (threads ' . ($worker['Threads'] ?? '?') . ')'],
    ['sandbox VmRSS before the poll / VmHWM after, MiB', mib((float)$sandboxRss0) . ' / ' . mib((float)$sandboxHwm)],
    ['shop: first inbound(100), ms', $s($shop['first_ms'])],
    ["shop: inbound(100, ['order.shipped']) (none there), ms", $s($shop['filtered_ms'])],
    ['shop: all fetched with inbound(100) + ack(), s', $s($shop['drain_s'], 2) . " ({$shop['calls']} rounds, {$shop['acked']} acked)"],
];
printf("2. One stock poll: %s items in warehouses 100 and 200, MMS060MI/List pages of 100 (one run)\n\n",
       number_format($items));
echo table(['' => -66, 'value' => -40], $rows);
echo "\n  events by type: " . json_encode($shop['types']) . "; sizes: the spool's poll/state.json "
     . number_format(filesize("$spool/poll/state.json")) . " bytes\n";
