<?php
/*
 * Includes\Utils\Converter (Includes/Utils/Converter.php): the name conversions X-Cart's
 * entities use (AEntity::map(), __call()):
 *   convertToUpperCamelCase('foo_bar-baz.qux') = 'FooBarBazQux' ('-', '_', '.' and spaces separate words)
 *   convertToLowerCamelCase('foo_bar') = 'fooBar'
 *   convertFromCamelCase('orderNumber') = 'order_number': every capital letter starts a new
 *   word, so 'labelID' gives 'label_i_d' (the first letter is lower-cased first).
 */
declare(strict_types=1);

namespace Includes\Utils;

abstract class Converter extends \Includes\Utils\AUtils
{
    public static function convertToLowerCamelCase($string)
    {
        return lcfirst(static::convertToUpperCamelCase($string));
    }

    public static function convertFromCamelCase($string, $delimiter = '_')
    {
        $words = preg_split('/(?=[A-Z])/', lcfirst((string) $string));

        return strtolower(implode($delimiter, $words));
    }

    public static function convertToUpperCamelCase($string)
    {
        $words = preg_split('/[-_. ]/', (string) $string);

        return implode('', array_map('ucfirst', $words));
    }
}
