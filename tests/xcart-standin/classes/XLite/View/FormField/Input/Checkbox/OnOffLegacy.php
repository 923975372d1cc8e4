<?php
/*
 * XLite\View\FormField\Input\Checkbox\OnOffLegacy (classes/XLite/View/FormField/Input/Checkbox/OnOffLegacy.php):
 * the field of "checkbox" options; a true value, "Y" or "1" shows checked, "N", "0" and "false"
 * do not (:20-24).
 */
declare(strict_types=1);

namespace XLite\View\FormField\Input\Checkbox;

class OnOffLegacy extends OnOff
{
    protected function isChecked()
    {
        $value = $this->getValue();

        return ((bool) $value || $value === 'Y' || $value === '1')
            && $value !== 'N' && $value !== '0' && $value !== 'false';
    }
}
