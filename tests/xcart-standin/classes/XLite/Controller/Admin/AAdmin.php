<?php
/*
 * XLite\Controller\Admin\AAdmin (classes/XLite/Controller/Admin/AAdmin.php): checkAccess() needs the
 * ACL and a valid form id (:45-49), needFormId() is true (:57-60) and search actions are free of it
 * (defineFreeFormIdActions() :67-73); checkACL() requires root access (:80-83).
 */
declare(strict_types=1);

namespace XLite\Controller\Admin;

abstract class AAdmin extends \XLite\Controller\AController
{
    public function checkAccess()
    {
        return (parent::checkAccess() && $this->checkACL()) && $this->checkFormId();
    }

    public static function needFormId()
    {
        return true;
    }

    public static function defineFreeFormIdActions()
    {
        return array_merge(parent::defineFreeFormIdActions(), ['save_search_filter', 'search']);
    }

    public function checkACL()
    {
        return \XLite\Core\Auth::getInstance()->isPermissionAllowed(\XLite\Core\Auth::PERMISSION_ROOT);
    }
}
