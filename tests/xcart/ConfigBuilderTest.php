<?php

use CloudLink\InforSync\Core\ConfigBuilder;
use CloudLink\InforSync\Core\Money;
use PHPUnit\Framework\TestCase;

final class ConfigBuilderTest extends TestCase
{
    public function testBuildsTheBusinessSettings(): void
    {
        [$config, $errors] = ConfigBuilder::build([
            'cono' => '100', 'divi' => 'aaa', 'order_type' => ' DTC ', 'facility' => '100', 'warehouse' => '100',
            'default_customer' => 'webshop', 'stock_warehouses' => '100, 200;300', 'stock_quantity' => 'On_Hand',
            'guest_rule' => '', 'payment_posting' => 'cash_desk', 'cash_desk' => 'cd1',
            'status_map_payment' => "D=cancel\nC = cancel, R:none", 'status_map_infor' => '22=p,66=S',
            'product_update_name' => true, 'rate_refresh' => '', 'extra_json' => '{"lookups":{"carrier":{"Courier":"DHL"}}}',
        ]);
        $this->assertSame([], $errors);
        $this->assertSame(100, $config['cono']);
        $this->assertSame('AAA', $config['divi']);
        $this->assertSame('DTC', $config['order_type']);
        $this->assertSame('WEBSHOP', $config['default_customer']);
        $this->assertSame(['100', '200', '300'], $config['stock_warehouses']);
        $this->assertSame('on_hand', $config['stock_quantity']);
        $this->assertArrayNotHasKey('guest_rule', $config, 'empty means unset');
        $this->assertArrayNotHasKey('product_update_name', $config, 'module-only options stay in X-Cart');
        $this->assertSame(['payment' => ['D' => 'cancel', 'C' => 'cancel', 'R' => 'none'],
            'infor_to_shipping' => ['22' => 'P', '66' => 'S']], $config['status_map']);
        $this->assertSame(['carrier' => ['Courier' => 'DHL']], $config['lookups']);
    }

    public function testReportsWhatTheExtensionWouldNotUnderstand(): void
    {
        [, $errors] = ConfigBuilder::build(['status_map_shipping' => 'S cancel', 'extra_json' => '[1,2]']);
        $this->assertSame(['status_map.shipping', 'extra_json'], array_column($errors, 'path'));
    }

    public function testPollingIntervals(): void
    {
        [$config, $errors] = ConfigBuilder::build(['poll_stock_interval' => ' 60 ', 'poll_items_interval' => '0',
            'poll_shipments_interval' => '', 'ionapi_upload' => '{"cs":"secret"}']);
        $this->assertSame([], $errors);
        $this->assertSame(60, $config['poll_stock_interval']);
        $this->assertSame(0, $config['poll_items_interval'], '0 is "off", not "unset"');
        $this->assertArrayNotHasKey('poll_shipments_interval', $config, 'empty: the php.ini value');
        $this->assertArrayNotHasKey('ionapi_upload', $config, 'credentials never go into the business settings');

        // not a number: passed on for the extension to refuse with the path
        [$config] = ConfigBuilder::build(['poll_stock_interval' => '5m']);
        $this->assertSame('5m', $config['poll_stock_interval']);
        $this->assertSame('poll_stock_interval', ConfigBuilder::optionForPath('poll_stock_interval'));
    }

    /** The values as X-Cart's settings form stores them: Integer fields as ints (0 when left empty), checkboxes as bools */
    public function testValuesAsTheSettingsFormStoresThem(): void
    {
        [$config, $errors] = ConfigBuilder::build(['cono' => 0, 'rate_refresh' => 0, 'divi' => 'AAA', 'product_update_name' => true]);
        $this->assertSame([], $errors);
        $this->assertSame(['divi' => 'AAA'], $config, 'an empty Integer field (0) is unset; checkboxes are not business settings');

        [$config] = ConfigBuilder::build(['cono' => 200, 'rate_refresh' => 7200]);
        $this->assertSame(['cono' => 200, 'rate_refresh' => 7200], $config);
        [$config] = ConfigBuilder::build(['cono' => -5]);
        $this->assertSame(['cono' => '-5'], $config, 'left to the extension, which names the field');
    }

    public function testOptionForPath(): void
    {
        $this->assertSame('divi', ConfigBuilder::optionForPath('divi'));
        $this->assertSame('status_map_infor', ConfigBuilder::optionForPath('status_map.infor_to_shipping.7'));
        $this->assertSame('extra_json', ConfigBuilder::optionForPath('tax_map.VAT@DE.tax_code'));
        $this->assertSame('stock_warehouses', ConfigBuilder::optionForPath('stock_warehouses[2]'));
    }

    public function testMoney(): void
    {
        $this->assertSame('19.99', Money::format(19.99));
        $this->assertSame('0.30', Money::format(0.1 + 0.2));
        $this->assertSame('49.48', Money::format('49.4800'));
        $this->assertSame('-5.00', Money::format(-5));
        $this->assertSame('16.7983', Money::format('16.7983'));
        $this->assertSame('2', Money::quantity(2.0));
        $this->assertSame('1.5', Money::quantity('1.50'));
    }
}
