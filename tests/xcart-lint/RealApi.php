<?php
/*
 * The real X-Cart 5.5 API (xcart-5.5-api.json, written by scripts/extract-xcart-reference.php): what a class
 * has, counting its traits, the mixins of the modules in the data, its parents and interfaces.
 */

declare(strict_types=1);

namespace XCartLint;

final class RealApi
{
    /** Doctrine's repository base class: its magic finders findByX/findOneByX/countByX. */
    public const DOCTRINE_REPOSITORY = 'Doctrine\ORM\EntityRepository';

    /** @var array<string, array> FQCN => class record */
    public array $classes;
    public array $snapshot;
    /** @var array<string, string> lower-case name => name */
    private array $names = [];
    /** @var array<string, string> lower-case name => name, of the names the snapshot does not have */
    private array $notInSource = [];
    /** @var array<string, list<string>> target => the mixins of it in the data */
    private array $mixins = [];

    public function __construct(public string $file)
    {
        $data = json_decode((string) file_get_contents($file), true, 512, JSON_THROW_ON_ERROR);
        $this->classes = $data['classes'];
        $this->snapshot = $data['snapshot'];
        foreach ($this->classes as $name => $record) {
            $this->names[strtolower($name)] = $name;
            if (in_array('@Extender\Mixin', $record['annotations'], true) && $record['parent'] !== null) {
                $this->mixins[strtolower($record['parent'])][] = $name;
            }
        }
        foreach ($data['not_in_source'] as $name) {
            $this->notInSource[strtolower($name)] = $name;
        }
    }

    /** The data's spelling of the class, or null when the data does not have it. */
    public function find(string $class): ?string
    {
        return $this->names[strtolower(ltrim($class, '\\'))] ?? null;
    }

    public function record(string $class): ?array
    {
        $name = $this->find($class);

        return $name === null ? null : $this->classes[$name];
    }

    /** Whether the extraction looked for the class and the snapshot does not have it. */
    public function notInSource(string $class): bool
    {
        return isset($this->notInSource[strtolower(ltrim($class, '\\'))]);
    }

    /** Why the data lacks a class: not in the snapshot, or the data is older than the code that names it. */
    public function missingClass(string $class): string
    {
        return $this->notInSource($class)
            ? "$class is not in the real X-Cart source ({$this->where()})"
            : "$class is not in " . $this->dataFile() . ': rerun scripts/extract-xcart-reference.php';
    }

    public function where(): string
    {
        return "{$this->snapshot['repository']}@" . substr($this->snapshot['commit'], 0, 8) . ", X-Cart {$this->snapshot['xc_version']}";
    }

    /** The data file's path, from the project's root when it is inside it. */
    public function dataFile(): string
    {
        $root = dirname(__DIR__, 2) . '/';

        return str_starts_with($this->file, $root) ? substr($this->file, strlen($root)) : $this->file;
    }

    /** @return list<string> the class and its parents in the data, nearest first */
    public function lineage(string $class): array
    {
        $out = [];
        for ($c = $this->find($class); $c !== null && !in_array($c, $out, true); $c = $this->find((string) $this->classes[$c]['parent'])) {
            $out[] = $c;
        }

        return $out;
    }

    /** The first parent up the lineage that the data does not have (a vendor class), or null. */
    public function externalParent(string $class): ?string
    {
        $lineage = $this->lineage($class);
        $last = $lineage ? $this->classes[end($lineage)]['parent'] : null;

        return $last === null ? null : ltrim($last, '\\');
    }

    public function isA(string $class, string $ancestor): bool
    {
        foreach ($this->lineage($class) as $c) {
            if (strcasecmp($c, $ancestor) === 0 || in_array(strtolower($ancestor), array_map('strtolower', $this->interfacesOf($c)), true)) {
                return true;
            }
        }

        return strcasecmp((string) $this->externalParent($class), $ancestor) === 0;
    }

    /** @return list<string> the interfaces the class implements, their parents included */
    private function interfacesOf(string $class): array
    {
        $out = [];
        $queue = $this->classes[$class]['interfaces'] ?? [];
        while ($queue) {
            $i = array_shift($queue);
            if (!in_array($i, $out, true)) {
                $out[] = $i;
                array_push($queue, ...($this->record($i)['interfaces'] ?? []));
            }
        }

        return $out;
    }

    /**
     * Where the class gets its members from, in the order PHP would find a method: the class, its traits,
     * the mixins (module classes that decorate it), then the same for each parent; interfaces last.
     * @return list<string>
     */
    public function sources(string $class): array
    {
        $out = [];
        foreach ($this->lineage($class) as $c) {
            foreach ([$c, ...$this->mixins[strtolower($c)] ?? []] as $link) {
                array_push($out, $link, ...$this->traitsOf($link));
            }
        }
        foreach ($this->lineage($class) as $c) {
            array_push($out, ...array_filter(array_map([$this, 'find'], $this->interfacesOf($c))));
        }

        return array_values(array_unique($out));
    }

    /** @return list<string> the traits a class uses, and the traits they use */
    private function traitsOf(string $class): array
    {
        $out = [];
        foreach ($this->classes[$class]['traits'] ?? [] as $trait) {
            if (($t = $this->find($trait)) !== null) {
                array_push($out, $t, ...$this->traitsOf($t));
            }
        }

        return $out;
    }

    /** @return array{class: string, name: string, method: array}|null the real method, found as PHP would */
    public function method(string $class, string $method): ?array
    {
        return $this->member('methods', $class, $method, false);
    }

    /** @return array{class: string, name: string, constant: array}|null */
    public function constant(string $class, string $const): ?array
    {
        $found = $this->member('constants', $class, $const, true);

        return $found === null ? null : ['class' => $found['class'], 'name' => $found['name'], 'constant' => $found['method']];
    }

    /** @return array{class: string, name: string, property: array}|null */
    public function property(string $class, string $property): ?array
    {
        $found = $this->member('properties', $class, $property, true);

        return $found === null ? null : ['class' => $found['class'], 'name' => $found['name'], 'property' => $found['method']];
    }

    private function member(string $kind, string $class, string $name, bool $caseSensitive): ?array
    {
        foreach ($this->sources($class) as $source) {
            foreach ($this->classes[$source][$kind] as $member => $record) {
                if ($caseSensitive ? $member === $name : strcasecmp($member, $name) === 0) {
                    return ['class' => $source, 'name' => $member, 'method' => $record];
                }
            }
        }

        return null;
    }

    /**
     * A method the class has only through magic, as text for a note, or null: AEntity::__call's getX()/setX()
     * of a property x (or one the class's getterProperty()/setterProperty() serves, as Address's fields), and
     * Doctrine's findByX()/findOneByX()/countByX() of a repository whose entity has x.
     */
    public function magic(string $class, string $method): ?string
    {
        if (preg_match('/^(get|set)(\w+)$/i', $method, $m) && ($call = $this->method($class, '__call')) !== null
            && $this->isA($class, 'XLite\Model\AEntity')) {
            return $this->entityMagic($class, $m[1], $m[2], $call['class']);
        }
        if (preg_match('/^(findBy|findOneBy|countBy)(\w+)$/', $method, $m) && $this->isA($class, self::DOCTRINE_REPOSITORY)) {
            $entity = preg_replace('/\\\\Repo\\\\/', '\\', $this->find($class) ?? $class, 1);
            $property = lcfirst($m[2]);
            if ($this->find($entity) !== null && $this->property($entity, $property) === null) {
                return null;
            }

            return "Doctrine's magic $m[1]X() of a repository" . ($this->find($entity) !== null ? " ($entity has \$$property)" : '');
        }

        return null;
    }

    private function entityMagic(string $class, string $verb, string $field, string $callClass): ?string
    {
        $snake = strtolower(preg_replace('/(?<!^)[A-Z]/', '_$0', $field));
        foreach ([lcfirst($field), $snake] as $property) {
            if ($this->property($class, $property) !== null) {
                return "$callClass::__call() ($verb of the property \$$property)";
            }
        }
        $accessor = strtolower($verb) === 'get' ? 'getterProperty' : 'setterProperty';
        $own = $this->method($class, $accessor);
        if ($own !== null && strcasecmp($own['class'], 'XLite\Model\AEntity') !== 0) {
            return "$callClass::__call() through {$own['class']}::$accessor() (fields that are not properties)";
        }

        return null;
    }
}
