<?php
/*
 * XLite\View\Menu\Admin\AAdmin (classes/XLite/View/Menu/Admin/AAdmin.php): the admin menus. Item keys
 * (:20-42, ITEM_TARGET is the target of the page an item opens); addRelatedTarget() (:456-466): the
 * item of $target is highlighted on the pages of $destTarget too (with the request parameters
 * $extra / $destExtra); getRelatedTargets() (:439-444): a target and the targets listed for it.
 */
declare(strict_types=1);

namespace XLite\View\Menu\Admin;

abstract class AAdmin extends \XLite\View\Menu\AMenu
{
    const ITEM_TITLE = 'title';
    const ITEM_TARGET = 'linkTarget';
    const ITEM_EXTRA = 'extra';
    const ITEM_PERMISSION = 'permission';
    const ITEM_CHILDREN = 'children';
    const ITEM_WEIGHT = 'weight';
    const ITEM_LINK = 'link';

    /** @var array<string, list<string>> target => the targets whose pages highlight its item */
    protected $relatedTargets = [];

    /** @var list<array{0: string, 1: string, 2: array, 3: array}> target, destTarget, extra, destExtra */
    protected $relatedExtraTargets = [];

    /** Stand-in only: the items as defined */
    public function standinGetItems()
    {
        return $this->defineItems();
    }

    public function getRelatedTargets($target)
    {
        return isset($this->relatedTargets[$target]) ? array_merge([$target], $this->relatedTargets[$target]) : [$target];
    }

    public function addRelatedTarget(string $target, string $destTarget, array $extra = [], array $destExtra = [])
    {
        $this->relatedExtraTargets[] = [$target, $destTarget, $extra, $destExtra];

        return $this;
    }

    /** Stand-in only: what addRelatedTarget() recorded (X-Cart's getTargetWeight() reads it) */
    public function standinGetRelatedExtraTargets(): array
    {
        return $this->relatedExtraTargets;
    }
}
