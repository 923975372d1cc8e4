<?php

namespace CloudLink\InforSync\Core\Task;

use CloudLink\InforSync\Core\Extension;
use CloudLink\InforSync\Core\InboundApplier;
use CloudLink\InforSync\Core\InboundLock;
use CloudLink\InforSync\Core\InboundProcessor;
use CloudLink\InforSync\Core\InboundStats;
use CloudLink\InforSync\Core\ModuleInfo;
use CloudLink\InforSync\Core\Settings;
use XLite\Core\Database;

/**
 * Cron task (php bin/console xcart:cron, every minute): applies the events Infor's pollers queued —
 * stock.changed, product.changed, order.shipped, order.status — each in its own Doctrine transaction,
 * and acknowledges each with InforSync\ack() only after its flush and commit succeeded.
 *
 * Registered twice, as X-Cart needs: the XLite\Model\Task row (config/install.yaml) and the
 * xcart.cronjob listener (config/services.yaml).
 *
 * How X-Cart runs it (classes/XLite/Core/Task/ATask.php, Task/Base/Periodic.php,
 * src/Command/CronCommand.php) decides the rules here:
 * - Nothing around runStep() catches, nor does xcart:cron: an exception would end the whole cron
 *   run. A failed event is rolled back and reported, never thrown.
 * - After runStep(), Periodic::finalizeStep() merge()s the task row into the entity manager and
 *   ATask::runRunner() flushes it. After a failed flush Doctrine's entity manager is closed (merge()
 *   would throw), so a new one is started the way X-Cart does
 *   (\XLite\Core\Database::getInstance()->startEntityManager(), as in
 *   modules/XC/MigrationWizard/src/Logic/Import/Processor/AProcessor.php:2841); otherwise the failed
 *   event's changes are cleared from the unit of work, so that flush cannot half-apply them.
 * - Periodic's lock file lasts getPeriod()/4 (15 s) and is not a mutual exclusion: a run takes at most
 *   MAX_SECONDS (well inside those 15 s), and holds a database lock (GET_LOCK) while it applies,
 *   so two runs at once — an expired lock file, two cron hosts on one database — never apply the
 *   same event twice: the second one skips.
 */
class PullInbound extends \XLite\Core\Task\Base\Periodic
{
    /** Events per run at most, and seconds a run may take (Periodic's lock lasts getPeriod()/4 = 15 s). */
    public const MAX_EVENTS = 2000;
    public const MAX_SECONDS = 10;

    public function getTitle()
    {
        return 'Infor M3 sync: apply stock, item data and shipments from Infor';
    }

    protected function getPeriod()
    {
        return static::INT_1_MIN;
    }

    protected function runStep()
    {
        if (!ModuleInfo::extensionLoaded()) {
            // nothing to pull; the pages say what is missing
            return;
        }
        $connection = Database::getEM()->getConnection();
        if (!InboundLock::acquire($connection)) {
            $this->message = 'skipped: another run is applying the events from Infor';
            Extension::log('info', 'inbound: another run holds the lock; skipped');
            InboundStats::skipped();

            return;
        }
        try {
            $report = $this->applyEvents(microtime(true) + static::MAX_SECONDS);
        } finally {
            InboundLock::release($connection);
        }

        InboundStats::add($report);
        if (!empty($report['fetched']) || !empty($report['failed'])) {
            Extension::log(empty($report['failed']) ? 'info' : 'warning', 'inbound events applied', [
                'fetched' => $report['fetched'] ?? 0, 'applied' => $report['applied'] ?? 0,
                'unknown_sku' => $report['unknown_sku'] ?? 0, 'unknown_order' => $report['unknown_order'] ?? 0,
                'failed' => $report['failed'] ?? 0, 'held_back' => $report['held_back'] ?? 0,
            ]);
        }
    }

    protected function applyEvents(float $deadline): array
    {
        $processor = new InboundProcessor(
            static function (int $limit): array {
                return \InforSync\inbound($limit);
            },
            static function (array $ids): int {
                return \InforSync\ack($ids);
            },
            [self::class, 'inTransaction'],
            new InboundApplier(Settings::options())
        );

        $previous = Extension::$applyingInbound;
        Extension::$applyingInbound = true; // status changes made here are Infor's: not sent back
        try {
            return $processor->run(static::MAX_EVENTS, 100, $deadline);
        } catch (\Throwable $e) {
            // inbound() itself failed (spool unreadable): logged, the next run tries again
            Extension::failure('inbound', $e);

            return ['failed' => 1, 'errors' => [['message' => $e->getMessage()]]];
        } finally {
            Extension::$applyingInbound = $previous;
        }
    }

    /**
     * One event's changes: flushed and committed, or rolled back and gone from the entity manager.
     */
    public static function inTransaction(callable $apply)
    {
        $em = Database::getEM();
        $em->beginTransaction();
        try {
            $result = $apply();
            $em->flush();
            $em->commit();

            return $result;
        } catch (\Throwable $e) {
            self::forget($em);
            throw $e;
        }
    }

    private static function forget(\Doctrine\ORM\EntityManagerInterface $em): void
    {
        try {
            if ($em->getConnection()->isTransactionActive()) {
                $em->rollback();
            }
        } catch (\Throwable $ignored) {
        }
        if ($em->isOpen()) {
            $em->clear();
        } else {
            Database::getInstance()->startEntityManager();
        }
    }
}
