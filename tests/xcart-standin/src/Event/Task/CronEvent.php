<?php
/*
 * XCart\Event\Task\CronEvent (src/Event/Task/CronEvent.php), the xcart.cronjob event that
 * CronCommand dispatches to every task: a run stops after timeLimit (600 s) or when memory runs
 * low (ATask::checkThreadResource()); each task that ran is followed by sleepTime (3 s).
 */
declare(strict_types=1);

namespace XCart\Event\Task;

use Symfony\Component\Console\Output\OutputInterface;
use Symfony\Contracts\EventDispatcher\Event;

final class CronEvent extends Event
{
    public const NAME = 'xcart.cronjob';

    protected $timeLimit = 600;

    protected $memoryLimit = 4000000;

    protected $memoryLimitIni;

    protected $sleepTime = 3;

    protected $startTime;

    protected $output;

    public function getTimeLimit(): int
    {
        return $this->timeLimit;
    }

    public function setTimeLimit(int $timeLimit): void
    {
        $this->timeLimit = $timeLimit;
    }

    public function getMemoryLimit(): int
    {
        return $this->memoryLimit;
    }

    public function setMemoryLimit(int $memoryLimit): void
    {
        $this->memoryLimit = $memoryLimit;
    }

    public function getMemoryLimitIni(): int
    {
        return $this->memoryLimitIni;
    }

    public function setMemoryLimitIni(int $memoryLimitIni): void
    {
        $this->memoryLimitIni = $memoryLimitIni;
    }

    public function getSleepTime(): int
    {
        return $this->sleepTime;
    }

    public function setSleepTime(int $sleepTime): void
    {
        $this->sleepTime = $sleepTime;
    }

    public function getStartTime(): int
    {
        return $this->startTime;
    }

    public function setStartTime(int $startTime): void
    {
        $this->startTime = $startTime;
    }

    public function getOutput(): OutputInterface
    {
        return $this->output;
    }

    public function setOutput(OutputInterface $output): void
    {
        $this->output = $output;
    }
}
