<?php
/*
 * XLite\Core\Session (classes/XLite/Core/Session.php): session cells (__get/__set :78-125, get/set
 * :128-150) and the form ids of XLite\Core\FormIdsTrait (classes/XLite/Core/FormIdsTrait.php), which
 * the controllers' CSRF check uses (AController::isFormIdValid(), AController.php:1147-1205).
 * unsetBatch() :152. The stand-in keeps the cells in memory; standinGetData()/standinSetData() carry them between the
 * browser test's requests (X-Cart keeps them in the session storage).
 */

declare(strict_types=1);

namespace XLite\Core;

class Session
{
    /** FormIdsTrait.php:15 */
    public static $MAX_FORM_ID_TTL = 3600;

    /** FormIdsTrait.php:20 */
    public static $FORM_ID_LENGTH = 32;

    private static ?self $instance = null;

    private array $data = [];

    /** FormIdsTrait.php:34 */
    protected $lastFormId;

    public static function getInstance()
    {
        return self::$instance ??= new static();
    }

    public function __get(string $name)
    {
        return $this->data[$name] ?? null;
    }

    public function __set(string $name, $value)
    {
        $this->data[$name] = $value;
    }

    public function __isset(string $name)
    {
        return isset($this->data[$name]);
    }

    public function __unset(string $name)
    {
        unset($this->data[$name]);
    }

    public function get(string $name)
    {
        return $this->__get($name);
    }

    public function set(string $name, $value)
    {
        $this->__set($name, $value);
    }

    /** :152 — removes the named cells */
    public function unsetBatch()
    {
        foreach (func_get_args() as $name) {
            $this->__unset($name);
        }
    }

    /** [inferred] a session always has an id in the admin area */
    public function getSessionId(): string
    {
        return 'standin';
    }

    /* ---- FormIdsTrait (classes/XLite/Core/FormIdsTrait.php) ---- */

    /** :56-63 */
    public function resetFormId(): ?string
    {
        return $this->getSessionFormId() ? $this->createFormId(true) : null;
    }

    /** :70-78 the newest form id */
    public function getSessionFormId(): ?string
    {
        $formIds = array_keys($this->getFormIds());

        return $formIds ? (string) array_pop($formIds) : null;
    }

    /** :87-110 per-session: one id for every form; per-form: a new id each time one is forced */
    public function createFormId(bool $force = false): string
    {
        if (!$this->getLastFormId() || $force) {
            $formId = null;
            if (\XLite::getInstance()->getFormIdStrategy() === 'per-session') {
                $formId = $this->getSessionFormId();
            }
            if (\XLite::getInstance()->getFormIdStrategy() !== 'per-session' || !$formId) {
                $formId = $this->generateFormId();
                $this->addFormId($formId);
            }
            $this->lastFormId = $formId;
        }

        return $this->getLastFormId();
    }

    /** :116-138 [the stand-in uses random_bytes] */
    public function generateFormId(): string
    {
        return substr(bin2hex(random_bytes(static::$FORM_ID_LENGTH)), 0, static::$FORM_ID_LENGTH);
    }

    /** :140-143 form id => expiry time */
    public function getFormIds()
    {
        return $this->__get('formIds') ?? [];
    }

    /** :145-150 */
    public function addFormId(string $formId)
    {
        $formIds = $this->getFormIds();
        $formIds[$formId] = Converter::time() + static::$MAX_FORM_ID_TTL;
        $this->__set('formIds', $formIds);
    }

    /** :152-157 */
    public function removeFormId(string $formId)
    {
        $formIds = $this->getFormIds();
        unset($formIds[$formId]);
        $this->__set('formIds', $formIds);
    }

    /** :159-165 */
    public function removeExpiredFormIds()
    {
        $this->__set('formIds', array_filter($this->getFormIds(), static function ($expiry) {
            return (int) $expiry > Converter::time();
        }));
    }

    /** :172-188 a refused action gives its form id back (per-form) */
    public function restoreFormId(): string
    {
        if (\XLite::getInstance()->getFormIdStrategy() === 'per-session') {
            return (string) $this->getLastFormId();
        }
        $requestFormId = Request::getInstance()->{\XLite::FORM_ID};
        if (!empty($requestFormId)) {
            $this->addFormId($requestFormId);
            $this->lastFormId = $requestFormId;
        }

        return (string) $this->getLastFormId();
    }

    /** :193-196 */
    public function getLastFormId(): ?string
    {
        return $this->lastFormId ?? $this->getSessionFormId();
    }

    /* ---- stand-in only ---- */

    public function standinGetData(): array
    {
        return $this->data;
    }

    /** The cells of the next request (a new Session object, as X-Cart's next request has). */
    public static function standinSetData(array $data): void
    {
        self::$instance = new static();
        self::$instance->data = $data;
    }

    public static function standinReset(): void
    {
        self::$instance = null;
    }
}
