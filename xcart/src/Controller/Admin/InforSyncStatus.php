<?php

namespace CloudLink\InforSync\Controller\Admin;

use CloudLink\InforSync\Core\MonitorApi;
use CloudLink\InforSync\Core\Settings;

/**
 * The monitoring page, admin.php?target=infor_sync_status (root access, AAdmin::checkACL()).
 *
 * Without an action it renders the page (View\Monitor). Its data comes from JSON actions, whose logic
 * is Core\MonitorApi (plain PHP):
 *   action=status | event (GET), retry | discard | release | discard_held | clear_error (POST),
 *   push_config (POST): sends the saved module settings to the extension again (InforSync\save_config()).
 */
class InforSyncStatus extends \XLite\Controller\Admin\AAdmin
{
    public function getTitle()
    {
        return static::t('Infor M3 sync');
    }

    protected function doActionStatus()
    {
        $this->inforSyncJson('status');
    }

    protected function doActionEvent()
    {
        $this->inforSyncJson('event');
    }

    protected function doActionRetry()
    {
        $this->inforSyncJson('retry');
    }

    protected function doActionDiscard()
    {
        $this->inforSyncJson('discard');
    }

    protected function doActionRelease()
    {
        $this->inforSyncJson('release');
    }

    protected function doActionDiscardHeld()
    {
        $this->inforSyncJson('discard_held');
    }

    protected function doActionClearError()
    {
        $this->inforSyncJson('clear_error');
    }

    protected function doActionPushConfig()
    {
        $ok = Settings::pushToExtension(); // TopMessages tell the admin; the page reloads to show them
        MonitorApi::emit([200, ['ok' => $ok]]);
        exit;
    }

    /**
     * Answers a JSON action and ends the request (no page around it).
     */
    protected function inforSyncJson(string $action): void
    {
        $params = [
            'id' => $_POST['id'] ?? $_GET['id'] ?? null,
            'limit' => $_POST['limit'] ?? $_GET['limit'] ?? null,
        ];
        $method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
        MonitorApi::emit((new MonitorApi())->handle($action, array_filter($params, 'is_scalar'), $method));
        exit;
    }
}
