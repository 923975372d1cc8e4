<?php
// XLite\Model\OrderTrackingNumber (table order_tracking_number), §2.7
declare(strict_types=1);

namespace XLite\Model;

class OrderTrackingNumber extends AEntity
{
    protected $tracking_id;
    protected $value = '';
    protected $order;
    protected $creationDate = 0;

    public function getTrackingId() { return $this->tracking_id; }

    /** also stamps the creation date (:76) */
    public function setValue($value)
    {
        $this->value = $value;
        $this->creationDate = \XCartStandin\Clock::now();
        return $this;
    }

    public function getValue() { return $this->value; }
    public function setOrder(?\XLite\Model\Order $order = null) { $this->order = $order; return $this; }
    public function getOrder() { return $this->order; }
    public function getCreationDate() { return $this->creationDate; }
}
