<?php
declare(strict_types=1);

namespace XLite\Model\Base;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Base\Surcharge (classes/XLite/Model/Base/Surcharge.php): a
 * surcharge of an order or item. Types :22-25; discounts are negative.
 *
 * @ORM\MappedSuperclass
 */
abstract class Surcharge extends \XLite\Model\AEntity
{
    public const TYPE_TAX      = 'tax';
    public const TYPE_DISCOUNT = 'discount';
    public const TYPE_SHIPPING = 'shipping';
    public const TYPE_HANDLING = 'handling';

    /**
     * @ORM\Id
     * @ORM\GeneratedValue (strategy="AUTO")
     * @ORM\Column (type="integer", options={ "unsigned": true })
     */
    protected $id;

    /**
     * @ORM\Column (type="string", options={ "fixed": true }, length=8)
     */
    protected $type;

    /**
     * @ORM\Column (type="string", length=128)
     */
    protected $code;

    /**
     * @ORM\Column (type="string", length=255)
     */
    protected $class = '';

    /**
     * @ORM\Column (type="boolean")
     */
    protected $include = false;

    /**
     * @ORM\Column (type="boolean")
     */
    protected $available = true;

    /**
     * @ORM\Column (type="decimal", precision=14, scale=4)
     */
    protected $value = 0.0;

    /**
     * @ORM\Column (type="string", length=255)
     */
    protected $name = '';

    /**
     * @ORM\Column (type="integer")
     */
    protected $weight = 0;

    public function getId()
    {
        return $this->id;
    }

    public function getType()
    {
        return $this->type;
    }

    public function setType($type)
    {
        $this->type = $type;

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

    public function getInclude()
    {
        return $this->include;
    }

    public function setInclude($include)
    {
        $this->include = (bool) $include;

        return $this;
    }

    public function getAvailable()
    {
        return $this->available;
    }

    public function setAvailable($available)
    {
        $this->available = (bool) $available;

        return $this;
    }

    public function getValue()
    {
        return $this->value;
    }

    public function setValue($value)
    {
        $this->value = $value;

        return $this;
    }

    public function getName()
    {
        return $this->name;
    }

    public function setName($name)
    {
        $this->name = $name;

        return $this;
    }

    public function getOwner()
    {
        return $this->owner;
    }

    public function setOwner($owner)
    {
        $this->owner = $owner;

        return $this;
    }
}
