--TEST--
Inbound events fetched by a process killed (SIGKILL) before ack() come back; acknowledged ones never do
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_031
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();
$ids = [];
for ($i = 1; $i <= 3; $i++) {
    $ids[] = plant_inbound($spool, 'stock.changed', ['sku' => "SKU-$i", 'quantity' => (string)(10 * $i)]);
}
$ini = ['infor_sync.spool_dir' => $spool, 'infor_sync.worker' => 'off'];

// The shop's cron task fetches, starts applying, and dies before acknowledging.
[$exit, $out] = run_php($ini, 'echo json_encode(array_column(InforSync\inbound(), "id")); exec("kill -9 " . getmypid()); echo "not reached";');
// proc_close() gives the raw wait status for a child killed by a signal: 9 for SIGKILL
echo "killed: ", $exit === 9 && !str_contains($out, 'not reached') ? 'yes' : "no (exit $exit)", "\n";
var_dump(json_decode($out, true) === $ids);

// The next run gets the same events, applies them and acknowledges.
[$exit, $out] = run_php($ini, '$e = InforSync\inbound(); echo count($e), " ", InforSync\ack(array_column($e, "id"));');
echo "next run: $out\n";

// Nothing comes back after the acknowledgement, in any process.
[$exit, $out] = run_php($ini, 'echo count(InforSync\inbound());');
echo "after ack: $out\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('031');
?>
--EXPECT--
killed: yes
bool(true)
next run: 3 3
after ack: 0
