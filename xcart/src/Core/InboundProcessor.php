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
 * - an exception: rolled back, NOT acked (the event comes back on the next run), logged with its
 *   reason (report "errors"); the events after it that are about the same SKU or order are held back
 *   in this run (applying them would let the older event overwrite them next time); the others go on.
 *   Cleaning up after the failure (a closed entity manager, the failed event's changes still in
 *   Doctrine's unit of work) is the transaction callable's job.
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
            'failed' => 0, 'held_back' => 0, 'acked' => 0, 'unknown_sku_list' => [], 'unknown_order_list' => [],
            'errors' => [], 'done_ids' => [], 'by_type' => [],
        ];
        $seen = [];
        $blocked = [];
        while ($report['fetched'] < $maxEvents) {
            if ($deadline !== null && microtime(true) >= $deadline) {
                break;
            }
            // the events left unacknowledged in this run come first again: ask for more than them
            $unacked = $report['failed'] + $report['held_back'];
            $want = max(1, min($batch, $maxEvents - $report['fetched'])) + $unacked;
            $events = (array) ($this->fetch)($want);
            $fresh = 0;
            foreach ($events as $event) {
                $id = is_array($event) ? (string) ($event['id'] ?? '') : '';
                if ($id === '' || isset($seen[$id])) {
                    continue;
                }
                if ($deadline !== null && microtime(true) >= $deadline) {
                    break 2;
                }
                $seen[$id] = true;
                $fresh++;
                $report['fetched']++;
                if (!$this->handle($id, $event, $blocked, $report)) {
                    return $report;
                }
            }
            if ($fresh === 0 || count($events) < $want) {
                break;
            }
        }

        return $report;
    }

    /**
     * Applies and acknowledges one event; false when the run must stop (an acknowledgement failed).
     */
    private function handle(string $id, array $event, array &$blocked, array &$report): bool
    {
        $type = (string) ($event['type'] ?? '');
        $payload = is_array($event['payload'] ?? null) ? $event['payload'] : [];
        $report['by_type'][$type] = ($report['by_type'][$type] ?? 0) + 1;
        $entity = self::entityKey($payload);
        if ($entity !== null && isset($blocked[$entity])) {
            $report['held_back']++;

            return true;
        }

        try {
            $applier = $this->applier;
            $result = ($this->transaction)(static function () use ($applier, $type, $payload) {
                return $applier->apply($type, $payload);
            });
        } catch (\Throwable $e) {
            $report['failed']++;
            $report['errors'][] = ['id' => $id, 'type' => $type, 'message' => $e->getMessage()];
            Extension::failure('inbound ' . $type, $e, ['event_id' => $id]);
            if ($entity !== null) {
                $blocked[$entity] = true;
            }

            return true;
        }

        $this->count(is_string($result) ? $result : InboundApplierInterface::APPLIED, $id, $type, $payload, $report);

        // the shop's transaction committed: now Infor's event may go
        try {
            $report['acked'] += (int) ($this->ack)([$id]);
            $report['done_ids'][] = $id;
        } catch (\Throwable $e) {
            // applied but not acked: it comes back and is applied again, idempotently
            Extension::failure('ack', $e, ['event_id' => $id]);

            return false;
        }

        return true;
    }

    private function count(string $result, string $id, string $type, array $payload, array &$report): void
    {
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
    }

    /** What an event is about: its SKU or its order, null when neither. */
    public static function entityKey(array $payload): ?string
    {
        if (isset($payload['sku']) && is_scalar($payload['sku'])) {
            return 'sku:' . $payload['sku'];
        }
        if (isset($payload['order_number']) && is_scalar($payload['order_number'])) {
            return 'order:' . $payload['order_number'];
        }

        return null;
    }
}
