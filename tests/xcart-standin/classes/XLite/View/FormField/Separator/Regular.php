<?php
// XLite\View\FormField\Separator\Regular (classes/XLite/View/FormField/Separator/Regular.php)
declare(strict_types=1);

namespace XLite\View\FormField\Separator;

class Regular extends ASeparator
{
}
