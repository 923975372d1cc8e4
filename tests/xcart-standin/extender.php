<?php
/*
 * The stand-in's class loader and Extender mixin compiler (reference §1.8).
 *
 * X-Cart compiles every class that has mixins into var/run/classes so that the
 * class name the core (and everybody else) uses is the most derived class of
 * the chain core -> mixin 1 -> ... -> mixin n.  This loader does the same, at
 * autoload time, in the same process:
 *
 *   1. the core class's source is copied with its class declared under a
 *      renamed name (<Name>__Core);
 *   2. each enabled mixin's source is copied unchanged except for its
 *      `extends` clause, which is pointed at the previous link of the chain;
 *      mixins keep their own names, so `instanceof Mixin` still works;
 *   3. the real name is declared last as `class <Name> extends <last mixin> {}`
 *      (abstract when the core class is abstract).
 *
 * The copies are written to a cache directory and required, so file and line
 * numbers in errors point into readable files; __FILE__/__DIR__ are replaced
 * by the original paths.  See README.md for the limits.
 */

declare(strict_types=1);

namespace XCartStandin;

final class Extender
{
    /** @var array<string, array{id:string, prefix:string, dir:string, enabled:bool}> module id "A\B" => info */
    private static array $modules = [];
    /** @var list<array{0:string, 1:string}> [namespace prefix, dir] for core classes */
    private static array $coreRoots = [];
    /** @var array<string, list<array>>|null target FQCN => mixins (scanned lazily) */
    private static ?array $mixins = null;
    /** @var array<string, string> mixin FQCN => target FQCN (also skipped ones, with '' target) */
    private static array $mixinTargets = [];
    private static ?string $cacheDir = null;
    private static bool $registered = false;

    /** Registers the autoloader (idempotent). */
    public static function register(): void
    {
        if (!self::$registered) {
            spl_autoload_register([self::class, 'load'], true, true);
            self::$registered = true;
        }
    }

    /** A PSR-4 root for core (non-module) classes: XLite\ => classes/XLite, XCart\ => src/ ... */
    public static function addCoreRoot(string $prefix, string $dir): void
    {
        self::$coreRoots[] = [trim($prefix, '\\') . '\\', rtrim($dir, '/')];
    }

    /**
     * Adds a module: $id is "Author\Name" (or "Author-Name"), $srcDir its src/
     * directory, whose namespace is Author\Name (reference §1.1).  Modules added
     * earlier come first in mixin chains, like X-Cart's dependency order.
     * Must be called before a class the module extends is loaded.
     */
    public static function addModule(string $id, string $srcDir, bool $enabled = true): void
    {
        $id = str_replace('-', '\\', trim($id, '\\'));
        self::$modules[$id] = ['id' => $id, 'prefix' => $id . '\\', 'dir' => rtrim($srcDir, '/'), 'enabled' => $enabled];
        self::$mixins = null;
    }

    public static function setModuleEnabled(string $id, bool $enabled): void
    {
        $id = str_replace('-', '\\', trim($id, '\\'));
        if (isset(self::$modules[$id])) {
            self::$modules[$id]['enabled'] = $enabled;
        } else {
            // a module that exists only as a name, for @Extender\Depend
            self::$modules[$id] = ['id' => $id, 'prefix' => $id . '\\', 'dir' => '', 'enabled' => $enabled];
        }
        self::$mixins = null;
    }

    public static function isModuleEnabled(string $id): bool
    {
        $id = str_replace('-', '\\', trim($id, '\\'));
        return (self::$modules[$id]['enabled'] ?? false) === true;
    }

    /** @return list<string> the mixin classes composed into $class, in chain order */
    public static function getMixins(string $class): array
    {
        self::scan();
        return array_map(static fn ($m) => $m['class'], self::orderedMixins(ltrim($class, '\\')));
    }

    /** @return list<array{0:string, 1:string}> [namespace prefix, dir] of the core roots and enabled modules */
    public static function classRoots(): array
    {
        $roots = self::$coreRoots;
        foreach (self::$modules as $m) {
            if ($m['dir'] !== '' && $m['enabled']) {
                $roots[] = [$m['prefix'], $m['dir']];
            }
        }

        return $roots;
    }

    public static function setCacheDir(string $dir): void
    {
        self::$cacheDir = rtrim($dir, '/');
    }

    /** The autoloader. */
    public static function load(string $class): void
    {
        $class = ltrim($class, '\\');
        self::scan();
        if (isset(self::$mixinTargets[$class])) {
            // asking for a mixin by its own name loads its target's whole chain;
            // a mixin whose @Extender\Depend is not met is never defined, as in X-Cart
            $target = self::$mixinTargets[$class];
            if ($target !== '' && !class_exists($target, false)) {
                self::load($target);
            }
            return;
        }
        $file = self::findFile($class);
        if ($file === null) {
            return;
        }
        $mixins = self::orderedMixins($class);
        if ($mixins === []) {
            require $file;
            return;
        }
        self::compose($class, $file, $mixins);
    }

    private static function findFile(string $class): ?string
    {
        $roots = self::$coreRoots;
        foreach (self::$modules as $m) {
            if ($m['dir'] !== '') {
                $roots[] = [$m['prefix'], $m['dir']];
            }
        }
        foreach ($roots as [$prefix, $dir]) {
            if (str_starts_with($class, $prefix)) {
                $file = $dir . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
                if (is_file($file)) {
                    return $file;
                }
            }
        }
        return null;
    }

    private static function compose(string $class, string $file, array $mixins): void
    {
        $pos = strrpos($class, '\\');
        $ns = $pos === false ? '' : substr($class, 0, $pos);
        $short = $pos === false ? $class : substr($class, $pos + 1);
        $coreName = $short . '__Core';
        $info = self::parse($file);
        $mapped = self::isMapped($info['doc']);
        self::requireSource(self::rewrite($file, $coreName, null, $mapped ? [self::class, 'asMappedSuperclass'] : null), $class . '__Core');
        $previous = ($ns === '' ? '' : $ns . '\\') . $coreName;
        foreach ($mixins as $mixin) {
            self::requireSource(self::rewrite($mixin['file'], null, $previous, $mapped ? [self::class, 'asMappedSuperclass'] : null), $mixin['class']);
            $previous = $mixin['class'];
        }
        // the composed class carries the core class's docblock (its Doctrine mapping) and imports
        $code = "<?php\n" . ($ns === '' ? '' : "namespace $ns;\n") . implode('', $info['useStatements'])
            . "/* compiled by the X-Cart stand-in from " . $file . " and its mixins */\n"
            . ($mapped ? $info['doc'] . "\n" : '')
            . ($info['abstract'] ? 'abstract ' : '') . "class $short extends \\$previous\n{\n}\n";
        self::requireSource($code, $class);
    }

    /** Whether a class docblock maps the class for Doctrine (entity or mapped superclass). */
    private static function isMapped(string $doc): bool
    {
        return (bool) preg_match('/@(ORM\\\\|Doctrine\\\\ORM\\\\Mapping\\\\)(Entity|MappedSuperclass)\b/', $doc);
    }

    /**
     * [inferred] How a chain of an entity and its mixins maps: the links below the composed
     * class are mapped superclasses (their columns and lifecycle callbacks are inherited), the
     * composed class is the entity, with the core class's table, inheritance and discriminator.
     */
    public static function asMappedSuperclass(string $doc): string
    {
        foreach (['Entity', 'MappedSuperclass', 'Table', 'InheritanceType', 'DiscriminatorColumn', 'DiscriminatorMap'] as $name) {
            $doc = self::stripAnnotation($doc, $name);
        }
        $doc = $doc === '' ? "/**\n */" : $doc;

        return substr($doc, 0, -2) . "* @\\Doctrine\\ORM\\Mapping\\MappedSuperclass\n */";
    }

    /** Removes @ORM\<name> and its (nested) argument list from a docblock. */
    private static function stripAnnotation(string $doc, string $name): string
    {
        while (preg_match('/@ORM\\\\' . $name . '\b\s*/', $doc, $m, PREG_OFFSET_CAPTURE)) {
            $start = $m[0][1];
            $end = $start + strlen($m[0][0]);
            if (($doc[$end] ?? '') === '(') {
                for ($depth = 0; $end < strlen($doc); $end++) {
                    $depth += $doc[$end] === '(' ? 1 : ($doc[$end] === ')' ? -1 : 0);
                    if ($depth === 0) {
                        $end++;
                        break;
                    }
                }
            }
            $doc = substr($doc, 0, $start) . substr($doc, $end);
        }

        return $doc;
    }

    private static function requireSource(string $code, string $class): void
    {
        $dir = self::$cacheDir ?? (sys_get_temp_dir() . '/xcart-standin-classes-' . getmypid());
        if (!is_dir($dir)) {
            mkdir($dir, 0700, true);
            if (self::$cacheDir === null) {
                // the default cache belongs to this process: removed at exit
                register_shutdown_function(static function () use ($dir) {
                    array_map('unlink', glob($dir . '/*') ?: []);
                    @rmdir($dir);
                });
            }
        }
        $path = $dir . '/' . str_replace('\\', '_', $class) . '-' . substr(sha1($code), 0, 12) . '.php';
        if (!is_file($path)) {
            file_put_contents($path . '.tmp', $code);
            rename($path . '.tmp', $path);
        }
        require $path;
    }

    /**
     * Copies a class file, renaming the declared class ($newName) or pointing
     * its extends clause at $newParent (a fully qualified name).
     */
    private static function rewrite(string $file, ?string $newName, ?string $newParent, ?callable $docFilter = null): string
    {
        $tokens = \PhpToken::tokenize((string)file_get_contents($file));
        $out = '';
        $classDoc = $docFilter === null ? null : self::classDocIndex($tokens);
        if ($classDoc === -1) {
            $out = ''; // no docblock: one is added before the class keyword below
        }
        $state = 0; // 1 after `class`, 2 after `extends`
        $done = false;
        foreach ($tokens as $i => $t) {
            if ($t->is(T_DIR)) {
                $out .= var_export(dirname($file), true);
                continue;
            }
            if ($t->is(T_FILE)) {
                $out .= var_export($file, true);
                continue;
            }
            if ($classDoc !== null && $i === $classDoc) {
                $out .= $docFilter($t->text);
                continue;
            }
            if ($classDoc === -1 && !$done && $state === 0 && $t->is([T_ABSTRACT, T_FINAL, T_CLASS]) && !self::prevIs($tokens, $i, [T_DOUBLE_COLON, T_NEW, T_ABSTRACT, T_FINAL])) {
                $out .= $docFilter('') . "\n";
                $classDoc = null;
            }
            if (!$done && $t->is(T_CLASS) && !self::prevIs($tokens, $i, [T_DOUBLE_COLON, T_NEW])) {
                $state = 1;
            } elseif ($state === 1 && $t->is(T_STRING)) {
                if ($newName !== null) {
                    $out .= $newName;
                    $done = true;
                    $state = 0;
                    continue;
                }
                $state = 2;
            } elseif ($state === 2 && $t->is([T_STRING, T_NAME_QUALIFIED, T_NAME_FULLY_QUALIFIED, T_NAME_RELATIVE])) {
                $out .= '\\' . $newParent;
                $done = true;
                $state = 0;
                continue;
            } elseif ($state === 2 && $t->text === '{') {
                throw new \LogicException("$file: a mixin must extend its target class");
            }
            $out .= $t->text;
        }
        return $out;
    }

    /** The index of the class's docblock token, -1 when the class has none. */
    private static function classDocIndex(array $tokens): int
    {
        foreach ($tokens as $i => $t) {
            if ($t->is(T_CLASS) && !self::prevIs($tokens, $i, [T_DOUBLE_COLON, T_NEW])) {
                for ($j = $i - 1; $j >= 0; $j--) {
                    if ($tokens[$j]->is(T_DOC_COMMENT)) {
                        return $j;
                    }
                    if (!$tokens[$j]->isIgnorable() && !$tokens[$j]->is([T_ABSTRACT, T_FINAL])) {
                        return -1;
                    }
                }

                return -1;
            }
        }

        return -1;
    }

    private static function prevIs(array $tokens, int $i, array $kinds): bool
    {
        for ($j = $i - 1; $j >= 0; $j--) {
            if (!$tokens[$j]->isIgnorable()) {
                return $tokens[$j]->is($kinds);
            }
        }
        return false;
    }

    /**
     * Reads the first class declared in a file: namespace, name, abstract,
     * resolved parent, and its docblock's Extender annotations.
     */
    public static function parse(string $file): array
    {
        $tokens = \PhpToken::tokenize((string)file_get_contents($file));
        $ns = '';
        $uses = [];
        $doc = '';
        $useStatements = [];
        $abstract = false;
        $name = null;
        $parent = null;
        $n = count($tokens);
        for ($i = 0; $i < $n; $i++) {
            $t = $tokens[$i];
            if ($t->is(T_NAMESPACE)) {
                $ns = '';
                for ($i++; $i < $n && $tokens[$i]->text !== ';' && $tokens[$i]->text !== '{'; $i++) {
                    if ($tokens[$i]->is([T_STRING, T_NAME_QUALIFIED])) {
                        $ns = $tokens[$i]->text;
                    }
                }
            } elseif ($t->is(T_USE) && $name === null) {
                $stmt = '';
                for ($i++; $i < $n && $tokens[$i]->text !== ';'; $i++) {
                    $stmt .= $tokens[$i]->text;
                }
                $useStatements[] = 'use ' . trim($stmt) . ";\n";
                foreach (explode(',', $stmt) as $part) {
                    if (preg_match('/^\s*\\\\?([\w\\\\]+)(?:\s+as\s+(\w+))?\s*$/i', $part, $m)) {
                        $alias = $m[2] ?? '';
                        if ($alias === '') {
                            $alias = substr(strrchr('\\' . $m[1], '\\'), 1);
                        }
                        $uses[strtolower($alias)] = $m[1];
                    }
                }
            } elseif ($t->is(T_DOC_COMMENT)) {
                $doc = $t->text;
            } elseif ($t->is(T_ABSTRACT)) {
                $abstract = true;
            } elseif ($t->is([T_CLASS, T_INTERFACE, T_TRAIT, T_ENUM]) && !self::prevIs($tokens, $i, [T_DOUBLE_COLON, T_NEW])) {
                $kind = $t->id;
                for ($i++; $i < $n && !$tokens[$i]->is(T_STRING); $i++) {
                }
                $name = $tokens[$i]->text;
                for ($i++; $i < $n && $tokens[$i]->text !== '{'; $i++) {
                    if ($kind === T_CLASS && $tokens[$i]->is(T_EXTENDS)) {
                        for ($i++; $i < $n && $tokens[$i]->isIgnorable(); $i++) {
                        }
                        $parent = self::resolve($tokens[$i]->text, $ns, $uses);
                    }
                }
                break;
            }
        }
        $annotations = self::annotations($doc, $uses);
        return [
            'namespace' => $ns,
            'class' => $name === null ? null : ltrim($ns . '\\' . $name, '\\'),
            'abstract' => $abstract,
            'parent' => $parent,
            'doc' => $doc,
            'useStatements' => $useStatements,
        ] + $annotations;
    }

    private static function resolve(string $name, string $ns, array $uses): string
    {
        if ($name[0] === '\\') {
            return substr($name, 1);
        }
        if (str_starts_with(strtolower($name), 'namespace\\')) {
            return ltrim($ns . '\\' . substr($name, 10), '\\');
        }
        $first = strtolower(explode('\\', $name)[0]);
        if (isset($uses[$first])) {
            $rest = substr($name, strlen($first));
            return $uses[$first] . $rest;
        }
        return ltrim($ns . '\\' . $name, '\\');
    }

    /** @Extender\Mixin, @Extender\Depend/After/Before/Rely ("A\B") or ({"A\B","C\D"}) */
    private static function annotations(string $doc, array $uses): array
    {
        $alias = 'Extender';
        foreach ($uses as $a => $full) {
            if (strcasecmp($full, 'XCart\Extender\Mapping\Extender') === 0) {
                $alias = $a;
            }
        }
        $q = preg_quote($alias, '/');
        $result = ['mixin' => (bool)preg_match('/@(?:\\\\?XCart\\\\Extender\\\\Mapping\\\\)?' . $q . '\\\\Mixin\b/i', $doc)];
        foreach (['depend', 'after', 'before', 'rely'] as $kind) {
            $result[$kind] = [];
            if (preg_match_all('/@' . $q . '\\\\' . $kind . '\s*\(([^)]*)\)/i', $doc, $all)) {
                foreach ($all[1] as $args) {
                    preg_match_all('/"([^"]+)"/', $args, $names);
                    foreach ($names[1] as $module) {
                        $result[$kind][] = str_replace(['\\\\', '-'], '\\', $module);
                    }
                }
            }
        }
        return $result;
    }

    private static function scan(): void
    {
        if (self::$mixins !== null) {
            return;
        }
        self::$mixins = [];
        self::$mixinTargets = [];
        $order = 0;
        foreach (self::$modules as $module) {
            if ($module['dir'] === '' || !is_dir($module['dir'])) {
                continue;
            }
            $it = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($module['dir'], \FilesystemIterator::SKIP_DOTS));
            $files = [];
            foreach ($it as $f) {
                if ($f->isFile() && str_ends_with($f->getFilename(), '.php')) {
                    $files[] = $f->getPathname();
                }
            }
            sort($files);
            foreach ($files as $file) {
                $src = (string)file_get_contents($file);
                if (stripos($src, 'Mixin') === false) {
                    continue;
                }
                $info = self::parse($file);
                if (!$info['mixin'] || $info['class'] === null || $info['parent'] === null) {
                    continue;
                }
                $active = $module['enabled'];
                // Rely is treated like Depend (reference §1.8: "so use Depend") [inferred]
                foreach (array_merge($info['depend'], $info['rely']) as $dep) {
                    $active = $active && self::isModuleEnabled($dep);
                }
                self::$mixinTargets[$info['class']] = $active ? $info['parent'] : '';
                if ($active) {
                    self::$mixins[$info['parent']][] = $info + ['file' => $file, 'module' => $module['id'], 'order' => $order++];
                }
            }
        }
    }

    /** Mixins of one target ordered by module order, then @Extender\After/Before. */
    private static function orderedMixins(string $target): array
    {
        $list = self::$mixins[$target] ?? [];
        if (count($list) < 2) {
            return $list;
        }
        // edges a -> b: a must come before b (closer to the core)
        $before = array_fill(0, count($list), []);
        foreach ($list as $i => $a) {
            foreach ($list as $j => $b) {
                if ($i === $j) {
                    continue;
                }
                if (in_array($b['module'], $a['after'], true) || in_array($a['module'], $b['before'], true)) {
                    $before[$i][] = $j; // b first
                }
            }
        }
        $result = [];
        $done = [];
        $visit = function (int $i, array $stack) use (&$visit, &$result, &$done, $before, $list, $target) {
            if (isset($done[$i])) {
                return;
            }
            if (isset($stack[$i])) {
                throw new \LogicException("cyclic @Extender\\After/Before among the mixins of $target");
            }
            $stack[$i] = true;
            foreach ($before[$i] as $j) {
                $visit($j, $stack);
            }
            $done[$i] = true;
            $result[] = $list[$i];
        };
        foreach (array_keys($list) as $i) {
            $visit($i, []);
        }
        return $result;
    }

    /** Forgets everything (for tests that run in a separate process). */
    public static function reset(): void
    {
        self::$modules = [];
        self::$mixins = null;
        self::$mixinTargets = [];
    }
}
