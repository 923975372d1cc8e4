<?php
/*
 * XLite\View\Container (classes/XLite/View/Container.php): a widget drawn in a frame (head, body
 * template). [stand-in] Nothing of it is modelled (the stand-in renders no widgets); it is here
 * because X-Cart's Dialog, and so View\Model\AModel, extends it.
 */
declare(strict_types=1);

namespace XLite\View;

abstract class Container extends \XLite\View\RequestHandler\ARequestHandler
{
}
