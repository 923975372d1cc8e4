<?php
// XLite\Core\Exception\IncorrectValueException (classes/XLite/Core/Exception/IncorrectValueException.php)
declare(strict_types=1);

namespace XLite\Core\Exception;

class IncorrectValueException extends \XLite\Core\Exception
{
}
