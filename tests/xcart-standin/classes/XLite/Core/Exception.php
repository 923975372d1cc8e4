<?php
// XLite\Core\Exception (classes/XLite/Core/Exception.php): base of X-Cart's exceptions.
declare(strict_types=1);

namespace XLite\Core;

class Exception extends \Exception
{
}
