<?php

namespace CloudLink\InforSync\Core\Task;

use CloudLink\InforSync\Core\Extension;
use CloudLink\InforSync\Core\InboundApplier;
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
 */
class PullInbound extends \XLite\Core\Task\Base\Periodic
{
    /** Events per run at most, and seconds a run may take (the cron run itself stops after 600 s). */
    public const MAX_EVENTS = 2000;
    public const MAX_SECONDS = 50;

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

        $em = Database::getEM();
        $transaction = static function (callable $apply) use ($em) {
            $em->beginTransaction();
            try {
                $result = $apply();
                $em->flush();
                $em->commit();

                return $result;
            } catch (\Throwable $e) {
                try {
                    $em->rollback();
                } catch (\Throwable $ignored) {
                }
                throw $e;
            }
        };

        $processor = new InboundProcessor(
            static function (int $limit): array {
                return \InforSync\inbound($limit);
            },
            static function (array $ids): int {
                return \InforSync\ack($ids);
            },
            $transaction,
            new InboundApplier(Settings::options())
        );

        $previous = Extension::$applyingInbound;
        Extension::$applyingInbound = true; // status changes made here are Infor's: not sent back
        try {
            $report = $processor->run(static::MAX_EVENTS, 100, microtime(true) + static::MAX_SECONDS);
        } catch (\Throwable $e) {
            // inbound() itself failed (spool unreadable): logged, the next run tries again
            Extension::failure('inbound', $e);
            $report = ['failed' => 1, 'errors' => [['message' => $e->getMessage()]]];
        } finally {
            Extension::$applyingInbound = $previous;
        }

        InboundStats::add($report);
        if (!empty($report['fetched']) || !empty($report['failed'])) {
            Extension::log(empty($report['failed']) ? 'info' : 'warning', 'inbound events applied', [
                'fetched' => $report['fetched'] ?? 0, 'applied' => $report['applied'] ?? 0,
                'unknown_sku' => $report['unknown_sku'] ?? 0, 'unknown_order' => $report['unknown_order'] ?? 0,
                'failed' => $report['failed'] ?? 0,
            ]);
        }
    }
}
