<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Config (classes/XLite/Model/Config.php), §4.1: one setting row, table config,
 * unique (name, category); name <= 32 characters (:55); its label and comment are a
 * translation (ConfigTranslation option_name, option_comment).
 *
 * @ORM\Entity
 * @ORM\Table (name="config",
 *      uniqueConstraints={ @ORM\UniqueConstraint (name="nc", columns={"name", "category"}) }
 * )
 */
class Config extends \XLite\Model\Base\I18n
{
    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer") */
    protected $config_id;
    /** @ORM\Column (type="string", length=32) */
    protected $name = '';
    /** @ORM\Column (type="string", length=64) */
    protected $category = '';
    /** @ORM\Column (type="string", length=128) */
    protected $type = '';
    /** @ORM\Column (type="integer") */
    protected $orderby = 0;
    /** @ORM\Column (type="text") */
    protected $value = '';
    /** @ORM\Column (type="array", nullable=true) */
    protected $widgetParameters;

    /** @ORM\OneToMany (targetEntity="XLite\Model\ConfigTranslation", mappedBy="owner", cascade={"all"}) */
    protected $translations;

    public function getOptionName()
    {
        return $this->getTranslationField(__FUNCTION__);
    }

    public function setOptionName($optionName)
    {
        return $this->setTranslationField(__FUNCTION__, $optionName);
    }

    public function getOptionComment()
    {
        return $this->getTranslationField(__FUNCTION__);
    }

    public function setOptionComment($optionComment)
    {
        return $this->setTranslationField(__FUNCTION__, $optionComment);
    }

    public function getConfigId() { return $this->config_id; }
    public function getName() { return $this->name; }
    public function setName($name)
    {
        if (strlen((string)$name) > 32) {
            throw new \LengthException("config name longer than 32 characters: $name"); // [inferred: string(32) column]
        }
        $this->name = $name;
        return $this;
    }
    public function getCategory() { return $this->category; }
    public function setCategory($category) { $this->category = $category; return $this; }
    public function getType() { return $this->type; }
    public function setType($type) { $this->type = $type; return $this; }
    public function getOrderby() { return $this->orderby; }
    public function setOrderby($orderby) { $this->orderby = $orderby; return $this; }
    public function getValue() { return $this->value; }
    public function setValue($value) { $this->value = $value; return $this; }
    public function getWidgetParameters() { return $this->widgetParameters; }
    public function setWidgetParameters($widgetParameters) { $this->widgetParameters = $widgetParameters; return $this; }
}
