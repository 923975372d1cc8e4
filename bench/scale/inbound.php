<?php
// The shop's side of the inbound events, in a process with the worker off:
// one InforSync\inbound(100), one asking for a type that is not there, then
// every event fetched 100 at a time and acknowledged, as the add-on's cron
// task does. Prints JSON.
$t = hrtime(true);
InforSync\inbound(100);
$firstMs = (hrtime(true) - $t) / 1e6;
$t = hrtime(true);
InforSync\inbound(100, ['order.shipped']);
$filteredMs = (hrtime(true) - $t) / 1e6;
$types = [];
$acked = $calls = 0;
$t = hrtime(true);
while ($events = InforSync\inbound(100)) {
    foreach ($events as $e) {
        $types[$e['type']] = ($types[$e['type']] ?? 0) + 1;
    }
    $acked += InforSync\ack(array_column($events, 'id'));
    $calls++;
}
$drainS = (hrtime(true) - $t) / 1e9;
echo json_encode(['first_ms' => $firstMs, 'filtered_ms' => $filteredMs, 'drain_s' => $drainS, 'calls' => $calls,
                  'acked' => $acked, 'types' => $types]);
