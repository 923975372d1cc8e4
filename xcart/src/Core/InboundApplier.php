<?php

namespace CloudLink\InforSync\Core;

use XLite\Core\Database;

/**
 * Applies Infor's events to X-Cart entities. Runs inside the transaction of
 * Task\PullInbound (beginTransaction, apply, flush, commit), which acknowledges the event after it.
 * Every change is idempotent: a stock quantity is set, a known tracking number is skipped, a status
 * already reached is not set again.
 *
 * The variant part (XC\ProductVariants) is a mixin of this class in
 * src/Module/XC/ProductVariants/Core/InboundApplier.php, used only when that module is enabled.
 */
class InboundApplier implements InboundApplierInterface
{
    /** Shipping statuses in the order an order goes through them; Infor never moves one back. */
    public const SHIPPING_PROGRESS = ['N' => 0, 'P' => 1, 'S' => 2, 'D' => 3];

    /** @var array<string, mixed> the module's settings (checkboxes product_update_*) */
    protected $options;

    public function __construct(array $options = [])
    {
        $this->options = $options;
    }

    public function apply(string $type, array $payload): string
    {
        switch ($type) {
            case 'stock.changed':
                return $this->applyStock($payload);
            case 'product.changed':
                return $this->applyProduct($payload);
            case 'order.shipped':
                return $this->applyShipped($payload);
            case 'order.status':
                return $this->applyOrderStatus($payload);
        }

        return self::IGNORED;
    }

    // ---- stock.changed --------------------------------------------------------------------------

    protected function applyStock(array $payload): string
    {
        $sku = trim((string) ($payload['sku'] ?? ''));
        if ($sku === '') {
            return self::IGNORED;
        }
        $qty = self::quantity($payload['quantity'] ?? 0);

        $product = $this->findProductBySku($sku);
        if ($product) {
            if ((int) $product->getAmount() !== $qty) {
                $product->setAmount($qty);
            }

            return self::APPLIED;
        }

        return $this->applyVariantStock($sku, $qty) ? self::APPLIED : self::UNKNOWN_SKU;
    }

    /**
     * Stock of a variant; without XC\ProductVariants there are none (see the mixin).
     */
    protected function applyVariantStock(string $sku, int $qty): bool
    {
        return false;
    }

    /**
     * A product by SKU (not unique in X-Cart: the first one).
     *
     * @return \XLite\Model\Product|null
     */
    protected function findProductBySku(string $sku)
    {
        return Database::getRepo(\XLite\Model\Product::class)->findOneBySku($sku);
    }

    /**
     * Infor quantities are decimals; X-Cart keeps whole units (unsigned).
     *
     * @param mixed $q
     */
    public static function quantity($q): int
    {
        $f = is_numeric($q) ? (float) $q : 0.0;

        return $f <= 0 ? 0 : (int) floor($f + 1e-9);
    }

    // ---- product.changed ------------------------------------------------------------------------

    protected function applyProduct(array $payload): string
    {
        $sku = trim((string) ($payload['sku'] ?? ''));
        $product = $sku === '' ? null : $this->findProductBySku($sku);
        if (!$product) {
            return $this->applyVariantProduct($sku, $payload) ? self::APPLIED : self::UNKNOWN_SKU;
        }

        if ($this->option('product_update_name') && isset($payload['name']) && trim((string) $payload['name']) !== ''
            && (string) $product->getName() !== trim((string) $payload['name'])) {
            $product->setName(trim((string) $payload['name']));
        }
        if ($this->option('product_update_weight') && isset($payload['weight']) && is_numeric($payload['weight'])
            && (float) $payload['weight'] > 0 && abs((float) $product->getWeight() - (float) $payload['weight']) > 1e-6) {
            $product->setWeight((float) $payload['weight']);
        }
        if ($this->option('product_disable_blocked') && isset($payload['status']) && is_numeric($payload['status'])
            && (int) $payload['status'] >= 90 && $product->getEnabled()) {
            $product->setEnabled(false);
        }

        return self::APPLIED;
    }

    /**
     * Item data of a variant SKU: nothing to set on a variant (name, weight, status live on the product);
     * it is known, so it is not reported as unknown (see the mixin).
     */
    protected function applyVariantProduct(string $sku, array $payload): bool
    {
        return false;
    }

    // ---- order.shipped --------------------------------------------------------------------------

    protected function applyShipped(array $payload): string
    {
        $order = $this->findOrder($payload);
        if (!$order) {
            return self::UNKNOWN_ORDER;
        }
        $number = trim((string) ($payload['tracking_number'] ?? ''));
        if ($number !== '' && !$this->hasTrackingNumber($order, $number)) {
            $tn = new \XLite\Model\OrderTrackingNumber();
            $tn->setValue($number);
            $tn->setOrder($order);
            $order->addTrackingNumbers($tn);
            Database::getEM()->persist($tn);
        }
        // S once: X-Cart e-mails the customer when the flush moves the order to S (processShip);
        // an order already shipped or delivered is left as it is (no second mail, never back from D)
        $current = (string) $order->getShippingStatusCode();
        if (!in_array($current, ['S', 'D'], true)) {
            $order->setShippingStatus('S');
        }

        return self::APPLIED;
    }

    protected function hasTrackingNumber($order, string $number): bool
    {
        foreach (EventBuilder::iterate($order->getTrackingNumbers()) as $tn) {
            if (strcasecmp(trim((string) $tn->getValue()), $number) === 0) {
                return true;
            }
        }

        return (bool) Database::getRepo(\XLite\Model\OrderTrackingNumber::class)
            ->findOneBy(['order' => $order, 'value' => $number]);
    }

    // ---- order.status ---------------------------------------------------------------------------

    protected function applyOrderStatus(array $payload): string
    {
        $code = isset($payload['shipping_status']) ? trim((string) $payload['shipping_status']) : '';
        if ($code === '') {
            return self::IGNORED; // an Infor status the status map leaves out
        }
        $order = $this->findOrder($payload);
        if (!$order) {
            return self::UNKNOWN_ORDER;
        }
        $current = (string) $order->getShippingStatusCode();
        if ($current === $code) {
            return self::IGNORED;
        }
        if (isset(self::SHIPPING_PROGRESS[$current], self::SHIPPING_PROGRESS[$code])
            && self::SHIPPING_PROGRESS[$code] < self::SHIPPING_PROGRESS[$current]) {
            return self::IGNORED; // Infor lags behind the shop (an admin set it by hand): keep the shop's
        }
        $order->setShippingStatus($code);

        return self::APPLIED;
    }

    /**
     * @return \XLite\Model\Order|null
     */
    protected function findOrder(array $payload)
    {
        $number = trim((string) ($payload['order_number'] ?? ''));
        if ($number === '') {
            return null;
        }

        return Database::getRepo(\XLite\Model\Order::class)->findOneByOrderNumber($number);
    }

    protected function option(string $name): bool
    {
        $v = $this->options[$name] ?? false;

        return $v === true || $v === 1 || $v === '1' || $v === 'Y' || $v === 'on';
    }
}
