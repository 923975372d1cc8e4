<?php

namespace CloudLink\InforSync\Core;

/**
 * Counters of the inbound cron task (applied, unknown SKUs, failures) and its last run, for the
 * monitoring page. A JSON file next to LastError's. Plain PHP.
 */
final class InboundStats
{
    public const FILE = 'xcart-module-inbound.json';

    public static function path(): string
    {
        return LastError::dir() . '/' . self::FILE;
    }

    public static function get(): array
    {
        return LastError::readJson(self::path()) ?? [
            'last_run' => null, 'totals' => [], 'last' => null, 'unknown_skus' => [], 'unknown_orders' => [],
        ];
    }

    /**
     * Adds one run's report (InboundProcessor::run()) to the totals.
     */
    public static function add(array $report): void
    {
        $stats = self::get();
        $stats['last_run'] = time();
        $stats['last'] = $report;
        $totals = $stats['totals'] ?? [];
        foreach (['fetched', 'applied', 'acked', 'unknown_sku', 'unknown_order', 'ignored', 'failed'] as $k) {
            $totals[$k] = (int) ($totals[$k] ?? 0) + (int) ($report[$k] ?? 0);
        }
        $stats['totals'] = $totals;
        foreach (['unknown_skus' => 'unknown_sku_list', 'unknown_orders' => 'unknown_order_list'] as $keep => $from) {
            $list = array_merge($stats[$keep] ?? [], $report[$from] ?? []);
            $stats[$keep] = array_slice(array_values(array_unique($list)), -20);
        }
        $stats['failing'] = self::failing($stats['failing'] ?? [], $report);
        unset($stats['last']['done_ids']);
        LastError::writeJson(self::path(), $stats);
    }

    /** A run that found another one applying the events and left them to it. */
    public static function skipped(): void
    {
        $stats = self::get();
        $stats['skipped_runs'] = (int) ($stats['skipped_runs'] ?? 0) + 1;
        $stats['last_skipped'] = time();
        LastError::writeJson(self::path(), $stats);
    }

    /**
     * The events whose last attempt failed, by event id: type, reason, attempts, first and last time.
     * An event applied since is no longer failing.
     */
    private static function failing(array $failing, array $report): array
    {
        foreach ($report['done_ids'] ?? [] as $id) {
            unset($failing[$id]);
        }
        foreach ($report['errors'] ?? [] as $error) {
            $id = (string) ($error['id'] ?? '');
            if ($id === '') {
                continue;
            }
            $entry = $failing[$id] ?? ['first_at' => time(), 'attempts' => 0];
            $entry['type'] = (string) ($error['type'] ?? '');
            $entry['reason'] = (string) ($error['message'] ?? '');
            $entry['last_at'] = time();
            $entry['attempts']++;
            $failing[$id] = $entry;
        }
        uasort($failing, static function ($a, $b) {
            return $b['last_at'] <=> $a['last_at'];
        });

        return array_slice($failing, 0, 50, true);
    }
}
