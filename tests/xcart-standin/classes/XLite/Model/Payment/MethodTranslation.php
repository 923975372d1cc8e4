<?php
declare(strict_types=1);

namespace XLite\Model\Payment;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Payment\MethodTranslation (classes/XLite/Model/Payment/MethodTranslation.php).
 *
 * @ORM\Entity
 * @ORM\Table (name="payment_method_translations")
 */
class MethodTranslation extends \XLite\Model\Base\Translation
{
    /** @ORM\Column (type="string", length=255) */
    protected $name = '';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Payment\Method", inversedBy="translations")
     * @ORM\JoinColumn (name="id", referencedColumnName="method_id", onDelete="CASCADE")
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
