<?php
/*
 * The upgrade lifetime hook (LifetimeHook\Hook, config/services.yaml): a shop upgraded from 5.5.0.0
 * gets the settings 5.5.1.0 added, with install.yaml's defaults, and keeps every value it had.
 * Run the way X-Cart runs it: the tag registered with HookManagerDomain::addHook() (as
 * AddModuleLifetimeHooksPass does), then runHook() with the versions of the upgrade.
 */

declare(strict_types=1);

use CloudLink\InforSync\Core\ModuleInfo;
use CloudLink\InforSync\LifetimeHook\Hook;
use PHPUnit\Framework\TestCase;
use XLite\Core\Database;

final class LifetimeHookTest extends TestCase
{
    private const MODULE = __DIR__ . '/../../xcart';

    /** The settings 5.5.1.0 added ("Connection to Infor") */
    private const ADDED_IN_5510 = ['sep_connection', 'ionapi_upload', 'poll_stock_interval', 'poll_items_interval', 'poll_shipments_interval'];

    public static function setUpBeforeClass(): void
    {
        if (!defined('LC_DIR_MODULES')) {
            // X-Cart's modules/ (bootstrap.php:56): here a directory with CloudLink/InforSync -> xcart/
            $dir = sys_get_temp_dir() . '/infor-sync-modules-' . getmypid() . '/';
            @mkdir($dir . 'CloudLink', 0777, true);
            @symlink(realpath(self::MODULE), $dir . 'CloudLink/InforSync');
            define('LC_DIR_MODULES', $dir);
        }
    }

    protected function setUp(): void
    {
        Database::standinReset();
    }


    /** @return array{moduleId: string, type: string, method: string, version: string} the tag in services.yaml */
    private static function upgradeTag(): array
    {
        $yaml = (string) file_get_contents(self::MODULE . '/config/services.yaml');
        $found = preg_match('/^  CloudLink\\\\InforSync\\\\LifetimeHook\\\\Hook:\n    tags:\n      - \{ name: xcart\.lifetime-hook, '
            . 'moduleId: ([\w-]+), type: (\w+), method: (\w+), version: \'([\d.]+)\' \}$/m', $yaml, $m);
        self::assertSame(1, $found, 'config/services.yaml tags LifetimeHook\Hook as an upgrade lifetime hook');

        return ['moduleId' => $m[1], 'type' => $m[2], 'method' => $m[3], 'version' => $m[4]];
    }

    private function runUpgrade(string $from, string $to): int
    {
        $tag = self::upgradeTag();
        $manager = new \XCart\Domain\HookManagerDomain();
        $manager->addHook(['moduleId' => $tag['moduleId'], 'hookType' => $tag['type'], 'method' => $tag['method'],
            'version' => $tag['version'], 'object' => new Hook(new \XCart\Doctrine\FixtureLoader())]);

        return $manager->runHook(['hookType' => 'upgrade', 'moduleId' => ModuleInfo::MODULE_ID, 'versionFrom' => $from, 'versionTo' => $to]);
    }

    /** A shop with the settings of 5.5.0.0, some of them changed by its admin. */
    private function shopAt5500(array $adminValues): void
    {
        $install = \Symfony\Component\Yaml\Yaml::parseFile(self::MODULE . '/config/install.yaml');
        $rows = [];
        foreach ($install['XLite\Model\Config'] as $row) {
            if (!in_array($row['name'], self::ADDED_IN_5510, true)) {
                unset($row['widgetParameters']);
                $rows[] = ['value' => $adminValues[$row['name']] ?? $row['value']] + $row;
            }
        }
        (new \XCart\Doctrine\FixtureLoader())->loadArray(['XLite\Model\Config' => $rows]);
    }

    /** @return array<string, \XLite\Model\Config> */
    private function options(): array
    {
        $out = [];
        foreach (Database::getRepo('XLite\Model\Config')->findBy(['category' => ModuleInfo::CONFIG_CATEGORY]) as $option) {
            $out[$option->getName()] = $option;
        }

        return $out;
    }

    public function testTheHookIsDeclaredForTheModulesVersion(): void
    {
        $tag = self::upgradeTag();
        $this->assertSame(ModuleInfo::MODULE_ID, $tag['moduleId']);
        $this->assertSame('upgrade', $tag['type']);
        $this->assertTrue(method_exists(Hook::class, $tag['method']), $tag['method']);
        preg_match('/^version: ([\d.]+)$/m', (string) file_get_contents(self::MODULE . '/config/main.yaml'), $m);
        $this->assertTrue(version_compare($tag['version'], $m[1], '<='), 'the hook runs for an upgrade to main.yaml\'s version ' . $m[1]);
    }

    public function testAnUpgradeAddsTheNewSettingsAndKeepsTheShopsValues(): void
    {
        $admin = ['cono' => '200', 'divi' => 'AAA', 'stock_mode' => 'single', 'product_update_weight' => 'N',
            'product_update_name' => 'Y', 'extra_json' => '{"tax_map": {"US": {"tax_code": "US0"}}}'];
        $this->shopAt5500($admin);

        $this->assertSame(1, $this->runUpgrade('5.5.0.0', '5.5.1.0'));

        $options = $this->options();
        foreach ($admin as $name => $value) {
            $this->assertSame($value, $options[$name]->getValue(), "$name keeps the shop's value");
        }
        $this->assertSame('on_hand', $options['stock_quantity']->getValue(), 'an untouched default stays');
        foreach (self::ADDED_IN_5510 as $name) {
            $this->assertArrayHasKey($name, $options, "$name added");
            $this->assertSame('', $options[$name]->getValue());
        }
        $this->assertSame(60, $options['ionapi_upload']->getOrderby());
        $this->assertSame(['trusted' => true], $options['extra_json']->getWidgetParameters(), 'install.yaml\'s field parameters');
        $install = \Symfony\Component\Yaml\Yaml::parseFile(self::MODULE . '/config/install.yaml');
        $this->assertSame(count($install['XLite\Model\Config']), count($options), 'one row per setting, none twice');
        $this->assertSame('200', \XLite\Core\Config::getInstance()->CloudLink->InforSync->cono);
    }

    public function testNoHookRunsWithinTheSameVersion(): void
    {
        $this->shopAt5500([]);
        $this->assertSame(0, $this->runUpgrade('5.5.1.0', '5.5.1.0'));
        $this->assertArrayNotHasKey('ionapi_upload', $this->options());
    }
}
