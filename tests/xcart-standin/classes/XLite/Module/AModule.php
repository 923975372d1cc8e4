<?php
// XLite\Module\AModule (classes/XLite/Module/AModule.php:26-103): a module's optional Main class extends it
declare(strict_types=1);

namespace XLite\Module;

abstract class AModule
{
    public static function init()
    {
    }

    /** "Author-Name" [inferred: from the Main class's namespace] */
    public static function getId()
    {
        $parts = explode('\\', static::class);
        return $parts[0] . '-' . $parts[1];
    }

    /** [inferred] the settings page URL */
    public static function getSettingsForm()
    {
        return \XLite\Core\Converter::buildURL('module', '', ['moduleId' => static::getId()]);
    }
}
