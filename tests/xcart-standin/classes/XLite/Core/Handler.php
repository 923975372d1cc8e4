<?php
/*
 * XLite\Core\Handler (classes/XLite/Core/Handler.php): the base of X-Cart's controllers
 * (XLite\Controller\AController) and widgets (XLite\View\AView), an XLite\Base with a public
 * constructor taking the handler's parameters (:39), getParam() (:337) and buildURL() (:161).
 * [stand-in] Widget parameters are plain values (X-Cart: WidgetParam objects declared by
 * defineWidgetParams(), whose defaults the stand-in's form fields give in standinDefaultParams()).
 * buildURL() does not add the form id X-Cart puts into the URL of an action that needs one.
 */
declare(strict_types=1);

namespace XLite\Core;

abstract class Handler extends \XLite\Base
{
    /** @var array<string, mixed> parameter name => value [stand-in: values, not WidgetParam objects] */
    protected $widgetParams = [];

    public function __construct(array $params = [])
    {
        parent::__construct();
        $this->setWidgetParams($params);
    }

    /** :51 — called once the handler is set up; nothing by default */
    public function init()
    {
    }

    /** :60 */
    public function setWidgetParams(array $params)
    {
        foreach ($params as $name => $value) {
            $this->widgetParams[$name] = $value;
        }
    }

    /** :337 */
    protected function getParam($param)
    {
        return $this->widgetParams[$param] ?? null;
    }

    /** :161 — target, action and parameters as X-Cart's URL (Converter::buildURL()) */
    public function buildURL($target = '', $action = '', array $params = [], $forceCuFlag = null)
    {
        return \XLite\Core\Converter::buildURL($target, $action, $params, null, false, $forceCuFlag);
    }
}
