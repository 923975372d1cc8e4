<?php
declare(strict_types=1);

namespace XLite\Model\OrderItem;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\OrderItem\Surcharge (classes/XLite/Model/OrderItem/Surcharge.php), table order_item_surcharges.
 *
 * @ORM\Entity
 * @ORM\Table (name="order_item_surcharges")
 */
class Surcharge extends \XLite\Model\Base\Surcharge
{
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\OrderItem", inversedBy="surcharges")
     * @ORM\JoinColumn (name="item_id", referencedColumnName="item_id", onDelete="CASCADE")
     */
    protected $owner;
}
