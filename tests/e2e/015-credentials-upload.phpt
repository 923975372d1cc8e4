--TEST--
e2e: a worker whose .ionapi has a wrong secret retries (nothing reaches M3); save_credentials() with the right file delivers the order without a restart
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool();
$good = file_get_contents(sandboxDir() . '/sandbox.ionapi');
$wrong = json_decode($good, true);
$wrong['cs'] = 'not-the-secret';
mkdir("$base/etc", 0700);
file_put_contents("$base/etc/shop.ionapi", json_encode($wrong));
chmod("$base/etc/shop.ionapi", 0600);
$before = stats();

// one process throughout: the same worker thread must pick the new file up
$r = runJson('
    $id = InforSync\enqueue("order.placed", unserialize(' . var_export(serialize(order('XC-1501')), true) . '));
    $deadline = microtime(true) + 15;
    do { // until an attempt has failed
        InforSync\flush(100);
        $e = InforSync\event($id);
    } while (($e["record"]["attempts"] ?? 0) < 1 || $e["state"] !== "deferred" && microtime(true) < $deadline);
    $refused = ["event" => $e, "status" => InforSync\status()];
    $summary = InforSync\save_credentials(' . var_export($good, true) . ');
    $flushed = InforSync\flush(20000);
    echo json_encode(["refused" => $refused, "summary" => $summary, "flushed" => $flushed,
                      "event" => InforSync\event($id), "status" => InforSync\status(), "pid" => getmypid()]);
', ['infor_sync.ionapi_file' => "$base/etc/shop.ionapi"]);

$refused = $r['refused'];
echo "with the wrong secret: state {$refused['event']['state']}, last error names the token endpoint: ",
    var_export(str_contains($refused['event']['record']['last_error'] ?? '', 'token'), true), ", dead letters ",
    $refused['status']['spool']['dead'], "\n";
echo "secret in the error: ", var_export(str_contains(json_encode($refused), 'not-the-secret'), true), "\n";
$s = $r['summary'];
echo "save_credentials: ok ", var_export($s['ok'], true), ", grant {$s['grant']}, mode {$s['mode']}, secret shown: ",
    var_export(str_contains(json_encode($s), $wrong['cs']) || str_contains(json_encode($s), json_decode($good, true)['cs']), true), "\n";
echo "then: flush ", var_export($r['flushed'], true), ", state {$r['event']['state']}, credentials ok ",
    var_export($r['status']['credentials']['ok'], true), ", leader pid is the same process: ",
    var_export($r['status']['worker']['leader_pid'] === $r['pid'], true), "\n";
echo describe('XC-1501'), "\n";
$after = stats();
$refusedTokens = ($after['token_requests'] - $before['token_requests']) - ($after['tokens_issued'] - $before['tokens_issued']);
echo "sandbox: refused token requests ", $refusedTokens > 0 ? 'yes' : 'no', ", M3 calls refused ", $after['unauthorized'] - $before['unauthorized'],
    ", tokens issued ", $after['tokens_issued'] - $before['tokens_issued'], "\n";
echo "file: ", file_get_contents("$base/etc/shop.ionapi") === $good ? 'the uploaded text' : 'something else',
    ", mode ", sprintf('%o', fileperms("$base/etc/shop.ionapi") & 0777), "\n";
?>
--EXPECT--
with the wrong secret: state deferred, last error names the token endpoint: true, dead letters 0
secret in the error: false
save_credentials: ok true, grant password, mode 0600, secret shown: false
then: flush true, state done, credentials ok true, leader pid is the same process: true
XC-1501: CUNO WEBSHOP, 1 line(s) TSHIRT-BLK-M:1
sandbox: refused token requests yes, M3 calls refused 0, tokens issued 1
file: the uploaded text, mode 600
