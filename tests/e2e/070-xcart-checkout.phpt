--TEST--
e2e X-Cart add-on: an order placed through XLite\Model\Order::processSucceed() (the add-on's mixin on the X-Cart 5.5 stand-in) reaches the sandbox with its lines, shipping charge and addresses, once
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

reset();
newSpool(['shipping_item' => 'SHIPPING']);
addItem('SHIPPING', 'Shipping charge', '0');
$since = control('GET', 'calls')['last_seq'];
$r = runJson('
require getenv("INFOR_SYNC_ROOT") . "/tests/xcart/bootstrap.php";
use XLite\Core\Database;
Database::standinReset();
$address = new \XLite\Model\Address(["firstname" => "Anna", "lastname" => "Schmidt", "street" => "Hauptstraße 5",
    "city" => "Berlin", "zipcode" => "10115", "phone" => "+49 30 1234567"]);
$address->setCountry(new \XLite\Model\Country(["code" => "DE"]));
$address->setIsBilling(true);
$address->setIsShipping(true);
$profile = new \XLite\Model\Profile(["login" => "anna@example.com"]);
$profile->addAddresses($address);
$order = new \XLite\Model\Order(["orderNumber" => "XC-ADDON-1", "date" => strtotime("2026-11-26 14:03:00 UTC")]);
$order->setCurrency(new \XLite\Model\Currency(["code" => "EUR"]));
$order->setProfile($profile);
foreach ([["TSHIRT-BLK-M", "T-shirt black M", 19.99, 2], ["MUG-LOGO", "Mug", 9.5, 1]] as [$sku, $name, $price, $amount]) {
    $order->addItems(new \XLite\Model\OrderItem(["sku" => $sku, "name" => $name, "price" => $price,
                                                 "itemNetPrice" => $price, "amount" => $amount]));
}
$order->addSurcharges(new \XLite\Model\Order\Surcharge(["type" => "shipping", "code" => "SHIPPING", "name" => "Shipping",
                                                        "include" => false, "value" => 4.9]));
$order->setTotal(54.38);
Database::getEM()->persist($order);
Database::getEM()->flush();
$order->processSucceed();
Database::getEM()->flush();
$flushed = InforSync\flush(20000);
echo json_encode(["flushed" => $flushed, "status" => InforSync\status(), "dead" => InforSync\dead_letters(),
                  "last_error" => \CloudLink\InforSync\Core\LastError::get()]);
', ['extension' => 'tokenizer']); // the stand-in's mixin loader reads PHP sources with PhpToken
echo "flush: ", var_export($r['flushed'], true), ", delivered ", $r['status']['counters']['delivered'],
     ", dead ", count($r['dead']), ", add-on error ", json_encode($r['last_error']), "\n";
$o = ordersFor('XC-ADDON-1');
echo "orders in Infor: ", count($o), "\n";
foreach (control('GET', "calls?since=$since&program=OIS100MI")['calls'] as $call) {
    $f = $call['fields'];
    switch ($call['transaction']) {
        case 'AddBatchHead':
            echo "AddBatchHead CUOR {$f['CUOR']} ORDT {$f['ORDT']} CUCD {$f['CUCD']} YREF {$f['YREF']}\n";
            break;
        case 'AddBatchAddress':
            echo "AddBatchAddress ADRT {$f['ADRT']} CUNM {$f['CUNM']} CUA1 {$f['CUA1']} TOWN {$f['TOWN']} PONO {$f['PONO']} CSCD {$f['CSCD']}\n";
            break;
        case 'AddBatchLine':
            echo "AddBatchLine ITNO {$f['ITNO']} ORQT {$f['ORQT']} SAPR {$f['SAPR']}\n";
            break;
        default:
            echo $call['transaction'], "\n";
    }
}
?>
--EXPECT--
flush: true, delivered 1, dead 0, add-on error null
orders in Infor: 1
AddBatchHead CUOR XC-ADDON-1 ORDT 20261126 CUCD EUR YREF Anna Schmidt
AddBatchAddress ADRT 1 CUNM Anna Schmidt CUA1 Hauptstraße 5 TOWN Berlin PONO 10115 CSCD DE
AddBatchAddress ADRT 3 CUNM Anna Schmidt CUA1 Hauptstraße 5 TOWN Berlin PONO 10115 CSCD DE
AddBatchLine ITNO TSHIRT-BLK-M ORQT 2 SAPR 19.99
AddBatchLine ITNO MUG-LOGO ORQT 1 SAPR 9.50
AddBatchLine ITNO SHIPPING ORQT 1 SAPR 4.90
Confirm
GetOrderNo
