<?php
// Part 2: one stock poll over many items in two warehouses. Run by
// bench/scale.sh after it loaded the items and their stock into the sandbox:
//
//   php -n bench/scale/stock_poll.php ITEMS NAME DURABILITY [shop]
//
// A fresh spool (SCALE_WORK/poll-NAME); business settings stock_warehouses
// ["100","200"], poll_stock_interval 3600 (item and shipment polls off). A
// process with the worker on (bench/scale/hold.php, infor_sync.durability
// DURABILITY) takes the lead and polls at once: the stock poll never ran.
// Watched from outside every 50 ms until the poll state
// (<spool>/poll/state.json) is saved with the next due time; then the
// worker's VmHWM and CPU time, the sandbox's CPU time and MI request
// counters, the stock.changed events in <spool>/inbound/. The worker logs at
// debug level: one line per M3 call with its duration, so the poll splits
// into reading (the MMS060MI/List pages) and writing the events.
// Once the first MMS060MI call is in the log, another process (worker off)
// enqueues one order (bench/scale/enqueue_one.php): the time until it is in
// done/ shows whether deliveries go on while a poll runs. Once it is
// delivered, another process saves the business settings unchanged and
// places a second order (bench/scale/save_config.php), timed the same way:
// the leader reloads changed settings only while nothing is in flight. With "shop": the shop's side afterwards, in a process with the
// worker off (bench/scale/inbound.php): InforSync\inbound() on those events,
// and all of them fetched and acknowledged 100 at a time.
// Prints the figures as JSON (bench/scale/stock_report.php makes the table).
//
// Environment: SCALE_WORK, SCALE_SO, SCALE_SANDBOX, SCALE_SANDBOX_PID,
// SCALE_SANDBOX_MAX_MB (the sandbox's RSS at which the poll is abandoned;
// default 80 % of MemAvailable), SCALE_POLL_TIMEOUT (1200 s).

declare(strict_types=1);

require __DIR__ . '/lib.php';

[, $items, $name, $durability] = $argv;
$items = (int)$items;
$shopSide = ($argv[4] ?? '') === 'shop';
$sandbox = env('SCALE_SANDBOX');
$sandboxPid = (int)env('SCALE_SANDBOX_PID');
preg_match('/^MemAvailable:\s+(\d+)/m', (string)file_get_contents('/proc/meminfo'), $m);
$maxKb = (int)env('SCALE_SANDBOX_MAX_MB', (string)intdiv((int)($m[1] ?? 0) * 8, 10 * 1024)) * 1024;
$timeout = (float)env('SCALE_POLL_TIMEOUT', '1200');
$work = work();
$dir = "$work/poll-$name";
$spool = "$dir/spool";
$config = "$dir/config.json";
$log = "$dir/log";
@mkdir($dir, 0700, true);
file_put_contents($config, json_encode([
    'cono' => 100, 'divi' => 'AAA', 'order_type' => 'DTC', 'facility' => '100', 'warehouse' => '100',
    'default_customer' => 'WEBSHOP', 'currency' => 'EUR',
    'stock_warehouses' => ['100', '200'],
    'poll_stock_interval' => 3600, 'poll_items_interval' => 0, 'poll_shipments_interval' => 0,
]));
$ini = sandbox_ini($sandbox, $spool, $config) + [
    'infor_sync.worker' => 'on',
    'infor_sync.durability' => $durability,
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
$child = start_child(php_command($ini, __DIR__ . '/hold.php'), "poll-$name-worker");
$enqueuedAt = null; // microtime of the order enqueued during the poll
$orderDone = null; // microtime at which it was seen in done/
$secondAt = null; // the same for an order placed right after the settings were saved, once the first is done
$secondDone = null;
$orderIni = ['infor_sync.worker' => 'off', 'infor_sync.log_level' => 'warning'] + $ini;
$savedAt = wait_for(function () use ($spool, $sandboxPid, $maxKb, $child, $log, $orderIni, $name, &$enqueuedAt,
                                     &$orderDone, &$secondAt, &$secondDone) {
    $rss = proc_status($sandboxPid)['VmRSS'] ?? 0;
    if ($rss > $maxKb) {
        stop_child($child, 5, 9);
        fail(sprintf('the sandbox holds %s MiB (limit %s MiB, SCALE_SANDBOX_MAX_MB): poll abandoned', mib($rss),
                     mib($maxKb)));
    }
    if (!child_running($child)) {
        fail('the worker process ended during the poll');
    }
    if ($enqueuedAt === null && str_contains((string)@file_get_contents($log), 'M3 MMS060MI/List')) {
        $enqueuedAt = (float)run_php($orderIni, __DIR__ . '/enqueue_one.php', [], 60, "poll-$name-enqueue");
    } elseif ($enqueuedAt !== null && $orderDone === null && count_entries("$spool/done", 1)) {
        $orderDone = microtime(true);
        $secondAt = (float)run_php($orderIni, __DIR__ . '/save_config.php', [], 60, "poll-$name-save-config");
    } elseif ($secondAt !== null && $secondDone === null && count_entries("$spool/done", 2) >= 2) {
        $secondDone = microtime(true);
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
if ($enqueuedAt !== null && $orderDone === null) {
    $orderDone = wait_for(fn() => count_entries("$spool/done", 1) ? microtime(true) : null, 300,
                          'the order to be delivered', 10000);
}
if ($secondAt !== null && $secondDone === null) {
    $secondDone = wait_for(fn() => count_entries("$spool/done", 2) >= 2 ? microtime(true) : null, 300,
                           'the second order to be delivered', 10000);
}
stop_child($child);
// the poll's calls (the order's OIS100MI calls may have begun)
$calls = array_filter(counter_diff($before, $after), fn($k) => str_starts_with($k, 'MMS'), ARRAY_FILTER_USE_KEY);
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

$result = [
    'items' => $items,
    'durability' => $durability,
    'calls' => $calls,
    'events' => $inbound,
    'events_logged' => $emittedLogged,
    'start_to_saved_s' => $wallS,
    'poll_s' => ($endMs - $firstStart) / 1000,
    'reading_s' => ($lastEnd - $firstStart) / 1000,
    'in_calls_s' => $inCalls,
    'writing_s' => ($endMs - $lastEnd) / 1000,
    'order_wait_s' => $enqueuedAt === null ? null : $orderDone - $enqueuedAt,
    'order_done_before_poll_end' => $orderDone !== null && $orderDone * 1000 < $endMs,
    'second_wait_s' => $secondAt === null ? null : $secondDone - $secondAt,
    'second_into_poll_s' => $secondAt === null ? null : $secondAt - $firstStart / 1000,
    'second_done_before_poll_end' => $secondDone !== null && $secondDone * 1000 < $endMs,
    'order_enqueued_into_poll_s' => $enqueuedAt === null ? null : $enqueuedAt - $firstStart / 1000,
    'worker_cpu_s' => $workerCpu,
    'sandbox_cpu_s' => $sandboxCpu,
    'worker_hwm_kb' => $worker['VmHWM'] ?? null,
    'worker_threads' => $worker['Threads'] ?? null,
    'sandbox_rss_before_kb' => $sandboxRss0,
    'sandbox_hwm_kb' => $sandboxHwm,
    'state_bytes' => filesize("$spool/poll/state.json"),
];

// the shop's side: the events fetched and acknowledged
if ($shopSide) {
    $ini['infor_sync.worker'] = 'off';
    $ini['infor_sync.log_level'] = 'warning';
    $result['shop'] = json_decode(run_php($ini, __DIR__ . '/inbound.php', [], 600, "poll-$name-inbound"), true);
}
echo json_encode($result, JSON_PRETTY_PRINT), "\n";
