<?php

namespace CloudLink\InforSync\Core;

/**
 * The module's X-Cart settings (category CloudLink\InforSync) as an array, and pushing them to the
 * extension: a pasted .ionapi with InforSync\save_credentials() (then blanked in X-Cart), the business
 * settings with InforSync\save_config(). Needs X-Cart (\XLite\Core\Config, Database, TopMessage).
 */
final class Settings
{
    /** Every option of config/install.yaml that carries a value (separators left out). */
    public const OPTIONS = [
        'ionapi_upload', 'poll_stock_interval', 'poll_items_interval', 'poll_shipments_interval',
        'cono', 'divi', 'order_type', 'facility', 'warehouse', 'default_customer', 'currency', 'shipping_item',
        'stock_warehouses', 'stock_quantity', 'stock_mode', 'stock_warehouse',
        'product_update_name', 'product_update_weight', 'product_disable_blocked',
        'customer_template', 'customer_prefix', 'guest_rule', 'guest_customer',
        'status_map_payment', 'status_map_shipping', 'status_map_infor',
        'payment_posting', 'cash_desk', 'payment_method_code', 'journal_interface', 'journal_cash_account',
        'journal_receivable_account', 'base_currency', 'rate_source', 'rate_refresh', 'extra_json',
    ];

    /** The option the .ionapi text is pasted into; blanked once handed over (never kept in X-Cart). */
    public const CREDENTIALS_OPTION = 'ionapi_upload';

    /** @var callable|null test seam: replaces \InforSync\save_config */
    public static $saveConfig = null;

    /** @var callable|null test seam: replaces \InforSync\save_credentials */
    public static $saveCredentials = null;

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
     * Hands the settings to the extension: a pasted .ionapi text first (InforSync\save_credentials(),
     * then blanked in X-Cart's config), then the business settings (InforSync\save_config()).
     * Problems are shown with TopMessage::addError, one per field; returns whether everything was saved.
     */
    public static function pushToExtension(): bool
    {
        $options = self::options();
        $loaded = self::$saveConfig !== null || ModuleInfo::extensionLoaded();
        $credentialsSaved = self::pushCredentials((string) ($options[self::CREDENTIALS_OPTION] ?? ''), $loaded);
        if (!$loaded) {
            \XLite\Core\TopMessage::addWarning(
                'The settings were saved in X-Cart, but the infor_sync PHP extension is not loaded, so Infor M3 does not get them. Enable it in php.ini (extension=infor_sync.so, infor_sync.config_file) and save again.'
            );

            return false;
        }

        return self::pushConfig($options) && $credentialsSaved;
    }

    /**
     * The business settings to InforSync\save_config(); each refused field as a TopMessage.
     *
     * @param array<string, mixed> $options
     */
    private static function pushConfig(array $options): bool
    {
        [$config, $errors] = ConfigBuilder::build($options);
        if ($errors) {
            foreach ($errors as $err) {
                \XLite\Core\TopMessage::addError(self::fieldMessage($err['path'], $err['message']));
            }

            return false;
        }
        try {
            $save = self::$saveConfig ?? 'InforSync\\save_config';
            $save($config);
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
     * A pasted .ionapi text to InforSync\save_credentials(), which writes it where php.ini's
     * infor_sync.ionapi_file says. Whatever the outcome the X-Cart option is blanked: X-Cart keeps
     * option values in plain text, and the secret must live in the 0600 file only. Empty: nothing to do.
     */
    private static function pushCredentials(string $text, bool $loaded): bool
    {
        if (trim($text) === '') {
            return true;
        }
        try {
            if (!$loaded) {
                \XLite\Core\TopMessage::addError(self::credentialsMessage('ionapi',
                    'not saved: the infor_sync PHP extension is not loaded. The text was not kept; paste it again once the extension is loaded.'));

                return false;
            }
            $save = self::$saveCredentials ?? 'InforSync\\save_credentials';
            $summary = (array) $save($text);
            \XLite\Core\TopMessage::addInfo(sprintf(
                'The Infor credentials were saved to %s (tenant %s, %s grant, gateway %s); the worker uses them for its next call.',
                $summary['file'] ?? '?', $summary['tenant'] ?? '?', $summary['grant'] ?? '?', $summary['gateway'] ?? '?'
            ));
            Extension::log('info', 'credentials saved', ['tenant' => $summary['tenant'] ?? null, 'grant' => $summary['grant'] ?? null]);

            return true;
        } catch (\InforSync\ValidationException $e) {
            foreach ($e->getErrors() as $err) {
                \XLite\Core\TopMessage::addError(self::credentialsMessage((string) ($err['path'] ?? ''),
                    (string) ($err['message'] ?? '') . '. The text was not kept; paste the corrected file again.'));
            }
            Extension::failure('save_credentials', $e);
        } catch (\InforSync\ConfigurationException $e) {
            \XLite\Core\TopMessage::addError(self::credentialsMessage('ionapi', 'not saved: ' . $e->getMessage()
                . ' (php.ini setting ' . $e->getSetting() . ')'));
            Extension::failure('save_credentials', $e);
        } catch (\Throwable $e) {
            \XLite\Core\TopMessage::addError(self::credentialsMessage('ionapi', 'not saved: ' . $e->getMessage()));
            Extension::failure('save_credentials', $e);
        } finally {
            self::forgetCredentialsText();
        }

        return false;
    }

    /** Blanks the pasted .ionapi text in X-Cart's config table. */
    private static function forgetCredentialsText(): void
    {
        try {
            \XLite\Core\Database::getRepo('XLite\Model\Config')->createOption([
                'category' => ModuleInfo::CONFIG_CATEGORY, 'name' => self::CREDENTIALS_OPTION, 'value' => '',
            ]);
            \XLite\Core\Config::updateInstance();
        } catch (\Throwable $e) {
            Extension::failure('blank the pasted credentials', $e);
            \XLite\Core\TopMessage::addError('The pasted .ionapi text could not be removed from the X-Cart settings: empty the field "'
                . self::LABELS[self::CREDENTIALS_OPTION] . '" and save again.');
        }
    }

    /**
     * 'Infor M3 setting "Infor credentials (.ionapi file)" (key cs): key "cs" is missing' — the key
     * of the file at fault, never its value.
     */
    public static function credentialsMessage(string $key, string $message): string
    {
        $where = $key === '' || $key === 'ionapi' ? 'the file' : 'key ' . $key;

        return 'Infor M3 setting "' . self::LABELS[self::CREDENTIALS_OPTION] . '" (' . $where . '): ' . $message;
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
        'ionapi_upload' => 'Infor credentials (.ionapi file)',
        'poll_stock_interval' => 'Stock polling interval (seconds)',
        'poll_items_interval' => 'Item polling interval (seconds)',
        'poll_shipments_interval' => 'Shipment polling interval (seconds)',
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
