<?php
/*
 * XLite\Model\Repo\ARepo: a Doctrine repository.  The stand-in searches the
 * flushed entities of the stand-in EntityManager; criteria compare a field
 * (the property, snake_case or camelCase) with == for scalars and === for
 * entities; an array value means IN [inferred: Doctrine semantics].
 */
declare(strict_types=1);

namespace XLite\Model\Repo;

class ARepo
{
    protected string $entityName;

    public function __construct($entityName)
    {
        $this->entityName = ltrim((string)$entityName, '\\');
    }

    public function getEntityName()
    {
        return $this->entityName;
    }

    public function find($id)
    {
        if ($id === null) {
            return null;
        }
        foreach ($this->standinAll() as $e) {
            if ((string)$e->getUniqueIdentifier() === (string)$id) {
                return $e;
            }
        }
        return null;
    }

    public function findAll()
    {
        return $this->standinAll();
    }

    public function findBy(array $criteria, ?array $orderBy = null, $limit = null, $offset = null)
    {
        $result = array_values(array_filter($this->standinAll(), fn ($e) => $this->standinMatches($e, $criteria)));
        if ($orderBy) {
            usort($result, function ($a, $b) use ($orderBy) {
                foreach ($orderBy as $field => $dir) {
                    $c = $this->standinField($a, $field) <=> $this->standinField($b, $field);
                    if ($c !== 0) {
                        return strtoupper($dir) === 'DESC' ? -$c : $c;
                    }
                }
                return 0;
            });
        }
        return array_slice($result, (int)$offset, $limit);
    }

    public function findOneBy(array $criteria, ?array $orderBy = null)
    {
        return $this->findBy($criteria, $orderBy, 1)[0] ?? null;
    }

    public function count(array $criteria = [])
    {
        return count($this->findBy($criteria));
    }

    /** Doctrine's magic findByX($v), findOneByX($v), countByX($v) */
    public function __call($method, $args)
    {
        foreach (['findOneBy', 'findBy', 'countBy'] as $prefix) {
            if (str_starts_with($method, $prefix) && strlen($method) > strlen($prefix)) {
                $field = lcfirst(substr($method, strlen($prefix)));
                $criteria = [$field => $args[0] ?? null];
                return $prefix === 'countBy' ? $this->count($criteria) : $this->$prefix($criteria, ...array_slice($args, 1));
            }
        }
        throw new \BadMethodCallException(sprintf('Call to undefined method %s::%s()', static::class, $method));
    }

    /** Entities of this repository, oldest first */
    protected function standinAll(): array
    {
        $all = \XLite\Core\Database::getEM()->standinStored($this->entityName);
        usort($all, static fn ($a, $b) => $a->getUniqueIdentifier() <=> $b->getUniqueIdentifier());
        return $all;
    }

    protected function standinMatches(object $e, array $criteria): bool
    {
        foreach ($criteria as $field => $expected) {
            $actual = $this->standinField($e, $field);
            if (is_array($expected)) {
                $found = false;
                foreach ($expected as $one) {
                    $found = $found || self::standinEquals($actual, $one);
                }
                if (!$found) {
                    return false;
                }
            } elseif (!self::standinEquals($actual, $expected)) {
                return false;
            }
        }
        return true;
    }

    private static function standinEquals($actual, $expected): bool
    {
        if (is_object($actual) || is_object($expected)) {
            if (is_object($actual) && !is_object($expected) && method_exists($actual, 'getUniqueIdentifier')) {
                return (string)$actual->getUniqueIdentifier() === (string)$expected; // an id for a relation
            }
            return $actual === $expected;
        }
        if ($actual === null || $expected === null) {
            return $actual === $expected;
        }
        return (string)$actual === (string)(is_bool($expected) ? (int)$expected : $expected);
    }

    protected function standinField(object $e, string $field)
    {
        $snake = \XLite\Core\Converter::convertFromCamelCase($field);
        $camel = lcfirst(\XLite\Core\Converter::convertToUpperCamelCase($field));
        for ($r = new \ReflectionObject($e); $r; $r = $r->getParentClass()) {
            foreach ([$field, $snake, $camel] as $name) {
                if ($r->hasProperty($name)) {
                    $p = $r->getProperty($name);
                    if (!$p->isStatic()) {
                        return $p->getValue($e);
                    }
                }
            }
        }
        throw new \InvalidArgumentException(sprintf('%s has no field %s', get_class($e), $field));
    }
}
