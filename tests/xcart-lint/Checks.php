<?php
/*
 * The lint's checks and their TAP output: one test per prose reference member, per stand-in class (against
 * the real X-Cart, RealChecks), per X-Cart member the add-on uses and per allow-list entry; problems name
 * file:line. The real X-Cart (xcart-5.5-api.json) is the authority: where the prose reference disagrees
 * with it, the prose only gets a note.
 */

declare(strict_types=1);

namespace XCartLint;

final class Checks
{
    /** @var list<array{ok: bool, name: string, lines: list<string>}> */
    private array $tests = [];
    /** @var array<string, true> allow-list keys some use matched */
    private array $allowUsed = [];
    /** @var array<string, list<bool>> allow-list key => guarded flag of each matched use */
    private array $allowGuarded = [];
    /** @var array<string, true> reference_not_in_standin keys some mention matched */
    private array $notInStandinUsed = [];
    private RealChecks $realChecks;

    public function __construct(
        private Standin $standin,
        private Reference $reference,
        private Uses $uses,
        private array $allow,
        private string $root,
        private RealApi $real
    ) {
        $this->allow += ['uses' => [], 'reference_not_in_standin' => [], 'standin_outside_source' => []];
        unset($this->allow['_about']);
        $this->realChecks = new RealChecks($real, $this, $standin->dir, $this->allow['standin_outside_source']);
    }

    public function test(string $name, array $problems, array $notes = []): void
    {
        $lines = array_merge(array_map(fn ($p) => "# $p", $problems), array_map(fn ($n) => "# note: $n", $notes));
        $this->tests[] = ['ok' => !$problems, 'name' => $name, 'lines' => $lines];
    }

    public function where(string $file, int $line): string
    {
        $relative = str_starts_with($file, $this->root . '/') ? substr($file, strlen($this->root) + 1) : $file;

        return "$relative:$line";
    }

    public function report(): bool
    {
        echo '1..', count($this->tests), "\n";
        $failed = 0;
        foreach ($this->tests as $i => $t) {
            echo $t['ok'] ? 'ok ' : 'not ok ', $i + 1, ' - ', $t['name'], "\n";
            foreach ($t['lines'] as $line) {
                echo $line, "\n";
            }
            $failed += $t['ok'] ? 0 : 1;
        }
        echo "# ", count($this->tests) - $failed, " passed, $failed failed\n";

        return $failed === 0;
    }

    // ---- the reference ----------------------------------------------------------------------------

    /** The committed copy must be the shared reference whenever that exists (CI's clean clone has none). */
    public function referenceCopy(string $copy, string $shared): void
    {
        if ($shared === 'none' || !is_file($shared)) {
            $this->test('reference copy ' . $this->where($copy, 1) . ' (no shared reference to compare with)', [],
                ["$shared not found: comparison skipped"]);

            return;
        }
        $same = is_file($copy) && file_get_contents($copy) === file_get_contents($shared);
        $this->test("reference copy is $shared verbatim", $same ? [] : [$this->where($copy, 1) . " differs from $shared: copy it again"]);
    }

    /**
     * Every method the mapped sections state exists in the stand-in with the stated signature; for a class
     * of the real X-Cart the real one decides instead (the stand-in is compared with it by standinAgainstReal),
     * and the prose gets a note where it differs from it.
     */
    public function referenceAgainstStandin(): void
    {
        $groups = [];
        foreach ($this->reference->mentions as $m) {
            $key = $m['classes'] ? implode('|', $m['classes']) . '::' . $m['name'] : '§' . $m['section'] . ' ' . $m['name'];
            $groups[$key][] = $m;
        }
        foreach ($groups as $key => $mentions) {
            $problems = [];
            $notes = [];
            foreach ($mentions as $m) {
                [$p, $n] = $this->mentionProblems($m);
                array_push($problems, ...$p);
                array_push($notes, ...$n);
            }
            if (!$mentions[0]['classes']) {
                $notKey = $mentions[0]['section'] . ' ' . $mentions[0]['name'];
                if (isset($this->allow['reference_not_in_standin'][$notKey])) {
                    $this->notInStandinUsed[$notKey] = true;
                    $notes[] = 'not in the stand-in (allow-list): ' . $this->allow['reference_not_in_standin'][$notKey];
                    $problems = [];
                }
            }
            $this->test("reference: $key", array_values(array_unique($problems)), array_values(array_unique($notes)));
        }
    }

    /** @return array{0: list<string>, 1: list<string>} problems and notes */
    private function mentionProblems(array $m): array
    {
        $at = $this->where($this->reference->file, $m['line']) . " (§{$m['section']}) `{$m['span']}`";
        if (!$m['classes']) {
            return [["$at: no stand-in class of §{$m['section']} has {$m['name']}()"], []];
        }
        $problems = [];
        $notes = [];
        foreach ($m['classes'] as $class) {
            $vendor = $this->vendorMethod($class, $m['name']);
            if ($this->real->find($class) !== null && $vendor === null) {
                array_push($notes, ...$this->proseAgainstReal($m, $class, $at));
                continue;
            }
            if ($vendor !== null) {
                $notes[] = "$at: $class::{$m['name']}() is its vendor parent $vendor's (not in the real data): checked against the stand-in";
            }
            $method = $this->standin->method($class, $m['name']);
            if ($method === null) {
                continue; // magic (Reference::MAGIC): nothing to compare
            }
            $where = $this->where((string) $method->getFileName(), (int) $method->getStartLine());
            foreach ($m['kind'] === 'signature' ? Signature::againstReference($m, $method) : Signature::arity($m['args'], $method) as $p) {
                $problems[] = "$at: stand-in $class::{$m['name']}() at $where $p";
            }
        }

        return [$problems, $notes];
    }

    /**
     * The vendor class a real X-Cart class gets a method from, when the real data cannot show it: the real
     * class (its parents, traits, mixins) lacks the method, it is not magic, the lineage ends in a vendor
     * parent (Doctrine's EntityManagerDecorator for XLite\Core\Doctrine\ORM\EntityManager) and the stand-in
     * has the method from a class outside X-Cart. Else null.
     */
    private function vendorMethod(string $class, string $method): ?string
    {
        if ($this->real->find($class) === null || $this->real->method($class, $method) !== null
            || $this->real->magic($class, $method) !== null) {
            return null;
        }
        $external = $this->real->externalParent($class);
        $declared = $this->standin->method($class, $method)?->getDeclaringClass()->getName();

        return $external !== null && $declared !== null && !Standin::isXCart($declared) ? $external : null;
    }

    /** Where the prose differs from the real X-Cart: notes (the real one decides). */
    private function proseAgainstReal(array $m, string $class, string $at): array
    {
        $found = $this->real->method($class, $m['name']);
        if ($found === null) {
            return $this->real->magic($class, $m['name']) !== null ? []
                : ["$at: the prose states $class::{$m['name']}(), the real X-Cart has no such method (the real one decides)"];
        }
        $where = $this->real->classes[$found['class']]['file'] . ':' . $found['method']['line'];

        return array_map(fn ($d) => "$at: $d (real: {$found['class']}::{$found['name']}" . RealSignature::describe($found['method'])
            . " at $where; the real one decides)", RealSignature::againstProse($m, $found['method']));
    }

    // ---- the stand-in against the real X-Cart -----------------------------------------------------

    public function standinAgainstReal(): void
    {
        $this->realChecks->standin();
    }

    // ---- the add-on's uses ------------------------------------------------------------------------

    public function uses(): void
    {
        $groups = [];
        foreach ($this->uses->uses as $use) {
            $groups[$this->useKey($use)][] = $use;
        }
        ksort($groups);
        foreach ($groups as $key => $uses) {
            [$problems, $notes] = $this->useProblems($key, $uses);
            $this->test("add-on uses $key", $problems, $notes);
        }
    }

    private function useKey(array $use): string
    {
        if ($use['class'] === null) {
            return '?::' . $use['member'];
        }
        if ($use['member'] === null || $use['kind'] === 'extends' || $use['kind'] === 'class') {
            return $use['class'];
        }
        if ($use['kind'] === 'const') {
            return $use['class'] . '::' . $use['member'];
        }
        $class = isset(Uses::EXTERNAL[$use['class']]) ? $use['class'] : $this->standin->declaringClass($use['class'], $use['member']);

        return $class . '::' . $use['member'] . '()';
    }

    /**
     * The use against the stand-in (it must be there for the tests) and the real X-Cart (it must be there, or
     * be outside X-Cart's source and in the allow-list); the prose reference only gets a note.
     * @return array{0: list<string>, 1: list<string>}
     */
    private function useProblems(string $key, array $uses): array
    {
        $first = $uses[0];
        $sites = implode(', ', array_unique(array_map(fn ($u) => $this->where($u['file'], $u['line']), $uses)));
        $problems = [];
        $notes = [];
        $missing = null;
        $keys = [];
        foreach ($uses as $use) {
            $at = $this->where($use['file'], $use['line']);
            foreach ($this->existenceProblems($use) as $p) {
                $problems[] = "$at: $p";
            }
            $real = $this->realChecks->use($use);
            foreach ($real['problems'] as $p) {
                $problems[] = "$at: $p";
            }
            array_push($notes, ...$real['notes']);
            $missing ??= $real['missing'];
            array_push($keys, ...$real['keys']);
        }
        $guarded = !in_array(false, array_column($uses, 'guarded'), true);
        $allowKey = $this->allowKeyFor($first, array_values(array_unique($keys)));
        if ($guarded && $first['class'] !== null && $first['member'] !== null && !$this->standin->has($first['class'], $first['member'])) {
            $notes[] = "the stand-in's {$first['class']} has no {$first['member']}(): the tests never take the guarded branch";
        }
        if ($allowKey !== null) {
            $this->allowUsed[$allowKey] = true;
            $this->allowGuarded[$allowKey] = array_merge($this->allowGuarded[$allowKey] ?? [], [$guarded]);
            $notes[] = 'outside the real X-Cart source' . ($guarded ? ' (guarded by method_exists)' : '') . ": $allowKey — "
                . $this->allow['uses'][$allowKey]['reason'];
            if ($missing === null) {
                $problems[] = "$allowKey: the real X-Cart has it (" . $this->real->where() . '): remove it from the allow-list';
            }
        } elseif ($missing !== null) {
            $problems[] = "$sites: $missing, and the allow-list does not hold " . ($keys[0] ?? $key);
        }
        if (!$this->stated($first)) {
            $notes[] = 'the prose reference does not state it';
        }

        return [array_values(array_unique($problems)), array_values(array_unique($notes))];
    }

    private function existenceProblems(array $use): array
    {
        $class = $use['class'];
        $member = $use['member'];
        if ($class !== null && isset(Uses::EXTERNAL[$class])) {
            $impl = Uses::EXTERNAL[$class];

            return $this->standin->exists($impl) && method_exists($impl, $member) ? [] : ["$impl (the stand-in's $class) has no $member()"];
        }
        if ($class !== null && !$this->standin->exists($class)) {
            return ["the stand-in has no class $class"];
        }
        switch ($use['kind']) {
            case 'extends':
            case 'class':
                return [];
            case 'const':
                return $this->standin->hasConstant($class, $member) ? [] : ["the stand-in's $class has no constant $member"];
            case 'override':
                $method = $this->standin->method($class, $member);

                return $method === null ? ["the stand-in's $class has no $member() (the real X-Cart has it): the tests never run this override"]
                    : Signature::override($use['node'], $method);
        }
        if ($class === null) {
            return $this->standin->classesWith($member) || $use['guarded'] ? [] : ["no stand-in class has $member()"];
        }
        if (!$this->standin->has($class, $member)) {
            return $use['guarded'] ? [] : ["the stand-in's $class has no $member()"];
        }
        $method = $this->standin->method($class, $member);

        return $method === null || $use['args'] === null ? [] : Signature::arity($use['args'], $method);
    }

    /** Whether the reference states the use: its class is documented, its method or constant named in a section of the class (or a parent). */
    private function stated(array $use): bool
    {
        $class = $use['class'];
        if ($class !== null && isset(Uses::EXTERNAL[$class])) {
            return $this->mentioned($use['member'], [Uses::EXTERNAL[$class]]);
        }
        if ($class === null) {
            return $this->mentioned($use['member'], $this->standin->classesWith($use['member']));
        }
        $lineage = $this->standin->lineage($class);
        if ($use['member'] === null || $use['kind'] === 'extends' || $use['kind'] === 'class') {
            return (bool) Reference::sectionsOf($class);
        }
        if ($use['kind'] === 'const') {
            return $this->reference->statesConstant($use['member'], array_merge(...array_map([Reference::class, 'sectionsOf'], $lineage)));
        }

        return $this->mentioned($use['member'], $lineage);
    }

    /** A mention of the method attributed to one of the classes (or a class related to one of them). */
    private function mentioned(string $method, array $classes): bool
    {
        foreach ($this->reference->mentions as $m) {
            if (strcasecmp($m['name'], $method) !== 0) {
                continue;
            }
            foreach ($m['classes'] as $c) {
                foreach ($classes as $class) {
                    if (is_a($class, $c, true) || is_a($c, $class, true)) {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /** The allow-list entry for a use: its own key or one the real check proposes, or for an unknown receiver an entry of a class that has the method. */
    private function allowKeyFor(array $use, array $keys): ?string
    {
        foreach ([$this->useKey($use), ...$keys] as $key) {
            if (isset($this->allow['uses'][$key])) {
                return $key;
            }
        }
        if ($use['class'] === null) {
            foreach ($this->allow['uses'] as $entry => $_) {
                if (preg_match('/^(.+)::' . preg_quote($use['member'], '/') . '\(\)$/i', $entry, $m)
                    && $this->standin->has($m[1], $use['member'])) {
                    return $entry;
                }
            }
        }

        return null;
    }

    // ---- the allow-list ---------------------------------------------------------------------------

    /** Every entry is used, its "guarded" flag is what the add-on does, and every stand-in gap is still real. */
    public function allowListStillTrue(): void
    {
        foreach ($this->allow['uses'] as $key => $entry) {
            $problems = [];
            if (!isset($this->allowUsed[$key])) {
                $problems[] = "the add-on no longer uses $key: remove it from the allow-list";
            } else {
                $guarded = !in_array(false, $this->allowGuarded[$key], true);
                if ((bool) ($entry['guarded'] ?? false) !== $guarded) {
                    $problems[] = "$key: \"guarded\" should be " . var_export($guarded, true);
                }
            }
            if (trim((string) ($entry['reason'] ?? '')) === '') {
                $problems[] = "$key: no reason given";
            }
            $this->test("allow-list entry $key is still true", $problems);
        }
        foreach ($this->allow['standin_outside_source'] as $class => $reason) {
            $problems = in_array($class, $this->realChecks->unusedOutside(), true) ? ["the stand-in no longer declares $class: remove it from standin_outside_source"] : [];
            if (trim((string) $reason) === '') {
                $problems[] = "$class: no reason given";
            }
            $this->test("allow-list entry $class (stand-in class outside the X-Cart source) is still true", $problems);
        }
        foreach ($this->allow['reference_not_in_standin'] as $key => $reason) {
            $problems = isset($this->notInStandinUsed[$key]) ? [] : ["§$key: the stand-in has it now, or the reference no longer states it: remove it from the allow-list"];
            $this->test("allow-list entry §$key (reference, not in the stand-in) is still true", $problems);
        }
    }
}
