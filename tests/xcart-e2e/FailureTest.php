<?php

declare(strict_types=1);

namespace XCartE2E;

use CloudLink\InforSync\Core\LastError;
use CloudLink\InforSync\Core\MonitorApi;

/**
 * The extension refuses an order (a SKU longer than M3's item number allows): checkout still
 * completes as X-Cart's own, the failure is in X-Cart's log and on the monitoring page, and nothing
 * half-made reaches Infor.
 */
final class FailureTest extends ShopTestCase
{
    public function testFailingExtensionCallLeavesCheckoutWorking(): void
    {
        $number = self::orderNumber('XC-E2F');
        $tooLong = 'GIFTCARD-2026-XMAS-50EUR'; // 24 characters; ITNO has 15
        $order = $this->newOrder($number, [['MUG-LOGO', 'Mug with logo', 9.50, 1], [$tooLong, 'Gift card', 50.00, 1]]);
        $since = Sandbox::lastCall();

        self::place($order); // must not throw

        $placed = self::reload($number);
        $this->assertSame('N', $placed->getShippingStatusCode(), 'X-Cart placed the order');
        $this->assertCount(1, \XLite\Core\Mailer::standinSent('order_created'), 'the customer got the order mail');

        $error = LastError::get();
        $this->assertNotNull($error, 'the failure is remembered for the monitoring page');
        $this->assertSame('enqueue order.placed', $error['where']);
        $this->assertSame('InforSync\ValidationException', $error['context']['exception']);
        $this->assertStringContainsString('items[1].sku', implode("\n", $error['context']['problems']));

        $logged = array_filter(\XLite\Logger::standinRecords('CloudLink-InforSync'),
            static fn ($r) => $r['level'] === 'error' && str_contains($r['message'], 'enqueue order.placed'));
        $this->assertCount(1, $logged, "in X-Cart's log, channel CloudLink-InforSync");

        [$code, $status] = (new MonitorApi())->handle('status', [], 'GET');
        $this->assertSame(200, $code);
        $this->assertSame('enqueue order.placed', $status['module']['last_error']['where'] ?? null,
            'the monitoring page shows it');

        $this->deliverAll();
        // (the shipment poller reads other orders meanwhile: only order-entry calls count)
        $entered = array_filter(Sandbox::callsSince($since, 'OIS100MI'),
            static fn ($c) => in_array($c['transaction'], ['AddBatchHead', 'AddBatchLine', 'AddBatchAddress', 'Confirm'], true));
        $this->assertSame([], array_values($entered), 'nothing reached Infor');
        $this->assertSame([], Sandbox::ordersFor($number));

        // the next order of the shop goes through as usual
        $next = self::orderNumber('XC-E2F');
        self::place($this->newOrder($next, [['MUG-LOGO', 'Mug with logo', 9.50, 1]]));
        $this->deliverAll();
        $this->assertCount(1, Sandbox::ordersFor($next));
    }
}
