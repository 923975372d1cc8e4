<?php
/*
 * XLite\Model\Order (classes/XLite/Model/Order.php), §2.1, §2.7.
 *
 * Status changes: setPaymentStatus()/setShippingStatus() accept an entity, an
 * id or a code.  The first change since the last flush remembers the old
 * status; at flush the EntityManager calls checkStatuses() (PostPersist/
 * PostUpdate, :3255), which queues after-flush work: the history entry
 * (OrderHistory::registerOrderChangeStatus, :3273) and the status handlers:
 * any non-S -> S runs processShip() (:3529) -> Mailer::sendOrderShipped()
 * unless customer notifications are off; any other change sends
 * Mailer::sendOrderChanged() (:3317) [inferred: X-Cart decides per status whether it notifies].
 * S -> S is no change and triggers nothing.  A status set on an order that had
 * none yet (a new order) runs no handlers [inferred].
 */
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\Common\Collections\ArrayCollection;
use XLite\Model\Order\Status\Payment as PaymentStatus;
use XLite\Model\Order\Status\Shipping as ShippingStatus;

/**
 * @ORM\HasLifecycleCallbacks
 */
class Order extends AEntity
{
    protected $order_id;
    protected $orderNumber;         // string, nullable (:296)
    protected $date = 0;
    protected $lastRenewDate = 0;
    protected $total = 0.0;
    protected $subtotal = 0.0;
    protected $currency;
    protected $items;
    protected $surcharges;
    protected $profile;             // the order's own profile copy
    protected $orig_profile;        // the customer account
    protected $payment_transactions;
    protected $payment_method_name = '';
    protected $shipping_method_name = '';
    protected $shipping_id = 0;
    protected $trackingNumbers;
    protected $notes = '';
    protected $adminNotes = '';
    protected $paymentStatus;
    protected $shippingStatus;
    /** @var array<string, ?Order\Status\AStatus> type => status before the first change since the last flush */
    protected $oldStatuses = [];
    // notification flags (:364-378)
    protected $ignoreCustomerNotifications = false;
    protected $isNotificationsAllowedFlag = true;

    public function __construct(array $data = [])
    {
        $this->items = new ArrayCollection();
        $this->surcharges = new ArrayCollection();
        $this->payment_transactions = new ArrayCollection();
        $this->trackingNumbers = new ArrayCollection();
        parent::__construct($data);
    }

    public function getOrderId() { return $this->order_id === null ? null : (int)$this->order_id; }
    public function getOrderNumber() { return $this->orderNumber; }
    public function setOrderNumber($n) { $this->orderNumber = $n === null ? null : (string)$n; return $this; }
    /** Unix time */
    public function getDate() { return $this->date; }
    public function setDate($d) { $this->date = (int)$d; return $this; }
    public function getLastRenewDate() { return $this->lastRenewDate; }
    public function setLastRenewDate($d) { $this->lastRenewDate = (int)$d; return $this; }
    public function getTotal() { return $this->total; }
    public function setTotal($t) { $this->total = (float)$t; return $this; }
    public function getSubtotal() { return $this->subtotal; }
    public function setSubtotal($t) { $this->subtotal = (float)$t; return $this; }

    /** [inferred: USD when none was set] */
    public function getCurrency()
    {
        return $this->currency ??= new Currency();
    }

    public function setCurrency(?Currency $c = null) { $this->currency = $c; return $this; }

    public function getItems() { return $this->items; }

    public function addItems(OrderItem $item)
    {
        $item->setOrder($this);
        $this->items->add($item);
        return $this;
    }

    public function getSurcharges() { return $this->surcharges; }

    public function addSurcharges(Order\Surcharge $surcharge)
    {
        $surcharge->setOwner($this);
        $this->surcharges->add($surcharge);
        return $this;
    }

    /** :3036 */
    public function getSurchargesByType($type = null)
    {
        $result = [];
        foreach ($this->getSurcharges() as $s) {
            if ($type === null || $s->getType() === $type) {
                $result[] = $s;
            }
        }
        return $result;
    }

    /** :3060 — available surcharges of a type; $include null = both, true = included in prices only, false = added only */
    public function getSurchargesSubtotal($type = null, $include = null)
    {
        $subtotal = 0.0;
        foreach ($this->getSurchargesByType($type) as $s) {
            if ($s->getAvailable() && ($include === null || $s->getInclude() === (bool)$include)) {
                $subtotal += $s->getValue();
            }
        }
        return $subtotal;
    }

    public function getProfile() { return $this->profile; }

    public function setProfile(?Profile $profile = null)
    {
        $this->profile = $profile;
        $profile?->setOrder($this);
        return $this;
    }

    public function getOrigProfile() { return $this->orig_profile; }
    public function setOrigProfile(?Profile $profile = null) { $this->orig_profile = $profile; return $this; }

    /** sorted by id (:4849) */
    public function getPaymentTransactions()
    {
        $list = $this->payment_transactions->toArray();
        usort($list, static fn ($a, $b) => ($a->getTransactionId() ?? PHP_INT_MAX) <=> ($b->getTransactionId() ?? PHP_INT_MAX));
        return new ArrayCollection($list);
    }

    public function addPaymentTransactions(Payment\Transaction $t)
    {
        $t->setOrder($this);
        $this->payment_transactions->add($t);
        return $this;
    }

    /** :1986 [inferred: the method of the last transaction that did not fail, else of the last one] */
    public function getPaymentMethod()
    {
        $method = null;
        foreach ($this->getPaymentTransactions() as $t) {
            if (!$t->isFailed() || $method === null) {
                $method = $t->getPaymentMethod() ?? $method;
            }
        }
        return $method;
    }

    public function getPaymentMethodName() { return $this->payment_method_name; }
    public function setPaymentMethodName($n) { $this->payment_method_name = $n; return $this; }
    public function getShippingMethodName() { return $this->shipping_method_name; }
    public function setShippingMethodName($n) { $this->shipping_method_name = $n; return $this; }
    public function getShippingId() { return $this->shipping_id; }
    public function setShippingId($id) { $this->shipping_id = (int)$id; return $this; }

    public function getTrackingNumbers() { return $this->trackingNumbers; }

    /** :4750 (cascade all, :240) */
    public function addTrackingNumbers(\XLite\Model\OrderTrackingNumber $trackingNumbers)
    {
        $this->trackingNumbers->add($trackingNumbers);
        return $this;
    }

    /** customer notes */
    public function getNotes() { return $this->notes; }
    public function setNotes($n) { $this->notes = $n; return $this; }
    public function getAdminNotes() { return $this->adminNotes; }
    public function setAdminNotes($n) { $this->adminNotes = $n; return $this; }

    /** :2620 — returns the old value */
    public function setIgnoreCustomerNotifications($value)
    {
        $old = $this->ignoreCustomerNotifications;
        $this->ignoreCustomerNotifications = (bool)$value;
        return $old;
    }

    /** :2605 — returns the old value */
    public function setIsNotificationsAllowedFlag($value)
    {
        $old = $this->isNotificationsAllowedFlag;
        $this->isNotificationsAllowedFlag = (bool)$value;
        return $old;
    }

    /** [inferred] */
    public function isIgnoreCustomerNotifications()
    {
        return $this->ignoreCustomerNotifications;
    }

    /** [inferred] */
    public function isNotificationsAllowed()
    {
        return $this->isNotificationsAllowedFlag;
    }

    // ---- statuses -------------------------------------------------------

    public function getPaymentStatus() { return $this->paymentStatus; }
    public function getShippingStatus() { return $this->shippingStatus; }
    public function getPaymentStatusCode() { return $this->paymentStatus ? $this->paymentStatus->getCode() : ''; }
    public function getShippingStatusCode() { return $this->shippingStatus ? $this->shippingStatus->getCode() : ''; }

    /** :3189 */
    public function setPaymentStatus($paymentStatus = null)
    {
        $this->processStatus($paymentStatus, 'payment');
        return $this;
    }

    /** :3201 */
    public function setShippingStatus($shippingStatus = null)
    {
        $this->processStatus($shippingStatus, 'shipping');
        return $this;
    }

    /** :3214 — an entity, an id or a code */
    protected function processStatus($status, $type)
    {
        $class = $type === 'payment' ? PaymentStatus::class : ShippingStatus::class;
        if (is_int($status) || (is_string($status) && ctype_digit($status))) {
            $status = \XLite\Core\Database::getRepo($class)->find((int)$status);
        } elseif (is_string($status)) {
            $status = \XLite\Core\Database::getRepo($class)->findOneBy(['code' => $status])
                ?? throw new \InvalidArgumentException("unknown $type status code $status"); // [inferred]
        }
        $property = $type . 'Status';
        if (!array_key_exists($type, $this->oldStatuses)) {
            $this->oldStatuses[$type] = $this->$property;
        }
        $this->$property = $status;
    }

    /**
     * PostPersist/PostUpdate (:3255): queues the after-flush handlers of the status changes
     *
     * @ORM\PostPersist
     * @ORM\PostUpdate
     */
    public function checkStatuses()
    {
        $changes = [];
        foreach ($this->oldStatuses as $type => $old) {
            $new = $this->{$type . 'Status'};
            $oldCode = $old ? $old->getCode() : null;
            $newCode = $new ? $new->getCode() : null;
            if ($oldCode !== null && $newCode !== null && $oldCode !== $newCode) {
                $changes[$type] = ['type' => $type, 'old' => $oldCode, 'new' => $newCode];
            }
        }
        $this->oldStatuses = [];
        if ($changes === []) {
            return;
        }
        \XLite\Core\Database::getEM()->addAfterFlushCallback(function () use ($changes) {
            foreach ($changes as $change) {
                \XLite\Core\OrderHistory::getInstance()->registerOrderChangeStatus($this->getOrderId(), $change);
            }
            $shipping = $changes['shipping'] ?? null;
            if ($shipping && $shipping['new'] === ShippingStatus::STATUS_SHIPPED) {
                $this->processShip();
            } elseif ($this->standinCustomerNotificationsOn()) {
                \XLite\Core\Mailer::sendOrderChanged($this);
            }
        });
    }

    /** :3529 — the non-S -> S handler */
    protected function processShip()
    {
        if ($this->standinCustomerNotificationsOn()) {
            \XLite\Core\Mailer::sendOrderShipped($this);
        }
    }

    protected function standinCustomerNotificationsOn(): bool
    {
        return $this->isNotificationsAllowedFlag && !$this->ignoreCustomerNotifications;
    }

    /**
     * :1608 — the customer placed the order: shipping status N, stock reduced
     * for tracked products, "place order" history, "order created" mail.
     * [inferred] it neither flushes nor assigns an order number.
     */
    public function processSucceed()
    {
        if ($this->shippingStatus === null) {
            $this->shippingStatus = \XLite\Core\Database::getRepo(ShippingStatus::class)->findOneBy(['code' => ShippingStatus::STATUS_NEW]);
        } else {
            $this->setShippingStatus(ShippingStatus::STATUS_NEW);
        }
        foreach ($this->getItems() as $item) {
            $item->getObject()?->changeAmount(-$item->getAmount());
        }
        \XLite\Core\OrderHistory::getInstance()->registerPlaceOrder($this->getOrderId());
        if ($this->isNotificationsAllowedFlag) {
            \XLite\Core\Mailer::sendOrderCreated($this);
        }
    }

    public function standinCascade(): array
    {
        $children = array_merge(
            $this->items->toArray(),
            $this->surcharges->toArray(),
            $this->payment_transactions->toArray(),
            $this->trackingNumbers->toArray(),
        );
        if ($this->profile !== null) {
            $children[] = $this->profile;
        }
        return $children;
    }
}
