<?php
// XLite\Core\TopMessage (TopMessage.php:53-109): messages shown at the top of the next admin page
declare(strict_types=1);

namespace XLite\Core;

class TopMessage
{
    const INFO = 'info';
    const WARNING = 'warning';
    const ERROR = 'error';

    private static ?self $instance = null;
    private array $messages = [];

    public static function getInstance()
    {
        return self::$instance ??= new static();
    }

    public static function addInfo($text, array $arguments = [])
    {
        return static::getInstance()->add($text, $arguments, null, static::INFO);
    }

    public static function addWarning($text, array $arguments = [])
    {
        return static::getInstance()->add($text, $arguments, null, static::WARNING);
    }

    public static function addError($text, array $arguments = [])
    {
        return static::getInstance()->add($text, $arguments, null, static::ERROR);
    }

    /** [inferred] $text is a label name translated with $arguments; the stand-in substitutes {{name}} only */
    public function add($text, array $arguments = [], $code = null, $type = self::INFO, $rawText = false, $ajax = true)
    {
        $rendered = (string)$text;
        foreach ($arguments as $k => $v) {
            $rendered = str_replace('{{' . $k . '}}', (string)$v, $rendered);
        }
        $this->messages[] = ['text' => $rendered, 'type' => $type, 'label' => $text, 'arguments' => $arguments];
        return true;
    }

    public function getMessages()
    {
        return $this->messages;
    }

    public function clear()
    {
        $this->messages = [];
    }
}
