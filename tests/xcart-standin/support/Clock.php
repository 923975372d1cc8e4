<?php
// Stand-in only: "now" for tasks and tracking-number dates; tests may freeze it.
declare(strict_types=1);

namespace XCartStandin;

final class Clock
{
    private static ?int $now = null;

    public static function now(): int
    {
        return self::$now ?? time();
    }

    public static function set(?int $now): void
    {
        self::$now = $now;
    }
}
