<?php
/*
 * XLite\View\RequestHandler\ARequestHandler (classes/XLite/View/RequestHandler/ARequestHandler.php):
 * a widget that reads the request. The part the stand-in models is how request values are cleaned
 * (prepareRequestParamsList() :329-340, prepareRequestParamValue() :350-363): every value that is
 * not empty and not numeric goes through HTMLPurifier::purify() (array values one by one) unless
 * isParamTrusted() (:372-375, false here) says its parameter may hold anything. [stand-in] the
 * widget's request parameters and their session cell are not modelled.
 */
declare(strict_types=1);

namespace XLite\View\RequestHandler;

abstract class ARequestHandler extends \XLite\View\AView
{
    protected function prepareRequestParamsList($data = null)
    {
        $data = $data ?? \XLite\Core\Request::getInstance()->getNonFilteredData();
        foreach ($data as $key => $value) {
            $data[$key] = $this->prepareRequestParamValue($key, $value);
        }

        return $data;
    }

    protected function prepareRequestParamValue($name, $value)
    {
        if (!empty($value) && !is_numeric($value)) {
            if (is_array($value)) {
                foreach ($value as $k => $v) {
                    $value[$k] = $this->prepareRequestParamValue($k, $v);
                }
            } elseif (!$this->isParamTrusted($name)) {
                $value = \XLite\Core\HTMLPurifier::purify($value);
            }
        }

        return $value;
    }

    protected function isParamTrusted($name)
    {
        return false;
    }
}
