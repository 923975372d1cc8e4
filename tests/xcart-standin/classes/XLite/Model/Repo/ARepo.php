<?php
/*
 * XLite\Model\Repo\ARepo (classes/XLite/Model/Repo/ARepo.php): X-Cart's Doctrine repository
 * (find, findBy, findOneBy, count and the magic findOneByX/findByX/countByX are Doctrine's).
 * insert() and update() write an entity and flush unless $flush is false (FLUSH_BY_DEFAULT).
 */
declare(strict_types=1);

namespace XLite\Model\Repo;

abstract class ARepo extends \Doctrine\ORM\EntityRepository
{
    use \XLite\InjectLoggerTrait;

    public const FLUSH_BY_DEFAULT = true;

    /** :insert — a new entity from $entity (an entity or its data), persisted; flushed by default */
    public function insert($entity = null, $flush = self::FLUSH_BY_DEFAULT)
    {
        $entity = $this->performInsert($entity);
        if ($flush) {
            $this->flushChanges();
        }

        return $entity;
    }

    /** :update — $data mapped onto $entity; flushed by default */
    public function update(\XLite\Model\AEntity $entity, array $data = [], $flush = self::FLUSH_BY_DEFAULT)
    {
        $this->performUpdate($entity, $data);
        if ($flush) {
            $this->flushChanges();
        }
    }

    /** :delete */
    public function delete(\XLite\Model\AEntity $entity, $flush = self::FLUSH_BY_DEFAULT)
    {
        $this->getEntityManager()->remove($entity);
        if ($flush) {
            $this->flushChanges();
        }
    }

    public function flushChanges($entity = null)
    {
        $this->getEntityManager()->flush($entity);
    }

    protected function performInsert($entity = null)
    {
        if ($entity === null || !($entity instanceof \XLite\Model\AEntity)) {
            $entity = new $this->_entityName((array) $entity);
        }
        $entity->prepareEntityBeforeCommit($entity::ACTION_INSERT);
        $this->getEntityManager()->persist($entity);

        return $entity;
    }

    protected function performUpdate(\XLite\Model\AEntity $entity, array $data = [])
    {
        $entity->map($data);
        $entity->prepareEntityBeforeCommit($entity::ACTION_UPDATE);
    }
}
