<?php
// XLite\Model\Payment\Base\Online (classes/XLite/Model/Payment/Base/Online.php): a gateway the customer is sent to or that is called online.
declare(strict_types=1);

namespace XLite\Model\Payment\Base;

abstract class Online extends \XLite\Model\Payment\Base\Processor
{
    use \XLite\InjectLoggerTrait;
}
