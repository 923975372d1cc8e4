<?php
// XLite\View\FormField\Input\Text (classes/XLite/View/FormField/Input/Text.php): prepareRequestData() trims unless doNotTrim (:48-51)
declare(strict_types=1);

namespace XLite\View\FormField\Input;

class Text extends \XLite\View\FormField\Input\Base\StringInput
{
    const PARAM_DO_NOT_TRIM = 'doNotTrim';

    public function prepareRequestData($value)
    {
        return $this->getParam(static::PARAM_DO_NOT_TRIM) ? parent::prepareRequestData($value) : trim(parent::prepareRequestData($value));
    }
}
