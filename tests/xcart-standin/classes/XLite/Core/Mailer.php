<?php
/*
 * XLite\Core\Mailer (classes/XLite/Core/Mailer.php).  The stand-in sends
 * nothing: it records each mail (standinSent()) so tests can count them.
 * X-Cart also drops a mail whose class is disabled (isEnabled(), §2.7); every
 * mail is enabled here unless standinDisable() says otherwise [inferred].
 */
declare(strict_types=1);

namespace XLite\Core;

class Mailer extends \XLite\Base\Singleton
{
    /** @var list<array{type: string, order: ?\XLite\Model\Order, orderId: ?int}> */
    private static array $sent = [];
    private static array $disabled = [];

    /** Order shipped (§2.7: sent by Order::processShip() on a non-S -> S change) */
    public static function sendOrderShipped(\XLite\Model\Order $order)
    {
        static::standinRecord('order_shipped', $order);
    }

    /** Order status changed (§2.7: other status changes) */
    public static function sendOrderChanged(\XLite\Model\Order $order, $ignoreCustomerNotification = false)
    {
        static::standinRecord('order_changed', $order);
    }

    /** [inferred name] the "order created" mail of Order::processSucceed() (§2.1) */
    public static function sendOrderCreated(\XLite\Model\Order $order)
    {
        static::standinRecord('order_created', $order);
    }

    /** Mailer.php:62 — "account created" (checkout sends it for a guest who registers) */
    public static function sendProfileCreated(\XLite\Model\Profile $profile, $password = null, $byCheckout = false)
    {
        static::standinRecord('profile_created', null);
    }

    /** The separate tracking-information mail (Mailer.php:142) */
    public static function sendOrderTrackingInformationCustomer(\XLite\Model\Order $order)
    {
        static::standinRecord('order_tracking_information', $order);
    }

    protected static function standinRecord(string $type, ?\XLite\Model\Order $order): void
    {
        if (!empty(self::$disabled[$type])) {
            return;
        }
        self::$sent[] = ['type' => $type, 'order' => $order, 'orderId' => $order?->getOrderId(),
            'trackingNumbers' => $order ? array_map(static fn ($t) => $t->getValue(), $order->getTrackingNumbers()->toArray()) : []];
    }

    /** Stand-in only: the mails sent so far, optionally only one type ('order_shipped', ...). */
    public static function standinSent(?string $type = null): array
    {
        return array_values(array_filter(self::$sent, static fn ($m) => $type === null || $m['type'] === $type));
    }

    public static function standinDisable(string $type, bool $disabled = true): void
    {
        self::$disabled[$type] = $disabled;
    }

    public static function standinReset(): void
    {
        self::$sent = [];
        self::$disabled = [];
    }
}
