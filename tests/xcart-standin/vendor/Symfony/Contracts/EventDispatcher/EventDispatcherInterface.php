<?php
// Minimal copy of symfony/event-dispatcher-contracts' interface (not packaged in Debian bookworm).
declare(strict_types=1);

namespace Symfony\Contracts\EventDispatcher;

interface EventDispatcherInterface
{
    public function dispatch(object $event, string $eventName = null): object;
}
