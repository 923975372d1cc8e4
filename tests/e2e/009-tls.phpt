--TEST--
e2e: without the sandbox's CA its certificate is refused (nothing sent, event deferred, reason in status); verify_tls=0 delivers
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
// infor_sync.ca_file unset: the system CA store, which does not know the sandbox's CA
$r = runJson('
    $id = InforSync\enqueue("order.placed", unserialize(' . var_export(serialize(order('XC-9001')), true) . '));
    $deadline = microtime(true) + 15;
    do { // until the first attempt has failed
        $flushed = InforSync\flush(100);
    } while (InforSync\event($id)["state"] !== "deferred" && microtime(true) < $deadline);
    echo json_encode(["ids" => ["XC-9001" => $id], "flushed" => $flushed, "events" => ["XC-9001" => InforSync\event($id)],
                      "status" => InforSync\status()]);
', ['infor_sync.ca_file' => null, 'infor_sync.retry_base_ms' => 2000, 'infor_sync.retry_cap_ms' => 2000]);
$e = $r['events']['XC-9001'];
echo "flush: ", var_export($r['flushed'], true), ", state {$e['state']}, attempts {$e['record']['attempts']}\n";
$message = $r['status']['last_error']['message'] ?? '';
echo "last_error mentions the certificate: ", var_export(stripos($message, 'certificate') !== false, true), "\n";
echo "event's last_error is the same: ", var_export(($e['record']['last_error'] ?? '') === $message, true), "\n";
echo "spool: deferred {$r['status']['spool']['deferred']}, done {$r['status']['spool']['done']}\n";
$s = stats();
echo "sandbox: token requests {$s['token_requests']}, M3 requests ", array_sum($s['requests']), ", orders ", count(confirmed()) + count(orders()['batch_orders']), "\n";
if (stripos($message, 'certificate') === false) {
    echo "last_error: $message\n";
}

// the admin turns verification off explicitly: the same event goes through
$r2 = runJson('echo json_encode(["flushed" => InforSync\flush(20000), "event" => InforSync\event(' . var_export($r['ids']['XC-9001'], true) . ')]);',
              ['infor_sync.ca_file' => null, 'infor_sync.verify_tls' => '0']);
echo "verify_tls=0: flush ", var_export($r2['flushed'], true), ", state {$r2['event']['state']}\n";
echo describe('XC-9001'), "\n";
echo "orders in Infor: ", count(confirmed()), "\n";
?>
--EXPECT--
flush: false, state deferred, attempts 1
last_error mentions the certificate: true
event's last_error is the same: true
spool: deferred 1, done 0
sandbox: token requests 0, M3 requests 0, orders 0
verify_tls=0: flush true, state done
XC-9001: CUNO WEBSHOP, 1 line(s) TSHIRT-BLK-M:1
orders in Infor: 1
