<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\Common\Collections\ArrayCollection;
use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\OrderItem (classes/XLite/Model/OrderItem.php), §2.3, table order_items
 * (single-table inheritance on object_type, as the real class).
 *
 * @ORM\Entity
 * @ORM\Table (name="order_items")
 * @ORM\InheritanceType ("SINGLE_TABLE")
 * @ORM\DiscriminatorColumn (name="object_type", type="string", length=16)
 * @ORM\DiscriminatorMap ({"product" = "XLite\Model\OrderItem"})
 */
class OrderItem extends Base\SurchargeOwner
{
    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer") */
    protected $item_id;
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Order", inversedBy="items")
     * @ORM\JoinColumn (name="order_id", referencedColumnName="order_id", onDelete="CASCADE")
     */
    protected $order;
    /**
     * the product, null once deleted
     * @ORM\ManyToOne (targetEntity="XLite\Model\Product", inversedBy="order_items", cascade={"merge","detach"})
     * @ORM\JoinColumn (name="object_id", referencedColumnName="product_id", onDelete="SET NULL")
     */
    protected $object;
    /** @ORM\Column (type="string", length=32) */
    protected $sku = '';
    /** @ORM\Column (type="string", length=255) */
    protected $name = '';
    /** @ORM\Column (type="integer") */
    protected $amount = 1;
    /** stored unit price @ORM\Column (type="decimal", precision=14, scale=4) */
    protected $price = 0.0;
    /** stored net unit price once placed @ORM\Column (type="decimal", precision=14, scale=4) */
    protected $itemNetPrice = 0.0;
    /** @ORM\Column (type="decimal", precision=14, scale=4) */
    protected $discountedSubtotal = 0.0;
    /** @ORM\Column (type="integer") */
    protected $backorderedAmount = 0;
    /** @ORM\Column (type="integer") */
    protected $updateDate = 0;
    /** @ORM\OneToMany (targetEntity="XLite\Model\OrderItem\Surcharge", mappedBy="owner", cascade={"all"}) @ORM\OrderBy ({"weight" = "ASC", "id" = "ASC"}) */
    protected $surcharges;

    public function __construct(array $data = [])
    {
        $this->surcharges = new ArrayCollection();
        parent::__construct($data);
    }

    public function getItemId() { return $this->item_id; }
    public function getOrder() { return $this->order; }
    public function setOrder(?Order $order = null) { $this->order = $order; return $this; }

    public function getSku() { return $this->sku; }
    public function setSku($sku) { $this->sku = (string)$sku; return $this; }

    /** the live product name while the product exists (:182) */
    public function getName()
    {
        return $this->getObject() ? $this->getObject()->getName() : $this->name;
    }

    public function setName($name) { $this->name = $name; return $this; }
    public function getAmount() { return $this->amount; }
    public function setAmount($amount) { $this->amount = (int)$amount; return $this; }
    public function getPrice() { return $this->price; }
    public function setPrice($price) { $this->price = (float)$price; return $this; }
    public function getItemNetPrice() { return $this->itemNetPrice; }
    public function setItemNetPrice($itemNetPrice) { $this->itemNetPrice = (float)$itemNetPrice; return $this; }

    /** recomputed from the current product (:243); avoid for placed orders [inferred: product price] */
    public function getNetPrice()
    {
        return $this->getObject() ? $this->getObject()->getPrice() : $this->itemNetPrice;
    }

    /** [inferred] stored, else price x amount */
    public function getSubtotal() { return (float)$this->subtotal ?: $this->price * $this->amount; }
    /** [inferred] stored, else the subtotal */
    public function getDiscountedSubtotal() { return (float)$this->discountedSubtotal ?: $this->getSubtotal(); }
    public function setDiscountedSubtotal($discountedSubtotal) { $this->discountedSubtotal = (float)$discountedSubtotal; return $this; }
    /** [inferred] stored, else the subtotal plus the item's surcharges not included */
    public function getTotal()
    {
        if ((float)$this->total) {
            return (float)$this->total;
        }
        $total = $this->getSubtotal();
        foreach ($this->surcharges as $s) {
            if ($s->getAvailable() && !$s->getInclude()) {
                $total += $s->getValue();
            }
        }
        return $total;
    }

    /** the product, or a "deleted" stub carrying the stored name and SKU (:320) */
    public function getProduct()
    {
        if ($this->getObject()) {
            return $this->getObject();
        }
        $stub = new Product();
        $stub->setName($this->name);
        $stub->setSku($this->sku);
        $stub->setPrice($this->price);
        return $stub;
    }

    /** product or null (:1318) */
    public function getObject() { return $this->object; }
    /** :361 — and the item keeps the object's price, name and SKU (:1153), or forgets them (:1167) */
    public function setObject(\XLite\Model\Base\IOrderItem $item = null)
    {
        $this->object = $item;
        if ($item) {
            $this->saveItemState($item);
        } else {
            $this->resetItemState();
        }
    }

    /** :349 */
    public function setProduct(\XLite\Model\Product $product = null)
    {
        $this->setObject($product);
    }

    /** :1153 [stand-in: the price as a float, X-Cart's formatted to 2 decimals] */
    protected function saveItemState(\XLite\Model\Base\IOrderItem $item)
    {
        $this->setPrice(round((float) $item->getPrice(), 2));
        $this->setName($item->getName());
        $this->setSku($item->getSku());
    }

    /** :1167 */
    protected function resetItemState()
    {
        $this->price = 0.0;
        $this->itemNetPrice = 0.0;
        $this->name = '';
        $this->sku = '';
    }
    public function getProductId() { return $this->getObject() ? $this->getObject()->getProductId() : null; }

    public function getSurcharges() { return $this->surcharges; }

    public function addSurcharges(OrderItem\Surcharge $surcharges)
    {
        $surcharges->setOwner($this);
        $this->surcharges->add($surcharges);
        return $this;
    }

}
