<?php
/*
 * [inferred] A small in-memory stand-in for Doctrine's EntityManager
 * (\XLite\Core\Database::getEM(), reference §2.7, §3).
 *
 * The "database" is the set of flushed entities.  Repositories see only what
 * was flushed (like queries against the database); persist() alone makes
 * nothing visible.  flush() cascades persist along the relations X-Cart maps
 * with cascade (entities list them in standinCascade()), assigns ids, runs the
 * Doctrine lifecycle callbacks (methods annotated @ORM\PostPersist on inserted
 * and @ORM\PostUpdate on changed entities, in classes annotated
 * @ORM\HasLifecycleCallbacks: Order::checkStatuses() and the mixins' hooks) and
 * then the after-flush callbacks they registered (status history, mails).
 * "Changed" means a property holds another value or object, or a collection
 * other elements, than at the last flush [inferred: Doctrine's changeset, but
 * unmapped properties count too, as the stand-in has no mapping].
 *
 * Transactions: flush() inside beginTransaction() is visible at once (same
 * connection) and durable at commit(); rollback() undoes every flush since the
 * outermost beginTransaction(): inserted entities disappear, removed ones come
 * back and the objects' properties are restored to their last committed state
 * (as if the entities were read again from the database).  Mails sent by
 * flushes inside the rolled back transaction stay sent, as in X-Cart where
 * they go out synchronously from the after-flush callbacks.
 */

declare(strict_types=1);

namespace XCartStandin;

class EntityManager
{
    /** @var array<int, object> spl_object_id => entity, flushed */
    private array $stored = [];
    /** @var array<int, object> persisted, not yet flushed */
    private array $scheduledInserts = [];
    /** @var array<int, object> */
    private array $scheduledRemovals = [];
    /** @var array<int, array> committed state of each stored entity */
    private array $committedState = [];
    /** @var array<string, int> last id per root class */
    private array $ids = [];
    private int $transactionLevel = 0;
    /** @var array{inserted: array<int, object>, removed: array<int, object>, before: array<int, array>} */
    private array $undo = ['inserted' => [], 'removed' => [], 'before' => []];
    /** @var list<callable> */
    private array $afterFlush = [];
    private bool $flushing = false;
    private int $flushCount = 0;

    public function persist(object $entity): void
    {
        $oid = spl_object_id($entity);
        unset($this->scheduledRemovals[$oid]);
        if (!isset($this->stored[$oid])) {
            $this->scheduledInserts[$oid] = $entity;
        }
    }

    public function remove(object $entity): void
    {
        $oid = spl_object_id($entity);
        unset($this->scheduledInserts[$oid]);
        if (isset($this->stored[$oid])) {
            $this->scheduledRemovals[$oid] = $entity;
        }
    }

    public function contains(object $entity): bool
    {
        $oid = spl_object_id($entity);
        return isset($this->stored[$oid]) || isset($this->scheduledInserts[$oid]);
    }

    /** Doctrine's flush($entity = null); the argument is ignored [inferred: X-Cart flushes everything]. */
    public function flush($entity = null): void
    {
        if ($this->flushing) {
            throw new \LogicException('flush() called while flushing');
        }
        $this->flushing = true;
        try {
            // cascade persist from everything managed
            $queue = array_merge(array_values($this->stored), array_values($this->scheduledInserts));
            while ($queue) {
                $e = array_pop($queue);
                if (!method_exists($e, 'standinCascade')) {
                    continue;
                }
                foreach ($e->standinCascade() as $child) {
                    $oid = spl_object_id($child);
                    if (!isset($this->stored[$oid]) && !isset($this->scheduledInserts[$oid]) && !isset($this->scheduledRemovals[$oid])) {
                        $this->scheduledInserts[$oid] = $child;
                        $queue[] = $child;
                    }
                }
            }
            $inserted = $this->scheduledInserts;
            $removed = $this->scheduledRemovals;
            $this->scheduledInserts = [];
            $this->scheduledRemovals = [];
            foreach ($inserted as $oid => $e) {
                $this->assignId($e);
                $this->stored[$oid] = $e;
                if ($this->transactionLevel > 0) {
                    $this->undo['inserted'][$oid] = $e;
                }
            }
            foreach ($removed as $oid => $e) {
                unset($this->stored[$oid]);
                if ($this->transactionLevel > 0) {
                    if (isset($this->undo['inserted'][$oid])) {
                        unset($this->undo['inserted'][$oid]);
                    } else {
                        $this->undo['removed'][$oid] = $e;
                        $this->undo['before'][$oid] ??= $this->committedState[$oid] ?? null;
                    }
                }
                unset($this->committedState[$oid]);
            }
            foreach ($inserted as $e) {
                self::runLifecycleCallbacks($e, 'PostPersist');
            }
            foreach ($this->stored as $oid => $e) {
                if (!isset($inserted[$oid]) && isset($this->committedState[$oid])
                    && self::changed($this->committedState[$oid], self::snapshot($e))) {
                    self::runLifecycleCallbacks($e, 'PostUpdate');
                }
            }
            foreach ($this->stored as $oid => $e) {
                if ($this->transactionLevel > 0 && !isset($this->undo['inserted'][$oid]) && !array_key_exists($oid, $this->undo['before'])) {
                    $this->undo['before'][$oid] = $this->committedState[$oid] ?? null;
                }
                $this->committedState[$oid] = self::snapshot($e);
            }
            $this->flushCount++;
        } finally {
            $this->flushing = false;
        }
        $callbacks = $this->afterFlush;
        $this->afterFlush = [];
        foreach ($callbacks as $callback) {
            $callback();
        }
    }

    /** [inferred] Order::checkStatuses() queues its after-flush work here. */
    public function addAfterFlushCallback(callable $callback): void
    {
        $this->afterFlush[] = $callback;
    }

    public function beginTransaction(): void
    {
        $this->transactionLevel++;
    }

    public function commit(): void
    {
        if ($this->transactionLevel === 0) {
            throw new \LogicException('There is no active transaction.');
        }
        $this->transactionLevel--;
        if ($this->transactionLevel === 0) {
            $this->undo = ['inserted' => [], 'removed' => [], 'before' => []];
        }
    }

    /** Rolls back to the outermost beginTransaction() [inferred: nested levels are not savepoints]. */
    public function rollback(): void
    {
        if ($this->transactionLevel === 0) {
            throw new \LogicException('There is no active transaction.');
        }
        foreach ($this->undo['inserted'] as $oid => $e) {
            unset($this->stored[$oid], $this->committedState[$oid]);
        }
        foreach ($this->undo['removed'] as $oid => $e) {
            $this->stored[$oid] = $e;
        }
        foreach ($this->undo['before'] as $oid => $state) {
            if ($state !== null && isset($this->stored[$oid])) {
                self::restore($this->stored[$oid], $state);
                $this->committedState[$oid] = $state;
            }
        }
        $this->scheduledInserts = [];
        $this->scheduledRemovals = [];
        $this->afterFlush = [];
        $this->undo = ['inserted' => [], 'removed' => [], 'before' => []];
        $this->transactionLevel = 0;
    }

    /** Doctrine 2.10: runs $func in a transaction, flushes and commits; rolls back and rethrows on error. */
    public function wrapInTransaction(callable $func)
    {
        $this->beginTransaction();
        try {
            $result = $func($this);
            $this->flush();
            $this->commit();
            return $result;
        } catch (\Throwable $e) {
            $this->rollback();
            throw $e;
        }
    }

    /** Doctrine's older name for wrapInTransaction(). */
    public function transactional($func)
    {
        $result = $this->wrapInTransaction($func);
        return $result ?? true;
    }

    public function getTransactionNestingLevel(): int
    {
        return $this->transactionLevel;
    }

    public function getConnection(): Connection
    {
        return new Connection($this);
    }

    public function getRepository(string $class)
    {
        return \XLite\Core\Database::getRepo($class);
    }

    public function find(string $class, $id)
    {
        return \XLite\Core\Database::getRepo($class)->find($id);
    }

    /** Forgets unflushed changes [inferred: objects already handed out stay as they are]. */
    public function clear(): void
    {
        $this->scheduledInserts = [];
        $this->scheduledRemovals = [];
    }

    /** @return list<object> flushed entities that are instances of $class */
    public function standinStored(string $class): array
    {
        $result = [];
        foreach ($this->stored as $e) {
            if ($e instanceof $class) {
                $result[] = $e;
            }
        }
        return $result;
    }

    public function standinFlushCount(): int
    {
        return $this->flushCount;
    }

    /** Stores entities as already flushed and committed, without lifecycle callbacks (fixtures). */
    public function standinSeed(object ...$entities): void
    {
        foreach ($entities as $e) {
            $this->persist($e);
        }
        $level = $this->transactionLevel;
        $this->transactionLevel = 0;
        $callbacks = $this->afterFlush;
        $this->flush();
        $this->afterFlush = $callbacks;
        $this->transactionLevel = $level;
    }

    private function assignId(object $e): void
    {
        [$declaring, $field] = self::idField($e);
        if ($field === null) {
            return;
        }
        $p = new \ReflectionProperty($declaring, $field);
        if ($p->getValue($e) !== null) {
            $this->ids[$declaring] = max($this->ids[$declaring] ?? 0, (int)$p->getValue($e));
            return;
        }
        $this->ids[$declaring] = ($this->ids[$declaring] ?? 0) + 1;
        $p->setValue($e, $this->ids[$declaring]);
    }

    /**
     * The identifier: the entity's standinIdField() or, by default, `id` or
     * the first `*_id` property of the root entity class [inferred].
     * @return array{0: string, 1: ?string} [declaring class, property]
     */
    public static function idField(object|string $e): array
    {
        $class = is_object($e) ? get_class($e) : $e;
        if (method_exists($class, 'standinIdField')) {
            $field = $class::standinIdField();
            return [(new \ReflectionProperty($class, $field))->getDeclaringClass()->getName(), $field];
        }
        $chain = [];
        for ($r = new \ReflectionClass($class); $r; $r = $r->getParentClass()) {
            array_unshift($chain, $r);
        }
        foreach ($chain as $r) {
            foreach ($r->getProperties() as $p) {
                if ($p->isStatic() || $p->getDeclaringClass()->getName() !== $r->getName()) {
                    continue;
                }
                if ($p->getName() === 'id' || str_ends_with($p->getName(), '_id')) {
                    return [$r->getName(), $p->getName()];
                }
            }
        }
        return [$class, null];
    }

    /**
     * Calls the entity's methods annotated @ORM\<event> (PostPersist, PostUpdate) whose class is
     * annotated @ORM\HasLifecycleCallbacks, from the most derived class up, each name once.
     */
    private static function runLifecycleCallbacks(object $e, string $event): void
    {
        static $cache = [];
        $class = get_class($e);
        if (!isset($cache[$class][$event])) {
            $methods = [];
            foreach ((new \ReflectionClass($class))->getMethods() as $m) {
                $declaring = $m->getDeclaringClass();
                if (!$m->isStatic() && preg_match('/@ORM\\\\' . $event . '\b/', (string) $m->getDocComment())
                    && str_contains((string) $declaring->getDocComment(), '@ORM\\HasLifecycleCallbacks')) {
                    $methods[] = $m->getName();
                }
            }
            $cache[$class][$event] = $methods;
        }
        foreach ($cache[$class][$event] as $method) {
            $e->$method();
        }
    }

    /** Whether two snapshots differ: values by ===, objects by identity, collections by their elements. */
    private static function changed(array $before, array $after): bool
    {
        foreach ($after as $class => $props) {
            foreach ($props as $name => $v) {
                if (!array_key_exists($name, $before[$class] ?? [])) {
                    return true;
                }
                $old = $before[$class][$name];
                if ($v instanceof \Doctrine\Common\Collections\Collection && $old instanceof \Doctrine\Common\Collections\Collection) {
                    if ($v->toArray() !== $old->toArray()) {
                        return true;
                    }
                } elseif ($v !== $old) {
                    return true;
                }
            }
        }

        return false;
    }

    public static function snapshot(object $e): array
    {
        $state = [];
        for ($r = new \ReflectionObject($e); $r; $r = $r->getParentClass()) {
            foreach ($r->getProperties() as $p) {
                if ($p->isStatic() || $p->getDeclaringClass()->getName() !== $r->getName() || !$p->isInitialized($e)) {
                    continue;
                }
                $v = $p->getValue($e);
                if ($v instanceof \Doctrine\Common\Collections\Collection) {
                    $v = clone $v;
                }
                $state[$r->getName()][$p->getName()] = $v;
            }
        }
        return $state;
    }

    public static function restore(object $e, array $state): void
    {
        foreach ($state as $class => $props) {
            foreach ($props as $name => $v) {
                if ($v instanceof \Doctrine\Common\Collections\Collection) {
                    $v = clone $v;
                }
                (new \ReflectionProperty($class, $name))->setValue($e, $v);
            }
        }
    }
}
