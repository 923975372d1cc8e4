<?php
// XLite\Model\Base\IModuleRelatedEntity (classes/XLite/Model/Base/IModuleRelatedEntity.php): an entity a module added (its id "Author\Name").
declare(strict_types=1);

namespace XLite\Model\Base;

interface IModuleRelatedEntity
{
    public function getModule(): ?string;

    public function setModule(string $module): void;
}
