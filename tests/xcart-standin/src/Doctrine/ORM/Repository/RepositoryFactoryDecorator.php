<?php
/*
 * XCart\Doctrine\ORM\Repository\RepositoryFactoryDecorator
 * (src/Doctrine/ORM/Repository/RepositoryFactoryDecorator.php; configured in
 * config/packages/doctrine.yaml:40): an entity's repository is the class
 * named like it with \Model\ replaced by \Model\Repo\ when that exists, else
 * XLite\Model\Repo\Base\Common; one instance per entity manager.
 */

declare(strict_types=1);

namespace XCart\Doctrine\ORM\Repository;

use Doctrine\Common\Util\ClassUtils;
use Doctrine\ORM\EntityManagerInterface;
use Doctrine\ORM\Repository\DefaultRepositoryFactory;
use Doctrine\ORM\Repository\RepositoryFactory;

class RepositoryFactoryDecorator implements RepositoryFactory
{
    private array $repositoryList = [];

    private RepositoryFactory $inner;

    public function __construct()
    {
        $this->inner = new DefaultRepositoryFactory();
    }

    public function getRepository(EntityManagerInterface $entityManager, $entityName)
    {
        if (strpos($entityName, '\\Model\\') === false) {
            return $this->inner->getRepository($entityManager, $entityName);
        }
        $metadata = $entityManager->getClassMetadata($entityName);
        $key = $metadata->getName() . spl_object_hash($entityManager);
        if (!isset($this->repositoryList[$key])) {
            $repositoryClass = $metadata->customRepositoryClassName ?: self::defaultRepositoryClass($metadata->getName());
            $this->repositoryList[$key] = new $repositoryClass($entityManager, $metadata);
        }

        return $this->repositoryList[$key];
    }

    private static function defaultRepositoryClass(string $entityName): string
    {
        $repoClass = str_replace('\\Model\\', '\\Model\\Repo\\', ClassUtils::getRealClass($entityName));

        return class_exists($repoClass) ? $repoClass : \XLite\Model\Repo\Base\Common::class;
    }
}
