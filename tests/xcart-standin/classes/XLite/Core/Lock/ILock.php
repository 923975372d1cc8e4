<?php
// XLite\Core\Lock\ILock (classes/XLite/Core/Lock/ILock.php): what FileLock implements.
declare(strict_types=1);

namespace XLite\Core\Lock;

interface ILock
{
    public function isRunning($key, $strict, $ttl);

    public function setRunning($key, $ttl);

    public function release($key);
}
