<?php
/*
 * XLite\Base\SuperClass (classes/XLite/Base/SuperClass.php): the root of X-Cart's classes
 * (singletons, entities, handlers). Its constructor is protected: a class can be created with
 * `new` only when it (or a parent below this one) declares a public constructor; the others
 * are reached through getInstance() (XLite\Base\Singleton).
 * The stand-in keeps the default language and its setter/getter; t() (:61, X-Cart's
 * Translation::lbl()) returns the label itself with its {{name}} arguments substituted (the stand-in
 * has no language labels); the user's time is not modelled.
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

    /** :61 — a label's translation [stand-in: the label with its {{name}} arguments substituted] */
    protected static function t($name, array $arguments = [], $code = null, $type = null)
    {
        return static::standinTranslate($name, $arguments);
    }

    /** Stand-in only: what t() gives, for callers outside X-Cart's classes (the browser test's templates) */
    public static function standinTranslate($name, array $arguments = []): string
    {
        $name = (string) $name;
        foreach ($arguments as $k => $v) {
            $name = str_replace('{{' . $k . '}}', (string) $v, $name);
        }

        return $name;
    }

    protected function __construct()
    {
    }
}
