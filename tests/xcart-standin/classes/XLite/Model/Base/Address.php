<?php
declare(strict_types=1);

namespace XLite\Model\Base;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Base\Address (classes/XLite/Model/Base/Address.php): id, type,
 * country and state of an address (the other fields are AddressFieldValue rows,
 * see XLite\Model\Address).
 *
 * @ORM\MappedSuperclass
 */
abstract class Address extends \XLite\Model\AEntity
{
    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer") */
    protected $address_id;
    /** @ORM\Column (type="string", options={ "fixed": true }, length=1) */
    protected $address_type = 'R';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\State", cascade={"merge","detach"})
     * @ORM\JoinColumn (name="state_id", referencedColumnName="state_id", onDelete="SET NULL")
     */
    protected $state;
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Country", cascade={"merge","detach"})
     * @ORM\JoinColumn (name="country_code", referencedColumnName="code", onDelete="SET NULL")
     */
    protected $country;

    /** :108 — the state, or an unsaved State holding the custom state's name */
    public function getState()
    {
        if ($this->state) {
            return $this->state;
        }
        $state = new \XLite\Model\State();
        $state->setState((string) $this->getterProperty('custom_state'));

        return $state;
    }

    /** :145 */
    public function setCountryCode($countryCode)
    {
        $this->setCountry(\XLite\Core\Database::getRepo('XLite\Model\Country')->findOneBy(['code' => $countryCode]));
    }

    /** :159 */
    public function setCountry(\XLite\Model\Country $country = null)
    {
        $this->country = $country;
        if ($this->country) {
            $this->setterProperty('country_code', $this->country->getCode());
        }

        return $this;
    }

    /** :177 */
    public function setStateId($stateId)
    {
        $this->setState(\XLite\Core\Database::getRepo('XLite\Model\State')->find($stateId));
    }

    /**
     * :190 — a State entity (kept when the country has states), or a code looked up in the
     * country's states, else taken as a custom state name.
     */
    public function setState($state)
    {
        if ($state instanceof \XLite\Model\State) {
            if ($this->getCountry() && $this->getCountry()->hasStates() && $state->getStateId()) {
                $this->state = $state;
                $this->setterProperty('state_id', $state->getStateId());
                $this->setterProperty('custom_state', $state->getState());
            } else {
                $this->state = null;
                $this->setterProperty('custom_state', $state->getState());
            }
        } elseif (is_string($state)) {
            $found = $this->getCountry() && $this->getCountry()->hasStates()
                ? \XLite\Core\Database::getRepo('XLite\Model\State')->findOneBy(['code' => $state, 'country' => $this->getCountry()])
                : null;
            if ($found) {
                $this->state = $found;
            } else {
                $this->state = null;
                $this->setterProperty('custom_state', $state);
            }
        }
    }

    /** :253 */
    public function getCountryCode()
    {
        return $this->getCountry() ? (string) $this->getCountry()->getCode() : '';
    }

    /** :265 */
    public function getCountryName()
    {
        return $this->getCountry() ? $this->getCountry()->getCountry() : null;
    }

    /** :275 */
    public function getStateName()
    {
        return $this->getState()->getState();
    }
}
