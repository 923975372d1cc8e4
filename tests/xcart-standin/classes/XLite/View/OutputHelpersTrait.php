<?php
/*
 * XLite\View\OutputHelpersTrait (classes/XLite/View/OutputHelpersTrait.php): output helpers of the
 * widgets. convertToHtmlAttributeString() (:20) gives name="value" pairs, separated by a space: each
 * name lower-cased, an array value joined with spaces, values trimmed, both HTML-escaped.
 */
declare(strict_types=1);

namespace XLite\View;

trait OutputHelpersTrait
{
    public static function convertToHtmlAttributeString(array $attributes)
    {
        $escape = static fn ($text): string => htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
        $pairs = [];
        foreach ($attributes as $name => $value) {
            $value = is_array($value) ? implode(' ', $value) : $value;
            $pairs[] = $escape(strtolower((string) $name)) . '="' . $escape(trim((string) $value)) . '"';
        }

        return implode(' ', $pairs);
    }
}
