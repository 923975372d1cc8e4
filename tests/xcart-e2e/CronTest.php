<?php

declare(strict_types=1);

namespace XCartE2E;

use CloudLink\InforSync\Core\InboundStats;
use CloudLink\InforSync\Core\MonitorApi;
use CloudLink\InforSync\Core\Task\PullInbound;
use XLite\Core\Database;

/**
 * The add-on's cron task as X-Cart runs it (XCart\Command\CronCommand, no catch anywhere): an event
 * the shop's database refuses must not stop cron nor block the others, and two runs at once must not
 * apply an event twice (Periodic's lock file lasts getPeriod()/4 and is not a mutual exclusion).
 */
final class CronTest extends ShopTestCase
{
    protected function tearDown(): void
    {
        Database::getEM()->getConnection()->executeStatement('DROP TRIGGER IF EXISTS infor_test_refuse_stock');
        parent::tearDown();
    }

    public function testAnEventTheShopRefusesLeavesCronRunningAndStaysWithItsReason(): void
    {
        $broken = 'BRK-' . strtoupper(bin2hex(random_bytes(3)));
        $good = 'GOOD-' . strtoupper(bin2hex(random_bytes(3)));
        $this->products([$broken => 4, $good => 4]);
        // the shop's database refuses the stock of one product (as a constraint or trigger of a
        // customised shop would): the flush fails and Doctrine closes the entity manager
        Database::getEM()->getConnection()->executeStatement(
            "CREATE TRIGGER infor_test_refuse_stock BEFORE UPDATE ON products FOR EACH ROW
             IF NEW.sku = '$broken' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'stock refused by the shop database'; END IF"
        );
        $this->stockInInfor([$broken => 9, $good => 12]);

        \XCartStandin\Clock::set(time());
        $output = self::cron();

        $this->assertStringContainsString('Execution time', $output, 'xcart:cron ran to its end');
        $this->assertSame(12, self::amount($good), 'the next event was applied');
        $this->assertSame(4, self::amount($broken), 'nothing of the refused event is in the shop');
        $waiting = self::waitingFor($broken);
        $this->assertCount(1, $waiting, 'the refused event stays unacknowledged');
        $monitor = (new MonitorApi())->status();
        $shown = array_values(array_filter($monitor['inbound']['events'], static fn ($e) => $e['id'] === $waiting[0]['id']));
        $this->assertCount(1, $shown);
        $this->assertStringContainsString('stock refused by the shop database', $shown[0]['failure']['reason'],
            'the monitoring page shows why');
        $task = self::repo(\XLite\Model\Task::class)->findOneBy(['owner' => PullInbound::class]);
        $this->assertGreaterThan(\XCartStandin\Clock::now(), $task->getTriggerTime(), 'the task was rescheduled');

        // the shop accepts it again: the next run applies it, and the page no longer lists a failure
        Database::getEM()->getConnection()->executeStatement('DROP TRIGGER infor_test_refuse_stock');
        \XCartStandin\Clock::set(\XCartStandin\Clock::now() + 61);
        self::cron();
        $this->assertSame(9, self::amount($broken));
        $this->assertSame([], self::waitingFor($broken));
        $this->assertArrayNotHasKey($waiting[0]['id'], InboundStats::get()['failing']);
    }

    public function testTwoCronRunsAtOnceApplyEachEventOnce(): void
    {
        $skus = [];
        foreach (['A', 'B', 'C'] as $letter) {
            $skus[$letter] = "OVL$letter-" . strtoupper(bin2hex(random_bytes(3)));
        }
        $this->products(array_fill_keys($skus, 1));
        $this->stockInInfor([$skus['A'] => 5, $skus['B'] => 6, $skus['C'] => 7]);
        $this->waitForInbound(array_values($skus));

        // someone holds product B's row: a run that reaches B waits there, in the middle of its work
        $blocker = self::ownConnection();
        $blocker->beginTransaction();
        $blocker->query("SELECT * FROM products WHERE sku = '{$skus['B']}' FOR UPDATE")->fetchAll();
        try {
            $first = self::startCron();
            $this->waitUntil(static fn () => self::lockWaits() > 0, 30, 'the first run waiting for product B');
            // by now the first run's X-Cart lock file could have expired (getPeriod()/4 = 15 s)
            self::expireTaskLockFiles();
            $second = self::startCron();
            $secondReport = $this->finishCronWithin($second, 60, $blocker);
        } finally {
            if ($blocker->inTransaction()) {
                $blocker->rollBack();
            }
        }
        $firstReport = $this->finishCron($first);

        $applied = (int) ($firstReport['stats']['last']['applied'] ?? 0) + (int) ($secondReport['stats']['last']['applied'] ?? 0);
        $this->assertSame(3, $applied, 'each event applied once: first run '
            . json_encode($firstReport['stats']['last'] ?? null) . ', second ' . json_encode($secondReport['stats']['last'] ?? null));
        $this->assertSame(1, (int) ($secondReport['stats']['skipped_runs'] ?? 0), 'the second run left the events to the first');
        $this->assertLessThan($firstReport['finished'], $secondReport['started'], 'the runs overlapped');
        foreach (['A' => 5, 'B' => 6, 'C' => 7] as $letter => $amount) {
            $this->assertSame($amount, self::amount($skus[$letter]));
            $this->assertSame([], self::waitingFor($skus[$letter]));
        }
    }

    public function testARunStaysWellInsideItsLock(): void
    {
        $period = (new \ReflectionMethod(PullInbound::class, 'getPeriod'));
        $period->setAccessible(true);
        $lockSeconds = $period->invoke(new PullInbound()) / 4; // Periodic::markAsRunning()
        $this->assertLessThanOrEqual($lockSeconds - 5, PullInbound::MAX_SECONDS);
    }

    /** Products with their stock tracked: sku => amount. */
    private function products(array $amounts): void
    {
        foreach ($amounts as $sku => $amount) {
            Database::getEM()->persist(new \XLite\Model\Product(['sku' => $sku, 'name' => $sku, 'inventoryEnabled' => true, 'amount' => $amount]));
        }
        Database::getEM()->flush();
    }

    /** Items with stock in Infor's warehouse 100; waits until the stock poller queued them. */
    private function stockInInfor(array $quantities): void
    {
        foreach ($quantities as $sku => $quantity) {
            Sandbox::control('POST', 'items', ['ITNO' => $sku, 'ITDS' => $sku]);
            Sandbox::control('POST', 'stock', ['WHLO' => '100', 'ITNO' => $sku, 'STQT' => (string) $quantity]);
        }
        $this->waitForInbound(array_keys($quantities));
    }

    private function waitForInbound(array $skus): void
    {
        $this->waitUntil(static function () use ($skus) {
            foreach ($skus as $sku) {
                if (self::waitingFor($sku) === []) {
                    return false;
                }
            }

            return true;
        }, 30, 'stock events for ' . implode(', ', $skus));
    }

    private static function waitingFor(string $sku): array
    {
        return array_values(array_filter(\InforSync\inbound(1000), static fn ($e) => ($e['payload']['sku'] ?? '') === $sku));
    }

    private static function amount(string $sku): int
    {
        return (int) Database::getEM()->getConnection()->fetchOne('SELECT amount FROM products WHERE sku = ?', [$sku]);
    }

    /** A connection of the test's own to the shop's database (another client, like another request). */
    private static function ownConnection(): \PDO
    {
        $connection = Database::getEM()->getConnection();
        $pdo = new \PDO('mysql:unix_socket=' . getenv('XCART_DB_SOCKET') . ';dbname=' . $connection->getDatabase(), 'root', '');
        $pdo->setAttribute(\PDO::ATTR_ERRMODE, \PDO::ERRMODE_EXCEPTION);

        return $pdo;
    }

    /** Transactions of the shop's database waiting for a row lock. */
    private static function lockWaits(): int
    {
        return (int) Database::getEM()->getConnection()->fetchOne('SELECT COUNT(*) FROM information_schema.INNODB_LOCK_WAITS');
    }

    /** What X-Cart's FileLock does once a lock's time is up: the run is no longer "running". */
    private static function expireTaskLockFiles(): void
    {
        foreach (glob(rtrim((string) getenv('XCART_LOCK_DIR'), '/') . '/*.lock') ?: [] as $file) {
            file_put_contents($file, (string) (time() - 1));
        }
    }

    /**
     * Waits for a cron process while $blocker still holds its lock; a run that also waits for the
     * row (it applies the same events) is let through after the bound, so the test can report it.
     */
    private function finishCronWithin(array &$cron, int $seconds, \PDO $blocker): array
    {
        $deadline = microtime(true) + $seconds;
        while (self::cronRunning($cron) && microtime(true) < $deadline) {
            if (self::lockWaits() > 1) {
                break; // the second run waits for product B as well: it is applying the first run's events
            }
            usleep(100000);
        }
        $blocker->rollBack();

        return $this->finishCron($cron);
    }

    private function waitUntil(callable $condition, float $seconds, string $what): void
    {
        $deadline = microtime(true) + $seconds;
        while (!$condition()) {
            if (microtime(true) > $deadline) {
                $this->fail("waited {$seconds} s for $what");
            }
            usleep(100000);
        }
    }
}
