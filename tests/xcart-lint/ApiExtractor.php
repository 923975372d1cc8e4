<?php
/*
 * Reads the API of PHP classes from their syntax tree, in the form of tests/xcart-lint/xcart-5.5-api.json:
 * kind, parent, interfaces, traits, constants, properties (with their Doctrine annotations) and method
 * signatures. scripts/extract-xcart-reference.php uses it on the real X-Cart source; the lint uses it on the
 * stand-in and on the add-on, so that both sides of every comparison are written the same way.
 *
 * Names are resolved to fully qualified names without the leading backslash. Types are as written
 * (`?X`, `X|null`, `array`), defaults and constant values are source text printed in one form (short arrays,
 * single-quoted strings, decimal integers, lower-case true/false/null) so that equal values read equal.
 * A parameter's `type`, `default`, `byRef` and `variadic` and a method's `static`, `abstract`, `final`,
 * `returns` and `orm` are left out when null/false/empty.
 */

declare(strict_types=1);

namespace XCartLint;

use PhpParser\Node;
use PhpParser\Node\Expr;
use PhpParser\Node\Scalar;
use PhpParser\Node\Stmt;

final class ApiExtractor
{
    /** Docblock annotations kept: Doctrine's (use Doctrine\ORM\Mapping as ORM) and X-Cart's Extender. */
    private const ANNOTATIONS = '/@((?:ORM|Extender)\\\\\w+)/';

    private static ?\PhpParser\Parser $parser = null;

    /** The statements of a PHP file with names resolved, or null when it does not parse. */
    public static function parse(string $code): ?array
    {
        self::$parser ??= (new \PhpParser\ParserFactory())->create(\PhpParser\ParserFactory::PREFER_PHP7);
        try {
            $stmts = self::$parser->parse($code);
        } catch (\PhpParser\Error $e) {
            return null;
        }
        $traverser = new \PhpParser\NodeTraverser();
        $traverser->addVisitor(new \PhpParser\NodeVisitor\NameResolver());

        return $traverser->traverse($stmts ?? []);
    }

    /** @return array<string, array> FQCN => record of every named class, interface and trait in the statements */
    public static function classes(array $stmts, string $file): array
    {
        $out = [];
        foreach ((new \PhpParser\NodeFinder())->findInstanceOf($stmts, Stmt\ClassLike::class) as $node) {
            if ($node->namespacedName !== null && !$node instanceof Stmt\Enum_) {
                $out[$node->namespacedName->toString()] = self::classRecord($node, $file);
            }
        }

        return $out;
    }

    public static function classRecord(Stmt\ClassLike $node, string $file): array
    {
        $doc = (string) $node->getDocComment();
        $record = [
            'kind' => $node instanceof Stmt\Interface_ ? 'interface' : ($node instanceof Stmt\Trait_ ? 'trait' : 'class'),
            'abstract' => $node instanceof Stmt\Class_ && $node->isAbstract(),
            'final' => $node instanceof Stmt\Class_ && $node->isFinal(),
            'parent' => $node instanceof Stmt\Class_ && $node->extends !== null ? $node->extends->toString() : null,
            'interfaces' => self::names($node instanceof Stmt\Class_ ? $node->implements : ($node instanceof Stmt\Interface_ ? $node->extends : [])),
            'traits' => self::traits($node),
            'file' => $file,
            'line' => $node->getStartLine(),
            'annotations' => self::annotations($doc),
            'constants' => self::constants($node),
            'properties' => self::properties($node),
            'methods' => [],
        ];
        foreach ($node->getMethods() as $method) {
            $record['methods'][$method->name->toString()] = self::method($method);
        }
        ksort($record['methods'], SORT_STRING | SORT_FLAG_CASE);

        return $record;
    }

    private static function names(array $names): array
    {
        return array_map(fn (Node\Name $n) => $n->toString(), $names);
    }

    private static function traits(Stmt\ClassLike $node): array
    {
        $out = [];
        foreach ($node->stmts as $stmt) {
            if ($stmt instanceof Stmt\TraitUse) {
                array_push($out, ...self::names($stmt->traits));
            }
        }

        return $out;
    }

    private static function constants(Stmt\ClassLike $node): array
    {
        $out = [];
        foreach ($node->getConstants() as $group) {
            foreach ($group->consts as $const) {
                $out[$const->name->toString()] = [
                    'value' => self::expr($const->value),
                    'visibility' => self::visibility($group),
                    'line' => $const->getStartLine(),
                ];
            }
        }
        ksort($out, SORT_STRING);

        return $out;
    }

    private static function properties(Stmt\ClassLike $node): array
    {
        $out = [];
        foreach ($node->getProperties() as $group) {
            foreach ($group->props as $prop) {
                $out[$prop->name->toString()] = array_filter([
                    'visibility' => self::visibility($group),
                    'static' => $group->isStatic(),
                    'type' => self::type($group->type),
                    'line' => $prop->getStartLine(),
                    'orm' => self::annotations((string) $group->getDocComment()),
                ], fn ($v) => $v !== null && $v !== false && $v !== []);
            }
        }
        ksort($out, SORT_STRING);

        return $out;
    }

    public static function method(Stmt\ClassMethod $m): array
    {
        return array_filter([
            'visibility' => self::visibility($m),
            'static' => $m->isStatic(),
            'abstract' => $m->isAbstract(),
            'final' => $m->isFinal(),
            'returns' => self::type($m->returnType),
            'line' => $m->getStartLine(),
            'params' => array_map([self::class, 'param'], $m->params),
            'orm' => self::annotations((string) $m->getDocComment()),
        ], fn ($v, $k) => in_array($k, ['visibility', 'line', 'params'], true) || ($v !== null && $v !== false && $v !== []),
            ARRAY_FILTER_USE_BOTH);
    }

    public static function param(Node\Param $p): array
    {
        return array_filter([
            'name' => $p->var instanceof Expr\Variable && is_string($p->var->name) ? $p->var->name : '?',
            'type' => self::type($p->type),
            'default' => $p->default === null ? null : self::expr($p->default),
            'byRef' => $p->byRef,
            'variadic' => $p->variadic,
        ], fn ($v) => $v !== null && $v !== false);
    }

    private static function visibility(Node $n): string
    {
        return $n->isPrivate() ? 'private' : ($n->isProtected() ? 'protected' : 'public');
    }

    /** A type as written, class names fully qualified: `?XLite\Model\Order`, `int|string`, `array`. */
    public static function type(?Node $t): ?string
    {
        if ($t === null) {
            return null;
        }
        if ($t instanceof Node\NullableType) {
            return '?' . self::type($t->type);
        }
        if ($t instanceof Node\UnionType || $t instanceof Node\IntersectionType) {
            return implode($t instanceof Node\UnionType ? '|' : '&', array_map([self::class, 'type'], $t->types));
        }
        if ($t instanceof Node\Name) {
            return $t->isSpecialClassName() ? strtolower($t->toString()) : $t->toString();
        }

        return strtolower($t->toString());
    }

    /** An expression (a default, a constant's value) as normalized source text. */
    public static function expr(Expr $e): string
    {
        $traverser = new \PhpParser\NodeTraverser();
        $traverser->addVisitor(new class extends \PhpParser\NodeVisitorAbstract {
            public function enterNode(Node $node)
            {
                $node = clone $node;
                if ($node instanceof Expr\Array_) {
                    $node->setAttribute('kind', Expr\Array_::KIND_SHORT);
                } elseif ($node instanceof Scalar\String_) {
                    $node->setAttribute('kind', Scalar\String_::KIND_SINGLE_QUOTED);
                } elseif ($node instanceof Scalar\LNumber) {
                    $node->setAttribute('kind', Scalar\LNumber::KIND_DEC);
                } elseif ($node instanceof Expr\ConstFetch && in_array(strtolower($node->name->toString()), ['true', 'false', 'null'], true)) {
                    $node->name = new Node\Name(strtolower($node->name->toString()));
                }

                return $node;
            }
        });
        $normalized = $traverser->traverse([$e])[0];

        return (new \PhpParser\PrettyPrinter\Standard())->prettyPrintExpr($normalized);
    }

    /**
     * The Doctrine and Extender annotations of a docblock, one string each with white space collapsed:
     * `@ORM\Column(type="integer")`, `@ORM\Table(name="orders", indexes={...})`, `@Extender\Mixin`.
     */
    public static function annotations(string $doc): array
    {
        $text = preg_replace('~^\s*/?\*+/?~m', '', $doc);
        $out = [];
        $end = 0;
        preg_match_all(self::ANNOTATIONS, $text, $found, PREG_OFFSET_CAPTURE);
        foreach ($found[1] as [$name, $offset]) {
            if ($offset < $end) {
                continue; // nested in the previous one's arguments
            }
            $rest = substr($text, $offset + strlen($name));
            $args = preg_match('/^\s*\(/', $rest, $m) ? self::balancedParens($rest, strlen($m[0])) : null;
            $end = $offset + strlen($name) + ($args === null ? 0 : strlen($m[0]) + strlen($args) + 1);
            $out[] = '@' . $name . ($args === null ? '' : '(' . self::squeeze($args) . ')');
        }

        return $out;
    }

    /** White space collapsed, none after `@Name`, `(`, `{` or before `)`, `}`. */
    private static function squeeze(string $s): string
    {
        $s = preg_replace('/\s+/', ' ', trim($s));
        $s = preg_replace('/(@[\w\\\\]+) \(/', '$1(', $s);

        return preg_replace(['/([({]) /', '/ ([)}])/'], ['$1', '$1'], $s);
    }

    /** The text inside parentheses opened just before $start (quotes respected), or null. */
    private static function balancedParens(string $s, int $start): ?string
    {
        $depth = 1;
        $quote = null;
        for ($i = $start, $n = strlen($s); $i < $n; $i++) {
            $c = $s[$i];
            if ($quote !== null) {
                $quote = $c === $quote ? null : $quote;
            } elseif ($c === '"') {
                $quote = $c;
            } elseif ($c === '(') {
                $depth++;
            } elseif ($c === ')' && --$depth === 0) {
                return substr($s, $start, $i - $start);
            }
        }

        return null;
    }
}
