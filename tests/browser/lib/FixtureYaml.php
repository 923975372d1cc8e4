<?php
/*
 * Reads the YAML subset X-Cart fixture files (config/install.yaml) use, because neither ext-yaml nor
 * symfony/yaml is installed here: top-level "Class:" keys holding lists of rows; a row is either a
 * flow mapping "- { ... }" or block keys "- key: value" / "    key: value"; a block key may hold a
 * list of flow mappings ("translations:" then "      - { ... }"). Scalars: quoted strings, true/false,
 * integers, plain strings. Anything else is an error, so a fixture outside the subset fails loudly.
 */

declare(strict_types=1);

namespace InforSyncBrowser;

final class FixtureYaml
{
    public static function parseFile(string $file): array
    {
        return self::parse((string)file_get_contents($file));
    }

    public static function parse(string $text): array
    {
        $data = [];
        $section = null;
        $row = null;     // index of the current row in $data[$section]
        $listKey = null; // block key of the row whose value is a list
        foreach (preg_split('/\R/', $text) as $n => $line) {
            if (trim($line) === '' || preg_match('/^\s*#/', $line)) {
                continue;
            }
            $indent = strlen($line) - strlen(ltrim($line, ' '));
            $body = trim($line);
            $where = 'line ' . ($n + 1);
            if ($indent === 0 && preg_match('/^([^\s:][^:]*):$/', $body, $m)) {
                $section = $m[1];
                $data[$section] = [];
                $row = $listKey = null;
            } elseif ($indent === 2 && $section !== null && str_starts_with($body, '- ')) {
                $item = substr($body, 2);
                $data[$section][] = str_starts_with($item, '{') ? self::flow($item, $where) : self::pair($item, $where);
                $row = count($data[$section]) - 1;
                $listKey = null;
            } elseif ($indent === 4 && $row !== null) {
                $pair = self::pair($body, $where);
                $data[$section][$row] += $pair;
                $listKey = reset($pair) === null ? key($pair) : null;
            } elseif ($indent === 6 && $listKey !== null && str_starts_with($body, '- {')) {
                $data[$section][$row][$listKey][] = self::flow(substr($body, 2), $where);
            } else {
                throw new \UnexpectedValueException("$where: not in the fixture YAML subset: $line");
            }
        }

        return $data;
    }

    /** "key: value" or "key:" (a list follows) */
    private static function pair(string $text, string $where): array
    {
        if (!preg_match('/^([A-Za-z_][A-Za-z0-9_]*):(?:\s+(.*))?$/', $text, $m)) {
            throw new \UnexpectedValueException("$where: expected key: value, got $text");
        }
        if (!isset($m[2]) || $m[2] === '') {
            return [$m[1] => null];
        }
        $pos = 0;
        $value = self::value($m[2], $pos, $where, false);
        if (trim(substr($m[2], $pos)) !== '') {
            throw new \UnexpectedValueException("$where: unexpected text after the value of {$m[1]}");
        }

        return [$m[1] => $value];
    }

    private static function flow(string $text, string $where): array
    {
        $pos = 0;
        $value = self::value($text, $pos, $where, true);
        if (!is_array($value) || trim(substr($text, $pos)) !== '') {
            throw new \UnexpectedValueException("$where: expected one flow mapping: $text");
        }

        return $value;
    }

    private static function value(string $s, int &$pos, string $where, bool $inFlow)
    {
        self::skipSpace($s, $pos);
        $ch = $s[$pos] ?? '';
        if ($ch === '{' || $ch === '[') {
            return self::collection($s, $pos, $where);
        }
        if ($ch === "'" || $ch === '"') {
            return self::quoted($s, $pos, $where);
        }
        $end = $inFlow ? strcspn($s, ',}]', $pos) : strlen($s) - $pos;
        $plain = trim(substr($s, $pos, $end));
        $pos += $end;

        return self::scalar($plain);
    }

    private static function collection(string $s, int &$pos, string $where): array
    {
        $isMap = $s[$pos] === '{';
        $close = $isMap ? '}' : ']';
        $pos++;
        $out = [];
        while (true) {
            self::skipSpace($s, $pos);
            if (($s[$pos] ?? '') === $close) {
                $pos++;

                return $out;
            }
            if ($isMap) {
                $colon = strpos($s, ':', $pos);
                if ($colon === false) {
                    throw new \UnexpectedValueException("$where: a flow mapping key without a colon");
                }
                $key = trim(substr($s, $pos, $colon - $pos));
                $pos = $colon + 1;
                $out[$key] = self::value($s, $pos, $where, true);
            } else {
                $out[] = self::value($s, $pos, $where, true);
            }
            self::skipSpace($s, $pos);
            $ch = $s[$pos] ?? '';
            if ($ch === ',') {
                $pos++;
            } elseif ($ch !== $close) {
                throw new \UnexpectedValueException("$where: expected , or $close in a flow collection");
            }
        }
    }

    private static function quoted(string $s, int &$pos, string $where): string
    {
        $quote = $s[$pos++];
        $out = '';
        while ($pos < strlen($s)) {
            $ch = $s[$pos++];
            if ($quote === "'" && $ch === "'") {
                if (($s[$pos] ?? '') !== "'") {
                    return $out;
                }
                $pos++; // '' is a single quote
            } elseif ($quote === '"' && $ch === '"') {
                return $out;
            } elseif ($quote === '"' && $ch === '\\') {
                $next = $s[$pos++] ?? '';
                $out .= ['n' => "\n", 't' => "\t"][$next] ?? $next;
                continue;
            }
            $out .= $ch;
        }
        throw new \UnexpectedValueException("$where: unterminated string");
    }

    private static function scalar(string $plain)
    {
        if ($plain === 'true' || $plain === 'false') {
            return $plain === 'true';
        }
        if ($plain === '~' || $plain === 'null') {
            return null;
        }
        if (preg_match('/^-?\d+$/', $plain)) {
            return (int)$plain;
        }

        return $plain;
    }

    private static function skipSpace(string $s, int &$pos): void
    {
        $pos += strspn($s, " \t", $pos);
    }
}
