<?php
// The PSR-3 logger XLite\Logger::getLogger() hands out: records go to XLite\Logger::standinRecords().
declare(strict_types=1);

namespace XCartStandin;

class MemoryLogger implements \Psr\Log\LoggerInterface
{
    public function __construct(private string $channel)
    {
    }

    public function emergency(string|\Stringable $message, array $context = []): void { $this->log('emergency', $message, $context); }
    public function alert(string|\Stringable $message, array $context = []): void { $this->log('alert', $message, $context); }
    public function critical(string|\Stringable $message, array $context = []): void { $this->log('critical', $message, $context); }
    public function error(string|\Stringable $message, array $context = []): void { $this->log('error', $message, $context); }
    public function warning(string|\Stringable $message, array $context = []): void { $this->log('warning', $message, $context); }
    public function notice(string|\Stringable $message, array $context = []): void { $this->log('notice', $message, $context); }
    public function info(string|\Stringable $message, array $context = []): void { $this->log('info', $message, $context); }
    public function debug(string|\Stringable $message, array $context = []): void { $this->log('debug', $message, $context); }

    public function log($level, string|\Stringable $message, array $context = []): void
    {
        \XLite\Logger::standinRecord($this->channel, (string)$level, (string)$message, $context);
    }
}
