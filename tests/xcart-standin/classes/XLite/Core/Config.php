<?php
// XLite\Core\Config (classes/XLite/Core/Config.php :29, :39): getInstance()->Author->Name->option
declare(strict_types=1);

namespace XLite\Core;

class Config extends CommonCell
{
    private static ?self $instance = null;

    public static function getInstance()
    {
        if (self::$instance === null) {
            self::$instance = new static(\XLite\Core\Database::getRepo(\XLite\Model\Config::class)->processOptions());
        }
        return self::$instance;
    }

    /** Config.php: the next getInstance() reads the options again (Settings::performActionUpdate()) */
    public static function dropRuntimeCache()
    {
        self::$instance = null;
    }

    /** Re-reads the options (after createOption()). */
    public static function updateInstance()
    {
        self::$instance = null;
        return static::getInstance();
    }
}
