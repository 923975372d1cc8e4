<?php
// XLite\View\FormField\Input\Checkbox\OnOff (classes/XLite/View/FormField/Input/Checkbox/OnOff.php): prepareRequestData() is a bool (:34-37), checked when the value is true (:172-175)
declare(strict_types=1);

namespace XLite\View\FormField\Input\Checkbox;

class OnOff extends \XLite\View\FormField\Input\Checkbox
{
    public function prepareRequestData($value)
    {
        return (bool) parent::prepareRequestData($value);
    }

    protected function isChecked()
    {
        return (bool) $this->getValue();
    }

    /** Stand-in only: isChecked() for the browser test's form */
    public function standinIsChecked(): bool
    {
        return $this->isChecked();
    }
}
