<?php
/*
 * XLite\Core\Request (classes/XLite/Core/Request.php): the request parameters controllers read
 * (Request::getInstance()->name, __get :377), the method (getRequestMethod :285, isGet :307,
 * isPost :317) and isAJAX() (:337-340: the X-Requested-With header jQuery sends).
 * [inferred] the stand-in keeps GET and POST in one array, unfiltered (X-Cart filters getData()).
 */
declare(strict_types=1);

namespace XLite\Core;

class Request extends \XLite\Base\Singleton
{
    use \XLite\InjectLoggerTrait;

    private array $data = [];
    private string $method = 'GET';

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

    public function __unset($name)
    {
        unset($this->data[$name]);
    }

    public function getData()
    {
        return $this->data;
    }

    /** :180 the parameters as posted (controllers and forms filter them themselves) */
    public function getNonFilteredData()
    {
        return $this->data;
    }

    public function mapRequest(array $data = [])
    {
        $this->data = array_replace($this->data, $data);
    }

    public function getRequestMethod()
    {
        return $this->method;
    }

    public function isPost()
    {
        return $this->method === 'POST';
    }

    public function isGet()
    {
        return $this->method === 'GET';
    }

    public function isAJAX()
    {
        return isset($_SERVER['HTTP_X_REQUESTED_WITH']) && $_SERVER['HTTP_X_REQUESTED_WITH'] === 'XMLHttpRequest';
    }

    /** Stand-in only */
    public function standinSet(array $data, string $method = 'GET'): void
    {
        $this->data = $data;
        $this->method = strtoupper($method);
    }

    public static function standinReset(): void
    {
        static::standinForgetInstance();
    }
}
