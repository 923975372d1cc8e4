<?php
/*
 * XLite\View\FormField\Input\PasswordWithValue (classes/XLite/View/FormField/Input/PasswordWithValue.php):
 * a stored value is shown as 8 placeholder characters chr(037) (:15-16, :39-55); posting the
 * placeholder back gives null (:25-30), which Settings::sanitizeOptionValue() keeps as null and
 * isChanged() skips: the stored value stays. Its value is trusted (:62-65).
 */
declare(strict_types=1);

namespace XLite\View\FormField\Input;

class PasswordWithValue extends Secure
{
    const PLACEHOLDER_SIGN = 037;
    const PLACEHOLDER_LENGTH = 8;

    public function prepareRequestData($value)
    {
        return strpos((string) $value, chr(static::PLACEHOLDER_SIGN)) !== false
            ? null
            : parent::prepareRequestData($value);
    }

    public static function getPasswordValuePlaceholder()
    {
        return str_repeat(chr(static::PLACEHOLDER_SIGN), static::PLACEHOLDER_LENGTH);
    }

    public function isTrusted()
    {
        return true;
    }
}
