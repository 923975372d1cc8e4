<?php
/*
 * Reads the X-Cart reference (xcart-5.5.md): the methods and constants it states, per section, and
 * which stand-in class each statement is about.
 *
 * A statement is a backticked method mention inside a mapped section:
 *   signature  `public static function getLogger(string $name): LoggerInterface`, `getName($useDefault=true, $shortName=false)`,
 *              `Repo\Order::createQueryBuilder($alias=null, ...)` (parameters are $vars, typed or with defaults)
 *   call       `Mailer::sendOrderShipped($order)`, `findOneBy(['sku'=>$sku])`, `->roundValue($v)` (arity only)
 *   name       `getOrderId()`, `getTitle, getFirstname, ...` (existence only: the reference names the method)
 * Attribution: the class before `::`; else the class the sentence is about (a backticked class name or the
 * section heading's class) when it has the method; else every class of the section that has it.
 */

declare(strict_types=1);

namespace XCartLint;

final class Reference
{
    /**
     * Which stand-in classes each section of the reference documents. Database::getEM() is X-Cart's
     * XLite\Core\Doctrine\ORM\EntityManager (a decorator of Doctrine's, in the stand-in too), getLogger()
     * returns a PSR-3 LoggerInterface and XCart\Container::getContainer() Symfony's ContainerInterface.
     */
    public const SECTIONS = [
        '1.6' => ['XLite\Module\AModule'],
        '2.1' => ['XLite\Model\Order', 'XLite\Model\Cart', 'XLite\Model\Repo\Order', 'XLite\Model\Currency'],
        '2.2' => ['XLite\Model\Order\Status\AStatus', 'XLite\Model\Order\Status\Payment', 'XLite\Model\Order\Status\Shipping'],
        '2.3' => ['XLite\Model\OrderItem', 'XC\ProductVariants\Model\OrderItem'],
        '2.4' => ['XLite\Model\Base\Surcharge', 'XLite\Model\Order\Surcharge', 'XLite\Model\OrderItem\Surcharge', 'XLite\Model\Order'],
        '2.5' => ['XLite\Model\Profile', 'XLite\Model\Address', 'XLite\Model\Base\Address', 'XLite\Model\State', 'XLite\Model\Country', 'XLite\Model\AEntity'],
        '2.6' => ['XLite\Model\Payment\Transaction', 'XLite\Model\Payment\Method', 'XLite\Model\Payment\BackendTransaction'],
        '2.7' => ['XLite\Model\OrderTrackingNumber', 'XLite\Model\Order', 'XLite\Core\Mailer', 'XLite\Core\OrderHistory',
            'XLite\Model\Order\Status\Shipping', 'XLite\Model\Repo\ARepo', 'XLite\Core\Doctrine\ORM\EntityManager'],
        '3' => ['XLite\Model\Product', 'XC\ProductVariants\Model\ProductVariant', 'XLite\Core\Database', 'XLite\Model\Repo\ARepo',
            'XLite\Model\Repo\Product', 'XC\ProductVariants\Model\Repo\ProductVariant', 'XLite\Core\Doctrine\ORM\EntityManager'],
        '4.1' => ['XLite\Core\Config', 'XLite\Model\Config', 'XLite\Model\Repo\Config'],
        '4.2' => ['XLite\Controller\Admin\AAdmin', 'XLite\Controller\AController', 'XLite\Core\Auth', 'XLite\Core\TopMessage',
            'XLite\Core\Converter', 'XLite\View\AView', 'XLite\View\Form\AForm', 'XLite\View\Tabs\ATabs', 'XLite\Model\AEntity',
            'XLite\Model\Repo\ARepo'],
        '4.3' => ['XLite\View\Menu\Admin\LeftMenu', 'XLite\View\Menu\Admin\AAdmin'],
        '5' => ['XLite\Core\Task\ATask', 'XLite\Core\Task\Base\Periodic', 'XLite\Model\Task', 'XCart\Event\Task\CronEvent', 'XCart\Container',
            'Symfony\Component\DependencyInjection\ContainerInterface'],
        '6' => ['XLite\Logger', 'XLite\InjectLoggerTrait', 'Psr\Log\LoggerInterface'],
    ];

    /**
     * Classes whose methods the reference says are magic (__call): Address fields (§2.5, AEntity::__call)
     * and Doctrine's findOneByX/findByX/countByX on repositories (§2.1, §3). Class => name pattern.
     */
    public const MAGIC = [
        'XLite\Model\Address' => '/^(get|set)[A-Z]/',
        'XLite\Model\Repo\ARepo' => '/^(findOneBy|findBy|countBy)[A-Z]/',
    ];

    private const PARAM = '/^(?:(\??[\\\\\w|]+)\s+)?(\.\.\.)?\$(\w+)(?:\s*=\s*(.+))?$/s';

    /** @var list<array> the method mentions: section, line, text, kind, names, prefix, params, classes... */
    public array $mentions = [];
    /** @var array<string, list<array{line: int, text: string}>> section => backticked spans */
    public array $spans = [];

    public function __construct(public string $file, private Standin $standin)
    {
        $section = null;
        $context = null;
        foreach (file($file, FILE_IGNORE_NEW_LINES) as $i => $line) {
            if (preg_match('/^#{2,3} (\d+(?:\.\d+)?)\.? /', $line, $m)) {
                $section = $m[1];
                $heading = $this->classIn($line, $section);
                $context = $heading;
                continue;
            }
            if ($section === null || !isset(self::SECTIONS[$section])) {
                continue;
            }
            if (trim($line) === '' || preg_match('/^\s*(- |\d+\. )/', $line)) {
                $context = $heading;
            }
            $context = $this->readLine($line, $i + 1, $section, $context);
        }
    }

    public static function sectionsOf(string $class): array
    {
        $out = [];
        foreach (self::SECTIONS as $section => $classes) {
            if (in_array($class, $classes, true)) {
                $out[] = $section;
            }
        }

        return $out;
    }

    /** Reads one line's backticked spans; returns the class the text is about afterwards. */
    private function readLine(string $line, int $lineNo, string $section, ?string $context): ?string
    {
        preg_match_all('/`([^`]+)`/', $line, $spans, PREG_OFFSET_CAPTURE);
        foreach ($spans[1] as [$span, $offset]) {
            $this->spans[$section][] = ['line' => $lineNo, 'text' => $span];
            $cited = (bool) preg_match('/^`\s*:\d+/', substr($line, $offset + strlen($span)));
            foreach ($this->mentionsIn($span, $cited) as $mention) {
                $mention += ['section' => $section, 'line' => $lineNo, 'span' => $span];
                $prefixClass = $mention['prefix'] === null ? null : $this->resolveShort($mention['prefix'], $section);
                $mention['classes'] = $this->attribute($mention['name'], $prefixClass, $context, $section);
                $this->mentions[] = $mention;
                $context = $prefixClass ?? $context;
            }
            $context = $this->classIn($span, $section) ?? $context;
        }

        return $context;
    }

    /** @return list<array{name: string, prefix: ?string, kind: string, params: ?list<array>, args: ?int, static: ?bool, visibility: ?string, returns: ?string}> */
    private function mentionsIn(string $span, bool $cited): array
    {
        if (preg_match('/^\w+(?:,\s*\w+)+$/', $span) && preg_match('/^(get|set|is)[A-Z]/', $span)) {
            return array_map(fn ($n) => $this->mention($n, null, 'name'), preg_split('/,\s*/', $span));
        }
        $out = [];
        $re = '/(?:(public|protected|private)\s+)?(static\s+)?(function\s+)?(?:([\\\\\w]+)::|(->))?(\w+(?:\|\w+)*)\(/';
        preg_match_all($re, $span, $found, PREG_OFFSET_CAPTURE | PREG_SET_ORDER);
        foreach ($found as $f) {
            $inner = self::balanced($span, $f[0][1] + strlen($f[0][0]));
            $unprefixed = ($f[4][0] ?? '') === '' && ($f[5][0] ?? '') === '';
            $isFunction = $unprefixed && function_exists($f[6][0]) && $f[6][0] === strtolower($f[6][0]);
            $isTwig = $unprefixed && in_array($f[6][0], ['t', 'xurl', 'widget', 'widget_list'], true);
            if ($inner === null || !preg_match('/^[a-z_]/', $f[6][0]) || $isFunction || $isTwig) {
                continue;
            }
            $after = substr($span, $f[0][1] + strlen($f[0][0]) + strlen($inner) + 1);
            foreach (explode('|', $f[6][0]) as $name) {
                $out[] = $this->classify($name, $f, $inner, $after, $cited);
            }
        }

        return $out;
    }

    /** A plain `name($a, $b)` is a signature only when a line number follows it (` :823`); else it is a call example. */
    private function classify(string $name, array $f, string $inner, string $after, bool $cited): array
    {
        $prefix = ($f[4][0] ?? '') !== '' ? ltrim($f[4][0], '\\') : null;
        $declared = ($f[3][0] ?? '') !== '';
        $params = trim($inner) === '' ? [] : self::params($inner);
        $typedOrDefault = $params !== null && array_filter($params, fn ($p) => $p['type'] !== null || $p['default'] !== null);
        $callContext = $prefix !== null || ($f[5][0] ?? '') === '->';
        if ($declared || ($params && ($typedOrDefault || (!$callContext && $cited && trim($after) === '')))) {
            $mention = $this->mention($name, $prefix, 'signature');
            $mention['params'] = $params;
            $mention['static'] = $declared ? ($f[2][0] ?? '') !== '' : null;
            $mention['visibility'] = $declared && ($f[1][0] ?? '') !== '' ? $f[1][0] : null;
            $mention['returns'] = preg_match('/^\s*:\s*\??([\\\\\w]+)/', $after, $r) ? $r[1] : null;

            return $mention;
        }
        if (trim($inner) === '' || str_contains($inner, '..')) {
            return $this->mention($name, $prefix, 'name');
        }
        $mention = $this->mention($name, $prefix, 'call');
        $mention['args'] = count(self::splitTop($inner));

        return $mention;
    }

    private function mention(string $name, ?string $prefix, string $kind): array
    {
        return ['name' => $name, 'prefix' => $prefix, 'kind' => $kind, 'params' => null, 'args' => null,
            'static' => null, 'visibility' => null, 'returns' => null];
    }

    /** The text between the parentheses that open at $start-1, or null when they do not close. */
    private static function balanced(string $s, int $start): ?string
    {
        $depth = 1;
        for ($i = $start, $n = strlen($s); $i < $n; $i++) {
            $depth += $s[$i] === '(' || $s[$i] === '[' ? 1 : ($s[$i] === ')' || $s[$i] === ']' ? -1 : 0);
            if ($depth === 0) {
                return substr($s, $start, $i - $start);
            }
        }

        return null;
    }

    private static function splitTop(string $s): array
    {
        $parts = [];
        $depth = 0;
        $current = '';
        foreach (str_split($s) as $ch) {
            $depth += in_array($ch, ['(', '[', '{'], true) ? 1 : (in_array($ch, [')', ']', '}'], true) ? -1 : 0);
            if ($ch === ',' && $depth === 0) {
                $parts[] = trim($current);
                $current = '';
                continue;
            }
            $current .= $ch;
        }
        $parts[] = trim($current);

        return $parts;
    }

    /** @return list<array{type: ?string, variadic: bool, name: string, default: ?string}>|null null when not a parameter list */
    private static function params(string $inner): ?array
    {
        $out = [];
        foreach (self::splitTop($inner) as $p) {
            if (!preg_match(self::PARAM, $p, $m)) {
                return null;
            }
            $out[] = ['type' => $m[1] !== '' ? $m[1] : null, 'variadic' => $m[2] !== '', 'name' => $m[3],
                'default' => isset($m[4]) ? trim($m[4]) : null];
        }

        return $out;
    }

    /** A class of the section (or any stand-in class) that a backticked text names, e.g. `XLite\Model\Profile`, `classes/XLite/Logger.php:88`, `use \XLite\InjectLoggerTrait;`. */
    private function classIn(string $text, string $section): ?string
    {
        if (preg_match('#classes/(XLite/[\w/]+)\.php#', $text, $m)) {
            return $this->standin->known(str_replace('/', '\\', $m[1]));
        }
        if (preg_match('/(?:^|[\s`(\\\\])((?:XLite|XC)\\\\[\w\\\\]+)/', $text, $m)) {
            return $this->standin->known(rtrim($m[1], '\\'));
        }

        return null;
    }

    /** `Repo\Order` => XLite\Model\Repo\Order: the section's class (else any stand-in class) ending with the name. */
    private function resolveShort(string $short, string $section): ?string
    {
        if ($this->standin->known($short)) {
            return $short;
        }
        $candidates = array_merge(self::SECTIONS[$section], $this->standin->classes);
        foreach ($candidates as $class) {
            if ($class === $short || str_ends_with($class, '\\' . $short)) {
                return $class;
            }
        }

        return null;
    }

    /** @return list<string> the stand-in classes the mention is about (empty: none has the method); magic only as a last resort */
    private function attribute(string $name, ?string $prefixClass, ?string $context, string $section): array
    {
        foreach (['declares', 'has'] as $test) {
            if ($prefixClass !== null) {
                if ($this->standin->$test($prefixClass, $name)) {
                    return [$prefixClass];
                }
                continue;
            }
            if ($context !== null && $this->standin->$test($context, $name)) {
                return [$context];
            }
            $classes = array_values(array_filter(self::SECTIONS[$section], fn ($c) => $this->standin->$test($c, $name)));
            if ($classes) {
                return $classes;
            }
        }

        return [];
    }

    /** Whether a constant name appears in a backticked text of the given sections. */
    public function statesConstant(string $const, array $sections): bool
    {
        foreach ($sections as $section) {
            foreach ($this->spans[$section] ?? [] as $span) {
                if (preg_match('/\b' . preg_quote($const, '/') . '\b/', $span['text'])) {
                    return true;
                }
            }
        }

        return false;
    }
}
