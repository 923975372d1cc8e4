#!/usr/bin/env php
<?php
/*
 * Rebuilds tests/xcart-lint/xcart-5.5-api.json, the API of the real X-Cart 5.5 classes the lint compares
 * the add-on and the stand-in with, from a fetched snapshot of the X-Cart source (a bare git directory;
 * files are read with `git show`, nothing is checked out).
 *
 *   php scripts/extract-xcart-reference.php [GIT_DIR] [--out FILE] [--standin DIR] [--addon DIR]
 *
 * GIT_DIR defaults to /work/.mirror/iidevv+xc55/repo. The classes: every X-Cart class the stand-in declares
 * (tests/xcart-standin/{classes,src,modules}, not XCartStandin\), every X-Cart class the add-on (xcart/src)
 * names, the classes of EXTRA, the mixins that modules the stand-in or the add-on name add to any of them,
 * and all their ancestors, interfaces and traits found in the snapshot. Rerun it when the stand-in or the
 * add-on starts using another X-Cart class (the lint says so). Only facts are kept: signatures, constants'
 * values, Doctrine and Extender annotations, file paths and line numbers; no code.
 * Needs php-parser 4 (Debian php-parser) and git.
 */

declare(strict_types=1);

namespace XCartLint;

use PhpParser\Node;

$root = dirname(__DIR__);
require_once '/usr/share/php/PhpParser/autoload.php';
require_once "$root/tests/xcart-lint/ApiExtractor.php";

/** Classes we are about to model in the stand-in: kept even before the stand-in or the add-on names them. */
const EXTRA = [
    'XC\ProductVariants\Model\ProductVariant',
    'XCart\Doctrine\FixtureLoader',
    'XCart\Domain\HookManagerDomain',
    'XCart\Event\Task\CronEvent',
    'XLite\Controller\AController',
    'XLite\Controller\Admin\AAdmin',
    'XLite\Controller\Admin\Module',
    'XLite\Controller\Customer\Checkout',
    'XLite\Core\Database',
    'XLite\Core\Doctrine\ORM\EntityManager', // what Database::getEM() returns (config/services.yaml)
    'XLite\Core\Lock\FileLock', // ATask/Periodic lock with FileLock::getInstance()
    'XLite\Core\Task\ATask',
    'XLite\Core\Task\Base\Periodic',
    'XLite\Model\Address',
    'XLite\Model\AddressField',
    'XLite\Model\AddressFieldValue',
    'XLite\Model\Base\Address',
    'XLite\Model\Base\Surcharge',
    'XLite\Model\Cart',
    'XLite\Model\Config',
    'XLite\Model\Country',
    'XLite\Model\Currency',
    'XLite\Model\Order',
    'XLite\Model\Order\Status\Payment',
    'XLite\Model\Order\Status\Shipping',
    'XLite\Model\Order\Surcharge',
    'XLite\Model\OrderItem',
    'XLite\Model\OrderTrackingNumber',
    'XLite\Model\Payment\BackendTransaction',
    'XLite\Model\Payment\Base\Processor',
    'XLite\Model\Payment\Method',
    'XLite\Model\Payment\Transaction',
    'XLite\Model\Payment\TransactionData',
    'XLite\Model\Product',
    'XLite\Model\Profile',
    'XLite\Model\Repo\Config',
    'XLite\Model\State',
    'XLite\Model\Task',
    'XLite\View\AView',
    'XLite\View\Model\AModel',
    'XLite\View\Model\Settings',
];

/** Vendor packages whose versions the allow-list's reasons cite (from composer.lock). */
const PACKAGES = ['doctrine/collections', 'doctrine/orm', 'doctrine/persistence', 'psr/log', 'symfony/event-dispatcher'];

/** A name that looks like an X-Cart class: core (XLite\, XCart\, Includes\) or a module's (Author\Name\...). */
const XCART_NAME = '/^(XLite|XCart|XC|Includes)\\\\/';

final class Snapshot
{
    public string $commit;
    /** @var array<string, string> lower-case FQCN => file path, by X-Cart's autoload layout */
    private array $index = [];
    /** @var array<string, ?array> path => parsed class records (null: does not parse) */
    private array $parsed = [];

    public function __construct(public string $gitDir)
    {
        $this->commit = trim($this->git('rev-parse', 'HEAD'));
        foreach (explode("\n", trim($this->git('ls-tree', '-r', '--name-only', 'HEAD'))) as $path) {
            $class = self::classOfPath($path);
            if ($class !== null) {
                $this->index[strtolower($class)] = $path;
            }
        }
    }

    /** classes/XLite/Model/Order.php => XLite\Model\Order; src/ => XCart\; Includes/ => Includes\; modules/A/N/src/ => A\N\ */
    private static function classOfPath(string $path): ?string
    {
        $layouts = ['#^classes/(XLite(?:/.+)?)\.php$#' => '', '#^src/(.+)\.php$#' => 'XCart/', '#^Includes/(.+)\.php$#' => 'Includes/',
            '#^modules/(\w+)/(\w+)/src/(.+)\.php$#' => null];
        foreach ($layouts as $re => $prefix) {
            if (preg_match($re, $path, $m)) {
                $relative = $prefix === null ? "$m[1]/$m[2]/$m[3]" : $prefix . $m[1];

                return str_replace('/', '\\', $relative);
            }
        }

        return null;
    }

    public function git(string ...$args): string
    {
        $proc = proc_open(['git', '--git-dir=' . $this->gitDir, ...$args], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        if (proc_close($proc) !== 0) {
            throw new \RuntimeException('git ' . implode(' ', $args) . ": $err");
        }

        return $out;
    }

    public function show(string $path): string
    {
        return $this->git('show', "HEAD:$path");
    }

    public function pathOf(string $class): ?string
    {
        return $this->index[strtolower($class)] ?? null;
    }

    /** The record of a class of the snapshot, or null when the snapshot has no such class. */
    public function record(string $class): ?array
    {
        $path = $this->pathOf($class);
        if ($path === null) {
            return null;
        }
        if (!array_key_exists($path, $this->parsed)) {
            $stmts = ApiExtractor::parse($this->show($path));
            $this->parsed[$path] = $stmts === null ? null : ApiExtractor::classes($stmts, $path);
        }
        foreach ($this->parsed[$path] ?? [] as $name => $record) {
            if (strcasecmp($name, $class) === 0) {
                return ['name' => $name] + $record;
            }
        }

        return null;
    }

    /** The files of a module's src/ that declare an Extender mixin. */
    public function mixinFiles(string $module): array
    {
        $dir = 'modules/' . str_replace('\\', '/', $module) . '/src';
        try {
            $out = $this->git('grep', '-l', '-F', '@Extender\Mixin', 'HEAD', '--', $dir);
        } catch (\RuntimeException $e) {
            return []; // git grep exits 1 when nothing matches
        }

        return array_map(fn ($l) => substr($l, strlen('HEAD:')), array_filter(explode("\n", trim($out))));
    }

    public function classOfFile(string $path): ?string
    {
        return self::classOfPath($path);
    }

    public function xcVersion(): ?string
    {
        return preg_match("/XC_VERSION\s*=\s*'([^']+)'/", $this->show('classes/XLite.php'), $m) ? $m[1] : null;
    }

    /** @return array<string, string> package => version, for PACKAGES */
    public function packages(): array
    {
        $lock = json_decode($this->show('composer.lock'), true) ?? [];
        $out = [];
        foreach (array_merge($lock['packages'] ?? [], $lock['packages-dev'] ?? []) as $p) {
            if (in_array($p['name'], PACKAGES, true)) {
                $out[$p['name']] = $p['version'];
            }
        }
        ksort($out);

        return $out;
    }
}

/** @return list<string> the PHP files under a directory, sorted */
function phpFiles(string $dir): array
{
    if (!is_dir($dir)) {
        return [];
    }
    $out = [];
    foreach (new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($dir, \FilesystemIterator::SKIP_DOTS)) as $f) {
        if (str_ends_with($f->getFilename(), '.php')) {
            $out[] = $f->getPathname();
        }
    }
    sort($out);

    return $out;
}

/** @return list<string> the X-Cart classes the stand-in declares (classes/, src/, modules/; not XCartStandin\ helpers) */
function standinClasses(string $standin): array
{
    $out = [];
    foreach (['classes', 'src', 'modules'] as $sub) {
        foreach (phpFiles("$standin/$sub") as $file) {
            foreach (array_keys(ApiExtractor::classes(ApiExtractor::parse(file_get_contents($file)) ?? [], $file)) as $class) {
                if (!str_starts_with($class, 'XCartStandin\\')) {
                    $out[] = $class;
                }
            }
        }
    }

    return $out;
}

/**
 * Every class name the add-on names: in code (extends, implements, new, X::, type hints, instanceof, catch),
 * and loosely (use imports, class-like strings, docblocks), which count only when the snapshot has them.
 * @return array{0: list<string>, 1: list<string>} code names, loose names
 */
function addonNames(string $addon): array
{
    $code = [];
    $loose = [];
    foreach (phpFiles($addon) as $file) {
        $source = file_get_contents($file);
        foreach ((new \PhpParser\NodeFinder())->find(ApiExtractor::parse($source) ?? [], fn ($n) => true) as $node) {
            if ($node instanceof Node\Name\FullyQualified) {
                $code[] = $node->toString();
            } elseif ($node instanceof Node\Stmt\UseUse) {
                $loose[] = $node->name->toString();
            } elseif ($node instanceof Node\Scalar\String_ && preg_match('/^\\\\?([A-Z]\w*(\\\\[A-Z]\w*)+)$/', $node->value, $m)) {
                $loose[] = $m[1];
            }
        }
        preg_match_all('/\\\\?\b((?:XLite|XCart|XC)(?:\\\\\w+)+)/', implode("\n", docComments($source)), $found);
        array_push($loose, ...$found[1]);
    }

    return [$code, $loose];
}

function docComments(string $code): array
{
    return array_map(fn ($t) => $t[1], array_filter(token_get_all($code), fn ($t) => is_array($t) && $t[0] === T_DOC_COMMENT));
}

/** The module (Author\Name) of a module class name, or null for core classes. */
function moduleOf(string $class): ?string
{
    $core = preg_match('/^(XLite|XCart|Includes)\\\\/', $class);

    return $core || !preg_match('/^(\w+\\\\\w+)\\\\/', $class, $m) ? null : $m[1];
}

/**
 * The classes and their ancestors, interfaces and traits; then the mixins that the modules among them add
 * to any of them, until nothing changes.
 * @return array{0: array<string, array>, 1: list<string>} records by FQCN, and the names the snapshot lacks
 */
function closure(Snapshot $snapshot, array $wanted): array
{
    $records = [];
    $missing = [];
    $modules = [];
    do {
        $queue = $wanted;
        while ($queue) {
            $class = array_shift($queue);
            if (isset($records[$class]) || isset($missing[$class])) {
                continue;
            }
            $record = $snapshot->record($class);
            if ($record === null) {
                $missing[$class] = true;
                continue;
            }
            $records[$record['name']] = $record;
            array_push($queue, ...array_filter([$record['parent'], ...$record['interfaces'], ...$record['traits']]));
            if (($module = moduleOf($record['name'])) !== null) {
                $modules[$module] = true;
            }
        }
        $wanted = mixinsOf($snapshot, array_keys($modules), $records);
    } while (array_diff($wanted, array_keys($records)));

    return [$records, array_keys($missing)];
}

/** @return list<string> the modules' mixins whose target is one of the records */
function mixinsOf(Snapshot $snapshot, array $modules, array $records): array
{
    $out = [];
    foreach ($modules as $module) {
        foreach ($snapshot->mixinFiles($module) as $path) {
            $class = $snapshot->classOfFile($path);
            $record = $class === null ? null : $snapshot->record($class);
            if ($record !== null && $record['parent'] !== null && isset($records[$record['parent']])) {
                $out[] = $record['name'];
            }
        }
    }

    return $out;
}

/** JSON with the first $levels levels one entry a line and everything deeper on one line: a member is one line. */
function encode($value, int $levels, string $indent = ''): string
{
    $flags = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR;
    if ($levels === 0 || !is_array($value) || $value === []) {
        return json_encode($value, $flags);
    }
    $list = array_is_list($value);
    $lines = [];
    foreach ($value as $k => $v) {
        $lines[] = "$indent    " . ($list ? '' : json_encode((string) $k, $flags) . ': ') . encode($v, $levels - 1, "$indent    ");
    }

    return ($list ? '[' : '{') . "\n" . implode(",\n", $lines) . "\n$indent" . ($list ? ']' : '}');
}

function main(array $argv, string $root): int
{
    $options = ['out' => "$root/tests/xcart-lint/xcart-5.5-api.json", 'standin' => "$root/tests/xcart-standin", 'addon' => "$root/xcart/src"];
    $gitDir = '/work/.mirror/iidevv+xc55/repo';
    for ($i = 1; $i < count($argv); $i++) {
        if (preg_match('/^--(out|standin|addon)(?:=(.*))?$/', $argv[$i], $m)) {
            $options[$m[1]] = $m[2] ?? $argv[++$i];
        } else {
            $gitDir = $argv[$i];
        }
    }
    $snapshot = new Snapshot($gitDir);
    $standin = standinClasses($options['standin']);
    [$code, $loose] = addonNames($options['addon']);
    $addon = array_values(array_unique(array_merge(
        array_filter($code, fn ($c) => $snapshot->pathOf($c) !== null || preg_match(XCART_NAME, $c)),
        array_filter($loose, fn ($c) => $snapshot->pathOf($c) !== null)
    )));
    $wanted = array_values(array_unique(array_merge($standin, $addon, EXTRA)));
    [$records, $missing] = closure($snapshot, $wanted);
    ksort($records, SORT_STRING);
    foreach ($records as &$record) {
        unset($record['name']);
    }
    unset($record);
    sort($missing, SORT_STRING);
    $data = [
        '_about' => 'The real X-Cart API the lint (tests/xcart-lint) checks against: written by scripts/extract-xcart-reference.php '
            . 'from the snapshot below; do not edit, rerun it. Members are one a line. A parameter\'s type/default/byRef/variadic and a '
            . 'method\'s static/abstract/final/returns/orm are left out when null/false/empty. not_in_source: names the stand-in, the add-on or the '
            . 'script asked for that the snapshot does not have (vendor packages, or not X-Cart at all).',
        'snapshot' => ['repository' => 'iidevv/xc55', 'commit' => $snapshot->commit, 'xc_version' => $snapshot->xcVersion(),
            'packages' => $snapshot->packages()],
        'scope' => ['standin' => count(array_unique($standin)), 'addon' => count($addon), 'extra' => count(EXTRA), 'classes' => count($records)],
        'not_in_source' => $missing,
        'classes' => $records,
    ];
    file_put_contents($options['out'], encode($data, 4) . "\n");
    fprintf(STDERR, "%s: %d classes, %d bytes, %d names not in the snapshot\n", $options['out'], count($records), filesize($options['out']), count($missing));

    return 0;
}

exit(main($argv, $root));
