<?php
declare(strict_types=1);

namespace XLite\Model\Base;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Base\I18n (classes/XLite/Model/Base/I18n.php): an entity whose
 * texts (name, ...) live in <Class>Translation rows, one per language code.
 * getName()/setName() :48-60 go to the translation; setTranslationField()
 * :107 adds the translation when it is new. The stand-in speaks English only: the
 * language a translation is looked up in is the edit language when set, else the session's,
 * which is always "en" here (X-Cart also asks the API, import/export and the session).
 *
 * @ORM\MappedSuperclass
 */
abstract class I18n extends \XLite\Model\AEntity
{
    protected $editLanguage;

    protected $translations;

    public function __construct(array $data = [])
    {
        $this->translations = new \Doctrine\Common\Collections\ArrayCollection();
        parent::__construct($data);
    }

    public function getName()
    {
        return $this->getTranslationField(__FUNCTION__);
    }

    public function setName($name)
    {
        return $this->setTranslationField(__FUNCTION__, $name);
    }

    protected function getTranslationField($method)
    {
        return $this->getSoftTranslation()->$method();
    }

    public function setTranslationField($method, $value)
    {
        $translation = $this->getTranslation();
        if (!$this->hasTranslation($translation->getCode())) {
            $this->addTranslations($translation);
        }

        return $translation->$method($value);
    }

    public function getTranslations()
    {
        return $this->translations;
    }

    public function setEditLanguage($code)
    {
        $this->editLanguage = $code;

        return $this;
    }

    public function addTranslations(\XLite\Model\Base\Translation $translation)
    {
        $this->translations[] = $translation;
    }

    public function getTranslation($code = null, $allowEmptyResult = false)
    {
        $result = $this->getHardTranslation($code);
        if ($result === null && !$allowEmptyResult) {
            $class = \Doctrine\Common\Util\ClassUtils::getClass($this) . 'Translation';
            $result = new $class();
            $result->setOwner($this);
            $result->setCode($this->getTranslationCode($code));
        }

        return $result;
    }

    public function getHardTranslation($code = null)
    {
        $code = $this->getTranslationCode($code);
        foreach ($this->translations as $translation) {
            if ($translation->getCode() === $code) {
                return $translation;
            }
        }

        return null;
    }

    public function getSoftTranslation($code = null)
    {
        return $this->getHardTranslation($code) ?? ($this->translations->first() ?: $this->getTranslation($code));
    }

    public function hasTranslation($code = null)
    {
        return $this->getHardTranslation($code) !== null;
    }

    /** :334 — the given code, else the edit language, else the session's */
    protected function getTranslationCode($code = null)
    {
        return $code ?? ($this->editLanguage ?: $this->getSessionLanguageCode());
    }

    /** :363 [stand-in: the session language is always English] */
    protected function getSessionLanguageCode()
    {
        return 'en';
    }
}
