<?php
declare(strict_types=1);

namespace XLite\Model\Payment;

use Doctrine\Common\Collections\ArrayCollection;
use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Payment\Transaction (classes/XLite/Model/Payment/Transaction.php), §2.6: table
 * payment_transactions. An admin's capture, refund or void does not change this row's type: it
 * adds a BackendTransaction (createBackendTransaction(), through
 * Payment\Base\Processor::doTransaction()).
 *
 * @ORM\Entity
 * @ORM\Table (name="payment_transactions")
 * @ORM\HasLifecycleCallbacks
 */
class Transaction extends \XLite\Model\AEntity
{
    use \XLite\Core\Model\EntityLock\EntityLockTrait;

    /** :73 — the lock taken while a gateway's callback (IPN) is processed */
    public const LOCK_TYPE_IPN = 'ipn';

    // :79-85
    public const STATUS_INITIALIZED = 'I';
    public const STATUS_INPROGRESS  = 'P';
    public const STATUS_SUCCESS     = 'S';
    public const STATUS_PENDING     = 'W';
    public const STATUS_FAILED      = 'F';
    public const STATUS_CANCELED    = 'C';
    public const STATUS_VOID        = 'V';

    // results of a payment step (:91-94)
    public const PROLONGATION = 'R';
    public const COMPLETED    = 'C';
    public const SILENT       = 'S';
    public const SEPARATE     = 'E';

    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer") */
    protected $transaction_id;
    /** @ORM\Column (type="integer") */
    protected $date = 0;
    /** @ORM\Column (type="string", length=16, nullable=true) */
    protected $publicTxnId;
    /** @ORM\Column (type="string", length=128) */
    protected $method_name = '';
    /** @ORM\Column (type="string", length=255) */
    protected $method_local_name = '';
    /** @ORM\Column (type="string", options={ "fixed": true }, length=1) */
    protected $status = self::STATUS_INITIALIZED;
    /** @ORM\Column (type="decimal", precision=14, scale=4) */
    protected $value = 0.0;
    /** @ORM\Column (type="string", length=255) */
    protected $note = '';
    /** auth|sale|... @ORM\Column (type="string", length=16) */
    protected $type = BackendTransaction::TRAN_TYPE_SALE;
    /** @ORM\Column (type="string") */
    protected $public_id = '';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Order", inversedBy="payment_transactions")
     * @ORM\JoinColumn (name="order_id", referencedColumnName="order_id", onDelete="CASCADE")
     */
    protected $order;
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Payment\Method")
     * @ORM\JoinColumn (name="method_id", referencedColumnName="method_id", onDelete="SET NULL")
     */
    protected $payment_method;
    /** @ORM\OneToMany (targetEntity="XLite\Model\Payment\TransactionData", mappedBy="transaction", cascade={"all"}) */
    protected $data;
    /** @ORM\OneToMany (targetEntity="XLite\Model\Payment\BackendTransaction", mappedBy="payment_transaction", cascade={"all"}) */
    protected $backend_transactions;
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Currency", cascade={"merge","detach"})
     * @ORM\JoinColumn (name="currency_id", referencedColumnName="currency_id")
     */
    protected $currency;

    public function __construct(array $data = [])
    {
        $this->data = new ArrayCollection();
        $this->backend_transactions = new ArrayCollection();
        parent::__construct($data);
    }

    public function getTransactionId() { return $this->transaction_id; }
    public function getPublicId()
    {
        return $this->public_id;
    }

    public function setPublicId($publicId)
    {
        $this->public_id = (string) $publicId;

        return $this;
    }

    public function getPublicTxnId()
    {
        return $this->publicTxnId;
    }

    public function setPublicTxnId($publicTxnId)
    {
        $this->publicTxnId = $publicTxnId;

        return $this;
    }

    /**
     * PrePersist (:prepareBeforeCreate): a public transaction id and date when none was set.
     * [inferred] the id: the order number padded to 6, "-", 4 random characters (:342-374).
     *
     * @ORM\PrePersist
     */
    public function prepareBeforeCreate()
    {
        if (!$this->getPublicTxnId()) {
            $number = $this->order ? (string) $this->order->getOrderNumber() : '';
            $this->setPublicTxnId(str_pad($number, 6, '0', STR_PAD_LEFT) . '-' . strtoupper(bin2hex(random_bytes(2))));
        }
        if (!$this->getDate()) {
            $this->setDate(\XLite\Core\Converter::time());
        }
        if (!$this->getPublicId()) {
            $this->setPublicId($this->getPublicTxnId());
        }
    }

    public function getOrder() { return $this->order; }
    public function setOrder(?\XLite\Model\Order $order = null) { $this->order = $order; return $this; }
    public function getValue() { return $this->value; }
    public function setValue($value) { $this->value = $value; return $this; }
    public function getStatus() { return $this->status; }
    public function setStatus($status) { $this->status = $status; return $this; }
    /** auth|sale|capture|void|refund... */
    public function getType() { return $this->type; }
    public function setType($type) { $this->type = $type; return $this; }
    public function getDate() { return $this->date; }
    public function setDate($date) { $this->date = (int)$date; return $this; }
    /** the service name */
    public function getMethodName() { return $this->method_name; }
    public function setMethodName($methodName) { $this->method_name = $methodName; return $this; }
    /** the display name */
    public function getMethodLocalName() { return $this->method_local_name; }
    public function setMethodLocalName($methodLocalName) { $this->method_local_name = $methodLocalName; return $this; }
    public function getPaymentMethod() { return $this->payment_method; }

    public function setPaymentMethod(\XLite\Model\Payment\Method $method = null)
    {
        $this->payment_method = $method;
        if ($method) {
            $this->setMethodName($method->getServiceName());
            $this->setMethodLocalName($method->getName());
        }

        return $this;
    }

    public function isCompleted()
    {
        return $this->getStatus() == static::STATUS_SUCCESS;
    }

    public function isFailed()
    {
        return $this->getStatus() == static::STATUS_FAILED;
    }

    public function isOpen()
    {
        return $this->getStatus() == static::STATUS_INITIALIZED;
    }

    public function isVoid()
    {
        return $this->getStatus() == static::STATUS_VOID;
    }

    public function isPending()
    {
        return $this->getStatus() == static::STATUS_PENDING;
    }

    /** an auth that succeeded and was not voided */
    public function isAuthorized()
    {
        $result = $this->getType() == BackendTransaction::TRAN_TYPE_AUTH && $this->isCompleted();
        foreach ($this->getBackendTransactions() as $transaction) {
            if ($transaction->isVoid() && $transaction->isSucceed()) {
                $result = false;
            }
        }

        return $result;
    }

    /** a successful sale, or any successful capture backend transaction */
    public function isCaptured()
    {
        $result = $this->getType() == BackendTransaction::TRAN_TYPE_SALE && $this->isCompleted();
        foreach ($this->getBackendTransactions() as $transaction) {
            if ($transaction->isCapture() && $transaction->isSucceed()) {
                return true;
            }
        }

        return $result;
    }

    /** any successful refund backend transaction */
    public function isRefunded()
    {
        foreach ($this->getBackendTransactions() as $transaction) {
            if ($transaction->isRefund() && $transaction->isSucceed()) {
                return true;
            }
        }

        return false;
    }

    public function isCaptureTransactionAllowed()
    {
        return $this->isAuthorized() && !$this->isCaptured() && !$this->isRefunded();
    }

    public function isVoidTransactionAllowed()
    {
        return $this->isCaptureTransactionAllowed();
    }

    public function isRefundTransactionAllowed()
    {
        return $this->isCaptured() && !$this->isRefunded();
    }

    public function isRefundPartTransactionAllowed()
    {
        return $this->isCaptured() && !$this->isRefunded();
    }

    public function isRefundMultiTransactionAllowed()
    {
        $currency = $this->getCurrency() ?: $this->getOrder()->getCurrency();

        return $this->isCaptured() && $currency->roundValue($this->getChargeValueModifier()) > 0;
    }

    /** what the customer paid and still has paid: max(captured, value) - refunded */
    public function getChargeValueModifier()
    {
        $value = $this->isCompleted() || $this->isPending() ? (float) $this->getValue() : 0.0;
        $captured = 0.0;
        $refunded = 0.0;
        foreach ($this->getBackendTransactions() as $transaction) {
            if ($transaction->isCapture() && $transaction->isSucceed()) {
                $captured += abs((float) $transaction->getValue());
            }
            if ($transaction->isRefund() && $transaction->isSucceed()) {
                $refunded += abs((float) $transaction->getValue());
            }
        }

        return max(0, max($captured, $value) - $refunded);
    }

    public function getCurrency()
    {
        return $this->currency;
    }

    public function setCurrency(\XLite\Model\Currency $currency = null)
    {
        $this->currency = $currency;

        return $this;
    }

    public function getBackendTransactions()
    {
        return $this->backend_transactions;
    }

    public function addBackendTransactions(\XLite\Model\Payment\BackendTransaction $backendTransactions)
    {
        $this->backend_transactions[] = $backendTransactions;

        return $this;
    }

    /**
     * :createBackendTransaction — a new backend transaction of this payment, persisted (not
     * flushed) through the repository (ARepo::insert($data, false)); its value is what the
     * processor says for the type (Processor::getTransactionValue()).
     */
    public function createBackendTransaction($transactionType)
    {
        $bt = \XLite\Core\Database::getRepo('XLite\Model\Payment\BackendTransaction')->insert([
            'date'                => \XLite\Core\Converter::time(),
            'type'                => $transactionType,
            'value'               => $this->getPaymentMethod()->getProcessor()->getTransactionValue($this, $transactionType),
            'payment_transaction' => $this,
        ], false);
        $this->addBackendTransactions($bt);

        return $bt;
    }

    /** setDataCell($name, $value, $label = null, $accessLevel = null) :823 */
    public function setDataCell($name, $value, $label = null, $accessLevel = null)
    {
        $cell = $this->getDataCell($name);
        if ($cell === null) {
            $cell = new TransactionData();
            $cell->setName($name);
            $cell->setTransaction($this);
            $this->data->add($cell);
        }
        $cell->setValue($value);
        if ($label !== null) {
            $cell->setLabel($label);
        }
        if ($accessLevel !== null) {
            $cell->setAccessLevel($accessLevel);
        }
        return $cell;
    }

    /** the cell or null :868 */
    public function getDataCell($name)
    {
        foreach ($this->data as $cell) {
            if ($cell->getName() === $name) {
                return $cell;
            }
        }
        return null;
    }

    /** the cell's value or null :896 */
    public function getDetail($name)
    {
        $cell = $this->getDataCell($name);
        return $cell ? $cell->getValue() : null;
    }

    public function getData() { return $this->data; }

    /** :1194 — an hour */
    protected function getLockTTL($type = self::LOCK_TYPE_IPN)
    {
        return 3600;
    }
}
