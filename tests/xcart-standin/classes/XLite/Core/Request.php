<?php
// [inferred] XLite\Core\Request: the request parameters controllers read (Request::getInstance()->name)
declare(strict_types=1);

namespace XLite\Core;

class Request
{
    private static ?self $instance = null;
    private array $data = [];
    private string $method = 'GET';

    public static function getInstance()
    {
        return self::$instance ??= new static();
    }

    public function __get($name)
    {
        return $this->data[$name] ?? null;
    }

    public function __set($name, $value)
    {
        $this->data[$name] = $value;
    }

    public function __isset($name)
    {
        return isset($this->data[$name]);
    }

    public function getData()
    {
        return $this->data;
    }

    public function mapRequest(array $data = [])
    {
        $this->data = array_replace($this->data, $data);
    }

    public function isPost()
    {
        return $this->method === 'POST';
    }

    public function isGet()
    {
        return $this->method === 'GET';
    }

    /** Stand-in only */
    public function standinSet(array $data, string $method = 'GET'): void
    {
        $this->data = $data;
        $this->method = strtoupper($method);
    }

    public static function standinReset(): void
    {
        self::$instance = null;
    }
}
