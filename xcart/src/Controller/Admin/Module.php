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
 * X-Cart's doActionUpdate() (Controller/Admin/Module.php:154-157) is the XLite\View\Model\ModuleSettings
 * form's performAction('update') (View/Model/AModel.php:274-295): it writes every posted option that
 * changed with Repo\Config::createOption(), which flushes at once (View/Model/Settings.php:443-525),
 * then validates the fields and adds "Data have been saved successfully" or the field errors. So when
 * parent::doActionUpdate() returns, the rows hold what the admin posted — also after a field error,
 * which is why a pasted .ionapi text is handed over (and blanked) in either case.
 *
 * @Extender\Mixin
 */
class Module extends \XLite\Controller\Admin\Module
{
    protected function doActionUpdate()
    {
        parent::doActionUpdate();

        if ($this->getModule() !== ModuleInfo::MODULE_ID) {
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
