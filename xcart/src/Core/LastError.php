<?php

namespace CloudLink\InforSync\Core;

/**
 * The module's last failure calling the extension (not loaded, refused payload, spool error), for
 * the monitoring page. A small JSON file, not an X-Cart config row: it is written during checkout,
 * where a Doctrine flush of our own would flush the half-built order too.
 *
 * The file is <infor_sync.spool_dir>/xcart-module-last-error.json when that directory is writable,
 * else the system temp directory. Plain PHP.
 */
final class LastError
{
    public const FILE = 'xcart-module-last-error.json';

    /** @var string|null for tests */
    public static $path = null;

    /** @var string|null for tests: the directory of the module's state files */
    public static $dir = null;

    public static function path(): string
    {
        if (self::$path !== null) {
            return self::$path;
        }

        return self::dir() . '/' . self::FILE;
    }

    /**
     * Where the module keeps its small state files: the spool directory when writable, else temp.
     */
    public static function dir(): string
    {
        if (self::$dir !== null) {
            return rtrim(self::$dir, '/');
        }
        $dir = ini_get('infor_sync.spool_dir');
        if (!is_string($dir) || $dir === '' || !is_dir($dir) || !is_writable($dir)) {
            $dir = sys_get_temp_dir();
        }

        return rtrim($dir, '/');
    }

    /**
     * Writes a JSON file atomically (temp file + rename), mode 0600.
     */
    public static function writeJson(string $path, array $data): bool
    {
        $tmp = $path . '.' . getmypid() . '.tmp';
        if (@file_put_contents($tmp, json_encode($data, JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR)) === false) {
            return false;
        }
        @chmod($tmp, 0600);
        if (!@rename($tmp, $path)) {
            @unlink($tmp);

            return false;
        }

        return true;
    }

    public static function readJson(string $path): ?array
    {
        if (!is_file($path)) {
            return null;
        }
        $data = json_decode((string) @file_get_contents($path), true);

        return is_array($data) ? $data : null;
    }

    /**
     * @param array<string, mixed> $context no personal data: event type, order id, idempotency key, problems
     */
    public static function record(string $where, string $message, array $context = []): void
    {
        $previous = self::get();
        $entry = [
            'at' => time(),
            'where' => $where,
            'message' => $message,
            'context' => $context,
            'count' => (int) ($previous['count'] ?? 0) + 1,
        ];
        self::writeJson(self::path(), $entry);
    }

    public static function get(): ?array
    {
        return self::readJson(self::path());
    }

    public static function clear(): bool
    {
        $path = self::path();

        return !is_file($path) || @unlink($path);
    }
}
