<?php

namespace CloudLink\InforSync\Core;

/**
 * Builds the extension's business settings (docs/configuration.md, InforSync\save_config()) from the
 * module's X-Cart settings, and back (to show what the extension holds). Plain PHP.
 *
 * What X-Cart's settings form stores (XLite\View\Model\Settings, classes/XLite/View/Model/Settings.php:
 * 479-525, 654-682) is read back through XLite\Core\Config: text and textarea options as strings (a
 * Text field trimmed), "checkbox" options as bools (stored Y/N, Repo/Config.php:277-279), and an
 * Integer field (cono, rate_refresh) as the intval() of what was typed — an empty field is 0, and
 * within the saving request still a PHP int (View/FormField/Input/Text/Integer.php:38-41). So every
 * value is trimmed, an empty one means "unset" (the extension's default), and so does 0 for the two
 * Integer fields (0 is no company and no refresh period).
 */
final class ConfigBuilder
{
    /** X-Cart option name => business setting, for plain string settings. */
    public const STRING_KEYS = [
        'divi', 'order_type', 'facility', 'warehouse', 'default_customer', 'customer_template',
        'customer_prefix', 'guest_rule', 'guest_customer', 'currency', 'stock_quantity', 'stock_mode',
        'stock_warehouse', 'payment_posting', 'cash_desk', 'payment_method_code', 'journal_interface',
        'journal_cash_account', 'journal_receivable_account', 'base_currency', 'rate_source', 'shipping_item',
    ];

    /** Settings whose value is a code Infor keeps in capitals. */
    public const UPPER_KEYS = [
        'divi', 'order_type', 'facility', 'warehouse', 'default_customer', 'customer_template',
        'customer_prefix', 'guest_customer', 'currency', 'stock_warehouse', 'cash_desk', 'base_currency',
    ];

    /**
     * Polling intervals (seconds, 0 = off): set, they replace the php.ini values; empty leaves
     * php.ini's value in force, so 0 is not "unset" here.
     */
    public const INTERVAL_KEYS = ['poll_stock_interval', 'poll_items_interval', 'poll_shipments_interval'];

    /** X-Cart option => status_map part. */
    public const STATUS_MAP_OPTIONS = [
        'status_map_payment' => 'payment',
        'status_map_shipping' => 'shipping',
        'status_map_infor' => 'infor_to_shipping',
    ];

    /**
     * @param array<string, mixed> $options the module's settings (name => value)
     *
     * @return array{0: array<string, mixed>, 1: list<array{path: string, message: string}>} the business
     *         settings and the problems found before the extension sees them (bad JSON, bad map lines)
     */
    public static function build(array $options): array
    {
        $config = [];
        $errors = [];

        $cono = self::s($options['cono'] ?? '');
        if ($cono !== '' && $cono !== '0') {
            $config['cono'] = ctype_digit($cono) ? (int) $cono : $cono;
        }

        foreach (self::STRING_KEYS as $key) {
            $v = self::s($options[$key] ?? '');
            if ($v === '') {
                continue;
            }
            if (in_array($key, self::UPPER_KEYS, true)) {
                $v = strtoupper($v);
            }
            if (in_array($key, ['stock_quantity', 'stock_mode', 'guest_rule', 'payment_posting'], true)) {
                $v = strtolower($v);
            }
            $config[$key] = $v;
        }

        $wh = self::s($options['stock_warehouses'] ?? '');
        if ($wh !== '') {
            $list = array_values(array_filter(array_map('trim', preg_split('/[\s,;]+/', strtoupper($wh))), 'strlen'));
            if ($list) {
                $config['stock_warehouses'] = $list;
            }
        }

        $refresh = self::s($options['rate_refresh'] ?? '');
        if ($refresh !== '' && $refresh !== '0') {
            $config['rate_refresh'] = ctype_digit($refresh) ? (int) $refresh : $refresh;
        }

        foreach (self::INTERVAL_KEYS as $key) {
            $v = self::s($options[$key] ?? '');
            if ($v !== '') {
                // anything but digits goes as it is: the extension refuses it with its path
                $config[$key] = ctype_digit($v) ? (int) $v : $v;
            }
        }

        $map = [];
        foreach (self::STATUS_MAP_OPTIONS as $option => $part) {
            $text = self::s($options[$option] ?? '');
            if ($text === '') {
                continue;
            }
            [$pairs, $problems] = self::parsePairs($text, $part);
            foreach ($problems as $p) {
                $errors[] = ['path' => 'status_map.' . $part, 'message' => $p];
            }
            $map[$part] = $pairs;
        }
        if ($map) {
            $config['status_map'] = $map;
        }

        $extra = self::s($options['extra_json'] ?? '');
        if ($extra !== '') {
            $decoded = json_decode($extra, true);
            if (!is_array($decoded) || ($decoded && array_keys($decoded) === range(0, count($decoded) - 1))) {
                $errors[] = ['path' => 'extra_json', 'message' => 'is not a JSON object'
                    . (json_last_error() ? ' (' . json_last_error_msg() . ')' : '')];
            } else {
                foreach ($decoded as $k => $v) {
                    $config[$k] = $v;
                }
            }
        }

        return [$config, $errors];
    }

    /**
     * "D=cancel, C=cancel" or one pair per line; ':' works as well as '='.
     *
     * @return array{0: array<string, string>, 1: string[]}
     */
    public static function parsePairs(string $text, string $part): array
    {
        $pairs = [];
        $problems = [];
        foreach (preg_split('/[\r\n,;]+/', $text) as $chunk) {
            $chunk = trim($chunk);
            if ($chunk === '') {
                continue;
            }
            if (!preg_match('/^([^=:\s]+)\s*[=:]\s*(\S+)$/', $chunk, $m)) {
                $problems[] = '"' . $chunk . '" is not CODE=VALUE';
                continue;
            }
            $key = strtoupper($m[1]);
            $value = $part === 'infor_to_shipping' ? strtoupper($m[2]) : strtolower($m[2]);
            $pairs[$key] = $value;
        }

        return [$pairs, $problems];
    }

    /**
     * Which X-Cart option a business setting path of a ValidationException belongs to
     * ("status_map.payment.X" -> "status_map_payment", "lookups.carrier" -> "extra_json").
     */
    public static function optionForPath(string $path): string
    {
        $root = preg_split('/[.\[]/', $path, 2)[0];
        if ($root === 'status_map') {
            $part = explode('.', $path)[1] ?? '';
            foreach (self::STATUS_MAP_OPTIONS as $option => $p) {
                if ($p === $part) {
                    return $option;
                }
            }

            return 'status_map_payment';
        }
        if (in_array($root, ['lookups', 'enrichment', 'tax_map'], true)) {
            return 'extra_json';
        }

        return $root;
    }

    /**
     * @param mixed $v
     */
    private static function s($v): string
    {
        if (is_bool($v)) {
            return $v ? '1' : '';
        }
        if (is_array($v) || is_object($v)) {
            return '';
        }

        return trim((string) $v);
    }
}
