<?php
/*
 * XLite\Core\Task\ATask (classes/XLite/Core/Task/ATask.php), §5.
 * handleTask() loads the Task row by owner = static::class; a missing row is
 * a fatal error (->isExpired() on null).  When expired it runs one step
 * (isReady, prepareStep, isValid, runStep, finalizeStep), finalizes the task
 * (close() deletes the row when $lastStep) and flushes the EM (:197).
 * [inferred] no file lock, no sleep(3) after the task.
 */
declare(strict_types=1);

namespace XLite\Core\Task;

abstract class ATask
{
    protected $model;
    protected $startTime;
    protected $lastStep = false;
    protected $message;

    /** :56 */
    abstract public function getTitle();

    /** :61 */
    abstract protected function runStep();

    public function handleTask(\XCart\Event\Task\CronEvent $event): void
    {
        $this->model = \XLite\Core\Database::getRepo(\XLite\Model\Task::class)->findOneBy(['owner' => static::class]);
        if (!$this->model->isExpired()) {
            return;
        }
        $this->startTime = \XCartStandin\Clock::now();
        if ($this->isReady()) {
            $this->prepareStep();
            if ($this->isValid()) {
                $this->runStep();
            }
            $this->finalizeStep();
        }
        $this->finalizeTask();
        \XLite\Core\Database::getEM()->flush();
        $event->standinExecuted(static::class, $this->message);
    }

    public function getMessage() { return $this->message; }
    public function isReady() { return true; }
    protected function isValid() { return true; }
    protected function prepareStep() {}
    protected function finalizeStep() {}

    /** :269-298 */
    protected function finalizeTask()
    {
        if ($this->lastStep) {
            $this->close();
        }
    }

    protected function close()
    {
        \XLite\Core\Database::getEM()->remove($this->model);
    }
}
