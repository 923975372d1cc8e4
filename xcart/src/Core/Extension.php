<?php

namespace CloudLink\InforSync\Core;

/**
 * The only place the shop side calls the infor_sync extension for outgoing events.
 *
 * A failure of the extension never breaks the shop: without the extension every call is a no-op
 * (logged once per request), and any \Throwable (ValidationException, SpoolException, a TypeError...)
 * is caught, logged to X-Cart's log (channel CloudLink-InforSync) and remembered in LastError for the
 * monitoring page.
 */
final class Extension
{
    /** True while the cron task applies events from Infor: their status changes are not echoed back. */
    public static $applyingInbound = false;

    /** @var callable|null test seam: replaces \InforSync\enqueue */
    public static $enqueue = null;

    private static $missingLogged = false;

    public static function available(): bool
    {
        return self::$enqueue !== null || ModuleInfo::extensionLoaded();
    }

    /**
     * Enqueues an event; returns its id, or null when it was not spooled (the reason is logged).
     */
    public static function enqueue(string $type, array $payload, ?string $key = null): ?string
    {
        try {
            if (!self::available()) {
                if (!self::$missingLogged) {
                    self::$missingLogged = true;
                    self::log('warning', 'infor_sync extension not loaded: ' . $type . ' not sent', ['key' => $key]);
                    LastError::record('enqueue', 'The infor_sync extension is not loaded: events are not sent to Infor.', [
                        'type' => $type, 'key' => $key,
                    ]);
                }

                return null;
            }
            $fn = self::$enqueue ?? 'InforSync\\enqueue';
            $id = $fn($type, $payload, $key);
            self::log('info', 'enqueued ' . $type, ['id' => $id, 'key' => $key]);

            return is_string($id) ? $id : null;
        } catch (\Throwable $e) {
            self::failure('enqueue ' . $type, $e, ['type' => $type, 'key' => $key]);

            return null;
        }
    }

    /**
     * Logs a failure and remembers it for the monitoring page; never throws.
     */
    public static function failure(string $where, \Throwable $e, array $context = []): void
    {
        try {
            $problems = self::problems($e);
            if ($problems) {
                $context['problems'] = $problems;
            }
            $context['exception'] = get_class($e);
            $message = $e->getMessage();
            self::log('error', $where . ': ' . $message, $context);
            LastError::record($where, $message, $context);
        } catch (\Throwable $ignored) {
            // nothing may escape into checkout
        }
    }

    /**
     * The field problems of an InforSync\ValidationException (path: message), else [].
     *
     * @return string[]
     */
    public static function problems(\Throwable $e): array
    {
        if (!method_exists($e, 'getErrors')) {
            return [];
        }
        $out = [];
        foreach ((array) $e->getErrors() as $err) {
            if (is_array($err)) {
                $out[] = trim(($err['path'] ?? '') . ': ' . ($err['message'] ?? ''), ': ');
            }
        }

        return $out;
    }

    /**
     * X-Cart's PSR-3 logger (\XLite\Logger::getLogger(), 5.5), or error_log() outside X-Cart.
     */
    public static function log(string $level, string $message, array $context = []): void
    {
        try {
            if (class_exists('XLite\\Logger') && method_exists('XLite\\Logger', 'getLogger')) {
                \XLite\Logger::getLogger(ModuleInfo::LOGGER)->log($level, $message, $context);

                return;
            }
            if ($level === 'error' || $level === 'warning') {
                error_log('[' . ModuleInfo::LOGGER . '] ' . $level . ': ' . $message
                    . ($context ? ' ' . json_encode($context, JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR) : ''));
            }
        } catch (\Throwable $ignored) {
        }
    }
}
