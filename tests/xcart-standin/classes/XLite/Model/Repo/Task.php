<?php
// XLite\Model\Repo\Task
declare(strict_types=1);

namespace XLite\Model\Repo;

class Task extends ARepo
{
    protected $alternativeIdentifier = [
        ['owner'],
    ];
}
