<?php

namespace CloudLink\InforSync\Core;

/**
 * Money and quantity values as the decimal strings the extension stores ("19.99").
 */
final class Money
{
    /**
     * X-Cart keeps money as decimal(14,4); Doctrine hands it over as a float or a string.
     * Four decimals at most, trailing zeros trimmed down to two ("49.4800" -> "49.48", "5" -> "5.00").
     *
     * @param mixed $value
     */
    public static function format($value, int $minDecimals = 2): string
    {
        if ($value === null || $value === '' || $value === false) {
            $value = 0;
        }
        if (is_string($value) && preg_match('/^-?\d+(\.\d+)?$/', $value)) {
            $s = $value;
            if (strpos($s, '.') !== false) {
                [$int, $dec] = explode('.', $s, 2);
                if (strlen($dec) > 4) {
                    $s = sprintf('%.4F', round((float) $value, 4));
                }
            }
        } else {
            $s = sprintf('%.4F', round((float) $value, 4));
        }
        $neg = $s[0] === '-';
        if ($neg) {
            $s = substr($s, 1);
        }
        if (strpos($s, '.') === false) {
            $s .= '.';
        }
        [$int, $dec] = explode('.', $s, 2);
        $int = ltrim($int, '0');
        if ($int === '') {
            $int = '0';
        }
        $dec = rtrim($dec, '0');
        if (strlen($dec) < $minDecimals) {
            $dec = str_pad($dec, $minDecimals, '0');
        }
        $out = $dec === '' ? $int : $int . '.' . $dec;
        if ($neg && trim($out, '0.') !== '') {
            $out = '-' . $out;
        }

        return $out;
    }

    /**
     * A quantity: an integer stays an integer ("2"), decimals are kept ("1.5").
     *
     * @param mixed $value
     */
    public static function quantity($value): string
    {
        return self::format($value, 0);
    }

    /**
     * @param mixed $value
     */
    public static function isZero($value): bool
    {
        return trim(self::format($value), '-0.') === '';
    }
}
