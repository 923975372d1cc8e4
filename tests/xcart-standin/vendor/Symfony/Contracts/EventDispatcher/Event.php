<?php
// Minimal copy of symfony/event-dispatcher-contracts' Event (not packaged in Debian bookworm): propagation only.
declare(strict_types=1);

namespace Symfony\Contracts\EventDispatcher;

class Event
{
    private bool $propagationStopped = false;

    public function isPropagationStopped(): bool
    {
        return $this->propagationStopped;
    }

    public function stopPropagation(): void
    {
        $this->propagationStopped = true;
    }
}
