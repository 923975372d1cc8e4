<?php

namespace CloudLink\InforSync\Core;

/**
 * Applies one inbound event to the shop (inside the transaction InboundProcessor opened).
 */
interface InboundApplierInterface
{
    public const APPLIED = 'applied';
    public const IGNORED = 'ignored';
    public const UNKNOWN_SKU = 'unknown_sku';
    public const UNKNOWN_ORDER = 'unknown_order';

    /**
     * @param string $type    stock.changed, product.changed, order.shipped, order.status
     * @param array  $payload as docs/events.md "Inbound events"
     *
     * @return string one of the constants
     */
    public function apply(string $type, array $payload): string;
}
