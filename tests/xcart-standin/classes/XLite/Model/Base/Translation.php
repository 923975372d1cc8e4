<?php
declare(strict_types=1);

namespace XLite\Model\Base;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Base\Translation (classes/XLite/Model/Base/Translation.php):
 * one language's texts of an I18n entity: label_id, code, owner.
 *
 * @ORM\MappedSuperclass
 */
abstract class Translation extends \XLite\Model\AEntity
{
    /**
     * @ORM\Id
     * @ORM\GeneratedValue (strategy="AUTO")
     * @ORM\Column (type="integer")
     */
    protected $label_id;

    /**
     * @ORM\Column (type="string", options={ "fixed": true }, length=2)
     */
    protected $code = \XLite\Model\Base\I18n::DEFAULT_LANGUAGE;

    public function getLabelId()
    {
        return $this->label_id;
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

    public function getOwner()
    {
        return $this->owner;
    }

    public function setOwner($owner)
    {
        $this->owner = $owner;

        return $this;
    }
}
