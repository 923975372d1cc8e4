<?php
// XLite\Model\Repo\Cart (classes/XLite/Model/Repo/Cart.php)
declare(strict_types=1);

namespace XLite\Model\Repo;

class Cart extends \XLite\Model\Repo\ARepo
{
    /** :22 — the cart row becomes an order (is_order = 1); true when a row changed. */
    public function markAsOrder($orderId)
    {
        return $this->getEntityManager()->getConnection()->executeStatement(
            'UPDATE orders SET is_order = 1 WHERE order_id = ?',
            [(int) $orderId]
        ) > 0;
    }
}
