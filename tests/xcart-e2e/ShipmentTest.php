<?php

declare(strict_types=1);

namespace XCartE2E;

use XLite\Core\Mailer;

/**
 * Infor ships the order: the extension's shipment poller notices, and X-Cart's cron (the add-on's
 * PullInbound task) adds the tracking number, sets shipping status S and X-Cart e-mails the customer
 * once.
 */
final class ShipmentTest extends ShopTestCase
{
    public function testShippingInInforAddsTrackingNumberSetsShippedAndSendsOneMail(): void
    {
        $number = self::orderNumber('XC-E2S');
        self::place($this->newOrder($number, [['MUG-LOGO', 'Mug with logo', 9.50, 2], ['CAP-RED', 'Cap red', 14.00, 1]]));
        $this->deliverAll();
        $infor = Sandbox::ordersFor($number);
        $this->assertCount(1, $infor);
        $this->assertCount(1, Mailer::standinSent('order_created'));

        $tracking = '1Z999AA1' . random_int(10000000, 99999999);
        Sandbox::control('POST', 'ship', ['ORNO' => $infor[0]['orno'], 'ETRN' => $tracking, 'FWNO' => 'UPS',
            'SUNM' => 'United Parcel Service']);

        $runs = $this->runCronUntil(
            static fn () => self::reload($number)->getShippingStatusCode() === 'S',
            30,
            'shipping status S'
        );

        $order = self::reload($number);
        $numbers = array_map(static fn ($tn) => $tn->getValue(), $order->getTrackingNumbers()->toArray());
        $this->assertSame([$tracking], $numbers, 'the tracking number, once');
        $shipped = Mailer::standinSent('order_shipped');
        $this->assertCount(1, $shipped, 'one "order shipped" e-mail');
        $this->assertSame($number, $shipped[0]['order']->getOrderNumber());
        $this->assertSame([$tracking], $shipped[0]['trackingNumbers'], 'the mail lists the tracking number');

        // later runs (the poller may report the shipment again, the order status 77 too): nothing more
        for ($i = 0; $i < 3; $i++) {
            $this->runCronUntil(static fn () => true, 5, 'a later cron run');
            usleep(400000);
        }
        $order = self::reload($number);
        $this->assertCount(1, $order->getTrackingNumbers(), 'no second tracking number');
        $this->assertCount(1, Mailer::standinSent('order_shipped'), 'no second mail');
        $this->assertSame('S', $order->getShippingStatusCode());
        $this->assertNull(\CloudLink\InforSync\Core\LastError::get());
        $this->assertGreaterThanOrEqual(1, $runs);
    }
}
