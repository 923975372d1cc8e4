<?php
// [inferred] XLite\View\Form\AForm: a form's target and action (POST actions need its form id)
declare(strict_types=1);

namespace XLite\View\Form;

abstract class AForm extends \XLite\View\AView
{
    use \XLite\InjectLoggerTrait;

    protected function getDefaultTarget()
    {
        return '';
    }

    protected function getDefaultAction()
    {
        return '';
    }

    protected function getDefaultParams()
    {
        return [];
    }

    /** Stand-in only: where the form posts */
    public function standinGetAction()
    {
        return \XLite\Core\Converter::buildURL($this->getDefaultTarget(), $this->getDefaultAction(), $this->getDefaultParams());
    }
}
