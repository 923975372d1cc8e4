<?php
// XLite\Model\Base\Surcharge (Base/Surcharge.php:22-25)
declare(strict_types=1);

namespace XLite\Model\Base;

abstract class Surcharge extends \XLite\Model\AEntity
{
    const TYPE_TAX = 'tax';
    const TYPE_DISCOUNT = 'discount';
    const TYPE_SHIPPING = 'shipping';
    const TYPE_HANDLING = 'handling';

    protected $id;
    protected $type = '';
    protected $code = '';
    protected $include = false;
    protected $available = true;
    protected $value = 0.0;
    protected $name = '';
    protected $class = '';   // [inferred] the modifier class

    public function getId() { return $this->id; }
    public function getType() { return $this->type; }
    public function setType($t) { $this->type = $t; return $this; }
    /** e.g. SHIPPING, DCOUPON, CDEV.STAX */
    public function getCode() { return $this->code; }
    public function setCode($c) { $this->code = $c; return $this; }
    /** true = already in the prices (VAT) */
    public function getInclude() { return $this->include; }
    public function setInclude($b) { $this->include = (bool)$b; return $this; }
    public function getAvailable() { return $this->available; }
    public function setAvailable($b) { $this->available = (bool)$b; return $this; }
    /** discounts are negative */
    public function getValue() { return $this->value; }
    public function setValue($v) { $this->value = (float)$v; return $this; }
    public function getName() { return $this->name; }
    public function setName($n) { $this->name = $n; return $this; }
}
