--TEST--
customer.created / customer.updated: every problem with its path; profile ids normalised; nothing spooled for a refused payload
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_040
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

function customer(array $override = []): array
{
    return array_replace([
        'profile_id' => 123, 'email' => 'anna.schmidt@example.com', 'firstname' => 'Anna',
        'lastname' => 'Schmidt', 'phone' => '+49 30 1234567',
        'address' => ['street' => 'Hauptstraße 12', 'city' => 'Berlin', 'zipcode' => '10115', 'country' => 'DE'],
    ], $override);
}

function show(string $type, array $payload): void
{
    try {
        $id = InforSync\enqueue($type, $payload);
        echo "$type: accepted, profile_id ", var_export(InforSync\event($id)['payload']['profile_id'], true), "\n";
    } catch (InforSync\ValidationException $e) {
        echo $e->getMessage(), "\n";
        foreach ($e->getErrors() as $error) {
            echo "  {$error['path']} => {$error['message']}\n";
        }
    }
}

show('customer.created', customer());
show('customer.updated', customer(['profile_id' => '000124', 'address' => null]));
show('customer.created', customer(['address' => null]));
show('customer.created', []);
show('customer.updated', customer([
    'profile_id' => 'xc-123', 'email' => str_repeat('a', 40) . '@example.com', 'firstname' => '',
    'lastname' => ['Schmidt'], 'infor_customer' => 'C0000000001',
    'address' => ['street' => 'Hauptstraße 12', 'zipcode' => 10115, 'country' => 'DEU'],
]));
show('customer.created', customer(['profile_id' => 123456789, 'email' => 'anna.example.com', 'address' => 'Berlin']));
// a guest order names no customer_id; a registered one names a profile id
show('order.placed', valid_order(['customer_id' => 'guest-7']));

$spooled = count(spool_files($spool, 'ready'));
echo "spooled: $spooled\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('040');
?>
--EXPECT--
customer.created: accepted, profile_id '123'
customer.updated: accepted, profile_id '124'
invalid customer.created payload: CUA1 (CRS610MI/Add, customer.created.json:17, address): is required
  address => is required
invalid customer.created payload: profile_id: is required; email: is required; firstname: is required; lastname: is required; CUA1 (CRS610MI/Add, customer.created.json:17, address): is required
  profile_id => is required
  email => is required
  firstname => is required
  lastname => is required
  address => is required
invalid customer.updated payload: profile_id: must be an X-Cart profile id (digits); email: is 52 characters, Infor allows 50; firstname: must not be empty; lastname: must be a string; address.city: is required; address.country: must be an ISO 3166-1 alpha-2 code like "DE"; infor_customer: is 11 characters, Infor allows 10
  profile_id => must be an X-Cart profile id (digits)
  email => is 52 characters, Infor allows 50
  firstname => must not be empty
  lastname => must be a string
  address.city => is required
  address.country => must be an ISO 3166-1 alpha-2 code like "DE"
  infor_customer => is 11 characters, Infor allows 10
invalid customer.created payload: profile_id: is longer than 8 digits: it must fit the 10-character Infor customer number after the customer_prefix; email: is not an e-mail address; CUA1 (CRS610MI/Add, customer.created.json:17, address): must be an array with keys street, city, zipcode, country
  profile_id => is longer than 8 digits: it must fit the 10-character Infor customer number after the customer_prefix
  email => is not an e-mail address
  address => must be an array with keys street, city, zipcode, country
invalid order.placed payload: customer_id: must be an X-Cart profile id (digits)
  customer_id => must be an X-Cart profile id (digits)
spooled: 2
