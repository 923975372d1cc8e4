<?php
// XLite\View\AView (classes/XLite/View/AView.php:79,86): getAllowedTargets(), getDefaultTemplate(), getJSFiles/getCSSFiles(); [inferred] no rendering
declare(strict_types=1);

namespace XLite\View;

abstract class AView
{
    protected $params = [];

    public function __construct(array $params = [])
    {
        $this->params = $params;
    }

    public static function getAllowedTargets()
    {
        return [];
    }

    protected function getDefaultTemplate()
    {
        return null;
    }

    /** [inferred] the widget's own JS files (template-relative paths); the core adds none here */
    public function getJSFiles()
    {
        return [];
    }

    /** [inferred] the widget's own CSS files (template-relative paths); the core adds none here */
    public function getCSSFiles()
    {
        return [];
    }

    /** Stand-in only: the template a widget would render */
    public function standinGetTemplate()
    {
        return $this->getDefaultTemplate();
    }

    public static function t($name, array $arguments = [], $code = null, $type = null)
    {
        return \XLite\Controller\AController::t($name, $arguments, $code, $type);
    }

    public function buildURL($target = '', $action = '', array $params = [])
    {
        return \XLite\Core\Converter::buildURL($target, $action, $params);
    }
}
