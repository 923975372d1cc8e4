<?php

namespace CloudLink\InforSync\Core;

/**
 * The module's X-Cart settings (category CloudLink\InforSync) as an array, and pushing them to the
 * extension with InforSync\save_config(). Needs X-Cart (\XLite\Core\Config, TopMessage).
 */
final class Settings
{
    /** Every option of config/install.yaml that carries a value (separators left out). */
    public const OPTIONS = [
        'cono', 'divi', 'order_type', 'facility', 'warehouse', 'default_customer', 'currency', 'shipping_item',
        'stock_warehouses', 'stock_quantity', 'stock_mode', 'stock_warehouse',
        'product_update_name', 'product_update_weight', 'product_disable_blocked',
        'customer_template', 'customer_prefix', 'guest_rule', 'guest_customer',
        'status_map_payment', 'status_map_shipping', 'status_map_infor',
        'payment_posting', 'cash_desk', 'payment_method_code', 'journal_interface', 'journal_cash_account',
        'journal_receivable_account', 'base_currency', 'rate_source', 'rate_refresh', 'extra_json',
    ];

    /**
     * @return array<string, mixed>
     */
    public static function options(): array
    {
        $out = [];
        try {
            $cell = \XLite\Core\Config::getInstance()->CloudLink->InforSync;
            foreach (self::OPTIONS as $name) {
                $out[$name] = $cell ? $cell->{$name} : null;
            }
        } catch (\Throwable $e) {
            Extension::failure('read settings', $e);
        }

        return $out;
    }

    /**
     * Whether customer events should be sent: customer sync is on (customer_template set). Without it
     * the extension could only dead-letter a customer.created ("customer_template not set").
     */
    public static function customerSyncOn(): bool
    {
        $o = self::options();

        return trim((string) ($o['customer_template'] ?? '')) !== '';
    }

    /**
     * Builds the business settings from the saved X-Cart settings and calls InforSync\save_config().
     * Problems are shown with TopMessage::addError, one per field; returns whether it was saved.
     */
    public static function pushToExtension(): bool
    {
        if (!ModuleInfo::extensionLoaded()) {
            \XLite\Core\TopMessage::addWarning(
                'The settings were saved in X-Cart, but the infor_sync PHP extension is not loaded, so Infor M3 does not get them. Enable it in php.ini (extension=infor_sync.so, infor_sync.config_file) and save again.'
            );

            return false;
        }
        [$config, $errors] = ConfigBuilder::build(self::options());
        if ($errors) {
            foreach ($errors as $err) {
                \XLite\Core\TopMessage::addError(self::fieldMessage($err['path'], $err['message']));
            }

            return false;
        }
        try {
            \InforSync\save_config($config);
            \XLite\Core\TopMessage::addInfo('The Infor M3 business settings were saved; the worker uses them for the next delivery.');
            Extension::log('info', 'business settings saved', ['keys' => array_keys($config)]);

            return true;
        } catch (\InforSync\ValidationException $e) {
            foreach ($e->getErrors() as $err) {
                \XLite\Core\TopMessage::addError(self::fieldMessage((string) ($err['path'] ?? ''), (string) ($err['message'] ?? '')));
            }
            Extension::failure('save_config', $e);
        } catch (\InforSync\ConfigurationException $e) {
            \XLite\Core\TopMessage::addError('Infor M3 settings not saved: ' . $e->getMessage()
                . ' (php.ini setting ' . $e->getSetting() . ')');
            Extension::failure('save_config', $e);
        } catch (\Throwable $e) {
            \XLite\Core\TopMessage::addError('Infor M3 settings not saved: ' . $e->getMessage());
            Extension::failure('save_config', $e);
        }

        return false;
    }

    /**
     * "Division (divi): is 5 characters, Infor allows 3" — the field as the settings page names it.
     */
    public static function fieldMessage(string $path, string $message): string
    {
        $option = ConfigBuilder::optionForPath($path);
        $label = self::LABELS[$option] ?? $option;

        return 'Infor M3 setting "' . $label . '" (' . $path . '): ' . $message;
    }

    /** Labels of the settings page (config/install.yaml option_name), for error messages. */
    public const LABELS = [
        'cono' => 'Company (CONO)',
        'divi' => 'Division (DIVI)',
        'order_type' => 'Customer order type (ORTP)',
        'facility' => 'Facility (FACI)',
        'warehouse' => 'Warehouse (WHLO)',
        'default_customer' => 'Default customer (CUNO)',
        'currency' => 'Currency (CUCD)',
        'shipping_item' => 'Shipping charge item (ITNO)',
        'stock_warehouses' => 'Stock warehouses',
        'stock_quantity' => 'Stock quantity rule',
        'stock_mode' => 'Stock mode',
        'stock_warehouse' => 'Warehouse of the single mode',
        'customer_template' => 'Customer template (CUTM)',
        'customer_prefix' => 'Customer number prefix',
        'guest_rule' => 'Guest rule',
        'guest_customer' => 'Shared guest customer (CUNO)',
        'status_map_payment' => 'Payment status actions',
        'status_map_shipping' => 'Shipping status actions',
        'status_map_infor' => 'Infor status to shipping status',
        'payment_posting' => 'Payment posting',
        'cash_desk' => 'Cash desk (CSHD)',
        'payment_method_code' => 'Payment method code (PYCD)',
        'journal_interface' => 'Journal interface (INTN)',
        'journal_cash_account' => 'Journal cash account',
        'journal_receivable_account' => 'Journal receivable account',
        'base_currency' => 'Infor base currency',
        'rate_source' => 'Exchange rate source',
        'rate_refresh' => 'Rate refresh (seconds)',
        'extra_json' => 'Further business settings (JSON)',
    ];
}
