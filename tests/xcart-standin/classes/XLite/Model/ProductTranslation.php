<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\ProductTranslation (classes/XLite/Model/ProductTranslation.php).
 *
 * @ORM\Entity
 * @ORM\Table (name="product_translations")
 */
class ProductTranslation extends \XLite\Model\Base\Translation
{
    /** @ORM\Column (type="string", length=255) */
    protected $name = '';
    /** @ORM\Column (type="text") */
    protected $description = '';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Product", inversedBy="translations")
     * @ORM\JoinColumn (name="id", referencedColumnName="product_id", onDelete="CASCADE")
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

    public function getDescription()
    {
        return $this->description;
    }

    public function setDescription($description)
    {
        $this->description = $description;

        return $this;
    }
}
