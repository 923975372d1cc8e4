<?php
declare(strict_types=1);

namespace XLite\Model\Payment;

use Doctrine\Common\Collections\ArrayCollection;
use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Payment\BackendTransaction (classes/XLite/Model/Payment/BackendTransaction.php):
 * table payment_backend_transactions. One admin operation on a payment (capture, partial
 * capture, void, refund, partial refund, further refund), created by
 * Transaction::createBackendTransaction() in Processor::doTransaction(); the processor sets
 * its status (S succeeded, F failed) and, for partial refunds, its amount (setCustomAmount).
 *
 * @ORM\Entity
 * @ORM\Table (name="payment_backend_transactions")
 */
class BackendTransaction extends \XLite\Model\AEntity
{
    public const STATUS_INITIALIZED = 'I';
    public const STATUS_INPROGRESS  = 'P';
    public const STATUS_SUCCESS     = 'S';
    public const STATUS_PENDING     = 'W';
    public const STATUS_FAILED      = 'F';

    public const TRAN_TYPE_AUTH          = 'auth';
    public const TRAN_TYPE_SALE          = 'sale';
    public const TRAN_TYPE_CAPTURE       = 'capture';
    public const TRAN_TYPE_CAPTURE_PART  = 'capturePart';
    public const TRAN_TYPE_CAPTURE_MULTI = 'captureMulti';
    public const TRAN_TYPE_VOID          = 'void';
    public const TRAN_TYPE_VOID_PART     = 'voidPart';
    public const TRAN_TYPE_VOID_MULTI    = 'voidMulti';
    public const TRAN_TYPE_REFUND        = 'refund';
    public const TRAN_TYPE_REFUND_PART   = 'refundPart';
    public const TRAN_TYPE_REFUND_MULTI  = 'refundMulti';
    public const TRAN_TYPE_GET_INFO      = 'getInfo';
    public const TRAN_TYPE_ACCEPT        = 'accept';
    public const TRAN_TYPE_DECLINE       = 'decline';
    public const TRAN_TYPE_TEST          = 'test';

    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer") */
    protected $id;
    /** @ORM\Column (type="integer") */
    protected $date = 0;
    /** @ORM\Column (type="string", options={ "fixed": true }, length=1) */
    protected $status = self::STATUS_INITIALIZED;
    /** @ORM\Column (type="decimal", precision=14, scale=4) */
    protected $value = 0.0;
    /** @ORM\Column (type="string", length=20) */
    protected $type;
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Payment\Transaction", inversedBy="backend_transactions")
     * @ORM\JoinColumn (name="transaction_id", referencedColumnName="transaction_id", onDelete="CASCADE")
     */
    protected $payment_transaction;
    /** @ORM\OneToMany (targetEntity="XLite\Model\Payment\BackendTransactionData", mappedBy="transaction", cascade={"all"}) */
    protected $data;

    public function __construct(array $data = [])
    {
        $this->data = new ArrayCollection();
        parent::__construct($data);
    }

    public function getPaymentMethod()
    {
        return $this->getPaymentTransaction()->getPaymentMethod();
    }

    public function isSucceed()
    {
        return $this->getStatus() == static::STATUS_SUCCESS;
    }

    public function isFailed()
    {
        return $this->getStatus() == static::STATUS_FAILED;
    }

    public function isCompleted()
    {
        return $this->getStatus() == static::STATUS_SUCCESS;
    }

    public function isRefund()
    {
        return in_array($this->getType(), [static::TRAN_TYPE_REFUND, static::TRAN_TYPE_REFUND_MULTI, static::TRAN_TYPE_REFUND_PART]);
    }

    public function isCapture()
    {
        return in_array($this->getType(), [static::TRAN_TYPE_CAPTURE, static::TRAN_TYPE_CAPTURE_MULTI, static::TRAN_TYPE_CAPTURE_PART]);
    }

    public function isVoid()
    {
        return in_array($this->getType(), [static::TRAN_TYPE_VOID, static::TRAN_TYPE_VOID_MULTI, static::TRAN_TYPE_VOID_PART]);
    }

    /** a data cell of this backend transaction (gateway references) */
    public function setDataCell($name, $value, $label = null)
    {
        foreach ($this->data as $cell) {
            if ($cell->getName() === $name) {
                $cell->setValue($value);

                return;
            }
        }
        $cell = new BackendTransactionData(['name' => $name, 'value' => $value, 'label' => (string) $label]);
        $cell->setTransaction($this);
        $this->addData($cell);
    }

    public function getDataCell($name)
    {
        foreach ($this->data as $cell) {
            if ($cell->getName() === $name) {
                return $cell;
            }
        }

        return null;
    }

    /** :371 — "Payment transaction [...]" in the order's history */
    public function registerTransactionInOrderHistory($suffix = null)
    {
        \XLite\Core\OrderHistory::getInstance()->registerTransaction(
            $this->getPaymentTransaction()->getOrder()->getOrderId(),
            sprintf('Payment transaction [method: %s, type: %s, amount: %s, status: %s]',
                $this->getPaymentTransaction()->getMethodLocalName(), $this->getType(), $this->getValue(), $this->getStatus())
                . (!empty($suffix) ? ' [' . $suffix . ']' : ''),
            []
        );

        return $this;
    }

    public function getId()
    {
        return $this->id;
    }

    public function setDate($date)
    {
        $this->date = $date;

        return $this;
    }

    public function getDate()
    {
        return $this->date;
    }

    public function setStatus($status)
    {
        $this->status = $status;

        return $this;
    }

    public function getStatus()
    {
        return $this->status;
    }

    public function setValue($value)
    {
        $this->value = $value;

        return $this;
    }

    public function getValue()
    {
        return $this->value;
    }

    public function setType($type)
    {
        $this->type = $type;

        return $this;
    }

    public function getType()
    {
        return $this->type;
    }

    public function setPaymentTransaction(\XLite\Model\Payment\Transaction $paymentTransaction = null)
    {
        $this->payment_transaction = $paymentTransaction;

        return $this;
    }

    public function getPaymentTransaction()
    {
        return $this->payment_transaction;
    }

    public function addData(\XLite\Model\Payment\BackendTransactionData $data)
    {
        $this->data[] = $data;

        return $this;
    }

    public function getData()
    {
        return $this->data;
    }

    /** :576 — partial and further refunds take the amount the admin typed */
    public function hasCustomAmount()
    {
        return in_array($this->getType(), [static::TRAN_TYPE_REFUND_PART, static::TRAN_TYPE_REFUND_MULTI]);
    }

    /** :590 — setCustomAmount<Type>($amount) */
    public function setCustomAmount($amount)
    {
        $method = $this->getType() ? __FUNCTION__ . \Includes\Utils\Converter::convertToUpperCamelCase($this->getType()) : null;
        if ($method !== null && method_exists($this, $method)) {
            return $this->{$method}($amount);
        }

        return $this;
    }

    /** :609 — 0 < amount <= what can still be refunded, else IncorrectValueException */
    public function setCustomAmountRefundPart($amount)
    {
        if ($amount > 0 && $amount <= $this->getMaxRefundAmount()) {
            $this->setValue($amount);
        } else {
            throw new \XLite\Core\Exception\IncorrectValueException('Incorrect amount');
        }

        return $this;
    }

    public function setCustomAmountRefundMulti($amount)
    {
        return $this->setCustomAmountRefundPart($amount);
    }

    public function getMaxRefundAmount()
    {
        $transaction = $this->getPaymentTransaction();
        $currency = $transaction->getCurrency() ?: $transaction->getOrder()->getCurrency();

        return $currency->roundValue($transaction->getChargeValueModifier());
    }
}
