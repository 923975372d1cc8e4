<?php
// XLite\Core\Serialization\SerializableEntity (classes/XLite/Core/Serialization/SerializableEntity.php): AEntity implements it.
declare(strict_types=1);

namespace XLite\Core\Serialization;

interface SerializableEntity
{
    /** Whether the entity can be serialized (AEntity: once it has an id). */
    public function isSerializable();
}
