<?php

namespace CloudLink\InforSync\Core;

/**
 * Runs work once the shop's changes are in the database for good, so that nothing is sent to Infor
 * for an order, payment or address whose save then fails.
 *
 * X-Cart's entity manager runs its after-flush callbacks only after a flush succeeded
 * (XLite\Core\Doctrine\ORM\EntityManager::flush() -> tryExecuteAfterFlushCallbacks()); a flush outside
 * a transaction has committed by then. A flush inside someone's open transaction has not: such work
 * waits for a later flush outside a transaction that has work of its own, or for the end of the
 * request. Either way it runs only if its rows really are in the database ($committed, asked then).
 */
final class AfterCommit
{
    /** @var array<string, array{send: callable, committed: callable}> work waiting for a commit */
    private static $waiting = [];

    /** @var object|null the entity manager our after-flush callback waits on */
    private static $callbackEm = null;

    private static $shutdownRegistered = false;

    /**
     * @param string   $key       one piece of work per key (the same order saved twice is sent once)
     * @param callable $send      the work
     * @param callable $committed whether its rows are in the database, read from the database
     */
    public static function add(string $key, callable $send, callable $committed): void
    {
        self::$waiting[$key] = ['send' => $send, 'committed' => $committed];
        $em = \XLite\Core\Database::getEM();
        if (self::$callbackEm !== $em) {
            self::$callbackEm = $em;
            $em->addAfterFlushCallback([self::class, 'afterFlush']);
        }
    }

    /** X-Cart's after-flush callback: the flush succeeded. */
    public static function afterFlush(): void
    {
        self::$callbackEm = null;
        if (self::inTransaction()) {
            // not committed yet: the next add() registers the callback again; the request's end checks
            self::registerShutdown();

            return;
        }
        self::runAll();
    }

    /** End of the request: what still waits runs only if it is in the database. */
    public static function atShutdown(): void
    {
        if (self::$waiting && !self::inTransaction()) {
            self::runAll();
        }
        self::$waiting = [];
    }

    /**
     * Each piece of work runs only if its rows are in the database: work left over from a flush that
     * failed (its callback never ran) must not go out with the next successful one.
     */
    private static function runAll(): void
    {
        $waiting = self::$waiting;
        self::$waiting = [];
        foreach ($waiting as $key => $work) {
            try {
                if (!($work['committed'])()) {
                    Extension::log('warning', 'not sent: its save was not committed', ['key' => $key]);
                    continue;
                }
                ($work['send'])();
            } catch (\Throwable $e) {
                Extension::failure('after commit', $e, ['key' => $key]);
            }
        }
    }

    private static function inTransaction(): bool
    {
        try {
            return \XLite\Core\Database::getEM()->getConnection()->isTransactionActive();
        } catch (\Throwable $e) {
            return false;
        }
    }

    private static function registerShutdown(): void
    {
        if (!self::$shutdownRegistered) {
            self::$shutdownRegistered = true;
            register_shutdown_function([self::class, 'atShutdown']);
        }
    }
}
