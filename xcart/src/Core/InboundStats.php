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
        LastError::writeJson(self::path(), $stats);
    }
}
