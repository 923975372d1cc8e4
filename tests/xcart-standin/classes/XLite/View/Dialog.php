<?php
/*
 * XLite\View\Dialog (classes/XLite/View/Dialog.php): a container drawn as a dialog box, the base of
 * X-Cart's model forms (View\Model\AModel). [stand-in] Nothing of it is modelled (no rendering).
 */
declare(strict_types=1);

namespace XLite\View;

abstract class Dialog extends \XLite\View\Container
{
}
