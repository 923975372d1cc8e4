<?php
/*
 * Compares method records (ApiExtractor's form) with the real X-Cart method: the stand-in's and the add-on's
 * overrides. Each returns problems as text ("parameter 1 is $status, the real one's $shippingStatus").
 */

declare(strict_types=1);

namespace XCartLint;

final class RealSignature
{
    private const VISIBILITY = ['private' => 0, 'protected' => 1, 'public' => 2];

    /** How the method differs from the real one: parameters, return type, static-ness, visibility. */
    public static function differences(array $real, array $other): array
    {
        $problems = self::paramDifferences($real['params'], $other['params']);
        if (!self::sameType($real['returns'] ?? null, null, $other['returns'] ?? null, null)) {
            $problems[] = 'returns ' . ($other['returns'] ?? 'no type') . ', the real one ' . ($real['returns'] ?? 'no type');
        }
        if (($real['static'] ?? false) !== ($other['static'] ?? false)) {
            $problems[] = ($other['static'] ?? false) ? 'is static, the real one is not' : 'is not static, the real one is';
        }
        if ($real['visibility'] !== $other['visibility']) {
            $problems[] = "is {$other['visibility']}, the real one {$real['visibility']}";
        }

        return $problems;
    }

    /**
     * How an override breaks the real method's contract: PHP allows a wider visibility; a plain subclass may
     * add a return type the real one lacks, a mixin may not (the next mixin in X-Cart's chain would then
     * break), so a mixin must keep the real signature exactly.
     */
    public static function overrideProblems(array $real, array $own, bool $mixin): array
    {
        $problems = self::paramDifferences($real['params'], $own['params']);
        $realReturn = $real['returns'] ?? null;
        $ownReturn = $own['returns'] ?? null;
        if (!self::sameType($realReturn, null, $ownReturn, null) && ($mixin || $realReturn !== null)) {
            $problems[] = 'returns ' . ($ownReturn ?? 'no type') . ', the real one ' . ($realReturn ?? 'no type')
                . ($mixin && $realReturn === null ? ' (a mixin must keep it: the next mixin of the chain would not)' : '');
        }
        if (($real['static'] ?? false) !== ($own['static'] ?? false)) {
            $problems[] = ($own['static'] ?? false) ? 'is static, the real one is not' : 'is not static, the real one is';
        }
        if (self::VISIBILITY[$own['visibility']] < self::VISIBILITY[$real['visibility']]) {
            $problems[] = "is {$own['visibility']}, the real one {$real['visibility']} (PHP forbids narrowing it)";
        }

        return $problems;
    }

    /** @return list<string> */
    private static function paramDifferences(array $real, array $other): array
    {
        $problems = [];
        if (count($real) !== count($other)) {
            $problems[] = 'has ' . count($other) . ' parameter(s), the real one ' . count($real);
        }
        foreach ($real as $i => $r) {
            if (isset($other[$i])) {
                array_push($problems, ...self::paramDifference($i + 1, $r, $other[$i]));
            }
        }

        return $problems;
    }

    private static function paramDifference(int $n, array $r, array $o): array
    {
        $at = "parameter $n \${$o['name']}";
        $problems = [];
        if ($r['name'] !== $o['name']) {
            $problems[] = "parameter $n is \${$o['name']}, the real one's \${$r['name']}";
        }
        $rDefault = $r['default'] ?? null;
        $oDefault = $o['default'] ?? null;
        if ($rDefault !== $oDefault) {
            $problems[] = "$at " . ($oDefault === null ? 'has no default' : "defaults to $oDefault")
                . ', the real one ' . ($rDefault === null ? 'none' : "= $rDefault");
        }
        if (!self::sameType($r['type'] ?? null, $rDefault, $o['type'] ?? null, $oDefault)) {
            $problems[] = "$at is typed " . self::typeText($o['type'] ?? null, $oDefault) . ', the real one ' . self::typeText($r['type'] ?? null, $rDefault);
        }
        foreach (['byRef' => 'by reference', 'variadic' => 'variadic'] as $flag => $what) {
            if (($r[$flag] ?? false) !== ($o[$flag] ?? false)) {
                $problems[] = "$at is " . (($o[$flag] ?? false) ? '' : 'not ') . "$what, the real one " . (($r[$flag] ?? false) ? 'is' : 'is not');
            }
        }

        return $problems;
    }

    /** Whether two types are the same for PHP: `X $x = null` is `?X`, `?X` is `X|null`, names are case-insensitive. */
    public static function sameType(?string $a, ?string $aDefault, ?string $b, ?string $bDefault): bool
    {
        return self::canonicalType($a, $aDefault) === self::canonicalType($b, $bDefault);
    }

    /** A parameter's type for messages, saying when a default null makes it nullable. */
    private static function typeText(?string $type, ?string $default): string
    {
        if ($type === null) {
            return 'nothing';
        }

        return $default === 'null' && !str_starts_with($type, '?') && !str_contains($type, 'null') && $type !== 'mixed'
            ? "$type (nullable: = null)" : $type;
    }

    public static function canonicalType(?string $type, ?string $default): ?string
    {
        if ($type === null) {
            return null;
        }
        $type = strtolower(ltrim($type, '\\'));
        if (str_contains($type, '&')) {
            return $type;
        }
        $parts = explode('|', str_starts_with($type, '?') ? substr($type, 1) . '|null' : $type);
        if ($default === 'null' && $type !== 'mixed') {
            $parts[] = 'null';
        }
        $parts = array_unique(array_map(fn ($p) => ltrim($p, '\\'), $parts));
        sort($parts);

        return implode('|', $parts);
    }

    /** Whether a call with $args arguments fits the method; null when it does. */
    public static function arity(int $args, array $method): ?string
    {
        $required = 0;
        $variadic = false;
        foreach ($method['params'] as $i => $p) {
            $variadic = $variadic || ($p['variadic'] ?? false);
            if (!isset($p['default']) && !($p['variadic'] ?? false)) {
                $required = $i + 1;
            }
        }
        if ($args < $required || (!$variadic && $args > count($method['params']))) {
            return "is called with $args argument(s); it takes " . ($variadic ? "$required or more" : ($required === count($method['params'])
                ? $required : "$required to " . count($method['params'])));
        }

        return null;
    }

    /**
     * How a signature the prose reference states (Reference's mention) differs from the real method. The prose
     * may leave out types, static-ness, visibility and return type; its short class names (`CronEvent`) are
     * compared by their last segment.
     */
    public static function againstProse(array $m, array $real): array
    {
        if ($m['kind'] === 'call') {
            $p = self::arity($m['args'], $real);

            return $p === null ? [] : ["the prose's call $p"];
        }
        if ($m['kind'] !== 'signature') {
            return [];
        }
        $problems = count($m['params']) === count($real['params']) ? []
            : ['the prose states ' . count($m['params']) . ' parameter(s), the real one has ' . count($real['params'])];
        foreach ($m['params'] as $i => $p) {
            $r = $real['params'][$i] ?? null;
            if ($r !== null) {
                array_push($problems, ...self::proseParam($i + 1, $p, $r));
            }
        }
        if ($m['static'] !== null && $m['static'] !== ($real['static'] ?? false)) {
            $problems[] = 'the prose states it is ' . ($m['static'] ? '' : 'not ') . 'static';
        }
        if ($m['visibility'] !== null && $m['visibility'] !== $real['visibility']) {
            $problems[] = "the prose states {$m['visibility']}, the real one is {$real['visibility']}";
        }
        if ($m['returns'] !== null && !self::sameShortType($m['returns'], $real['returns'] ?? null, null)) {
            $problems[] = "the prose states it returns {$m['returns']}, the real one " . ($real['returns'] ?? 'no type');
        }

        return $problems;
    }

    private static function proseParam(int $n, array $p, array $r): array
    {
        $problems = [];
        if ($p['name'] !== $r['name']) {
            $problems[] = "the prose's parameter $n is \${$p['name']}, the real one \${$r['name']}";
        }
        $default = $p['default'] === null ? null : self::normalizeDefault($p['default']);
        if ($default !== ($r['default'] ?? null)) {
            $problems[] = "the prose's parameter $n \${$p['name']} " . ($default === null ? 'has no default' : "defaults to $default")
                . ', the real one ' . (isset($r['default']) ? "= {$r['default']}" : 'none');
        }
        if ($p['type'] !== null && !self::sameShortType($p['type'], $r['type'] ?? null, $r['default'] ?? null)) {
            $problems[] = "the prose's parameter $n \${$p['name']} is typed {$p['type']}, the real one " . ($r['type'] ?? 'nothing');
        }

        return $problems;
    }

    /** A default as the prose writes it, in ApiExtractor's form (`array()` => `[]`, `NULL` => `null`). */
    private static function normalizeDefault(string $default): string
    {
        $stmts = ApiExtractor::parse("<?php namespace N; \$x = $default;");
        $expr = $stmts[0]->stmts[0]->expr->expr ?? null;

        return $expr instanceof \PhpParser\Node\Expr ? ApiExtractor::expr($expr) : $default;
    }

    private static function sameShortType(string $prose, ?string $real, ?string $realDefault): bool
    {
        $canonical = self::canonicalType($real, $realDefault);
        if (!str_contains($prose, '\\') && $canonical !== null) {
            $parts = array_map(fn ($t) => preg_replace('/^.*\\\\/', '', $t), explode('|', $canonical));
            sort($parts);
            $canonical = implode('|', $parts);
        }

        return self::canonicalType($prose, null) === $canonical
            || ($realDefault === 'null' && self::canonicalType($prose, 'null') === $canonical);
    }

    /** `($value, ?X $order = null): int`, for messages. */
    public static function describe(array $method): string
    {
        $params = array_map(fn ($p) => (isset($p['type']) ? $p['type'] . ' ' : '') . (($p['byRef'] ?? false) ? '&' : '')
            . (($p['variadic'] ?? false) ? '...' : '') . '$' . $p['name'] . (isset($p['default']) ? ' = ' . $p['default'] : ''), $method['params']);

        return '(' . implode(', ', $params) . ')' . (isset($method['returns']) ? ': ' . $method['returns'] : '');
    }
}
