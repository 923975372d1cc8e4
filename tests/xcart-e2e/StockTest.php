<?php

declare(strict_types=1);

namespace XCartE2E;

use XLite\Core\Database;
use XC\ProductVariants\Model\ProductVariant;

/**
 * Stock changed in Infor reaches X-Cart's products and variants: the extension polls MMS060MI in
 * warehouses 100 and 200 (stock_mode sum, on hand), the cron task sets the amounts.
 */
final class StockTest extends ShopTestCase
{
    public function testStockChangedInInforUpdatesProductAndVariantAmounts(): void
    {
        $mug = new \XLite\Model\Product(['sku' => 'MUG-LOGO', 'name' => 'Mug', 'inventoryEnabled' => true, 'amount' => 3]);
        $shirt = new \XLite\Model\Product(['sku' => 'TSHIRT', 'name' => 'T-shirt', 'inventoryEnabled' => true, 'amount' => 0]);
        $black = new ProductVariant(['product' => $shirt, 'sku' => 'TSHIRT-BLK-M', 'variant_id' => 'BLK-M']);
        $white = new ProductVariant(['product' => $shirt, 'sku' => 'TSHIRT-WHT-L', 'variant_id' => 'WHT-L']);
        foreach ([$mug, $shirt, $black, $white] as $entity) {
            Database::getEM()->persist($entity);
        }
        Database::getEM()->flush();
        $this->assertTrue($black->getDefaultAmount(), 'a new variant uses the product stock');

        // Infor's stock changes in both warehouses
        Sandbox::control('POST', 'stock', ['WHLO' => '100', 'ITNO' => 'MUG-LOGO', 'STQT' => '25', 'ALQT' => '0']);
        Sandbox::control('POST', 'stock', ['WHLO' => '200', 'ITNO' => 'TSHIRT-BLK-M', 'STQT' => '45', 'ALQT' => '2']);
        Sandbox::control('POST', 'stock', ['WHLO' => '100', 'ITNO' => 'TSHIRT-WHT-L', 'STQT' => '7', 'ALQT' => '0']);
        // an item stocked in Infor but not sold in this shop
        $notSold = 'NOSHOP-' . strtoupper(bin2hex(random_bytes(3)));
        Sandbox::control('POST', 'items', ['ITNO' => $notSold, 'ITDS' => 'Not sold in the shop']);
        Sandbox::control('POST', 'stock', ['WHLO' => '100', 'ITNO' => $notSold, 'STQT' => '3']);
        $expected = self::onHandSums(['MUG-LOGO', 'TSHIRT-BLK-M', 'TSHIRT-WHT-L']);

        $this->runCronUntil(static function () use ($mug, $black, $white, $expected, $notSold) {
            return $mug->getAmount() === $expected['MUG-LOGO'] && !$black->getDefaultAmount()
                && $black->getAmount() === $expected['TSHIRT-BLK-M'] && $white->getAmount() === $expected['TSHIRT-WHT-L']
                && in_array($notSold, \CloudLink\InforSync\Core\InboundStats::get()['unknown_skus'] ?? [], true);
        }, 30, 'stock of ' . json_encode($expected) . " and $notSold reported");

        $this->assertSame($expected['MUG-LOGO'], $mug->getAmount(), 'product amount: on hand in 100 + 200');
        $this->assertSame($expected['TSHIRT-BLK-M'], $black->getAmount(), 'variant amount: its own stock now');
        $this->assertFalse($white->getDefaultAmount());
        $this->assertSame(0, $shirt->getAmount(), 'the product of the variants keeps its own amount');

        // the item not sold here: reported, not fatal, acknowledged
        $stats = \CloudLink\InforSync\Core\InboundStats::get();
        $this->assertContains($notSold, $stats['unknown_skus']);
        $this->assertSame(0, (int) ($stats['totals']['failed'] ?? 0));
        $waiting = array_filter(\InforSync\inbound(1000), static fn ($e) => ($e['payload']['sku'] ?? '') === $notSold);
        $this->assertSame([], array_values($waiting), 'the unknown SKU was acknowledged, not retried forever');
    }

    /** On hand (STQT) summed over warehouses 100 and 200, per item, as the sandbox holds it now. */
    private static function onHandSums(array $items): array
    {
        $sums = array_fill_keys($items, 0);
        foreach (Sandbox::control('GET', 'stock')['stock'] as $balance) {
            if (isset($sums[$balance['ITNO']]) && in_array($balance['WHLO'], ['100', '200'], true)) {
                $sums[$balance['ITNO']] += (int) floor((float) $balance['STQT']);
            }
        }

        return $sums;
    }
}
