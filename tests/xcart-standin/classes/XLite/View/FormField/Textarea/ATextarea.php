<?php
// XLite\View\FormField\Textarea\ATextarea (classes/XLite/View/FormField/Textarea/ATextarea.php): cut to "maxlength" only when set (:34-40, default 0 :121-130)
declare(strict_types=1);

namespace XLite\View\FormField\Textarea;

abstract class ATextarea extends \XLite\View\FormField\Input\AInput
{
    const PARAM_MAX_LENGTH = 'maxlength';

    public function prepareRequestData($value)
    {
        $value = parent::prepareRequestData($value);
        $length = $this->getParam(static::PARAM_MAX_LENGTH);

        return $length ? mb_substr((string) $value, 0, (int) $length) : $value;
    }
}
