<?php
// XLite\Model\Payment\Method: getServiceName() (Method.php:639), getName(), getMethodId() :615
declare(strict_types=1);

namespace XLite\Model\Payment;

class Method extends \XLite\Model\AEntity
{
    protected $method_id;
    protected $service_name = '';
    protected $name = '';

    public function getMethodId() { return $this->method_id; }
    public function getServiceName() { return $this->service_name; }
    public function setServiceName($n) { $this->service_name = $n; return $this; }
    public function getName() { return $this->name; }
    public function setName($n) { $this->name = $n; return $this; }
}
