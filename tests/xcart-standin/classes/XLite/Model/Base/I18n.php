<?php
declare(strict_types=1);

namespace XLite\Model\Base;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Base\I18n (classes/XLite/Model/Base/I18n.php): an entity whose
 * texts (name, ...) live in <Class>Translation rows, one per language code.
 * getName()/setName() :48-60 go to the translation; setTranslationField()
 * :107 adds the translation when it is new. The stand-in speaks English only
 * [inferred: the session language is "en"].
 *
 * @ORM\MappedSuperclass
 */
abstract class I18n extends \XLite\Model\AEntity
{
    public const DEFAULT_LANGUAGE = 'en';

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

    public function addTranslations(\XLite\Model\Base\Translation $translation)
    {
        $this->translations[] = $translation;

        return $this;
    }

    public function getTranslation($code = null, $allowEmptyResult = false)
    {
        $result = $this->getHardTranslation($code);
        if ($result === null && !$allowEmptyResult) {
            $class = \Doctrine\Common\Util\ClassUtils::getClass($this) . 'Translation';
            $result = new $class();
            $result->setOwner($this);
            $result->setCode($code ?: static::DEFAULT_LANGUAGE);
        }

        return $result;
    }

    public function getHardTranslation($code = null)
    {
        $code = $code ?: static::DEFAULT_LANGUAGE;
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
}
