<?php
// XLite\View\Menu\Admin\LeftMenu: sections (LeftMenu.php:100-395); [inferred] each section empty but for its title
declare(strict_types=1);

namespace XLite\View\Menu\Admin;

class LeftMenu extends AAdmin
{
    protected function defineItems()
    {
        $items = [];
        $weight = 100;
        foreach (['sales', 'catalog', 'communications', 'promotions', 'store_design', 'store_setup', 'extensions',
                     'marketing', 'reports', 'common_settings', 'system_settings'] as $section) {
            $items[$section] = [
                static::ITEM_TITLE => static::t(ucfirst(str_replace('_', ' ', $section))),
                static::ITEM_WEIGHT => $weight += 100,
                static::ITEM_CHILDREN => [],
            ];
        }
        return $items;
    }
}
