<?php

declare(strict_types=1);

namespace XCartE2E;

use XLite\Model\Payment\BackendTransaction;
use XLite\Model\Payment\Transaction;

/**
 * An admin's capture, refunds and void, as X-Cart 5.5 makes them: Processor::doTransaction() adds a
 * backend transaction and leaves the payment transaction's type alone
 * (classes/XLite/Model/Payment/Base/Processor.php:132). Each one that succeeded reaches Infor once,
 * with its own amount.
 */
final class BackendTransactionTest extends ShopTestCase
{

    public function testAnAuthorisedPaymentCapturedLaterIsPostedOnce(): void
    {
        $number = self::orderNumber('XC-CAP');
        $order = $this->newOrder($number, [['CAP-RED', 'Cap red', 14.00, 2]]);
        $txn = 'AUTH' . strtoupper(bin2hex(random_bytes(4)));
        self::addPayment($order, $txn, 28.00, BackendTransaction::TRAN_TYPE_AUTH);
        self::place($order);
        $this->deliverAll();
        $this->assertCount(1, Sandbox::ordersFor($number));
        $this->assertSame([], self::postedFor($txn), 'an authorisation is not money Infor gets');

        $payment = self::payment($number);
        self::backendTransaction($payment, BackendTransaction::TRAN_TYPE_CAPTURE);
        $this->assertSame(BackendTransaction::TRAN_TYPE_AUTH, self::payment($number)->getType(), 'the payment keeps its type');
        $this->assertSame('P', self::reload($number)->getPaymentStatusCode(), 'X-Cart: paid');
        $this->deliverAll();

        $posted = self::postedFor($txn);
        $this->assertCount(1, $posted, 'the capture reached the cash desk once');
        $this->assertSame('28.00', $posted[0]['PMAM']);
        $captures = self::queuedFor($number)['payment.captured'] ?? [];
        $this->assertCount(1, $captures);
        $this->assertSame('done', $captures[0]['state']);

        // saved again (e.g. X-Cart renews a status): nothing new
        $backend = self::payment($number)->getBackendTransactions()->first();
        $backend->setDate($backend->getDate() + 1);
        \XLite\Core\Database::getEM()->flush();
        $this->deliverAll();
        $this->assertCount(1, self::postedFor($txn));
        $this->assertNull(\CloudLink\InforSync\Core\LastError::get());
    }

    public function testAPartialRefundThenASecondRefundAreTwoPostingsWithTheirAmounts(): void
    {
        $number = self::orderNumber('XC-REF');
        $order = $this->newOrder($number, [['MUG-LOGO', 'Mug with logo', 25.00, 2]]);
        $txn = 'SALE' . strtoupper(bin2hex(random_bytes(4)));
        self::addPayment($order, $txn, 50.00);
        self::place($order);
        $this->deliverAll();
        $this->assertSame(['50.00'], array_column(Sandbox::paymentsWith($txn), 'PMAM'), 'the sale at checkout');

        self::backendTransaction(self::payment($number), BackendTransaction::TRAN_TYPE_REFUND_PART, 20.00);
        self::backendTransaction(self::payment($number), BackendTransaction::TRAN_TYPE_REFUND_MULTI, 12.50);
        $this->assertSame('PP', self::reload($number)->getPaymentStatusCode(), 'X-Cart: part paid');
        $this->deliverAll();

        $refunds = self::postedFor($txn);
        $this->assertSame(['-20.00', '-12.50'], array_column($refunds, 'PMAM'), 'two refunds, each its own amount, negative');
        $this->assertCount(2, array_unique(array_column($refunds, 'IRNO')), 'each with its own reference');
        $this->assertCount(2, array_unique(array_column($refunds, 'PMNB')), 'and its own payment number');
        $this->assertCount(2, self::queuedFor($number)['payment.refunded'] ?? []);
        $this->assertNull(\CloudLink\InforSync\Core\LastError::get());
    }

    public function testAVoidedAuthorisationIsRecordedAndPostsNothing(): void
    {
        $number = self::orderNumber('XC-VOID');
        $order = $this->newOrder($number, [['CAP-RED', 'Cap red', 14.00, 1]]);
        $txn = 'AUTH' . strtoupper(bin2hex(random_bytes(4)));
        self::addPayment($order, $txn, 14.00, BackendTransaction::TRAN_TYPE_AUTH);
        self::place($order);
        $this->deliverAll();
        $since = Sandbox::lastCall();

        self::backendTransaction(self::payment($number), BackendTransaction::TRAN_TYPE_VOID);
        $this->assertSame(Transaction::STATUS_VOID, self::payment($number)->getStatus());
        $this->deliverAll();

        $voids = self::queuedFor($number)['payment.voided'] ?? [];
        $this->assertCount(1, $voids, 'one payment.voided');
        $this->assertSame('done', $voids[0]['state']);
        $this->assertSame('14.00', $voids[0]['payload']['amount']);
        $this->assertStringContainsString('nothing was posted', $voids[0]['record']['infor']['note']);
        $this->assertSame([], Sandbox::callsSince($since, 'OIS215MI'), 'no cash desk call');
        $this->assertSame([], self::postedFor($txn));
    }

    public function testARefusedRefundSendsNothing(): void
    {
        $number = self::orderNumber('XC-REFU');
        $order = $this->newOrder($number, [['CAP-RED', 'Cap red', 14.00, 1]]);
        $txn = 'SALE' . strtoupper(bin2hex(random_bytes(4)));
        self::addPayment($order, $txn, 14.00);
        self::place($order);
        $this->deliverAll();

        \XCartStandin\TestGateway::standinRefuse(true);
        self::backendTransaction(self::payment($number), BackendTransaction::TRAN_TYPE_REFUND);
        $this->deliverAll();
        $this->assertSame([], self::postedFor($txn), 'the gateway refused: nothing for Infor');
        $this->assertArrayNotHasKey('payment.refunded', self::queuedFor($number));
    }

    /** The order's payment transaction, read again. */
    private static function payment(string $number): Transaction
    {
        return self::reload($number)->getPaymentTransactions()->first();
    }

    /** Cash desk payments of the backend transactions of payment $txn (IRNO "<txn>-B<id>"). */
    private static function postedFor(string $txn): array
    {
        $payments = Sandbox::control('GET', 'payments')['payments'];

        return array_values(array_filter($payments, static fn ($p) => str_starts_with((string) ($p['IRNO'] ?? ''), $txn . '-B')));
    }
}
