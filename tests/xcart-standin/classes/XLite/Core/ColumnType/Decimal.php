<?php
/*
 * XLite\Core\ColumnType\Decimal (classes/XLite/Core/ColumnType/Decimal.php), X-Cart's
 * "decimal" column type (config/packages/doctrine.yaml: dbal types): floats in PHP,
 * written as the float's string.
 */
declare(strict_types=1);

namespace XLite\Core\ColumnType;

use Doctrine\DBAL\Platforms\AbstractPlatform;

class Decimal extends \Doctrine\DBAL\Types\DecimalType
{
    public function convertToDatabaseValue($value, AbstractPlatform $platform)
    {
        return (string) (float) $value;
    }

    public function convertToPHPValue($value, AbstractPlatform $platform)
    {
        $value = parent::convertToPHPValue($value, $platform);

        return $value !== null && !is_float($value) ? (float) $value : $value;
    }
}
