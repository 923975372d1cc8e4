<?php

namespace CloudLink\InforSync\Controller\Admin;

use CloudLink\InforSync\Core\Extension;
use CloudLink\InforSync\Core\ModuleInfo;
use CloudLink\InforSync\Core\Settings;
use XCart\Extender\Mapping\Extender;

/**
 * After X-Cart saved this module's settings (admin.php?target=module&moduleId=CloudLink-InforSync,
 * action=update), the business settings go to the extension with InforSync\save_config(); its
 * ValidationException is shown with TopMessage::addError, one message per field.
 *
 * @Extender\Mixin
 */
class Module extends \XLite\Controller\Admin\Module
{
    protected function doActionUpdate()
    {
        parent::doActionUpdate();

        if ((string) ($_REQUEST['moduleId'] ?? '') !== ModuleInfo::MODULE_ID) {
            return;
        }
        try {
            \XLite\Core\Config::updateInstance(); // re-read what X-Cart just saved
            Settings::pushToExtension();
        } catch (\Throwable $e) {
            Extension::failure('save settings', $e);
            \XLite\Core\TopMessage::addError('Infor M3 settings not passed to the extension: ' . $e->getMessage());
        }
    }
}
