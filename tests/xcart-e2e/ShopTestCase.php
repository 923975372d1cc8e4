<?php

declare(strict_types=1);

namespace XCartE2E;

use CloudLink\InforSync\Core\LastError;
use CloudLink\InforSync\Core\Settings;
use CloudLink\InforSync\Core\Task\PullInbound;
use PHPUnit\Framework\TestCase;
use XCartStandin\Clock;
use XLite\Core\Database;
use XLite\Core\Mailer;
use XLite\Model\Order;

/**
 * A shop on the X-Cart 5.5 stand-in with the add-on, in this PHPUnit process, which is also the
 * process that runs the real infor_sync extension and its worker (php.ini settings from
 * scripts/run-tests.sh: spool, the sandbox's .ionapi and CA, short poll intervals). Infor is the
 * real sandbox over TLS.
 *
 * Every test starts from a fresh X-Cart database whose module settings were saved the way the
 * settings page saves them (XLite\Model\Config rows, then Settings::pushToExtension()).
 */
abstract class ShopTestCase extends TestCase
{
    /** The module's settings page, as an admin fills it in (category CloudLink\InforSync). */
    public const SETTINGS = [
        'cono' => '100', 'divi' => 'AAA', 'order_type' => 'DTC', 'facility' => '100', 'warehouse' => '100',
        'default_customer' => 'WEBSHOP', 'currency' => 'EUR', 'shipping_item' => 'SHIPPING',
        'stock_warehouses' => '100, 200', 'stock_quantity' => 'on_hand', 'stock_mode' => 'sum',
        'payment_posting' => 'cash_desk', 'cash_desk' => 'CD1', 'payment_method_code' => 'CC',
        'extra_json' => '{"tax_map": {"CDEV.STAX@US-NY": {"tax_code": "NY8"}, "CDEV.STAX@US": {"tax_code": "US0"}}}',
    ];

    protected function setUp(): void
    {
        if (!extension_loaded('infor_sync')) {
            $this->fail('the infor_sync extension is not loaded (scripts/run-tests.sh xcart-e2e loads it)');
        }
        Database::standinReset();
        Mailer::standinReset();
        \XLite\Logger::standinReset();
        Clock::set(null);
        @unlink(LastError::path());
        $this->saveSettings(static::SETTINGS);
        $task = new \XLite\Model\Task(['owner' => PullInbound::class]);
        Database::getEM()->persist($task);
        Database::getEM()->flush();
    }

    protected function tearDown(): void
    {
        Clock::set(null);
    }

    /** Saves the module's settings as X-Cart does and hands them to the extension. */
    protected function saveSettings(array $options): void
    {
        $repo = Database::getRepo(\XLite\Model\Config::class);
        foreach ($options as $name => $value) {
            $repo->createOption(['category' => 'CloudLink\InforSync', 'name' => $name, 'value' => $value], true);
        }
        Database::getEM()->flush();
        \XLite\Core\Config::updateInstance();
        \XLite\Core\TopMessage::getInstance()->clear();
        $this->assertTrue(Settings::pushToExtension(), 'settings refused: '
            . json_encode(\XLite\Core\TopMessage::getInstance()->getMessages()));
    }

    /** A unique order number, so tests never see each other's orders in the shared sandbox. */
    protected static function orderNumber(string $prefix): string
    {
        return $prefix . '-' . strtoupper(bin2hex(random_bytes(3)));
    }

    protected static function address(array $fields, string $country, ?string $stateCode = null): \XLite\Model\Address
    {
        $address = new \XLite\Model\Address($fields);
        $address->setCountry(new \XLite\Model\Country(['code' => $country]));
        if ($stateCode !== null) {
            $address->setState(new \XLite\Model\State(['code' => $stateCode]));
        }

        return $address;
    }

    /**
     * A customer's order as checkout leaves it before processSucceed(): profile with addresses,
     * items [sku, name, price, amount], surcharges [type, code, name, value, include].
     */
    protected function newOrder(string $number, array $items, array $surcharges = [], string $currency = 'EUR'): Order
    {
        $billing = self::address(['firstname' => 'Anna', 'lastname' => 'Schmidt', 'street' => 'Hauptstraße 5',
            'city' => 'Berlin', 'zipcode' => '10115', 'phone' => '+49 30 1234567'], 'DE');
        $billing->setIsBilling(true);
        $shipping = self::address(['firstname' => 'Anna', 'lastname' => 'Schmidt', 'street' => '350 Fifth Avenue',
            'city' => 'New York', 'zipcode' => '10118', 'phone' => '+1 212 555 0100'], 'US', 'NY');
        $shipping->setIsShipping(true);
        $profile = new \XLite\Model\Profile(['login' => 'anna@example.com']);
        $profile->addAddresses($billing);
        $profile->addAddresses($shipping);

        $order = new Order(['orderNumber' => $number, 'date' => Clock::now()]);
        $order->setCurrency(new \XLite\Model\Currency(['code' => $currency]));
        $order->setProfile($profile);
        $total = 0.0;
        foreach ($items as [$sku, $name, $price, $amount]) {
            $order->addItems(new \XLite\Model\OrderItem(['sku' => $sku, 'name' => $name, 'price' => $price,
                'itemNetPrice' => $price, 'amount' => $amount]));
            $total += $price * $amount;
        }
        foreach ($surcharges as [$type, $code, $name, $value, $include]) {
            $order->addSurcharges(new \XLite\Model\Order\Surcharge(['type' => $type, 'code' => $code,
                'name' => $name, 'value' => $value, 'include' => $include]));
            $total += $include ? 0 : $value;
        }
        $order->setTotal(round($total, 2));

        return $order;
    }

    /** A completed payment transaction of the order (type sale, status S). */
    protected static function addPayment(Order $order, string $publicTxnId, float $value, string $type = 'sale'): \XLite\Model\Payment\Transaction
    {
        $transaction = new \XLite\Model\Payment\Transaction();
        $transaction->setType($type);
        $transaction->setStatus(\XLite\Model\Payment\Transaction::STATUS_SUCCESS);
        $transaction->setValue($value);
        $transaction->setPublicTxnId($publicTxnId);
        $transaction->setMethodLocalName('Credit card');
        $transaction->setDate(Clock::now());
        $transaction->setOrder($order);
        $order->addPaymentTransactions($transaction);

        return $transaction;
    }

    /** Checkout's last step: the order is stored, then processSucceed() and its flush. */
    protected static function place(Order $order): void
    {
        Database::getEM()->persist($order);
        Database::getEM()->flush();
        $order->processSucceed();
        Database::getEM()->flush();
    }

    /** Waits until the worker delivered everything queued. */
    protected function deliverAll(): void
    {
        $this->assertTrue(\InforSync\flush(30000), 'InforSync\flush() timed out; dead letters: '
            . json_encode(\InforSync\dead_letters()));
    }

    /**
     * The events the add-on queued for this order (type => [event, ...]), found through the ids it
     * logged ("enqueued <type>" in X-Cart's log, channel CloudLink-InforSync).
     */
    protected static function queuedFor(string $orderNumber): array
    {
        $out = [];
        foreach (\XLite\Logger::standinRecords() as $record) {
            $id = $record['context']['id'] ?? null;
            if (!is_string($id) || !str_starts_with((string) $record['message'], 'enqueued ')) {
                continue;
            }
            $event = \InforSync\event($id);
            if ($event !== null && ($event['payload']['order_number'] ?? null) === $orderNumber) {
                $out[$event['type']][] = $event;
            }
        }

        return $out;
    }

    /**
     * Runs X-Cart's cron (the add-on's PullInbound task through handleTask(), a minute later each
     * time) until $done() is true or $timeoutS passed; returns the runs it took.
     */
    protected function runCronUntil(callable $done, float $timeoutS, string $what): int
    {
        $task = new PullInbound();
        $now = Clock::now();
        $deadline = microtime(true) + $timeoutS;
        for ($runs = 1; ; $runs++) {
            $now += 61;
            Clock::set($now);
            $task->handleTask(new \XCart\Event\Task\CronEvent());
            if ($done()) {
                return $runs;
            }
            if (microtime(true) > $deadline) {
                $this->fail("$what: not seen after $runs cron runs in {$timeoutS} s; inbound waiting: "
                    . json_encode(\InforSync\inbound(20)));
            }
            usleep(250000);
        }
    }

    /** The order as X-Cart reads it again. */
    protected static function reload(string $number): Order
    {
        return Database::getRepo(Order::class)->findOneByOrderNumber($number);
    }
}
