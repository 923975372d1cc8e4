<?php
/*
 * XLite\Model\AEntity (classes/XLite/Model/AEntity.php): base of every entity.
 * - __construct(array $data = []) :59 maps $data through map() :75: a setter
 *   method when the class has one, else setterProperty().
 * - __call() :194: getFoo()/setFoo($v) become getterProperty('foo')/
 *   setterProperty('foo', $v) with the name converted from camel case
 *   (getFirstname -> 'firstname', getOrderNumber -> 'order_number').
 * - getterProperty() :251 returns the property when it exists, else null;
 *   setterProperty() :229 returns true when it set one, else null.
 * - isPersistent() :291 is true once the entity has an id.
 * - cloneEntity() :558 copies the mapped fields that are not ids into a new entity.
 */
declare(strict_types=1);

namespace XLite\Model;

abstract class AEntity extends \XLite\Base\SuperClass implements \XLite\Core\Serialization\SerializableEntity
{
    use \XLite\InjectLoggerTrait;

    public const ACTION_INSERT = 'insert';
    public const ACTION_UPDATE = 'update';
    public const ACTION_DELETE = 'delete';

    public function __construct(array $data = [])
    {
        parent::__construct();
        if (!empty($data)) {
            $this->map($data);
        }
    }

    public function map(array $data)
    {
        foreach ($data as $key => $value) {
            $method = 'set' . \Includes\Utils\Converter::convertToUpperCamelCase((string) $key);
            if (method_exists($this, $method)) {
                $this->$method($value);
            } else {
                $this->setterProperty($key, $value);
            }
        }

        return $this;
    }

    public function __call($method, array $args = [])
    {
        if (!preg_match('/^(get|set)(\w+)$/Si', $method, $matches) || $matches[2] === '') {
            return null;
        }
        $property = \Includes\Utils\Converter::convertFromCamelCase($matches[2]);

        return $matches[1] === 'set'
            ? $this->setterProperty($property, array_shift($args))
            : $this->getterProperty($property);
    }

    /** :217 — the name as given or converted from camel case */
    public function isPropertyExists($name)
    {
        return property_exists($this, $name) || property_exists($this, \Includes\Utils\Converter::convertFromCamelCase($name));
    }

    /** :229 — true when the property exists and was set, else null (and a debug line in the log) */
    public function setterProperty($property, $value)
    {
        if (!property_exists($this, $property)) {
            $this->logWrongPropertyAccess($property, false);

            return null;
        }
        $this->$property = $value;

        return true;
    }

    /** :251 — the property, or null (and a debug line in the log) when there is none */
    public function getterProperty($property)
    {
        if (!property_exists($this, $property)) {
            $this->logWrongPropertyAccess($property);

            return null;
        }

        return $this->$property;
    }

    /** :271 */
    protected function logWrongPropertyAccess($property, $isGetter = true)
    {
        $this->getLogger()->debug(sprintf('Requested %s for unknown property: %s::%s',
            $isGetter ? 'getter' : 'setter', static::class, $property));
    }

    public function getRepository()
    {
        return \XLite\Core\Database::getRepo(static::class);
    }

    /** :624 — once it has an id */
    public function isSerializable()
    {
        return $this->getUniqueIdentifier() !== null;
    }

    public function isPersistent()
    {
        return (bool) $this->getUniqueIdentifier();
    }

    public function isManaged()
    {
        return \XLite\Core\Database::getEM()->contains($this);
    }

    public function getUniqueIdentifierName()
    {
        return \XLite\Core\Database::getEM()->getClassMetadata(static::class)->getSingleIdentifierFieldName();
    }

    public function getUniqueIdentifier()
    {
        $name = $this->getUniqueIdentifierName();

        return $this->$name;
    }

    public function getEntityName()
    {
        return \Doctrine\Common\Util\ClassUtils::getClass($this);
    }

    /** :383 — save: persist and flush */
    public function update()
    {
        \XLite\Core\Database::getEM()->persist($this);
        \XLite\Core\Database::getEM()->flush();

        return true;
    }

    /** :396 */
    public function create()
    {
        return $this->update();
    }

    /** Since Doctrine lifecycle callbacks may not change associations (ARepo::performInsert). */
    public function prepareEntityBeforeCommit($type)
    {
    }

    public function cloneEntity()
    {
        $class = \Doctrine\Common\Util\ClassUtils::getClass($this);
        $entity = new $class();
        $map = [];
        foreach (array_keys($this->cloneFields()) as $field) {
            $map[$field] = $this->$field;
        }

        return $entity->map($map);
    }

    /** The mapped fields that are not ids (AEntity.php:582). */
    protected function cloneFields()
    {
        $metadata = \XLite\Core\Database::getEM()->getClassMetadata(static::class);
        $fields = [];
        foreach ($metadata->fieldMappings as $name => $mapping) {
            if (empty($mapping['id'])) {
                $fields[$name] = $mapping;
            }
        }

        return $fields;
    }
}
