<?php
// XLite\Controller\Admin\AAdmin: checkACL() requires root access (AAdmin.php:80-83)
declare(strict_types=1);

namespace XLite\Controller\Admin;

abstract class AAdmin extends \XLite\Controller\AController
{
    public function checkACL()
    {
        return \XLite\Core\Auth::getInstance()->isPermissionAllowed(\XLite\Core\Auth::PERMISSION_ROOT);
    }
}
