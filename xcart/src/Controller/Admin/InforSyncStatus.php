<?php

namespace CloudLink\InforSync\Controller\Admin;

use CloudLink\InforSync\Core\MonitorApi;
use CloudLink\InforSync\Core\Settings;

/**
 * The monitoring page, admin.php?target=infor_sync_status (root access, AAdmin::checkACL()).
 *
 * Without an action it renders the page (View\Monitor). Its data comes from JSON actions, whose logic
 * is Core\MonitorApi (plain PHP):
 *   action=status | event (GET, read-only: no form id needed),
 *   retry | discard | release | discard_held | clear_error (POST, with the page's form id),
 *   push_config (POST): sends the saved module settings to the extension again (InforSync\save_config()).
 */
class InforSyncStatus extends \XLite\Controller\Admin\AAdmin
{
    public function getTitle()
    {
        return static::t('Infor M3 sync');
    }

    /**
     * The read-only actions need no form id, as Controller/Admin/SalesStatistic.php:180-183 frees its
     * AJAX get_period_statistic: the page polls them, and with X-Cart's per-form CSRF mode each form id
     * serves one request only (AController::isFormIdValid()).
     */
    public static function defineFreeFormIdActions()
    {
        return array_merge(parent::defineFreeFormIdActions(), ['status', 'event']);
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

    /** Its TopMessages reach the page in the event-messages header (printAJAX()). */
    protected function doActionPushConfig()
    {
        $this->printInforSyncJson([200, ['ok' => Settings::pushToExtension()]]);
    }

    protected function inforSyncJson(string $action): void
    {
        $request = \XLite\Core\Request::getInstance();
        $params = array_filter(['id' => $request->id, 'limit' => $request->limit], 'is_scalar');
        $this->printInforSyncJson((new MonitorApi())->handle($action, $params, $request->getRequestMethod()));
    }

    /**
     * Answers with JSON the way X-Cart's admin JSON actions do (Controller/Admin/SalesStatistic.php:28-79):
     * no redirect after the POST ($silent), no page (suppressed output), printAJAX() sends the JSON
     * with the TopMessages in the event-messages header (AController.php:220-235).
     *
     * @param array{0: int, 1: array<string, mixed>} $answer HTTP status and body (MonitorApi::handle())
     */
    protected function printInforSyncJson(array $answer): void
    {
        [$status, $body] = $answer;
        $this->setPureAction(true);
        $this->setSuppressOutput(true);
        $this->silent = true;
        \XLite::getInstance()->setStatusCode($status);
        $this->printAJAX($body);
    }
}
