--TEST--
e2e: rebuild_customer_index() rewrites a lost customer index from Infor (LstByNumber); orders then find their customers without asking Infor, and an address known in Infor matches a new shop customer
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
$base = newSpool(['customer_template' => 'TEMPLATE']);
$index = "$base/spool/xref/customers.json";

// a customer the shop created, and one created in Infor by hand
runJson('InforSync\enqueue("customer.created", ["profile_id" => 7301, "email" => "Jonas.Weber@example.com",
    "firstname" => "Jonas", "lastname" => "Weber", "address" => ["street" => "Domplatz 3", "city" => "Köln",
    "zipcode" => "50667", "country" => "DE"]]); echo json_encode(InforSync\flush(20000));');
control('POST', 'customers', ['CUNO' => 'C10500', 'CUNM' => 'Hannah Klein', 'MAIL' => 'Hannah.Klein@example.com']);
echo "index before: ", json_encode(json_decode(file_get_contents($index), true)), "\n";

unlink($index);
$r = runJson('$id = InforSync\rebuild_customer_index(); $flushed = InforSync\flush(20000);
    echo json_encode(["flushed" => $flushed, "event" => InforSync\event($id)]);');
echo "rebuild: flushed ", var_export($r['flushed'], true), ", {$r['event']['type']} {$r['event']['state']}, ",
    json_encode($r['event']['record']['infor']), "\n";
$rebuilt = json_decode(file_get_contents($index), true);
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
echo "index learnt profile 7302: ", json_decode(file_get_contents($index), true)['profiles']['7302'] ?? '-', "\n";
?>
--EXPECT--
index before: {"profiles":{"7301":"XC00007301"},"emails":{"jonas.weber@example.com":"XC00007301"}}
rebuild: flushed true, customers.reindex done, {"customers":6,"indexed":6}
profiles: {"7301":"XC00007301"}
emails: {"anna.schmidt@example.com":"C10001","guest@example.com":"GUEST","hannah.klein@example.com":"C10500","john.miller@example.com":"C10002","jonas.weber@example.com":"XC00007301","webshop@example.com":"WEBSHOP"}
orders: XC-7301 XC00007301, XC-7302 C10500
CRS610MI calls for the orders: none
index learnt profile 7302: C10500
