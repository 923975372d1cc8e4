<?php
/*
 * XLite\Core\FormIdsTrait (classes/XLite/Core/FormIdsTrait.php): the form ids of the session
 * (XLite\Core\Session), kept in its cell "formIds" as form id => expiry time; the controllers'
 * CSRF check (AController::isFormIdValid()) reads and uses them up. [stand-in] a session always
 * has an id (X-Cart makes a throw-away id without one); ids are made with random_bytes().
 */

declare(strict_types=1);

namespace XLite\Core;

trait FormIdsTrait
{
    /** :15 */
    public static $MAX_FORM_ID_TTL = 3600;

    /** :20 */
    public static $FORM_ID_LENGTH = 32;

    /** :34 */
    protected $lastFormId;

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
}
