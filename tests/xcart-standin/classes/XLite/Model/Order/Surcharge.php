<?php
declare(strict_types=1);

namespace XLite\Model\Order;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Order\Surcharge (classes/XLite/Model/Order/Surcharge.php), table order_surcharges.
 *
 * @ORM\Entity
 * @ORM\Table (name="order_surcharges")
 */
class Surcharge extends \XLite\Model\Base\Surcharge
{
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Order", inversedBy="surcharges")
     * @ORM\JoinColumn (name="order_id", referencedColumnName="order_id", onDelete="CASCADE")
     */
    protected $owner;
}
