<?php
/*
 * XLite\Controller\Admin\Module (classes/XLite/Controller/Admin/Module.php): a module's settings page,
 * admin.php?target=module&moduleId=Author-Name.
 *
 *   getModule() :128-137      the moduleId of the request when that module is enabled, else ''
 *   handleRequest() :49-74    no such enabled module: the page is not found (return URL 404)
 *                             [stand-in: no redirect to a module's own settings page]
 *   getOptions() :81-87       Repo\Config::findByCategoryAndVisible("Author\Name"): the category's
 *                             options by orderby, those without a type left out (Repo/Config.php:126-139)
 *   doActionUpdate() :154-157 getModelForm()->performAction('update'): XLite\View\Model\ModuleSettings
 *                             (getModelFormClass() :164-167) validates and writes the options, adds
 *                             the TopMessages; a module's mixin of doActionUpdate() runs after all that
 *                             when it calls parent::doActionUpdate() first.
 */
declare(strict_types=1);

namespace XLite\Controller\Admin;

class Module extends AAdmin
{
    /** @var string|null */
    protected $module;

    public function handleRequest()
    {
        if (!$this->getModule()) {
            $this->setReturnURL($this->buildURL(\XLite::TARGET_404));
        }

        parent::handleRequest();
    }

    public function getOptions()
    {
        [$author, $name] = array_pad(explode('-', (string)$this->getModule(), 2), 2, '');
        $options = \XLite\Core\Database::getRepo(\XLite\Model\Config::class)
            ->findBy(['category' => $author . '\\' . $name], ['orderby' => 'ASC']);

        return array_values(array_filter($options, static fn ($option) => !empty($option->getType())));
    }

    /** [stand-in: X-Cart names the module by its moduleName] */
    public function getTitle()
    {
        return static::t('X module settings', ['name' => $this->getModule()]);
    }

    public function getModule()
    {
        if ($this->module === null) {
            $this->module = \XCart\Container::getContainer()->get(\XCart\Domain\ModuleManagerDomain::class)
                ->isEnabled((string)$this->getModuleId()) ? (string)$this->getModuleId() : '';
        }

        return $this->module;
    }

    protected function getModuleId()
    {
        return \XLite\Core\Request::getInstance()->moduleId;
    }

    protected function doActionUpdate()
    {
        $this->getModelForm()->performAction('update');
    }

    protected function getModelFormClass()
    {
        return 'XLite\View\Model\ModuleSettings';
    }
}
