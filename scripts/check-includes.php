<?php
// Fails when the modules of src/ and ext/ include each other in a circle.
//
// A module is a .c file and its header (src/queue/event.{c,h}; in ext/,
// php_X.h belongs to X.c when there is one: php_infor_sync.h is
// infor_sync.c's). Module A depends on B when any file of A includes B's
// header: `#include "room/name.h"` names src/room/name.h, an ext/ file's
// `#include "php_X.h"` names ext/php_X.h. System and PHP headers are not
// followed. Prints every cycle found, exit status 1 then.
//
//   php scripts/check-includes.php [root]   root: the repository (default: this one)
//   php scripts/check-includes.php --selftest   must find the cycles of tests/repo/fixtures/include-cycle

function module_of(string $root, string $file): string
{
    $rel = substr($file, strlen($root) + 1);
    $base = preg_replace('/\.[ch]$/', '', $rel);
    if (preg_match('#^ext/php_(\w+)$#', $base, $m) && is_file("$root/ext/$m[1].c")) {
        return "ext/$m[1]";
    }
    return $base;
}

function source_files(string $root): array
{
    $files = array_merge(glob("$root/src/*/*.[ch]"), glob("$root/ext/*.[ch]"));
    sort($files);
    return $files;
}

/** @return array<string, array<string, string>> module => [included module => "file:line"] */
function include_graph(string $root): array
{
    $graph = [];
    foreach (source_files($root) as $file) {
        $from = module_of($root, $file);
        $graph[$from] ??= [];
        foreach (file($file) as $n => $line) {
            if (!preg_match('/^\s*#\s*include\s+"([^"]+)"/', $line, $m)) {
                continue;
            }
            $target = null;
            if (is_file("$root/src/$m[1]")) {
                $target = "$root/src/$m[1]";
            } elseif (str_starts_with($file, "$root/ext/") && is_file("$root/ext/$m[1]")) {
                $target = "$root/ext/$m[1]";
            }
            if ($target === null) {
                continue;
            }
            $to = module_of($root, $target);
            if ($to !== $from) {
                $graph[$from][$to] ??= substr($file, strlen($root) + 1) . ':' . ($n + 1);
            }
        }
    }
    return $graph;
}

/** Depth-first search; every back edge closes a cycle. @return list<list<string>> */
function cycles(array $graph): array
{
    $state = [];
    $stack = [];
    $found = [];
    $visit = function (string $node) use (&$visit, &$state, &$stack, &$found, $graph): void {
        $state[$node] = 1;
        $stack[] = $node;
        foreach (array_keys($graph[$node] ?? []) as $next) {
            if (($state[$next] ?? 0) === 1) {
                $found[] = array_merge(array_slice($stack, array_search($next, $stack, true)), [$next]);
            } elseif (($state[$next] ?? 0) === 0) {
                $visit($next);
            }
        }
        array_pop($stack);
        $state[$node] = 2;
    };
    foreach (array_keys($graph) as $node) {
        if (($state[$node] ?? 0) === 0) {
            $visit($node);
        }
    }
    return $found;
}

function report(string $root): int
{
    $graph = include_graph($root);
    $found = cycles($graph);
    foreach ($found as $cycle) {
        $steps = [];
        for ($i = 0; $i + 1 < count($cycle); $i++) {
            $steps[] = $cycle[$i] . ' (' . $graph[$cycle[$i]][$cycle[$i + 1]] . ')';
        }
        echo 'include cycle: ', implode(' -> ', $steps), ' -> ', end($cycle), "\n";
    }
    if (!$found) {
        echo count($graph), " modules, no include cycle\n";
    }
    return $found ? 1 : 0;
}

$here = dirname(__DIR__);
if (($argv[1] ?? '') === '--selftest') {
    $fixture = "$here/tests/repo/fixtures/include-cycle";
    $found = cycles(include_graph($fixture));
    $names = array_map(fn ($c) => implode(' -> ', $c), $found);
    $want = ['ext/infor_sync -> ext/php_mapping -> ext/infor_sync', 'src/queue/event -> src/queue/status -> src/queue/event'];
    sort($names);
    if ($names !== $want) {
        echo "selftest failed: found [", implode('; ', $names), "]\n";
        exit(1);
    }
    echo "selftest ok: both cycles of the fixture found\n";
    exit(0);
}
exit(report($argv[1] ?? $here));
