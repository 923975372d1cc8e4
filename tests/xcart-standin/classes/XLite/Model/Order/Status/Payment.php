<?php
// XLite\Model\Order\Status\Payment (Order/Status/Payment.php:50-56)
declare(strict_types=1);

namespace XLite\Model\Order\Status;

class Payment extends AStatus
{
    const STATUS_AUTHORIZED = 'A';
    const STATUS_PART_PAID = 'PP';
    const STATUS_PAID = 'P';
    const STATUS_DECLINED = 'D';
    const STATUS_CANCELED = 'C';
    const STATUS_QUEUED = 'Q';
    const STATUS_REFUNDED = 'R';

    /** @return array<string, string> code => name [inferred names] */
    public static function standinDefaults(): array
    {
        return ['A' => 'Authorized', 'PP' => 'Partially paid', 'P' => 'Paid', 'D' => 'Declined',
            'C' => 'Canceled', 'Q' => 'Awaiting payment', 'R' => 'Refunded'];
    }
}
