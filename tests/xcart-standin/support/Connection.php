<?php
// [inferred] Doctrine DBAL Connection's transaction methods, delegating to the stand-in EntityManager.
declare(strict_types=1);

namespace XCartStandin;

class Connection
{
    public function __construct(private EntityManager $em)
    {
    }

    public function beginTransaction(): bool { $this->em->beginTransaction(); return true; }
    public function commit(): bool { $this->em->commit(); return true; }
    public function rollBack(): bool { $this->em->rollback(); return true; }
    public function isTransactionActive(): bool { return $this->em->getTransactionNestingLevel() > 0; }
    public function getTransactionNestingLevel(): int { return $this->em->getTransactionNestingLevel(); }
}
