<?php
/*
 * XCart\Domain\HookManagerDomain (src/Domain/HookManagerDomain.php): the modules' lifetime hooks.
 * The container's compiler pass (src/DependencyInjection/Compiler/AddModuleLifetimeHooksPass.php:19-40)
 * calls addHook() for every tag "xcart.lifetime-hook" of a service: moduleId (from the tag, else the
 * service class's first two namespace parts), type, method (default "on<type>") and, for "upgrade",
 * version. runHook() (:76-112) with hookType "upgrade" calls, in version order, every upgrade hook of
 * the module whose version is > versionFrom and <= versionTo, without arguments (:129-152); this is
 * what `xcart:service:call-module-hook --versionFrom=... --versionTo=... upgrade Author-Name` and the
 * upgrade of a module run. The stand-in models addHook() and the upgrade hooks.
 */
declare(strict_types=1);

namespace XCart\Domain;

final class HookManagerDomain
{
    public const HOOK_TYPE_UPGRADE = 'upgrade';

    private array $hooks = [];

    public function addHook(array $hook): void
    {
        $moduleId = $hook['moduleId'] ?? '';
        $hookType = $hook['hookType'] ?? '';
        if (!$moduleId || !$hookType) {
            throw new \RuntimeException('a lifetime hook needs moduleId and hookType'); // HookManagerException
        }
        $this->hooks[$moduleId][$hookType][] = [
            'object' => $hook['object'] ?? null,
            'method' => $hook['method'],
            'version' => $hook['version'] ?? '',
        ];
    }

    /** @return int the number of hooks run */
    public function runHook(array $hook): int
    {
        if (($hook['hookType'] ?? '') !== self::HOOK_TYPE_UPGRADE) {
            throw new \LogicException('the stand-in models upgrade hooks only');
        }
        $from = $hook['versionFrom'];
        $to = $hook['versionTo'];
        $hooks = array_filter(
            $this->hooks[$hook['moduleId'] ?? ''][self::HOOK_TYPE_UPGRADE] ?? [],
            static fn ($h) => version_compare($h['version'], $from, '>') && version_compare($h['version'], $to, '<=')
        );
        usort($hooks, static fn ($a, $b) => version_compare($a['version'], $b['version']));
        foreach ($hooks as $h) {
            $h['object']->{$h['method']}();
        }

        return count($hooks);
    }

    public function getHooks(): array
    {
        return $this->hooks;
    }
}
