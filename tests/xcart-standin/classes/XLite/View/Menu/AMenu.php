<?php
/*
 * XLite\View\Menu\AMenu (classes/XLite/View/Menu/AMenu.php): a menu widget; its items come from
 * defineItems() (:29). [stand-in] No rendering: the items are not prepared, sorted or marked
 * selected (prepareItems()/markSelected() are not modelled); Admin\AAdmin::standinGetItems() gives
 * them as defined.
 */
declare(strict_types=1);

namespace XLite\View\Menu;

abstract class AMenu extends \XLite\View\AView
{
    abstract protected function defineItems();
}
