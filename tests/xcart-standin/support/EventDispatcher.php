<?php
/*
 * Stand-in only: Symfony's event dispatcher as X-Cart's kernel sets it up for xcart:cron: the
 * listeners are the services tagged kernel.event_listener in the config/services.yaml of each
 * enabled module (a module's services.yaml is read only when its Bundle class exists,
 * src/Kernel.php:50-59), called in file order until one stops the propagation.
 */
declare(strict_types=1);

namespace XCartStandin;

use Symfony\Component\Yaml\Yaml;
use Symfony\Contracts\EventDispatcher\EventDispatcherInterface;

final class EventDispatcher implements EventDispatcherInterface
{
    /** @var array<string, list<array{0: string, 1: string}>> event => [service class, method] */
    private array $listeners = [];

    public static function fromModules(): self
    {
        $dispatcher = new self();
        foreach (Extender::classRoots() as [$prefix, $dir]) {
            $services = dirname($dir) . '/config/services.yaml';
            $id = trim($prefix, '\\');
            $bundle = $prefix . substr($id, strrpos($id, '\\') + 1) . 'Bundle';
            if (!is_file($services) || !class_exists($bundle)) {
                continue;
            }
            foreach ((array) (Yaml::parseFile($services)['services'] ?? []) as $class => $definition) {
                foreach ((array) ($definition['tags'] ?? []) as $tag) {
                    if (($tag['name'] ?? '') === 'kernel.event_listener') {
                        $dispatcher->listeners[$tag['event']][] = [$class, $tag['method'] ?? '__invoke'];
                    }
                }
            }
        }

        return $dispatcher;
    }

    public function dispatch(object $event, string $eventName = null): object
    {
        foreach ($this->listeners[$eventName ?? get_class($event)] ?? [] as [$class, $method]) {
            if (method_exists($event, 'isPropagationStopped') && $event->isPropagationStopped()) {
                break;
            }
            \XCart\Container::getContainer()->get($class)->$method($event);
        }

        return $event;
    }
}
