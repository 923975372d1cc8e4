<?php
/*
 * XLite\View\FormField\AFormField (classes/XLite/View/FormField/AFormField.php): a form field widget.
 * The stand-in models what a model form's save uses: the parameters (names :18-36), getName(),
 * getValue()/setValue(), isTrusted() (:206-209: the "trusted" parameter; a trusted field's value
 * skips HTMLPurifier), prepareRequestData() (:288-291: the posted value as it is) and validate()
 * (:216-224: the sanitized value, then checkFieldValidity()). [stand-in] no rendering, no "required".
 */
declare(strict_types=1);

namespace XLite\View\FormField;

abstract class AFormField extends \XLite\View\AView
{
    const PARAM_VALUE = 'value';
    const PARAM_REQUIRED = 'required';
    const PARAM_NAME = 'fieldName';
    const PARAM_LABEL = 'label';
    const PARAM_HELP = 'help';
    const PARAM_TRUSTED = 'trusted';

    protected $errorMessage;

    public function getName()
    {
        return $this->getParam(static::PARAM_NAME);
    }

    public function getValue()
    {
        return $this->getParam(static::PARAM_VALUE);
    }

    public function setValue($value)
    {
        $this->widgetParams[static::PARAM_VALUE] = $value;
    }

    public function getLabel()
    {
        return $this->getParam(static::PARAM_LABEL);
    }

    public function isTrusted()
    {
        return $this->getParam(static::PARAM_TRUSTED) ?: false;
    }

    public function prepareRequestData($value)
    {
        return $value;
    }

    public function validate()
    {
        $this->setValue($this->sanitize());
        $valid = $this->checkFieldValidity();

        return [$valid, $valid ? null : $this->errorMessage];
    }

    protected function sanitize()
    {
        return $this->getValue();
    }

    protected function checkFieldValidity()
    {
        $this->errorMessage = null;

        return true;
    }

    /** A parameter, or the widget's default for it */
    protected function getParam($param)
    {
        return parent::getParam($param) ?? $this->standinDefaultParams()[$param] ?? null;
    }

    /**
     * Stand-in only: the parameters' defaults, name => value (X-Cart declares each parameter with its
     * default as a WidgetParam object in defineWidgetParams(), which the stand-in does not model)
     */
    protected function standinDefaultParams(): array
    {
        return [];
    }
}
