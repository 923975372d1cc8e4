<?php

namespace CloudLink\InforSync\Core;

/**
 * Pure functions from X-Cart objects to the event payloads of the extension's docs/events.md.
 *
 * Only getters are called (no Database, no Config), so the class runs without X-Cart loaded: the
 * objects may be real entities or any object with the same getters. Every value is read from the
 * STORED order (OrderItem::getSku/getPrice/getItemNetPrice/getAmount, never the live product).
 */
final class EventBuilder
{
    public const SURCHARGE_TYPES = ['tax', 'shipping', 'discount', 'handling'];
    public const PAYMENT_CODES = ['Q', 'A', 'PP', 'P', 'D', 'C', 'R'];
    public const SHIPPING_CODES = ['N', 'P', 'S', 'D', 'WND', 'R', 'WFA', 'NBA'];

    /** Transaction types that move money to the shop (Transaction::getType()). */
    public const CAPTURE_TYPES = ['sale', 'capture', 'capturePart', 'capture_part'];
    public const REFUND_TYPES = ['refund', 'refundPart', 'refundMulti', 'refund_part', 'refund_multi'];

    // ---- keys ---------------------------------------------------------------------------------

    /**
     * The key of an order's order.placed: the same order placed twice is one event. X-Cart's ids alone
     * are not enough: a store database restored from a backup hands the same ids to new orders, which
     * must not be taken for the old ones; the order number and date tell them apart.
     */
    public static function orderKey($order): string
    {
        return 'xcart-order-' . $order->getOrderId() . '-' . self::keyPart(self::orderNumber($order))
            . '-' . (int) $order->getDate();
    }

    /**
     * @param string $kind 'captured' or 'refunded'
     */
    public static function transactionKey($transaction, string $kind): string
    {
        // the id Infor gets (gateway or public id) tells a reused X-Cart id apart, like orderKey()
        return 'xcart-txn-' . $transaction->getTransactionId() . '-' . self::keyPart(self::transactionId($transaction))
            . '-' . $kind;
    }

    /** A backend transaction's event: its own id and the id Infor gets (see backendTransactionId()). */
    public static function backendTransactionKey($backendTransaction, string $type): string
    {
        return 'xcart-btxn-' . $backendTransaction->getId() . '-' . self::keyPart(self::backendTransactionId($backendTransaction))
            . '-' . substr($type, strlen('payment.'));
    }

    public static function statusKey($order, string $which, ?string $from, string $to, int $time): string
    {
        return 'xcart-order-' . $order->getOrderId() . '-' . $which . '-' . ($from ?? '') . '-' . $to . '-' . $time;
    }

    public static function customerKey(array $payload, string $type): string
    {
        if ($type === 'customer.created') {
            // a profile id reused after a database restore belongs to another e-mail address
            return 'xcart-customer-' . $payload['profile_id'] . '-created-'
                . substr(sha1(strtolower((string) ($payload['email'] ?? ''))), 0, 12);
        }

        // an update is new whenever its content is: the same save twice is one event
        return 'xcart-customer-' . $payload['profile_id'] . '-updated-' . substr(sha1(json_encode($payload)), 0, 16);
    }

    /** A value as part of an idempotency key: at most 60 bytes of [A-Za-z0-9._-]. */
    private static function keyPart(string $value): string
    {
        return substr(preg_replace('/[^A-Za-z0-9._-]/', '_', $value), 0, 60);
    }

    // ---- order.placed -------------------------------------------------------------------------

    /**
     * order.placed from a placed order (after Order::processSucceed()).
     *
     * @param object $order \XLite\Model\Order
     */
    public static function orderPlaced($order): array
    {
        $profile = $order->getProfile();
        $billing = $profile ? $profile->getBillingAddress() : null;
        $shipping = $profile ? $profile->getShippingAddress() : null;
        if (!$billing && $shipping) {
            $billing = $shipping;
        }

        $payload = [
            'order_id' => (int) $order->getOrderId(),
            'order_number' => self::orderNumber($order),
            'date' => self::isoDate($order->getDate()),
        ];

        $customerId = self::customerId($order);
        if ($customerId !== null) {
            $payload['customer_id'] = $customerId;
        }
        $payload['email'] = self::profileEmail($profile);

        $currency = $order->getCurrency();
        $payload['currency'] = $currency ? strtoupper((string) $currency->getCode()) : '';
        $payload['total_amount'] = Money::format($order->getTotal());

        $paymentCode = self::str($order->getPaymentStatusCode());
        if (in_array($paymentCode, self::PAYMENT_CODES, true)) {
            $payload['payment_status'] = $paymentCode;
        }
        $shippingCode = self::str($order->getShippingStatusCode());
        if (in_array($shippingCode, self::SHIPPING_CODES, true)) {
            $payload['shipping_status'] = $shippingCode;
        }

        $method = self::str($order->getPaymentMethodName());
        if ($method !== '') {
            $payload['payment_method'] = $method;
        }
        $shippingMethod = self::str($order->getShippingMethodName());
        if ($shippingMethod !== '') {
            $payload['shipping_method'] = $shippingMethod;
        }

        $transactions = self::transactionSummaries($order);
        if ($transactions) {
            $last = end($transactions);
            $payload['transaction_id'] = $last['id'];
            $payload['transactions'] = $transactions;
        }

        $payload['billing_address'] = $billing ? self::address($billing) : [];
        if ($shipping && $shipping !== $billing) {
            $payload['shipping_address'] = self::address($shipping);
        }

        $items = [];
        foreach (self::iterate($order->getItems()) as $item) {
            $items[] = self::item($item);
        }
        $payload['items'] = $items;

        $payload['surcharges'] = self::surcharges($order->getSurcharges());

        $notes = self::str($order->getNotes());
        if ($notes !== '') {
            $payload['customer_notes'] = $notes;
        }

        return $payload;
    }

    /**
     * One order line, from the values stored with the order.
     *
     * @param object $item \XLite\Model\OrderItem
     */
    public static function item($item): array
    {
        $line = [
            'sku' => self::str($item->getSku()),
            'name' => self::str($item->getName()),
            'price' => Money::format($item->getPrice()),
            'quantity' => Money::quantity($item->getAmount()),
            'net_price' => Money::format($item->getItemNetPrice()),
            'total' => Money::format($item->getTotal()),
        ];

        $discount = (float) $item->getSubtotal() - (float) $item->getDiscountedSubtotal();
        if (round($discount, 4) > 0) {
            $line['discount'] = Money::format($discount);
        }

        $variant = self::optional($item, 'getVariant');
        if (is_object($variant)) {
            if ($variant && self::str($variant->getSku()) !== '') {
                $line['variant_sku'] = self::str($variant->getSku());
            }
        }

        $surcharges = self::surcharges($item->getSurcharges());
        if ($surcharges) {
            $line['surcharges'] = $surcharges;
        }

        return $line;
    }

    /**
     * Surcharges (Order::getSurcharges(), OrderItem::getSurcharges()) in X-Cart's order: type tax,
     * shipping, discount or handling, code, name, amount (discounts negative), include.
     * Surcharges that are not available (getAvailable() false) are not part of the total and left out.
     *
     * @param iterable|null $surcharges
     */
    public static function surcharges($surcharges): array
    {
        $out = [];
        foreach (self::iterate($surcharges) as $s) {
            if (self::optional($s, 'getAvailable', true) === false) {
                continue;
            }
            $type = strtolower(self::str($s->getType()));
            if (!in_array($type, self::SURCHARGE_TYPES, true)) {
                continue;
            }
            $code = self::str($s->getCode());
            $entry = [
                'type' => $type,
                'code' => $code !== '' ? $code : strtoupper($type),
                'name' => self::str($s->getName()),
                'amount' => Money::format($s->getValue()),
                'include' => (bool) $s->getInclude(),
            ];
            $out[] = $entry;
        }

        return $out;
    }

    /**
     * An address through X-Cart's Address getters (getFirstname ... getCountryCode, getState).
     *
     * @param object $address \XLite\Model\Address
     */
    public static function address($address): array
    {
        $country = self::str($address->getCountryCode());
        if ($country === '') {
            $c = $address->getCountry();
            $country = $c ? self::str($c->getCode()) : '';
        }
        $out = [
            'firstname' => self::str($address->getFirstname()),
            'lastname' => self::str($address->getLastname()),
            'street' => self::str($address->getStreet()),
            'city' => self::str($address->getCity()),
            'zipcode' => self::str($address->getZipcode()),
            'country' => strtoupper($country),
        ];
        $state = self::stateOf($address);
        if ($state !== '') {
            $out['state'] = $state;
        }
        $phone = self::str($address->getPhone());
        if ($phone !== '') {
            $out['phone'] = $phone;
        }

        return $out;
    }

    /**
     * The state's code when X-Cart knows the state, else its name, else the custom state text.
     */
    public static function stateOf($address): string
    {
        $state = $address->getState();
        if (is_object($state)) {
            $code = self::str(self::optional($state, 'getCode', ''));
            if ($code !== '') {
                return $code;
            }
        }
        $name = self::str($address->getStateName());
        if ($name !== '') {
            return $name;
        }

        return self::str($address->getCustomState());
    }

    // ---- order.status_changed ------------------------------------------------------------------

    /**
     * @param string $which 'payment' or 'shipping'
     */
    public static function statusChanged($order, string $which, ?string $from, string $to, ?int $time = null): array
    {
        $payload = [
            'order_number' => self::orderNumber($order),
            $which . '_status' => $to,
        ];
        if ($from !== null && $from !== '') {
            $payload['previous_' . $which . '_status'] = $from;
        }
        $payload['date'] = self::isoDate($time ?? time());

        return $payload;
    }

    /**
     * Whether a status code can travel in order.status_changed.
     */
    public static function isKnownStatus(string $which, ?string $code): bool
    {
        return $code !== null
            && in_array($code, $which === 'payment' ? self::PAYMENT_CODES : self::SHIPPING_CODES, true);
    }

    // ---- payment.captured / payment.refunded ----------------------------------------------------

    /**
     * Which payment event a transaction is, or null: a completed sale/capture is 'payment.captured',
     * a completed refund (or a transaction X-Cart reports refunded) 'payment.refunded'; an
     * authorization, a void or anything not completed is nothing.
     *
     * @param object $transaction \XLite\Model\Payment\Transaction
     */
    public static function paymentEventType($transaction): ?string
    {
        $type = self::str($transaction->getType());
        $isRefundType = in_array($type, self::REFUND_TYPES, true);
        if ($isRefundType && ($transaction->isCompleted() || $transaction->isRefunded())) {
            return 'payment.refunded';
        }
        if (in_array($type, self::CAPTURE_TYPES, true) && $transaction->isCompleted()) {
            return 'payment.captured';
        }

        return null;
    }

    /**
     * The event of a backend transaction (XLite\Model\Payment\BackendTransaction: an admin's
     * capture, refund or void), null while it has not succeeded or for other types (getInfo, ...).
     */
    public static function backendPaymentEventType($backendTransaction): ?string
    {
        if (!$backendTransaction->isSucceed()) {
            return null;
        }
        if ($backendTransaction->isCapture()) {
            return 'payment.captured';
        }
        if ($backendTransaction->isRefund()) {
            return 'payment.refunded';
        }

        return $backendTransaction->isVoid() ? 'payment.voided' : null;
    }

    /**
     * A backend transaction as a payment event: its own amount and date, the payment's order,
     * currency and method.
     *
     * @param object $backendTransaction \XLite\Model\Payment\BackendTransaction
     */
    public static function backendPayment($backendTransaction): array
    {
        $transaction = $backendTransaction->getPaymentTransaction();
        $order = $transaction->getOrder();
        $payload = self::payment($transaction, $order);
        $payload['transaction_id'] = self::backendTransactionId($backendTransaction);
        $payload['amount'] = Money::format(abs((float) $backendTransaction->getValue()));
        $payload['date'] = self::isoDate($backendTransaction->getDate() ?: time());
        $payload['xcart_backend_transaction_id'] = (int) $backendTransaction->getId();
        $payload['xcart_type'] = self::str($backendTransaction->getType());

        return $payload;
    }

    /**
     * The id Infor gets for a backend transaction (IRNO, at most 40): the payment's id with "-B" and
     * the backend transaction's id, so a partial refund and a second refund are two postings.
     */
    public static function backendTransactionId($backendTransaction): string
    {
        $suffix = '-B' . $backendTransaction->getId();

        return substr(self::transactionId($backendTransaction->getPaymentTransaction()), 0, 40 - strlen($suffix)) . $suffix;
    }

    /**
     * @param object      $transaction \XLite\Model\Payment\Transaction
     * @param object|null $order       its order (Transaction::getOrder())
     */
    public static function payment($transaction, $order): array
    {
        $currency = $order ? $order->getCurrency() : null;
        $payload = [
            'order_number' => $order ? self::orderNumber($order) : '',
            'transaction_id' => self::transactionId($transaction),
            'amount' => Money::format(abs((float) $transaction->getValue())),
            'currency' => $currency ? strtoupper((string) $currency->getCode()) : '',
            'date' => self::isoDate($transaction->getDate() ?: time()),
        ];
        $method = self::str($transaction->getMethodLocalName());
        if ($method === '') {
            $method = self::str($transaction->getMethodName());
        }
        if ($method !== '') {
            $payload['method'] = $method;
        }
        $payload['xcart_transaction_id'] = (int) $transaction->getTransactionId();
        $payload['xcart_type'] = self::str($transaction->getType());

        return $payload;
    }

    /**
     * The id Infor gets (IRNO, at most 40): the public transaction id, else X-Cart's numeric id.
     */
    public static function transactionId($transaction): string
    {
        $id = self::str($transaction->getPublicTxnId());
        if ($id === '') {
            $id = self::str($transaction->getPublicId());
        }
        if ($id === '' || strlen($id) > 40) {
            $id = (string) $transaction->getTransactionId();
        }

        return $id;
    }

    // ---- customer.created / customer.updated ----------------------------------------------------

    /**
     * customer.created / customer.updated from a registered profile. The address is the billing
     * address (else the shipping address) when it is complete enough for Infor; otherwise it is left
     * out (customer.created then cannot be sent: see customerAddressComplete()).
     *
     * @param object $profile \XLite\Model\Profile
     */
    public static function customer($profile): array
    {
        $address = $profile->getBillingAddress() ?: $profile->getShippingAddress();
        $payload = [
            'profile_id' => (int) $profile->getProfileId(),
            'email' => self::profileEmail($profile),
        ];
        $first = $address ? self::str($address->getFirstname()) : '';
        $last = $address ? self::str($address->getLastname()) : '';
        if ($first === '' && $last === '') {
            $name = self::str($profile->getName(true, false));
            $parts = preg_split('/\s+/', $name, 2);
            $first = $parts[0] ?? '';
            $last = $parts[1] ?? '';
        }
        $payload['firstname'] = $first;
        $payload['lastname'] = $last !== '' ? $last : $first;
        if ($address) {
            $a = self::address($address);
            if (self::addressComplete($a)) {
                unset($a['firstname'], $a['lastname']);
                $payload['address'] = $a;
                if (isset($a['phone'])) {
                    $payload['phone'] = $a['phone'];
                }
            }
        }

        return $payload;
    }

    public static function addressComplete(array $a): bool
    {
        foreach (['street', 'city', 'zipcode', 'country'] as $k) {
            if (($a[$k] ?? '') === '') {
                return false;
            }
        }

        return true;
    }

    // ---- helpers ----------------------------------------------------------------------------

    public static function orderNumber($order): string
    {
        $n = self::str($order->getOrderNumber());

        return $n !== '' ? $n : (string) $order->getOrderId();
    }

    /**
     * The registered customer's profile id, null for a guest (no account, or an anonymous one).
     */
    public static function customerId($order): ?int
    {
        $orig = $order->getOrigProfile();
        if (!$orig) {
            return null;
        }
        if (self::optional($orig, 'getAnonymous', false)) {
            return null;
        }
        $id = (int) $orig->getProfileId();

        return $id > 0 ? $id : null;
    }

    public static function profileEmail($profile): string
    {
        if (!$profile) {
            return '';
        }
        $email = self::str($profile->getEmail());

        return $email !== '' ? $email : self::str($profile->getLogin());
    }

    /**
     * @return list<array{id: string, xcart_id: int, type: string, status: string, amount: string}>
     */
    public static function transactionSummaries($order): array
    {
        $out = [];
        foreach (self::iterate($order->getPaymentTransactions()) as $t) {
            $out[] = [
                'id' => self::transactionId($t),
                'xcart_id' => (int) $t->getTransactionId(),
                'type' => self::str($t->getType()),
                'status' => self::str($t->getStatus()),
                'amount' => Money::format($t->getValue()),
            ];
        }

        return $out;
    }

    /**
     * ISO 8601 in the shop's PHP time zone, with its offset ("2026-11-26T14:03:00+01:00"), from
     * X-Cart's Unix time stamps.
     *
     * @param int|string|null $timestamp
     */
    public static function isoDate($timestamp): string
    {
        $ts = (int) $timestamp;
        if ($ts <= 0) {
            $ts = time();
        }

        return date('Y-m-d\TH:i:sP', $ts);
    }

    /**
     * A getter that not every X-Cart version or module set has (ProductVariants' getVariant(),
     * Profile::getAnonymous()): its value, or $default when the object cannot answer it.
     *
     * @param mixed $default
     *
     * @return mixed
     */
    public static function optional($object, string $method, $default = null)
    {
        if (!is_object($object) || !is_callable([$object, $method])) {
            return $default;
        }
        try {
            $v = $object->{$method}();
        } catch (\Throwable $e) {
            return $default;
        }

        return $v === null ? $default : $v;
    }

    /**
     * @param mixed $v
     */
    public static function str($v): string
    {
        if ($v === null || $v === false) {
            return '';
        }
        if (is_object($v) && method_exists($v, 'getCode')) {
            return trim((string) $v->getCode());
        }

        return trim((string) $v);
    }

    /**
     * @param iterable|null $list a Doctrine collection, an array or null
     */
    public static function iterate($list): array
    {
        if ($list === null) {
            return [];
        }
        if (is_array($list)) {
            return array_values($list);
        }
        if ($list instanceof \Traversable) {
            return iterator_to_array($list, false);
        }

        return [];
    }
}
