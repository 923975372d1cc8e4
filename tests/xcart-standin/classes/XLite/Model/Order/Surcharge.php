<?php
// XLite\Model\Order\Surcharge: getType :67, getCode :89, getInclude :133, getAvailable :155, getValue :165, getName
declare(strict_types=1);

namespace XLite\Model\Order;

class Surcharge extends \XLite\Model\Base\Surcharge
{
    protected $owner;

    public function getOwner() { return $this->owner; }
    public function setOwner($order) { $this->owner = $order; return $this; }
    public function getOrder() { return $this->owner; }
}
