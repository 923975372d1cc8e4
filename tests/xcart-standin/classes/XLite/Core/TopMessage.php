<?php
/*
 * XLite\Core\TopMessage (classes/XLite/Core/TopMessage.php): messages shown at the top of the next
 * admin page (addInfo/addWarning/addError :53-112, add() :140-175 keeps one message per type and
 * text). An AJAX response carries the "ajax" ones in its event-messages header instead
 * (AController::translateTopMessagesToHTTPHeaders() with getAJAXMessages() :213-224 and
 * clearAJAX() :278-293). X-Cart keeps them in the session; the stand-in in memory.
 */
declare(strict_types=1);

namespace XLite\Core;

class TopMessage extends \XLite\Base\Singleton
{
    const INFO = 'info';
    const WARNING = 'warning';
    const ERROR = 'error';

    const FIELD_TEXT = 'text';
    const FIELD_TYPE = 'type';
    const FIELD_AJAX = 'ajax';

    private array $messages = [];

    public static function addInfo($text, array $arguments = [], $code = null)
    {
        return static::getInstance()->add($text, $arguments, $code, static::INFO);
    }

    public static function addWarning($text, array $arguments = [], $code = null)
    {
        return static::getInstance()->add($text, $arguments, $code, static::WARNING);
    }

    public static function addError($text, array $arguments = [], $code = null)
    {
        return static::getInstance()->add($text, $arguments, $code, static::ERROR);
    }

    /** [inferred] $text is a label name translated with $arguments; the stand-in substitutes {{name}} only */
    public function add($text, array $arguments = [], $code = null, $type = self::INFO, $rawText = false, $ajax = true)
    {
        if (empty($text)) {
            return false;
        }
        $rendered = (string)$text;
        foreach ($arguments as $k => $v) {
            $rendered = str_replace('{{' . $k . '}}', (string)$v, $rendered);
        }
        $message = ['text' => $rendered, 'type' => $type, 'ajax' => $ajax, 'label' => $text, 'arguments' => $arguments];
        foreach ($this->messages as $i => $m) {
            if ($m['type'] === $type && $m['text'] === $rendered) {
                $this->messages[$i] = $message; // one message per type and text (:163)

                return true;
            }
        }
        $this->messages[] = $message;
        return true;
    }

    public function addBatch(array $messages, $type = self::INFO)
    {
        $result = true;
        foreach ($messages as $message) {
            $result = $result && $this->add($message, [], null, $type);
        }

        return $result;
    }

    public function getMessages()
    {
        return $this->messages;
    }

    public function getAJAXMessages()
    {
        return array_values(array_filter($this->messages, static fn ($m) => $m['ajax']));
    }

    public function clear()
    {
        $this->messages = [];
    }

    public function clearAJAX()
    {
        $this->messages = array_values(array_filter($this->messages, static fn ($m) => !$m['ajax']));
    }
}
