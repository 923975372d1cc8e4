<?php
// XLite\View\Menu\Admin\AAdmin: menu item keys (AAdmin.php:20-32)
declare(strict_types=1);

namespace XLite\View\Menu\Admin;

abstract class AAdmin extends \XLite\View\AView
{
    const ITEM_TITLE = 'title';
    const ITEM_TARGET = 'target';
    const ITEM_EXTRA = 'extra';
    const ITEM_PERMISSION = 'permission';
    const ITEM_CHILDREN = 'children';
    const ITEM_WEIGHT = 'weight';
    const ITEM_LINK = 'link';

    protected $relatedTargets = [];

    abstract protected function defineItems();

    /** Stand-in only: the items as defined */
    public function standinGetItems()
    {
        return $this->defineItems();
    }

    /** [inferred signature] highlights the item $target on the pages of $related */
    protected function addRelatedTarget($target, $related = [], $params = [])
    {
        foreach ((array)$related as $r) {
            $this->relatedTargets[$target][] = $r;
        }
    }

    public function standinGetRelatedTargets()
    {
        return $this->relatedTargets;
    }
}
