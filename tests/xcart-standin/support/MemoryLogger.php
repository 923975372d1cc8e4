<?php
// The PSR-3 logger XLite\Logger::getLogger() hands out: records go to XLite\Logger::standinRecords().
// Written against every psr/log version (Debian packages 1.x; X-Cart 5.5 allows 1-3).
declare(strict_types=1);

namespace XCartStandin;

class MemoryLogger extends \Psr\Log\AbstractLogger
{
    public function __construct(private string $channel)
    {
    }

    public function log($level, $message, array $context = []): void
    {
        \XLite\Logger::standinRecord($this->channel, (string)$level, (string)$message, $context);
    }
}
