<?php
// XLite\Model\Repo\Product: findOneBySku($sku) / findOneBy(['sku' => $sku]) (§3). SKUs are not unique: the first (lowest id) wins [inferred].
declare(strict_types=1);

namespace XLite\Model\Repo;

class Product extends \XLite\Model\Repo\Base\I18n implements \XLite\Base\IREST
{
    /** :172 — the names X-Cart's REST API knows products by */
    public function getRESTNames()
    {
        return ['product'];
    }
}
