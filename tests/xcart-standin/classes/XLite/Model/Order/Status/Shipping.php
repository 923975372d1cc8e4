<?php
declare(strict_types=1);

namespace XLite\Model\Order\Status;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Order\Status\Shipping (classes/XLite/Model/Order/Status/Shipping.php:50-57), table
 * order_shipping_statuses.
 *
 * @ORM\Entity
 * @ORM\Table (name="order_shipping_statuses")
 */
class Shipping extends \XLite\Model\Order\Status\AStatus
{
    public const STATUS_NEW                 = 'N';
    public const STATUS_PROCESSING          = 'P';
    public const STATUS_SHIPPED             = 'S';
    public const STATUS_DELIVERED           = 'D';
    public const STATUS_WILL_NOT_DELIVER    = 'WND';
    public const STATUS_RETURNED            = 'R';
    public const STATUS_WAITING_FOR_APPROVE = 'WFA';
    public const STATUS_NEW_BACKORDERED     = 'NBA';

    /** @ORM\OneToMany (targetEntity="XLite\Model\Order\Status\ShippingTranslation", mappedBy="owner", cascade={"all"}) */
    protected $translations;

    public function getId()
    {
        return $this->id;
    }

    public function setCode($code)
    {
        $this->code = $code;

        return $this;
    }

    public function getCode()
    {
        return $this->code;
    }

    public function setPosition($position)
    {
        $this->position = $position;

        return $this;
    }

    public function getPosition()
    {
        return $this->position;
    }

    /** @return array<int, array{0: string, 1: string}> position => [code, name] [inferred names] */
    public static function standinDefaults(): array
    {
        return [1 => ['N', 'Awaiting shipping'], 2 => ['P', 'Processing'], 3 => ['S', 'Shipped'], 4 => ['D', 'Delivered'],
            5 => ['WND', 'Will not deliver'], 6 => ['R', 'Returned'], 7 => ['WFA', 'Waiting for approve'], 8 => ['NBA', 'New backorder']];
    }
}
