<?php
/*
 * XLite\Model\Repo\Order (classes/XLite/Model/Repo/Order.php). Magic findOneByOrderNumber($n)
 * comes from Doctrine's EntityRepository. Queries on the Order entity see carts too (the
 * discriminator map has both); X-Cart's own searches add is_order = 1 (createQueryBuilder(...,
 * $placedOnly = true), :175-184).
 */
declare(strict_types=1);

namespace XLite\Model\Repo;

class Order extends ARepo
{
    use \XLite\InjectLoggerTrait;

    /** [inferred] one more than the largest numeric order number. */
    public function findNextOrderNumber()
    {
        $max = $this->getEntityManager()->getConnection()->fetchOne(
            "SELECT MAX(CAST(orderNumber AS UNSIGNED)) FROM orders WHERE orderNumber REGEXP '^[0-9]+$'"
        );

        return (int) $max + 1;
    }
}
