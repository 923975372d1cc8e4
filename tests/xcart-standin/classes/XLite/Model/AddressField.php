<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\AddressField (classes/XLite/Model/AddressField.php): one field of the
 * address form (serviceName firstname, lastname, street, city, zipcode, phone, ...).
 *
 * @ORM\Entity
 * @ORM\Table (name="address_field")
 */
class AddressField extends \XLite\Model\Base\I18n implements \XLite\Model\Base\IModuleRelatedEntity
{
    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer", nullable=false) */
    protected $id;
    /** @ORM\Column(type="string", length=128, unique=true, nullable=false) */
    protected $serviceName;
    /** @ORM\Column(type="string", length=128, nullable=false) */
    protected $viewGetterName = '';
    /** @ORM\Column(type="string", length=256, nullable=false) */
    protected $schemaClass = '';
    /** @ORM\Column(type="boolean") */
    protected $additional = false;
    /** @ORM\Column(type="boolean") */
    protected $required = false;
    /** @ORM\Column(type="boolean") */
    protected $enabled = true;
    /** @ORM\Column (type="integer") */
    protected $position = 0;
    /** @ORM\OneToMany (targetEntity="XLite\Model\AddressFieldTranslation", mappedBy="owner", cascade={"all"}) */
    protected $translations;
    /**
     * the module that added the field, null for X-Cart's own
     * @ORM\Column(type="string", nullable=true)
     */
    protected ?string $module = null;

    public function getModule(): ?string
    {
        return $this->module;
    }

    public function setModule(string $module): void
    {
        $this->module = $module;
    }

    public function getId()
    {
        return $this->id;
    }

    public function getServiceName()
    {
        return $this->serviceName;
    }

    public function setServiceName($serviceName)
    {
        $this->serviceName = $serviceName;

        return $this;
    }

    public function getEnabled()
    {
        return $this->enabled;
    }

    public function setEnabled($enabled)
    {
        $this->enabled = (bool) $enabled;

        return $this;
    }

    public function setPosition($position)
    {
        $this->position = (int) $position;

        return $this;
    }
}
