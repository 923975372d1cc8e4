<?php
/*
 * The pure X-Cart stand-in (tests/xcart-standin without the add-on's mixins), seen through reflection.
 */

declare(strict_types=1);

namespace XCartLint;

final class Standin
{
    /** Where the stand-in's X-Cart classes live: directory => namespace. */
    private const ROOTS = [
        'classes/XLite' => 'XLite',
        'src' => 'XCart',
        'modules/XC/ProductVariants/src' => 'XC\ProductVariants',
    ];

    /** @var list<string> every X-Cart class, interface and trait of the stand-in */
    public array $classes = [];

    public function __construct(public string $dir)
    {
        require_once $dir . '/bootstrap.php';
        foreach (self::ROOTS as $sub => $namespace) {
            if (!is_dir("$dir/$sub")) {
                continue;
            }
            $files = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator("$dir/$sub", \FilesystemIterator::SKIP_DOTS));
            foreach ($files as $file) {
                if (str_ends_with($file->getFilename(), '.php')) {
                    $relative = substr($file->getPathname(), strlen("$dir/$sub/"), -4);
                    $this->classes[] = $namespace . '\\' . str_replace('/', '\\', $relative);
                }
            }
        }
        sort($this->classes);
    }

    public static function isXCart(string $class): bool
    {
        return (bool) preg_match('/^(XLite|XC|XCart)\\\\/', ltrim($class, '\\'));
    }

    /** The class's name when the stand-in defines it, else null. */
    public function known(string $class): ?string
    {
        $class = ltrim($class, '\\');

        return self::isXCart($class) && $this->exists($class) ? $class : null;
    }

    public function exists(string $class): bool
    {
        return class_exists($class) || interface_exists($class) || trait_exists($class);
    }

    /** Declared (here or inherited), or magic as the reference describes (Reference::MAGIC). */
    public function has(string $class, string $method): bool
    {
        return $this->declares($class, $method) || $this->magic($class, $method);
    }

    public function declares(string $class, string $method): bool
    {
        return $this->exists($class) && method_exists($class, $method);
    }

    public function magic(string $class, string $method): bool
    {
        if (!$this->exists($class)) {
            return false;
        }
        foreach (Reference::MAGIC as $magicClass => $pattern) {
            if (is_a($class, $magicClass, true) && preg_match($pattern, $method)) {
                return true;
            }
        }

        return false;
    }

    public function method(string $class, string $method): ?\ReflectionMethod
    {
        return $this->declares($class, $method) ? new \ReflectionMethod($class, $method) : null;
    }

    /** The class that declares the method; the composed chain's "X__Core" is reported as X. */
    public function declaringClass(string $class, string $method): string
    {
        $m = $this->method($class, $method);

        return $m === null ? $class : preg_replace('/__Core$/', '', $m->getDeclaringClass()->getName());
    }

    public function hasConstant(string $class, string $const): bool
    {
        return $this->exists($class) && (new \ReflectionClass($class))->hasConstant($const);
    }

    /** @return list<string> the class and its parents (and traits are not followed) */
    public function lineage(string $class): array
    {
        $out = [];
        for ($r = $this->exists($class) ? new \ReflectionClass($class) : null; $r; $r = $r->getParentClass()) {
            $out[] = preg_replace('/__Core$/', '', $r->getName());
        }

        return array_values(array_unique($out));
    }

    /** @return list<string> the stand-in classes that declare (or magically have) the method */
    public function classesWith(string $method): array
    {
        return array_values(array_filter($this->classes, fn ($c) => $this->has($c, $method)));
    }

    /** The class a stand-in method declares as its return type, else null. */
    public function returnClass(string $class, string $method): ?string
    {
        $type = $this->method($class, $method)?->getReturnType();
        if ($type instanceof \ReflectionNamedType && !$type->isBuiltin()) {
            return $type->getName();
        }

        return null;
    }
}
