<?php

use CloudLink\InforSync\Core\EventBuilder;
use CloudLink\InforSync\Tests\Fake;
use PHPUnit\Framework\TestCase;

final class EventBuilderTest extends TestCase
{
    private function address(array $over = []): Fake
    {
        return Fake::of($over + [
            'getFirstname' => 'Anna', 'getLastname' => 'Schmidt', 'getStreet' => 'Hauptstraße 5',
            'getCity' => 'Berlin', 'getZipcode' => '10115', 'getCountryCode' => 'de', 'getCountry' => null,
            'getState' => Fake::of(['getCode' => 'BE']), 'getStateName' => 'Berlin', 'getCustomState' => '',
            'getPhone' => '+49 30 1234',
        ]);
    }

    private function surcharge(string $type, string $code, $value, bool $include = false, bool $available = true): Fake
    {
        return Fake::of(['getType' => $type, 'getCode' => $code, 'getName' => ucfirst($type), 'getValue' => $value,
            'getInclude' => $include, 'getAvailable' => $available]);
    }

    private function order(array $over = []): Fake
    {
        $billing = $this->address();
        $shipping = $this->address(['getStreet' => 'Lagerweg 1', 'getState' => Fake::of(['getCode' => '']), 'getStateName' => 'Berlin']);
        $item = Fake::of([
            'getSku' => 'TSHIRT-BLK-M', 'getName' => 'T-shirt', 'getPrice' => 19.99, 'getAmount' => 2,
            'getItemNetPrice' => '16.7983', 'getNetPrice' => function () { throw new \LogicException('live price used'); },
            'getTotal' => 39.98, 'getSubtotal' => 39.98, 'getDiscountedSubtotal' => 34.98,
            'getSurcharges' => [$this->surcharge('tax', 'VAT', '6.38', true)],
            'getVariant' => Fake::of(['getSku' => 'TSHIRT-BLK-M']),
        ]);
        $txn = Fake::of(['getTransactionId' => 77, 'getPublicTxnId' => '001001-ABCD', 'getPublicId' => 'X',
            'getType' => 'sale', 'getStatus' => 'S', 'getValue' => 49.48]);

        return Fake::of($over + [
            'getOrderId' => 1001, 'getOrderNumber' => '01001', 'getDate' => 1795706469,
            'getProfile' => Fake::of(['getBillingAddress' => $billing, 'getShippingAddress' => $shipping,
                'getEmail' => 'anna@example.com', 'getLogin' => 'login@example.com']),
            'getOrigProfile' => Fake::of(['getProfileId' => 2001, 'getAnonymous' => false]),
            'getCurrency' => Fake::of(['getCode' => 'EUR']),
            'getTotal' => '49.4800', 'getPaymentStatusCode' => 'P', 'getShippingStatusCode' => 'N',
            'getPaymentMethodName' => 'Credit card', 'getShippingMethodName' => 'Courier',
            'getPaymentTransactions' => new \ArrayIterator([$txn]),
            'getItems' => [$item],
            'getSurcharges' => [
                $this->surcharge('shipping', 'SHIPPING', 4.9),
                $this->surcharge('discount', 'DCOUPON', -5),
                $this->surcharge('tax', 'VAT', '7.11', true),
                $this->surcharge('handling', 'HANDLING', 1, false, false),
                $this->surcharge('custom', 'X', 1),
            ],
            'getNotes' => '',
        ]);
    }

    public function testOrderPlacedFromTheStoredOrder(): void
    {
        $p = EventBuilder::orderPlaced($this->order());
        $this->assertSame(1001, $p['order_id']);
        $this->assertSame('01001', $p['order_number']);
        $this->assertMatchesRegularExpression('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/', $p['date']);
        $this->assertSame(2001, $p['customer_id']);
        $this->assertSame('anna@example.com', $p['email']);
        $this->assertSame('EUR', $p['currency']);
        $this->assertSame('49.48', $p['total_amount']);
        $this->assertSame('P', $p['payment_status']);
        $this->assertSame('N', $p['shipping_status']);
        $this->assertSame('Credit card', $p['payment_method']);
        $this->assertSame('001001-ABCD', $p['transaction_id']);
        $this->assertSame(['firstname' => 'Anna', 'lastname' => 'Schmidt', 'street' => 'Hauptstraße 5', 'city' => 'Berlin',
            'zipcode' => '10115', 'country' => 'DE', 'state' => 'BE', 'phone' => '+49 30 1234'], $p['billing_address']);
        $this->assertSame('Lagerweg 1', $p['shipping_address']['street']);
        $this->assertSame('Berlin', $p['shipping_address']['state'], 'state name when the state has no code');

        $item = $p['items'][0];
        $this->assertSame('TSHIRT-BLK-M', $item['sku']);
        $this->assertSame('19.99', $item['price']);
        $this->assertSame('2', $item['quantity']);
        $this->assertSame('16.7983', $item['net_price']);
        $this->assertSame('39.98', $item['total']);
        $this->assertSame('5.00', $item['discount']);
        $this->assertSame('TSHIRT-BLK-M', $item['variant_sku']);
        $this->assertSame([['type' => 'tax', 'code' => 'VAT', 'name' => 'Tax', 'amount' => '6.38', 'include' => true]], $item['surcharges']);

        $this->assertSame([
            ['type' => 'shipping', 'code' => 'SHIPPING', 'name' => 'Shipping', 'amount' => '4.90', 'include' => false],
            ['type' => 'discount', 'code' => 'DCOUPON', 'name' => 'Discount', 'amount' => '-5.00', 'include' => false],
            ['type' => 'tax', 'code' => 'VAT', 'name' => 'Tax', 'amount' => '7.11', 'include' => true],
        ], $p['surcharges'], 'unavailable and unknown surcharge types are left out');
    }

    public function testGuestOrderHasNoCustomerIdAndBillingFallsBackToShipping(): void
    {
        $shipping = $this->address();
        $p = EventBuilder::orderPlaced($this->order([
            'getOrigProfile' => Fake::of(['getProfileId' => 5, 'getAnonymous' => true]),
            'getProfile' => Fake::of(['getBillingAddress' => null, 'getShippingAddress' => $shipping,
                'getEmail' => '', 'getLogin' => 'guest@example.com']),
            'getOrderNumber' => null,
        ]));
        $this->assertArrayNotHasKey('customer_id', $p);
        $this->assertSame('guest@example.com', $p['email']);
        $this->assertSame('1001', $p['order_number'], 'order id when X-Cart gave no number');
        $this->assertSame('Berlin', $p['billing_address']['city']);
        $this->assertArrayNotHasKey('shipping_address', $p, 'the same address is not sent twice');
    }

    public function testKeys(): void
    {
        $order = $this->order();
        $this->assertSame('xcart-order-1001-01001-1795706469', EventBuilder::orderKey($order));
        // after a database restore X-Cart hands out order 1001 again: another order, another key
        $reused = $this->order(['getDate' => 1795706469 + 86400]);
        $this->assertNotSame(EventBuilder::orderKey($order), EventBuilder::orderKey($reused));
        $txn = Fake::of(['getTransactionId' => 77, 'getPublicTxnId' => 'pi_3N8 x/1', 'getPublicId' => '']);
        $this->assertSame('xcart-txn-77-pi_3N8_x_1-captured', EventBuilder::transactionKey($txn, 'captured'));
        $a = EventBuilder::customerKey(['profile_id' => 5, 'email' => 'a@b'], 'customer.updated');
        $b = EventBuilder::customerKey(['profile_id' => 5, 'email' => 'c@b'], 'customer.updated');
        $this->assertNotSame($a, $b);
        $created = EventBuilder::customerKey(['profile_id' => 5, 'email' => 'Ann@Example.com'], 'customer.created');
        $this->assertStringStartsWith('xcart-customer-5-created-', $created);
        $this->assertSame($created, EventBuilder::customerKey(['profile_id' => 5, 'email' => 'ann@example.com'], 'customer.created'));
        $this->assertNotSame($created, EventBuilder::customerKey(['profile_id' => 5, 'email' => 'bob@example.com'], 'customer.created'));
    }

    public function testStatusChanged(): void
    {
        $p = EventBuilder::statusChanged($this->order(), 'payment', 'Q', 'C', 1795706469);
        $this->assertSame('01001', $p['order_number']);
        $this->assertSame('C', $p['payment_status']);
        $this->assertSame('Q', $p['previous_payment_status']);
        $this->assertArrayHasKey('date', $p);
        $this->assertTrue(EventBuilder::isKnownStatus('shipping', 'WND'));
        $this->assertFalse(EventBuilder::isKnownStatus('payment', 'S'));
    }

    private function txn(string $type, bool $completed, bool $refunded = false): Fake
    {
        return Fake::of(['getType' => $type, 'isCompleted' => $completed, 'isRefunded' => $refunded,
            'getTransactionId' => 9, 'getPublicTxnId' => '', 'getPublicId' => 'PUB-9', 'getValue' => '-12.5',
            'getDate' => 1795706469, 'getMethodLocalName' => 'Card', 'getMethodName' => 'Stripe']);
    }

    public function testPaymentEvents(): void
    {
        $this->assertSame('payment.captured', EventBuilder::paymentEventType($this->txn('sale', true)));
        $this->assertSame('payment.captured', EventBuilder::paymentEventType($this->txn('capture', true)));
        $this->assertNull(EventBuilder::paymentEventType($this->txn('auth', true)));
        $this->assertNull(EventBuilder::paymentEventType($this->txn('sale', false)));
        $this->assertSame('payment.refunded', EventBuilder::paymentEventType($this->txn('refund', true)));
        $this->assertNull(EventBuilder::paymentEventType($this->txn('void', true)));

        $p = EventBuilder::payment($this->txn('refund', true), $this->order());
        $this->assertSame('01001', $p['order_number']);
        $this->assertSame('PUB-9', $p['transaction_id']);
        $this->assertSame('12.50', $p['amount'], 'a refund is positive');
        $this->assertSame('EUR', $p['currency']);
        $this->assertSame('Card', $p['method']);
    }

    public function testBackendTransactionEvents(): void
    {
        $payment = new \XLite\Model\Payment\Transaction(['type' => 'auth', 'status' => 'S', 'value' => 50.0,
            'publicTxnId' => '001001-ABCD', 'method_local_name' => 'Card']);
        $payment->setOrder(new \XLite\Model\Order(['orderNumber' => '01001']));
        $payment->getOrder()->setCurrency(new \XLite\Model\Currency(['code' => 'EUR']));
        $backend = static function (string $type, string $status, float $value, int $id) use ($payment) {
            $bt = new \XLite\Model\Payment\BackendTransaction(['type' => $type, 'status' => $status, 'value' => $value,
                'date' => 1795706469, 'payment_transaction' => $payment]);
            (new \ReflectionProperty(\XLite\Model\Payment\BackendTransaction::class, 'id'))->setValue($bt, $id);

            return $bt;
        };
        foreach (['capture' => 'payment.captured', 'capturePart' => 'payment.captured', 'refund' => 'payment.refunded',
                     'refundPart' => 'payment.refunded', 'refundMulti' => 'payment.refunded', 'void' => 'payment.voided',
                     'getInfo' => null] as $type => $event) {
            $this->assertSame($event, EventBuilder::backendPaymentEventType($backend($type, 'S', 1, 1)), $type);
        }
        $this->assertNull(EventBuilder::backendPaymentEventType($backend('capture', 'F', 1, 1)), 'failed');
        $this->assertNull(EventBuilder::backendPaymentEventType($backend('capture', 'I', 1, 1)), 'not done yet');

        $refund = $backend('refundPart', 'S', -20.0, 7);
        $p = EventBuilder::backendPayment($refund);
        $this->assertSame('001001-ABCD-B7', $p['transaction_id'], 'its own reference');
        $this->assertSame('20.00', $p['amount'], 'its own amount, positive');
        $this->assertSame('01001', $p['order_number']);
        $this->assertSame('EUR', $p['currency']);
        $this->assertSame('Card', $p['method']);
        $this->assertSame(7, $p['xcart_backend_transaction_id']);
        $this->assertSame('refundPart', $p['xcart_type']);
        $this->assertNotSame(EventBuilder::backendTransactionKey($refund, 'payment.refunded'),
            EventBuilder::backendTransactionKey($backend('refundMulti', 'S', 5, 8), 'payment.refunded'));

        $payment->setPublicTxnId(str_repeat('X', 40));
        $this->assertSame(str_repeat('X', 37) . '-B7', EventBuilder::backendTransactionId($refund), 'at most 40 (IRNO)');
    }

    public function testCustomer(): void
    {
        $profile = Fake::of(['getProfileId' => 123, 'getEmail' => 'anna@example.com', 'getLogin' => 'x',
            'getBillingAddress' => $this->address(), 'getShippingAddress' => null, 'getName' => 'Anna Schmidt']);
        $c = EventBuilder::customer($profile);
        $this->assertSame(123, $c['profile_id']);
        $this->assertSame('Anna', $c['firstname']);
        $this->assertSame('DE', $c['address']['country']);
        $this->assertArrayNotHasKey('firstname', $c['address']);

        $noAddress = Fake::of(['getProfileId' => 124, 'getEmail' => 'b@example.com', 'getLogin' => 'x',
            'getBillingAddress' => null, 'getShippingAddress' => null, 'getName' => 'Bo Berg Lund']);
        $c = EventBuilder::customer($noAddress);
        $this->assertSame('Bo', $c['firstname']);
        $this->assertSame('Berg Lund', $c['lastname']);
        $this->assertArrayNotHasKey('address', $c);
    }
}
