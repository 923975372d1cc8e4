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

    /** sleep(): a frozen clock moves on by $seconds at once; the real one sleeps. */
    public static function sleep(int $seconds): void
    {
        if (self::$now !== null) {
            self::$now += $seconds;
        } elseif ($seconds > 0) {
            sleep($seconds);
        }
    }

    public static function set(?int $now): void
    {
        self::$now = $now;
    }
}
