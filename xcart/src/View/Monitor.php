<?php

namespace CloudLink\InforSync\View;

use CloudLink\InforSync\Core\ModuleInfo;
use XCart\Extender\Mapping\ListChild;

/**
 * The monitoring page body (target infor_sync_status). The figures are fetched by monitor.js from
 * the controller's JSON actions; the page itself only says whether the extension is there.
 *
 * @ListChild (list="admin.center", zone="admin")
 */
class Monitor extends AInforSync
{
    public static function getAllowedTargets()
    {
        return array_merge(parent::getAllowedTargets(), [ModuleInfo::STATUS_TARGET]);
    }

    public function getJSFiles()
    {
        return array_merge(parent::getJSFiles(), ['modules/CloudLink/InforSync/monitor/monitor.js']);
    }

    protected function getDefaultTemplate()
    {
        return 'modules/CloudLink/InforSync/monitor/body.twig';
    }
}
