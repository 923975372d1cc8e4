<?php
/*
 * XLite\Controller\Admin\AAdmin (classes/XLite/Controller/Admin/AAdmin.php): checkAccess() needs the
 * ACL and a valid form id (:45-49), needFormId() is true (:57-60) and search actions are free of it
 * (defineFreeFormIdActions() :67-73); checkACL() requires root access (:80-83). The items list
 * actions of ItemsListControllerTrait are not modelled. [stand-in] isPublicZone() is not modelled
 * (no public admin pages).
 */
declare(strict_types=1);

namespace XLite\Controller\Admin;

abstract class AAdmin extends \XLite\Controller\AController
{
    use \XLite\Controller\Features\ItemsListControllerTrait;

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

    /**
     * :80-83 — X-Cart names the code \XLite\Model\Role\Permission::ROOT_ACCESS
     * (classes/XLite/Model/Role/Permission.php:20), a constant of an entity the stand-in does not model.
     */
    public function checkACL()
    {
        return \XLite\Core\Auth::getInstance()->isPermissionAllowed('root access');
    }
}
