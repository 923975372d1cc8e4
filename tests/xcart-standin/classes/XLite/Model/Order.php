<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\Common\Collections\ArrayCollection;
use Doctrine\ORM\Mapping as ORM;
use XLite\Model\Order\Status\Payment as PaymentStatus;
use XLite\Model\Order\Status\Shipping as ShippingStatus;

/**
 * XLite\Model\Order (classes/XLite/Model/Order.php), §2.1, §2.7: table orders,
 * single-table inheritance on is_order (1 Order, 0 Cart), mappings as the real class.
 *
 * Status changes: setPaymentStatus()/setShippingStatus() accept an entity, an
 * id or a code (processStatus :3214); the first change remembers the old
 * status. At flush Doctrine calls checkStatuses() (PostPersist/PostUpdate,
 * :3252-3255), which registers after-flush callbacks on X-Cart's entity
 * manager: the history entry (OrderHistory::registerOrderChangeStatus) and
 * the status handlers: any non-S -> S runs processShip() (:3529) ->
 * Mailer::sendOrderShipped() unless customer notifications are off; any other
 * change sends Mailer::sendOrderChanged() (:3317). S -> S is no change. A
 * status set on an order that had none yet (a new order) runs no handlers.
 *
 * @ORM\Entity
 * @ORM\Table (name="orders",
 *      indexes={
 *          @ORM\Index (name="date", columns={"date"}),
 *          @ORM\Index (name="orderNumber", columns={"orderNumber"}),
 *          @ORM\Index (name="is_order", columns={"is_order"})
 *      }
 * )
 * @ORM\HasLifecycleCallbacks
 * @ORM\InheritanceType ("SINGLE_TABLE")
 * @ORM\DiscriminatorColumn (name="is_order", type="integer", length=1)
 * @ORM\DiscriminatorMap ({1 = "XLite\Model\Order", 0 = "XLite\Model\Cart"})
 */
class Order extends Base\SurchargeOwner
{
    use \XLite\Core\Cache\ExecuteCachedTrait;

    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer") */
    protected $order_id;
    /**
     * the order's own profile copy
     * @ORM\OneToOne (targetEntity="XLite\Model\Profile", cascade={"merge","detach","persist"})
     * @ORM\JoinColumn (name="profile_id", referencedColumnName="profile_id", onDelete="CASCADE")
     */
    protected $profile;
    /**
     * the customer account
     * @ORM\ManyToOne (targetEntity="XLite\Model\Profile", cascade={"merge","detach","persist"})
     * @ORM\JoinColumn (name="orig_profile_id", referencedColumnName="profile_id", onDelete="SET NULL")
     */
    protected $orig_profile;
    /** @ORM\Column (type="integer") */
    protected $shipping_id = 0;
    /** @ORM\Column (type="string", nullable=true) */
    protected $shipping_method_name = '';
    /** @ORM\Column (type="string", nullable=true) */
    protected $payment_method_name = '';
    /** @ORM\Column (type="string", length=32) */
    protected $tracking = '';
    /** @ORM\Column (type="integer") */
    protected $date = 0;
    /** @ORM\Column (type="integer") */
    protected $lastRenewDate = 0;
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Order\Status\Payment")
     * @ORM\JoinColumn (name="payment_status_id", referencedColumnName="id", onDelete="SET NULL")
     */
    protected $paymentStatus;
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Order\Status\Shipping")
     * @ORM\JoinColumn (name="shipping_status_id", referencedColumnName="id", onDelete="SET NULL")
     */
    protected $shippingStatus;
    /** @ORM\Column (type="text") */
    protected $notes = '';
    /** @ORM\Column (type="text") */
    protected $adminNotes = '';
    /** @ORM\OneToMany (targetEntity="XLite\Model\OrderTrackingNumber", mappedBy="order", cascade={"all"}) */
    protected $trackingNumbers;
    /** @ORM\OneToMany (targetEntity="XLite\Model\OrderItem", mappedBy="order", cascade={"all"}) */
    protected $items;
    /** @ORM\OneToMany (targetEntity="XLite\Model\Order\Surcharge", mappedBy="owner", cascade={"all"}) @ORM\OrderBy ({"weight" = "ASC", "id" = "ASC"}) */
    protected $surcharges;
    /** @ORM\OneToMany (targetEntity="XLite\Model\Payment\Transaction", mappedBy="order", cascade={"all"}) */
    protected $payment_transactions;
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Currency", inversedBy="orders", cascade={"merge","detach"})
     * @ORM\JoinColumn (name="currency_id", referencedColumnName="currency_id", onDelete="CASCADE")
     */
    protected $currency;
    /** string, nullable (:296) @ORM\Column (type="string", length=255, nullable=true) */
    protected $orderNumber;
    /** @ORM\Column (type="boolean") */
    protected $recent = true;
    /** @ORM\Column (type="string", length=255, nullable=true) */
    protected $stockStatus = '';
    /** @ORM\Column (type="boolean") */
    protected $xcPendingExport = false;

    // not mapped (:328-385)
    protected $oldPaymentStatus;
    protected $oldShippingStatus;
    protected $isNotificationSent = false;
    protected $ignoreCustomerNotifications = false;
    protected $isNotificationsAllowedFlag = true;
    protected $statusIsSet = false;

    public function __construct(array $data = [])
    {
        $this->items = new ArrayCollection();
        $this->surcharges = new ArrayCollection();
        $this->payment_transactions = new ArrayCollection();
        $this->trackingNumbers = new ArrayCollection();
        parent::__construct($data);
    }

    /** :4667 */
    public function getTotal()
    {
        return $this->total;
    }

    /** :4677 */
    public function getSubtotal()
    {
        return $this->subtotal;
    }

    public function getOrderId() { return $this->order_id === null ? null : (int)$this->order_id; }
    public function getOrderNumber() { return $this->orderNumber; }
    public function setOrderNumber($orderNumber) { $this->orderNumber = $orderNumber === null ? null : (string)$orderNumber; return $this; }
    /** Unix time */
    public function getDate() { return $this->date; }
    public function setDate($date) { $this->date = (int)$date; return $this; }
    public function getLastRenewDate() { return $this->lastRenewDate; }
    public function setLastRenewDate($lastRenewDate) { $this->lastRenewDate = (int)$lastRenewDate; return $this; }
    public function getCurrency()
    {
        return $this->currency;
    }

    public function setCurrency(?Currency $currency = null) { $this->currency = $currency; return $this; }

    public function getItems() { return $this->items; }

    public function addItems(\XLite\Model\OrderItem $item)
    {
        $this->items[] = $item;
        return $this;
    }

    public function getSurcharges() { return $this->surcharges; }

    public function addSurcharges(\XLite\Model\Order\Surcharge $surcharges)
    {
        $this->surcharges[] = $surcharges;
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

    /**
     * :setProfile — the order's profile. It does not point the profile at the order (the caller
     * does, e.g. Checkout::cloneProfile()); a previous profile that was this order's copy is let go,
     * and removed when a guest's copy gives way to a registered profile.
     */
    public function setProfile(\XLite\Model\Profile $profile = null)
    {
        $old = $this->getProfile();
        if ($old && $old->getOrder() && (!$profile || $old->getProfileId() != $profile->getProfileId())) {
            $old->setOrder(null);
            if ($old->getAnonymous() && $profile && !$profile->getAnonymous()) {
                \XLite\Core\Database::getEM()->remove($old);
            }
        }
        $this->profile = $profile;
    }

    public function getOrigProfile() { return $this->orig_profile; }

    /** :setOrigProfile — the customer's account; lets a previous one go as setProfile() does */
    public function setOrigProfile(\XLite\Model\Profile $profile = null)
    {
        $old = $this->getOrigProfile();
        if ($old && $old->getOrder() && (!$profile || $old->getProfileId() != $profile->getProfileId())
            && (!$this->getProfile() || $old->getProfileId() != $this->getProfile()->getProfileId())) {
            $old->setOrder(null);
        }
        $this->orig_profile = $profile;
    }

    /** sorted by id (:4849) */
    public function getPaymentTransactions()
    {
        $list = $this->payment_transactions->toArray();
        usort($list, static fn ($a, $b) => ($a->getTransactionId() ?? PHP_INT_MAX) <=> ($b->getTransactionId() ?? PHP_INT_MAX));
        return new ArrayCollection($list);
    }

    public function addPaymentTransactions(\XLite\Model\Payment\Transaction $paymentTransactions)
    {
        $this->payment_transactions[] = $paymentTransactions;
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
    public function setPaymentMethodName($paymentMethodName) { $this->payment_method_name = $paymentMethodName; return $this; }
    public function getShippingMethodName() { return $this->shipping_method_name; }
    public function setShippingMethodName($shippingMethodName) { $this->shipping_method_name = $shippingMethodName; return $this; }
    public function getShippingId() { return $this->shipping_id; }
    public function setShippingId($shippingId) { $this->shipping_id = (int)$shippingId; return $this; }

    public function getTrackingNumbers() { return $this->trackingNumbers; }

    /** :4750 (cascade all, :240) */
    public function addTrackingNumbers(\XLite\Model\OrderTrackingNumber $trackingNumbers)
    {
        $this->trackingNumbers->add($trackingNumbers);
        return $this;
    }

    /** customer notes */
    public function getNotes() { return $this->notes; }
    public function setNotes($notes) { $this->notes = $notes; return $this; }
    public function getAdminNotes() { return $this->adminNotes; }
    public function setAdminNotes($adminNotes) { $this->adminNotes = $adminNotes; return $this; }

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

    /** :2643 */
    protected function isIgnoreCustomerNotifications()
    {
        return $this->ignoreCustomerNotifications;
    }

    /** :2633 */
    protected function isNotificationsAllowed()
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
    }

    /** :3201 */
    public function setShippingStatus($shippingStatus = null)
    {
        $this->processStatus($shippingStatus, 'shipping');
    }

    /** :3214 — an entity, an id or a code; the old status is kept until the flush handles it */
    public function processStatus($status, $type)
    {
        $class = $type === 'payment' ? PaymentStatus::class : ShippingStatus::class;
        if (is_int($status) || (is_string($status) && ctype_digit($status))) {
            $status = \XLite\Core\Database::getRepo($class)->find((int)$status);
        } elseif (is_string($status)) {
            $status = \XLite\Core\Database::getRepo($class)->findOneBy(['code' => $status]);
        }
        if (!$status) {
            return;
        }
        $property = $type . 'Status';
        $old = 'old' . ucfirst($type) . 'Status';
        if ($this->$old === null && $this->$property !== null) {
            $this->$old = $this->$property;
        }
        $this->$property = $status;
        $this->statusIsSet = true;
    }

    /**
     * :3252-3255: registers the after-flush work of the status changes (history, handlers, mail).
     *
     * @ORM\PostPersist
     * @ORM\PostUpdate
     */
    public function checkStatuses()
    {
        if (!$this->statusIsSet) {
            return false;
        }
        $this->statusIsSet = false;
        $em = \XLite\Core\Database::getEM();
        $changed = false;
        $shipped = false;
        foreach (['payment', 'shipping'] as $type) {
            $status = $this->{$type . 'Status'};
            $oldStatus = $this->{'old' . ucfirst($type) . 'Status'};
            if ($status && $oldStatus && $status->getId() !== $oldStatus->getId()) {
                $em->addAfterFlushCallback(function () use ($oldStatus, $status, $type) {
                    \XLite\Core\OrderHistory::getInstance()->registerOrderChangeStatus(
                        $this->getOrderId(),
                        ['type' => $type, 'old' => $oldStatus->getCode(), 'new' => $status->getCode()]
                    );
                });
                // Shipping::getStatusHandlers() (Shipping.php:155-194): any -> S is "ship"
                $shipped = $shipped || ($type === 'shipping' && $status->getCode() === ShippingStatus::STATUS_SHIPPED);
                $changed = true;
            }
        }
        $em->addAfterFlushCallback(function () use ($changed, $shipped) {
            if ($shipped) {
                $this->processShip();
            }
            $this->oldPaymentStatus = null;
            $this->oldShippingStatus = null;
            if ($changed && !$this->isNotificationSent && $this->isNotificationsAllowed() && $this->getOrderNumber()) {
                \XLite\Core\Mailer::sendOrderChanged($this, $this->isIgnoreCustomerNotifications());
            }
        });

        return $changed;
    }

    /** :3529 — the non-S -> S handler */
    protected function processShip()
    {
        if ($this->isNotificationsAllowed() && !$this->isIgnoreCustomerNotifications()) {
            \XLite\Core\Mailer::sendOrderShipped($this);
        }
        $this->isNotificationSent = true;
    }

    /**
     * :1608 — the customer placed the order (callers: Controller/Customer/Checkout.php:599,
     * Model/Cart.php:322): markAsOrder(), shipping status N, stock reduced, "place order"
     * history, "order created" mail. It does not flush.
     * [inferred] stock is reduced for every placed order (the default Status\Property rows of
     * Q/A/P with N have incStock false).
     */
    public function processSucceed()
    {
        $this->markAsOrder();
        $this->setShippingStatus(ShippingStatus::STATUS_NEW);
        foreach ($this->getItems() as $item) {
            $item->getObject()?->changeAmount(-$item->getAmount());
        }
        \XLite\Core\OrderHistory::getInstance()->registerPlaceOrder($this->getOrderId());
        if ($this->isNotificationsAllowed()) {
            \XLite\Core\Mailer::sendOrderCreated($this);
        }
    }

    /** :renewPaymentStatus — the payment status the transactions give; true when it changed */
    public function renewPaymentStatus()
    {
        $status = $this->getCalculatedPaymentStatus(true);
        if ($this->getPaymentStatusCode() !== $status) {
            $this->setPaymentStatus($status);

            return true;
        }

        return false;
    }

    /**
     * [simplified from :getCalculatedPaymentStatus] from what the transactions charged: all of
     * the total P, part of it PP, all given back R, an open authorisation A, voided C, else Q.
     */
    public function getCalculatedPaymentStatus($override = false)
    {
        $charged = 0.0;
        $refunded = false;
        $authorized = false;
        $voided = false;
        foreach ($this->getPaymentTransactions() as $transaction) {
            $charged += $transaction->getChargeValueModifier();
            $refunded = $refunded || $transaction->isRefunded();
            $authorized = $authorized || ($transaction->isAuthorized() && !$transaction->isCaptured());
            $voided = $voided || $transaction->isVoid();
        }
        $charged = $this->getCurrency()->roundValue($charged);
        if ($charged > 0) {
            return $charged >= $this->getCurrency()->roundValue($this->getTotal()) ? PaymentStatus::STATUS_PAID : PaymentStatus::STATUS_PART_PAID;
        }
        if ($refunded) {
            return PaymentStatus::STATUS_REFUNDED;
        }
        if ($authorized) {
            return PaymentStatus::STATUS_AUTHORIZED;
        }

        return $voided ? PaymentStatus::STATUS_CANCELED : PaymentStatus::STATUS_QUEUED;
    }

    /** Order.php: nothing for an order; Cart::markAsOrder() turns a cart into one. */
    public function markAsOrder()
    {
    }
}
