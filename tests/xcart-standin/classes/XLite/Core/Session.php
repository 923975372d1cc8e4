<?php
/*
 * XLite\Core\Session (classes/XLite/Core/Session.php): session cells (__get/__set :78-125, get/set
 * :128-150) and the form ids of XLite\Core\FormIdsTrait (FormIdsTrait.php), which the controllers'
 * CSRF check uses (AController::isFormIdValid(), AController.php:1147-1205).
 * unsetBatch() :152. The stand-in keeps the cells in memory; standinGetData()/standinSetData() carry them between the
 * browser test's requests (X-Cart keeps them in the session storage).
 */

declare(strict_types=1);

namespace XLite\Core;

class Session extends \XLite\Base\Singleton
{
    use FormIdsTrait;

    private array $data = [];

    public function __get(string $name)
    {
        return $this->data[$name] ?? null;
    }

    public function __set(string $name, $value)
    {
        $this->data[$name] = $value;
    }

    public function __isset(string $name)
    {
        return isset($this->data[$name]);
    }

    public function __unset(string $name)
    {
        unset($this->data[$name]);
    }

    public function get(string $name)
    {
        return $this->__get($name);
    }

    public function set(string $name, $value)
    {
        $this->__set($name, $value);
    }

    /** :152 — removes the named cells */
    public function unsetBatch()
    {
        foreach (func_get_args() as $name) {
            $this->__unset($name);
        }
    }

    /** [inferred] a session always has an id in the admin area */
    public function getSessionId(): string
    {
        return 'standin';
    }

    /* ---- stand-in only ---- */

    public function standinGetData(): array
    {
        return $this->data;
    }

    /** The cells of the next request (a new Session object, as X-Cart's next request has). */
    public static function standinSetData(array $data): void
    {
        static::resetInstance()->data = $data;
    }

    public static function standinReset(): void
    {
        static::standinForgetInstance();
    }
}
