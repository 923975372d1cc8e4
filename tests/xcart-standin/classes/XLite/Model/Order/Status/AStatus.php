<?php
declare(strict_types=1);

namespace XLite\Model\Order\Status;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Order\Status\AStatus (classes/XLite/Model/Order/Status/AStatus.php): id, code
 * (unique), position; name and customer name are translations. The accessors of id, code and
 * position are declared by Shipping and Payment, as in X-Cart.
 *
 * @ORM\MappedSuperclass
 */
abstract class AStatus extends \XLite\Model\Base\I18n
{
    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer", options={"unsigned": true}) */
    protected $id;
    /** @ORM\Column (type="string", options={"fixed": true}, length=4, unique=true, nullable=true) */
    protected $code;
    /** @ORM\Column (type="integer") */
    protected $position = 0;

    public function getCustomerName()
    {
        return $this->getTranslationField(__FUNCTION__) ?: $this->getName();
    }
}
