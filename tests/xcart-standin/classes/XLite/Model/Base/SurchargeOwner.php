<?php
declare(strict_types=1);

namespace XLite\Model\Base;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Base\SurchargeOwner (classes/XLite/Model/Base/SurchargeOwner.php):
 * total and subtotal of an order or order item, decimal(14,4) (X-Cart's decimal column type gives
 * floats). Order and OrderItem declare getTotal()/getSubtotal(), as in X-Cart.
 *
 * @ORM\MappedSuperclass
 */
abstract class SurchargeOwner extends \XLite\Model\AEntity
{
    /**
     * @ORM\Column (type="decimal", precision=14, scale=4)
     */
    protected $total = 0.0000;

    /**
     * @ORM\Column (type="decimal", precision=14, scale=4)
     */
    protected $subtotal = 0.0000;

    /** :44 — rounded to 4 digits */
    public function setTotal($total)
    {
        $this->total = round((float) $total, 4);

        return $this;
    }

    /** :58 — rounded to 4 digits */
    public function setSubtotal($subtotal)
    {
        $this->subtotal = round((float) $subtotal, 4);

        return $this;
    }
}
