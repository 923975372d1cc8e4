<?php
// Prints part 2's table from the JSON of bench/scale/stock_poll.php:
//
//   php -n bench/scale/stock_report.php MAIN.json LOAD_SECONDS LOAD_REQUESTS [EMIT.json...]
//
// MAIN: the poll over SCALE_ITEMS items (with the shop's side); EMIT: the
// same first poll of a small catalogue with durability fsync and none, side
// by side: what writing the events costs apart from the disk.

declare(strict_types=1);

require __DIR__ . '/lib.php';

$main = json_decode((string)file_get_contents($argv[1]), true);
$loadSeconds = (float)$argv[2];
$loadRequests = (int)$argv[3];
$emit = array_map(fn($f) => json_decode((string)file_get_contents($f), true), array_slice($argv, 4));

$s = fn(?float $v, int $d = 1) => $v === null ? '-' : number_format($v, $d, '.', '');
$calls = $main['calls'];
$callList = implode(', ', array_map(fn($k, $v) => "$k $v", array_keys($calls), $calls));
$shop = $main['shop'];
$rows = [
    ['items in the sandbox, stocked in warehouses 100 and 200',
     number_format($main['items'] + 8) . ' (' . number_format($main['items']) . ' + 8 seed)'],
    ['M3 calls of the poll (sandbox counters)', array_sum($calls) . " ($callList)"],
    ['stock.changed events written (<spool>/inbound)',
     number_format($main['events']) . " (the worker's log: {$main['events_logged']})"],
    ['process start to poll state saved, s', $s($main['start_to_saved_s'])],
    ['the poll: first MMS060MI call to poll state saved, s', $s($main['poll_s'])],
    ['  reading: first call start to last call end, s', $s($main['reading_s'])],
    ['    of which waiting for the sandbox (sum of call times), s', $s($main['in_calls_s'])],
    ['  writing the events and the poll state, s', $s($main['writing_s'])],
    ['an order enqueued during the poll: enqueue() to delivered, s',
     $s($main['order_wait_s'], 2) . ' (enqueued ' . $s($main['order_enqueued_into_poll_s']) . ' s into the poll; '
     . ($main['order_done_before_poll_end'] ? 'delivered during it)' : 'delivered after it)')],
    ['then the settings saved unchanged and an order placed: its wait, s',
     $s($main['second_wait_s'], 2) . ' (placed ' . $s($main['second_into_poll_s']) . ' s into the poll; '
     . ($main['second_done_before_poll_end'] ? 'delivered during it)' : 'delivered after it)')],
    ['worker process CPU (user + system), s', $s($main['worker_cpu_s'])],
    ['sandbox CPU during the poll, s', $s($main['sandbox_cpu_s'])],
    ['worker process VmHWM, MiB', mib((float)$main['worker_hwm_kb']) . " (threads {$main['worker_threads']}"
        . ($main['worker_threads'] > 2 ? ': main, worker, lanes for the order)' : ': main, worker)')],
    ['sandbox VmRSS before the poll / VmHWM after, MiB',
     mib((float)$main['sandbox_rss_before_kb']) . ' / ' . mib((float)$main['sandbox_hwm_kb'])],
    ['<spool>/poll/state.json, bytes', number_format($main['state_bytes'])],
    ['shop: the first inbound(100), ms', $s($shop['first_ms'])],
    ["shop: inbound(100, ['order.shipped']), none there, ms", $s($shop['filtered_ms'])],
    ['shop: all fetched with inbound(100) + ack(), s',
     $s($shop['drain_s'], 2) . " ({$shop['calls']} rounds, {$shop['acked']} acked)"],
];
printf("2. One stock poll: %s items in warehouses 100 and 200, the first poll (announces every item),\n"
       . "   MMS060MI/List pages of 100, infor_sync.durability=%s (one run)\n\n",
       number_format($main['items']), $main['durability']);
echo table(['' => -68, 'value' => -40], $rows);
printf("\n  events by type: %s; loading the sandbox before (not part of the poll): %s requests in %.0f s,\n"
       . "  one item or balance each\n", json_encode($shop['types']), number_format($loadRequests), $loadSeconds);

if ($emit) {
    printf("\n   Writing the events, side by side: the first poll of %s items, fresh spool and sandbox log each\n\n",
           number_format($emit[0]['items']));
    $rows = [];
    foreach ($emit as $e) {
        $rows[] = [$e['durability'], number_format($e['events']), $s($e['reading_s'], 2), $s($e['writing_s'], 2),
                   $s($e['writing_s'] * 1000 / max(1, $e['events']), 3)];
    }
    echo table(['durability' => -10, 'events' => 8, 'reading, s' => 11, 'writing, s' => 11, 'ms per event' => 13],
               $rows);
}
