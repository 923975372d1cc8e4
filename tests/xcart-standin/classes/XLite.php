<?php
/*
 * XLite (classes/XLite.php): the application singleton. The stand-in models what controllers use:
 * the response under construction (content :157-177, status :181-193, headers :197-215,
 * sendResponse() :873-883), the current controller (getController() :293-327, setController()
 * :330-340) and the CSRF strategy (getFormIdStrategy() :731-734, config other.csrf_strategy,
 * "per-session" or "per-form", default per-session in config/packages/x_cart.yaml:321).
 *
 * An XLite\Base, so its one instance is Singleton::getInstance()'s.
 * Not autoloadable by the stand-in's loader (no namespace): Controller\AController requires it.
 */

declare(strict_types=1);

class XLite extends \XLite\Base
{
    public const FORM_ID = 'xcart_form_id'; // :84

    public const TARGET_404 = 'page_not_found';

    /** @var \XLite\Controller\AController|null */
    protected static $controller;

    protected $content = '';

    protected $statusCode = 200;

    /** @var array<string, list<string>> */
    protected $headers = [];

    /** Stand-in: null leaves form ids unchecked (unit tests); the browser test sets "per-form" */
    private ?string $standinFormIdStrategy = null;

    /** @var array{status: mixed, headers: array, content: string}|null what sendResponse() sent */
    private ?array $standinSent = null;

    public function getContent(): string
    {
        return $this->content;
    }

    public function setContent(string $content): void
    {
        $this->content = $content;
    }

    public function addContent(string $content): void
    {
        $this->content .= $content;
    }

    public function getStatusCode()
    {
        return $this->statusCode;
    }

    public function setStatusCode($statusCode): void
    {
        $this->statusCode = $statusCode;
    }

    public function getHeaders(): array
    {
        return $this->headers;
    }

    public function addHeader(string $key, string $value, bool $replace = true): void
    {
        if ($replace === true || !isset($this->headers[$key])) {
            $this->headers[$key] = [$value];
        } else {
            $this->headers[$key][] = $value;
        }
    }

    /**
     * Sends status, headers and content (a Symfony Response in X-Cart). The stand-in prints only
     * outside the CLI (the browser test's built-in server); in PHPUnit it just marks the response sent.
     */
    public function sendResponse(): void
    {
        $this->standinSent = ['status' => $this->statusCode, 'headers' => $this->headers, 'content' => $this->content];
        if (PHP_SAPI === 'cli') {
            return;
        }
        http_response_code((int) $this->statusCode);
        foreach ($this->headers as $key => $values) {
            foreach ($values as $i => $value) {
                header("$key: $value", $i === 0);
            }
        }
        echo $this->content;
    }

    /** The controller of this request, created for the request's target when none was set */
    public static function getController()
    {
        if (static::$controller === null) {
            $class = \XLite\Core\Converter::getControllerClass((string) \XLite\Core\Request::getInstance()->target);
            if (class_exists($class)) {
                static::$controller = new $class(\XLite\Core\Request::getInstance()->getData());
            }
        }

        return static::$controller;
    }

    public static function setController($controller = null)
    {
        if ($controller instanceof \XLite\Controller\AController || $controller === null) {
            static::$controller = $controller;
        }
    }

    /** :717-724 the form id a rendered form carries: per-session one for all, per-form a new one each time */
    final public static function getFormId($createNewFormId = true)
    {
        return \XLite::getInstance()->getFormIdStrategy() === 'per-session'
            ? \XLite\Core\Session::getInstance()->createFormId(false)
            : \XLite\Core\Session::getInstance()->createFormId($createNewFormId);
    }

    /** "per-session" or "per-form" (the stand-in: null, form ids not checked, unless set) */
    public function getFormIdStrategy()
    {
        return $this->standinFormIdStrategy;
    }

    /** Stand-in only */
    public function standinSetFormIdStrategy(?string $strategy): void
    {
        $this->standinFormIdStrategy = $strategy;
    }

    /** Stand-in only: whether sendResponse() ran (printAJAX() sends at once) */
    public function standinIsSent(): bool
    {
        return $this->standinSent !== null;
    }

    /**
     * Stand-in only: status, headers and content as sendResponse() sent them (the request goes on
     * after printAJAX(), and may add headers nobody receives any more)
     */
    public function standinSentResponse(): ?array
    {
        return $this->standinSent;
    }

    /** Stand-in only: a fresh response and no controller (the next request) */
    public static function standinReset(): void
    {
        $strategy = static::getInstance()->standinFormIdStrategy;
        static::resetInstance()->standinFormIdStrategy = $strategy;
        static::$controller = null;
    }
}
