<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\ConfigTranslation (classes/XLite/Model/ConfigTranslation.php).
 *
 * @ORM\Entity
 * @ORM\Table (name="config_translations")
 */
class ConfigTranslation extends \XLite\Model\Base\Translation
{
    /** @ORM\Column (type="string", length=255) */
    protected $option_name = '';
    /** @ORM\Column (type="text") */
    protected $option_comment = '';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Config", inversedBy="translations")
     * @ORM\JoinColumn (name="id", referencedColumnName="config_id", onDelete="CASCADE")
     */
    protected $owner;

    public function getOptionName()
    {
        return $this->option_name;
    }

    public function setOptionName($optionName)
    {
        $this->option_name = $optionName;

        return $this;
    }

    public function getOptionComment()
    {
        return $this->option_comment;
    }

    public function setOptionComment($optionComment)
    {
        $this->option_comment = $optionComment;

        return $this;
    }
}
