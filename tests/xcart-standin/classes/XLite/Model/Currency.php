<?php
// XLite\Model\Currency: getCode() (:271), roundValue($v) (:165)
declare(strict_types=1);

namespace XLite\Model;

class Currency extends AEntity
{
    protected $currency_id;
    protected $code = 'USD';
    protected $e = 2;       // decimal places
    protected $symbol = '$';

    public function getCurrencyId() { return $this->currency_id; }
    public function setCurrencyId($id) { $this->currency_id = $id; return $this; }
    public function getCode() { return $this->code; }
    public function setCode($code) { $this->code = $code; return $this; }
    public function getE() { return $this->e; }
    public function setE($e) { $this->e = (int)$e; return $this; }
    public function getSymbol() { return $this->symbol; }
    public function setSymbol($s) { $this->symbol = $s; return $this; }

    public function roundValue($value)
    {
        return round((float)$value, $this->e);
    }
}
