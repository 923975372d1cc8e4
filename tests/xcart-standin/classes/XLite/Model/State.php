<?php
// XLite\Model\State [inferred: code and name; an unsaved one stands for a custom state]
declare(strict_types=1);

namespace XLite\Model;

class State extends AEntity
{
    protected $state_id;
    protected $code = '';
    protected $state = '';
    protected $country;

    public function getStateId() { return $this->state_id; }
    public function getCode() { return $this->code; }
    public function setCode($code) { $this->code = $code; return $this; }
    public function getState() { return $this->state; }
    public function setState($name) { $this->state = $name; return $this; }
    public function getCountry() { return $this->country; }
    public function setCountry($country) { $this->country = $country; return $this; }
}
