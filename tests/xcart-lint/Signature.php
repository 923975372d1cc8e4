<?php
/*
 * Compares parameter lists: the reference's stated signature with the stand-in's method, the add-on's
 * override with the stand-in's method, and a call's argument count with what the method accepts.
 * Each returns problems as text ("has 3 parameters, the reference states 2").
 */

declare(strict_types=1);

namespace XCartLint;

use PhpParser\Node;

final class Signature
{
    private const VISIBILITY = ['private' => 0, 'protected' => 1, 'public' => 2];

    /** @param array $m a Reference signature mention */
    public static function againstReference(array $m, \ReflectionMethod $method): array
    {
        $problems = [];
        $params = $method->getParameters();
        if (count($params) !== count($m['params'])) {
            $problems[] = 'has ' . self::describe($method) . ', the reference states ' . count($m['params']) . ' parameter(s)';
        }
        foreach ($m['params'] as $i => $ref) {
            if (isset($params[$i])) {
                array_push($problems, ...self::referenceParam($ref, $params[$i]));
            }
        }
        if ($m['static'] !== null && $m['static'] !== $method->isStatic()) {
            $problems[] = $m['static'] ? 'is not static' : 'is static';
        }
        if ($m['visibility'] !== null && $m['visibility'] !== self::visibility($method)) {
            $problems[] = 'is ' . self::visibility($method) . ", the reference states {$m['visibility']}";
        }
        if ($m['returns'] !== null && !self::sameType($m['returns'], self::typeName($method->getReturnType()), false)) {
            $problems[] = 'returns ' . (self::typeName($method->getReturnType()) ?? 'no type') . ", the reference states {$m['returns']}";
        }

        return $problems;
    }

    private static function referenceParam(array $ref, \ReflectionParameter $p): array
    {
        $problems = [];
        $at = 'parameter ' . ($p->getPosition() + 1);
        if ($p->getName() !== $ref['name']) {
            $problems[] = "$at is \${$p->getName()}, the reference states \${$ref['name']}";
        }
        if ($ref['default'] === null && $p->isDefaultValueAvailable()) {
            $problems[] = "$at \${$p->getName()} has a default, the reference states none";
        }
        if ($ref['default'] !== null) {
            $expected = self::evaluate($ref['default']);
            if (!$p->isDefaultValueAvailable()) {
                $problems[] = "$at \${$p->getName()} has no default, the reference states = {$ref['default']}";
            } elseif ($expected !== $p->getDefaultValue()) {
                $problems[] = "$at \${$p->getName()} defaults to " . var_export($p->getDefaultValue(), true) . ", the reference states = {$ref['default']}";
            }
        }
        $nullableByDefault = $ref['default'] !== null && strtolower($ref['default']) === 'null';
        if ($ref['type'] !== null && !self::sameType($ref['type'], self::typeName($p->getType()), $nullableByDefault)) {
            $problems[] = "$at \${$p->getName()} is typed " . (self::typeName($p->getType()) ?? 'nothing') . ", the reference states {$ref['type']}";
        }

        return $problems;
    }

    /** The reference's default expression as a value: null, true, 1, 'x', [], LOG_DEBUG. */
    private static function evaluate(string $expr)
    {
        $lower = strtolower(trim($expr));
        if (in_array($lower, ['null', 'true', 'false'], true)) {
            return ['null' => null, 'true' => true, 'false' => false][$lower];
        }
        if ($lower === '[]' || $lower === 'array()') {
            return [];
        }
        if (is_numeric($expr)) {
            return $expr + 0;
        }
        if (preg_match('/^([\'"])(.*)\1$/', $expr, $m)) {
            return $m[2];
        }

        return defined($expr) ? constant($expr) : $expr;
    }

    /**
     * Whether a stated type is the actual one. A type the reference gives without namespace
     * (`CronEvent`, `LoggerInterface`) is compared by its last segment.
     */
    private static function sameType(string $stated, ?string $actual, bool $nullableByDefault): bool
    {
        if ($actual === null) {
            return false;
        }
        $normalize = static function (string $t) use ($nullableByDefault): string {
            $t = ltrim(str_replace('?\\', '?', $t), '\\');
            if ($nullableByDefault && $t[0] !== '?') {
                $t = "?$t";
            }

            return strtolower($t);
        };
        $stated = $normalize($stated);
        $actual = $normalize($actual);
        if (!str_contains($stated, '\\')) {
            $actual = preg_replace('/^(\??)(?:[\w\\\\]*\\\\)?(\w+)$/', '$1$2', $actual);
        }

        return $stated === $actual;
    }

    private static function typeName(?\ReflectionType $type): ?string
    {
        return $type === null ? null : (string) $type;
    }

    private static function visibility(\ReflectionMethod $m): string
    {
        return $m->isPublic() ? 'public' : ($m->isProtected() ? 'protected' : 'private');
    }

    private static function describe(\ReflectionMethod $m): string
    {
        $params = array_map(fn ($p) => '$' . $p->getName() . ($p->isDefaultValueAvailable() ? ' = ' . var_export($p->getDefaultValue(), true) : ''), $m->getParameters());

        return count($params) . ' parameter(s) (' . implode(', ', $params) . ')';
    }

    /** Whether a call with $args arguments fits the method. */
    public static function arity(?int $args, \ReflectionMethod $method): array
    {
        if ($args === null) {
            return [];
        }
        $variadic = $method->isVariadic();
        if ($args < $method->getNumberOfRequiredParameters() || (!$variadic && $args > $method->getNumberOfParameters())) {
            return ["is called with $args argument(s); the stand-in's {$method->getName()}() takes " . self::describe($method)];
        }

        return [];
    }

    /** Whether the add-on's override keeps the stand-in's parameter list (names, defaults, types), static-ness and visibility. */
    public static function override(Node\Stmt\ClassMethod $own, \ReflectionMethod $parent): array
    {
        $problems = [];
        $ownParams = $own->getParams();
        foreach ($parent->getParameters() as $i => $p) {
            $mine = $ownParams[$i] ?? null;
            if ($mine === null) {
                $problems[] = "overrides {$parent->class}::{$parent->getName()}() without its parameter \${$p->getName()}";
                continue;
            }
            array_push($problems, ...self::overrideParam($mine, $p, $parent));
        }
        foreach (array_slice($ownParams, $parent->getNumberOfParameters()) as $extra) {
            if ($extra->default === null && !$extra->variadic) {
                $problems[] = 'adds a required parameter $' . $extra->var->name . ' to ' . $parent->getName() . '()';
            }
        }
        if ($own->isStatic() !== $parent->isStatic()) {
            $problems[] = $parent->getName() . '() is ' . ($parent->isStatic() ? '' : 'not ') . 'static in the stand-in';
        }
        $ownVisibility = $own->isPublic() ? 'public' : ($own->isProtected() ? 'protected' : 'private');
        if (self::VISIBILITY[$ownVisibility] < self::VISIBILITY[self::visibility($parent)]) {
            $problems[] = $parent->getName() . '() is ' . self::visibility($parent) . " in the stand-in, the override $ownVisibility";
        }
        $parentReturn = self::typeName($parent->getReturnType());
        $ownReturn = $own->returnType === null ? null : self::nodeType($own->returnType);
        if ($parentReturn !== null && ($ownReturn === null || !self::sameType($parentReturn, $ownReturn, false))) {
            $problems[] = "{$parent->getName()}() returns $parentReturn in the stand-in, the override " . ($ownReturn ?? 'no type');
        }

        return $problems;
    }

    private static function overrideParam(Node\Param $mine, \ReflectionParameter $p, \ReflectionMethod $parent): array
    {
        $problems = [];
        $at = $parent->getName() . '() parameter ' . ($p->getPosition() + 1);
        if ($mine->var->name !== $p->getName()) {
            $problems[] = "$at is \${$mine->var->name}, the stand-in's \${$p->getName()}";
        }
        if ($p->isDefaultValueAvailable()) {
            $evaluator = new \PhpParser\ConstExprEvaluator();
            try {
                $mineDefault = $mine->default === null ? null : $evaluator->evaluateSilently($mine->default);
            } catch (\PhpParser\ConstExprEvaluationException $e) {
                $mineDefault = $p->getDefaultValue(); // a constant expression we cannot evaluate: not compared
            }
            if ($mine->default === null || $mineDefault !== $p->getDefaultValue()) {
                $problems[] = "$at \${$p->getName()} must default to " . var_export($p->getDefaultValue(), true) . ' as in the stand-in';
            }
        } elseif ($mine->default !== null) {
            $problems[] = "$at \${$p->getName()} has a default, the stand-in's has none";
        }
        $parentType = self::typeName($p->getType());
        $mineType = $mine->type === null ? null : self::nodeType($mine->type);
        if (($parentType === null) !== ($mineType === null) || ($parentType !== null && !self::sameType($parentType, $mineType, false))) {
            $problems[] = "$at is typed " . ($mineType ?? 'nothing') . ', the stand-in\'s ' . ($parentType ?? 'nothing');
        }

        return $problems;
    }

    private static function nodeType(Node $type): string
    {
        if ($type instanceof Node\NullableType) {
            return '?' . self::nodeType($type->type);
        }
        if ($type instanceof Node\UnionType) {
            return implode('|', array_map([self::class, 'nodeType'], $type->types));
        }

        return $type instanceof Node\Name ? $type->toString() : (string) $type;
    }
}
