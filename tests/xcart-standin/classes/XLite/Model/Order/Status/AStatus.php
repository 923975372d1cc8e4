<?php
// [inferred] common base of the order status entities: getId, getCode, getName (I18n.php:48), getCustomerName
declare(strict_types=1);

namespace XLite\Model\Order\Status;

abstract class AStatus extends \XLite\Model\AEntity
{
    protected $id;
    protected $code = '';
    protected $name = '';
    protected $customerName;

    public function getId() { return $this->id; }
    public function getCode() { return $this->code; }
    public function setCode($code) { $this->code = $code; return $this; }
    public function getName() { return $this->name; }
    public function setName($name) { $this->name = $name; return $this; }
    public function getCustomerName() { return $this->customerName ?? $this->name; }
    public function setCustomerName($name) { $this->customerName = $name; return $this; }
}
