<?php
// XLite\Model\OrderItem (classes/XLite/Model/OrderItem.php), §2.3
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\Common\Collections\ArrayCollection;

class OrderItem extends AEntity
{
    protected $item_id;
    protected $order;
    protected $object;            // the product, null once deleted
    protected $sku = '';          // stored, string(32)
    protected $name = '';         // stored
    protected $amount = 1;
    protected $price = 0.0;       // stored unit price
    protected $itemNetPrice = 0.0; // stored net unit price once placed
    protected $subtotal;
    protected $discountedSubtotal;
    protected $total;
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
    public function setItemNetPrice($p) { $this->itemNetPrice = (float)$p; return $this; }

    /** recomputed from the current product (:243); avoid for placed orders [inferred: product price] */
    public function getNetPrice()
    {
        return $this->getObject() ? $this->getObject()->getPrice() : $this->itemNetPrice;
    }

    /** [inferred] stored, else price x amount */
    public function getSubtotal() { return $this->subtotal ?? $this->price * $this->amount; }
    public function setSubtotal($v) { $this->subtotal = (float)$v; return $this; }
    /** [inferred] stored, else the subtotal */
    public function getDiscountedSubtotal() { return $this->discountedSubtotal ?? $this->getSubtotal(); }
    public function setDiscountedSubtotal($v) { $this->discountedSubtotal = (float)$v; return $this; }
    /** [inferred] stored, else the subtotal plus the item's surcharges not included */
    public function getTotal()
    {
        if ($this->total !== null) {
            return $this->total;
        }
        $total = $this->getSubtotal();
        foreach ($this->surcharges as $s) {
            if ($s->getAvailable() && !$s->getInclude()) {
                $total += $s->getValue();
            }
        }
        return $total;
    }
    public function setTotal($v) { $this->total = (float)$v; return $this; }

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
    public function setObject(?Product $product = null) { $this->object = $product; return $this; }
    public function setProduct(?Product $product = null) { return $this->setObject($product); }
    public function getProductId() { return $this->getObject() ? $this->getObject()->getProductId() : null; }

    public function getSurcharges() { return $this->surcharges; }

    public function addSurcharges(OrderItem\Surcharge $surcharge)
    {
        $surcharge->setOwner($this);
        $this->surcharges->add($surcharge);
        return $this;
    }

    public function standinCascade(): array
    {
        return $this->surcharges->toArray();
    }
}
