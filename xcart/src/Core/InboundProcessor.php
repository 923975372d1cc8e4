<?php

namespace CloudLink\InforSync\Core;

/**
 * Pulls the events from Infor (InforSync\inbound()) and applies each one in its own transaction,
 * acknowledging it (InforSync\ack()) only after the transaction committed. Plain PHP: the fetch,
 * ack and transaction are callables, so it is tested without X-Cart or the extension.
 *
 * - applied, ignored: acked.
 * - unknown SKU / unknown order: reported (logged, counted, listed on the monitoring page) and acked:
 *   an item Infor has and the shop does not is not an error that retrying would fix.
 * - an exception: rolled back, NOT acked (the event comes back on the next run), logged; the run stops,
 *   since after a failed flush Doctrine's entity manager is closed.
 */
final class InboundProcessor
{
    /** @var callable(int): array */
    private $fetch;
    /** @var callable(array): int */
    private $ack;
    /** @var callable(callable): mixed */
    private $transaction;
    /** @var InboundApplierInterface */
    private $applier;

    public function __construct(callable $fetch, callable $ack, callable $transaction, InboundApplierInterface $applier)
    {
        $this->fetch = $fetch;
        $this->ack = $ack;
        $this->transaction = $transaction;
        $this->applier = $applier;
    }

    /**
     * Processes up to $maxEvents events (batches of $batch), and stops early at $deadline (unix time).
     */
    public function run(int $maxEvents = 1000, int $batch = 100, ?float $deadline = null): array
    {
        $report = [
            'fetched' => 0, 'applied' => 0, 'ignored' => 0, 'unknown_sku' => 0, 'unknown_order' => 0,
            'failed' => 0, 'acked' => 0, 'unknown_sku_list' => [], 'unknown_order_list' => [], 'errors' => [],
            'by_type' => [],
        ];
        $seen = [];
        while ($report['fetched'] < $maxEvents) {
            if ($deadline !== null && microtime(true) >= $deadline) {
                break;
            }
            $want = max(1, min($batch, $maxEvents - $report['fetched']));
            $events = (array) ($this->fetch)($want);
            $fresh = 0;
            foreach ($events as $event) {
                $id = is_array($event) ? (string) ($event['id'] ?? '') : '';
                if ($id === '' || isset($seen[$id])) {
                    continue; // an event we already tried in this run (a failure stops the run anyway)
                }
                $seen[$id] = true;
                $fresh++;
                $report['fetched']++;
                $type = (string) ($event['type'] ?? '');
                $payload = is_array($event['payload'] ?? null) ? $event['payload'] : [];
                $report['by_type'][$type] = ($report['by_type'][$type] ?? 0) + 1;

                try {
                    $applier = $this->applier;
                    $result = ($this->transaction)(static function () use ($applier, $type, $payload) {
                        return $applier->apply($type, $payload);
                    });
                } catch (\Throwable $e) {
                    $report['failed']++;
                    $report['errors'][] = ['id' => $id, 'type' => $type, 'message' => $e->getMessage()];
                    Extension::failure('inbound ' . $type, $e, ['event_id' => $id]);

                    return $report;
                }

                $result = is_string($result) ? $result : InboundApplierInterface::APPLIED;
                switch ($result) {
                    case InboundApplierInterface::UNKNOWN_SKU:
                        $report['unknown_sku']++;
                        $report['unknown_sku_list'][] = (string) ($payload['sku'] ?? '');
                        Extension::log('warning', 'Infor ' . $type . ': SKU not in the shop', ['sku' => $payload['sku'] ?? null, 'event_id' => $id]);
                        break;
                    case InboundApplierInterface::UNKNOWN_ORDER:
                        $report['unknown_order']++;
                        $report['unknown_order_list'][] = (string) ($payload['order_number'] ?? '');
                        Extension::log('warning', 'Infor ' . $type . ': order not in the shop', ['order_number' => $payload['order_number'] ?? null, 'event_id' => $id]);
                        break;
                    case InboundApplierInterface::IGNORED:
                        $report['ignored']++;
                        break;
                    default:
                        $report['applied']++;
                }

                // the shop's transaction committed: now Infor's event may go
                try {
                    $report['acked'] += (int) ($this->ack)([$id]);
                } catch (\Throwable $e) {
                    // applied but not acked: it comes back and is applied again, idempotently
                    Extension::failure('ack', $e, ['event_id' => $id]);

                    return $report;
                }
            }
            if ($fresh === 0 || count($events) < $want) {
                break;
            }
        }

        return $report;
    }
}
