<?php
// XLite\Model\Order\Status\Shipping (Order/Status/Shipping.php:50-57)
declare(strict_types=1);

namespace XLite\Model\Order\Status;

class Shipping extends AStatus
{
    const STATUS_NEW = 'N';
    const STATUS_PROCESSING = 'P';
    const STATUS_SHIPPED = 'S';
    const STATUS_DELIVERED = 'D';
    const STATUS_WILL_NOT_DELIVER = 'WND';
    const STATUS_RETURNED = 'R';
    const STATUS_WAITING_FOR_APPROVE = 'WFA';   // [inferred constant name]
    const STATUS_NEW_BACKORDER = 'NBA';         // [inferred constant name]

    /** @return array<string, string> code => name [inferred names] */
    public static function standinDefaults(): array
    {
        return ['N' => 'Awaiting shipping', 'P' => 'Processing', 'S' => 'Shipped', 'D' => 'Delivered',
            'WND' => 'Will not deliver', 'R' => 'Returned', 'WFA' => 'Waiting for approve', 'NBA' => 'New backorder'];
    }
}
