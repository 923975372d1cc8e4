<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\AddressFieldValue (classes/XLite/Model/AddressFieldValue.php): the value of
 * one address field of one address.
 *
 * @ORM\Entity
 * @ORM\Table (name="address_field_value")
 */
class AddressFieldValue extends \XLite\Model\AEntity
{
    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer", nullable=false) */
    protected $id;
    /** @ORM\Column(type="string", length=255, nullable=true) */
    protected $value = '';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\AddressField", cascade={"persist","merge","detach"})
     * @ORM\JoinColumn (name="address_field_id", referencedColumnName="id", onDelete="SET NULL")
     */
    protected $addressField;
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Address", inversedBy="addressFields", cascade={"persist","merge","detach"})
     * @ORM\JoinColumn (name="address_id", referencedColumnName="address_id", onDelete="CASCADE")
     */
    protected $address;

    public function getId()
    {
        return $this->id;
    }

    public function setValue($value)
    {
        $this->value = $value;

        return $this;
    }

    public function getValue()
    {
        return $this->value;
    }

    public function setAddressField(\XLite\Model\AddressField $addressField = null)
    {
        $this->addressField = $addressField;

        return $this;
    }

    public function getAddressField()
    {
        return $this->addressField;
    }

    public function setAddress(\XLite\Model\Address $address = null)
    {
        $this->address = $address;

        return $this;
    }

    public function getAddress()
    {
        return $this->address;
    }
}
