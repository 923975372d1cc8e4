<?php
declare(strict_types=1);

namespace XLite\Model\Base;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Base\SurchargeOwner (classes/XLite/Model/Base/SurchargeOwner.php):
 * total and subtotal of an order or order item, decimal(14,4).
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

    public function getTotal()
    {
        return (float) $this->total;
    }

    public function setTotal($total)
    {
        $this->total = $total;

        return $this;
    }

    public function getSubtotal()
    {
        return (float) $this->subtotal;
    }

    public function setSubtotal($subtotal)
    {
        $this->subtotal = $subtotal;

        return $this;
    }
}
