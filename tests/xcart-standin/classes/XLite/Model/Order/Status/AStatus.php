<?php
declare(strict_types=1);

namespace XLite\Model\Order\Status;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Order\Status\AStatus (classes/XLite/Model/Order/Status/AStatus.php): id, code
 * (unique), position; name and customer name are translations.
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

    public function getId()
    {
        return $this->id;
    }

    public function getCode()
    {
        return $this->code;
    }

    public function setCode($code)
    {
        $this->code = $code;

        return $this;
    }

    public function getPosition()
    {
        return $this->position;
    }

    public function setPosition($position)
    {
        $this->position = $position;

        return $this;
    }

    public function getCustomerName()
    {
        return $this->getTranslationField(__FUNCTION__) ?: $this->getName();
    }
}
