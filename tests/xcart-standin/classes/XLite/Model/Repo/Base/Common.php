<?php
// XLite\Model\Repo\Base\Common: the repository of entities without their own (RepositoryFactoryDecorator.php:80-87).
declare(strict_types=1);

namespace XLite\Model\Repo\Base;

class Common extends \XLite\Model\Repo\ARepo
{
}
