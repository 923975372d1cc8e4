<?php
// XLite\Model\Country [inferred: only what Address::getCountry()->getCode() needs]
declare(strict_types=1);

namespace XLite\Model;

class Country extends AEntity
{
    protected $code = '';
    protected $country = '';

    public static function standinIdField(): string { return 'code'; }
    public function getCode() { return $this->code; }
    public function setCode($code) { $this->code = $code; return $this; }
    public function getCountry() { return $this->country; }
    public function setCountry($name) { $this->country = $name; return $this; }
}
