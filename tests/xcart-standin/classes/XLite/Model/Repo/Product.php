<?php
// XLite\Model\Repo\Product: findOneBySku($sku) / findOneBy(['sku' => $sku]) (§3). SKUs are not unique: the first (lowest id) wins [inferred].
declare(strict_types=1);

namespace XLite\Model\Repo;

class Product extends ARepo
{
}
