<?php
/*
 * XLite\InjectLoggerTrait (classes/XLite/InjectLoggerTrait.php): $this->getLogger('XC-AvaTax')->debug(..)
 * gives XLite\Logger::getLogger()'s PSR-3 logger of that channel ('xlite' by default). $level is
 * passed on as X-Cart does (XLite\Logger::getLogger() takes only the name).
 */
declare(strict_types=1);

namespace XLite;

trait InjectLoggerTrait
{
    protected static function getStaticLogger(string $name = 'xlite', ?int $level = null): \Psr\Log\LoggerInterface
    {
        return \XLite\Logger::getLogger($name);
    }

    protected function getLogger(string $name = 'xlite', ?int $level = null): \Psr\Log\LoggerInterface
    {
        return static::getStaticLogger($name, $level);
    }
}
