<?php
/*
 * XLite\View\FormField\Input\Text\Integer (classes/XLite/View/FormField/Input/Text/Integer.php):
 * prepareRequestData() is intval() of the digits and minus (:38-41), so an empty field saves 0;
 * sanitize() likewise (:48-51).
 */
declare(strict_types=1);

namespace XLite\View\FormField\Input\Text;

class Integer extends \XLite\View\FormField\Input\Text\Base\Numeric
{
    const SANITIZE_PATTERN = '/[^\d-]/sS';

    public function prepareRequestData($value)
    {
        return intval(preg_replace(static::SANITIZE_PATTERN, '', (string) parent::prepareRequestData($value)));
    }

    protected function sanitize()
    {
        return intval(preg_replace(static::SANITIZE_PATTERN, '', (string) parent::sanitize()));
    }

    protected function getDefaultMaxSize()
    {
        return 11;
    }
}
