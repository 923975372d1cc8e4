<?php
/*
 * XLite\Core\Handler (classes/XLite/Core/Handler.php): the base of X-Cart's controllers
 * (XLite\Controller\AController) and widgets (XLite\View\AView), an XLite\Base with a public
 * constructor taking the handler's parameters. [stand-in] Widget parameters (WidgetParam objects,
 * defineWidgetParams()) are not modelled: the parameters are not kept.
 */
declare(strict_types=1);

namespace XLite\Core;

abstract class Handler extends \XLite\Base
{
    public function __construct(array $params = [])
    {
        parent::__construct();
    }

    /** :51 — called once the handler is set up; nothing by default */
    public function init()
    {
    }
}
