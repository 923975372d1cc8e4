--TEST--
ValidationException lists every problem with its path; nothing is written to the spool
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_012
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

$order = valid_order([
    'currency' => 'eur',
    'email' => null,
    'billing_address' => ['firstname' => 'Anna', 'lastname' => 'Müller', 'street' => 'Hauptstr. 1',
                          'city' => 'Berlin', 'zipcode' => '10115', 'country' => 'DEU'],
    'items' => [
        ['sku' => 'MUG-01', 'price' => '11.99', 'quantity' => 1],
        ['sku' => 'TEA-02', 'price' => '19,99', 'quantity' => 0],
        ['sku' => 'A-VERY-LONG-SKU-0001', 'price' => -1, 'quantity' => 1],
    ],
]);
try {
    InforSync\enqueue('order.placed', $order);
    echo "no exception\n";
} catch (InforSync\ValidationException $e) {
    echo $e->getMessage(), "\n";
    var_dump($e instanceof InforSync\Exception, $e->getCode());
    foreach ($e->getErrors() as $error) {
        var_dump(array_keys($error) === ['path', 'message']);
        echo "  {$error['path']} => {$error['message']}\n";
    }
}

// a payload that is missing everything, also an empty one
foreach ([['note' => 'hi'], []] as $payload) {
    try {
        InforSync\enqueue('order.placed', $payload);
    } catch (InforSync\ValidationException $e) {
        echo implode(', ', array_column($e->getErrors(), 'path')), "\n";
    }
}
// a list is not a payload
try {
    InforSync\enqueue('order.placed', [valid_order()]);
} catch (InforSync\ValidationException $e) {
    echo $e->getMessage(), "\n";
}

// the spool directory may exist, but no event was written
var_dump(is_dir("$spool/ready") ? spool_files($spool, 'ready') : []);
var_dump(is_dir("$spool/tmp") ? spool_files($spool, 'tmp') : []);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('012');
?>
--EXPECT--
invalid order.placed payload: email: is required; currency: must be an ISO 4217 code like "EUR"; billing_address.country: must be an ISO 3166-1 alpha-2 code like "DE"; SAPR (OIS100MI/AddBatchLine[1], order.placed.json:98, items[1].price): must be a decimal number like "19.99" (digits, '.' as separator); items[1].quantity: must be greater than 0; items[2].price: must be 0 or more; ITNO (OIS100MI/AddBatchLine[2], order.placed.json:96, items[2].sku): is 20 characters, Infor allows 15
bool(true)
int(0)
bool(true)
  email => is required
bool(true)
  currency => must be an ISO 4217 code like "EUR"
bool(true)
  billing_address.country => must be an ISO 3166-1 alpha-2 code like "DE"
bool(false)
  items[1].price => must be a decimal number like "19.99" (digits, '.' as separator)
bool(true)
  items[1].quantity => must be greater than 0
bool(true)
  items[2].price => must be 0 or more
bool(false)
  items[2].sku => is 20 characters, Infor allows 15
order_id, order_number, date, email, currency, total_amount, billing_address, items
order_id, order_number, date, email, currency, total_amount, billing_address, items
invalid order.placed payload: payload: must be an array with string keys
array(0) {
}
array(0) {
}
