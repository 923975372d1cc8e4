<?php

declare(strict_types=1);

namespace XCartE2E;

use CloudLink\InforSync\Core\AfterCommit;
use XLite\Core\Database;

/**
 * Customers with customer sync on: an address edited in the address book reaches Infor, and a guest
 * who registers at checkout is the customer of the order. X-Cart keeps address fields in their own
 * rows (XLite\Model\AddressFieldValue) and saves them one field, one flush at a time; the profile row
 * is not written (classes/XLite/Model/Address.php).
 */
final class CustomerTest extends ShopTestCase
{
    /** A prefix of its own per test: profile ids start again with each test's fresh shop database. */
    private static $prefix;

    protected function setUp(): void
    {
        parent::setUp();
        self::$prefix = 'Q' . strtoupper(substr(bin2hex(random_bytes(2)), 0, 3));
        $this->saveSettings(['customer_template' => 'TEMPLATE', 'customer_prefix' => self::$prefix]);
    }

    public function testAnAddressEditedInTheAddressBookReachesInforOnce(): void
    {
        $login = 'anna.' . bin2hex(random_bytes(3)) . '@example.com';
        $profile = self::customer($login);
        $cuno = self::cuno($profile->getProfileId());
        self::endOfRequest();
        $this->deliverAll();
        $this->assertSame('Hauptstraße 5', self::inforCustomer($cuno)['CUA1'] ?? null, 'created with the billing address');

        // the admin edits the billing address in the address book: the form maps the posted fields
        // onto the address (View\Model\AModel::setModelProperties()) and saves it (Address::update())
        Database::getEM()->clear();
        $address = self::repo(\XLite\Model\Profile::class)->find($profile->getProfileId())->getBillingAddress();
        $address->map(['street' => 'Friedrichstraße 100', 'city' => 'Potsdam', 'zipcode' => '14467']);
        $address->update();
        self::endOfRequest();
        $this->deliverAll();

        $updates = self::queuedForCustomer($profile->getProfileId(), 'customer.updated');
        $this->assertCount(1, $updates, 'one customer.updated for the edit');
        $this->assertSame('done', $updates[0]['state']);
        $this->assertSame(['Friedrichstraße 100', 'Potsdam', '14467'],
            [$updates[0]['payload']['address']['street'], $updates[0]['payload']['address']['city'], $updates[0]['payload']['address']['zipcode']]);
        $infor = self::inforCustomer($cuno);
        $this->assertSame(['Friedrichstraße 100', 'Potsdam', '14467'], [$infor['CUA1'], $infor['TOWN'], $infor['PONO']],
            'the new address is in Infor');

        // a second address added to the book is a change of the customer too; nothing else changes
        $before = count(self::queuedForCustomer($profile->getProfileId(), 'customer.updated'));
        Database::getEM()->clear();
        $profile = self::repo(\XLite\Model\Profile::class)->find($profile->getProfileId());
        $work = self::address(['firstname' => 'Anna', 'lastname' => 'Schmidt', 'street' => 'Werkstraße 1',
            'city' => 'Berlin', 'zipcode' => '10117'], 'DE');
        $work->setProfile($profile);
        $profile->addAddresses($work);
        $work->create();
        self::endOfRequest();
        $this->deliverAll();
        $this->assertCount($before + 1, self::queuedForCustomer($profile->getProfileId(), 'customer.updated'));
        $this->assertNull(\CloudLink\InforSync\Core\LastError::get());
    }

    public function testAGuestWhoRegistersAtCheckoutIsTheCustomerOfTheOrder(): void
    {
        $number = self::orderNumber('XC-REG');
        $cart = $this->newOrder($number, [['MUG-LOGO', 'Mug with logo', 9.50, 1]]);
        $this->assertTrue($cart->getProfile()->getAnonymous(), 'checked out as a guest');

        self::place($cart, true);
        self::endOfRequest();
        $this->deliverAll();

        $order = self::reload($number);
        $account = $order->getOrigProfile();
        $this->assertNotNull($account, 'X-Cart made the account');
        $this->assertFalse($account->getAnonymous());
        $placed = self::queuedFor($number)['order.placed'] ?? [];
        $this->assertCount(1, $placed);
        $this->assertSame($account->getProfileId(), (int) $placed[0]['payload']['customer_id'], 'the new account is the customer');
        $infor = Sandbox::ordersFor($number);
        $this->assertCount(1, $infor);
        $this->assertSame(self::cuno($account->getProfileId()), $infor[0]['cuno'], "the account's own Infor customer");
        $this->assertSame('Hauptstraße 5', self::inforCustomer($infor[0]['cuno'])['CUA1'] ?? null);
    }

    /** The Infor customer number of a profile (customer_prefix + id, 10 characters). */
    private static function cuno(int $profileId): string
    {
        return self::$prefix . str_pad((string) $profileId, 10 - strlen(self::$prefix), '0', STR_PAD_LEFT);
    }

    private static function inforCustomer(string $cuno): ?array
    {
        foreach (Sandbox::control('GET', 'customers')['customers'] as $customer) {
            if ($customer['CUNO'] === $cuno) {
                return $customer;
            }
        }

        return null;
    }

    /** The end of the PHP request (its shutdown functions), where the add-on sends what still waits. */
    private static function endOfRequest(): void
    {
        if (class_exists(AfterCommit::class)) { // an add-on without it (an older one) sends at once
            AfterCommit::atShutdown();
        }
    }

    /** The events of $type the add-on queued for a profile (found through X-Cart's log). */
    private static function queuedForCustomer(int $profileId, string $type): array
    {
        $out = [];
        foreach (\XLite\Logger::standinRecords() as $record) {
            $id = $record['context']['id'] ?? null;
            if (is_string($id) && $record['message'] === 'enqueued ' . $type) {
                $event = \InforSync\event($id);
                if ($event !== null && (int) ($event['payload']['profile_id'] ?? 0) === $profileId) {
                    $out[] = $event;
                }
            }
        }

        return $out;
    }
}
