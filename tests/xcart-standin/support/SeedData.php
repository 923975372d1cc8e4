<?php
/*
 * Stand-in only: the reference rows a fresh X-Cart database has (X-Cart installs them from its
 * fixtures, not in the public snapshot; the values are ISO's): order statuses, currencies,
 * some countries and US states, the default address fields.
 */
declare(strict_types=1);

namespace XCartStandin;

use XLite\Model\AddressField;
use XLite\Model\Country;
use XLite\Model\Currency;
use XLite\Model\State;

final class SeedData
{
    /** code => [ISO number, decimals, name] */
    private const CURRENCIES = [
        'EUR' => [978, 2, 'Euro'], 'USD' => [840, 2, 'US Dollar'], 'GBP' => [826, 2, 'Pound Sterling'],
        'PLN' => [985, 2, 'Zloty'], 'JPY' => [392, 0, 'Yen'], 'CHF' => [756, 2, 'Swiss Franc'],
    ];

    /** code => [code3, name, currency] */
    private const COUNTRIES = [
        'DE' => ['DEU', 'Germany', 'EUR'], 'US' => ['USA', 'United States', 'USD'], 'GB' => ['GBR', 'United Kingdom', 'GBP'],
        'PL' => ['POL', 'Poland', 'PLN'], 'JP' => ['JPN', 'Japan', 'JPY'], 'FR' => ['FRA', 'France', 'EUR'],
        'AT' => ['AUT', 'Austria', 'EUR'], 'CH' => ['CHE', 'Switzerland', 'CHF'], 'NL' => ['NLD', 'Netherlands', 'EUR'],
        'NO' => ['NOR', 'Norway', 'EUR'], 'SE' => ['SWE', 'Sweden', 'EUR'],
    ];

    private const US_STATES = ['NY' => 'New York', 'CA' => 'California', 'TX' => 'Texas', 'WA' => 'Washington', 'IL' => 'Illinois'];

    /** serviceName => label, in form order */
    private const ADDRESS_FIELDS = [
        'title' => 'Title', 'firstname' => 'First name', 'lastname' => 'Last name', 'street' => 'Address',
        'city' => 'City', 'country_code' => 'Country', 'state_id' => 'State', 'custom_state' => 'State',
        'zipcode' => 'Zip/postal code', 'phone' => 'Phone',
    ];

    public static function load(\Doctrine\ORM\EntityManagerInterface $em): void
    {
        foreach (\XLite\Model\Order\Status\Shipping::standinDefaults() as $position => [$code, $name]) {
            $em->persist(new \XLite\Model\Order\Status\Shipping(['code' => $code, 'name' => $name, 'position' => $position]));
        }
        foreach (\XLite\Model\Order\Status\Payment::standinDefaults() as $position => [$code, $name]) {
            $em->persist(new \XLite\Model\Order\Status\Payment(['code' => $code, 'name' => $name, 'position' => $position]));
        }
        $currencies = [];
        foreach (self::CURRENCIES as $code => [$number, $decimals, $name]) {
            $currencies[$code] = new Currency(['currency_id' => $number, 'code' => $code, 'e' => $decimals, 'name' => $name]);
            $em->persist($currencies[$code]);
        }
        foreach (self::COUNTRIES as $code => [$code3, $name, $currency]) {
            $country = new Country(['code' => $code, 'code3' => $code3, 'country' => $name]);
            $em->persist($country);
            if ($code === 'US') {
                foreach (self::US_STATES as $stateCode => $stateName) {
                    $state = new State(['code' => $stateCode, 'state' => $stateName]);
                    $state->setCountry($country);
                    $country->getStates()->add($state);
                    $em->persist($state);
                }
            }
        }
        $position = 0;
        foreach (self::ADDRESS_FIELDS as $serviceName => $label) {
            $em->persist(new AddressField(['serviceName' => $serviceName, 'name' => $label, 'position' => $position += 10]));
        }
        $em->flush();
        $em->clear();
    }
}
