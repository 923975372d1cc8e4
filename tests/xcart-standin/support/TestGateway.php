<?php
/*
 * Stand-in only: a payment gateway for the tests, as a real online gateway answers X-Cart's backend
 * transactions (modelled on modules/XC/Stripe/src/Model/Payment/Stripe.php :203-686): it allows
 * capture, partial capture, void, refund, partial and further refunds; do<Type>() "calls the gateway"
 * (recorded in standinCalls()), sets the backend transaction's status to S (or F when the test said
 * the gateway refuses) and returns whether it succeeded; a void also marks the payment
 * transaction voided (Stripe.php:546-601). Use it as the payment method's class.
 */
declare(strict_types=1);

namespace XCartStandin;

use XLite\Model\Payment\BackendTransaction;

class TestGateway extends \XLite\Model\Payment\Base\Online
{
    /** @var list<array{type: string, amount: float}> */
    private static array $calls = [];

    private static bool $refuses = false;

    public function getAllowedTransactions()
    {
        return [
            BackendTransaction::TRAN_TYPE_CAPTURE,
            BackendTransaction::TRAN_TYPE_CAPTURE_PART,
            BackendTransaction::TRAN_TYPE_VOID,
            BackendTransaction::TRAN_TYPE_REFUND,
            BackendTransaction::TRAN_TYPE_REFUND_PART,
            BackendTransaction::TRAN_TYPE_REFUND_MULTI,
        ];
    }

    protected function doInitialPayment()
    {
        return \XLite\Model\Payment\Transaction::COMPLETED;
    }

    protected function doCapture(BackendTransaction $transaction)
    {
        return $this->answer($transaction);
    }

    protected function doCapturePart(BackendTransaction $transaction)
    {
        return $this->answer($transaction);
    }

    protected function doVoid(BackendTransaction $transaction)
    {
        $ok = $this->answer($transaction);
        $transaction->getPaymentTransaction()->setStatus(\XLite\Model\Payment\Transaction::STATUS_VOID);

        return $ok;
    }

    protected function doRefund(BackendTransaction $transaction)
    {
        return $this->answer($transaction);
    }

    protected function doRefundPart(BackendTransaction $transaction)
    {
        return $this->answer($transaction);
    }

    protected function doRefundMulti(BackendTransaction $transaction)
    {
        return $this->answer($transaction);
    }

    private function answer(BackendTransaction $transaction): bool
    {
        self::$calls[] = ['type' => (string) $transaction->getType(), 'amount' => (float) $transaction->getValue()];
        $transaction->setDataCell('test_gateway_ref', 'TG-' . count(self::$calls));
        $transaction->setStatus(self::$refuses ? BackendTransaction::STATUS_FAILED : BackendTransaction::STATUS_SUCCESS);

        return !self::$refuses;
    }

    public static function standinRefuse(bool $refuses): void
    {
        self::$refuses = $refuses;
    }

    public static function standinCalls(): array
    {
        return self::$calls;
    }

    public static function standinReset(): void
    {
        self::$calls = [];
        self::$refuses = false;
    }
}
