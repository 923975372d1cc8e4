<?php
/*
 * XLite\View\AView (classes/XLite/View/AView.php): getAllowedTargets() (:86), getDefaultTemplate(),
 * getJSFiles/getCSSFiles(); a method the widget does not have is the controller's (__call :123-144,
 * e.g. getModule() of Controller\Admin\Module); isVisible() (:603-608) is checkTarget() (:549-554:
 * the request's target is one of getAllowedTargets(), when the widget names any) and checkACL().
 * A widget's parameters are Core\Handler's. [inferred] no rendering: the browser test's router
 * renders the templates.
 */
declare(strict_types=1);

namespace XLite\View;

abstract class AView extends \XLite\Core\Handler
{
    use OutputHelpersTrait;
    use \XLite\InjectLoggerTrait;

    public static function getAllowedTargets()
    {
        return [];
    }

    public static function getDisallowedTargets()
    {
        return [];
    }

    /** :123-144 [the stand-in skips the get<Method> and widget-parameter lookups] */
    public function __call($method, array $args = [])
    {
        return call_user_func_array([\XLite::getController(), $method], $args);
    }

    public static function isDisplayRequired(array $targets)
    {
        return in_array(\XLite\Core\Request::getInstance()->target, $targets, true);
    }

    public static function isDisplayRestricted(array $targets)
    {
        return in_array(\XLite\Core\Request::getInstance()->target, $targets, true);
    }

    public static function checkTarget()
    {
        $targets = static::getAllowedTargets();

        return (!$targets || static::isDisplayRequired($targets)) && !static::isDisplayRestricted(static::getDisallowedTargets());
    }

    protected function isVisible()
    {
        return static::checkTarget() && $this->checkACL();
    }

    protected function checkACL()
    {
        return true;
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

    /** Stand-in only: whether X-Cart would display the widget (isVisible() is protected) */
    public function standinIsVisible(): bool
    {
        return $this->isVisible();
    }
}
