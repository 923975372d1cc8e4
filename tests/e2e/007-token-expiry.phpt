--TEST--
e2e: a token Infor expired early is replaced after one 401; client-credentials .ionapi works too
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool();
$before = stats();
// one process, one worker, one token: deliver, Infor expires every token, deliver again
$r = runJson('
    require ' . var_export(__DIR__ . '/harness.inc', true) . ';
    $a = InforSync\enqueue("order.placed", unserialize(' . var_export(serialize(order('XC-7001')), true) . '));
    $first = InforSync\flush(20000);
    $token1 = InforSync\status()["token"];
    E2E\expireTokens();
    $b = InforSync\enqueue("order.placed", unserialize(' . var_export(serialize(order('XC-7002', [['CAP-RED', '14.00', 2]])), true) . '));
    $second = InforSync\flush(20000);
    echo json_encode(["first" => $first, "second" => $second, "token1" => $token1, "a" => InforSync\event($a),
                      "b" => InforSync\event($b), "status" => InforSync\status()]);
');
echo "flush: ", var_export($r['first'], true), ", ", var_export($r['second'], true), "\n";
echo "first token valid: ", var_export($r['token1']['valid'], true), "\n";
echo "XC-7001: {$r['a']['state']}, attempts {$r['a']['record']['attempts']}\n";
echo "XC-7002: {$r['b']['state']}, attempts {$r['b']['record']['attempts']}\n";
echo describe('XC-7001'), "\n", describe('XC-7002'), "\n";
$s = stats();
echo "sandbox: tokens issued ", $s['tokens_issued'] - $before['tokens_issued'], ", unauthorized ", $s['unauthorized'] - $before['unauthorized'], "\n";
$st = $r['status'];
echo "status: delivered {$st['counters']['delivered']}, retried {$st['counters']['retried']}, token valid ", var_export($st['token']['valid'], true),
    ", expires in the future: ", var_export($st['token']['expires_at'] > time(), true), "\n";

// the client-credentials app (no service account) delivers as well
$cc = deliver([order('XC-7003', [['BOTTLE-500', '15.00', 1]])],
              ['infor_sync.ionapi_file' => sandboxDir() . '/sandbox-cc.ionapi']);
echo "client credentials: flush ", var_export($cc['flushed'], true), ", {$cc['events']['XC-7003']['state']}, credentials ok ",
    var_export($cc['status']['credentials']['ok'], true), "\n";
echo describe('XC-7003'), "\n";
echo "orders in Infor: ", count(confirmed()), ", tokens issued in all: ", stats()['tokens_issued'] - $before['tokens_issued'], "\n";
?>
--EXPECT--
flush: true, true
first token valid: true
XC-7001: done, attempts 1
XC-7002: done, attempts 1
XC-7001: CUNO WEBSHOP, 1 line(s) TSHIRT-BLK-M:1
XC-7002: CUNO WEBSHOP, 1 line(s) CAP-RED:2
sandbox: tokens issued 2, unauthorized 1
status: delivered 2, retried 0, token valid true, expires in the future: true
client credentials: flush true, done, credentials ok true
XC-7003: CUNO WEBSHOP, 1 line(s) BOTTLE-500:1
orders in Infor: 3, tokens issued in all: 3
