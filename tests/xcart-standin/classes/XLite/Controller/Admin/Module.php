<?php
// [inferred] XLite\Controller\Admin\Module: not in the reference; the settings page of a module
// (admin.php?target=module&moduleId=Author-Name, reference §1.2), whose action=update saves the settings.
declare(strict_types=1);

namespace XLite\Controller\Admin;

class Module extends \XLite\Controller\Admin\AAdmin
{
    /** [inferred] X-Cart saves the settings form here; the stand-in has no form, so nothing is saved */
    protected function doActionUpdate()
    {
    }
}
