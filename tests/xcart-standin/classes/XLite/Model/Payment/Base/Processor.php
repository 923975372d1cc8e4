<?php
/*
 * XLite\Model\Payment\Base\Processor (classes/XLite/Model/Payment/Base/Processor.php): a payment
 * gateway. doTransaction() :132 is how an admin's capture, refund or void runs:
 *   1. isTransactionAllowed() (the type in getAllowedTransactions(), then the transaction's and
 *      the processor's is<Type>TransactionAllowed()),
 *   2. Transaction::createBackendTransaction($type) (persisted, not flushed),
 *   3. hasCustomAmount() -> setCustomAmount(Request::amount) (partial and further refunds),
 *   4. the processor's do<Type>($backendTransaction) talks to the gateway and sets the backend
 *      transaction's status,
 *   5. flush; then Order::renewPaymentStatus() and a second flush when it changed,
 *   6. registerTransactionInOrderHistory().
 * An IncorrectValueException (a wrong amount) becomes a TopMessage error.
 */
declare(strict_types=1);

namespace XLite\Model\Payment\Base;

abstract class Processor extends \XLite\Base
{
    protected $transaction;

    abstract protected function doInitialPayment();

    public function getAllowedTransactions()
    {
        return [];
    }

    public function isTransactionAllowed(\XLite\Model\Payment\Transaction $transaction, $transactionType)
    {
        $result = false;
        if (in_array($transactionType, $this->getAllowedTransactions())) {
            $methodName = 'is' . \Includes\Utils\Converter::convertToUpperCamelCase($transactionType) . 'TransactionAllowed';
            if (method_exists($transaction, $methodName)) {
                $result = $transaction->$methodName();
            }
            if (method_exists($this, $methodName)) {
                $result = $this->$methodName($transaction);
            }
        }

        return $result;
    }

    public function getTransactionValue($transaction, $transactionType)
    {
        $method = 'get' . \Includes\Utils\Converter::convertToUpperCamelCase($transactionType) . 'TransactionValue';

        return method_exists($this, $method) ? $this->$method($transaction) : $transaction->getValue();
    }

    public function doTransaction(\XLite\Model\Payment\Transaction $transaction, $transactionType)
    {
        if (!$this->isTransactionAllowed($transaction, $transactionType)) {
            return;
        }
        $methodName = 'do' . \Includes\Utils\Converter::convertToUpperCamelCase($transactionType);
        try {
            if (method_exists($this, $methodName)) {
                $this->transaction = $transaction;
                $txn = $transaction->createBackendTransaction($transactionType);
                if ($txn->hasCustomAmount()) {
                    $txn->setCustomAmount(\XLite\Core\Request::getInstance()->amount);
                }
                $this->$methodName($txn);
                \XLite\Core\Database::getEM()->flush();
                if ($transaction->getOrder()->renewPaymentStatus()) {
                    \XLite\Core\Database::getEM()->flush();
                }
                $txn->registerTransactionInOrderHistory();
            }
        } catch (\XLite\Core\Exception\IncorrectValueException $e) {
            \XLite\Core\TopMessage::addError($e->getMessage());
        }
    }
}
