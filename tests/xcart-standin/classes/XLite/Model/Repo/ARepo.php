<?php
/*
 * XLite\Model\Repo\ARepo (classes/XLite/Model/Repo/ARepo.php): X-Cart's Doctrine repository
 * (find, findBy, findOneBy, count and the magic findOneByX/findByX/countByX are Doctrine's).
 * insert() and update() write an entity and flush unless $flush is false (FLUSH_BY_DEFAULT).
 *
 * Fixtures (loadFixtures() :1035, what XCart\Doctrine\FixtureLoader::loadYaml() runs for each
 * model of a YAML file): each record updates the row it identifies — by the entity's id fields
 * when the record has them all, else by the first of the repository's $alternativeIdentifier
 * key sets it has all (Config: category + name; Task: owner) — or else becomes a new row. Its
 * column fields are mapped onto the entity (map(): setters, else the property); an association
 * given as a list of records (translations: [{code: en, option_name: ..}]) or one record loads
 * those with the entity as parent: a translation is the parent's translation of that code
 * (Repo\Base\Translation::findOneByRecord(), en by default), and the children are linked to
 * the parent both ways. Nothing is flushed here. [stand-in: no forceInsertCommand/allowedModel
 * directives, no module's own entities]
 */
declare(strict_types=1);

namespace XLite\Model\Repo;

abstract class ARepo extends \Doctrine\ORM\EntityRepository
{
    use \XLite\InjectLoggerTrait;

    public const FLUSH_BY_DEFAULT = true;

    /** @var list<list<string>>|null other unique key sets of the entity, for fixtures (:119) */
    protected $alternativeIdentifier;

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

    /** :1019 — the row a fixture record names, or null */
    public function findOneByRecord(array $data, \XLite\Model\AEntity $parent = null)
    {
        if ($parent instanceof \XLite\Model\Base\I18n && is_a($this->_entityName, \XLite\Model\Base\Translation::class, true)) {
            return $parent->getTranslation($data['code'] ?? \XLite\Model\Base\Translation::DEFAULT_LANGUAGE);
        }
        $identifiers = $this->collectIdentifiersByRecord($data);

        return $identifiers ? $this->findOneBy($identifiers) : null;
    }

    /** :1035 */
    public function loadFixtures(array $data, \XLite\Model\AEntity $parent = null, array $parentAssoc = [])
    {
        foreach ($data as $record) {
            $this->loadFixture($record, $parent, $parentAssoc);
        }
    }

    /** :1051 — the entity the record was loaded into */
    public function loadFixture(array $record, \XLite\Model\AEntity $parent = null, array $parentAssoc = [])
    {
        $entity = $this->findOneByRecord($record, $parent);
        if (!$entity && $parent && $parentAssoc && !$parentAssoc['many']) {
            $entity = $parent->{$parentAssoc['getter']}();
        }
        $entity = $entity ?: new $this->_entityName();
        if ($parent) {
            $this->linkLoadedEntity($entity, $parent, $parentAssoc);
        }
        $metadata = $this->getClassMetadata();
        $fields = array_intersect_key($record, $metadata->fieldMappings);
        if ($this->getEntityManager()->contains($entity)) {
            $this->update($entity, $fields, false);
        } else {
            $entity->map($fields);
            $this->insert($entity, false);
        }
        foreach ($metadata->associationMappings as $name => $mapping) {
            if (!isset($record[$name]) || !is_array($record[$name])) {
                continue;
            }
            $many = (bool) ($mapping['type'] & \Doctrine\ORM\Mapping\ClassMetadataInfo::TO_MANY);
            $assoc = ['many' => $many,
                'getter' => 'get' . \Includes\Utils\Converter::convertToUpperCamelCase($name),
                'setter' => ($many ? 'add' : 'set') . \Includes\Utils\Converter::convertToUpperCamelCase($name),
                'mappedSetter' => $mapping['mappedBy'] ? 'set' . \Includes\Utils\Converter::convertToUpperCamelCase($mapping['mappedBy']) : null];
            $repo = \XLite\Core\Database::getRepo($mapping['targetEntity']);
            if ($many) {
                $repo->loadFixtures($record[$name], $entity, $assoc);
            } else {
                $repo->loadFixture($record[$name], $entity, $assoc);
            }
        }

        return $entity;
    }

    /** :1739 — the id fields when the record has them all, else an alternative key set; false when none */
    protected function collectIdentifiersByRecord(array $data)
    {
        $keySets = array_merge([$this->getClassMetadata()->identifier], $this->alternativeIdentifier ?: []);
        foreach ($keySets as $keys) {
            if ($keys && count(array_intersect_key($data, array_flip($keys))) === count($keys)) {
                return array_intersect_key($data, array_flip($keys));
            }
        }

        return false;
    }

    /** :1851 — the child knows its parent and the parent lists (or holds) the child */
    protected function linkLoadedEntity(\XLite\Model\AEntity $entity, \XLite\Model\AEntity $parent, array $parentAssoc)
    {
        if ($parentAssoc['many'] && $entity->getUniqueIdentifier() && $parent->{$parentAssoc['getter']}()->contains($entity)) {
            return;
        }
        if ($parentAssoc['mappedSetter']) {
            $entity->{$parentAssoc['mappedSetter']}($parent);
        }
        $parent->{$parentAssoc['setter']}($entity);
    }
}
