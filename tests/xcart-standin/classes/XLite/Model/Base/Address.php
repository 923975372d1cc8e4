<?php
// XLite\Model\Base\Address: country/state part of an address
declare(strict_types=1);

namespace XLite\Model\Base;

abstract class Address extends \XLite\Model\AEntity
{
    protected $address_id;
    protected $country;
    protected $state;

    public function getAddressId() { return $this->address_id; }

    public function getCountry() { return $this->country; }
    public function setCountry(?\XLite\Model\Country $country = null) { $this->country = $country; return $this; }

    /** Always a State (Base/Address.php:108); for a custom state an unsaved one named after it [inferred: empty code] */
    public function getState()
    {
        if ($this->state !== null) {
            return $this->state;
        }
        $state = new \XLite\Model\State();
        $state->setState((string)$this->getterProperty('custom_state'));
        $state->setCountry($this->country);
        return $state;
    }

    public function setState($state)
    {
        if ($state instanceof \XLite\Model\State) {
            $this->state = $state;
        } else {
            $this->state = null;
            $this->setterProperty('custom_state', $state); // [inferred: a string is a custom state]
        }
        return $this;
    }
}
