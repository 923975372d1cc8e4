<?php
declare(strict_types=1);

namespace XLite\Model\Payment;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Payment\BackendTransactionData (classes/XLite/Model/Payment/BackendTransactionData.php): one named value of a transaction (gateway references).
 *
 * @ORM\Entity
 * @ORM\Table (name="payment_backend_transaction_data")
 */
class BackendTransactionData extends \XLite\Model\AEntity
{
    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer") */
    protected $data_id;
    /** @ORM\Column (type="string", length=128) */
    protected $name = '';
    /** @ORM\Column (type="string", length=255) */
    protected $label = '';
    /** @ORM\Column (type="string", options={ "fixed": true }, length=1) */
    protected $access_level = \XLite\Model\Payment\TransactionData::ACCESS_ADMIN;
    /** @ORM\Column (type="text") */
    protected $value = '';
    /**
     * @ORM\ManyToOne (targetEntity="XLite\Model\Payment\BackendTransaction", inversedBy="data")
     * @ORM\JoinColumn (name="backend_transaction_id", referencedColumnName="id", onDelete="CASCADE")
     */
    protected $transaction;

    public function getName()
    {
        return $this->name;
    }

    public function setName($name)
    {
        $this->name = $name;

        return $this;
    }

    public function getValue()
    {
        return $this->value;
    }

    public function setValue($value)
    {
        $this->value = $value;

        return $this;
    }

    public function getLabel()
    {
        return $this->label;
    }

    public function setLabel($label)
    {
        $this->label = $label;

        return $this;
    }

    public function getAccessLevel()
    {
        return $this->access_level;
    }

    public function setAccessLevel($accessLevel)
    {
        $this->access_level = $accessLevel;

        return $this;
    }

    public function getTransaction()
    {
        return $this->transaction;
    }

    public function setTransaction(\XLite\Model\Payment\BackendTransaction $transaction = null)
    {
        $this->transaction = $transaction;

        return $this;
    }
}
