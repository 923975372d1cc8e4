<?php
/*
 * XLite\Base\Singleton (classes/XLite/Base/Singleton.php): one instance per class, made on the
 * first getInstance() of that class (keyed by the called class, so a subclass has its own);
 * resetInstance() drops it and makes a new one.
 */
declare(strict_types=1);

namespace XLite\Base;

abstract class Singleton extends \XLite\Base\SuperClass
{
    /** @var array<string, static> called class => its instance */
    protected static $instances = [];

    /**
     * @return static
     */
    public static function getInstance()
    {
        $class = static::class;
        if (!isset(self::$instances[$class])) {
            self::$instances[$class] = new $class();
        }

        return self::$instances[$class];
    }

    /**
     * @return static
     */
    public static function resetInstance()
    {
        unset(self::$instances[static::class]);

        return static::getInstance();
    }

    /** Stand-in only: forgets the instance without making a new one (the next getInstance() does). */
    public static function standinForgetInstance(): void
    {
        unset(self::$instances[static::class]);
    }
}
