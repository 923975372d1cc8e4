<?php
declare(strict_types=1);

namespace XLite\Model\Order\Status;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Order\Status\Payment (classes/XLite/Model/Order/Status/Payment.php:50-56), table
 * order_payment_statuses.
 *
 * @ORM\Entity
 * @ORM\Table (name="order_payment_statuses")
 */
class Payment extends \XLite\Model\Order\Status\AStatus
{
    public const STATUS_AUTHORIZED = 'A';
    public const STATUS_PART_PAID  = 'PP';
    public const STATUS_PAID       = 'P';
    public const STATUS_DECLINED   = 'D';
    public const STATUS_CANCELED   = 'C';
    public const STATUS_QUEUED     = 'Q';
    public const STATUS_REFUNDED   = 'R';

    /** @ORM\OneToMany (targetEntity="XLite\Model\Order\Status\PaymentTranslation", mappedBy="owner", cascade={"all"}) */
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
        return [1 => ['A', 'Authorized'], 2 => ['PP', 'Partially paid'], 3 => ['P', 'Paid'], 4 => ['D', 'Declined'],
            5 => ['C', 'Canceled'], 6 => ['Q', 'Awaiting payment'], 7 => ['R', 'Refunded']];
    }
}
