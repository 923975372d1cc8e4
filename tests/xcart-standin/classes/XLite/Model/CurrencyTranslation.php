<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\CurrencyTranslation (classes/XLite/Model/CurrencyTranslation.php).
 *
 * @ORM\Entity
 * @ORM\Table (name="currency_translations")
 */
class CurrencyTranslation extends \XLite\Model\Base\Translation
{
    /** @ORM\Column (type="string", length=255) */
    protected $name = '';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Currency", inversedBy="translations")
     * @ORM\JoinColumn (name="id", referencedColumnName="currency_id", onDelete="CASCADE")
     */
    protected $owner;

    public function getName()
    {
        return $this->name;
    }

    public function setName($name)
    {
        $this->name = $name;

        return $this;
    }
}
