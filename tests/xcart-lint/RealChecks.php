<?php
/*
 * The checks against the real X-Cart 5.5 (RealApi, xcart-5.5-api.json):
 *  - every X-Cart class the stand-in declares is a real class of the same shape, and each of its public and
 *    protected methods and constants is the real one (signature, value); a stand-in that maps a class with
 *    Doctrine annotations maps it as the real one does. Helpers named standin…() and members (methods,
 *    constants) or classes marked `@standin-only <reason>` are the stand-in's own;
 *  - every X-Cart class, method and constant the add-on uses exists in the real X-Cart (magic getters of
 *    entities and Doctrine's repository finders included), with a fitting argument count, static-ness and
 *    visibility; every override keeps the real signature.
 */

declare(strict_types=1);

namespace XCartLint;

use PhpParser\Node\Stmt;

final class RealChecks
{
    /** Where the stand-in's X-Cart classes are (core classes, XCart\ and modules); XCartStandin\ is its own. */
    private const STANDIN_DIRS = ['classes', 'src', 'modules'];

    /**
     * The X-Cart class behind a vendor type the add-on is handed: Database::getEM() is Doctrine's entity
     * manager service, which X-Cart's config/services.yaml makes XLite\Core\Doctrine\ORM\EntityManager.
     */
    private const REAL_TYPES = ['Doctrine\ORM\EntityManagerInterface' => 'XLite\Core\Doctrine\ORM\EntityManager'];

    /** @var array<string, true> standin_outside_source entries some stand-in class matched */
    public array $outsideUsed = [];

    public function __construct(private RealApi $real, private Checks $checks, private string $standinDir, private array $outside)
    {
    }

    // ---- the stand-in -----------------------------------------------------------------------------

    public function standin(): void
    {
        foreach ($this->standinFiles() as $file) {
            $stmts = ApiExtractor::parse((string) file_get_contents($file));
            if ($stmts === null) {
                $this->checks->test('stand-in file ' . $this->checks->where($file, 1) . ' parses', [$this->checks->where($file, 1) . ': does not parse']);
                continue;
            }
            foreach ((new \PhpParser\NodeFinder())->findInstanceOf($stmts, Stmt\ClassLike::class) as $node) {
                $class = $node->namespacedName?->toString();
                if ($class !== null && !str_starts_with($class, 'XCartStandin\\')) {
                    [$problems, $notes] = $this->standinClass($class, $node, $file);
                    $this->checks->test("stand-in $class is the real X-Cart class", $problems, $notes);
                }
            }
        }
    }

    /** @return list<string> */
    private function standinFiles(): array
    {
        $out = [];
        foreach (self::STANDIN_DIRS as $sub) {
            if (!is_dir("$this->standinDir/$sub")) {
                continue;
            }
            $files = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator("$this->standinDir/$sub", \FilesystemIterator::SKIP_DOTS));
            foreach ($files as $f) {
                if (str_ends_with($f->getFilename(), '.php')) {
                    $out[] = $f->getPathname();
                }
            }
        }
        sort($out);

        return $out;
    }

    /** The reason after `@standin-only` in a docblock: null when not marked, '' when marked without one. */
    private static function standinOnly(?\PhpParser\Comment\Doc $doc): ?string
    {
        return $doc !== null && preg_match('/@standin-only\b[ \t]*([^\n]*)/', $doc->getText(), $m) ? trim(rtrim($m[1], '*/ ')) : null;
    }

    /** @return array{0: list<string>, 1: list<string>} problems and notes */
    private function standinClass(string $class, Stmt\ClassLike $node, string $file): array
    {
        $where = $this->checks->where($file, $node->getStartLine());
        $only = self::standinOnly($node->getDocComment());
        if ($only !== null) {
            return $only === '' ? [["$where: $class is marked @standin-only without a reason"], []] : [[], ["stand-in only: $only"]];
        }
        if (isset($this->outside[$class])) {
            $this->outsideUsed[$class] = true;
            $inData = $this->real->find($class) !== null;

            return [$inData ? ["$where: $class is in the real X-Cart source now: remove it from standin_outside_source"] : [],
                ["outside the snapshot (allow-list): {$this->outside[$class]}"]];
        }
        $real = $this->real->find($class);
        if ($real === null) {
            return [["$where: " . $this->real->missingClass($class)], []];
        }
        $mine = ApiExtractor::classRecord($node, $file);
        $problems = $this->shapeProblems($real, $mine, $where);
        $notes = [];
        foreach ($node->getConstants() as $group) {
            foreach ($group->consts as $c) {
                $name = $c->name->toString();
                $only = self::standinOnly($group->getDocComment());
                if ($only === '') {
                    $problems[] = $this->checks->where($file, $c->getStartLine()) . ": $real::$name is marked @standin-only without a reason";
                } elseif ($only !== null) {
                    $notes[] = "$name stand-in only: $only";
                } else {
                    array_push($problems, ...$this->constantProblems($real, $name, $mine['constants'][$name], $file));
                }
            }
        }
        foreach ($node->getMethods() as $method) {
            [$p, $n] = $this->standinMethod($real, $method, $file);
            array_push($problems, ...$p);
            array_push($notes, ...$n);
        }
        if (array_intersect($mine['annotations'], ['@ORM\Entity', '@ORM\MappedSuperclass']) || preg_grep('/^@ORM\\\\Entity\(/', $mine['annotations'])) {
            array_push($problems, ...$this->mappingProblems($real, $node, $file));
        }
        $realRecord = $this->real->classes[$real];
        $notes[] = "real: {$realRecord['file']}:{$realRecord['line']}";

        return [$problems, $notes];
    }

    /** Kind, parent, abstract/final, interfaces and traits. */
    private function shapeProblems(string $real, array $mine, string $where): array
    {
        $r = $this->real->classes[$real];
        $problems = [];
        $text = fn ($v) => $v === null ? 'none' : (is_bool($v) ? ($v ? 'yes' : 'no') : $v);
        foreach (['kind' => 'is a', 'parent' => 'extends', 'abstract' => 'abstract:', 'final' => 'final:'] as $key => $what) {
            if (strcasecmp((string) $text($r[$key]), (string) $text($mine[$key])) !== 0) {
                $problems[] = "$where: $real $what {$text($mine[$key])}, the real one {$text($r[$key])}";
            }
        }
        foreach (['interfaces' => ['implements', 'implement'], 'traits' => ['uses', 'use']] as $key => [$verb, $infinitive]) {
            $realSet = array_map('strtolower', $r[$key]);
            $mineSet = array_map('strtolower', $mine[$key]);
            foreach (array_diff($mineSet, $realSet) as $i => $x) {
                $problems[] = "$where: $real $verb {$mine[$key][$i]}, the real one does not";
            }
            foreach (array_diff($realSet, $mineSet) as $i => $x) {
                $problems[] = "$where: $real does not $infinitive {$r[$key][$i]}, the real one does";
            }
        }

        return $problems;
    }

    private function constantProblems(string $class, string $name, array $const, string $file): array
    {
        $where = $this->checks->where($file, $const['line']);
        $found = $this->real->constant($class, $name);
        if ($found === null) {
            return ["$where: $class::$name is not a constant of the real $class"];
        }
        $r = $found['constant'];
        $at = $this->realWhere($found['class'], $r['line']);
        $problems = [];
        if ($r['value'] !== $const['value']) {
            $problems[] = "$where: $class::$name is {$const['value']}, the real one {$r['value']} ($at)";
        }
        if ($r['visibility'] !== $const['visibility']) {
            $problems[] = "$where: $class::$name is {$const['visibility']}, the real one {$r['visibility']} ($at)";
        }

        return $problems;
    }

    /** @return array{0: list<string>, 1: list<string>} */
    private function standinMethod(string $class, Stmt\ClassMethod $method, string $file): array
    {
        $name = $method->name->toString();
        $where = $this->checks->where($file, $method->getStartLine());
        $only = self::standinOnly($method->getDocComment());
        if ($method->isPrivate() || str_starts_with($name, 'standin')) {
            return [[], []];
        }
        if ($only !== null) {
            return $only === '' ? [["$where: $class::$name() is marked @standin-only without a reason"], []] : [[], ["$name() stand-in only: $only"]];
        }
        $found = $this->real->method($class, $name);
        if ($found === null) {
            $magic = $this->real->magic($class, $name);
            $external = $this->real->externalParent($class);
            $hint = $magic !== null ? "; the real one has it only through $magic: mark it @standin-only with that reason"
                : ($external === null ? '' : "; if it is the vendor parent $external's, mark it @standin-only saying so");

            return [["$where: $class::$name() is not in the real $class (nor its parents, traits or mixins)$hint"], []];
        }
        $mine = ApiExtractor::method($method);
        $at = $this->realWhere($found['class'], $found['method']['line']);
        $problems = array_map(fn ($p) => "$where: $class::$name() $p; real: {$found['name']}" . RealSignature::describe($found['method']) . " at $at",
            RealSignature::differences($found['method'], $mine));
        if ($found['name'] !== $name) {
            $problems[] = "$where: $class::$name() is spelt {$found['name']}() in the real X-Cart ($at)";
        }
        if ($this->isMixin($found['class']) && $this->real->find($class) !== $found['class']) {
            $problems[] = "$where: $class::$name() is declared by the module mixin {$found['class']} in the real X-Cart ($at), not by $class";
        }

        return [$problems, []];
    }

    private function isMixin(string $class): bool
    {
        return in_array('@Extender\Mixin', $this->real->classes[$class]['annotations'] ?? [], true);
    }

    private function realWhere(string $class, int $line): string
    {
        return $this->real->classes[$class]['file'] . ":$line";
    }

    /**
     * A stand-in class that is a Doctrine entity (@ORM\Entity or @ORM\MappedSuperclass) maps the class as the
     * real one does, and each property and lifecycle callback it declares.
     */
    private function mappingProblems(string $class, Stmt\ClassLike $node, string $file): array
    {
        $real = $this->real->classes[$class];
        $where = $this->checks->where($file, $node->getStartLine());
        $problems = array_map(fn ($p) => "$where: $class $p (real: {$real['file']}:{$real['line']})",
            Mapping::differences(Mapping::facts($real['annotations']), Mapping::facts(ApiExtractor::classRecord($node, $file)['annotations'])));
        $mine = ApiExtractor::classRecord($node, $file);
        foreach (['properties', 'methods'] as $kind) {
            foreach ($mine[$kind] as $name => $member) {
                $found = $kind === 'methods' ? $this->real->method($class, $name) : $this->real->property($class, $name);
                $realMember = $found === null ? [] : ($found['method'] ?? $found['property']);
                $label = $kind === 'methods' ? "$class::$name()" : "$class::\$$name";
                $at = $found === null ? '' : ' (real: ' . $this->realWhere($found['class'], $realMember['line']) . ')';
                foreach (Mapping::differences(Mapping::facts($realMember['orm'] ?? []), Mapping::facts($member['orm'] ?? [])) as $p) {
                    $problems[] = $this->checks->where($file, $member['line']) . ": $label $p$at";
                }
            }
        }

        return $problems;
    }

    // ---- the add-on's uses ------------------------------------------------------------------------

    /**
     * What the real X-Cart says about one use of the add-on.
     * @return array{problems: list<string>, missing: ?string, notes: list<string>, keys: list<string>}
     *   missing: why the real X-Cart lacks it (an allow-list entry must then hold it); keys: the allow-list
     *   keys that may hold it
     */
    public function use(array $use): array
    {
        $result = ['problems' => [], 'missing' => null, 'notes' => [], 'keys' => []];
        $class = $use['class'];
        $member = $use['member'];
        if ($class !== null && isset(self::REAL_TYPES[$class])) {
            return $this->call(['class' => self::REAL_TYPES[$class]] + $use) + $result;
        }
        if ($class !== null && isset(Uses::EXTERNAL[$class])) {
            return ['missing' => "$class is not X-Cart's (vendor package)", 'keys' => ["$class::$member()"]] + $result;
        }
        if ($class === null) {
            return $this->unknownReceiver($member) + $result;
        }
        if ($this->real->find($class) === null) {
            return ['missing' => $this->real->missingClass($class), 'keys' => [$class]] + $result;
        }
        switch ($use['kind']) {
            case 'extends':
            case 'class':
                return $result;
            case 'const':
                return $this->real->constant($class, $member) !== null ? $result
                    : ['missing' => "the real $class has no constant $member", 'keys' => ["$class::$member"]] + $result;
            case 'override':
                return $this->override($use) + $result;
        }

        return $this->call($use) + $result;
    }

    private function unknownReceiver(string $member): array
    {
        foreach ($this->real->classes as $class => $record) {
            if ($this->real->method($class, $member) !== null || $this->real->magic($class, $member) !== null) {
                return [];
            }
        }

        return ['missing' => "no real X-Cart class of " . $this->real->dataFile() . " has $member()", 'keys' => []];
    }

    private function override(array $use): array
    {
        $found = $this->real->method($use['class'], $use['member']);
        if ($found === null) {
            return ['missing' => "{$use['member']}() overrides nothing in the real {$use['class']}", 'keys' => ["{$use['class']}::{$use['member']}()"]];
        }
        if ($found['method']['visibility'] === 'private') {
            return ['notes' => ["{$found['class']}::{$found['name']}() is private in the real X-Cart: not an override"]];
        }
        $at = $this->realWhere($found['class'], $found['method']['line']);
        $problems = RealSignature::overrideProblems($found['method'], ApiExtractor::method($use['node']), $use['mixin']);

        return ['problems' => array_map(fn ($p) => "{$use['member']}() $p; real: {$found['class']}::{$found['name']}"
            . RealSignature::describe($found['method']) . " at $at", $problems)];
    }

    private function call(array $use): array
    {
        $class = $use['class'];
        $member = $use['member'];
        $found = $this->real->method($class, $member);
        if ($found === null) {
            $magic = $this->real->magic($class, $member);
            if ($magic !== null) {
                return ['notes' => ["$class::$member() is magic in the real X-Cart: $magic"]];
            }
            $external = $this->real->externalParent($class);
            $keys = array_values(array_filter(["$class::$member()", $external === null ? null : "$external::$member()"]));

            return ['missing' => "the real $class has no $member()" . ($external === null ? '' : " (its parent $external is not X-Cart's)"), 'keys' => $keys];
        }

        return ['problems' => $this->callProblems($use, $found)];
    }

    private function callProblems(array $use, array $found): array
    {
        $m = $found['method'];
        $at = $this->realWhere($found['class'], $m['line']);
        $name = "{$found['class']}::{$found['name']}()";
        $problems = [];
        if ($use['args'] !== null && ($p = RealSignature::arity($use['args'], $m)) !== null) {
            $problems[] = "$name $p: " . RealSignature::describe($m) . " at $at";
        }
        if ($use['receiver'] === 'named' && !($m['static'] ?? false)) {
            $problems[] = "$name is called statically; the real one is not static ($at)";
        }
        if ($m['visibility'] !== 'public' && !$this->mayCallNonPublic($use, $found['class'], $m['visibility'])) {
            $problems[] = "$name is {$m['visibility']} in the real X-Cart ($at): {$use['caller']} cannot call it";
        }

        return $problems;
    }

    /** PHP lets a class call the protected methods of its own hierarchy, on any object of it. */
    private function mayCallNonPublic(array $use, string $declaring, string $visibility): bool
    {
        if ($visibility === 'private') {
            return false;
        }
        if ($use['receiver'] === 'this' || $use['receiver'] === 'relative' || $this->real->classes[$declaring]['kind'] === 'trait') {
            return true;
        }
        $base = $use['callerBase'];

        return $base !== null && ($this->real->isA($base, $declaring) || $this->real->isA($declaring, $base));
    }

    /** The standin_outside_source entries no stand-in class matched. */
    public function unusedOutside(): array
    {
        return array_values(array_diff(array_keys($this->outside), array_keys($this->outsideUsed)));
    }
}
