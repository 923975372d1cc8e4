--TEST--
e2e: 20 orders enqueued by a process killed (-9) right after enqueue() returned are all in the spool, intact, and delivered once
--SKIPIF--
<?php
require __DIR__ . '/harness.inc';
E2E\skipUnlessSandbox();
if (!is_file(ini_get('extension_dir') . '/posix.so') && !is_file('/usr/lib/php/20220829/posix.so')) echo "skip the posix extension is not available\n";
?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool();
$orders = [];
foreach (range(1, 20) as $i) {
    $orders[] = order(sprintf('XC-12%03d', $i), [['SOCKS-3PK', '12.00', $i], ['BOTTLE-500', '15.00', 1]]);
}
$child = startPhp('
    $ids = [];
    foreach (unserialize(' . var_export(serialize($orders), true) . ') as $o) {
        $ids[$o["order_number"]] = InforSync\enqueue("order.placed", $o);
    }
    echo json_encode($ids), "\n";
    fflush(STDOUT);
    posix_kill(getmypid(), 9);
    echo "still alive\n";
', ['infor_sync.worker' => 'off', 'infor_sync.durability' => 'fsync'], ['-d', 'extension=posix']);
$r = finishPhp($child);
$ids = json_decode(strtok($r['stdout'], "\n"), true);
echo "enqueuing process: signal {$r['signal']}, ids printed: ", is_array($ids) ? count($ids) : $r['stdout'] . $r['stderr'], "\n";

// what is on disk after the kill
$ready = array_map('basename', glob("$base/spool/ready/*"));
sort($ready);
$expected = array_values($ids);
sort($expected);
echo "ready/: ", count($ready), " file(s), exactly the ids returned: ", var_export($ready === $expected, true),
    ", tmp/ left: ", count(glob("$base/spool/tmp/*")), "\n";
$intact = 0;
foreach ($ids as $number => $id) {
    $raw = file_get_contents("$base/spool/ready/$id");
    [$header, $body] = explode("\n", $raw, 2) + [1 => ''];
    [$magic, $hid, $sha, $len] = explode(' ', $header) + ['', '', '', ''];
    $envelope = json_decode($body, true);
    if ($magic === 'ISYNC1' && $hid === $id && (int)$len === strlen($body) && hash('sha256', $body) === $sha
        && ($envelope['payload']['order_number'] ?? null) === $number && $envelope['type'] === 'order.placed') {
        $intact++;
    } else {
        echo "$id is damaged: $header\n";
    }
}
echo "intact (header, checksum, length, payload): $intact\n";

// another process delivers them
$d = runJson('
    $flushed = InforSync\flush(30000);
    $states = [];
    foreach (' . var_export($ids, true) . ' as $number => $id) {
        $states[InforSync\event($id)["state"] ?? "missing"][] = $number;
    }
    echo json_encode(["flushed" => $flushed, "states" => array_map("count", $states), "status" => InforSync\status()]);
');
echo "delivering process: flush ", var_export($d['flushed'], true), ", states ", json_encode($d['states']), ", delivered {$d['status']['counters']['delivered']}\n";
$counts = cuorCounts();
echo "orders in Infor: ", count(confirmed()), ", distinct CUOR: ", count($counts), ", max per CUOR: ", max($counts ?: [0]),
    ", all ours: ", var_export(array_keys($counts) === array_keys($ids), true), "\n";
$lines = array_sum(array_map(fn($o) => count($o['lines']), confirmed()));
echo "lines: $lines\n";
?>
--EXPECT--
enqueuing process: signal 9, ids printed: 20
ready/: 20 file(s), exactly the ids returned: true, tmp/ left: 0
intact (header, checksum, length, payload): 20
delivering process: flush true, states {"done":20}, delivered 20
orders in Infor: 20, distinct CUOR: 20, max per CUOR: 1, all ours: true
lines: 40
