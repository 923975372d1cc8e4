--TEST--
e2e mapping: an admin template whose problem shows only at delivery (the order's customer missing from a lookup table) makes the event a dead letter with the problems in record.mapping and nothing sent; the admin fixes the file, the running worker picks it up, retry_dead() delivers the raw event with the fixed mapping
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool();
mkdir("$base/mapping");
$file = "$base/mapping/order.placed.json";
$ini = ['infor_sync.mapping_dir' => "$base/mapping", 'infor_sync.poll_stock_interval' => 0,
        'infor_sync.poll_items_interval' => 0, 'infor_sync.poll_shipments_interval' => 0];

// the built-in template, with CUNO through the admin's table of Infor accounts
$builtin = json_decode(file_get_contents(__DIR__ . '/../../mapping/m3/order.placed.json'), true);
function withAccounts(array $template, array $accounts): string
{
    $template['lookups'] = ['accounts' => $accounts];
    $template['calls'][0]['fields']['CUNO'] = ['context' => 'customer', 'transform' => [['lookup' => 'accounts']]];
    return json_encode($template, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES);
}
file_put_contents($file, withAccounts($builtin, ['GUEST' => 'C10002']));  // WEBSHOP is missing, no "*"
$fixed = withAccounts($builtin, ['GUEST' => 'C10002', 'WEBSHOP' => 'C10001']);

$order = order(orderNumber('XC-DLQ'), [['MUG-LOGO', '9.50', 2]]);
$since = control('GET', 'calls')['last_seq'];
// one process throughout: dead letter, then (after the test looked at Infor) the fixed file, retry_dead()
$child = startPhp('
    $id = InforSync\enqueue("order.placed", unserialize(' . var_export(serialize($order), true) . '));
    InforSync\flush(15000);
    file_put_contents(' . var_export("$base/dead.json", true) . ', json_encode(["event" => InforSync\event($id), "dead" => InforSync\dead_letters()]));
    $deadline = microtime(true) + 30;
    while (!file_exists(' . var_export("$base/go", true) . ') && microtime(true) < $deadline) { usleep(50000); }
    sleep(2); // the worker looks at the mapping directory once a second
    $n = InforSync\retry_dead($id);
    $flushed = InforSync\flush(15000);
    echo json_encode(["retried" => $n, "flushed" => $flushed, "event" => InforSync\event($id)]);
', $ini);
waitFor(fn() => is_file("$base/dead.json") && json_decode(file_get_contents("$base/dead.json"), true), 30, 'the dead letter');
$dead = json_decode(file_get_contents("$base/dead.json"), true);
$e = $dead['event'];
echo "state: {$e['state']}, dead letters: ", count($dead['dead']), "\n";
$problems = $e['record']['mapping']['problems'] ?? [];
$cunoLine = 0;
foreach (explode("\n", file_get_contents($file)) as $i => $line) {
    if (str_contains($line, '"CUNO"')) {
        $cunoLine = $i + 1;
        break;
    }
}
// the lookup's problem (CUNO then also ends up empty: mandatory)
$lookup = array_values(array_filter($problems, fn($p) => str_contains($p['message'], 'WEBSHOP')));
echo "record.mapping.problems: the lookup's ", count($lookup), ", all of CUNO: ",
    var_export($problems && array_unique(array_column($problems, 'field')) === ['CUNO'], true), "\n";
foreach ($lookup as $p) {
    echo "  {$p['field']} {$p['call']} ", $p['template'] === "order.placed.json:$cunoLine" ? 'at the CUNO line of the file' : $p['template'], "\n";
}
echo "reason mentions the mapping: ", var_export(str_contains($dead['dead'][0]['reason'] ?? '', 'CUNO'), true), "\n";
echo "calls sent: ", count(control('GET', "calls?since=$since")['calls']), "\n";
echo "raw event kept: ", var_export(($e['payload']['order_number'] ?? '') === $order['order_number'], true), "\n";

file_put_contents($file, $fixed);
touch("$base/go");
$r = finishPhp($child);
$done = json_decode($r['stdout'], true) ?? fail("child: {$r['stdout']} {$r['stderr']}");
echo "retry_dead: {$done['retried']}, flush: ", var_export($done['flushed'], true), ", state {$done['event']['state']}\n";
echo "mapping template in the record: ", $done['event']['record']['mapping']['template'] === $file ? 'the admin file' : $done['event']['record']['mapping']['template'],
    ", problems ", json_encode($done['event']['record']['mapping']['problems']), "\n";
$heads = control('GET', "calls?since=$since&transaction=AddBatchHead")['calls'];
echo "AddBatchHead calls: ", count($heads), ", CUNO ", $heads[0]['fields']['CUNO'] ?? '-', "\n";
$mine = ordersFor($order['order_number']);
echo "orders in Infor: ", count($mine), ", customer ", $mine[0]['cuno'] ?? '-', "\n";
?>
--EXPECT--
state: dead, dead letters: 1
record.mapping.problems: the lookup's 1, all of CUNO: true
  CUNO OIS100MI/AddBatchHead at the CUNO line of the file
reason mentions the mapping: true
calls sent: 0
raw event kept: true
retry_dead: 1, flush: true, state done
mapping template in the record: the admin file, problems []
AddBatchHead calls: 1, CUNO C10001
orders in Infor: 1, customer C10001
