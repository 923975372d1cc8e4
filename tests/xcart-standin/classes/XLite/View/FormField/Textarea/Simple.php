<?php
// XLite\View\FormField\Textarea\Simple (classes/XLite/View/FormField/Textarea/Simple.php): the field of "textarea" options
declare(strict_types=1);

namespace XLite\View\FormField\Textarea;

class Simple extends ATextarea
{
}
