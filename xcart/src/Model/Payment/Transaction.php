<?php

namespace CloudLink\InforSync\Model\Payment;

use CloudLink\InforSync\Core\EventBuilder;
use CloudLink\InforSync\Core\Extension;
use Doctrine\ORM\Mapping as ORM;
use XCart\Extender\Mapping\Extender;

/**
 * Payments to Infor: a completed sale/capture becomes payment.captured, a completed refund
 * payment.refunded, once the transaction was written (PostPersist/PostUpdate). The idempotency key
 * "xcart-txn-<transactionId>-captured|refunded" makes every later save of the same transaction a no-op.
 *
 * @Extender\Mixin
 * @ORM\HasLifecycleCallbacks
 */
class Transaction extends \XLite\Model\Payment\Transaction
{
    /**
     * @ORM\PostPersist
     * @ORM\PostUpdate
     */
    public function inforSyncAfterSave()
    {
        try {
            $type = EventBuilder::paymentEventType($this);
            if ($type === null) {
                return;
            }
            $order = $this->getOrder();
            // during checkout the order is not placed yet: Order::processSucceed() sends it after order.placed
            if (!$order || !method_exists($order, 'inforSyncIsPlaced') || !$order->inforSyncIsPlaced()) {
                return;
            }
            Extension::enqueue(
                $type,
                EventBuilder::payment($this, $order),
                EventBuilder::transactionKey($this, $type === 'payment.refunded' ? 'refunded' : 'captured')
            );
        } catch (\Throwable $e) {
            Extension::failure('payment', $e, ['transaction_id' => $this->getTransactionId()]);
        }
    }
}
