<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\State (classes/XLite/Model/State.php): table states; code unique per
 * country. An unsaved State stands for a custom state (Base\Address::getState()).
 *
 * @ORM\Entity
 * @ORM\Table (name="states",
 *      uniqueConstraints={ @ORM\UniqueConstraint (name="code", columns={"code","country_code"}) }
 * )
 * @ORM\HasLifecycleCallbacks
 */
class State extends \XLite\Model\AEntity
{
    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer") */
    protected $state_id;
    /** @ORM\Column (type="string", length=64) */
    protected $state = '';
    /** @ORM\Column (type="string", length=64) */
    protected $code = '';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Country", inversedBy="states", cascade={"merge","detach"})
     * @ORM\JoinColumn (name="country_code", referencedColumnName="code", onDelete="CASCADE")
     */
    protected $country;

    public function getStateId()
    {
        return $this->state_id;
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

    public function getState()
    {
        return $this->state;
    }

    public function setState($state)
    {
        $this->state = $state;

        return $this;
    }

    public function getCountry()
    {
        return $this->country;
    }

    public function setCountry(\XLite\Model\Country $country = null)
    {
        $this->country = $country;

        return $this;
    }

    /**
     * X-Cart removes the zone elements of the country/state before it is removed; the stand-in has
     * no zones, so there is nothing to remove.
     *
     * @ORM\PreRemove
     */
    public function removeZoneElements()
    {
    }
}
