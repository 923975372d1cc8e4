<?php
// XLite\Model\Repo\Order (classes/XLite/Model/Repo/Order.php). Magic findOneByOrderNumber($n) works through ARepo::__call.
declare(strict_types=1);

namespace XLite\Model\Repo;

class Order extends ARepo
{
    /** Carts (is_order = 0, XLite\Model\Cart) are not orders [inferred: placed orders only, like createQueryBuilder(.., $placedOnly = true)] */
    protected function standinAll(): array
    {
        return array_values(array_filter(parent::standinAll(), static fn ($o) => !($o instanceof \XLite\Model\Cart)));
    }
}
