<?php

namespace CloudLink\InforSync\View;

use CloudLink\InforSync\Core\ModuleInfo;

/**
 * What the module's admin views share: whether the extension is loaded, what is missing, the
 * php.ini settings (read-only) and the URLs of the two pages.
 */
abstract class AInforSync extends \XLite\View\AView
{
    public function getCSSFiles()
    {
        return array_merge(parent::getCSSFiles(), ['modules/CloudLink/InforSync/monitor/monitor.css']);
    }

    public function isExtensionLoaded()
    {
        return ModuleInfo::extensionLoaded();
    }

    /**
     * @return string[]
     */
    public function getMissing()
    {
        return ModuleInfo::missing();
    }

    public function getIniExample()
    {
        return ModuleInfo::INI_EXAMPLE;
    }

    /**
     * @return array<string, string>
     */
    public function getIniRows()
    {
        $rows = [];
        foreach (ModuleInfo::iniValues() as $name => $value) {
            $rows[$name] = $value === null ? '(not registered: extension not loaded)' : ($value === '' ? '(empty)' : $value);
        }

        return $rows;
    }

    public function getEndpoint()
    {
        return \XLite\Core\Converter::buildURL(ModuleInfo::STATUS_TARGET, '', []);
    }

    public function getSettingsUrl()
    {
        return \XLite\Core\Converter::buildURL('module', '', ['moduleId' => ModuleInfo::MODULE_ID]);
    }

    public function getMonitorUrl()
    {
        return \XLite\Core\Converter::buildURL(ModuleInfo::STATUS_TARGET, '', []);
    }
}
