--TEST--
order.placed with X-Cart surcharges, line details and address lines: kept normalised in the spooled event; each invalid value reported with its path
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_035
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

function problems(array $order): void
{
    try {
        InforSync\enqueue('order.placed', $order);
        echo "no exception\n";
    } catch (InforSync\ValidationException $e) {
        foreach ($e->getErrors() as $error) {
            echo "{$error['path']} => {$error['message']}\n";
        }
    }
}

echo "-- valid\n";
$order = valid_order([
    'billing_address' => [
        'firstname' => 'Anna', 'lastname' => 'Müller', 'company' => 'Müller GmbH',
        'street' => 'Hauptstr. 1', 'street2' => 'Hinterhaus', 'city' => 'Berlin',
        'zipcode' => '10115', 'country' => 'DE', 'state' => null, 'phone' => '+49 30 1234',
    ],
    'shipping_address' => [
        'firstname' => 'Anna', 'lastname' => 'Müller', 'street' => 'Am Markt 5', 'street2' => '',
        'city' => 'Köln', 'zipcode' => '50667', 'country' => 'DE',
    ],
    'items' => [
        ['sku' => 'MUG-01', 'name' => 'Mug', 'price' => '11.99', 'quantity' => 2,
         'net_price' => '10.08', 'total' => 23.98, 'product_class' => 'Kitchen',
         'categories' => ['Mugs', 'Gifts'], 'variant_sku' => 'MUG-01-RED',
         'surcharges' => [
             ['type' => 'tax', 'code' => 'VAT', 'name' => 'VAT 19%', 'amount' => '3.83',
              'include' => true, 'jurisdiction' => 'DE'],
         ]],
        ['sku' => 'TEA-02', 'price' => 0, 'quantity' => 1, 'categories' => [], 'surcharges' => null],
    ],
    'surcharges' => [
        ['type' => 'shipping', 'code' => 'SHIPPING', 'name' => 'Shipping', 'amount' => 4.9, 'include' => false],
        ['type' => 'discount', 'code' => 'DCOUPON', 'name' => 'Coupon SAVE2', 'amount' => '-002.00'],
        ['type' => 'discount', 'code' => 'DCOUPON', 'amount' => -1],
        ['type' => 'tax', 'code' => 'CDEV.STAX', 'amount' => '1.2345', 'jurisdiction' => 'US-CA'],
        ['type' => 'handling', 'code' => 'HANDLING', 'amount' => '-0.00', 'include' => false],
    ],
]);
$id = InforSync\enqueue('order.placed', $order);
$payload = InforSync\event($id)['payload'];
echo json_encode($payload['surcharges'], JSON_UNESCAPED_UNICODE), "\n";
echo json_encode($payload['items'], JSON_UNESCAPED_UNICODE), "\n";
echo json_encode([$payload['billing_address']['company'], $payload['billing_address']['street2'],
                  $payload['shipping_address']['street2']], JSON_UNESCAPED_UNICODE), "\n";
// no surcharges at all, or an empty list, is fine too
var_dump(is_string(InforSync\enqueue('order.placed', valid_order(['surcharges' => []]))));
var_dump(is_string(InforSync\enqueue('order.placed', valid_order(['surcharges' => null]))));

echo "-- order surcharges\n";
problems(valid_order(['surcharges' => 'SHIPPING']));
problems(valid_order(['surcharges' => ['first' => ['type' => 'tax', 'code' => 'VAT', 'amount' => '1']]]));
problems(valid_order(['surcharges' => [
    'shipping',
    [],
    ['type' => 'fee', 'code' => 'FEE', 'amount' => '1.00'],
    ['type' => 'tax', 'code' => 'VAT', 'amount' => '1,50'],
    ['type' => 'tax', 'code' => 'VAT', 'amount' => [1]],
    ['type' => 'tax', 'code' => 'VAT', 'amount' => '1e3'],
    ['type' => 'tax', 'code' => 'VAT', 'amount' => '1', 'include' => 'yes'],
    ['type' => 'tax', 'code' => 'VAT', 'amount' => '1', 'include' => 1],
    ['type' => 'tax', 'code' => 'VAT', 'amount' => '1', 'jurisdiction' => 'Germany'],
    ['type' => 'tax', 'code' => 'VAT', 'amount' => '1', 'jurisdiction' => 'us-ca'],
    ['type' => 'tax', 'code' => 'VAT', 'amount' => '1', 'jurisdiction' => 'US-CALI'],
    ['type' => 'tax', 'code' => '', 'amount' => '1', 'name' => ['VAT']],
    ['type' => 'TAX', 'code' => 7, 'amount' => '1'],
]]));

echo "-- line details and address lines\n";
problems(valid_order([
    'billing_address' => [
        'firstname' => 'Anna', 'lastname' => 'Müller', 'company' => ['Müller GmbH'], 'street' => 'Hauptstr. 1',
        'street2' => false, 'city' => 'Berlin', 'zipcode' => '10115', 'country' => 'DE',
    ],
    'shipping_address' => [
        'firstname' => 'Anna', 'lastname' => 'Müller', 'street' => 'Am Markt 5', 'street2' => ['2. OG'],
        'city' => 'Köln', 'zipcode' => '50667', 'country' => 'DE',
    ],
    'items' => [
        ['sku' => 'MUG-01', 'price' => '11.99', 'quantity' => 1, 'net_price' => '-1', 'total' => 'abc',
         'product_class' => [], 'variant_sku' => true, 'categories' => 'Mugs',
         'surcharges' => [['type' => 'tax', 'code' => 'VAT'], 'VAT']],
        ['sku' => 'TEA-02', 'price' => '5', 'quantity' => 1, 'net_price' => '1,5', 'total' => -3,
         'categories' => ['Tea', 7, null], 'surcharges' => 'VAT'],
    ],
]));

// only the three valid orders were spooled
var_dump(count(spool_files($spool, 'ready')));
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('035');
?>
--EXPECT--
-- valid
[{"type":"shipping","code":"SHIPPING","name":"Shipping","amount":"4.9","include":false},{"type":"discount","code":"DCOUPON","name":"Coupon SAVE2","amount":"-2.00"},{"type":"discount","code":"DCOUPON","amount":"-1"},{"type":"tax","code":"CDEV.STAX","amount":"1.2345","jurisdiction":"US-CA"},{"type":"handling","code":"HANDLING","amount":"0.00","include":false}]
[{"sku":"MUG-01","name":"Mug","price":"11.99","quantity":"2","net_price":"10.08","total":"23.98","product_class":"Kitchen","categories":["Mugs","Gifts"],"variant_sku":"MUG-01-RED","surcharges":[{"type":"tax","code":"VAT","name":"VAT 19%","amount":"3.83","include":true,"jurisdiction":"DE"}]},{"sku":"TEA-02","price":"0","quantity":"1","categories":[],"surcharges":null}]
["Müller GmbH","Hinterhaus",""]
bool(true)
bool(true)
-- order surcharges
surcharges => must be a list of surcharges (arrays with keys type, code, amount)
surcharges => must be a list of surcharges (arrays with keys type, code, amount)
surcharges[0] => must be an array with keys type, code, amount
surcharges[1] => must be an array with keys type, code, amount
surcharges[2].type => must be one of tax, shipping, discount, handling (X-Cart's surcharge types)
surcharges[3].amount => must be a decimal number like "19.99" (digits, '.' as separator)
surcharges[4].amount => must be a decimal number (string or integer)
surcharges[5].amount => must be a decimal number like "19.99" (digits, '.' as separator)
surcharges[6].include => must be true or false
surcharges[7].include => must be true or false
surcharges[8].jurisdiction => must be a country or country-subdivision code like "DE" or "US-CA"
surcharges[9].jurisdiction => must be a country or country-subdivision code like "DE" or "US-CA"
surcharges[10].jurisdiction => must be a country or country-subdivision code like "DE" or "US-CA"
surcharges[11].code => must not be empty
surcharges[11].name => must be a string
surcharges[12].type => must be one of tax, shipping, discount, handling (X-Cart's surcharge types)
-- line details and address lines
billing_address.company => must be a string
billing_address.street2 => must be a string
shipping_address.street2 => must be a string
items[0].net_price => must be 0 or more
items[0].total => must be a decimal number like "19.99" (digits, '.' as separator)
items[0].product_class => must be a string
items[0].variant_sku => must be a string
items[0].categories => must be a list of strings
items[0].surcharges[0].amount => is required
items[0].surcharges[1] => must be an array with keys type, code, amount
items[1].net_price => must be a decimal number like "19.99" (digits, '.' as separator)
items[1].total => must be 0 or more
items[1].categories[1] => must be a string
items[1].categories[2] => must be a string
items[1].surcharges => must be a list of surcharges (arrays with keys type, code, amount)
int(3)
