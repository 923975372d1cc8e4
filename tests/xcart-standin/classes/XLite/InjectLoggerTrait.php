<?php
// XLite\InjectLoggerTrait (classes/XLite/InjectLoggerTrait.php:20-35): $this->getLogger('XC-AvaTax')->debug(..)
declare(strict_types=1);

namespace XLite;

trait InjectLoggerTrait
{
    /** [inferred] default channel when none is given */
    protected function getLogger(?string $name = null): \Psr\Log\LoggerInterface
    {
        return \XLite\Logger::getLogger($name ?? 'XCart');
    }
}
