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
        // X-Cart's task lock files, shared with the cron processes a test starts, apart from other runs
        if (!getenv('XCART_LOCK_DIR')) {
            $locks = sys_get_temp_dir() . '/xcart-e2e-locks-' . getmypid();
            @mkdir($locks, 0700, true);
            putenv("XCART_LOCK_DIR=$locks");
        }
        Database::standinReset();
        Mailer::standinReset();
        \XLite\Logger::standinReset();
        Clock::set(null);
        @unlink(LastError::path());
        @unlink(\CloudLink\InforSync\Core\InboundStats::path());
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

    protected static function repo(string $class)
    {
        return Database::getRepo($class);
    }

    /** An address as X-Cart's forms save one: country and state, then the field values. */
    protected static function address(array $fields, string $country, ?string $stateCode = null): \XLite\Model\Address
    {
        $address = new \XLite\Model\Address();
        $address->setCountry(self::repo(\XLite\Model\Country::class)->find($country));
        if ($stateCode !== null) {
            $address->setState($stateCode);
        }
        $address->map($fields);

        return $address;
    }

    /** Anna's two addresses: billing in Berlin, shipping in New York. */
    protected static function annasAddresses(\XLite\Model\Profile $profile): void
    {
        $billing = self::address(['firstname' => 'Anna', 'lastname' => 'Schmidt', 'street' => 'Hauptstraße 5',
            'city' => 'Berlin', 'zipcode' => '10115', 'phone' => '+49 30 1234567'], 'DE');
        $billing->setIsBilling(true);
        $shipping = self::address(['firstname' => 'Anna', 'lastname' => 'Schmidt', 'street' => '350 Fifth Avenue',
            'city' => 'New York', 'zipcode' => '10118', 'phone' => '+1 212 555 0100'], 'US', 'NY');
        $shipping->setIsShipping(true);
        foreach ([$billing, $shipping] as $address) {
            $address->setProfile($profile);
            $profile->addAddresses($address);
        }
    }

    /** A registered customer's account, saved. */
    protected static function customer(string $login): \XLite\Model\Profile
    {
        $profile = new \XLite\Model\Profile(['login' => $login]);
        self::annasAddresses($profile);
        Database::getEM()->persist($profile);
        Database::getEM()->flush();

        return $profile;
    }

    /**
     * A cart as checkout leaves it before processSucceed(): saved, with a guest's profile (or the
     * logged-in customer's account as profile and orig_profile, as Cart::getInstance() sets them),
     * items [sku, name, price, amount], surcharges [type, code, name, value, include].
     */
    protected function newOrder(string $number, array $items, array $surcharges = [], string $currency = 'EUR',
                                ?\XLite\Model\Profile $customer = null): \XLite\Model\Cart
    {
        $cart = new \XLite\Model\Cart(['orderNumber' => $number, 'date' => Clock::now()]);
        $cart->setCurrency(self::repo(\XLite\Model\Currency::class)->findOneByCode($currency));
        if ($customer !== null) {
            $cart->setProfile($customer);
            $cart->setOrigProfile($customer);
        } else {
            $guest = new \XLite\Model\Profile(['login' => 'anna@example.com', 'anonymous' => true]);
            self::annasAddresses($guest);
            $guest->setOrder($cart);
            $cart->setProfile($guest);
        }
        $total = 0.0;
        foreach ($items as [$sku, $name, $price, $amount]) {
            $item = new \XLite\Model\OrderItem(['sku' => $sku, 'name' => $name, 'price' => $price,
                'itemNetPrice' => $price, 'amount' => $amount]);
            $item->setOrder($cart);
            $cart->addItems($item);
            $total += $price * $amount;
        }
        foreach ($surcharges as [$type, $code, $name, $value, $include]) {
            $surcharge = new \XLite\Model\Order\Surcharge(['type' => $type, 'code' => $code,
                'name' => $name, 'value' => $value, 'include' => $include]);
            $surcharge->setOwner($cart);
            $cart->addSurcharges($surcharge);
            $total += $include ? 0 : $value;
        }
        $cart->setTotal(round($total, 2));
        Database::getEM()->persist($cart);
        Database::getEM()->flush();

        return $cart;
    }

    /** The payment method of the test gateway (XCartStandin\TestGateway), saved once. */
    protected static function gateway(): \XLite\Model\Payment\Method
    {
        $method = self::repo(\XLite\Model\Payment\Method::class)->findOneBy(['service_name' => 'TestGateway']);
        if ($method === null) {
            $method = new \XLite\Model\Payment\Method(['service_name' => 'TestGateway', 'class' => \XCartStandin\TestGateway::class]);
            $method->setName('Credit card');
            Database::getEM()->persist($method);
            Database::getEM()->flush();
        }

        return $method;
    }

    /** A completed payment of the order through the test gateway: a sale, or an authorisation (type auth). */
    protected static function addPayment(\XLite\Model\Order $order, string $publicTxnId, float $value, string $type = 'sale'): \XLite\Model\Payment\Transaction
    {
        $transaction = new \XLite\Model\Payment\Transaction();
        $transaction->setPaymentMethod(self::gateway());
        $transaction->setType($type);
        $transaction->setStatus(\XLite\Model\Payment\Transaction::STATUS_SUCCESS);
        $transaction->setValue($value);
        $transaction->setPublicTxnId($publicTxnId);
        $transaction->setDate(Clock::now());
        $transaction->setOrder($order);
        $order->addPaymentTransactions($transaction);

        return $transaction;
    }

    /**
     * An admin's capture, refund or void, as the order page runs it: the gateway's
     * Processor::doTransaction() with the amount typed in (partial and further refunds).
     */
    protected static function backendTransaction(\XLite\Model\Payment\Transaction $transaction, string $type, ?float $amount = null): void
    {
        \XLite\Core\Request::getInstance()->standinSet($amount === null ? [] : ['amount' => $amount], 'POST');
        $transaction->getPaymentMethod()->getProcessor()->doTransaction($transaction, $type);
    }

    /**
     * Checkout's end (Controller\Customer\Checkout::processSucceed()): the cart becomes an order, the
     * profile is settled, the final flush. $register: the guest asked for an account.
     */
    protected static function place(\XLite\Model\Cart $cart, bool $register = false): void
    {
        \XLite\Model\Cart::setObject($cart);
        if ($register) {
            \XLite\Core\Session::getInstance()->order_create_profile = true;
            \XLite\Core\Session::getInstance()->createProfilePassword = 'secret-' . bin2hex(random_bytes(4));
        }
        (new \XLite\Controller\Customer\Checkout())->processSucceed();
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
        $now = Clock::now();
        $deadline = microtime(true) + $timeoutS;
        for ($runs = 1; ; $runs++) {
            $now += 61;
            Clock::set($now);
            self::cron();
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

    /**
     * One `php bin/console xcart:cron` (XCart\Command\CronCommand): every task the enabled modules'
     * services.yaml registers for xcart.cronjob. Returns what it printed; an exception from a task
     * ends the run as in X-Cart (no catch).
     */
    protected static function cron(): string
    {
        $output = new \Symfony\Component\Console\Output\BufferedOutput();
        $command = new \XCart\Command\CronCommand(\XCartStandin\EventDispatcher::fromModules());
        $command->run(new \Symfony\Component\Console\Input\ArrayInput([]), $output);

        return $output->fetch();
    }

    /**
     * Starts `xcart:cron` in a process of its own (tests/xcart-e2e/cron.php) on this shop's database
     * and spool; collect it with finishCron().
     *
     * @return array{process: resource, pipes: array, stats: string}
     */
    protected static function startCron(): array
    {
        $extension = getenv('INFOR_SYNC_EXTENSION');
        if (!$extension) {
            throw new \RuntimeException('INFOR_SYNC_EXTENSION is not set (scripts/run-tests.sh sets it)');
        }
        $command = [PHP_BINARY, '-d', "extension=$extension"];
        foreach (ini_get_all('infor_sync', false) as $name => $value) {
            if ($name !== 'infor_sync.worker') {
                array_push($command, '-d', "$name=$value");
            }
        }
        array_push($command, '-d', 'infor_sync.worker=off');
        $stats = sys_get_temp_dir() . '/xcart-cron-' . bin2hex(random_bytes(4));
        mkdir($stats);
        array_push($command, __DIR__ . '/cron.php', $stats);
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);

        return ['process' => $process, 'pipes' => $pipes, 'stats' => $stats];
    }

    /** Waits for a cron process; its report (started, finished, stats), and its output. */
    protected function finishCron(array &$cron): array
    {
        $output = stream_get_contents($cron['pipes'][1]) . stream_get_contents($cron['pipes'][2]);
        $rc = self::cronExitCode($cron);
        proc_close($cron['process']);
        exec('rm -rf ' . escapeshellarg($cron['stats']));
        $this->assertSame(0, $rc, "xcart:cron failed:\n$output");
        $lines = array_values(array_filter(explode("\n", trim($output))));
        $report = json_decode((string) end($lines), true);
        $this->assertIsArray($report, "no report from xcart:cron:\n$output");
        $report['output'] = $output;

        return $report;
    }

    /** Whether a cron process still runs; once it ended, its exit code is kept in $cron. */
    protected static function cronRunning(array &$cron): bool
    {
        if (array_key_exists('exitcode', $cron)) {
            return false;
        }
        $status = proc_get_status($cron['process']);
        if ($status['running']) {
            return true;
        }
        $cron['exitcode'] = $status['exitcode']; // PHP reports it once only

        return false;
    }

    private static function cronExitCode(array &$cron): int
    {
        while (self::cronRunning($cron)) {
            usleep(20000);
        }

        return (int) $cron['exitcode'];
    }

    /** The order as X-Cart reads it again: from the database, not from this entity manager's memory. */
    protected static function reload(string $number): Order
    {
        Database::getEM()->clear();

        return Database::getRepo(Order::class)->findOneByOrderNumber($number);
    }
}
