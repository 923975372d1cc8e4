--TEST--
status(): keys and types, and counts that follow the spool
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_017
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

function shape($value) {
    if (!is_array($value)) {
        return get_debug_type($value);
    }
    return array_map('shape', $value);
}
$status = InforSync\status();
print_r(shape($status));
var_dump($status['enabled'], $status['worker']['mode'], $status['worker']['running'],
         $status['worker']['leader'], $status['worker']['pid'] === getmypid(), $status['worker']['leader_pid']);
var_dump($status['spool']['dir'] === $spool, $status['spool']['durability']);
var_dump($status['counters'], $status['token'], $status['last_deliveries']);
echo json_encode($status['anomalies']), "\n";
echo json_encode($status['delivery']), "\n"; // no leader: what one would start with

$a = InforSync\enqueue('order.placed', valid_order());
$b = InforSync\enqueue('order.placed', valid_order(['order_number' => '1002']));
InforSync\enqueue('order.placed', valid_order(['order_number' => '1003']));
rename("$spool/ready/$a", "$spool/dead/$a");
rename("$spool/ready/$b", "$spool/done/$b");
file_put_contents("$spool/ready/not-an-event.txt", "x");
$counts = InforSync\status()['spool'];
unset($counts['dir'], $counts['durability']);
var_dump($counts);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('017');
?>
--EXPECT--
Array
(
    [enabled] => bool
    [worker] => Array
        (
            [mode] => string
            [running] => bool
            [leader] => bool
            [pid] => int
            [leader_pid] => null
        )

    [spool] => Array
        (
            [dir] => string
            [durability] => string
            [ready] => int
            [active] => int
            [deferred] => int
            [dead] => int
            [corrupt] => int
            [done] => int
            [inbound] => int
            [held] => int
            [error] => null
        )

    [counters] => Array
        (
            [delivered] => int
            [retried] => int
            [dead] => int
            [corrupt] => int
        )

    [last_error] => null
    [mapping] => Array
        (
            [dir] => null
            [templates] => Array
                (
                    [customer.created] => Array
                        (
                            [origin] => string
                        )

                    [customer.updated] => Array
                        (
                            [origin] => string
                        )

                    [order.placed] => Array
                        (
                            [origin] => string
                        )

                    [order.status_changed] => Array
                        (
                            [origin] => string
                        )

                    [payment.captured] => Array
                        (
                            [origin] => string
                        )

                    [payment.refunded] => Array
                        (
                            [origin] => string
                        )

                    [payment.voided] => Array
                        (
                            [origin] => string
                        )

                )

            [rates] => null
        )

    [token] => Array
        (
            [expires_at] => null
            [valid] => bool
        )

    [credentials] => Array
        (
            [file] => string
            [ok] => bool
            [error] => string
            [tenant] => null
            [app] => null
            [gateway] => null
            [token_url] => null
            [grant] => null
            [mode] => null
            [readable_by_others] => bool
        )

    [config_error] => null
    [polling] => Array
        (
            [stock] => Array
                (
                    [interval] => int
                    [source] => string
                )

            [items] => Array
                (
                    [interval] => int
                    [source] => string
                )

            [shipments] => Array
                (
                    [interval] => int
                    [source] => string
                )

        )

    [degraded] => Array
        (
        )

    [delivery] => Array
        (
            [in_flight] => int
            [limit] => int
            [max_in_flight] => int
            [overloaded] => int
            [lanes] => int
        )

    [last_deliveries] => Array
        (
        )

    [anomalies] => Array
        (
            [hold] => bool
            [flagged] => int
            [held] => int
            [error_rate] => Array
                (
                    [short] => float
                    [long] => float
                    [short_attempts] => int
                    [long_attempts] => int
                    [rising] => bool
                )

        )

)
bool(true)
string(3) "off"
bool(false)
bool(false)
bool(true)
NULL
bool(true)
string(4) "none"
array(4) {
  ["delivered"]=>
  int(0)
  ["retried"]=>
  int(0)
  ["dead"]=>
  int(0)
  ["corrupt"]=>
  int(0)
}
array(2) {
  ["expires_at"]=>
  NULL
  ["valid"]=>
  bool(false)
}
array(0) {
}
{"hold":false,"flagged":0,"held":0,"error_rate":{"short":0,"long":0,"short_attempts":0,"long_attempts":0,"rising":false}}
{"in_flight":0,"limit":8,"max_in_flight":8,"overloaded":0,"lanes":0}
array(9) {
  ["ready"]=>
  int(1)
  ["active"]=>
  int(0)
  ["deferred"]=>
  int(0)
  ["dead"]=>
  int(1)
  ["corrupt"]=>
  int(0)
  ["done"]=>
  int(1)
  ["inbound"]=>
  int(0)
  ["held"]=>
  int(0)
  ["error"]=>
  NULL
}
