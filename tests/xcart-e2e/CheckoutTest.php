<?php

declare(strict_types=1);

namespace XCartE2E;

use XLite\Core\Database;

/**
 * Checkout to Infor: an order placed through Order::processSucceed() reaches the sandbox once with
 * its lines, tax code, shipping charge line, discount and both addresses; a status change and a
 * refund follow.
 */
final class CheckoutTest extends ShopTestCase
{
    public function testPlacedOrderReachesInforWithLinesTaxesShippingAndAddresses(): void
    {
        $number = self::orderNumber('XC-E2E');
        $order = $this->newOrder($number, [
            ['TSHIRT-BLK-M', 'T-shirt black M', 19.90, 2],
            ['MUG-LOGO', 'Mug with logo', 9.50, 1],
        ], [
            ['shipping', 'SHIPPING', 'Standard shipping', 4.90, false],
            ['tax', 'CDEV.STAX', 'Sales tax', 4.08, false],
            ['discount', 'DCOUPON', 'Coupon WELCOME', -2.00, false],
        ]);
        $since = Sandbox::lastCall();

        self::place($order);
        $this->deliverAll();

        $this->assertNull(\CloudLink\InforSync\Core\LastError::get(), 'the add-on recorded a failure');
        $orders = Sandbox::ordersFor($number);
        $this->assertCount(1, $orders, 'one Infor order for the X-Cart order');
        $infor = $orders[0];
        $this->assertSame('WEBSHOP', $infor['cuno']);
        $this->assertSame('DTC', $infor['ortp']);
        $this->assertSame('EUR', $infor['cucd']);
        $this->assertSame('2.00', $infor['head']['OTBA'], 'the coupon as order discount amount');
        $this->assertSame('Anna Schmidt', $infor['head']['YREF']);

        $lines = array_map(static fn ($l) => [$l['itno'], (string) $l['orqt'], $l['sapr']], $infor['lines']);
        $this->assertEquals([
            ['TSHIRT-BLK-M', '2', '19.90'],
            ['MUG-LOGO', '1', '9.50'],
            ['SHIPPING', '1', '4.90'],
        ], self::normalizeLines($lines));

        $addresses = array_column($infor['addresses'], null, 'adrt');
        $this->assertSame(['1', '3'], self::sortedKeys($addresses), 'delivery and invoice address');
        $delivery = $addresses['1'];
        $this->assertSame('350 Fifth Avenue', $delivery['cua1']);
        $this->assertSame('New York', $delivery['town']);
        $this->assertSame('10118', $delivery['pono']);
        $this->assertSame('US', $delivery['cscd']);
        $this->assertSame('NY', $delivery['ecar']);
        $this->assertSame('NY8', $delivery['taxc'], 'the sales tax of New York, by the tax map');
        $invoice = $addresses['3'];
        $this->assertSame('Hauptstraße 5', $invoice['cua1']);
        $this->assertSame('Berlin', $invoice['town']);
        $this->assertSame('DE', $invoice['cscd']);

        // order entry only: the shipment poller reads open orders (GetHead) meanwhile
        $entry = ['AddBatchHead', 'AddBatchAddress', 'AddBatchLine', 'Confirm', 'GetOrderNo'];
        $transactions = array_values(array_filter(
            array_map(static fn ($c) => $c['transaction'], Sandbox::callsSince($since, 'OIS100MI')),
            static fn ($t) => in_array($t, $entry, true)
        ));
        $this->assertSame(['AddBatchHead', 'AddBatchAddress', 'AddBatchAddress', 'AddBatchLine', 'AddBatchLine',
            'AddBatchLine', 'Confirm', 'GetOrderNo'], $transactions, 'each call once, in the protocol order');

        // X-Cart's own work happened: status N, the customer's "order created" mail
        $this->assertSame('N', self::reload($number)->getShippingStatusCode());
        $this->assertCount(1, \XLite\Core\Mailer::standinSent('order_created'));
    }

    public function testStatusChangeAndRefundFollowThePlacedOrder(): void
    {
        $number = self::orderNumber('XC-E2R');
        $order = $this->newOrder($number, [['CAP-RED', 'Cap red', 14.00, 2]],
            [['shipping', 'SHIPPING', 'Standard shipping', 4.90, false]]);
        $capture = 'TXN-' . strtoupper(bin2hex(random_bytes(4)));
        self::addPayment($order, $capture, 32.90);
        self::place($order);
        $this->assertSame([], \CloudLink\InforSync\Core\LastError::get() ?? [], 'the add-on recorded a failure');
        $this->deliverAll();
        $this->assertCount(1, Sandbox::ordersFor($number));
        $captured = Sandbox::paymentsWith($capture);
        $this->assertCount(1, $captured, 'the payment of the checkout reached the cash desk');
        $this->assertSame('32.90', $captured[0]['PMAM']);
        $this->assertSame('CD1', $captured[0]['CSHD']);

        // the admin marks the order "processing": a status change Infor gets, which changes nothing there
        $order = self::reload($number);
        $order->setShippingStatus('P');
        Database::getEM()->flush();
        $this->deliverAll();
        $changes = self::queuedFor($number)['order.status_changed'] ?? [];
        $this->assertCount(1, $changes);
        $this->assertSame('done', $changes[0]['state'], 'delivered');
        $this->assertSame('P', $changes[0]['payload']['shipping_status']);
        $this->assertCount(1, Sandbox::ordersFor($number), 'the Infor order is still there');

        // then the money goes back: the admin refunds the payment (a backend transaction), X-Cart
        // renews the payment status: R (refunded)
        $order = self::reload($number);
        $payment = $order->getPaymentTransactions()->first();
        self::backendTransaction($payment, 'refund');
        $this->assertSame('R', self::reload($number)->getPaymentStatusCode());
        $this->deliverAll();

        $refundId = $capture . '-B' . self::reload($number)->getPaymentTransactions()->first()->getBackendTransactions()->first()->getId();
        $refunds = Sandbox::paymentsWith($refundId);
        $this->assertCount(1, $refunds, 'the refund reached the cash desk once');
        $this->assertSame('-32.90', $refunds[0]['PMAM'], 'a refund is a negative cash desk payment');
        $changes = self::queuedFor($number)['order.status_changed'];
        $this->assertCount(2, $changes);
        $this->assertSame('R', $changes[1]['payload']['payment_status']);
        $this->assertSame('cancel', $changes[1]['record']['infor']['action'], 'refunded cancels the order (default status map)');
        $this->assertCount(0, Sandbox::ordersFor($number), 'the Infor order was cancelled');
        $this->assertNull(\CloudLink\InforSync\Core\LastError::get());
    }

    /**
     * Checkout's final flush fails (here the database refuses the account a guest asked for): X-Cart
     * shows the customer an error, and Infor must not get the order.
     */
    public function testAnOrderWhoseFinalFlushFailsIsNotSent(): void
    {
        $number = self::orderNumber('XC-FAIL');
        $cart = $this->newOrder($number, [['MUG-LOGO', 'Mug with logo', 9.50, 1]]);
        $connection = Database::getEM()->getConnection();
        $connection->executeStatement("CREATE TRIGGER infor_test_refuse_account BEFORE INSERT ON profiles FOR EACH ROW
            IF NEW.anonymous = 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'accounts refused'; END IF");
        try {
            self::place($cart, true);
            $this->fail('the final flush went through');
        } catch (\Throwable $e) {
            $this->assertStringContainsString('accounts refused', $e->getMessage());
        } finally {
            $connection->executeStatement('DROP TRIGGER IF EXISTS infor_test_refuse_account');
        }
        if (class_exists(\CloudLink\InforSync\Core\AfterCommit::class)) { // an older add-on has none
            \CloudLink\InforSync\Core\AfterCommit::atShutdown(); // the end of the request
        }
        Database::getInstance()->startEntityManager();
        $this->deliverAll();

        $this->assertArrayNotHasKey('order.placed', self::queuedFor($number), 'nothing queued');
        $this->assertSame([], Sandbox::ordersFor($number));
        $this->assertStringContainsString('Not sent to Infor', \CloudLink\InforSync\Core\LastError::get()['message'] ?? '',
            'the monitoring page says so');
    }

    private static function normalizeLines(array $lines): array
    {
        return array_map(static fn ($l) => [$l[0], rtrim(rtrim($l[1], '0'), '.') ?: '0', $l[2]], $lines);
    }

    private static function sortedKeys(array $a): array
    {
        $keys = array_map('strval', array_keys($a));
        sort($keys);

        return $keys;
    }
}
