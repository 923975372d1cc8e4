<?php
/*
 * The settings hook (Core\Settings::pushToExtension) on the X-Cart stand-in: a pasted .ionapi goes to
 * InforSync\save_credentials() before the business settings go to save_config(), is blanked in X-Cart's
 * config table whatever the outcome, and every refusal is a TopMessage naming the field.
 */

declare(strict_types=1);

use CloudLink\InforSync\Core\ConfigBuilder;
use CloudLink\InforSync\Core\LastError;
use CloudLink\InforSync\Core\ModuleInfo;
use CloudLink\InforSync\Core\Settings;
use CloudLink\InforSync\View\SettingsInfo;
use PHPUnit\Framework\TestCase;
use XLite\Core\Database;
use XLite\Core\TopMessage;

final class SettingsTest extends TestCase
{
    private const IONAPI = '{"ti":"TEN_PRD","cn":"xcart","ci":"TEN_PRD~client","cs":"S3CRET-client",'
        . '"iu":"https://mingle-ionapi.example.com","pu":"https://mingle-sso.example.com/TEN_PRD/as/",'
        . '"ot":"token.oauth2","saak":"TEN_PRD#key","sask":"S3CRET-service"}';

    /** @var list<array{0: string, 1: mixed}> */
    private array $calls = [];

    protected function setUp(): void
    {
        Database::standinReset();
        TopMessage::getInstance()->clear();
        LastError::$dir = sys_get_temp_dir() . '/infor-sync-settings-test-' . getmypid();
        @mkdir(LastError::$dir);
        $this->calls = [];
        $calls = &$this->calls;
        Settings::$saveCredentials = static function (string $text) use (&$calls): array {
            $calls[] = ['save_credentials', $text];

            return ['file' => '/etc/infor_sync/xcart.ionapi', 'ok' => true, 'tenant' => 'TEN_PRD',
                'gateway' => 'https://mingle-ionapi.example.com', 'grant' => 'password', 'mode' => '0600'];
        };
        Settings::$saveConfig = static function (array $config) use (&$calls): void {
            $calls[] = ['save_config', $config];
        };
    }

    protected function tearDown(): void
    {
        Settings::$saveCredentials = null;
        Settings::$saveConfig = null;
    }

    /** Saves options as X-Cart's settings page would have before the hook runs. */
    private function saveOptions(array $values): void
    {
        $repo = Database::getRepo('XLite\Model\Config');
        foreach ($values as $name => $value) {
            $repo->createOption(['category' => ModuleInfo::CONFIG_CATEGORY, 'name' => $name, 'value' => $value,
                'type' => $name === 'ionapi_upload' ? 'XLite\View\FormField\Textarea\Simple' : 'XLite\View\FormField\Input\Text']);
        }
        \XLite\Core\Config::updateInstance();
    }

    private function storedOption(string $name): ?string
    {
        $option = Database::getRepo('XLite\Model\Config')->findOneBy(['category' => ModuleInfo::CONFIG_CATEGORY, 'name' => $name]);

        return $option ? (string) $option->getValue() : null;
    }

    /** @return list<string> "type: text" */
    private function messages(): array
    {
        return array_map(static fn($m) => $m['type'] . ': ' . $m['text'], TopMessage::getInstance()->getMessages());
    }

    private function validationException(string $message, array $errors): \Throwable
    {
        if (!class_exists('InforSync\ValidationException')) {
            $this->markTestSkipped('the infor_sync extension is not loaded');
        }
        $e = new \InforSync\ValidationException($message);
        (new \ReflectionProperty($e, 'errors'))->setValue($e, $errors);

        return $e;
    }

    private function assertNoSecretShown(): void
    {
        $shown = json_encode([$this->messages(), \XLite\Logger::standinRecords('CloudLink-InforSync'), LastError::get()]);
        $this->assertStringNotContainsString('S3CRET', $shown);
    }

    public function testCredentialsGoFirstAndAreNotKeptInXCart(): void
    {
        $this->saveOptions(['ionapi_upload' => self::IONAPI, 'cono' => '100', 'poll_stock_interval' => '60',
            'poll_items_interval' => '0', 'poll_shipments_interval' => '']);

        $this->assertTrue(Settings::pushToExtension());

        $this->assertSame(['save_credentials', 'save_config'], array_column($this->calls, 0));
        $this->assertSame(self::IONAPI, $this->calls[0][1]);
        $config = $this->calls[1][1];
        $this->assertSame(100, $config['cono']);
        $this->assertSame(60, $config['poll_stock_interval']);
        $this->assertSame(0, $config['poll_items_interval'], '0 turns item polling off');
        $this->assertArrayNotHasKey('poll_shipments_interval', $config, 'empty: php.ini decides');
        $this->assertArrayNotHasKey('ionapi_upload', $config);
        $this->assertSame('', $this->storedOption('ionapi_upload'));
        $this->assertSame('', \XLite\Core\Config::getInstance()->CloudLink->InforSync->ionapi_upload);
        $this->assertStringContainsString('The Infor credentials were saved to /etc/infor_sync/xcart.ionapi (tenant TEN_PRD, password grant',
            $this->messages()[0]);
        $this->assertNoSecretShown();
    }

    public function testAnEmptyFieldKeepsTheCredentials(): void
    {
        $this->saveOptions(['ionapi_upload' => "  \n", 'cono' => '100']);
        $this->assertTrue(Settings::pushToExtension());
        $this->assertSame(['save_config'], array_column($this->calls, 0));
    }

    public function testRefusedCredentialsAreNamedByKeyAndStillBlanked(): void
    {
        $e = $this->validationException('invalid credentials: cs: key "cs" is missing',
            [['path' => 'cs', 'message' => 'key "cs" is missing']]);
        Settings::$saveCredentials = static function () use ($e) {
            throw $e;
        };
        $this->saveOptions(['ionapi_upload' => '{"ti":"TEN_PRD","saak":"S3CRET-key"}', 'cono' => '100']);

        $this->assertFalse(Settings::pushToExtension());

        $this->assertSame('', $this->storedOption('ionapi_upload'));
        $this->assertSame(['save_config'], array_column($this->calls, 0), 'the business settings are saved all the same');
        $errors = array_values(array_filter($this->messages(), static fn($m) => str_starts_with($m, 'error: ')));
        $this->assertCount(1, $errors);
        $this->assertStringStartsWith('error: Infor M3 setting "Infor credentials (.ionapi file)" (key cs): key "cs" is missing',
            $errors[0]);
        $this->assertNoSecretShown();
    }

    public function testWithoutTheIniSettingTheExtensionRefusesAndTheTextIsDropped(): void
    {
        if (!function_exists('InforSync\save_credentials')) {
            $this->markTestSkipped('the infor_sync extension is not loaded');
        }
        if ((string) ini_get('infor_sync.ionapi_file') !== '') {
            $this->markTestSkipped('infor_sync.ionapi_file is set in this PHP');
        }
        Settings::$saveCredentials = null; // the real InforSync\save_credentials()
        $this->saveOptions(['ionapi_upload' => self::IONAPI]);

        $this->assertFalse(Settings::pushToExtension());

        $this->assertSame('', $this->storedOption('ionapi_upload'));
        $this->assertContains('error: Infor M3 setting "Infor credentials (.ionapi file)" (the file): not saved: '
            . 'infor_sync.ionapi_file is not set in php.ini: nowhere to save the credentials (php.ini setting infor_sync.ionapi_file)',
            $this->messages());
        $this->assertNoSecretShown();
    }

    public function testRefusedIntervalsAreShownWithTheirFieldLabels(): void
    {
        $e = $this->validationException('invalid configuration',
            [['path' => 'poll_items_interval', 'message' => 'must be a number of seconds from 0 (off) to 604800']]);
        Settings::$saveConfig = static function () use ($e) {
            throw $e;
        };
        $this->saveOptions(['poll_items_interval' => '9999999']);

        $this->assertFalse(Settings::pushToExtension());

        $this->assertContains('error: Infor M3 setting "Item polling interval (seconds)" (poll_items_interval): '
            . 'must be a number of seconds from 0 (off) to 604800', $this->messages());
    }

    /**
     * Saves the module settings page as X-Cart does: config/install.yaml's rows, then a POST of the
     * form to Controller\Admin\Module (XLite\View\Model\ModuleSettings writes the options; the
     * add-on's mixin runs after it).
     */
    private function saveSettingsPage(array $posted, string $moduleId = ModuleInfo::MODULE_ID): \XLite\Controller\Admin\Module
    {
        (new \XCart\Doctrine\FixtureLoader())->loadArray(
            \Symfony\Component\Yaml\Yaml::parseFile(dirname(__DIR__, 2) . '/xcart/config/install.yaml'));
        \XLite::standinReset();
        \XLite\Core\Request::getInstance()->standinSet(['target' => 'module', 'action' => 'update', 'moduleId' => $moduleId] + $posted, 'POST');
        $controller = new \XLite\Controller\Admin\Module();
        $controller->handleRequest();

        return $controller;
    }

    public function testTheSettingsPageHandsWhatXCartSavedToTheExtension(): void
    {
        $extra = '{"tax_map": {"CDEV.STAX@US": {"tax_code": "US0"}}}';
        $this->saveSettingsPage([
            'ionapi_upload' => self::IONAPI, 'cono' => '200', 'divi' => ' aaa ', 'poll_items_interval' => '0',
            'rate_refresh' => '',            // an Integer field: X-Cart saves 0
            'product_update_weight' => '',   // unchecked: the checkbox template's hidden ""
            'extra_json' => $extra,
        ]);

        $this->assertSame(['save_credentials', 'save_config'], array_column($this->calls, 0));
        $this->assertSame(self::IONAPI, $this->calls[0][1], 'the pasted text as posted');
        $config = $this->calls[1][1];
        $this->assertSame(200, $config['cono']);
        $this->assertSame('AAA', $config['divi']);
        $this->assertSame(0, $config['poll_items_interval']);
        $this->assertArrayNotHasKey('rate_refresh', $config, '0 from the empty Integer field: unset');
        $this->assertSame(['CDEV.STAX@US' => ['tax_code' => 'US0']], $config['tax_map'], 'the JSON field arrives intact');
        $this->assertSame('', $this->storedOption('ionapi_upload'));
        $this->assertSame('N', $this->storedOption('product_update_weight'));
        $messages = $this->messages();
        $this->assertSame('info: Data have been saved successfully', $messages[0], 'X-Cart saved first');
        $this->assertStringStartsWith('info: The Infor credentials were saved', $messages[1]);
        $this->assertStringStartsWith('info: The Infor M3 business settings were saved', $messages[2]);
        $this->assertCount(3, $messages);
        $this->assertNoSecretShown();
    }

    public function testAnotherModulesSettingsPageSendsNothing(): void
    {
        $this->saveSettingsPage(['cono' => '200'], 'XC-ProductVariants');
        $this->assertSame([], $this->calls);
    }

    public function testEveryOptionOfInstallYamlIsKnownAndLabelled(): void
    {
        $yaml = file_get_contents(dirname(__DIR__, 2) . '/xcart/config/install.yaml');
        $section = explode('XLite\Model\LanguageLabel:', explode('XLite\Model\Config:', $yaml)[1])[0];
        preg_match_all('/^  - name: (\w+)$/m', $section, $m);
        $options = array_values(array_filter($m[1], static fn($n) => !str_starts_with($n, 'sep_')));
        $this->assertSame(Settings::OPTIONS, $options);
        $moduleOnly = ['product_update_name', 'product_update_weight', 'product_disable_blocked'];
        foreach (array_diff(Settings::OPTIONS, $moduleOnly) as $option) {
            $this->assertArrayHasKey($option, Settings::LABELS, $option);
        }
    }

    public function testCredentialRowsShowNoSecretAndSayWhatIsWrong(): void
    {
        $rows = SettingsInfo::credentialRows(['file' => '/etc/infor_sync/xcart.ionapi', 'ok' => true, 'error' => null,
            'tenant' => 'TEN_PRD', 'gateway' => 'https://mingle-ionapi.example.com', 'grant' => 'password',
            'mode' => '0644', 'readable_by_others' => true], '/etc/infor_sync/xcart.ionapi');
        $this->assertSame([
            'File (php.ini infor_sync.ionapi_file)' => '/etc/infor_sync/xcart.ionapi',
            'Usable' => 'yes',
            'Tenant' => 'TEN_PRD',
            'ION API gateway' => 'https://mingle-ionapi.example.com',
            'Grant' => 'password (service account)',
            'File mode' => '0644: readable by other users, chmod 600 it (an upload on this page writes it 0600)',
        ], $rows);

        $rows = SettingsInfo::credentialRows(['ok' => false, 'error' => 'credentials file /x: No such file or directory',
            'mode' => null], '');
        $this->assertStringStartsWith('(not set', $rows['File (php.ini infor_sync.ionapi_file)']);
        $this->assertSame('no: credentials file /x: No such file or directory', $rows['Usable']);
        $this->assertArrayNotHasKey('File mode', $rows);
        $this->assertStringStartsWith('unknown', SettingsInfo::credentialRows(null, '')['Usable']);
    }

    public function testPollingRows(): void
    {
        $this->assertSame(['Stock' => 'every 60 s (this page)', 'Items' => 'off (this page)', 'Shipments' => 'every 300 s (php.ini)'],
            SettingsInfo::pollingRows(['stock' => ['interval' => 60, 'source' => 'config'],
                'items' => ['interval' => 0, 'source' => 'config'], 'shipments' => ['interval' => 300, 'source' => 'php.ini']]));
        $this->assertSame([], SettingsInfo::pollingRows(null));
    }
}
