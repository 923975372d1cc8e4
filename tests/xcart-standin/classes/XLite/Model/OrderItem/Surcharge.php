<?php
// [inferred] XLite\Model\OrderItem\Surcharge: an item's surcharges (OrderItem::getSurcharges() :1350)
declare(strict_types=1);

namespace XLite\Model\OrderItem;

class Surcharge extends \XLite\Model\Base\Surcharge
{
    protected $owner;

    public function getOwner() { return $this->owner; }
    public function setOwner($item) { $this->owner = $item; return $this; }
}
