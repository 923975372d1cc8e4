<?php
// XLite\Model\Payment\Transaction (classes/XLite/Model/Payment/Transaction.php), §2.6
declare(strict_types=1);

namespace XLite\Model\Payment;

use Doctrine\Common\Collections\ArrayCollection;

class Transaction extends \XLite\Model\AEntity
{
    // :79-85 (constant names [inferred])
    const STATUS_INITIALIZED = 'I';
    const STATUS_INPROGRESS = 'P';
    const STATUS_SUCCESS = 'S';
    const STATUS_PENDING = 'W';
    const STATUS_FAILED = 'F';
    const STATUS_CANCELED = 'C';
    const STATUS_VOID = 'V';

    protected $transaction_id;
    protected $publicId;
    protected $public_txn_id;
    protected $order;
    protected $payment_method;
    protected $method_name = '';
    protected $method_local_name = '';
    protected $status = self::STATUS_INITIALIZED;
    protected $value = 0.0;
    protected $type = BackendTransaction::TRAN_TYPE_SALE;
    protected $date = 0;
    protected $data;

    public function __construct(array $data = [])
    {
        $this->data = new ArrayCollection();
        parent::__construct($data);
    }

    public function getTransactionId() { return $this->transaction_id; }
    public function getPublicId() { return $this->publicId; }
    public function setPublicId($id) { $this->publicId = $id; return $this; }

    /** default "000123-XXXX" (:342-374) [inferred: order number padded to 6, then 4 characters derived from the id] */
    public function getPublicTxnId()
    {
        if ($this->public_txn_id) {
            return $this->public_txn_id;
        }
        $number = $this->order ? (string)$this->order->getOrderNumber() : '';
        return str_pad($number, 6, '0', STR_PAD_LEFT) . '-' . strtoupper(substr(sha1((string)$this->transaction_id), 0, 4));
    }

    public function setPublicTxnId($id) { $this->public_txn_id = $id; return $this; }
    public function getOrder() { return $this->order; }
    public function setOrder(?\XLite\Model\Order $order = null) { $this->order = $order; return $this; }
    public function getValue() { return $this->value; }
    public function setValue($v) { $this->value = (float)$v; return $this; }
    public function getStatus() { return $this->status; }
    public function setStatus($s) { $this->status = $s; return $this; }
    /** auth|sale|capture|void|refund... */
    public function getType() { return $this->type; }
    public function setType($t) { $this->type = $t; return $this; }
    public function getDate() { return $this->date; }
    public function setDate($d) { $this->date = (int)$d; return $this; }
    /** the service name */
    public function getMethodName() { return $this->method_name; }
    public function setMethodName($n) { $this->method_name = $n; return $this; }
    /** the display name */
    public function getMethodLocalName() { return $this->method_local_name; }
    public function setMethodLocalName($n) { $this->method_local_name = $n; return $this; }
    public function getPaymentMethod() { return $this->payment_method; }

    public function setPaymentMethod(?Method $method = null)
    {
        $this->payment_method = $method;
        if ($method) {
            $this->method_name = $method->getServiceName();
            $this->method_local_name = $method->getName();
        }
        return $this;
    }

    public function isCompleted() { return $this->status === static::STATUS_SUCCESS; }
    /** [inferred: F, C and V] */
    public function isFailed() { return in_array($this->status, [static::STATUS_FAILED, static::STATUS_CANCELED, static::STATUS_VOID], true); }
    /** [inferred: a successful sale or capture] */
    public function isCaptured()
    {
        return $this->isCompleted() && in_array($this->type, [BackendTransaction::TRAN_TYPE_SALE, BackendTransaction::TRAN_TYPE_CAPTURE, BackendTransaction::TRAN_TYPE_CAPTURE_PART], true);
    }
    /** [inferred: a successful refund] */
    public function isRefunded()
    {
        return $this->isCompleted() && in_array($this->type, [BackendTransaction::TRAN_TYPE_REFUND, BackendTransaction::TRAN_TYPE_REFUND_PART, BackendTransaction::TRAN_TYPE_REFUND_MULTI], true);
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

    public function standinCascade(): array
    {
        return $this->data->toArray();
    }
}
