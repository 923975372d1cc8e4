<?php
/*
 * The X-Cart 5.5 stand-in itself (tests/xcart-standin): the behaviours the
 * add-on's tests rely on, as /work/shared/reference/xcart-5.5.md describes them.
 */

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use XCartStandin\Extender;
use XLite\Core\Database;
use XLite\Core\Mailer;
use XLite\Model\Order;
use XLite\Model\OrderTrackingNumber;
use XLite\Model\Product;
use XC\ProductVariants\Model\ProductVariant;

final class StandinTest extends TestCase
{
    protected function setUp(): void
    {
        Database::standinReset();
    }

    private function placedOrder(string $number, string $shipping = 'P'): Order
    {
        $order = new Order(['orderNumber' => $number]);
        $order->setShippingStatus($shipping);
        $order->setPaymentStatus('P');
        Database::getEM()->persist($order);
        Database::getEM()->flush();
        return $order;
    }

    private function ship(Order $order, string $number): OrderTrackingNumber
    {
        $tn = new OrderTrackingNumber();
        $tn->setValue($number);
        $tn->setOrder($order);
        $order->addTrackingNumbers($tn);
        Database::getEM()->persist($tn);
        $order->setShippingStatus(\XLite\Model\Order\Status\Shipping::STATUS_SHIPPED);
        Database::getEM()->flush();
        return $tn;
    }

    public function testShippingStatusSSendsOneShippedMail(): void
    {
        $order = $this->placedOrder('1001');
        $this->assertSame([], Mailer::standinSent());
        $tn = $this->ship($order, '1Z999');
        $sent = Mailer::standinSent();
        $this->assertCount(1, $sent);
        $this->assertSame('order_shipped', $sent[0]['type']);
        $this->assertSame($order->getOrderId(), $sent[0]['orderId']);
        $this->assertSame(['1Z999'], $sent[0]['trackingNumbers']);
        $this->assertNotNull($tn->getTrackingId());
        $this->assertSame('S', $order->getShippingStatusCode());
        $this->assertSame('S', $order->getShippingStatus()->getCode());
        $history = \XLite\Core\OrderHistory::standinEvents($order->getOrderId());
        $this->assertSame(['type' => 'shipping', 'old' => 'P', 'new' => 'S'], $history[0]['data']);
        $this->assertSame($tn, Database::getRepo(OrderTrackingNumber::class)->findOneBy(['order' => $order, 'value' => '1Z999']));
    }

    public function testSettingSAgainSendsNothing(): void
    {
        $order = $this->placedOrder('1002');
        $this->ship($order, 'A');
        $order->setShippingStatus('S');
        Database::getEM()->flush();
        $this->assertCount(1, Mailer::standinSent('order_shipped'));
        $this->assertCount(0, Mailer::standinSent('order_changed'));
    }

    public function testIgnoredNotificationsSendNoMail(): void
    {
        $order = $this->placedOrder('1003');
        $this->assertFalse($order->setIgnoreCustomerNotifications(true), 'returns the old value');
        $this->ship($order, 'B');
        $this->assertSame([], Mailer::standinSent());
        $this->assertSame('S', $order->getShippingStatusCode());
        $this->assertTrue($order->setIsNotificationsAllowedFlag(false));
    }

    public function testOtherStatusChangeSendsChangedMail(): void
    {
        $order = $this->placedOrder('1004');
        $order->setShippingStatus(4); // an id works too: N=1, P=2, S=3, D=4
        Database::getEM()->flush();
        $this->assertSame('D', $order->getShippingStatusCode());
        $this->assertCount(1, Mailer::standinSent('order_changed'));
        $this->assertCount(0, Mailer::standinSent('order_shipped'));
    }

    public function testFlushInTransactionCommits(): void
    {
        $em = Database::getEM();
        $em->beginTransaction();
        $em->persist((new Product())->setSku('TX-1')->setAmount(5));
        $em->flush();
        $em->commit();
        $product = Database::getRepo(Product::class)->findOneBySku('TX-1');
        $this->assertNotNull($product);
        $this->assertSame(5, $product->getAmount());
    }

    public function testRollbackDiscardsTheRowsButNotTheObjects(): void
    {
        $em = Database::getEM();
        $kept = (new Product())->setSku('KEEP')->setAmount(7);
        $em->persist($kept);
        $em->flush();

        $em->beginTransaction();
        $em->persist((new Product())->setSku('GONE'));
        $kept->setAmount(1);
        $em->flush();
        $this->assertNotNull(Database::getRepo(Product::class)->findOneBySku('GONE'), 'visible inside the transaction');
        $em->rollback();

        // Doctrine rolls the database back, not the managed objects: they keep the changes,
        // and the next flush would write them again (what the add-on's clear() is for)
        $this->assertSame(1, $kept->getAmount());
        $em->clear();
        $this->assertNull(Database::getRepo(Product::class)->findOneBySku('GONE'));
        $this->assertSame(7, Database::getRepo(Product::class)->findOneBySku('KEEP')->getAmount());
        $this->assertSame(0, $em->getConnection()->getTransactionNestingLevel());
    }

    public function testAFailedFlushClosesTheEntityManagerAndXCartStartsANewOne(): void
    {
        $em = Database::getEM();
        try {
            $em->wrapInTransaction(function ($em) {
                $em->persist((new Product())->setSku('W'));
                $em->flush();
                throw new RuntimeException('boom');
            });
            $this->fail('no exception');
        } catch (RuntimeException $e) {
            $this->assertSame('boom', $e->getMessage());
        }
        $this->assertFalse($em->isOpen(), 'Doctrine closes the entity manager');
        try {
            $em->persist((new Product())->setSku('X'));
            $this->fail('a closed entity manager takes nothing');
        } catch (\Doctrine\ORM\Exception\EntityManagerClosed $e) {
        }
        Database::getInstance()->startEntityManager();
        $this->assertNotSame($em, Database::getEM());
        $this->assertTrue(Database::getEM()->isOpen());
        $this->assertNull(Database::getRepo(Product::class)->findOneBySku('W'));

        // a row the database refuses (two currencies with one code) closes it too
        $em = Database::getEM();
        $em->persist(new \XLite\Model\Currency(['currency_id' => 1, 'code' => 'EUR']));
        try {
            $em->flush();
            $this->fail('duplicate currency code accepted');
        } catch (\Doctrine\DBAL\Exception\UniqueConstraintViolationException $e) {
        }
        $this->assertFalse($em->isOpen());
    }

    public function testPersistWithoutFlushIsNotFound(): void
    {
        Database::getEM()->persist((new Product())->setSku('NF'));
        $this->assertNull(Database::getRepo(Product::class)->findOneBySku('NF'));
    }

    public function testRepositoriesFindProductsAndVariantsBySku(): void
    {
        $em = Database::getEM();
        $product = (new Product())->setSku('SHIRT')->setAmount(10);
        $product->setName('Shirt');
        $variant = (new ProductVariant())->setProduct($product)->setSku('SHIRT-RED')->setVariantId('V1');
        $bare = (new ProductVariant())->setProduct($product)->setVariantId('V2');
        $em->persist($product);
        $em->persist($variant);
        $em->persist($bare);
        $em->flush();

        $this->assertSame($product, Database::getRepo('\XLite\Model\Product')->findOneBySku('SHIRT'));
        $this->assertSame($product, Database::getRepo(Product::class)->findOneBy(['sku' => 'SHIRT']));
        $this->assertSame($product, Database::getRepo(Product::class)->find($product->getProductId()));
        $this->assertNull(Database::getRepo(Product::class)->findOneBySku('SHIRT-RED'));
        $this->assertSame($variant, Database::getRepo('XC\ProductVariants\Model\ProductVariant')->findOneBySku('SHIRT-RED'));
        $this->assertSame('SHIRT', $bare->getDisplaySku());
        $this->assertNull($bare->getSku());

        $em->clear();
        $product = Database::getRepo(Product::class)->findOneBySku('SHIRT');
        $variant = Database::getRepo('XC\ProductVariants\Model\ProductVariant')->findOneBySku('SHIRT-RED');
        $this->assertSame('Shirt', $product->getName(), 'the name is a translation row');

        // stock: the variant uses the product's until defaultAmount is false
        $this->assertTrue($variant->getDefaultAmount());
        $variant->changeAmount(-3);
        $this->assertSame(10, $variant->getAmount());
        $variant->setDefaultAmount(false);
        $variant->setAmount(4);
        $variant->changeAmount(-6);
        $this->assertSame(0, $variant->getAmount());
        $product->setAmount(-5);
        $this->assertSame(0, $product->getAmount());
        $product->setInventoryEnabled(false);
        $product->changeAmount(3);
        $this->assertSame(0, $product->getAmount());

        // the XC\ProductVariants OrderItem mixin copies SKU and price
        $item = new \XLite\Model\OrderItem();
        $this->assertInstanceOf(\XC\ProductVariants\Model\OrderItem::class, $item);
        $product->setPrice(9.5);
        $item->setVariant($variant);
        $this->assertSame('SHIRT-RED', $item->getSku());
        $this->assertSame(9.5, $item->getPrice());
    }

    public function testAddressDynamicGetters(): void
    {
        $address = new \XLite\Model\Address(['firstname' => 'Ann', 'lastname' => 'Lee', 'street' => '1 Main St',
            'city' => 'Oslo', 'zipcode' => '0150', 'phone' => '+47 1', 'title' => 'Ms']);
        $address->setCountry(new \XLite\Model\Country(['code' => 'NO']));
        $address->setCustomState('Oslo fylke');
        $address->setIsBilling(true);
        $this->assertSame('Ann', $address->getFirstname());
        $this->assertSame('Lee', $address->getLastname());
        $this->assertSame('1 Main St', $address->getStreet());
        $this->assertSame('Oslo', $address->getCity());
        $this->assertSame('0150', $address->getZipcode());
        $this->assertSame('+47 1', $address->getPhone());
        $this->assertSame('Ms', $address->getTitle());
        $this->assertSame('NO', $address->getCountryCode());
        $this->assertSame('NO', $address->getCountry()->getCode());
        $this->assertSame('Oslo fylke', $address->getCustomState());
        $this->assertSame('Oslo fylke', $address->getStateName());
        $this->assertInstanceOf(\XLite\Model\State::class, $address->getState());
        $this->assertSame('', $address->getState()->getCode());
        $this->assertNull($address->getFax());

        $profile = new \XLite\Model\Profile(['login' => 'ann@example.com']);
        $profile->addAddresses($address);
        $this->assertSame($address, $profile->getBillingAddress());
        $this->assertNull($profile->getShippingAddress());
        $this->assertSame('Ann Lee', $profile->getName());
        $this->assertSame('ann@example.com', $profile->getEmail());
    }

    public function testSurchargesAndConfig(): void
    {
        $order = new Order();
        foreach ([['shipping', 'SHIPPING', false, 5.0], ['tax', 'CDEV.STAX', false, 2.0],
                     ['tax', 'VAT', true, 3.0], ['discount', 'DCOUPON', false, -4.0]] as [$type, $code, $include, $value]) {
            $order->addSurcharges(new \XLite\Model\Order\Surcharge(['type' => $type, 'code' => $code, 'include' => $include, 'value' => $value]));
        }
        $this->assertSame(5.0, $order->getSurchargesSubtotal(\XLite\Model\Base\Surcharge::TYPE_SHIPPING, false));
        $this->assertSame(2.0, $order->getSurchargesSubtotal(\XLite\Model\Base\Surcharge::TYPE_TAX, false));
        $this->assertSame(5.0, $order->getSurchargesSubtotal('tax'));
        $this->assertSame(-4.0, $order->getSurchargesSubtotal('discount', false));
        $this->assertCount(2, $order->getSurchargesByType('tax'));

        $repo = Database::getRepo('XLite\Model\Config');
        $repo->createOption(['category' => 'CloudLink\InforSync', 'name' => 'flag', 'value' => true, 'type' => 'XLite\View\FormField\Input\Checkbox\OnOff']);
        $repo->createOption(['category' => 'CloudLink\InforSync', 'name' => 'box', 'value' => '1', 'type' => 'checkbox']);
        $this->assertNull(\XLite\Core\Config::getInstance()->CloudLink->InforSync, 'not re-read yet'); // an unknown author reads as an empty ConfigCell
        $config = \XLite\Core\Config::updateInstance();
        $this->assertSame('1', $config->CloudLink->InforSync->flag);
        $this->assertTrue($config->CloudLink->InforSync->box);
        $this->assertNull($config->CloudLink->InforSync->missing);
    }

    public function testPeriodicTaskAndAdminController(): void
    {
        $task = new StandinSampleTask();
        \XCartStandin\Clock::set(1000);
        try {
            $row = new \XLite\Model\Task(['owner' => get_class($task)]);
            Database::getEM()->persist($row);
            Database::getEM()->flush();
            $event = new \XCart\Event\Task\CronEvent();
            $event->setStartTime(1000);
            $event->setSleepTime(0);
            $task->handleTask($event);
            $this->assertSame(1, $task->runs);
            $this->assertSame(1300, $row->getTriggerTime());
            $task->handleTask($event);
            $this->assertSame(1, $task->runs, 'not expired yet');
            \XCartStandin\Clock::set(1301);
            $event->setStartTime(1301);
            $task->handleTask($event);
            $this->assertSame(2, $task->runs);
        } finally {
            \XCartStandin\Clock::set(null);
        }
        Database::getEM()->remove($row);
        Database::getEM()->flush();
        $this->expectException(Error::class); // a missing Task row is fatal
        $event = new \XCart\Event\Task\CronEvent();
        $event->setStartTime(2000);
        $task->handleTask($event);
    }

    public function testAdminControllerDispatchAndUrls(): void
    {
        $controller = new class extends \XLite\Controller\Admin\AAdmin {
            public array $calls = [];
            public function getTitle() { return 'Status'; }
            protected function doActionFooBar() { $this->calls[] = 'fooBar'; \XLite\Core\TopMessage::addInfo('Done {{n}}', ['n' => 2]); }
            protected function doNoAction() { $this->calls[] = 'none'; }
        };
        \XLite\Core\Request::getInstance()->standinSet(['target' => 'x', 'action' => 'foo_bar'], 'POST');
        $controller->handleRequest();
        \XLite\Core\Request::getInstance()->standinSet(['target' => 'x']);
        $controller->handleRequest();
        $this->assertSame(['fooBar', 'none'], $controller->calls);
        $this->assertSame('Done 2', \XLite\Core\TopMessage::getInstance()->getMessages()[0]['text']);
        $this->assertSame('admin.php?target=infor_sync_status&action=retry&id=5',
            \XLite\Core\Converter::buildURL('infor_sync_status', 'retry', ['id' => 5]));
        \XLite\Core\Auth::getInstance()->standinSetPermissions([]);
        $this->assertFalse($controller->checkACL());
        $this->expectException(\XCartStandin\AccessDenied::class);
        $controller->handleRequest();
    }

    public function testProfileRepositoryFindsTheRegisteredAccountOfALogin(): void
    {
        $registered = new \XLite\Model\Profile(['login' => 'ann@example.com']);
        $guest = new \XLite\Model\Profile(['login' => 'ann@example.com']);
        $guest->setAnonymous(true);
        Database::getEM()->persist($guest);
        Database::getEM()->persist($registered);
        Database::getEM()->flush();

        /** @var \XLite\Model\Repo\Profile $repo */
        $repo = Database::getRepo(\XLite\Model\Profile::class);
        $this->assertInstanceOf(\XCart\Security\UserRepositoryInterface::class, $repo);
        $this->assertSame($registered, $repo->loadUserByIdentifier('ann@example.com'));
        $this->assertNull($repo->loadUserByIdentifier('bob@example.com'));

        $repo->upgradePassword($registered, 'new-hash');
        Database::getEM()->clear();
        $this->assertSame('new-hash', $repo->loadUserByIdentifier('ann@example.com')->getPassword());
    }

    public function testWidgetsHandlerParametersAndLabels(): void
    {
        $field = new \XLite\View\FormField\Input\Text(['fieldName' => 'company', 'value' => ' 200 ']);
        $this->assertSame('company', $field->getName());
        $this->assertSame(' 200 ', $field->getValue());
        $this->assertSame(255, mb_strlen($field->prepareRequestData(str_repeat('x', 300))), 'maxlength defaults to 255');
        $this->assertSame('admin.php?target=module&moduleId=A-B', $field->buildURL('module', '', ['moduleId' => 'A-B']));
        $this->assertSame('class="a b" data-x="1"', \XLite\View\AView::convertToHtmlAttributeString(['CLASS' => ['a', 'b'], 'data-x' => ' 1 ']));
        $this->assertSame('Done 2', \XLite\Base\SuperClass::standinTranslate('Done {{n}}', ['n' => 2]));
        $this->assertFalse((new \ReflectionMethod(\XLite\View\AView::class, 't'))->isPublic(), 't() is protected, as in X-Cart');
    }

    public function testLogger(): void
    {
        \XLite\Logger::getLogger('CloudLink-InforSync')->info('hello', ['a' => 1]);
        $records = \XLite\Logger::standinRecords('CloudLink-InforSync');
        $this->assertSame('info', $records[0]['level']);
        $this->assertSame('hello', $records[0]['message']);
        $this->assertStringEndsWith('CloudLink-InforSync.INFO: hello', \XLite\Logger::standinFormat($records[0]));
    }
}

/** A periodic task (a named class: X-Cart's lock file is named after the task class). */
class StandinSampleTask extends \XLite\Core\Task\Base\Periodic
{
    public int $runs = 0;

    public function getTitle()
    {
        return 'Sample';
    }

    protected function runStep()
    {
        $this->runs++;
    }

    protected function getPeriod()
    {
        return static::INT_5_MIN;
    }
}
