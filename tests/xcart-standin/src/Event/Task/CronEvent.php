<?php
// XCart\Event\Task\CronEvent (src/Event/Task/CronEvent.php:17-45), the xcart.cronjob event. [inferred] no 600 s / memory limits here.
declare(strict_types=1);

namespace XCart\Event\Task;

class CronEvent
{
    private array $executed = [];

    public function __construct(private int $startTime = 0)
    {
        $this->startTime = $startTime ?: \XCartStandin\Clock::now();
    }

    public function getStartTime(): int
    {
        return $this->startTime;
    }

    /** Stand-in only: which tasks ran, with their messages */
    public function standinExecuted(string $task, $message): void
    {
        $this->executed[] = ['task' => $task, 'message' => $message];
    }

    public function standinGetExecuted(): array
    {
        return $this->executed;
    }
}
