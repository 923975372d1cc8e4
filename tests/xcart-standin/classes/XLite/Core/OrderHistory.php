<?php
// XLite\Core\OrderHistory (classes/XLite/Core/OrderHistory.php). Records events in memory (standinEvents()).
declare(strict_types=1);

namespace XLite\Core;

class OrderHistory extends \XLite\Base\Singleton
{
    const CODE_PLACE_ORDER = 'PLACE ORDER';                  // [inferred value]
    const CODE_CHANGE_STATUS_ORDER = 'CHANGE STATUS ORDER';  // [inferred value]
    const CODE_ORDER_TRACKING = 'ORDER TRACKING';            // :33 [inferred value]

    private static array $events = [];

    /** registerEvent($orderId, $code, $description, array $data = [], $comment = '', $details = []) :73 */
    public function registerEvent($orderId, $code, $description, array $data = [], $comment = '', $details = [])
    {
        self::$events[] = compact('orderId', 'code', 'description', 'data', 'comment', 'details');
    }

    /** [inferred] written by processSucceed() */
    public function registerPlaceOrder($orderId)
    {
        $this->registerEvent($orderId, static::CODE_PLACE_ORDER, 'Order placed');
    }

    /** :3273 of Order.php calls it after a status change; $change = ['type' => 'shipping'|'payment', 'old' => code, 'new' => code] [inferred shape] */
    public function registerOrderChangeStatus($orderId, $change)
    {
        $this->registerEvent($orderId, static::CODE_CHANGE_STATUS_ORDER, 'Order status changed', (array)$change);
    }

    /** :581 — a payment transaction (BackendTransaction::registerTransactionInOrderHistory()) */
    public function registerTransaction($orderId, $description, $details = [], $comment = '')
    {
        $this->registerEvent($orderId, 'TRANSACTION', $description, [], $comment, $details);
    }

    /** registerTrackingInfoUpdate($orderId, $added, $removed, $changed) :458 (the core never calls it) */
    public function registerTrackingInfoUpdate($orderId, $added, $removed, $changed)
    {
        $this->registerEvent($orderId, static::CODE_ORDER_TRACKING, 'Tracking information updated',
            ['added' => $added, 'removed' => $removed, 'changed' => $changed]);
    }

    public static function standinEvents(?int $orderId = null): array
    {
        return array_values(array_filter(self::$events, static fn ($e) => $orderId === null || (int)$e['orderId'] === $orderId));
    }

    public static function standinReset(): void
    {
        self::$events = [];
    }
}
