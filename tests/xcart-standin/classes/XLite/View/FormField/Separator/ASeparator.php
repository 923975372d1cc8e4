<?php
// XLite\View\FormField\Separator\ASeparator (classes/XLite/View/FormField/Separator/ASeparator.php): a heading between fields; posts nothing
declare(strict_types=1);

namespace XLite\View\FormField\Separator;

abstract class ASeparator extends \XLite\View\FormField\AFormField
{
}
