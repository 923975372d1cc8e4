<?php
declare(strict_types=1);

namespace XLite\Model\Base;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Base\PersonalAddress (classes/XLite/Model/Base/PersonalAddress.php).
 *
 * @ORM\MappedSuperclass
 */
abstract class PersonalAddress extends \XLite\Model\Base\Address
{
}
