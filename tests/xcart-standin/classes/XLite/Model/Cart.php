<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Cart (classes/XLite/Model/Cart.php): an unplaced order (is_order = 0).
 * markAsOrder() gives it an order number (assignOrderNumber) and sets is_order = 1 in
 * the database through Repo\Order::markAsOrder(); the object stays a Cart in this
 * request, as in X-Cart.
 *
 * @ORM\Entity
 * @ORM\HasLifecycleCallbacks
 */
class Cart extends \XLite\Model\Order
{
    /** the session's cart, per class */
    protected static $instances = [];

    /**
     * :72 — the session's cart. [inferred] The stand-in has no sessions: the cart is the one a
     * test set with setObject(), else a new one.
     */
    public static function getInstance($doCalculate = true)
    {
        return static::$instances[static::class] ??= new static();
    }

    /** :264 — this object is the session's cart */
    public static function setObject(\XLite\Model\Order $object)
    {
        static::$instances[static::class] = $object;
    }

    public static function standinReset(): void
    {
        static::$instances = [];
    }

    public function markAsOrder()
    {
        parent::markAsOrder();
        $this->assignOrderNumber();
        $this->getRepository()->markAsOrder($this->getOrderId());
    }

    /** [inferred] the next free number when the cart has none (X-Cart keeps a counter in its config). */
    public function assignOrderNumber()
    {
        if (!$this->getOrderNumber()) {
            $this->setOrderNumber((string) \XLite\Core\Database::getRepo(\XLite\Model\Order::class)->findNextOrderNumber());
        }
    }
}
