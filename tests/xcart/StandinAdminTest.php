<?php
/*
 * The X-Cart stand-in's admin request cycle, each behaviour as the real X-Cart 5.5 classes have it
 * (the file:line is in the stand-in's class): the module settings save through
 * XLite\View\Model\ModuleSettings, the JSON answer of AController::printAJAX(), redirects after a
 * POST, the per-form / per-session form ids, widgets asking the controller, FixtureLoader::loadYaml()
 * on existing rows and the upgrade lifetime hooks.
 *
 * The settings tests use the options of XC\ProductVariants, a module the stand-in has enabled.
 */

declare(strict_types=1);

use PHPUnit\Framework\TestCase;
use XLite\Core\Database;
use XLite\Core\Request;
use XLite\Core\Session;
use XLite\Core\TopMessage;

final class StandinAdminTest extends TestCase
{
    private const CATEGORY = 'XC\ProductVariants';

    protected function setUp(): void
    {
        Database::standinReset();
        TopMessage::getInstance()->clear();
        Session::standinReset();
        Request::standinReset();
        \XLite::standinReset();
        \XLite::getInstance()->standinSetFormIdStrategy(null);
        \XLite\Core\Auth::standinReset();
        unset($_SERVER['HTTP_X_REQUESTED_WITH']);
    }

    protected function tearDown(): void
    {
        \XLite::getInstance()->standinSetFormIdStrategy(null);
        unset($_SERVER['HTTP_X_REQUESTED_WITH']);
    }

    private function loadOptions(array $rows): void
    {
        $config = [];
        foreach ($rows as $i => [$name, $type, $value]) {
            $config[] = ['name' => $name, 'category' => self::CATEGORY, 'type' => $type, 'orderby' => 10 * ($i + 1),
                'value' => $value, 'widgetParameters' => $rows[$i][3] ?? null];
        }
        (new \XCart\Doctrine\FixtureLoader())->loadArray(['XLite\Model\Config' => $config]);
    }

    private function stored(string $name)
    {
        return Database::getRepo('XLite\Model\Config')->findOneBy(['category' => self::CATEGORY, 'name' => $name])->getValue();
    }

    /** @return list<string> "type: text" */
    private function messages(): array
    {
        return array_map(static fn($m) => $m['type'] . ': ' . $m['text'], TopMessage::getInstance()->getMessages());
    }

    private function post(\XLite\Controller\AController $controller, array $data, bool $ajax = false): void
    {
        if ($ajax) {
            $_SERVER['HTTP_X_REQUESTED_WITH'] = 'XMLHttpRequest';
        }
        Request::getInstance()->standinSet($data, 'POST');
        $controller->handleRequest();
    }

    public function testTheSettingsFormSavesWhatXCartsSettingsModelSaves(): void
    {
        $this->loadOptions([
            ['sep', 'XLite\View\FormField\Separator\Regular', ''],
            ['code', 'text', 'A'],
            ['label', 'XLite\View\FormField\Input\Text', 'x'],
            ['on', 'checkbox', 'Y'],
            ['off', 'checkbox', 'N'],
            ['count', 'XLite\View\FormField\Input\Text\Integer', '5', ['min' => 0]],
            ['number', 'XLite\View\FormField\Input\Text\Integer', '5'],
            ['secret', 'XLite\View\FormField\Input\PasswordWithValue', 'old secret'],
            ['note', 'XLite\View\FormField\Textarea\Simple', 'kept'],
            ['json', 'XLite\View\FormField\Textarea\Simple', '', ['trusted' => true]],
            ['plain', 'XLite\View\FormField\Textarea\Simple', ''],
            ['internal', 'hidden', 'h'],
        ]);
        $json = '{"tax_map": {"US": {"tax_code": "US0"}}}';
        $placeholder = \XLite\View\FormField\Input\PasswordWithValue::getPasswordValuePlaceholder();

        $this->post(new \XLite\Controller\Admin\Module(), [
            'target' => 'module', 'action' => 'update', 'moduleId' => 'XC-ProductVariants',
            'code' => '  B  ', 'label' => ' <b>y</b> ',
            'on' => '',        // unchecked: only the hidden "" of the checkbox templates
            'off' => 'on',     // checked: the checkbox (no value attribute) after the hidden ""
            'count' => '',     // an empty Integer field
            'number' => '12 pcs',
            'secret' => $placeholder, // untouched password field
            'json' => $json, 'plain' => $json,
            'internal' => 'changed',
            // "note" not posted
        ]);

        $this->assertSame('N', $this->stored('on'), 'Settings::sanitizeOptionValue: checkbox -> Y/N');
        $this->assertSame('Y', $this->stored('off'));
        $this->assertSame('B', $this->stored('code'));
        $this->assertSame('y', $this->stored('label'), 'purified (tags out) and trimmed');
        $this->assertSame(0, $this->stored('count'), 'Integer: intval("") = 0');
        $this->assertSame(12, $this->stored('number'));
        $this->assertSame('old secret', $this->stored('secret'), 'the placeholder gives null: kept');
        $this->assertSame('kept', $this->stored('note'), 'not posted: kept');
        $this->assertSame($json, $this->stored('json'), 'trusted: as posted');
        $this->assertSame('{"tax_map": {"US": {"tax_code": "US0"  }', $this->stored('plain'), 'HTMLPurifier::purify(): "}}" removed');
        $this->assertSame('h', $this->stored('internal'), 'hidden options are not editable');
        $this->assertSame(['info: Data have been saved successfully'], $this->messages());
        $this->assertFalse(\XLite::getController()->isActionError());
        $this->assertSame(302, \XLite::getInstance()->getStatusCode(), 'a POST is answered with a redirect');
    }

    public function testAFieldErrorIsATopMessageAfterTheRowsWereWritten(): void
    {
        $this->loadOptions([['count', 'XLite\View\FormField\Input\Text\Integer', '5', ['min' => 0]], ['code', 'text', 'A']]);
        $controller = new \XLite\Controller\Admin\Module();

        $this->post($controller, ['target' => 'module', 'action' => 'update', 'moduleId' => 'XC-ProductVariants',
            'count' => '-3', 'code' => 'B']);

        $this->assertSame(-3, $this->stored('count'), 'setModelProperties() writes before isValid()');
        $this->assertSame('B', $this->stored('code'));
        $this->assertSame(['error: The value of the X field must be greater than Y'], $this->messages());
        $this->assertTrue($controller->isActionError());
    }

    public function testAModuleMixinOfDoActionUpdateSeesTheSavedRows(): void
    {
        $this->loadOptions([['code', 'text', 'A']]);
        $controller = new class extends \XLite\Controller\Admin\Module {
            public array $seen = [];

            protected function doActionUpdate()
            {
                parent::doActionUpdate();
                $this->seen = [
                    \XLite\Core\Database::getRepo('XLite\Model\Config')->findOneBy(['name' => 'code'])->getValue(),
                    \XLite\Core\Config::getInstance()->XC->ProductVariants->code,
                    array_column(TopMessage::getInstance()->getMessages(), 'text'),
                ];
            }
        };

        $this->post($controller, ['target' => 'module', 'action' => 'update', 'moduleId' => 'XC-ProductVariants', 'code' => 'B']);

        $this->assertSame(['B', 'B', ['Data have been saved successfully']], $controller->seen);
    }

    public function testAModuleThatIsNotEnabledHasNoSettings(): void
    {
        Request::getInstance()->standinSet(['target' => 'module', 'moduleId' => 'Acme-Missing']);
        $controller = new \XLite\Controller\Admin\Module();
        $this->assertSame('', $controller->getModule());
        $this->assertSame([], $controller->getOptions());
        $controller->handleRequest();
        $this->assertSame(['admin.php?target=page_not_found'], \XLite::getInstance()->getHeaders()['Location']);

        Request::getInstance()->standinSet(['target' => 'module', 'moduleId' => 'XC-ProductVariants']);
        $this->assertSame('XC-ProductVariants', (new \XLite\Controller\Admin\Module())->getModule());
    }

    private function jsonController(): \XLite\Controller\Admin\AAdmin
    {
        return new class extends \XLite\Controller\Admin\AAdmin {
            public int $runs = 0;

            protected function doActionPing()
            {
                $this->runs++;
                \XLite\Core\TopMessage::addInfo('pinged');
                $this->setPureAction(true);
                $this->setSuppressOutput(true);
                $this->silent = true;
                $this->printAJAX(['pong' => $this->runs]);
            }

            protected function doActionSave()
            {
                $this->runs++;
            }
        };
    }

    public function testPrintAJAXAnswersJsonWithTheTopMessagesInAHeader(): void
    {
        $controller = $this->jsonController();
        $this->post($controller, ['target' => 'x', 'action' => 'ping'], true);

        $sent = \XLite::getInstance()->standinSentResponse();
        $this->assertNotNull($sent, 'printAJAX() sends at once');
        $this->assertSame('{"pong":1}', $sent['content']);
        $headers = $sent['headers'];
        $this->assertSame(['application/json; charset=UTF-8'], $headers['Content-Type']);
        $this->assertSame([json_encode([['type' => 'info', 'message' => 'pinged']])], $headers['event-messages']);
        $this->assertArrayNotHasKey('Location', $headers, 'silent: no redirect after the POST');
        $this->assertArrayNotHasKey('AJAX-Location', $headers);
        $this->assertSame([], TopMessage::getInstance()->getMessages(), 'not shown again on the next page');
        $this->assertFalse($controller->processRequest(), 'no page');
    }

    public function testAPostIsRedirectedToItsReturnUrl(): void
    {
        $this->post($this->jsonController(), ['target' => 'x', 'action' => 'save', 'returnURL' => 'admin.php?target=x&page=2']);
        $this->assertSame(302, \XLite::getInstance()->getStatusCode());
        $this->assertSame(['admin.php?target=x&page=2'], \XLite::getInstance()->getHeaders()['Location']);

        \XLite::standinReset();
        TopMessage::addInfo('saved');
        $this->post($this->jsonController(), ['target' => 'x', 'action' => 'save'], true);
        $headers = \XLite::getInstance()->getHeaders();
        $this->assertSame(200, \XLite::getInstance()->getStatusCode(), 'AJAX: Operator::redirect() with 200');
        $this->assertSame(['admin.php?target=x'], $headers['AJAX-Location']);
        $this->assertSame([json_encode([['type' => 'info', 'message' => 'saved']])], $headers['event-messages']);
    }

    public function testPerFormModeAcceptsAFormIdOnceAndNamesTheNextOne(): void
    {
        \XLite::getInstance()->standinSetFormIdStrategy('per-form');
        $first = \XLite::getFormId();
        $second = \XLite::getFormId();
        $this->assertNotSame($first, $second, 'each form gets its own id');

        $controller = $this->jsonController();
        $this->post($controller, ['target' => 'x', 'action' => 'save', \XLite::FORM_ID => $first], true);
        $this->assertSame(1, $controller->runs);
        $update = json_decode(\XLite::getInstance()->getHeaders()['event-update-csrf'][0], true);
        $this->assertSame($first, $update['old']);
        $this->assertSame(\XLite::FORM_ID, $update['name']);
        $this->assertArrayHasKey($update['value'], Session::getInstance()->getFormIds());
        $this->assertArrayNotHasKey($first, Session::getInstance()->getFormIds());

        \XLite::standinReset();
        $controller = $this->jsonController();
        $this->post($controller, ['target' => 'x', 'action' => 'save', \XLite::FORM_ID => $first], true);
        $this->assertSame(0, $controller->runs, 'a used form id is refused');
        $headers = \XLite::getInstance()->getHeaders();
        $this->assertSame([json_encode([['type' => 'warning', 'message' => 'The form could not be identified as a form generated by X-Cart']])],
            $headers['event-messages']);
        $this->assertSame(['admin.php?target=access_denied'], $headers['AJAX-Location']);

        $controller = $this->jsonController();
        $this->post($controller, ['target' => 'x', 'action' => 'save', \XLite::FORM_ID => $update['value']]);
        $this->assertSame(1, $controller->runs, 'the id of the header works');

        $this->post($this->jsonController(), ['target' => 'x', 'action' => 'search']);
        $this->assertSame('x', Request::getInstance()->target, 'search needs no form id (AAdmin::defineFreeFormIdActions())');
    }

    public function testPerSessionModeAcceptsTheSessionsFormIdAgain(): void
    {
        \XLite::getInstance()->standinSetFormIdStrategy('per-session');
        $id = \XLite::getFormId();
        $this->assertSame($id, \XLite::getFormId());
        $controller = $this->jsonController();
        $this->post($controller, ['target' => 'x', 'action' => 'save', \XLite::FORM_ID => $id]);
        $this->post($controller, ['target' => 'x', 'action' => 'save', \XLite::FORM_ID => $id]);
        $this->assertSame(2, $controller->runs);
        $this->post($controller, ['target' => 'x', 'action' => 'save']);
        $this->assertSame(2, $controller->runs, 'no form id: refused');
    }

    public function testWidgetsAskTheControllerAndTheTarget(): void
    {
        $widget = new class extends \XLite\View\AView {
            public static function getAllowedTargets()
            {
                return ['module'];
            }

            protected function isVisible()
            {
                return parent::isVisible() && $this->getModule() === 'XC-ProductVariants';
            }
        };
        Request::getInstance()->standinSet(['target' => 'module', 'moduleId' => 'XC-ProductVariants']);
        \XLite::setController(new \XLite\Controller\Admin\Module());
        $this->assertTrue($widget->standinIsVisible(), 'getModule() is the controller\'s (AView::__call)');

        Request::getInstance()->standinSet(['target' => 'module', 'moduleId' => 'XC-Other']);
        \XLite::setController(new \XLite\Controller\Admin\Module());
        $this->assertFalse($widget->standinIsVisible());

        Request::getInstance()->standinSet(['target' => 'order', 'moduleId' => 'XC-ProductVariants']);
        $this->assertFalse($widget->standinIsVisible(), 'another target');

        $this->assertSame('crud.modulesettings.header', (new \XLite\View\Model\ModuleSettings())->standinViewSubListName('header'));
    }

    public function testLoadYamlUpdatesTheRowsItFindsAndAddsTheOthers(): void
    {
        $this->loadOptions([['code', 'text', 'set by the admin']]);
        $file = tempnam(sys_get_temp_dir(), 'fixture');
        file_put_contents($file, \Symfony\Component\Yaml\Yaml::dump(['XLite\Model\Config' => [
            ['name' => 'code', 'category' => self::CATEGORY, 'type' => 'text', 'orderby' => 5, 'value' => 'default'],
            ['name' => 'added', 'category' => self::CATEGORY, 'type' => 'text', 'orderby' => 6, 'value' => 'new'],
        ], 'XLite\Model\Task' => [['owner' => 'Acme\Task']]], 4));
        try {
            (new \XCart\Doctrine\FixtureLoader())->loadYaml($file, ['XLite\Model\Config']);
        } finally {
            unlink($file);
        }

        $this->assertSame('default', $this->stored('code'), 'ARepo::loadFixture() updates the row it finds');
        $this->assertSame('new', $this->stored('added'));
        $this->assertSame(1, Database::getRepo('XLite\Model\Config')->count(['category' => self::CATEGORY, 'name' => 'code']));
        $this->assertSame(0, Database::getRepo('XLite\Model\Task')->count(['owner' => 'Acme\Task']), 'not an allowed model');
    }

    public function testUpgradeHooksRunForTheVersionsPassed(): void
    {
        $hook = new class {
            public array $calls = [];

            public function to5501(): void
            {
                $this->calls[] = '5.5.0.1';
            }

            public function to5510(): void
            {
                $this->calls[] = '5.5.1.0';
            }
        };
        $manager = new \XCart\Domain\HookManagerDomain();
        foreach (['5.5.1.0' => 'to5510', '5.5.0.1' => 'to5501'] as $version => $method) {
            $manager->addHook(['moduleId' => 'Acme-Sample', 'hookType' => 'upgrade', 'object' => $hook, 'method' => $method, 'version' => $version]);
        }

        $run = static fn(string $from, string $to) => $manager->runHook(['hookType' => 'upgrade', 'moduleId' => 'Acme-Sample', 'versionFrom' => $from, 'versionTo' => $to]);
        $this->assertSame(2, $run('5.5.0.0', '5.5.1.0'));
        $this->assertSame(['5.5.0.1', '5.5.1.0'], $hook->calls, 'in version order');
        $this->assertSame(1, $run('5.5.0.1', '5.5.2.0'));
        $this->assertSame(0, $run('5.5.1.0', '5.5.1.0'));
    }
}
