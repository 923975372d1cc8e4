<?php
/*
 * XLite\Base\SuperClass (classes/XLite/Base/SuperClass.php): the root of X-Cart's classes
 * (singletons, entities, handlers). Its constructor is protected: a class can be created with
 * `new` only when it (or a parent below this one) declares a public constructor; the others
 * are reached through getInstance() (XLite\Base\Singleton).
 * The stand-in keeps the default language and its setter/getter; translations (t()) and the
 * user's time are not modelled.
 */
declare(strict_types=1);

namespace XLite\Base;

abstract class SuperClass
{
    /** X-Cart: \XLite\Core\Translation::DEFAULT_LANGUAGE ('en'); the stand-in speaks English */
    protected static $defaultLanguage = 'en';

    public static function setDefaultLanguage($code)
    {
        static::$defaultLanguage = $code;
    }

    public static function getDefaultLanguage()
    {
        return static::$defaultLanguage;
    }

    protected function __construct()
    {
    }
}
