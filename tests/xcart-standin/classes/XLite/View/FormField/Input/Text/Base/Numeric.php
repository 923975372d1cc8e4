<?php
/*
 * XLite\View\FormField\Input\Text\Base\Numeric (classes/XLite/View/FormField/Input/Text/Base/Numeric.php):
 * prepareRequestData() keeps digits, dot and minus, an empty value becomes 0 unless allowEmpty
 * (default true) (:31-40); validation checks the min/max parameters (:95-170).
 */
declare(strict_types=1);

namespace XLite\View\FormField\Input\Text\Base;

abstract class Numeric extends \XLite\View\FormField\Input\Text
{
    const PARAM_MIN = 'min';
    const PARAM_MAX = 'max';
    const PARAM_ALLOW_EMPTY = 'allowEmpty';

    public function prepareRequestData($value)
    {
        $result = preg_replace('/[^\d\.-]/Ss', '', parent::prepareRequestData($value));
        if (!$result && !$this->getParam(self::PARAM_ALLOW_EMPTY)) {
            $result = 0;
        }

        return $result;
    }

    protected function standinDefaultParams(): array
    {
        return parent::standinDefaultParams() + [static::PARAM_ALLOW_EMPTY => true];
    }

    protected function checkFieldValidity()
    {
        return parent::checkFieldValidity() && $this->checkMinValue() && $this->checkMaxValue();
    }

    protected function checkMinValue()
    {
        $min = $this->getParam(self::PARAM_MIN);
        if ($min !== null && (float) $this->getValue() < $min) {
            $this->errorMessage = static::t('The value of the X field must be greater than Y', ['name' => $this->getLabel(), 'min' => $min]);

            return false;
        }

        return true;
    }

    protected function checkMaxValue()
    {
        $max = $this->getParam(self::PARAM_MAX);
        if ($max !== null && (float) $this->getValue() > $max) {
            $this->errorMessage = static::t('The value of the X field must be less than Y', ['name' => $this->getLabel(), 'max' => $max]);

            return false;
        }

        return true;
    }
}
