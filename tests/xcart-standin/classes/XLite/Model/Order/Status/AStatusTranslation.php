<?php
declare(strict_types=1);

namespace XLite\Model\Order\Status;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Order\Status\AStatusTranslation (classes/XLite/Model/Order/Status/AStatusTranslation.php).
 * Not mapped itself (not a mapped superclass, as in X-Cart): Doctrine maps its annotated
 * properties as columns of each entity below it (PaymentTranslation, ShippingTranslation).
 */
abstract class AStatusTranslation extends \XLite\Model\Base\Translation
{
    /** @ORM\Column (type="string", length=255) */
    protected $name = '';
    /** @ORM\Column (type="string", length=255, nullable=true) */
    protected $customerName = '';

    public function getName()
    {
        return $this->name;
    }

    public function setName($name)
    {
        $this->name = $name;

        return $this;
    }

    public function getCustomerName()
    {
        return $this->customerName;
    }

    public function setCustomerName($customerName)
    {
        $this->customerName = $customerName;

        return $this;
    }
}
