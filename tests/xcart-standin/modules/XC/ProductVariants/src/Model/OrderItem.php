<?php
// XC\ProductVariants\Model\OrderItem: a mixin of XLite\Model\OrderItem (modules/XC/ProductVariants/src/Model/OrderItem.php:269-289)
declare(strict_types=1);

namespace XC\ProductVariants\Model;

use Doctrine\ORM\Mapping as ORM;
use XCart\Extender\Mapping\Extender;

/**
 * @Extender\Mixin
 */
class OrderItem extends \XLite\Model\OrderItem
{
    /**
     * @ORM\ManyToOne (targetEntity="XC\ProductVariants\Model\ProductVariant", inversedBy="orderItems", cascade={"merge","detach"})
     * @ORM\JoinColumn (name="variant_id", referencedColumnName="id", onDelete="SET NULL")
     */
    protected $variant;

    public function getVariant()
    {
        return $this->variant;
    }

    /** copies the variant's SKU and price into the item */
    public function setVariant(?ProductVariant $variant = null)
    {
        $this->variant = $variant;
        if ($variant) {
            $this->setSku((string)$variant->getDisplaySku());
            $this->setPrice($variant->getPrice());
        }
        return $this;
    }
}
