<?php
/*
 * XLite\Core\Model\EntityLock\EntityLockTrait (classes/XLite/Core/Model/EntityLock/EntityLockTrait.php):
 * a named lock on one entity (Payment\Transaction uses the type 'ipn' while a callback of the
 * gateway is processed). setEntityLock() stores the time it expires (now + $ttl, else
 * getLockTTL()); isEntityLocked() is true while one is stored, isEntityLockExpired() once the
 * stored time has passed; unsetEntityLock() removes it.
 * [stand-in] X-Cart stores the expiry in its cache (Database::getCacheDriver(), shared by all PHP
 * processes); here it lives in this process only. createEntityAutoLock() (a Symfony lock) is not
 * modelled. "Now" is XCartStandin\Clock.
 */
declare(strict_types=1);

namespace XLite\Core\Model\EntityLock;

trait EntityLockTrait
{
    /** @var array<string, int> lock identifier => expiry time */
    private static $standinEntityLocks = [];

    abstract protected function getLockTTL($type = 'lock');

    public function setEntityLock($type = 'lock', $ttl = null)
    {
        self::$standinEntityLocks[$this->getLockIdentifier($type)] = \XCartStandin\Clock::now() + ($ttl ?: $this->getLockTTL($type));
    }

    public function isEntityLocked($type = 'lock')
    {
        return (self::$standinEntityLocks[$this->getLockIdentifier($type)] ?? 0) > 0;
    }

    public function isEntityLockExpired($type = 'lock')
    {
        $expires = self::$standinEntityLocks[$this->getLockIdentifier($type)] ?? 0;

        return $expires > 0 && $expires < \XCartStandin\Clock::now();
    }

    public function unsetEntityLock($type = 'lock')
    {
        unset(self::$standinEntityLocks[$this->getLockIdentifier($type)]);
    }

    /** The entity's class and id, and a hash of $identifierData when given. */
    protected function getLockIdentifier($identifierData = null)
    {
        return 'EntityLock_' . $this->getEntityName() . $this->getUniqueIdentifier()
            . ($identifierData ? '-' . md5(serialize($identifierData)) : '');
    }
}
