<?php
// Includes\Utils\AUtils (Includes/Utils/AUtils.php): the (empty) base of X-Cart's static helper classes.
declare(strict_types=1);

namespace Includes\Utils;

abstract class AUtils
{
}
