<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\OrderTrackingNumber (classes/XLite/Model/OrderTrackingNumber.php), §2.7:
 * table order_tracking_number.
 *
 * @ORM\Entity
 * @ORM\Table (name="order_tracking_number")
 */
class OrderTrackingNumber extends AEntity
{
    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer") */
    protected $tracking_id;
    /** @ORM\Column (type="text") */
    protected $value = '';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Order", inversedBy="trackingNumbers", fetch="LAZY")
     * @ORM\JoinColumn (name="order_id", referencedColumnName="order_id", onDelete="CASCADE")
     */
    protected $order;
    /** @ORM\Column (type="integer") */
    protected $creationDate = 0;

    public function getTrackingId() { return $this->tracking_id; }

    /** also stamps the creation date (:76) */
    public function setValue($value)
    {
        $this->value = $value;
        $this->creationDate = \XLite\Core\Converter::time();
        return $this;
    }

    public function getValue() { return $this->value; }
    public function setOrder(?\XLite\Model\Order $order = null) { $this->order = $order; return $this; }
    public function getOrder() { return $this->order; }
    public function getCreationDate() { return $this->creationDate; }
}
