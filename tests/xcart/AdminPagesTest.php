<?php
/*
 * The add-on's admin pages on the X-Cart stand-in's request cycle: the monitoring controller's JSON
 * actions answer through AController::printAJAX() (no exit), its read-only actions need no form id,
 * and the settings note sits in the settings form's header list, on this module's page only.
 */

declare(strict_types=1);

use CloudLink\InforSync\Controller\Admin\InforSyncStatus;
use CloudLink\InforSync\Core\LastError;
use CloudLink\InforSync\Core\Settings;
use CloudLink\InforSync\View\SettingsInfo;
use PHPUnit\Framework\TestCase;
use XLite\Core\Request;
use XLite\Core\TopMessage;

final class AdminPagesTest extends TestCase
{
    protected function setUp(): void
    {
        \XLite\Core\Database::standinReset();
        TopMessage::getInstance()->clear();
        \XLite\Core\Session::standinReset();
        Request::standinReset();
        \XLite::standinReset();
        \XLite::getInstance()->standinSetFormIdStrategy(null);
        LastError::$dir = sys_get_temp_dir() . '/infor-sync-admin-test-' . getmypid();
        @mkdir(LastError::$dir);
        $_SERVER['HTTP_X_REQUESTED_WITH'] = 'XMLHttpRequest'; // monitor.js sends it, as jQuery does
    }

    protected function tearDown(): void
    {
        unset($_SERVER['HTTP_X_REQUESTED_WITH']);
        \XLite::getInstance()->standinSetFormIdStrategy(null);
        Settings::$saveConfig = null;
    }

    private function request(string $method, array $data): InforSyncStatus
    {
        Request::getInstance()->standinSet(['target' => 'infor_sync_status'] + $data, $method);
        $controller = new InforSyncStatus();
        $controller->handleRequest();

        return $controller;
    }

    /**
     * An exit in the action would end this (separate) PHPUnit process.
     *
     * @runInSeparateProcess
     * @preserveGlobalState disabled
     */
    public function testJsonActionsAnswerThroughPrintAJAX(): void
    {
        $controller = $this->request('POST', ['action' => 'clear_error']);

        $sent = \XLite::getInstance()->standinSentResponse();
        $this->assertNotNull($sent, 'sent by printAJAX()');
        $this->assertSame(200, $sent['status']);
        $this->assertSame(['application/json; charset=UTF-8'], $sent['headers']['Content-Type']);
        $this->assertSame(['ok' => true], json_decode($sent['content'], true));
        $headers = \XLite::getInstance()->getHeaders();
        $this->assertArrayNotHasKey('Location', $headers, 'silent: no redirect after the POST');
        $this->assertArrayNotHasKey('AJAX-Location', $headers);
        $this->assertFalse($controller->processRequest(), 'no page around the JSON');
    }

    /**
     * @runInSeparateProcess
     * @preserveGlobalState disabled
     */
    public function testAJsonErrorKeepsItsStatus(): void
    {
        $this->request('GET', ['action' => 'retry', 'id' => 'x']);

        $sent = \XLite::getInstance()->standinSentResponse();
        $this->assertSame(405, $sent['status']);
        $this->assertSame('retry needs POST', json_decode($sent['content'], true)['error']);
    }

    /**
     * @runInSeparateProcess
     * @preserveGlobalState disabled
     */
    public function testPushConfigSendsItsTopMessagesInTheAnswer(): void
    {
        Settings::$saveConfig = static function (array $config): void {
        };

        $this->request('POST', ['action' => 'push_config']);

        $sent = \XLite::getInstance()->standinSentResponse();
        $this->assertSame(['ok' => true], json_decode($sent['content'], true));
        $messages = json_decode($sent['headers']['event-messages'][0], true);
        $this->assertSame('info', $messages[0]['type']);
        $this->assertStringStartsWith('The Infor M3 business settings were saved', $messages[0]['message']);
        $this->assertSame([], TopMessage::getInstance()->getMessages(), 'not shown again on the next page');
    }

    /**
     * The page polls status every 15 s; with X-Cart's per-form CSRF mode a form id serves one request.
     *
     * @runInSeparateProcess
     * @preserveGlobalState disabled
     */
    public function testReadOnlyActionsNeedNoFormIdButPostsDo(): void
    {
        \XLite::getInstance()->standinSetFormIdStrategy('per-form');

        $this->request('GET', ['action' => 'event', 'id' => 'none']);
        $this->assertNotNull(\XLite::getInstance()->standinSentResponse(), 'answered without a form id');

        \XLite::standinReset();
        $this->request('POST', ['action' => 'clear_error']);
        $this->assertNull(\XLite::getInstance()->standinSentResponse(), 'refused without a form id');
        $this->assertSame(['admin.php?target=access_denied'], \XLite::getInstance()->getHeaders()['AJAX-Location']);

        \XLite::standinReset();
        $this->request('POST', ['action' => 'clear_error', \XLite::FORM_ID => \XLite::getFormId()]);
        $sent = \XLite::getInstance()->standinSentResponse();
        $this->assertSame(['ok' => true], json_decode($sent['content'], true));
        $this->assertArrayHasKey('event-update-csrf', $sent['headers'], 'the next form id for monitor.js');
    }

    public function testTheSettingsNoteIsInTheSettingsFormsHeaderList(): void
    {
        $doc = (string) (new \ReflectionClass(SettingsInfo::class))->getDocComment();
        $this->assertSame(1, preg_match('/@ListChild\s*\(list="([^"]+)"/', $doc, $m), 'a @ListChild annotation');
        $this->assertSame((new \XLite\View\Model\ModuleSettings())->standinViewSubListName('header'), $m[1]);
        $this->assertSame('crud.modulesettings.header', $m[1]);
    }

    public function testTheSettingsNoteIsShownOnThisModulesSettingsPageOnly(): void
    {
        $visibleOn = static function (array $request, array $get = []): bool {
            $_GET = $get;
            Request::getInstance()->standinSet($request);
            \XLite::setController(null);
            $visible = (new SettingsInfo())->standinIsVisible();
            $_GET = [];

            return $visible;
        };

        $this->assertTrue($visibleOn(['target' => 'module', 'moduleId' => 'CloudLink-InforSync']));
        $this->assertFalse($visibleOn(['target' => 'module', 'moduleId' => 'XC-ProductVariants']), 'another module\'s page');
        $this->assertFalse($visibleOn(['target' => 'module', 'moduleId' => 'XC-ProductVariants'], ['moduleId' => 'CloudLink-InforSync']),
            'the request X-Cart handles decides, not $_GET');
        $this->assertFalse($visibleOn(['target' => 'infor_sync_status', 'moduleId' => 'CloudLink-InforSync']), 'another page');
    }
}
