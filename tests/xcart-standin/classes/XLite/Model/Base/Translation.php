<?php
declare(strict_types=1);

namespace XLite\Model\Base;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Base\Translation (classes/XLite/Model/Base/Translation.php):
 * one language's texts of an I18n entity: label_id, code, owner (getLabelId(), getCode(),
 * setCode() through AEntity::__call()).
 *
 * @ORM\MappedSuperclass
 */
abstract class Translation extends \XLite\Model\AEntity
{
    public const DEFAULT_LANGUAGE = 'en';

    /**
     * @ORM\Id
     * @ORM\GeneratedValue (strategy="AUTO")
     * @ORM\Column (type="integer")
     */
    protected $label_id;

    /**
     * @ORM\Column (type="string", options={ "fixed": true }, length=2)
     */
    protected $code = self::DEFAULT_LANGUAGE;

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
