<?php
/*
 * XLite\View\FormField\Input\Base\StringInput (classes/XLite/View/FormField/Input/Base/StringInput.php):
 * prepareRequestData() cuts the value to the "maxlength" parameter (:31-36; default 255, :99-102),
 * sanitize() trims it (:173-176).
 */
declare(strict_types=1);

namespace XLite\View\FormField\Input\Base;

abstract class StringInput extends \XLite\View\FormField\Input\AInput
{
    const PARAM_MAX_LENGTH = 'maxlength';

    public function prepareRequestData($value)
    {
        $value = parent::prepareRequestData($value);

        return mb_substr((string) $value, 0, (int) $this->getParam(static::PARAM_MAX_LENGTH));
    }

    protected function standinDefaultParams(): array
    {
        return parent::standinDefaultParams() + [static::PARAM_MAX_LENGTH => $this->getDefaultMaxSize()];
    }

    protected function getDefaultMaxSize()
    {
        return 255;
    }

    protected function sanitize()
    {
        return trim((string) parent::sanitize());
    }
}
