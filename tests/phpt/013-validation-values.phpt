--TEST--
Values JSON cannot carry (invalid UTF-8, objects, INF) are reported with their paths
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_013
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

$order = valid_order();
$order['billing_address']['city'] = "K\xF6ln";            // Latin-1, not UTF-8
$order['items'][0]['options'] = new ArrayObject([1]);      // an object
$order['items'][1] = ['sku' => 'TEA-02', 'price' => INF, 'quantity' => 1];
$order['customer_note'] = fopen('php://memory', 'r');     // a resource
try {
    InforSync\enqueue('order.placed', $order);
    echo "no exception\n";
} catch (InforSync\ValidationException $e) {
    foreach ($e->getErrors() as $error) {
        echo "{$error['path']} => {$error['message']}\n";
    }
}

// an invalid UTF-8 key
try {
    InforSync\enqueue('order.placed', valid_order(["bad\xFFkey" => 'x']));
} catch (InforSync\ValidationException $e) {
    echo $e->getMessage(), "\n";
}
var_dump(is_dir("$spool/ready") ? spool_files($spool, 'ready') : []);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('013');
?>
--EXPECTF--
billing_address.city => is not valid UTF-8
items[0].options => must be a string, number, bool, null or array, not ArrayObject
items[1].price => must be a finite number
customer_note => must be a string, number, bool, null or array, not resource
invalid order.placed payload: %s not valid UTF-8
array(0) {
}
