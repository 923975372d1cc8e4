<?php
declare(strict_types=1);

namespace XLite\Model\Base;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Base\Surcharge (classes/XLite/Model/Base/Surcharge.php): a
 * surcharge of an order or item. Types :22-25; discounts are negative. The accessors of the
 * columns are declared by Order\Surcharge and OrderItem\Surcharge, as in X-Cart.
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

    /** the order (of an item's surcharge: the item's order) */
    abstract public function getOrder();

    /** :137 */
    public function setOwner(\XLite\Model\Base\SurchargeOwner $owner = null)
    {
        $this->owner = $owner;

        return $this;
    }

    /** :204 [stand-in: no modifier's surcharge info, so the stored name] */
    public function getName()
    {
        return $this->name;
    }

    /** :230 — rounded to X-Cart's store precision (4 digits); returns nothing */
    public function setValue($value)
    {
        $this->value = round((float) $value, 4);
    }
}
