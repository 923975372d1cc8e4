<?php

namespace CloudLink\InforSync\Model\Payment;

use CloudLink\InforSync\Core\AfterCommit;
use CloudLink\InforSync\Core\Committed;
use CloudLink\InforSync\Core\EventBuilder;
use CloudLink\InforSync\Core\Extension;
use Doctrine\ORM\Mapping as ORM;
use XCart\Extender\Mapping\Extender;

/**
 * An admin's capture, refund or void to Infor. In X-Cart these are not changes of the payment
 * transaction (it keeps its type, auth or sale) but new backend transactions:
 * XLite\Model\Payment\Base\Processor::doTransaction() -> Transaction::createBackendTransaction()
 * (classes/XLite/Model/Payment/Base/Processor.php:132, Transaction.php), whose status the gateway's
 * do<Type>() sets before the flush. One event per backend transaction that succeeded, with its own
 * amount: capture, partial capture -> payment.captured; refund, partial refund, further refund ->
 * payment.refunded; void -> payment.voided. Queued once the backend transaction is committed; its id
 * is in the idempotency key, so saving it again sends nothing.
 *
 * @Extender\Mixin
 * @ORM\HasLifecycleCallbacks
 */
class BackendTransaction extends \XLite\Model\Payment\BackendTransaction
{
    /**
     * @ORM\PostPersist
     * @ORM\PostUpdate
     */
    public function inforSyncAfterSave()
    {
        try {
            $type = EventBuilder::backendPaymentEventType($this);
            if ($type === null) {
                return;
            }
            $backendTransaction = $this;
            AfterCommit::add(
                'backend-transaction:' . $this->getId(),
                static function () use ($backendTransaction, $type) {
                    $backendTransaction->inforSyncEnqueue($type);
                },
                static function () use ($backendTransaction) {
                    return Committed::backendTransaction($backendTransaction);
                }
            );
        } catch (\Throwable $e) {
            Extension::failure('backend transaction', $e, ['backend_transaction_id' => $this->getId()]);
        }
    }

    public function inforSyncEnqueue(string $type): void
    {
        try {
            Extension::enqueue($type, EventBuilder::backendPayment($this), EventBuilder::backendTransactionKey($this, $type));
        } catch (\Throwable $e) {
            Extension::failure($type, $e, ['backend_transaction_id' => $this->getId()]);
        }
    }
}
