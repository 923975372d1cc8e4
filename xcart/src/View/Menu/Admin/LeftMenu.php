<?php

namespace CloudLink\InforSync\View\Menu\Admin;

use CloudLink\InforSync\Core\ModuleInfo;
use XCart\Extender\Mapping\Extender;

/**
 * "Infor M3 sync" under Orders (section sales) in the admin menu.
 *
 * @Extender\Mixin
 */
class LeftMenu extends \XLite\View\Menu\Admin\LeftMenu
{
    protected function defineItems()
    {
        $items = parent::defineItems();
        if (isset($items['sales'])) {
            $items['sales'][static::ITEM_CHILDREN][ModuleInfo::STATUS_TARGET] = [
                static::ITEM_TITLE => static::t('Infor M3 sync'),
                static::ITEM_TARGET => ModuleInfo::STATUS_TARGET,
                static::ITEM_WEIGHT => 1000,
            ];
        }

        return $items;
    }
}
