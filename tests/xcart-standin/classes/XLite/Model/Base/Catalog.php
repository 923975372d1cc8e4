<?php
declare(strict_types=1);

namespace XLite\Model\Base;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Base\Catalog (classes/XLite/Model/Base/Catalog.php): the base of catalog entities
 * (Product). X-Cart keeps their clean URLs (CleanURL rows, checked before each save); the
 * stand-in has no clean URLs.
 *
 * @ORM\MappedSuperclass
 * @ORM\HasLifecycleCallbacks
 */
abstract class Catalog extends \XLite\Model\Base\I18n
{
}
