<?php
// XLite\Model\Payment\BackendTransaction: the transaction types (BackendTransaction.php:36-50) [inferred constant names]
declare(strict_types=1);

namespace XLite\Model\Payment;

class BackendTransaction extends \XLite\Model\AEntity
{
    const TRAN_TYPE_AUTH = 'auth';
    const TRAN_TYPE_SALE = 'sale';
    const TRAN_TYPE_CAPTURE = 'capture';
    const TRAN_TYPE_CAPTURE_PART = 'capturePart';
    const TRAN_TYPE_CAPTURE_MULTI = 'captureMulti';
    const TRAN_TYPE_VOID = 'void';
    const TRAN_TYPE_VOID_PART = 'voidPart';
    const TRAN_TYPE_VOID_MULTI = 'voidMulti';
    const TRAN_TYPE_REFUND = 'refund';
    const TRAN_TYPE_REFUND_PART = 'refundPart';
    const TRAN_TYPE_REFUND_MULTI = 'refundMulti';
    const TRAN_TYPE_GET_INFO = 'getInfo';
    const TRAN_TYPE_ACCEPT = 'accept';
    const TRAN_TYPE_DECLINE = 'decline';
    const TRAN_TYPE_TEST = 'test';

    protected $id;
}
