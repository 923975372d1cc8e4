<?php

namespace CloudLink\InforSync\Core;

/**
 * The lock a cron run holds while it applies Infor's events: MariaDB/MySQL GET_LOCK on the shop's own
 * database connection. Unlike X-Cart's lock file (XLite\Core\Lock\FileLock: look, then write) it is a
 * real mutual exclusion, it works when several hosts run cron against one database, and the server
 * releases it when the process holding it dies.
 */
final class InboundLock
{
    /** True when this connection got the lock; false at once when another one holds it. */
    public static function acquire(\Doctrine\DBAL\Connection $connection): bool
    {
        return (int) $connection->fetchOne('SELECT GET_LOCK(?, 0)', [self::name($connection)]) === 1;
    }

    public static function release(\Doctrine\DBAL\Connection $connection): void
    {
        try {
            $connection->fetchOne('SELECT RELEASE_LOCK(?)', [self::name($connection)]);
        } catch (\Throwable $e) {
            // a lost connection released it already
        }
    }

    /** One lock per database (lock names are server-wide, at most 64 characters). */
    private static function name(\Doctrine\DBAL\Connection $connection): string
    {
        return 'infor_sync_inbound_' . substr(sha1((string) $connection->getDatabase()), 0, 16);
    }
}
