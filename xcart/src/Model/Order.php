<?php

namespace CloudLink\InforSync\Model;

use CloudLink\InforSync\Core\AfterCommit;
use CloudLink\InforSync\Core\Committed;
use CloudLink\InforSync\Core\EventBuilder;
use CloudLink\InforSync\Core\Extension;
use Doctrine\ORM\Mapping as ORM;
use XCart\Extender\Mapping\Extender;

/**
 * Orders to Infor: order.placed once the placed order is committed, order.status_changed after a
 * payment or shipping status change was written (PostUpdate), and the payments already completed at
 * placement.
 *
 * order.placed does not leave from processSucceed(): in X-Cart's checkout
 * (classes/XLite/Controller/Customer/Checkout.php, processSucceed() :594) the cart's
 * processSucceed() runs first, then processCartProfile() — a guest who registers gets the new
 * profile as orig_profile there, a registered customer's profile is cloned for the order
 * (cloneProfile(), which flushes) — and then the final flush. The order is queued after the first
 * successful flush that follows (Core\AfterCommit), so it carries the customer as it ends up, and
 * an order whose flush fails is never sent.
 *
 * Every call goes through Core\Extension: without the extension it is a no-op, and nothing it throws
 * reaches checkout.
 *
 * @Extender\Mixin
 * @ORM\HasLifecycleCallbacks
 */
class Order extends \XLite\Model\Order
{
    /**
     * Status changes made on this object since its last flush: which => [from, to]. Not mapped.
     *
     * @var array<string, array{0: string, 1: string}>
     */
    protected $inforSyncStatusChanges = [];

    /** True while processSucceed() runs: its statuses are part of order.placed. Not mapped. */
    protected $inforSyncPlacing = false;

    /** True from processSucceed() until order.placed was queued after the commit. Not mapped. */
    protected $inforSyncAwaitingCommit = false;

    public function processSucceed()
    {
        $this->inforSyncPlacing = true;
        try {
            $result = parent::processSucceed();
        } finally {
            $this->inforSyncPlacing = false;
            $this->inforSyncStatusChanges = [];
        }

        // X-Cart placed the order (status N, stock, history, mail); the profile and the final flush
        // are still to come
        $this->inforSyncQueueWhenCommitted();

        return $result;
    }

    public function setPaymentStatus($paymentStatus = null)
    {
        $before = $this->inforSyncCurrentCode('payment');
        $result = parent::setPaymentStatus($paymentStatus);
        $this->inforSyncNoteChange('payment', $before);

        return $result;
    }

    public function setShippingStatus($shippingStatus = null)
    {
        $before = $this->inforSyncCurrentCode('shipping');
        $result = parent::setShippingStatus($shippingStatus);
        $this->inforSyncNoteChange('shipping', $before);

        return $result;
    }

    /**
     * The changes were written: one order.status_changed per status that really changed.
     *
     * @ORM\PostUpdate
     */
    public function inforSyncAfterUpdate()
    {
        if (!$this->inforSyncStatusChanges) {
            return;
        }
        $changes = $this->inforSyncStatusChanges;
        $this->inforSyncStatusChanges = [];
        try {
            $now = time();
            foreach ($changes as $which => [$from, $to]) {
                if ($from === $to || !EventBuilder::isKnownStatus($which, $to)) {
                    continue;
                }
                Extension::enqueue(
                    'order.status_changed',
                    EventBuilder::statusChanged($this, $which, EventBuilder::isKnownStatus($which, $from) ? $from : null, $to, $now),
                    EventBuilder::statusKey($this, $which, $from, $to, $now)
                );
            }
        } catch (\Throwable $e) {
            Extension::failure('order.status_changed', $e, ['order_id' => $this->getOrderId()]);
        }
    }

    protected function inforSyncQueueWhenCommitted(): void
    {
        $this->inforSyncAwaitingCommit = true;
        try {
            $order = $this;
            AfterCommit::add(
                'order.placed of order ' . EventBuilder::orderNumber($this),
                static function () use ($order) {
                    $order->inforSyncEnqueuePlaced();
                },
                static function () use ($order) {
                    return Committed::order($order);
                }
            );
        } catch (\Throwable $e) {
            Extension::failure('order.placed', $e, ['order_id' => $this->getOrderId()]);
        }
    }

    public function inforSyncEnqueuePlaced(): void
    {
        $this->inforSyncAwaitingCommit = false;
        try {
            Extension::enqueue('order.placed', EventBuilder::orderPlaced($this), EventBuilder::orderKey($this));
        } catch (\Throwable $e) {
            Extension::failure('order.placed', $e, ['order_id' => $this->getOrderId()]);

            return;
        }
        // payments completed during checkout, before the order existed for Infor (their own
        // PostUpdate skipped them); the keys make a second enqueue of the same one a no-op
        try {
            foreach (EventBuilder::iterate($this->getPaymentTransactions()) as $transaction) {
                $type = EventBuilder::paymentEventType($transaction);
                if ($type !== null) {
                    Extension::enqueue(
                        $type,
                        EventBuilder::payment($transaction, $this),
                        EventBuilder::transactionKey($transaction, $type === 'payment.refunded' ? 'refunded' : 'captured')
                    );
                }
            }
        } catch (\Throwable $e) {
            Extension::failure('payment at placement', $e, ['order_id' => $this->getOrderId()]);
        }
    }

    /**
     * Whether the order was placed for Infor's purposes: it has a shipping status (processSucceed
     * sets N), is not being placed right now and its order.placed was queued.
     */
    public function inforSyncIsPlaced(): bool
    {
        return !$this->inforSyncPlacing && !$this->inforSyncAwaitingCommit && $this->inforSyncCurrentCode('shipping') !== '';
    }

    protected function inforSyncNoteChange(string $which, string $before): void
    {
        try {
            if ($this->inforSyncPlacing || Extension::$applyingInbound) {
                return;
            }
            $after = $this->inforSyncCurrentCode($which);
            if ($after === $before) {
                return;
            }
            // a cart's statuses are part of the order.placed that follows, not changes
            $placed = $which === 'shipping' ? $before !== '' : $this->inforSyncCurrentCode('shipping') !== '';
            if (!$placed) {
                return;
            }
            $from = isset($this->inforSyncStatusChanges[$which]) ? $this->inforSyncStatusChanges[$which][0] : $before;
            $this->inforSyncStatusChanges[$which] = [$from, $after];
        } catch (\Throwable $e) {
            Extension::failure('status change', $e);
        }
    }

    protected function inforSyncCurrentCode(string $which): string
    {
        try {
            $code = $which === 'payment' ? $this->getPaymentStatusCode() : $this->getShippingStatusCode();

            return $code === null ? '' : (string) $code;
        } catch (\Throwable $e) {
            return '';
        }
    }
}
