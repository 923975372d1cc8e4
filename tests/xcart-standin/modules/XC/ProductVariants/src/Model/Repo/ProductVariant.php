<?php
// XC\ProductVariants\Model\Repo\ProductVariant: findOneBySku($sku) matches the variant's own SKU
declare(strict_types=1);

namespace XC\ProductVariants\Model\Repo;

class ProductVariant extends \XLite\Model\Repo\ARepo
{
    use \XLite\Core\Cache\ExecuteCachedTrait;
}
