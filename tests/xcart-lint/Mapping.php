<?php
/*
 * Doctrine mapping facts from annotation strings (`@ORM\Column(type="integer", nullable=true)`): the
 * annotations and arguments that decide the schema and the relations, normalized for comparison.
 * Index lists, options and comments are left out.
 */

declare(strict_types=1);

namespace XCartLint;

final class Mapping
{
    /** Annotation => the arguments compared ('0': the first unnamed argument). */
    private const KEYS = [
        'Entity' => ['repositoryClass'],
        'MappedSuperclass' => [],
        'Table' => ['name'],
        'HasLifecycleCallbacks' => [],
        'InheritanceType' => ['0'],
        'DiscriminatorColumn' => ['name', 'type', 'length'],
        'DiscriminatorMap' => ['0'],
        'Id' => [],
        'GeneratedValue' => ['strategy'],
        'Column' => ['name', 'type', 'length', 'nullable', 'precision', 'scale', 'unique'],
        'OneToOne' => ['targetEntity', 'mappedBy', 'inversedBy', 'cascade', 'orphanRemoval'],
        'OneToMany' => ['targetEntity', 'mappedBy', 'cascade', 'orphanRemoval'],
        'ManyToOne' => ['targetEntity', 'inversedBy', 'cascade'],
        'ManyToMany' => ['targetEntity', 'mappedBy', 'inversedBy', 'cascade'],
        'JoinColumn' => ['name', 'referencedColumnName', 'nullable', 'onDelete'],
        'JoinTable' => ['name'],
        'OrderBy' => ['0'],
        'PrePersist' => [], 'PostPersist' => [], 'PreUpdate' => [], 'PostUpdate' => [], 'PreRemove' => [],
        'PostRemove' => [], 'PostLoad' => [], 'PreFlush' => [],
    ];

    /** @return array<string, string> `Column` => `name="x" nullable=true type="string"`, for the annotations compared */
    public static function facts(array $annotations): array
    {
        $out = [];
        foreach ($annotations as $a) {
            if (!preg_match('/^@ORM\\\\(\w+)(?:\((.*)\))?$/s', $a, $m) || !isset(self::KEYS[$m[1]])) {
                continue;
            }
            $args = self::args($m[2] ?? '');
            $kept = [];
            foreach (self::KEYS[$m[1]] as $key) {
                if (isset($args[$key])) {
                    $kept[] = ($key === '0' ? '' : "$key=") . $args[$key];
                }
            }
            $out[$m[1]] = implode(' ', $kept);
        }
        ksort($out);

        return $out;
    }

    /** @return array<string, string> argument => normalized value */
    private static function args(string $text): array
    {
        $out = [];
        $positional = 0;
        foreach (self::splitTop($text) as $part) {
            if (preg_match('/^(\w+)\s*=\s*(.*)$/s', $part, $m)) {
                $out[$m[1]] = self::value($m[2], $m[1] === 'cascade');
            } elseif (trim($part) !== '') {
                $out[(string) $positional++] = self::value($part, false);
            }
        }

        return $out;
    }

    private static function value(string $v, bool $isSet): string
    {
        $v = preg_replace('/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/', '', trim($v)); // white space outside quotes
        $v = preg_replace('/"\\\\+/', '"', $v); // "\XLite\Model\Order" => "XLite\Model\Order"
        $v = preg_replace_callback('/\b(true|false|TRUE|FALSE|True|False)\b/', fn ($m) => strtolower($m[1]), $v);
        if ($isSet && preg_match('/^\{(.*)\}$/', $v, $m)) {
            $items = explode(',', $m[1]);
            sort($items);
            $v = '{' . implode(',', $items) . '}';
        }

        return $v;
    }

    /** Splits at commas outside quotes and brackets. */
    private static function splitTop(string $s): array
    {
        $parts = [];
        $depth = 0;
        $quoted = false;
        $current = '';
        foreach (str_split($s) as $c) {
            if ($c === '"') {
                $quoted = !$quoted;
            } elseif (!$quoted && ($c === '(' || $c === '{')) {
                $depth++;
            } elseif (!$quoted && ($c === ')' || $c === '}')) {
                $depth--;
            } elseif (!$quoted && $depth === 0 && $c === ',') {
                $parts[] = trim($current);
                $current = '';
                continue;
            }
            $current .= $c;
        }
        $parts[] = trim($current);

        return $parts;
    }

    /** @return list<string> how the stand-in's facts differ from the real ones */
    public static function differences(array $real, array $standin): array
    {
        $problems = [];
        foreach (array_unique(array_merge(array_keys($real), array_keys($standin))) as $name) {
            if (!isset($standin[$name])) {
                $problems[] = "lacks @ORM\\$name" . ($real[$name] === '' ? '' : "({$real[$name]})");
            } elseif (!isset($real[$name])) {
                $problems[] = "has @ORM\\$name, the real one does not";
            } elseif ($real[$name] !== $standin[$name]) {
                $problems[] = "has @ORM\\$name({$standin[$name]}), the real one @ORM\\$name({$real[$name]})";
            }
        }

        return $problems;
    }
}
