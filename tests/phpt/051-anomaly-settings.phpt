--TEST--
Anomaly settings: an invalid anomaly_threshold warns and keeps 6; threshold 0 turns flags off; anomaly_min_history above the history size flags nothing; a lower threshold flags more
--EXTENSIONS--
infor_sync
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = sys_get_temp_dir() . '/infor_sync_phpt_051';

[$rc, $out, $err] = run_php(['infor_sync.spool_dir' => $spool, 'infor_sync.anomaly_threshold' => 'high',
                             'infor_sync.anomaly_min_history' => '0'],
                            'echo ini_get("infor_sync.anomaly_threshold"), " ", ini_get("infor_sync.anomaly_min_history"), "\n";');
echo $out, trim($err), "\n";

/** A spool whose history is 25 orders of 20-80 EUR; returns the state of an order of $total after a flush. */
function state_of(string $spool, string $total, array $ini): string
{
    rm_tree($spool);
    mkdir($spool, 0700, true);
    $totals = array_map(fn($i) => sprintf('%.2f', 20 + $i * 2.5), range(0, 24));
    file_put_contents("$spool/anomaly.json", json_encode(['v' => 1, 'metrics' => ['total_amount' => $totals]]));
    $order = var_export(valid_order(['total_amount' => $total]), true);
    [$rc, $out, $err] = run_php($ini + ['infor_sync.spool_dir' => $spool, 'infor_sync.durability' => 'none',
                                        'infor_sync.anomaly_hold' => '1', 'infor_sync.retry_base_ms' => '60000'], '
        $id = InforSync\enqueue("order.placed", ' . $order . ');
        InforSync\flush(30000); // returns as soon as the event left ready/ and active/
        $e = InforSync\event($id);
        echo $e["state"], isset($e["record"]["anomaly"]) ? " (flagged)" : "", "\n";');
    return trim($out . $err);
}
echo "default, 250000.00: ", state_of($spool, '250000.00', []), "\n";
echo "default, 150.00: ", state_of($spool, '150.00', []), "\n";
echo "threshold 2.5, 150.00: ", state_of($spool, '150.00', ['infor_sync.anomaly_threshold' => '2.5']), "\n";
echo "threshold 0, 250000.00: ", state_of($spool, '250000.00', ['infor_sync.anomaly_threshold' => '0']), "\n";
echo "min history 30, 250000.00: ", state_of($spool, '250000.00', ['infor_sync.anomaly_min_history' => '30']), "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('051');
?>
--EXPECTF--
6 20
PHP Warning:  PHP Startup: infor_sync.anomaly_threshold: invalid value "high"; expected a number of at least 0 (0: no anomaly flags) in %s on line %d
PHP Warning:  PHP Startup: infor_sync.anomaly_min_history: must be a positive number, "0" given in %s on line %d
default, 250000.00: held (flagged)
default, 150.00: deferred
threshold 2.5, 150.00: held (flagged)
threshold 0, 250000.00: deferred
min history 30, 250000.00: deferred
