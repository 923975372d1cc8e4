<?php
/*
 * XCart\Domain\ModuleManagerDomain (src/Domain/ModuleManagerDomain.php): the installed modules;
 * isEnabled($moduleId) (:28-31) with ids "Author-Name". The stand-in asks its class loader which
 * modules are added and enabled (XCartStandin\Extender).
 */
declare(strict_types=1);

namespace XCart\Domain;

final class ModuleManagerDomain
{
    public function isEnabled(string $moduleId): bool
    {
        return \XCartStandin\Extender::isModuleEnabled($moduleId);
    }
}
