<?php
/*
 * XLite\Core\Task\ATask (classes/XLite/Core/Task/ATask.php), §5, as the real class runs a task:
 *
 * handleTask() loads the Task row by owner = static::class (a missing row: ->isExpired() on
 * null, a fatal error), returns unless it is expired (Task::isExpired() re-reads the row),
 * runRunner(), then sleeps the event's sleepTime and stops the cron run when its time or memory
 * is used up.
 * runRunner(): when ready and not running (a lock file, Lock\FileLock), run(); then, whatever
 * happened, flush the entity manager.
 * run(): isValid() -> prepareStep(), markAsRunning() (the lock), runStep(), then finalizeTask()
 * (last step) or finalizeStep().
 * Nothing here catches: an exception from runStep() or from the flush leaves the lock in place
 * and goes up to CronCommand, which has no catch either: the whole xcart:cron run dies.
 */
declare(strict_types=1);

namespace XLite\Core\Task;

use XCart\Event\Task\CronEvent;

abstract class ATask extends \XLite\Base
{
    protected $model;

    protected $startTime;

    protected $lastStep = false;

    protected $message;

    protected $output;

    abstract public function getTitle();

    abstract protected function runStep();

    public function __construct()
    {
    }

    public function handleTask(CronEvent $event): void
    {
        $this->model = \XLite\Core\Database::getRepo('XLite\Model\Task')->findOneBy(['owner' => static::class]);
        $this->startTime = $event->getStartTime();
        if (!$this->model->isExpired()) {
            return;
        }
        $this->runRunner();
        \XCartStandin\Clock::sleep($event->getSleepTime());
        if (!$this->checkThreadResource($event)) {
            $event->stopPropagation();
        }
    }

    public function getMessage()
    {
        return $this->message;
    }

    public function isReady()
    {
        return true;
    }

    public function shouldRunIfCrashed()
    {
        return true;
    }

    public function getLockKey()
    {
        return static::class . $this->model->getId();
    }

    public function isRunning()
    {
        return \XLite\Core\Lock\FileLock::getInstance()->isRunning($this->getLockKey(), !$this->shouldRunIfCrashed());
    }

    protected function markAsRunning()
    {
        \XLite\Core\Lock\FileLock::getInstance()->setRunning($this->getLockKey());
    }

    protected function release()
    {
        \XLite\Core\Lock\FileLock::getInstance()->release($this->getLockKey());
    }

    protected function runRunner()
    {
        if ($this->isReady() && !$this->isRunning()) {
            $this->run();
        }
        \XLite\Core\Database::getEM()->flush();
    }

    public function run()
    {
        if ($this->isValid()) {
            $this->prepareStep();
            $this->markAsRunning();
            $this->runStep();
            if ($this->isLastStep()) {
                $this->finalizeTask();
            } else {
                $this->finalizeStep();
            }
        } elseif (!$this->message) {
            $this->message = 'invalid';
        }
    }

    protected function checkThreadResource($event)
    {
        return \XCartStandin\Clock::now() - $event->getStartTime() < $event->getTimeLimit();
    }

    protected function prepareStep()
    {
    }

    protected function isLastStep()
    {
        return $this->lastStep;
    }

    protected function finalizeTask()
    {
        $this->release();
        $this->close();
    }

    protected function finalizeStep()
    {
    }

    protected function isValid()
    {
        return true;
    }

    protected function close()
    {
        \XLite\Core\Database::getEM()->remove($this->model);
    }
}
