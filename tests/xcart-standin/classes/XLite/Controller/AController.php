<?php
/*
 * XLite\Controller\AController (classes/XLite/Controller/AController.php), the request cycle the
 * stand-in models:
 *
 *   handleRequest() :515-535     checkAccess() (AAdmin: ACL and form id) or markAsAccessDenied();
 *                                run(); then doRedirect() when isRedirectNeeded() (a POST, or a
 *                                return URL, unless $silent :349-352), else for AJAX the TopMessages
 *                                go to the event-messages header (translateTopMessagesToHTTPHeaders)
 *   run() :1520-1531             callAction() — action=foo_bar calls doActionFooBar() (:1500-1515) —
 *                                or doNoAction(); restoreFormId() when the action made it invalid
 *   processRequest() :621-647    the page, unless setSuppressOutput(true)
 *   printAJAX() :220-235         JSON with TopMessages in headers, sent at once (XLite::sendResponse)
 *   displayJSON() :205-213       JSON printed, headers added to the response
 *   isFormIdValid() :1147-1205   the CSRF check (per-session / per-form), event-update-csrf header
 *
 * The stand-in renders no pages (processRequest() only says whether a page is wanted) and redirects
 * without exit (redirect() sets the Location / AJAX-Location header on \XLite).
 */
declare(strict_types=1);

namespace XLite\Controller;

require_once dirname(__DIR__, 2) . '/XLite.php';

use XLite\Core\Request;

abstract class AController extends \XLite\Core\Handler
{
    use \XLite\Core\Cache\ExecuteCachedTrait;
    use \XLite\InjectLoggerTrait;

    const PARAM_TARGET = 'target';
    const PARAM_ACTION = 'action';
    const RETURN_URL = 'returnURL';

    protected $params = ['target'];
    protected $returnURL;
    protected $silent = false;
    /** @var \XLite\Model\ActionStatus|null [stand-in: an array status/message/code] */
    protected $actionStatus;
    protected $valid = true;
    protected $hardRedirect = false;
    protected $internalRedirect = false;
    protected $silenceClose = false;
    protected $pureAction = false;
    protected $suppressOutput = false;
    private array $modelForms = [];

    public function getTarget()
    {
        return Request::getInstance()->target
            ?? \XLite\Core\Converter::convertFromCamelCase(substr(strrchr('\\' . static::class, '\\'), 1));
    }

    public function getAction()
    {
        return Request::getInstance()->action;
    }

    public function getTitle()
    {
        return '';
    }

    /** :1060-1063 [the stand-in: Auth::isAuthorized() lets every admin in; AAdmin adds ACL and form id] */
    protected function checkAccess()
    {
        return true;
    }

    public function handleRequest()
    {
        \XLite::setController($this); // [stand-in] X-Cart runs the request on XLite::getController()
        if (!$this->checkAccess()) {
            $this->markAsAccessDenied();
        } else {
            $this->run();
        }

        if ($this->isRedirectNeeded()) {
            $this->doRedirect();
        } elseif ($this->isAJAX()) {
            $this->translateTopMessagesToHTTPHeaders();
        }
    }

    public function isAJAX()
    {
        return Request::getInstance()->isAJAX();
    }

    /**
     * :621-647 [stand-in] whether the page is to be shown: the caller (the browser test's router)
     * renders it; X-Cart's viewer does.
     */
    public function processRequest()
    {
        return !$this->suppressOutput;
    }

    public function isRedirectNeeded()
    {
        return (Request::getInstance()->isPost() || $this->getReturnURL()) && !$this->silent;
    }

    protected function run()
    {
        if ($this->getAction() && $this->isValid()) {
            $this->callAction();
        } else {
            $this->doNoAction();
        }

        if (!$this->isValid()) {
            $this->restoreFormId();
        }
    }

    protected function callAction()
    {
        $action = $this->getAction();
        $method = 'doAction' . \Includes\Utils\Converter::convertToUpperCamelCase((string)$action);
        if (method_exists($this, $method)) {
            $this->$method();
        }
        $this->actionPostprocess($action);
    }

    protected function actionPostprocess($action)
    {
        $method = __FUNCTION__ . \Includes\Utils\Converter::convertToUpperCamelCase((string)$action);
        if (method_exists($this, $method)) {
            $this->$method();
        }
    }

    protected function doNoAction()
    {
    }

    /* ---- action status (:748-797) ---- */

    public function isActionError()
    {
        return isset($this->actionStatus) && $this->actionStatus['status'] === 0;
    }

    public function setActionStatus($status, $message = '', $code = 0)
    {
        $this->actionStatus = ['status' => $status, 'message' => $message, 'code' => $code];
    }

    public function setActionError($message = '', $code = 0)
    {
        $this->setActionStatus(0, $message, $code); // ActionStatus::STATUS_ERROR
    }

    public function setActionSuccess($message = '', $code = 0)
    {
        $this->setActionStatus(1, $message, $code); // ActionStatus::STATUS_SUCCESS
    }

    public function isValid()
    {
        return $this->valid;
    }

    /* ---- the model form (:1029-1045, :1477-1480) ---- */

    /** one object per class and parameters for the request (X-Cart: CachingFactory) */
    public function getModelForm(array $params = [])
    {
        $class = $this->getModelFormClass();
        if (!isset($class)) {
            return null;
        }
        $key = $class . md5(serialize($params));

        return $this->modelForms[$key] ??= new $class($params);
    }

    protected function getModelFormClass()
    {
        return null;
    }

    /* ---- redirects (:466-510, :841-848, :1411-1446, :1536-1596) ---- */

    public function setReturnURL($url)
    {
        $this->returnURL = $url ? str_replace('&amp;', '&', $url) : '?';
    }

    public function getReturnURL()
    {
        if (!isset($this->returnURL)) {
            $this->returnURL = Request::getInstance()->{static::RETURN_URL};
        }

        return $this->returnURL;
    }

    public function setReturnURLParams(array $params)
    {
        $this->setReturnURL($this->buildURL($this->getTarget(), '', $params));
    }

    /** [inferred] the current page: target and the controller's own URL parameters */
    public function getURL(array $params = [])
    {
        return $this->buildURL($this->getTarget(), '', $params);
    }

    protected function getDefaultRedirectCode()
    {
        return $this->isAJAX() ? 200 : 302;
    }

    protected function doRedirect()
    {
        if ($this->isAJAX()) {
            if (!$this->hardRedirect) {
                $this->translateTopMessagesToHTTPHeaders();
            }
            $this->assignAJAXResponseStatus();
        }

        $this->redirect();
    }

    /** Operator::redirect() (Core/Operator.php:165-195): AJAX-Location for AJAX, Location else; no exit here */
    protected function redirect($url = null, $code = null)
    {
        $location = $this->getReturnURL() ?? $url ?? $this->getURL();
        $code = $code ?: $this->getDefaultRedirectCode();
        $xLite = \XLite::getInstance();
        $xLite->setStatusCode($code);
        $xLite->addHeader($this->isAJAX() && $code == 200 ? 'AJAX-Location' : 'Location', (string)$location);
    }

    protected function translateTopMessagesToHTTPHeaders()
    {
        $messages = array_map(static function ($message) {
            return ['type' => $message['type'], 'message' => $message['text']];
        }, \XLite\Core\TopMessage::getInstance()->getAJAXMessages());

        \XLite::getInstance()->addHeader('event-messages', (string)json_encode($messages));
        \XLite\Core\TopMessage::getInstance()->clearAJAX();
    }

    protected function assignAJAXResponseStatus()
    {
        $status = '270';
        if (!$this->isValid()) {
            $status = '0';
            \XLite::getInstance()->addHeader('not-valid', '1');
        } elseif ($this->hardRedirect) {
            $status = '278';
        } elseif ($this->internalRedirect) {
            $status = '279';
        } elseif ($this->silenceClose) {
            $status = '277';
        } elseif ($this->pureAction) {
            $status = '276';
        }
        \XLite::getInstance()->addHeader('ajax-response-status', $status);
    }

    /* ---- AJAX and JSON answers (:205-235, :1663-1680) ---- */

    protected function displayJSON($data)
    {
        $data = (string)json_encode($data);
        \XLite::getInstance()->addHeader('Content-Type', 'application/json');
        \XLite::getInstance()->addHeader('Content-Length', (string)strlen($data));
        \XLite::getInstance()->addContent($data); // X-Cart prints it; the stand-in keeps it in the response
    }

    protected function printAJAX($data)
    {
        $this->translateTopMessagesToHTTPHeaders();

        $content = (string)json_encode($data);
        $xLite = \XLite::getInstance();
        $xLite->addHeader('Content-Type', 'application/json; charset=UTF-8');
        $xLite->addHeader('Content-Length', (string)strlen($content));
        $xLite->addHeader('ETag', md5($content));
        $xLite->addContent($content);
        $xLite->sendResponse();
    }

    protected function setPureAction($flag = false)
    {
        if ($this->isAJAX()) {
            $this->pureAction = (bool)$flag;
        }
    }

    protected function setSuppressOutput($suppressOutput)
    {
        $this->suppressOutput = (bool)$suppressOutput;
    }

    /** :1860-1890 */
    protected function headerStatus($code)
    {
        $statuses = [400 => '400 Bad Request', 403 => '403 Forbidden', 404 => '404 Not Found', 500 => '500 Internal Server Error'];
        if (isset($statuses[$code])) {
            \XLite::getInstance()->setStatusCode($code);
            \XLite::getInstance()->addHeader('Status', $statuses[$code]);
        }
    }

    /**
     * :1847-1853: the access-denied page. The stand-in has no page to show: when the admin lacks the
     * permission (checkACL() of Admin\AAdmin) it throws XCartStandin\AccessDenied; a refused form id
     * ends as X-Cart's does (a redirect with the TopMessage, see checkFormId()).
     */
    protected function markAsAccessDenied()
    {
        Request::getInstance()->target = 'access_denied';
        $this->headerStatus(403);
        if (method_exists($this, 'checkACL') && !$this->checkACL()) {
            throw new \XCartStandin\AccessDenied(static::class);
        }
    }

    /* ---- form ids (:1147-1282) ---- */

    protected function isFormIdValid()
    {
        $session = \XLite\Core\Session::getInstance();
        $session->removeExpiredFormIds();

        if (!$this->isActionNeedFormId()) {
            return true;
        }
        $requestFormId = Request::getInstance()->{\XLite::FORM_ID};
        if (!isset($requestFormId) || !$requestFormId) {
            return false;
        }

        if (\XLite::getInstance()->getFormIdStrategy() === 'per-session') {
            $formId = $session->getSessionFormId();
            $result = $formId === $requestFormId;
            if (!$result && $formId) {
                $this->sendNewFormId($requestFormId, $session->resetFormId());
            }

            return $result;
        }

        $result = array_key_exists($requestFormId, $session->getFormIds());
        if ($result) {
            // per-form: a form id serves once; the AJAX caller gets the next one in a header
            $session->removeFormId($requestFormId);
            $this->sendNewFormId($requestFormId, $session->createFormId(true));
        }

        return $result;
    }

    private function sendNewFormId(string $old, ?string $new): void
    {
        if ($this->isAJAX()) {
            \XLite::getInstance()->addHeader('event-update-csrf', (string)json_encode([
                'old' => $old,
                'name' => \XLite::FORM_ID,
                'value' => $new,
            ]));
        }
    }

    protected function restoreFormId()
    {
        if ($this->isActionNeedFormId()) {
            \XLite\Core\Session::getInstance()->restoreFormId();
        }
    }

    public static function defineFreeFormIdActions()
    {
        return [];
    }

    protected function isActionNeedFormId()
    {
        return $this->getAction() && !in_array($this->getAction(), static::defineFreeFormIdActions());
    }

    /** [stand-in: no strategy set (unit tests) means form ids are not checked] */
    public function checkFormId()
    {
        if (\XLite::getInstance()->getFormIdStrategy() === null) {
            return true;
        }
        $result = !static::needFormId() || $this->isFormIdValid();
        if (!$result) {
            \XLite\Core\TopMessage::addWarning('The form could not be identified as a form generated by X-Cart');
        }

        return $result;
    }

    public static function needFormId()
    {
        return false;
    }
}
