<?php

namespace CloudLink\InforSync\Core;

/**
 * Runs work once the shop's changes are in the database for good, so that nothing is sent to Infor
 * for an order, payment or address whose save then fails.
 *
 * It listens to Doctrine's postFlush event, which comes at the end of a flush that succeeded; a
 * flush outside a transaction has committed by then. Work waits while someone's transaction is still
 * open (the next postFlush outside it, or the end of the request, runs it). Whenever it runs, it runs
 * only if its rows really are in the database ($committed, read then): work left from a flush that
 * failed, or from a rolled back transaction, is dropped.
 *
 * "Quiet" work (customers) waits for the first flush that no longer changes its key: X-Cart saves an
 * address field by field, one flush each (XLite\Model\Address::setterProperty(),
 * classes/XLite/Model/Address.php:176), then flushes the address and its profile once more; the
 * customer goes to Infor once, with the address as it ends up.
 */
final class AfterCommit
{
    /** @var array<string, array{send: callable, committed: callable, quiet: bool, fresh: bool}> */
    private static $waiting = [];

    /** @var object|null the entity manager the listener is registered on */
    private static $listeningTo = null;

    private static $shutdownRegistered = false;

    /**
     * Runs $send after the current (or next) flush has committed.
     *
     * @param string   $key       one piece of work per key (the same order saved twice is sent once)
     * @param callable $committed whether its rows are in the database, read from the database
     */
    public static function add(string $key, callable $send, callable $committed): void
    {
        self::wait($key, $send, $committed, false);
    }

    /** Like add(), but after the first committed flush that does not add the same key again. */
    public static function addWhenQuiet(string $key, callable $send, callable $committed): void
    {
        self::wait($key, $send, $committed, true);
    }

    /** Doctrine's postFlush (a flush succeeded). */
    public function postFlush(): void
    {
        if (self::inTransaction()) {
            return;
        }
        $due = [];
        foreach (self::$waiting as $key => $work) {
            if ($work['quiet'] && $work['fresh']) {
                self::$waiting[$key]['fresh'] = false;
                continue;
            }
            $due[$key] = $work;
            unset(self::$waiting[$key]);
        }
        self::run($due);
    }

    /** End of the request: what still waits runs now, if it is in the database. */
    public static function atShutdown(): void
    {
        $due = self::$waiting;
        self::$waiting = [];
        if ($due && !self::inTransaction()) {
            self::run($due);
        }
    }

    private static function wait(string $key, callable $send, callable $committed, bool $quiet): void
    {
        self::$waiting[$key] = ['send' => $send, 'committed' => $committed, 'quiet' => $quiet, 'fresh' => true];
        $em = \XLite\Core\Database::getEM();
        if (self::$listeningTo !== $em) {
            self::$listeningTo = $em;
            $em->getEventManager()->addEventListener([\Doctrine\ORM\Events::postFlush], new self());
        }
        if (!self::$shutdownRegistered) {
            self::$shutdownRegistered = true;
            register_shutdown_function([self::class, 'atShutdown']);
        }
    }

    private static function run(array $due): void
    {
        foreach ($due as $key => $work) {
            try {
                if (!($work['committed'])()) {
                    // X-Cart's save failed or was rolled back: nothing to send, but the admin should know
                    Extension::log('warning', 'not sent to Infor: the shop did not save it', ['key' => $key]);
                    LastError::record('after commit', 'Not sent to Infor: the shop did not save it (' . $key . ').', ['key' => $key]);
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
}
