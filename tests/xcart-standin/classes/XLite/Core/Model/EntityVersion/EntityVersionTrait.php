<?php
// XLite\Core\Model\EntityVersion\EntityVersionTrait (classes/XLite/Core/Model/EntityVersion/EntityVersionTrait.php): the entityVersion column.
declare(strict_types=1);

namespace XLite\Core\Model\EntityVersion;

use Doctrine\ORM\Mapping as ORM;

trait EntityVersionTrait
{
    /**
     * @ORM\Column (type="guid", nullable=true)
     */
    protected $entityVersion;

    public function getEntityVersion()
    {
        return $this->entityVersion;
    }

    public function setEntityVersion($uuid)
    {
        $this->entityVersion = $uuid;
    }
}
