<?php
declare(strict_types=1);

namespace XC\ProductVariants\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XC\ProductVariants\Model\ProductVariant (modules/XC/ProductVariants/src/Model/ProductVariant.php), §3:
 * table product_variants.
 *
 * @ORM\Entity
 * @ORM\Table (name="product_variants")
 * @ORM\HasLifecycleCallbacks
 */
class ProductVariant extends \XLite\Model\AEntity
{
    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer", options={ "unsigned": true }) */
    protected $id;
    /** @ORM\Column (type="string", length=32, nullable=true) */
    protected $variant_id = '';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Product")
     * @ORM\JoinColumn (name="product_id", referencedColumnName="product_id", onDelete="CASCADE")
     */
    protected $product;
    /** @ORM\Column (type="string", length=32, nullable=true) */
    protected $sku;
    /** @ORM\Column (type="decimal", precision=14, scale=4) */
    protected $price = 0.0;
    /** @ORM\Column (type="boolean") */
    protected $defaultPrice = true;
    /** @ORM\Column (type="integer", options={ "unsigned": true }) */
    protected $amount = 0;
    /** @ORM\Column (type="boolean") */
    protected $defaultAmount = true;

    /** @ORM\OneToMany (targetEntity="XLite\Model\OrderItem", mappedBy="variant") */
    protected $orderItems;

    public function getId() { return $this->id; }
    /** string :422 */
    public function getVariantId() { return $this->variant_id; }
    public function setVariantId($variant_id) { $this->variant_id = (string)$variant_id; return $this; }
    public function getProduct() { return $this->product; }
    public function setProduct(?\XLite\Model\Product $product = null) { $this->product = $product; return $this; }
    /** own SKU or null :402 */
    public function getSku() { return $this->sku; }
    public function setSku($sku) { $this->sku = $sku; return $this; }

    /** falls back to the product's SKU :392 */
    public function getDisplaySku()
    {
        return $this->sku ?: ($this->product ? $this->product->getSku() : null);
    }

    /** [inferred] own price unless defaultPrice, then the product's */
    public function getPrice()
    {
        return $this->defaultPrice && $this->product ? $this->product->getPrice() : $this->price;
    }
    public function setPrice($price) { $this->price = $price; return $this; }
    public function getDefaultPrice() { return $this->defaultPrice; }
    public function setDefaultPrice($defaultPrice) { $this->defaultPrice = (bool)$defaultPrice; return $this; }

    /** :842 [inferred: the product's stock while defaultAmount is true] */
    public function getAmount()
    {
        return $this->defaultAmount && $this->product ? $this->product->getAmount() : $this->amount;
    }

    /** >= 0 (:831) */
    public function setAmount($amount)
    {
        $this->amount = max(0, (int)$amount);
        return $this;
    }

    /** true = uses the product's stock (default) :864 */
    public function getDefaultAmount() { return $this->defaultAmount; }
    public function setDefaultAmount($defaultAmount) { $this->defaultAmount = (bool)$defaultAmount; return $this; }

    /** no effect while defaultAmount is true (:310) */
    public function changeAmount($delta)
    {
        if (!$this->defaultAmount) {
            $this->setAmount($this->amount + $delta);
        }
    }
}
