<?php
declare(strict_types=1);

namespace XLite\Model\OrderItem;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\OrderItem\Surcharge (classes/XLite/Model/OrderItem/Surcharge.php), table order_item_surcharges.
 *
 * @ORM\Entity
 * @ORM\Table (name="order_item_surcharges")
 */
class Surcharge extends \XLite\Model\Base\Surcharge
{
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\OrderItem", inversedBy="surcharges")
     * @ORM\JoinColumn (name="item_id", referencedColumnName="item_id", onDelete="CASCADE")
     */
    protected $owner;

    /** the item's order */
    public function getOrder()
    {
        return $this->getOwner()->getOrder();
    }

    public function getId()
    {
        return $this->id;
    }

    public function setType($type)
    {
        $this->type = $type;

        return $this;
    }

    public function getType()
    {
        return $this->type;
    }

    public function setCode($code)
    {
        $this->code = $code;

        return $this;
    }

    public function getCode()
    {
        return $this->code;
    }

    public function setClass($class)
    {
        $this->class = $class;

        return $this;
    }

    public function getClass()
    {
        return $this->class;
    }

    /** [stand-in: kept as a bool, as the boolean column gives it back] */
    public function setInclude($include)
    {
        $this->include = (bool) $include;

        return $this;
    }

    public function getInclude()
    {
        return $this->include;
    }

    /** [stand-in: kept as a bool, as the boolean column gives it back] */
    public function setAvailable($available)
    {
        $this->available = (bool) $available;

        return $this;
    }

    public function getAvailable()
    {
        return $this->available;
    }

    public function getValue()
    {
        return $this->value;
    }

    public function setName($name)
    {
        $this->name = $name;

        return $this;
    }

    public function setWeight($weight)
    {
        $this->weight = $weight;

        return $this;
    }

    public function getWeight()
    {
        return $this->weight;
    }

    public function getOwner()
    {
        return $this->owner;
    }
}
