<?php

namespace CloudLink\InforSync\View;

use CloudLink\InforSync\Core\ModuleInfo;
use XCart\Extender\Mapping\ListChild;

/**
 * Above the module's settings form (target module, moduleId CloudLink-InforSync): whether the
 * extension is loaded, the Infor credentials it has (a summary without secrets: the file php.ini
 * names, tenant, gateway, grant, file mode), the polling intervals in effect and where each comes
 * from, and the php.ini settings read-only (spool, file paths: PHP_INI_SYSTEM).
 *
 * In the list the settings form displays above its fields: crud.modulesettings.header
 * (View/Model/AModel.php:1676-1691 for View\Model\ModuleSettings, templates/web/admin/model/header.twig),
 * where X-Cart's modules put their notes (e.g. modules/XC/GDPR/src/View/SettingsNote.php).
 *
 * @ListChild (list="crud.modulesettings.header", zone="admin", weight="10")
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
     * Only on this module's settings page: the settings controller's getModule() is the page's module
     * id when that module is enabled (Controller/Admin/Module.php:128-137). Real modules decide so with
     * $this->getModule(), which AView::__call hands to the controller (View/AView.php:123-144;
     * modules/XC/GDPR/src/View/SettingsNote.php:48-52).
     */
    protected function isVisible()
    {
        return parent::isVisible() && \XLite::getController()->getModule() === ModuleInfo::MODULE_ID;
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

    /** @var array<string, mixed>|null InforSync\status() of this request, once */
    private $extensionStatus;

    /**
     * @return array<string, mixed>|null null: extension not loaded or status not readable
     */
    protected function getExtensionStatus()
    {
        if ($this->extensionStatus === null && ModuleInfo::extensionLoaded()) {
            try {
                $this->extensionStatus = \InforSync\status();
            } catch (\Throwable $e) {
                $this->extensionStatus = [];
            }
        }

        return $this->extensionStatus ?: null;
    }

    /**
     * @return array<string, string>
     */
    public function getCredentialRows()
    {
        $status = $this->getExtensionStatus();

        return self::credentialRows($status['credentials'] ?? null, (string) ini_get('infor_sync.ionapi_file'));
    }

    /**
     * @return array<string, string>
     */
    public function getPollingRows()
    {
        $status = $this->getExtensionStatus();

        return self::pollingRows($status['polling'] ?? null);
    }

    /**
     * The credentials summary of InforSync\status() as label => text (it holds no secret).
     *
     * @param array<string, mixed>|null $credentials
     *
     * @return array<string, string>
     */
    public static function credentialRows($credentials, string $iniFile): array
    {
        $rows = ['File (php.ini infor_sync.ionapi_file)' => $iniFile !== '' ? $iniFile
            : '(not set: the credentials cannot be uploaded until php.ini names the file)'];
        if (!is_array($credentials)) {
            $rows['Usable'] = 'unknown (the extension is not loaded or its status cannot be read)';

            return $rows;
        }
        $rows['Usable'] = !empty($credentials['ok']) ? 'yes' : 'no: ' . ($credentials['error'] ?? 'unknown reason');
        if (!empty($credentials['ok'])) {
            $rows['Tenant'] = (string) ($credentials['tenant'] ?? '');
            $rows['ION API gateway'] = (string) ($credentials['gateway'] ?? '');
            $rows['Grant'] = ($credentials['grant'] ?? '') === 'password' ? 'password (service account)' : 'client credentials';
        }
        if (!empty($credentials['mode'])) {
            $mode = (string) $credentials['mode'];
            $rows['File mode'] = $mode . ($mode === '0600' || $mode === '0400' ? ''
                : ': readable by other users, chmod 600 it (an upload on this page writes it 0600)');
        }

        return $rows;
    }

    /**
     * status()['polling'] as "Stock" => "every 300 s (php.ini)".
     *
     * @param array<string, mixed>|null $polling
     *
     * @return array<string, string>
     */
    public static function pollingRows($polling): array
    {
        $rows = [];
        foreach (['stock' => 'Stock', 'items' => 'Items', 'shipments' => 'Shipments'] as $kind => $label) {
            if (!isset($polling[$kind]['interval'])) {
                continue;
            }
            $seconds = (int) $polling[$kind]['interval'];
            $source = ($polling[$kind]['source'] ?? '') === 'config' ? 'this page' : 'php.ini';
            $rows[$label] = ($seconds > 0 ? 'every ' . $seconds . ' s' : 'off') . ' (' . $source . ')';
        }

        return $rows;
    }
}
