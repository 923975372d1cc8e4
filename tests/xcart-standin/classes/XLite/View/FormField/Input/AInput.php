<?php
// XLite\View\FormField\Input\AInput (classes/XLite/View/FormField/Input/AInput.php): an <input> field
declare(strict_types=1);

namespace XLite\View\FormField\Input;

abstract class AInput extends \XLite\View\FormField\AFormField
{
}
