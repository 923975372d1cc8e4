<?php
/*
 * The stand-in's Extender with fixture modules (tests/xcart/fixtures): each test runs in its own
 * process, since PHP cannot redefine a class once its mixin chain is loaded; nothing may touch
 * the database (which maps every entity) before the modules are added.
 */

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use XCartStandin\Extender;
use XLite\Core\Database;
use XLite\Model\Order;
use XLite\Model\Product;
use XC\ProductVariants\Model\ProductVariant;

final class StandinMixinTest extends TestCase
{
    /**
     * @runInSeparateProcess
     * @preserveGlobalState disabled
     */
    public function testMixinLoaderAppliesFixtureModules(): void
    {
        $fixtures = __DIR__ . '/fixtures/Acme';
        // Acme\Later is added first but says @Extender\After("Acme\Sample")
        Extender::addModule('Acme-Later', "$fixtures/Later/src");
        Extender::addModule('Acme\Sample', "$fixtures/Sample/src");
        $this->assertFalse(class_exists(Order::class, false), 'Order must not be loaded before the modules are added');

        $order = new Order(['orderNumber' => '7']);
        $this->assertSame('L-A-7', $order->getOrderNumber());
        $this->assertSame(['Acme\Sample', 'Acme\Later'], $order->sampleMixins());
        $this->assertInstanceOf(\Acme\Sample\Model\Order::class, $order);
        $this->assertInstanceOf(\Acme\Later\Model\Order::class, $order);
        $this->assertSame(\Acme\Later\Model\Order::class, get_parent_class($order));
        // the add-on itself (registered by the bootstrap) first, then the fixture modules
        $this->assertSame(['CloudLink\InforSync\Model\Order', 'Acme\Sample\Model\Order', 'Acme\Later\Model\Order'],
                          Extender::getMixins(Order::class));

        // @Extender\Depend("Acme\Missing"): not enabled, so not applied and never defined
        $product = new Product();
        $product->setName('Real');
        $this->assertSame('Real', $product->getName());
        $this->assertFalse(class_exists('Acme\Sample\Module\Acme\Missing\Model\Product'));
        // @Extender\Depend({"XC\ProductVariants"}): enabled, so applied
        $variant = (new ProductVariant())->setSku('red-1');
        $this->assertSame('RED-1', $variant->getDisplaySku());
        // the stand-in's own code (repositories) hands out the composed class too
        Database::standinReset();
        Database::getEM()->persist($order);
        Database::getEM()->flush();
        $this->assertSame('L-A-7', Database::getRepo(Order::class)->find($order->getOrderId())->getOrderNumber());
    }
    /**
     * A mixin's columns and lifecycle callbacks are mapped as in X-Cart: the chain below the
     * composed entity is mapped superclasses.
     *
     * @runInSeparateProcess
     * @preserveGlobalState disabled
     */
    public function testMixinColumnsAndLifecycleCallbacksAreMapped(): void
    {
        Extender::addModule('Acme\Sample', __DIR__ . '/fixtures/Acme/Sample/src');
        Database::standinReset();
        $em = Database::getEM();
        $order = new Order(['orderNumber' => '9']);
        $order->setAcmeNote('hello');
        $em->persist($order);
        $em->flush();
        $this->assertSame(['persisted'], $order->acmeCalls, 'PostPersist on insert, no PostUpdate');
        $em->flush();
        $this->assertSame(['persisted'], $order->acmeCalls, 'nothing changed: no PostUpdate');
        $order->setNotes('changed');
        $em->flush();
        $this->assertSame(['persisted', 'updated'], $order->acmeCalls);
        $this->assertSame('hello', $em->getConnection()->fetchOne('SELECT acme_note FROM orders WHERE order_id = ?', [$order->getOrderId()]));
        $this->assertTrue($em->getClassMetadata(Order::class)->isInheritanceTypeSingleTable());
        $this->assertTrue($em->getClassMetadata(\Acme\Sample\Model\Order::class)->isMappedSuperclass);
    }
}
