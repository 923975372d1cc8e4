<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\AddressFieldTranslation (classes/XLite/Model/AddressFieldTranslation.php).
 *
 * @ORM\Entity
 * @ORM\Table (name="address_field_translation")
 */
class AddressFieldTranslation extends \XLite\Model\Base\Translation
{
    /** @ORM\Column (type="string", length=255) */
    protected $name = '';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\AddressField", inversedBy="translations")
     * @ORM\JoinColumn (name="id", referencedColumnName="id", onDelete="CASCADE")
     */
    protected $owner;

    public function getName()
    {
        return $this->name;
    }

    public function setName($name)
    {
        $this->name = $name;

        return $this;
    }
}
