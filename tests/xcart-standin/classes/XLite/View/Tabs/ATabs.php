<?php
// XLite\View\Tabs\ATabs: defineTabs() returns target => [weight, title, template|widget] [inferred shape]
declare(strict_types=1);

namespace XLite\View\Tabs;

abstract class ATabs extends \XLite\View\AView
{
    abstract protected function defineTabs();

    /** Stand-in only */
    public function standinGetTabs()
    {
        return $this->defineTabs();
    }
}
