<?php
// XLite\Model\Profile (classes/XLite/Model/Profile.php), §2.5
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\Common\Collections\ArrayCollection;

class Profile extends AEntity
{
    protected $profile_id;
    protected $login = '';
    protected $lastCheckoutEmail;   // [inferred name]
    protected $addresses;
    protected $order;               // set on an order's own profile copy [inferred]
    protected $anonymous = false;

    public function __construct(array $data = [])
    {
        $this->addresses = new ArrayCollection();
        parent::__construct($data);
    }

    public function getProfileId() { return $this->profile_id; }
    /** the e-mail (:1164) */
    public function getLogin() { return $this->login; }
    public function setLogin($login) { $this->login = $login; return $this; }

    /** last checkout e-mail, else the login (:1708) */
    public function getEmail()
    {
        return $this->lastCheckoutEmail ?: $this->login;
    }

    public function setLastCheckoutEmail($email) { $this->lastCheckoutEmail = $email; return $this; }
    public function getAnonymous() { return $this->anonymous; }
    public function setAnonymous($b) { $this->anonymous = (bool)$b; return $this; }
    public function getOrder() { return $this->order; }
    public function setOrder(?Order $order = null) { $this->order = $order; return $this; }

    public function getAddresses() { return $this->addresses; }

    public function addAddresses(Address $address)
    {
        $address->setProfile($this);
        $this->addresses->add($address);
        return $this;
    }

    /** may be null (:495) */
    public function getBillingAddress()
    {
        foreach ($this->addresses as $a) {
            if ($a->getIsBilling()) {
                return $a;
            }
        }
        return null;
    }

    /** may be null (:505) */
    public function getShippingAddress()
    {
        foreach ($this->addresses as $a) {
            if ($a->getIsShipping()) {
                return $a;
            }
        }
        return null;
    }

    /**
     * getName($useDefault = true, $shortName = false) (:444)
     * [inferred] first and last name of the billing (else shipping) address; the
     * first name alone when $shortName; the login part before "@" when there is
     * no name and $useDefault.
     */
    public function getName($useDefault = true, $shortName = false)
    {
        $address = $this->getBillingAddress() ?? $this->getShippingAddress();
        $name = '';
        if ($address) {
            $name = $shortName ? (string)$address->getFirstname()
                : trim($address->getFirstname() . ' ' . $address->getLastname());
        }
        if ($name === '' && $useDefault) {
            $name = explode('@', (string)$this->login)[0];
        }
        return $name;
    }

    public function standinCascade(): array
    {
        return $this->addresses->toArray();
    }
}
