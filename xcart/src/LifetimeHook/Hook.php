<?php

namespace CloudLink\InforSync\LifetimeHook;

use CloudLink\InforSync\Core\ModuleInfo;
use XCart\Doctrine\FixtureLoader;

/**
 * The module's lifetime hooks: config/services.yaml tags this service "xcart.lifetime-hook"
 * (src/DependencyInjection/Compiler/AddModuleLifetimeHooksPass.php), and X-Cart's
 * HookManagerDomain::runHook() calls an upgrade hook once when the module is upgraded across its
 * version (version > the old one, <= the new one: src/Domain/HookManagerDomain.php:129-152), as
 * modules/CDev/GoogleAnalytics/src/LifetimeHook/Hook.php does for its settings.
 */
final class Hook
{
    private FixtureLoader $fixtureLoader;

    public function __construct(FixtureLoader $fixtureLoader)
    {
        $this->fixtureLoader = $fixtureLoader;
    }

    /**
     * 5.5.1.0 added the connection settings (sep_connection, ionapi_upload, poll_*_interval) and made
     * the JSON textareas trusted fields.
     */
    public function onUpgradeTo5510(): void
    {
        $this->loadSettingsKeepingValues();
    }

    /**
     * Loads the settings of config/install.yaml, the one list of them: a setting the shop lacks is
     * added with its default, the others get install.yaml's type, order and field parameters.
     * FixtureLoader::loadYaml() also writes the value of a row that exists (ARepo::loadFixture()
     * updates the row it finds, classes/XLite/Model/Repo/ARepo.php:1051-1140), so the values the
     * shop had are written back afterwards.
     */
    private function loadSettingsKeepingValues(): void
    {
        $repo = \XLite\Core\Database::getRepo('XLite\Model\Config');
        $values = [];
        foreach ($repo->findBy(['category' => ModuleInfo::CONFIG_CATEGORY]) as $option) {
            $values[$option->getName()] = $option->getValue();
        }

        $this->fixtureLoader->loadYaml(LC_DIR_MODULES . 'CloudLink/InforSync/config/install.yaml', ['XLite\Model\Config']);

        foreach ($values as $name => $value) {
            $repo->createOption(['category' => ModuleInfo::CONFIG_CATEGORY, 'name' => $name, 'value' => $value], true);
        }
        \XLite\Core\Database::getEM()->flush();
        \XLite\Core\Config::updateInstance();
    }
}
