<?php
/*
 * XLite\Logger (classes/XLite/Logger.php).  5.5 has no logCustom (§6).
 * getLogger(string $name): LoggerInterface (:88) returns a PSR-3 logger whose
 * channel is $name.  The stand-in keeps records in memory (standinRecords())
 * instead of writing var/log/YYYY/MM/<stream>.YYYY-MM-DD.log lines
 * "[%datetime%] %channel%.%level_name%: %message%" (standinFormat() gives that line).
 */
declare(strict_types=1);

namespace XLite;

class Logger extends \XLite\Base\Singleton
{
    private static array $records = [];
    private static array $loggers = [];

    /** :53 — X-Cart sets its PHP error handler and log file here; the stand-in does neither */
    public function __construct()
    {
        parent::__construct();
    }

    public static function getLogger(string $name): \Psr\Log\LoggerInterface
    {
        return self::$loggers[$name] ??= new \XCartStandin\MemoryLogger($name);
    }

    /** @deprecated (:148) — to the channel 'xlite' */
    public function log(string $message, int $level = LOG_DEBUG, $trace = []): void
    {
        $map = [LOG_EMERG => 'emergency', LOG_ALERT => 'alert', LOG_CRIT => 'critical', LOG_ERR => 'error',
            LOG_WARNING => 'warning', LOG_NOTICE => 'notice', LOG_INFO => 'info', LOG_DEBUG => 'debug'];
        static::getLogger('xlite')->log($map[$level] ?? 'debug', $message, ['trace' => $trace]);
    }

    /** Stand-in only */
    public static function standinRecord(string $channel, string $level, string $message, array $context): void
    {
        self::$records[] = ['channel' => $channel, 'level' => $level, 'message' => $message, 'context' => $context];
    }

    /** @return list<array{channel: string, level: string, message: string, context: array}> */
    public static function standinRecords(?string $channel = null): array
    {
        return array_values(array_filter(self::$records, static fn ($r) => $channel === null || $r['channel'] === $channel));
    }

    public static function standinFormat(array $record): string
    {
        return sprintf('[%s] %s.%s: %s', date('Y-m-d H:i:s'), $record['channel'], strtoupper($record['level']), $record['message']);
    }

    public static function standinReset(): void
    {
        self::$records = [];
    }
}
