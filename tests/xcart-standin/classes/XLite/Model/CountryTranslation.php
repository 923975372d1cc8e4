<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\CountryTranslation (classes/XLite/Model/CountryTranslation.php).
 *
 * @ORM\Entity
 * @ORM\Table (name="country_translations")
 */
class CountryTranslation extends \XLite\Model\Base\Translation
{
    /** @ORM\Column (type="string", length=64) */
    protected $country = '';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Country", inversedBy="translations")
     * @ORM\JoinColumn (name="id", referencedColumnName="code", onDelete="CASCADE")
     */
    protected $owner;

    public function getCountry()
    {
        return $this->country;
    }

    public function setCountry($country)
    {
        $this->country = $country;

        return $this;
    }
}
