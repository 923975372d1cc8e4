<?php
// XLite\Controller\AController: action=foo_bar calls doActionFooBar() (AController.php:1500-1515)
declare(strict_types=1);

namespace XLite\Controller;

abstract class AController
{
    protected $params = [];
    protected $returnURL;
    protected $silent = false;

    public function __construct(array $params = [])
    {
        $this->params = $params;
    }

    public function getTarget()
    {
        return \XLite\Core\Request::getInstance()->target
            ?? \XLite\Core\Converter::convertFromCamelCase(substr(strrchr('\\' . static::class, '\\'), 1));
    }

    public function getAction()
    {
        return \XLite\Core\Request::getInstance()->action;
    }

    public function getTitle()
    {
        return '';
    }

    public function checkACL()
    {
        return true;
    }

    /** [inferred] the request cycle the stand-in models: ACL, then the action */
    public function handleRequest()
    {
        if (!$this->checkACL()) {
            throw new \XCartStandin\AccessDenied(static::class);
        }
        $this->doAction();
    }

    protected function doAction()
    {
        $action = $this->getAction();
        $method = 'doAction' . \XLite\Core\Converter::convertToUpperCamelCase((string)$action);
        if ($action && method_exists($this, $method)) {
            $this->$method();
        } else {
            $this->doNoAction();
        }
    }

    protected function doNoAction()
    {
    }

    public function setReturnURL($url)
    {
        $this->returnURL = $url;
    }

    public function getReturnURL()
    {
        return $this->returnURL;
    }

    /** [inferred] a label's translation: the stand-in returns the label with {{name}} arguments substituted */
    public static function t($name, array $arguments = [], $code = null, $type = null)
    {
        foreach ($arguments as $k => $v) {
            $name = str_replace('{{' . $k . '}}', (string)$v, $name);
        }
        return $name;
    }
}
