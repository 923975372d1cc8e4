<?php
/*
 * XLite\Core\Doctrine\ORM\EntityManager (classes/XLite/Core/Doctrine/ORM/EntityManager.php):
 * X-Cart's decorator of Doctrine's EntityManager, what Database::getEM() returns.
 *
 * - flush() refuses a flush inside a flush; after a successful flush it runs the
 *   callbacks registered with addAfterFlushCallback() (Order::checkStatuses()
 *   registers the status history and handlers there), in order, once each.
 * - A flush that fails closes the entity manager (Doctrine's UnitOfWork does,
 *   on any exception during commit); the exception goes on to the caller.
 * - transactional() uses READ COMMITTED; transactionalWithRestarts() retries.
 */

declare(strict_types=1);

namespace XLite\Core\Doctrine\ORM;

use Doctrine\DBAL\TransactionIsolationLevel;

class EntityManager extends \Doctrine\ORM\Decorator\EntityManagerDecorator
{
    protected $flushInProgress = false;

    protected $afterFlushCallbacksInProgress = false;

    protected $afterFlushCallbacks = [];

    public function transactionalWithRestarts(callable $func, $rollbackCallback = null, $triesCount = 3)
    {
        try {
            $this->getConnection()->beginTransaction();
            $return = $func($this);
            $this->flush();
            $this->getConnection()->commit();

            return $return ?: true;
        } catch (\Exception $e) {
            $this->getConnection()->rollBack();
            if (is_callable($rollbackCallback)) {
                $rollbackCallback($this);
            }
            if ($triesCount > 1) {
                return $this->transactionalWithRestarts($func, $rollbackCallback, $triesCount - 1);
            }
            $this->close();
            throw $e;
        }
    }

    public function transactional($func)
    {
        $this->getConnection()->setTransactionIsolation(TransactionIsolationLevel::READ_COMMITTED);

        return parent::transactional($func);
    }

    public function addAfterFlushCallback(callable $func)
    {
        $this->afterFlushCallbacks[] = $func;
    }

    protected function tryExecuteAfterFlushCallbacks()
    {
        if ($this->afterFlushCallbacksInProgress) {
            return;
        }
        $this->afterFlushCallbacksInProgress = true;
        try {
            while ($this->afterFlushCallbacks) {
                $callback = array_shift($this->afterFlushCallbacks);
                $callback();
            }
        } finally {
            $this->afterFlushCallbacksInProgress = false;
        }
    }

    public function flush($entity = null): void
    {
        if ($this->flushInProgress) {
            throw new \LogicException('Flush already started');
        }
        $this->flushInProgress = true;
        try {
            parent::flush($entity);
        } finally {
            $this->flushInProgress = false;
        }
        $this->tryExecuteAfterFlushCallbacks();
    }

    /**
     * Doctrine's EntityManager::merge() (deprecated in ORM 2, still used by
     * Task\Base\Periodic::finalizeStep()); Debian's doctrine/persistence 3 dropped it from the
     * decorator, so it is passed on here. Throws EntityManagerClosed on a closed entity manager.
     * @standin-only X-Cart inherits merge() from its vendor parent Doctrine\ORM\Decorator\EntityManagerDecorator (ORM 2.19 with doctrine/persistence 2)
     */
    public function merge($entity)
    {
        return $this->wrapped->merge($entity);
    }

    public function flushIsAvailable(): bool
    {
        return $this->isOpen() && !$this->flushInProgress;
    }
}
