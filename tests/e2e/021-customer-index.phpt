--TEST--
e2e: rebuild_customer_index() rewrites a lost customer index from Infor (LstByNumber); orders then find their customers without asking Infor, and an address known in Infor matches a new shop customer; the index is one file per key, and an older version's single document is converted on first use
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool(['customer_template' => 'TEMPLATE']);
$xref = "$base/spool/xref";
// the customer index as two maps, read from its files (one per key, src/connectors/xref.h)
$index = function () use ($xref): array {
    $maps = ['profiles' => [], 'emails' => []];
    foreach (['profiles' => 'profile_id', 'emails' => 'email'] as $map => $field) {
        foreach (glob("$xref/customers/$map/*.json") as $file) {
            $entry = json_decode(file_get_contents($file), true);
            $maps[$map][$entry[$field]] = $entry['cuno'];
        }
    }
    return $maps;
};

// a customer the shop created, and one created in Infor by hand
runJson('InforSync\enqueue("customer.created", ["profile_id" => 7301, "email" => "Jonas.Weber@example.com",
    "firstname" => "Jonas", "lastname" => "Weber", "address" => ["street" => "Domplatz 3", "city" => "Köln",
    "zipcode" => "50667", "country" => "DE"]]); echo json_encode(InforSync\flush(20000));');
control('POST', 'customers', ['CUNO' => 'C10500', 'CUNM' => 'Hannah Klein', 'MAIL' => 'Hannah.Klein@example.com']);
echo "index before: ", json_encode($index()), "\n";

removeTree($xref);
$r = runJson('$id = InforSync\rebuild_customer_index(); $flushed = InforSync\flush(20000);
    echo json_encode(["flushed" => $flushed, "event" => InforSync\event($id)]);');
echo "rebuild: flushed ", var_export($r['flushed'], true), ", {$r['event']['type']} {$r['event']['state']}, ",
    json_encode($r['event']['record']['infor']), "\n";
$rebuilt = $index();
ksort($rebuilt['emails']);
echo "profiles: ", json_encode($rebuilt['profiles']), "\n";
echo "emails: ", json_encode($rebuilt['emails']), "\n";

// orders: the known profile, and a new profile whose address Infor knows
$calls = fn() => array_filter(stats()['requests'], fn($k) => str_starts_with($k, 'CRS610MI/'), ARRAY_FILTER_USE_KEY);
$before = $calls();
$r = deliver([order('XC-7301', null, ['customer_id' => '7301', 'email' => 'jonas.weber@example.com']),
              order('XC-7302', null, ['customer_id' => '7302', 'email' => 'hannah.klein@EXAMPLE.com'])],
             [], 20000);
$after = $calls();
echo "orders: XC-7301 ", ordersFor('XC-7301')[0]['cuno'] ?? '-', ", XC-7302 ", ordersFor('XC-7302')[0]['cuno'] ?? '-', "\n";
$made = [];
foreach ($after as $k => $n) {
    if ($n - ($before[$k] ?? 0)) {
        $made[] = "$k " . ($n - ($before[$k] ?? 0));
    }
}
echo "CRS610MI calls for the orders: ", $made ? implode(', ', $made) : 'none', "\n";
echo "index learnt profile 7302: ", $index()['profiles']['7302'] ?? '-', "\n";

// the layout: a symlink to the live generation, one file per key, the rebuild's old generation gone
$entries = array_map('basename', glob("$xref/customers/*/*"));
echo "layout: customers -> ", preg_replace('/^gen-\d+-\d+-\d+$/', 'gen-<ms>-<pid>-<n>', readlink("$xref/customers")),
    ", generations ", count(glob("$xref/gen-*")), ", ", count($entries), " entries named ",
    count(preg_grep('/^[0-9a-f]{32}\.json$/', $entries)) === count($entries) ? 'by hash' : 'otherwise', "\n";

// an upgrade: the single document of an older version, converted on first use; nothing lost, no call
removeTree($xref);
mkdir($xref, 0700);
file_put_contents("$xref/customers.json", json_encode(['profiles' => ['7303' => 'C10002'],
    'emails' => ['hannah.klein@example.com' => 'C10500']]));
$before = $calls();
deliver([order('XC-7303', null, ['customer_id' => '7303', 'email' => 'john.miller@example.com'])], [], 20000);
$made = array_filter($calls(), fn($n, $k) => $n !== ($before[$k] ?? 0), ARRAY_FILTER_USE_BOTH);
echo "upgrade: XC-7303 ", ordersFor('XC-7303')[0]['cuno'] ?? '-', ", CRS610MI calls ", $made ? 'some' : 'none',
    ", customers.json ", file_exists("$xref/customers.json") ? 'still there' : 'converted',
    file_exists("$xref/customers.json.migrated") ? ' (customers.json.migrated kept)' : '', "\n";
$upgraded = $index();
ksort($upgraded['emails']);
echo "index after the upgrade: ", json_encode($upgraded), "\n";
?>
--EXPECT--
index before: {"profiles":{"7301":"XC00007301"},"emails":{"jonas.weber@example.com":"XC00007301"}}
rebuild: flushed true, customers.reindex done, {"customers":6,"indexed":6}
profiles: {"7301":"XC00007301"}
emails: {"anna.schmidt@example.com":"C10001","guest@example.com":"GUEST","hannah.klein@example.com":"C10500","john.miller@example.com":"C10002","jonas.weber@example.com":"XC00007301","webshop@example.com":"WEBSHOP"}
orders: XC-7301 XC00007301, XC-7302 C10500
CRS610MI calls for the orders: none
index learnt profile 7302: C10500
layout: customers -> gen-<ms>-<pid>-<n>, generations 1, 8 entries named by hash
upgrade: XC-7303 C10002, CRS610MI calls none, customers.json converted (customers.json.migrated kept)
index after the upgrade: {"profiles":{"7303":"C10002"},"emails":{"hannah.klein@example.com":"C10500","john.miller@example.com":"C10002"}}
