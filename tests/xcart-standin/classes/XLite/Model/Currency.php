<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Currency (classes/XLite/Model/Currency.php): table currencies, id the
 * ISO 4217 number; getCode() :271, roundValue($value) :165 (to e decimals).
 *
 * @ORM\Entity
 * @ORM\Table (name="currencies")
 */
class Currency extends \XLite\Model\Base\I18n
{
    /** @ORM\Id @ORM\Column (type="integer", options={ "unsigned": true }) */
    protected $currency_id;
    /** @ORM\Column (type="string", options={ "fixed": true }, length=3, unique=true) */
    protected $code;
    /** @ORM\Column (type="string", length=16) */
    protected $symbol = '';
    /** @ORM\Column (type="string", length=32) */
    protected $prefix = '';
    /** @ORM\Column (type="string", length=32) */
    protected $suffix = '';
    /** decimal places @ORM\Column (type="smallint") */
    protected $e = 2;
    /** @ORM\Column (type="string", length=8) */
    protected $decimalDelimiter = '.';
    /** @ORM\Column (type="string", length=8) */
    protected $thousandDelimiter = '';
    /** @ORM\OneToMany (targetEntity="XLite\Model\Order", mappedBy="currency") */
    protected $orders;
    /** @ORM\Column (type="string", options={"default" : "N"}) */
    protected $roundUp = 'N';
    /** @ORM\OneToMany (targetEntity="XLite\Model\CurrencyTranslation", mappedBy="owner", cascade={"all"}) */
    protected $translations;

    public function getCurrencyId()
    {
        return $this->currency_id;
    }

    public function setCurrencyId($value)
    {
        $this->currency_id = $value;

        return $this;
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

    public function getE()
    {
        return $this->e;
    }

    public function setE($e)
    {
        $this->e = $e;

        return $this;
    }

    public function getSymbol()
    {
        return $this->symbol;
    }

    public function setSymbol($symbol)
    {
        $this->symbol = $symbol;

        return $this;
    }

    public function roundValue($value)
    {
        return round((float) $value, (int) $this->getE());
    }
}
