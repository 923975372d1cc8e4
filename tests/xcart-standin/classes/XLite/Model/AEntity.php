<?php
// XLite\Model\AEntity: base of every entity (classes/XLite/Model/AEntity.php).
declare(strict_types=1);

namespace XLite\Model;

abstract class AEntity
{
    /** [inferred] like X-Cart's AEntity::__construct(array $data = []): maps $data through the setters */
    public function __construct(array $data = [])
    {
        foreach ($data as $name => $value) {
            $this->{'set' . \XLite\Core\Converter::convertToUpperCamelCase((string)$name)}($value);
        }
    }

    /**
     * Dynamic getters/setters (AEntity::__call :194-207): getFooBar() calls
     * getterProperty('foo_bar'), setFooBar($v) calls setterProperty('foo_bar', $v).
     */
    public function __call($method, array $args = [])
    {
        if (preg_match('/^(get|set|is)([A-Z]\w*)$/', $method, $m)) {
            $property = \XLite\Core\Converter::convertFromCamelCase($m[2]);
            if ($m[1] === 'set') {
                return $this->setterProperty($property, $args[0] ?? null);
            }
            return $this->getterProperty($property);
        }
        throw new \BadMethodCallException(sprintf('Call to undefined method %s::%s()', static::class, $method));
    }

    /** [inferred] reads a declared property (snake_case or camelCase) */
    public function getterProperty($property)
    {
        foreach ([$property, lcfirst(\XLite\Core\Converter::convertToUpperCamelCase($property))] as $name) {
            if (property_exists($this, $name)) {
                return $this->$name;
            }
        }
        throw new \BadMethodCallException(sprintf('%s has no property %s', static::class, $property));
    }

    /** [inferred] */
    public function setterProperty($property, $value)
    {
        foreach ([$property, lcfirst(\XLite\Core\Converter::convertToUpperCamelCase($property))] as $name) {
            if (property_exists($this, $name)) {
                $this->$name = $value;
                return $this;
            }
        }
        throw new \BadMethodCallException(sprintf('%s has no property %s', static::class, $property));
    }

    /** [inferred] the entity's primary key value */
    public function getUniqueIdentifier()
    {
        [$class, $field] = \XCartStandin\EntityManager::idField($this);
        return $field === null ? null : (new \ReflectionProperty($class, $field))->getValue($this);
    }

    /** [inferred] related entities mapped with cascade persist, for the stand-in EntityManager */
    public function standinCascade(): array
    {
        return [];
    }
}
