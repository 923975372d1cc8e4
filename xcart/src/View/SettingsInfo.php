<?php

namespace CloudLink\InforSync\View;

use CloudLink\InforSync\Core\ModuleInfo;
use XCart\Extender\Mapping\ListChild;

/**
 * Above the module's settings form (target module, moduleId CloudLink-InforSync): whether the
 * extension is loaded, and its php.ini settings read-only — the .ionapi file, spool, business
 * settings file and the polling intervals cannot be changed from the shop (PHP_INI_SYSTEM).
 *
 * @ListChild (list="admin.center", zone="admin", weight="10")
 */
class SettingsInfo extends AInforSync
{
    public static function getAllowedTargets()
    {
        return array_merge(parent::getAllowedTargets(), ['module']);
    }

    protected function getDefaultTemplate()
    {
        return 'modules/CloudLink/InforSync/settings/info.twig';
    }

    /**
     * Only on this module's settings page.
     */
    public function isInforSyncSettings()
    {
        return (string) ($_GET['moduleId'] ?? $_POST['moduleId'] ?? '') === ModuleInfo::MODULE_ID;
    }

    /**
     * The business settings the extension holds now (InforSync\config()), as JSON, or a reason.
     */
    public function getStoredConfigJson()
    {
        if (!ModuleInfo::extensionLoaded()) {
            return '';
        }
        try {
            $config = array_filter(\InforSync\config(), static function ($v) {
                return $v !== null;
            });

            return json_encode($config, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        } catch (\Throwable $e) {
            return 'not readable: ' . $e->getMessage();
        }
    }
}
