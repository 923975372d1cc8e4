<?php

namespace CloudLink\InforSync\Module\XC\ProductVariants\Core;

use XCart\Extender\Mapping\Extender;
use XLite\Core\Database;

/**
 * Stock of product variants by SKU, used only when XC\ProductVariants is enabled.
 *
 * @Extender\Mixin
 * @Extender\Depend("XC\ProductVariants")
 */
class InboundApplier extends \CloudLink\InforSync\Core\InboundApplier
{
    protected function applyVariantStock(string $sku, int $qty): bool
    {
        $variant = $this->findVariantBySku($sku);
        if (!$variant) {
            return parent::applyVariantStock($sku, $qty);
        }
        // the variant gets its own stock: with defaultAmount true it would use the product's
        if ($variant->getDefaultAmount()) {
            $variant->setDefaultAmount(false);
        }
        if ((int) $variant->getAmount() !== $qty) {
            $variant->setAmount($qty);
        }

        return true;
    }

    protected function applyVariantProduct(string $sku, array $payload): bool
    {
        return $sku !== '' && $this->findVariantBySku($sku) !== null
            ? true
            : parent::applyVariantProduct($sku, $payload);
    }

    /**
     * @return \XC\ProductVariants\Model\ProductVariant|null
     */
    protected function findVariantBySku(string $sku)
    {
        return Database::getRepo('XC\ProductVariants\Model\ProductVariant')->findOneBySku($sku);
    }
}
