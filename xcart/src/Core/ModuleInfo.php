<?php

namespace CloudLink\InforSync\Core;

/**
 * Names of the module and of the extension's php.ini settings. Plain PHP: usable without X-Cart.
 */
final class ModuleInfo
{
    public const MODULE_ID = 'CloudLink-InforSync';
    public const CONFIG_CATEGORY = 'CloudLink\\InforSync';
    public const LOGGER = 'CloudLink-InforSync';
    public const STATUS_TARGET = 'infor_sync_status';

    /** php.ini settings shown read-only on the settings and monitoring pages. */
    public const INI_SETTINGS = [
        'infor_sync.enabled',
        'infor_sync.spool_dir',
        'infor_sync.ionapi_file',
        'infor_sync.config_file',
        'infor_sync.worker',
        'infor_sync.poll_stock_interval',
        'infor_sync.poll_items_interval',
        'infor_sync.poll_shipments_interval',
        'infor_sync.mapping_dir',
        'infor_sync.log_level',
        'infor_sync.log_file',
        'infor_sync.anomaly_hold',
    ];

    /** The php.ini lines an admin needs; shown when the extension is not loaded. */
    public const INI_EXAMPLE = "extension = infor_sync.so\n"
        . "infor_sync.spool_dir   = /var/spool/infor_sync        ; writable by the PHP user\n"
        . "infor_sync.ionapi_file = /etc/infor_sync/xcart.ionapi ; chmod 600, owned by the PHP user\n"
        . "infor_sync.config_file = /etc/infor_sync/config.json  ; written by the module settings page\n";

    /**
     * Whether the infor_sync extension is loaded in this PHP process.
     */
    public static function extensionLoaded(): bool
    {
        return function_exists('InforSync\\enqueue');
    }

    /**
     * The extension's php.ini settings as this process sees them (null: not registered, i.e. not loaded).
     *
     * @return array<string, string|null>
     */
    public static function iniValues(): array
    {
        $values = [];
        foreach (self::INI_SETTINGS as $name) {
            $v = ini_get($name);
            $values[$name] = $v === false ? null : (string) $v;
        }

        return $values;
    }

    /**
     * What is missing for the module to work, as sentences for the admin (empty: nothing).
     *
     * @return string[]
     */
    public static function missing(?bool $loaded = null): array
    {
        if (!($loaded ?? self::extensionLoaded())) {
            return [
                'The PHP extension infor_sync is not loaded in this PHP process: orders are not sent to Infor '
                . 'and nothing is received from it. Add "extension=infor_sync.so" with infor_sync.spool_dir, '
                . 'infor_sync.ionapi_file and infor_sync.config_file to php.ini (for php-fpm and for the CLI that '
                . 'runs "php bin/console xcart:cron"), then restart php-fpm.',
            ];
        }
        $out = [];
        $ini = self::iniValues();
        if (($ini['infor_sync.enabled'] ?? '1') === '' || ($ini['infor_sync.enabled'] ?? '1') === '0') {
            $out[] = 'infor_sync.enabled is off in php.ini: the extension refuses every call.';
        }
        if (($ini['infor_sync.ionapi_file'] ?? '') === '') {
            $out[] = 'infor_sync.ionapi_file is not set in php.ini: the worker has no Infor credentials.';
        }
        if (($ini['infor_sync.config_file'] ?? '') === '') {
            $out[] = 'infor_sync.config_file is not set in php.ini: the settings page cannot save the business settings.';
        }

        return $out;
    }
}
