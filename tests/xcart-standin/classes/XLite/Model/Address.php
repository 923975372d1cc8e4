<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\Common\Collections\ArrayCollection;
use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Address (classes/XLite/Model/Address.php): table profile_addresses.
 * Its fields (firstname, lastname, street, city, zipcode, phone, title,
 * custom_state, ...) are XLite\Model\AddressFieldValue rows, one per
 * XLite\Model\AddressField (serviceName). getFirstname() goes through
 * AEntity::__call -> getterProperty('firstname') (:281): the field value,
 * else the field's default. setterProperty (:176) changes or adds the value
 * row; on an address already in the database it saves that row at once
 * through the repository, which flushes (ARepo::update()/insert() with
 * FLUSH_BY_DEFAULT). Editing an address therefore writes address_field_value
 * rows, not the profile: Profile::$addresses is the inverse side.
 *
 * @ORM\Entity
 * @ORM\Table (name="profile_addresses")
 * @ORM\HasLifecycleCallbacks
 */
class Address extends \XLite\Model\Base\PersonalAddress
{
    public const BILLING  = 'b';
    public const SHIPPING = 's';

    /** @ORM\OneToMany (targetEntity="XLite\Model\AddressFieldValue", mappedBy="address", cascade={"all"}) */
    protected $addressFields;
    /** @ORM\Column (type="boolean") */
    protected $is_billing = false;
    /** @ORM\Column (type="boolean") */
    protected $is_shipping = false;
    /** @ORM\Column (type="boolean") */
    protected $isWork = false;
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Profile", inversedBy="addresses", cascade={"persist","merge","detach"})
     * @ORM\JoinColumn (name="profile_id", referencedColumnName="profile_id", onDelete="CASCADE")
     */
    protected $profile;

    public function __construct(array $data = [])
    {
        $this->addressFields = new ArrayCollection();
        parent::__construct($data);
    }

    public function setterProperty($property, $value)
    {
        $result = parent::setterProperty($property, $value);
        if ($result !== null) {
            return $result;
        }
        $addressField = static::getAddressFieldByServiceName($property);
        if (!$addressField) {
            return null;
        }
        $repo = \XLite\Core\Database::getRepo('XLite\Model\AddressFieldValue');
        $fieldValue = $this->getFieldValue($property);
        if ($fieldValue) {
            $fieldValue->setValue($value);
            if ($this->isPersistent()) {
                $repo->update($fieldValue);
            }
        } else {
            $fieldValue = new \XLite\Model\AddressFieldValue();
            $fieldValue->map(['address' => $this, 'addressField' => $addressField, 'value' => $value]);
            $this->addAddressFields($fieldValue);
            if ($this->isPersistent()) {
                $repo->insert($fieldValue);
            }
        }

        return true;
    }

    public function getterProperty($property)
    {
        $result = parent::getterProperty($property);
        if ($result !== null || !static::getAddressFieldByServiceName($property)) {
            return $result;
        }
        $fieldValue = $this->getFieldValue($property);

        return $fieldValue ? $fieldValue->getValue() : null;
    }

    /** :335 — a property or an address field */
    public function isPropertyExists($name)
    {
        return parent::isPropertyExists($name) || (bool) static::getAddressFieldByServiceName($name);
    }

    /**
     * :222 — save (the address book form's "update", View\Model\AModel::performActionUpdate()), then
     * the profile's search field from the names (Profile::updateSearchFakeField()) and a flush.
     */
    public function update()
    {
        $result = parent::update();
        if ($this->getProfile()) {
            \XLite\Core\Database::getEM()->refresh($this->getProfile());
            $this->getProfile()->updateSearchFakeField();
            \XLite\Core\Database::getEM()->flush();
        }

        return $result;
    }

    /** :262 */
    public function create()
    {
        $result = parent::create();
        if ($this->getProfile()) {
            \XLite\Core\Database::getEM()->refresh($this->getProfile());
            $this->getProfile()->updateSearchFakeField();
        }

        return $result;
    }

    /** :348 — the value row of the field named $name */
    public function getFieldValue($name)
    {
        $addressField = static::getAddressFieldByServiceName($name);
        if (!$addressField) {
            return null;
        }
        foreach ($this->getAddressFields() as $field) {
            if ($field->getAddressField() && (int) $field->getAddressField()->getId() === (int) $addressField->getId()) {
                return $field;
            }
        }

        return null;
    }

    protected static function getAddressFieldByServiceName($fieldName)
    {
        return \XLite\Core\Database::getRepo('XLite\Model\AddressField')->findOneBy(['serviceName' => $fieldName]);
    }

    /** :529 — the fields and the profile carried over to a new address */
    public function cloneEntity()
    {
        $entity = parent::cloneEntity();
        $entity->setCountry($this->getCountry());
        foreach (\XLite\Core\Database::getRepo('XLite\Model\AddressField')->findAllEnabled() as $field) {
            $entity->setterProperty($field->getServiceName(), $this->getterProperty($field->getServiceName()));
        }
        if ($this->getState() && $this->getState()->getStateId()) {
            $entity->setState($this->getState());
        }
        if ($this->getProfile()) {
            $entity->setProfile($this->getProfile());
        }

        return $entity;
    }

    /** :557 */
    public function getCountry()
    {
        return $this->country;
    }

    public function setIsBilling($isBilling)
    {
        $this->is_billing = (bool) $isBilling;

        return $this;
    }

    public function getIsBilling()
    {
        return $this->is_billing;
    }

    public function setIsShipping($isShipping)
    {
        $this->is_shipping = (bool) $isShipping;

        return $this;
    }

    public function getIsShipping()
    {
        return $this->is_shipping;
    }

    public function setIsWork($isWork)
    {
        $this->isWork = (bool) $isWork;

        return $this;
    }

    public function getIsWork()
    {
        return $this->isWork;
    }

    public function getAddressId()
    {
        return $this->address_id;
    }

    public function addAddressFields(\XLite\Model\AddressFieldValue $addressFields)
    {
        $this->addressFields[] = $addressFields;

        return $this;
    }

    public function getAddressFields()
    {
        return $this->addressFields;
    }

    public function setProfile(\XLite\Model\Profile $profile = null)
    {
        $this->profile = $profile;

        return $this;
    }

    public function getProfile()
    {
        return $this->profile;
    }
}
