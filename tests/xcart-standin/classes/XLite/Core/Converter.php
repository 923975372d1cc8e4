<?php
// XLite\Core\Converter (classes/XLite/Core/Converter.php)
declare(strict_types=1);

namespace XLite\Core;

class Converter extends \XLite\Base\Singleton
{
    /** :76 (deprecated) FooBar -> foo_bar, as \Includes\Utils\Converter::convertFromCamelCase() */
    public static function convertFromCamelCase($string)
    {
        return \Includes\Utils\Converter::convertFromCamelCase($string);
    }

    /**
     * buildURL($target, $action, $params) (:208) gives admin.php?target=...
     * [inferred: parameter order target, action, params; empty parts left out; the
     * stand-in always builds admin URLs, $interface names another script; no clean URLs, so
     * $buildCuInAdminZone and $forceCu change nothing]
     */
    public static function buildURL($target = '', $action = '', array $params = [], $interface = null, $buildCuInAdminZone = false, $forceCu = null)
    {
        $query = [];
        if ($target !== '' && $target !== null) {
            $query['target'] = $target;
        }
        if ($action !== '' && $action !== null) {
            $query['action'] = $action;
        }
        $query += $params;
        $script = $interface ?: 'admin.php';
        return $script . ($query ? '?' . http_build_query($query) : '');
    }

    /**
     * Converter.php:1320-1323: every "{{" and "}}" (also as &#123; / &#x7b; entities) becomes two
     * spaces (the replacement names a group the patterns do not have); against Twig injection.
     * Request values that are not trusted pass through it (HTMLPurifier::purify()).
     */
    public static function filterCurlyBrackets($value)
    {
        return is_string($value) ? preg_replace(['/(?:\{|&#123;|&#x7b;)(?:\{|&#123;|&#x7b;)/', '/(?:\}|&#125;|&#x7d;)(?:\}|&#125;|&#x7d;)/'], [' $1 ', ' $1 '], $value) : $value;
    }

    /** [inferred] the controller class for a target: Module-or-core\Controller\Admin\<UpperCamel> */
    public static function getControllerClass($target)
    {
        return '\\XLite\\Controller\\Admin\\' . \Includes\Utils\Converter::convertToUpperCamelCase($target);
    }

    /** Converter.php:545 — now, as a Unix time (the stand-in's clock, XCartStandin\Clock) */
    public static function time($timeZone = null)
    {
        return \XCartStandin\Clock::now();
    }
}
