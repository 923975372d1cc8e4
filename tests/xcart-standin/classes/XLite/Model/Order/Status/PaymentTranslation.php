<?php
declare(strict_types=1);

namespace XLite\Model\Order\Status;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Order\Status\PaymentTranslation (classes/XLite/Model/Order/Status/PaymentTranslation.php).
 *
 * @ORM\Entity
 * @ORM\Table (name="order_payment_status_translations")
 */
class PaymentTranslation extends \XLite\Model\Order\Status\AStatusTranslation
{
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Order\Status\Payment", inversedBy="translations")
     * @ORM\JoinColumn (name="id", referencedColumnName="id", onDelete="CASCADE")
     */
    protected $owner;
}
