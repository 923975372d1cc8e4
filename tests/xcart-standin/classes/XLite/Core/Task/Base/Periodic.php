<?php
// XLite\Core\Task\Base\Periodic (Periodic.php:13): getPeriod() seconds (:35); finalizeStep sets the next run to start + period (:55-63)
declare(strict_types=1);

namespace XLite\Core\Task\Base;

abstract class Periodic extends \XLite\Core\Task\ATask
{
    // :15-28 (names between INT_1_MIN and INT_1_WEEK [inferred])
    const INT_1_MIN = 60;
    const INT_5_MIN = 300;
    const INT_10_MIN = 600;
    const INT_15_MIN = 900;
    const INT_30_MIN = 1800;
    const INT_1_HOUR = 3600;
    const INT_2_HOURS = 7200;
    const INT_4_HOURS = 14400;
    const INT_6_HOURS = 21600;
    const INT_12_HOURS = 43200;
    const INT_1_DAY = 86400;
    const INT_2_DAYS = 172800;
    const INT_1_WEEK = 604800;

    abstract protected function getPeriod();

    protected function finalizeStep()
    {
        parent::finalizeStep();
        $this->model->setTriggerTime($this->startTime + $this->getPeriod());
    }
}
