<?php
/*
 * XLite\View\Model\ModuleSettings (classes/XLite/View/Model/ModuleSettings.php): the settings form of
 * a module's page (Controller\Admin\Module::getModelFormClass()); it only adds a "back to layout"
 * button to Settings. Its widget lists are crud.modulesettings.* (AModel::displayViewSubList()).
 */
declare(strict_types=1);

namespace XLite\View\Model;

class ModuleSettings extends Settings
{
}
