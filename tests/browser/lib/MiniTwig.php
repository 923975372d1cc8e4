<?php
/*
 * Renders the add-on's admin templates (the real .twig files) with the part of Twig they use, so the
 * browser test runs the shipped markup: {# #} comments, {{ expr }} (HTML-escaped), {% if %}/{% else %},
 * {% for x in expr %} and {% for k, v in expr %}, {% form 'Class' %}...{% endform %}.
 * Expressions: this.method(), t('label'), a loop variable, a quoted string, "not expr".
 * Anything else throws, so a template using more of Twig makes the test fail instead of lying.
 */

declare(strict_types=1);

namespace InforSyncBrowser;

final class MiniTwig
{
    /** @var callable(string $formClass, string $body): string */
    private $renderForm;

    public function __construct(callable $renderForm)
    {
        $this->renderForm = $renderForm;
    }

    public function renderFile(string $file, object $view): string
    {
        $tokens = preg_split('/(\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\})/s', (string)file_get_contents($file), -1,
            PREG_SPLIT_DELIM_CAPTURE | PREG_SPLIT_NO_EMPTY);
        $pos = 0;
        $tree = $this->parse($tokens, $pos, [], basename($file));

        return $this->render($tree, ['this' => $view]);
    }

    /** Nodes up to one of $ends; leaves $pos on the end tag. */
    private function parse(array $tokens, int &$pos, array $ends, string $file): array
    {
        $nodes = [];
        while ($pos < count($tokens)) {
            $tok = $tokens[$pos];
            if (str_starts_with($tok, '{#')) {
                $pos++;
            } elseif (str_starts_with($tok, '{{')) {
                $nodes[] = ['print', trim(substr($tok, 2, -2))];
                $pos++;
            } elseif (str_starts_with($tok, '{%')) {
                $tag = trim(substr($tok, 2, -2));
                $word = strtok($tag, ' ');
                if (in_array($word, $ends, true)) {
                    return $nodes;
                }
                $pos++;
                $nodes[] = $this->parseTag($word, trim(substr($tag, strlen($word))), $tokens, $pos, $file);
            } else {
                $nodes[] = ['text', $tok];
                $pos++;
            }
        }
        if ($ends) {
            throw new \UnexpectedValueException("$file: missing {% " . implode(' / ', $ends) . ' %}');
        }

        return $nodes;
    }

    private function parseTag(string $word, string $args, array $tokens, int &$pos, string $file): array
    {
        switch ($word) {
            case 'if':
                $then = $this->parse($tokens, $pos, ['else', 'endif'], $file);
                $else = [];
                if (trim(substr($tokens[$pos], 2, -2)) === 'else') {
                    $pos++;
                    $else = $this->parse($tokens, $pos, ['endif'], $file);
                }
                $pos++;

                return ['if', $args, $then, $else];
            case 'for':
                if (!preg_match('/^(\w+)(?:\s*,\s*(\w+))?\s+in\s+(.+)$/', $args, $m)) {
                    throw new \UnexpectedValueException("$file: unsupported for: $args");
                }
                $body = $this->parse($tokens, $pos, ['endfor'], $file);
                $pos++;

                return ['for', $m[2] !== '' ? $m[1] : null, $m[2] !== '' ? $m[2] : $m[1], $m[3], $body];
            case 'form':
                $body = $this->parse($tokens, $pos, ['endform'], $file);
                $pos++;

                return ['form', $args, $body];
        }
        throw new \UnexpectedValueException("$file: unsupported tag {% $word %}");
    }

    private function render(array $nodes, array $vars): string
    {
        $out = '';
        foreach ($nodes as $node) {
            switch ($node[0]) {
                case 'text':
                    $out .= $node[1];
                    break;
                case 'print':
                    $out .= htmlspecialchars((string)$this->evaluate($node[1], $vars), ENT_QUOTES, 'UTF-8');
                    break;
                case 'if':
                    $out .= $this->render($this->evaluate($node[1], $vars) ? $node[2] : $node[3], $vars);
                    break;
                case 'for':
                    foreach ($this->evaluate($node[3], $vars) as $k => $v) {
                        $loopVars = $vars;
                        if ($node[1] !== null) {
                            $loopVars[$node[1]] = $k;
                        }
                        $loopVars[$node[2]] = $v;
                        $out .= $this->render($node[4], $loopVars);
                    }
                    break;
                case 'form':
                    $out .= ($this->renderForm)((string)$this->evaluate($node[1], $vars), $this->render($node[2], $vars));
                    break;
            }
        }

        return $out;
    }

    private function evaluate(string $expr, array $vars)
    {
        $expr = trim($expr);
        if (preg_match('/^not\s+(.+)$/s', $expr, $m)) {
            return !$this->evaluate($m[1], $vars);
        }
        if (preg_match("/^'((?:[^'\\\\]|\\\\.)*)'$/s", $expr, $m)) {
            return stripcslashes($m[1]);
        }
        if (preg_match("/^t\\(\\s*('(?:[^'\\\\]|\\\\.)*')\\s*\\)$/s", $expr, $m)) {
            return \XLite\Base\SuperClass::standinTranslate($this->evaluate($m[1], $vars)); // the widgets' t() (protected)
        }
        if (preg_match('/^this\.(\w+)\(\)$/', $expr, $m)) {
            return $vars['this']->{$m[1]}();
        }
        if (preg_match('/^\w+$/', $expr) && array_key_exists($expr, $vars)) {
            return $vars[$expr];
        }
        throw new \UnexpectedValueException("unsupported Twig expression: $expr");
    }
}
