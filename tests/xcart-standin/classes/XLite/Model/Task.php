<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Task (classes/XLite/Model/Task.php), §5: the cron task row; owner string(128) (:36).
 *
 * @ORM\Entity
 * @ORM\Table (name="tasks")
 */
class Task extends AEntity
{
    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer", options={ "unsigned": true }) */
    protected $id;
    /** @ORM\Column (type="string", length=128) */
    protected $owner = '';
    /** @ORM\Column (type="integer") */
    protected $triggerTime = 0;
    /** @ORM\Column (type="array") */
    protected $data = [];

    public function getId() { return $this->id; }
    public function getOwner() { return $this->owner; }
    public function setOwner($owner) { $this->owner = $owner; return $this; }
    public function getTriggerTime() { return $this->triggerTime; }
    public function setTriggerTime($triggerTime) { $this->triggerTime = (int)$triggerTime; return $this; }

    /** triggerTime < now, or 0 (:70-75) */
    public function isExpired()
    {
        return (int)$this->triggerTime === 0 || $this->triggerTime < \XLite\Core\Converter::time();
    }
}
