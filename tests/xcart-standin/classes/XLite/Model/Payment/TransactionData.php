<?php
// [inferred] XLite\Model\Payment\TransactionData: one data cell of a transaction (name, value, label, access level)
declare(strict_types=1);

namespace XLite\Model\Payment;

class TransactionData extends \XLite\Model\AEntity
{
    const ACCESS_ADMIN = 'A';
    const ACCESS_CUSTOMER = 'C';

    protected $data_id;
    protected $transaction;
    protected $name = '';
    protected $value = '';
    protected $label = '';
    protected $access_level = self::ACCESS_ADMIN;

    public function getName() { return $this->name; }
    public function setName($n) { $this->name = $n; return $this; }
    public function getValue() { return $this->value; }
    public function setValue($v) { $this->value = $v; return $this; }
    public function getLabel() { return $this->label; }
    public function setLabel($l) { $this->label = $l; return $this; }
    public function getAccessLevel() { return $this->access_level; }
    public function setAccessLevel($a) { $this->access_level = $a; return $this; }
    public function setTransaction($t) { $this->transaction = $t; return $this; }
}
