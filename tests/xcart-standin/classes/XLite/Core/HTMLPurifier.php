<?php
/*
 * XLite\Core\HTMLPurifier::purify() (classes/XLite/Core/HTMLPurifier.php): every request value a
 * controller or form reads goes through it unless it is numeric or its field is trusted
 * (ARequestHandler::prepareRequestParamValue(), View/RequestHandler/ARequestHandler.php:329-360;
 * AModel::prepareRequestDataByFormFields(), View/Model/AModel.php:1266-1290). X-Cart runs HTML
 * Purifier, then html_entity_decode() and Converter::filterCurlyBrackets().
 * [approximation] the stand-in removes tags with strip_tags() where HTML Purifier keeps the ones
 * its configuration allows; the curly bracket filter is X-Cart's own.
 */

declare(strict_types=1);

namespace XLite\Core;

class HTMLPurifier extends \XLite\Base\Singleton
{
    public static function purify($value)
    {
        return Converter::filterCurlyBrackets(html_entity_decode(strip_tags((string) $value)));
    }
}
