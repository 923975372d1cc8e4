<?php
// XLite\Model\Task: the cron task row (classes/XLite/Model/Task.php); owner string(128) (:36)
declare(strict_types=1);

namespace XLite\Model;

class Task extends AEntity
{
    protected $id;
    protected $owner = '';
    protected $triggerTime = 0;
    protected $abstractParameters;

    public function getId() { return $this->id; }
    public function getOwner() { return $this->owner; }
    public function setOwner($owner) { $this->owner = $owner; return $this; }
    public function getTriggerTime() { return $this->triggerTime; }
    public function setTriggerTime($t) { $this->triggerTime = (int)$t; return $this; }

    /** triggerTime < now, or 0 (:70-75) */
    public function isExpired()
    {
        return $this->triggerTime === 0 || $this->triggerTime < \XCartStandin\Clock::now();
    }
}
