<?php
declare(strict_types=1);

namespace XLite\Model\Order\Status;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Order\Status\ShippingTranslation (classes/XLite/Model/Order/Status/ShippingTranslation.php).
 *
 * @ORM\Entity
 * @ORM\Table (name="order_shipping_status_translations")
 */
class ShippingTranslation extends \XLite\Model\Order\Status\AStatusTranslation
{
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Order\Status\Shipping", inversedBy="translations")
     * @ORM\JoinColumn (name="id", referencedColumnName="id", onDelete="CASCADE")
     */
    protected $owner;
}
