<?php
/*
 * XLite\Core\Session (classes/XLite/Core/Session.php): the visitor's session cells, read and written
 * as properties (__get :78, __set :91); unsetBatch() :152 removes several. The stand-in keeps them in
 * memory for this process.
 */
declare(strict_types=1);

namespace XLite\Core;

class Session
{
    private static ?self $instance = null;

    private array $cells = [];

    public static function getInstance()
    {
        return self::$instance ??= new static();
    }

    public function __get(string $name)
    {
        return $this->cells[$name] ?? null;
    }

    public function __set(string $name, $value)
    {
        $this->cells[$name] = $value;
    }

    public function __isset(string $name)
    {
        return isset($this->cells[$name]);
    }

    public function get(string $name)
    {
        return $this->cells[$name] ?? null;
    }

    public function unsetBatch()
    {
        foreach (func_get_args() as $name) {
            unset($this->cells[$name]);
        }
    }

    public static function standinReset(): void
    {
        self::$instance = null;
    }
}
