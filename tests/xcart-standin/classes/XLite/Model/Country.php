<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Country (classes/XLite/Model/Country.php): table countries, id the
 * ISO code; the name is a translation (CountryTranslation.country).
 *
 * @ORM\Entity
 * @ORM\Table (name="countries")
 * @ORM\HasLifecycleCallbacks
 */
class Country extends \XLite\Model\Base\I18n
{
    /** @ORM\Id @ORM\Column (type="string", options={ "fixed": true }, length=2, unique=true) */
    protected $code;
    /** @ORM\Column (type="integer") */
    protected $id = 0;
    /** @ORM\Column (type="string", options={ "fixed": true }, length=3) */
    protected $code3 = '';
    /** @ORM\Column (type="boolean") */
    protected $enabled = true;
    /** @ORM\OneToMany (targetEntity="XLite\Model\State", mappedBy="country", cascade={"all"}) @ORM\OrderBy ({"state" = "ASC"}) */
    protected $states;
    /** @ORM\OneToMany (targetEntity="XLite\Model\CountryTranslation", mappedBy="owner", cascade={"all"}) */
    protected $translations;

    public function __construct(array $data = [])
    {
        $this->states = new \Doctrine\Common\Collections\ArrayCollection();
        parent::__construct($data);
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

    public function getCode3()
    {
        return $this->code3;
    }

    public function setCode3($code3)
    {
        $this->code3 = $code3;

        return $this;
    }

    /** The country's name (the translation's "country" field). */
    public function getCountry()
    {
        return $this->getTranslationField(__FUNCTION__);
    }

    public function setCountry($country)
    {
        return $this->setTranslationField(__FUNCTION__, $country);
    }

    public function getStates()
    {
        return $this->states;
    }

    public function hasStates()
    {
        return count($this->states) > 0;
    }

    /** [inferred] no country forces a custom state here */
    public function isForcedCustomState()
    {
        return false;
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
