<?php

namespace CloudLink\InforSync;

/**
 * Module descriptor. The module id is CloudLink-InforSync, its settings category CloudLink\InforSync
 * (both also in Core\ModuleInfo, which does not need X-Cart loaded).
 */
abstract class Main extends \XLite\Module\AModule
{
}
