<?php
// XLite\View\FormField\Input\Secure (classes/XLite/View/FormField/Input/Secure.php): a password input
declare(strict_types=1);

namespace XLite\View\FormField\Input;

class Secure extends \XLite\View\FormField\Input\Base\StringInput
{
}
