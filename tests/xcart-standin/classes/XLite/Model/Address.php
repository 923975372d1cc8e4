<?php
/*
 * XLite\Model\Address.  Its fields (firstname, lastname, street, city,
 * zipcode, phone, title, custom_state, ...) are dynamic address-field values:
 * getFirstname() goes through AEntity::__call -> getterProperty('firstname')
 * (Address.php:281), setFirstname($v) -> setterProperty (:176).
 * Confirmed getters (§2.5): getTitle, getFirstname, getLastname, getPhone,
 * getStreet, getCity, getZipcode, getCountryCode, getStateName, getCustomState.
 */
declare(strict_types=1);

namespace XLite\Model;

class Address extends Base\Address
{
    protected $profile;
    protected $is_billing = false;
    protected $is_shipping = false;
    protected $is_work = false;
    /** @var array<string, string> service name => value */
    protected $addressFields = [];

    /** [inferred] an unknown field reads as null, like a missing address-field value */
    public function getterProperty($property)
    {
        if (in_array($property, ['address_id', 'profile', 'is_billing', 'is_shipping', 'is_work'], true)) {
            return parent::getterProperty($property);
        }
        return $this->addressFields[$property] ?? null;
    }

    public function setterProperty($property, $value)
    {
        if (in_array($property, ['address_id', 'profile', 'is_billing', 'is_shipping', 'is_work'], true)) {
            return parent::setterProperty($property, $value);
        }
        $this->addressFields[$property] = $value === null ? null : (string)$value;
        return $this;
    }

    /** Address.php:557 */
    public function getCountry()
    {
        return parent::getCountry();
    }

    /** [inferred] the country's code or '' */
    public function getCountryCode()
    {
        return $this->getCountry() ? $this->getCountry()->getCode() : '';
    }

    /** [inferred] the state's name, or the custom state */
    public function getStateName()
    {
        return $this->state !== null ? $this->state->getState() : (string)($this->addressFields['custom_state'] ?? '');
    }

    public function getProfile() { return $this->profile; }
    public function setProfile(?Profile $profile = null) { $this->profile = $profile; return $this; }
    public function getIsBilling() { return $this->is_billing; }
    public function setIsBilling($b) { $this->is_billing = (bool)$b; return $this; }
    public function getIsShipping() { return $this->is_shipping; }
    public function setIsShipping($b) { $this->is_shipping = (bool)$b; return $this; }

}
