<?php
/*
 * XLite\View\FormField\Input\Checkbox (classes/XLite/View/FormField/Input/Checkbox.php). Its templates
 * (templates/web/admin/form_field/checkbox.twig, input/checkbox/on_off.twig) put a hidden input of
 * the same name with value "" before the checkbox, so an unchecked box posts "".
 */
declare(strict_types=1);

namespace XLite\View\FormField\Input;

class Checkbox extends AInput
{
}
