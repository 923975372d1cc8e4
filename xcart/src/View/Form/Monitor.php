<?php

namespace CloudLink\InforSync\View\Form;

/**
 * An empty form on the monitoring page: it carries X-Cart's form id, which the page's JavaScript
 * sends with every action (X-Cart refuses actions without it).
 */
class Monitor extends \XLite\View\Form\AForm
{
    protected function getDefaultTarget()
    {
        return 'infor_sync_status';
    }

    protected function getDefaultAction()
    {
        return 'status';
    }
}
