<?php
/*
 * Collects what an add-on uses of X-Cart: the classes it extends, the methods its mixins and subclasses
 * override, and the classes, methods and constants it calls, with file:line.
 *
 * A use: ['kind' => extends|override|call|const|class, 'class' => receiver class or null (receiver
 * unknown: matched by method name), 'member' => method/constant or null, 'file', 'line',
 * 'guarded' => the call sits behind method_exists()/EventBuilder::optional(), 'args' => argument count,
 * 'node' => the add-on's ClassMethod for overrides, 'caller' => the add-on class, 'receiver' => how the
 * class was named: this ($this->), relative (parent::/self::/static::), named (X::) or object ($x->),
 * 'callerBase' => the caller's first X-Cart ancestor, 'mixin' => the add-on class is an @Extender\Mixin].
 */

declare(strict_types=1);

namespace XCartLint;

use PhpParser\Node;
use PhpParser\Node\Expr;
use PhpParser\Node\Stmt;

final class Uses
{
    /** What X-Cart methods return where the stand-in's return type does not say it (reference §3, §6). */
    private const RETURNS = [
        'XLite\Core\Database::getEM' => 'Doctrine\ORM\EntityManagerInterface',
        'Doctrine\ORM\EntityManagerInterface::getConnection' => 'Doctrine\DBAL\Connection',
        'Doctrine\ORM\EntityManagerInterface::getEventManager' => 'Doctrine\Common\EventManager',
    ];

    /** Non-X-Cart types that X-Cart hands out; calls on them are checked against the stand-in's implementation. */
    public const EXTERNAL = [
        'Doctrine\ORM\EntityManagerInterface' => 'XLite\Core\Doctrine\ORM\EntityManager',
        'Psr\Log\LoggerInterface' => 'Psr\Log\LoggerInterface',
        'Doctrine\DBAL\Connection' => 'Doctrine\DBAL\Connection',
        'Doctrine\Common\EventManager' => 'Doctrine\Common\EventManager',
    ];

    /** Functions whose string argument names a method of their object argument: function => [object arg, method arg]. */
    private const NAMED_METHOD_GUARDS = ['method_exists' => [0, 1], 'optional' => [0, 1]];

    /** @var list<array> */
    public array $uses = [];
    /** @var array<string, array{node: Stmt\ClassLike, file: string}> the add-on's classes */
    private array $classes = [];
    /** @var array<string, true> every method name the add-on declares */
    private array $ownMethodNames = [];

    private string $file = '';
    private ?string $class = null;

    public function __construct(private string $srcDir, private string $namespace, private Standin $standin, private ?RealApi $real = null)
    {
        $parser = (new \PhpParser\ParserFactory())->create(\PhpParser\ParserFactory::PREFER_PHP7);
        foreach ($this->files() as $file) {
            $traverser = new \PhpParser\NodeTraverser();
            $traverser->addVisitor(new \PhpParser\NodeVisitor\NameResolver());
            $ast = $traverser->traverse($parser->parse(file_get_contents($file)));
            foreach ((new \PhpParser\NodeFinder())->findInstanceOf($ast, Stmt\ClassLike::class) as $node) {
                if ($node->namespacedName !== null) {
                    $this->classes[$node->namespacedName->toString()] = ['node' => $node, 'file' => $file];
                    foreach ($node->getMethods() as $method) {
                        $this->ownMethodNames[strtolower($method->name->toString())] = true;
                    }
                }
            }
        }
        ksort($this->classes);
        foreach ($this->classes as $name => $info) {
            $this->collectClass($name, $info['node'], $info['file']);
        }
    }

    /** @return list<string> */
    private function files(): array
    {
        $out = [];
        $files = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($this->srcDir, \FilesystemIterator::SKIP_DOTS));
        foreach ($files as $file) {
            if (str_ends_with($file->getFilename(), '.php')) {
                $out[] = $file->getPathname();
            }
        }
        sort($out);

        return $out;
    }

    private function isOwn(string $class): bool
    {
        return str_starts_with(ltrim($class, '\\'), $this->namespace . '\\');
    }

    /** The add-on class's parent, or null. */
    private function parentOf(string $class): ?string
    {
        $node = $this->classes[$class]['node'] ?? null;

        return $node instanceof Stmt\Class_ && $node->extends !== null ? $node->extends->toString() : null;
    }

    /** The first X-Cart class up the add-on class's extends chain, or null. */
    private function xcartAncestor(string $class): ?string
    {
        for ($c = $this->parentOf($class), $guard = 0; $c !== null && $guard < 20; $guard++) {
            if (!$this->isOwn($c)) {
                return Standin::isXCart($c) ? $c : null;
            }
            $c = $this->parentOf($c);
        }

        return null;
    }

    /** The add-on's own declaration of a method in the class or its add-on parents. */
    private function ownMethod(string $class, string $method): ?Stmt\ClassMethod
    {
        for ($c = $class, $guard = 0; $c !== null && $this->isOwn($c) && $guard < 20; $guard++) {
            $found = isset($this->classes[$c]) ? $this->classes[$c]['node']->getMethod($method) : null;
            if ($found !== null) {
                return $found;
            }
            $c = $this->parentOf($c);
        }

        return null;
    }

    private function add(string $kind, ?string $class, ?string $member, Node $node, array $extra = []): void
    {
        $this->uses[] = $extra + ['kind' => $kind, 'class' => $class === null ? null : ltrim($class, '\\'), 'member' => $member,
            'file' => $this->file, 'line' => $node->getStartLine(), 'guarded' => false, 'args' => null,
            'caller' => $this->class, 'callerBase' => $this->class === null ? null : $this->xcartAncestor($this->class),
            'receiver' => 'object', 'mixin' => false];
    }

    private function collectClass(string $name, Stmt\ClassLike $node, string $file): void
    {
        $this->file = $file;
        $this->class = $name;
        $parent = $node instanceof Stmt\Class_ ? $node->extends : null;
        if ($parent !== null && Standin::isXCart($parent->toString())) {
            $this->add('extends', $parent->toString(), null, $node);
        }
        $ancestor = $this->xcartAncestor($name);
        $mixin = str_contains((string) $node->getDocComment(), '@Extender\Mixin');
        foreach ($node->getMethods() as $method) {
            $name = $method->name->toString();
            if ($ancestor !== null && ($this->standin->declares($ancestor, $name) || $this->real?->method($ancestor, $name) !== null)) {
                $this->add('override', $ancestor, $name, $method, ['node' => $method, 'mixin' => $mixin]);
            }
            $types = $this->paramTypes($method);
            $this->walk($method->stmts ?? [], $types, $this->guardsIn($method));
        }
    }

    /** Parameter types: native, or the docblock's "@param object $order \XLite\Model\Order" / "@param \X $x". */
    private function paramTypes(Node\FunctionLike $fn): array
    {
        $types = [];
        $doc = (string) $fn->getDocComment();
        preg_match_all('/@param\s+(\S+)\s+\$(\w+)(?:\s+(\\\\[A-Z][\w\\\\]*))?/', $doc, $found, PREG_SET_ORDER);
        foreach ($found as $f) {
            $types[$f[2]] = ($f[3] ?? '') !== '' ? $f[3] : self::docClass($f[1]);
        }
        foreach ($fn->getParams() as $param) {
            $type = $param->type instanceof Node\NullableType ? $param->type->type : $param->type;
            if ($type instanceof Node\Name && $param->var instanceof Expr\Variable && is_string($param->var->name)) {
                $types[$param->var->name] = $type->toString();
            }
        }

        return array_map(fn ($t) => $t === null ? null : ltrim($t, '\\'), $types);
    }

    /** "\XLite\Model\Product|null" => XLite\Model\Product; only fully qualified names are trusted. */
    private static function docClass(string $type): ?string
    {
        foreach (explode('|', $type) as $part) {
            if (str_starts_with($part, '\\')) {
                return ltrim($part, '\\');
            }
        }

        return null;
    }

    /** Method names a function checks before calling: method_exists($x, 'm') / optional($x, 'm') => ["x" => ["m" => true]]. */
    private function guardsIn(Node $fn): array
    {
        $guards = [];
        foreach ((new \PhpParser\NodeFinder())->find($fn, fn ($n) => $this->guardCall($n) !== null) as $call) {
            [$var, $method] = $this->guardCall($call);
            $guards[$var][strtolower($method)] = true;
        }

        return $guards;
    }

    /** [receiver variable name, method] of method_exists($x, 'm') or EventBuilder::optional($x, 'm'), else null. */
    private function guardCall(Node $n): ?array
    {
        $name = $n instanceof Expr\FuncCall && $n->name instanceof Node\Name ? $n->name->getLast()
            : ($n instanceof Expr\StaticCall && $n->name instanceof Node\Identifier ? $n->name->toString() : null);
        if ($name === null || !isset(self::NAMED_METHOD_GUARDS[$name])) {
            return null;
        }
        [$objectArg, $methodArg] = self::NAMED_METHOD_GUARDS[$name];
        $object = $n->args[$objectArg]->value ?? null;
        $method = $n->args[$methodArg]->value ?? null;
        if (!$method instanceof Node\Scalar\String_) {
            return null;
        }
        $var = $object instanceof Expr\Variable && is_string($object->name) ? $object->name
            : ($object instanceof Node\Scalar\String_ ? '@' . $object->value : null);

        return $var === null ? null : [$var, $method->value];
    }

    /** Walks statements in order, keeping the variables' types. */
    private function walk(array $nodes, array &$types, array $guards): void
    {
        foreach ($nodes as $node) {
            $this->visit($node, $types, $guards);
        }
    }

    private function visit(Node $node, array &$types, array $guards): void
    {
        if ($node instanceof Expr\Closure || $node instanceof Expr\ArrowFunction) {
            $inner = $this->paramTypes($node) + $types;
            $this->walk($node instanceof Expr\Closure ? $node->stmts : [$node->expr], $inner, $guards + $this->guardsIn($node));

            return;
        }
        if ($node instanceof Stmt\Catch_ && $node->var !== null && is_string($node->var->name)) {
            $types[$node->var->name] = $node->types[0]->toString();
        }
        foreach ($node->getSubNodeNames() as $sub) {
            $child = $node->$sub;
            foreach (is_array($child) ? $child : [$child] as $c) {
                if ($c instanceof Node) {
                    $this->visit($c, $types, $guards);
                }
            }
        }
        $this->record($node, $types, $guards);
        if ($node instanceof Expr\Assign && $node->var instanceof Expr\Variable && is_string($node->var->name)) {
            $types[$node->var->name] = $this->typeOf($node->expr, $types);
        }
    }

    private function record(Node $node, array $types, array $guards): void
    {
        if (($g = $this->guardCall($node)) !== null) {
            $this->recordGuard($g[0], $g[1], $node, $types);
        } elseif ($node instanceof Expr\MethodCall && $node->name instanceof Node\Identifier) {
            $this->recordMethodCall($node, $types, $guards);
        } elseif ($node instanceof Expr\StaticCall && $node->class instanceof Node\Name && $node->name instanceof Node\Identifier) {
            $this->recordStatic('call', $node->class, $node->name->toString(), $node, count($node->args));
        } elseif ($node instanceof Expr\ClassConstFetch && $node->class instanceof Node\Name && $node->name instanceof Node\Identifier) {
            $const = $node->name->toString();
            $this->recordStatic($const === 'class' ? 'class' : 'const', $node->class, $const === 'class' ? null : $const, $node);
        } elseif (($node instanceof Expr\New_ || $node instanceof Expr\Instanceof_) && $node->class instanceof Node\Name) {
            $this->recordClass($node->class->toString(), $node);
        }
    }

    private function recordClass(string $class, Node $node): void
    {
        if (Standin::isXCart($class)) {
            $this->add('class', $class, null, $node);
        }
    }

    /** X::m(), parent::m(), static::m(), X::CONST: parent/self/static mean the add-on class's X-Cart ancestor when the add-on does not declare it. */
    private function recordStatic(string $kind, Node\Name $name, ?string $member, Node $node, ?int $args = null): void
    {
        $class = $name->toString();
        $relative = in_array(strtolower($class), ['parent', 'self', 'static'], true);
        if ($relative) {
            if ($kind === 'call' && strtolower($class) !== 'parent' && $this->ownMethod($this->class, $member) !== null) {
                return;
            }
            if ($kind === 'const' && $this->ownConstant($member)) {
                return;
            }
            $class = $this->xcartAncestor($this->class);
            if ($class === null) {
                return;
            }
        }
        if ($kind === 'class' || Standin::isXCart($class)) {
            if (!$relative) {
                $this->recordClass($class, $node);
            }
            if ($kind !== 'class') {
                $this->add($kind, $class, $member, $node, ['args' => $args, 'receiver' => $relative ? 'relative' : 'named']);
            }
        }
    }

    private function ownConstant(string $const): bool
    {
        for ($c = $this->class, $guard = 0; $c !== null && $this->isOwn($c) && $guard < 20; $guard++) {
            foreach ($this->classes[$c]['node']->getConstants() ?? [] as $group) {
                foreach ($group->consts as $k) {
                    if ($k->name->toString() === $const) {
                        return true;
                    }
                }
            }
            $c = $this->parentOf($c);
        }

        return false;
    }

    private function recordMethodCall(Expr\MethodCall $node, array $types, array $guards): void
    {
        $method = $node->name->toString();
        $var = $node->var instanceof Expr\Variable && is_string($node->var->name) ? $node->var->name : null;
        $guarded = $var !== null && isset($guards[$var][strtolower($method)]);
        if ($var === 'this') {
            if ($this->ownMethod($this->class, $method) === null && ($a = $this->xcartAncestor($this->class)) !== null) {
                $this->add('call', $a, $method, $node, ['args' => count($node->args), 'guarded' => $guarded, 'receiver' => 'this']);
            }

            return;
        }
        $type = $this->typeOf($node->var, $types);
        if ($type !== null) {
            if (Standin::isXCart($type) || isset(self::EXTERNAL[$type])) {
                $this->add('call', $type, $method, $node, ['args' => count($node->args), 'guarded' => $guarded]);
            }

            return;
        }
        if (!isset($this->ownMethodNames[strtolower($method)])) {
            $this->add('call', null, $method, $node, ['args' => count($node->args), 'guarded' => $guarded]);
        }
    }

    /** method_exists($x, 'm') / optional($x, 'm') name a method of $x: a guarded use. */
    private function recordGuard(string $var, string $method, Node $node, array $types): void
    {
        if (str_starts_with($var, '@')) {
            $type = ltrim(substr($var, 1), '\\');
        } elseif ($var === 'this') {
            if ($this->ownMethod($this->class, $method) !== null) {
                return;
            }
            $type = $this->xcartAncestor($this->class);
        } else {
            $type = $types[$var] ?? null;
        }
        if ($type !== null && !Standin::isXCart($type)) {
            return;
        }
        if ($type === null && isset($this->ownMethodNames[strtolower($method)])) {
            return;
        }
        $this->add('call', $type, $method, $node, ['guarded' => true, 'receiver' => $var === 'this' ? 'this' : 'object']);
    }

    /** The class an expression evaluates to, when known. */
    private function typeOf(Expr $e, array $types): ?string
    {
        if ($e instanceof Expr\Variable && is_string($e->name)) {
            return $e->name === 'this' ? $this->class : ($types[$e->name] ?? null);
        }
        if ($e instanceof Expr\Ternary) {
            return self::isNull($e->if) ? $this->typeOf($e->else, $types) : (self::isNull($e->else) && $e->if ? $this->typeOf($e->if, $types) : null);
        }
        if ($e instanceof Expr\New_ && $e->class instanceof Node\Name) {
            return $e->class->toString();
        }
        if ($e instanceof Expr\PropertyFetch && $e->var instanceof Expr\Variable && $e->var->name === 'this' && $e->name instanceof Node\Identifier) {
            return $this->propertyType($e->name->toString());
        }
        if ($e instanceof Expr\StaticCall && $e->class instanceof Node\Name && $e->name instanceof Node\Identifier) {
            return $this->returnOf($e->class->toString(), $e->name->toString(), $e->args);
        }
        if ($e instanceof Expr\MethodCall && $e->name instanceof Node\Identifier) {
            $receiver = $this->typeOf($e->var, $types);

            return $receiver === null ? null : $this->returnOf($receiver, $e->name->toString(), $e->args);
        }

        return null;
    }

    private static function isNull(?Expr $e): bool
    {
        return $e instanceof Expr\ConstFetch && strtolower($e->name->toString()) === 'null';
    }

    private function propertyType(string $property): ?string
    {
        for ($c = $this->class, $guard = 0; $c !== null && $this->isOwn($c) && $guard < 20; $guard++) {
            foreach ($this->classes[$c]['node']->getProperties() as $group) {
                foreach ($group->props as $p) {
                    if ($p->name->toString() === $property) {
                        return $group->type instanceof Node\Name ? $group->type->toString()
                            : (preg_match('/@var\s+(\S+)/', (string) $group->getDocComment(), $m) ? self::docClass($m[1]) : null);
                    }
                }
            }
            $c = $this->parentOf($c);
        }

        return null;
    }

    private function returnOf(string $class, string $method, array $args): ?string
    {
        $class = ltrim($class, '\\');
        if ($this->isOwn($class)) {
            $own = $this->ownMethod($class, $method);
            if ($own !== null) {
                return $own->returnType instanceof Node\Name ? $own->returnType->toString()
                    : (preg_match('/@return\s+(\S+)/', (string) $own->getDocComment(), $m) ? self::docClass($m[1]) : null);
            }
            $class = $this->xcartAncestor($class) ?? $class;
        }
        if ($class === 'XLite\Core\Database' && $method === 'getRepo') {
            return $this->repoOf($args[0]->value ?? null);
        }

        return self::RETURNS["$class::$method"] ?? $this->standin->returnClass($class, $method);
    }

    /** Database::getRepo(X::class) / getRepo('X'): X's repository (Model\X => Model\Repo\X), else ARepo. */
    private function repoOf(?Expr $arg): string
    {
        $entity = $arg instanceof Expr\ClassConstFetch && $arg->class instanceof Node\Name ? $arg->class->toString()
            : ($arg instanceof Node\Scalar\String_ ? ltrim($arg->value, '\\') : '');
        $pos = strrpos($entity, '\\Model\\');
        $repo = $pos === false ? '' : substr($entity, 0, $pos) . '\\Model\\Repo\\' . substr($entity, $pos + 7);

        return $repo !== '' && $this->standin->exists($repo) ? $repo : 'XLite\Model\Repo\ARepo';
    }
}
