<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Product (classes/XLite/Model/Product.php), §3: table products; the name is a
 * translation (ProductTranslation.name).
 *
 * @ORM\Entity
 * @ORM\Table (name="products", indexes={ @ORM\Index (name="sku", columns={"sku"}) })
 * @ORM\HasLifecycleCallbacks
 */
class Product extends \XLite\Model\Base\Catalog implements \XLite\Model\Base\IOrderItem, \XLite\Core\Model\EntityVersion\EntityVersionInterface
{
    use \XLite\Core\Model\EntityVersion\EntityVersionTrait;
    use \XLite\Core\Cache\ExecuteCachedTrait;

    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer", options={ "unsigned": true }) */
    protected $product_id;
    /** string(32), indexed, not unique (:28, :113) @ORM\Column (type="string", length=32, nullable=true) */
    protected $sku;              // string(32), indexed, not unique (:28, :113)
    /** @ORM\Column (type="decimal", precision=14, scale=4) */
    protected $price = 0.0;
    /** @ORM\Column (type="decimal", precision=14, scale=4) */
    protected $weight = 0.0;
    /** @ORM\Column (type="boolean") */
    protected $enabled = true;
    /** @ORM\Column (type="boolean") */
    protected $free_shipping = false;
    /** @ORM\Column (type="boolean") */
    protected $inventoryEnabled = true;  // [inferred default]
    /** @ORM\Column (type="integer", options={ "unsigned": true }) */
    protected $amount = 1000;            // [inferred default]

    /** @ORM\OneToMany (targetEntity="XLite\Model\OrderItem", mappedBy="object") */
    protected $order_items;
    /** @ORM\OneToMany (targetEntity="XLite\Model\ProductTranslation", mappedBy="owner", cascade={"all"}) */
    protected $translations;

    public function getProductId() { return $this->product_id; }
    public function getId() { return $this->product_id; }
    public function getSku() { return $this->sku; }
    public function setSku($sku) { $this->sku = $sku; return $this; }
    public function getPrice() { return $this->price; }
    public function setPrice($price) { $this->price = (float)$price; return $this; }
    public function getWeight() { return $this->weight; }
    public function setWeight($weight) { $this->weight = (float)$weight; return $this; }
    public function getEnabled() { return $this->enabled; }
    public function setEnabled($enabled) { $this->enabled = (bool)$enabled; return $this; }
    public function getInventoryEnabled() { return $this->inventoryEnabled; }
    public function setInventoryEnabled($inventoryEnabled) { $this->inventoryEnabled = (bool)$inventoryEnabled; return $this; }
    public function getAmount() { return $this->amount; }

    /** clamped to an unsigned int (:981, :1093) */
    public function setAmount($value)
    {
        $this->amount = max(0, min(4294967295, (int)$value));
        return $this;
    }

    /** only when inventory is tracked (:1005) */
    public function changeAmount($delta)
    {
        if ($this->getInventoryEnabled()) {
            $this->setAmount($this->getAmount() + $delta);
        }
    }

    /** [inferred: no reservations in the stand-in] */
    public function getPublicAmount()
    {
        return $this->getAmount();
    }

    /** [inferred] */
    public function isOutOfStock()
    {
        return $this->getInventoryEnabled() && $this->getPublicAmount() <= 0;
    }

    /** :808 */
    public function getFreeShipping()
    {
        return $this->free_shipping;
    }

    /** :788 — the first image [stand-in: products have no images] */
    public function getImage()
    {
        return null;
    }

    /** :1337 */
    public function getMinPurchaseLimit()
    {
        return 1;
    }

    /** :1347 — the store's default purchase limit (General->default_purchase_limit) */
    public function getMaxPurchaseLimit()
    {
        return (int) \XLite\Core\Config::getInstance()->General->default_purchase_limit;
    }

    /** :1263 — the product page, once the product has an id */
    public function getURL()
    {
        return $this->getProductId()
            ? \XLite\Core\Converter::buildURL('product', '', ['product_id' => $this->getProductId()])
            : null;
    }
}
