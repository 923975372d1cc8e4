--TEST--
e2e: customers in Infor (CRS610MI): created once under concurrent orders from two processes, existing ones used, guests per e-mail or shared, updates change Infor
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

const CUSTOMER_SYNC = ['customer_template' => 'TEMPLATE'];

/** CUNO => the sandbox's customer record */
function customers(): array
{
    return array_column(control('GET', 'customers')['customers'], null, 'CUNO');
}

/** CUNO of every confirmed order with this CUOR, joined. */
function orderCustomers(array $numbers): string
{
    $out = [];
    foreach ($numbers as $n) {
        $out[] = implode('+', array_column(ordersFor($n), 'cuno')) ?: 'missing';
    }
    return implode(' ', $out);
}

/** PHP code enqueuing [type, payload] pairs, then flush(); prints the event states. */
function enqueueCode(array $events): string
{
    return sprintf('
        $ids = [];
        foreach (unserialize(%s) as [$type, $payload]) {
            $ids[] = InforSync\enqueue($type, $payload);
        }
        $flushed = InforSync\flush(20000);
        echo json_encode(["flushed" => $flushed,
                          "events" => array_map(fn($id) => InforSync\event($id), $ids)]);',
        var_export(serialize($events), true));
}

/** Children started together, each enqueuing its events; waits for all of them. */
function concurrently(array ...$groups): array
{
    $children = array_map(fn($events) => startPhp(enqueueCode($events)), $groups);
    $results = [];
    foreach ($children as $child) {
        $r = finishPhp($child);
        $value = json_decode($r['stdout'], true);
        if ($r['exit'] !== 0 || !is_array($value)) {
            fail("child failed (exit {$r['exit']}): {$r['stdout']} {$r['stderr']}");
        }
        $results[] = $value;
    }
    return $results;
}

function states(array $results): string
{
    $states = [];
    foreach ($results as $r) {
        $states[] = ($r['flushed'] ? 'flushed' : 'NOT flushed') . ': '
            . implode(',', array_map(fn($e) => $e['state'], $r['events']));
    }
    return implode('; ', $states);
}

/** One M3 call with the sandbox's service account, as a client of the real API would make it. */
function m3Get(string $program, string $transaction, array $fields): array
{
    $ionapi = json_decode(file_get_contents(sandboxDir() . '/sandbox.ionapi'), true);
    $ssl = ['cafile' => sandboxDir() . '/ca.pem', 'verify_peer' => true, 'peer_name' => '127.0.0.1'];
    $form = http_build_query(['grant_type' => 'password', 'username' => $ionapi['saak'], 'password' => $ionapi['sask'],
                              'client_id' => $ionapi['ci'], 'client_secret' => $ionapi['cs']]);
    $token = json_decode(file_get_contents($ionapi['pu'] . $ionapi['ot'], false, stream_context_create([
        'http' => ['method' => 'POST', 'header' => "Content-Type: application/x-www-form-urlencoded\r\n", 'content' => $form],
        'ssl' => $ssl])), true)['access_token'];
    $url = "{$ionapi['iu']}/{$ionapi['ti']}/M3/m3api-rest/v2/execute/$program/$transaction;cono=100?" . http_build_query($fields);
    return json_decode(file_get_contents($url, false, stream_context_create([
        'http' => ['header' => "Authorization: Bearer $token\r\n", 'ignore_errors' => true], 'ssl' => $ssl])), true);
}

$lena = ['profile_id' => 7001, 'email' => 'Lena.Vogel@example.com', 'firstname' => 'Lena', 'lastname' => 'Vogel',
         'phone' => '+49 40 555 0101',
         'address' => ['street' => 'Elbchaussee 7', 'city' => 'Hamburg', 'zipcode' => '22763', 'country' => 'DE']];
// the orders carry the same data: whichever event reaches the leader first creates the customer
$lenaAddress = ['firstname' => 'Lena', 'lastname' => 'Vogel', 'street' => 'Elbchaussee 7', 'city' => 'Hamburg',
                'zipcode' => '22763', 'country' => 'DE', 'phone' => '+49 40 555 0101'];
$lenaOrder = fn($n) => order($n, null, ['customer_id' => '7001', 'email' => 'Lena.Vogel@example.com',
                                        'billing_address' => $lenaAddress]);
$tomAddress = ['firstname' => 'Tom', 'lastname' => 'Berger', 'street' => 'Ringstraße 1', 'city' => 'Wien',
               'zipcode' => '1010', 'country' => 'AT'];
$tomOrder = fn($n) => order($n, null, ['customer_id' => '7002', 'email' => 'tom.berger@example.com',
                                       'billing_address' => $tomAddress]);

reset();
newSpool(CUSTOMER_SYNC);
$before = customers();

echo "--- a registered customer: customer.created, then three orders from two processes at once\n";
$r = concurrently(
    [['customer.created', $lena], ['order.placed', $lenaOrder('XC-7001-A')], ['order.placed', $lenaOrder('XC-7001-B')]],
    [['order.placed', $lenaOrder('XC-7001-C')]],
);
echo states($r), "\n";
$new = array_diff_key(customers(), $before);
echo "new customers in Infor: ", implode(', ', array_keys($new)), "\n";
$c = $new['XC00007001'] ?? [];
echo "CUNM {$c['CUNM']}, MAIL {$c['MAIL']}, TOWN {$c['TOWN']}, CUA1 {$c['CUA1']}, PONO {$c['PONO']}, CSCD {$c['CSCD']}, PHNO {$c['PHNO']}\n";
echo "orders: ", orderCustomers(['XC-7001-A', 'XC-7001-B', 'XC-7001-C']), "\n";
echo "customer.created record: cuno ", $r[0]['events'][0]['record']['infor']['cuno'], "\n";

echo "--- a new customer without customer.created: orders from two processes at the same moment\n";
$r = concurrently([['order.placed', $tomOrder('XC-7002-A')]], [['order.placed', $tomOrder('XC-7002-B')]],
                  [['order.placed', $tomOrder('XC-7002-C')]]);
echo states($r), "\n";
$new = array_diff_key(customers(), $before);
echo "new customers in Infor: ", implode(', ', array_keys($new)), "\n";
echo "XC00007002: CUNM {$new['XC00007002']['CUNM']}, TOWN {$new['XC00007002']['TOWN']}, CSCD {$new['XC00007002']['CSCD']}\n";
echo "orders: ", orderCustomers(['XC-7002-A', 'XC-7002-B', 'XC-7002-C']), "\n";
echo "CRS610MI/Add calls: ", stats()['requests']['CRS610MI/Add'] ?? 0, "\n";

echo "--- an order naming infor_customer C10001\n";
$count = count(customers());
concurrently([['order.placed', order('XC-7003', null, ['customer_id' => '7003', 'infor_customer' => 'C10001'])]]);
echo "customers: ", count(customers()) - $count, " new; order: ", orderCustomers(['XC-7003']), "\n";

echo "--- guests, guest_rule per_email\n";
newSpool(CUSTOMER_SYNC + ['guest_rule' => 'per_email']);
$guest = fn($n, $email) => order($n, null, ['customer_id' => '', 'email' => $email]);
$count = count(customers());
$r = concurrently([['order.placed', $guest('XC-7101', 'Mia.Koch@example.com')]]);
$r = array_merge($r, concurrently([['order.placed', $guest('XC-7102', 'mia.koch@EXAMPLE.com')]]));
echo states($r), "\n";
$guests = array_values(array_filter(array_keys(customers()), fn($cuno) => str_starts_with($cuno, 'XG')));
echo "customers: ", count(customers()) - $count, " new, guest customers: ", count($guests),
    ", number like XG + 8: ", var_export((bool)preg_match('/^XG[A-Z2-7]{8}$/', $guests[0] ?? ''), true), "\n";
echo "MAIL ", customers()[$guests[0]]['MAIL'] ?? '-', "\n";
echo "orders on it: ", orderCustomers(['XC-7101', 'XC-7102']) === "{$guests[0]} {$guests[0]}" ? 'both' : orderCustomers(['XC-7101', 'XC-7102']), "\n";

echo "--- guests, guest_rule shared\n";
newSpool(CUSTOMER_SYNC + ['guest_rule' => 'shared', 'guest_customer' => 'GUEST']);
$count = count(customers());
concurrently([['order.placed', $guest('XC-7201', 'ben.wolf@example.com')], ['order.placed', $guest('XC-7202', 'eva.roth@example.com')]]);
echo "customers: ", count(customers()) - $count, " new; orders: ", orderCustomers(['XC-7201', 'XC-7202']), "\n";

echo "--- customer.updated\n";
newSpool(CUSTOMER_SYNC);
$r = concurrently([['customer.updated', ['lastname' => 'Vogel-Hansen', 'phone' => '+49 40 555 0199'] + $lena]]);
echo states($r), "\n";
$basic = m3Get('CRS610MI', 'GetBasicData', ['CUNO' => 'XC00007001']);
$row = $basic['results'][0]['records'][0] ?? [];
echo "GetBasicData: CUNM {$row['CUNM']}, PHNO {$row['PHNO']}, TOWN {$row['TOWN']}, MAIL {$row['MAIL']}\n";
echo "customers XC00007001: ", count(array_filter(array_keys(customers()), fn($c) => $c === 'XC00007001')), "\n";
?>
--EXPECT--
--- a registered customer: customer.created, then three orders from two processes at once
flushed: done,done,done; flushed: done
new customers in Infor: XC00007001
CUNM Lena Vogel, MAIL Lena.Vogel@example.com, TOWN Hamburg, CUA1 Elbchaussee 7, PONO 22763, CSCD DE, PHNO +49 40 555 0101
orders: XC00007001 XC00007001 XC00007001
customer.created record: cuno XC00007001
--- a new customer without customer.created: orders from two processes at the same moment
flushed: done; flushed: done; flushed: done
new customers in Infor: XC00007001, XC00007002
XC00007002: CUNM Tom Berger, TOWN Wien, CSCD AT
orders: XC00007002 XC00007002 XC00007002
CRS610MI/Add calls: 2
--- an order naming infor_customer C10001
customers: 0 new; order: C10001
--- guests, guest_rule per_email
flushed: done; flushed: done
customers: 1 new, guest customers: 1, number like XG + 8: true
MAIL Mia.Koch@example.com
orders on it: both
--- guests, guest_rule shared
customers: 0 new; orders: GUEST GUEST
--- customer.updated
flushed: done
GetBasicData: CUNM Lena Vogel-Hansen, PHNO +49 40 555 0199, TOWN Hamburg, MAIL Lena.Vogel@example.com
customers XC00007001: 1
