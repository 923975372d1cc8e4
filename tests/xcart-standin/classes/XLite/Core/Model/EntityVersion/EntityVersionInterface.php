<?php
/*
 * XLite\Core\Model\EntityVersion\EntityVersionInterface
 * (classes/XLite/Core/Model/EntityVersion/EntityVersionInterface.php): an entity with a version
 * (a UUID) that X-Cart renews on every update. The stand-in keeps the column but does not renew it.
 */
declare(strict_types=1);

namespace XLite\Core\Model\EntityVersion;

interface EntityVersionInterface
{
    public function getEntityVersion();

    public function setEntityVersion($uuid);
}
