<?php
declare(strict_types=1);

namespace XLite\Model;

use Doctrine\Common\Collections\ArrayCollection;
use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Profile (classes/XLite/Model/Profile.php), §2.5: table profiles.
 * An order keeps its own copy (order_id set, Order::$profile); the customer's
 * account is Order::$orig_profile. Profile::$addresses is the inverse side of
 * Address::$profile: adding or editing an address does not change this row.
 *
 * @ORM\Entity
 * @ORM\Table (name="profiles")
 * @ORM\HasLifecycleCallbacks
 */
class Profile extends \XLite\Model\AEntity
{
    public const MERGE_ALL       = 3;
    public const MERGE_ADDRESSES = 1;
    public const MERGE_ORDERS    = 2;

    public const STATUS_ENABLED  = 'E';
    public const STATUS_DISABLED = 'D';

    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer") */
    protected $profile_id;
    /** the e-mail (:1164) @ORM\Column (type="string", length=128) */
    protected $login = '';
    /** @ORM\Column (type="string") */
    protected $password = '';
    /** @ORM\Column (type="integer") */
    protected $access_level = 0;
    /** @ORM\Column (type="integer") */
    protected $added = 0;
    /** @ORM\Column (type="string", options={ "fixed": true }, length=1) */
    protected $status = self::STATUS_ENABLED;
    /**
     * set on an order's own profile copy
     * @ORM\OneToOne (targetEntity="XLite\Model\Order")
     * @ORM\JoinColumn (name="order_id", referencedColumnName="order_id", onDelete="CASCADE")
     */
    protected $order;
    /** @ORM\Column (type="string", length=2) */
    protected $language = 'en';
    /** @ORM\OneToMany (targetEntity="XLite\Model\Address", mappedBy="profile", cascade={"all"}) */
    protected $addresses;
    /** @ORM\Column (type="boolean") */
    protected $anonymous = false;
    /** @ORM\Column (type="string") */
    protected $lastCheckoutEmail = '';
    /** the names of the addresses and the login, for the admin's search @ORM\Column (type="text", nullable=true) */
    protected $searchFakeField;

    public function __construct(array $data = [])
    {
        $this->addresses = new ArrayCollection();
        parent::__construct($data);
    }

    public function getProfileId()
    {
        return $this->profile_id;
    }

    public function getLogin()
    {
        return $this->login;
    }

    public function setLogin($login)
    {
        $this->login = $login;

        return $this;
    }

    public function setPassword($password)
    {
        $this->password = $password;

        return $this;
    }

    /** last checkout e-mail, else the login (:1708) */
    public function getEmail()
    {
        return $this->getLastCheckoutEmail() ?: $this->getLogin();
    }

    public function getLastCheckoutEmail()
    {
        return $this->lastCheckoutEmail;
    }

    public function setLastCheckoutEmail($lastCheckoutEmail)
    {
        $this->lastCheckoutEmail = (string) $lastCheckoutEmail;

        return $this;
    }

    public function getAnonymous()
    {
        return $this->anonymous;
    }

    public function setAnonymous($anonymous)
    {
        $this->anonymous = (bool) $anonymous;

        return $this;
    }

    public function getAccessLevel()
    {
        return $this->access_level;
    }

    public function setAccessLevel($accessLevel)
    {
        $this->access_level = (int) $accessLevel;

        return $this;
    }

    public function isAdmin()
    {
        return $this->getAccessLevel() >= \XLite\Core\Auth::getInstance()->getAdminAccessLevel();
    }

    public function getOrder()
    {
        return $this->order;
    }

    public function setOrder(\XLite\Model\Order $order = null)
    {
        $this->order = $order;
    }

    public function getAddresses()
    {
        return $this->addresses;
    }

    public function addAddresses(\XLite\Model\Address $addresses)
    {
        $this->addresses[] = $addresses;

        return $this;
    }

    public function getBillingAddress()
    {
        return $this->getAddressByType(\XLite\Model\Address::BILLING);
    }

    public function getShippingAddress()
    {
        return $this->getAddressByType(\XLite\Model\Address::SHIPPING);
    }

    /** the address flagged billing ('b') or shipping ('s'), or null */
    protected function getAddressByType($atype = \XLite\Model\Address::BILLING)
    {
        foreach ($this->getAddresses() as $address) {
            if (($atype === \XLite\Model\Address::BILLING && $address->getIsBilling())
                || ($atype === \XLite\Model\Address::SHIPPING && $address->getIsShipping())) {
                return $address;
            }
        }

        return null;
    }

    /**
     * :444 — first and last name of the billing (else shipping) address; the first name alone
     * when $shortName; else [inferred] the login's part before "@" when $useDefault.
     */
    public function getName($useDefault = true, $shortName = false)
    {
        $address = $this->getBillingAddress() ?: $this->getShippingAddress();
        if ($address) {
            if ($shortName && $address->getFirstname()) {
                return trim($address->getFirstname());
            }
            if ($address->getFirstname() || $address->getLastname()) {
                return trim($address->getFirstname() . ' ' . $address->getLastname());
            }
        }

        return $useDefault ? explode('@', (string) $this->login)[0] : '';
    }

    /** :cloneEntity — the profile with copies of its billing and shipping addresses */
    public function cloneEntity()
    {
        $newProfile = parent::cloneEntity();
        $newProfile->setPassword('');
        $billingAddress = $this->getBillingAddress();
        if ($billingAddress !== null) {
            $newBillingAddress = $billingAddress->cloneEntity();
            $newBillingAddress->setProfile($newProfile);
            $newProfile->addAddresses($newBillingAddress);
        }
        $shippingAddress = $this->getShippingAddress();
        if ($shippingAddress && (!$billingAddress || $billingAddress !== $shippingAddress)) {
            $newShippingAddress = $shippingAddress->cloneEntity();
            $newShippingAddress->setProfile($newProfile);
            $newProfile->addAddresses($newShippingAddress);
        }

        return $newProfile;
    }

    /**
     * :941 [simplified] the anonymous account takes the checkout's e-mail and, with MERGE_ADDRESSES,
     * copies of its addresses in place of its own.
     */
    public function mergeWithProfile(\XLite\Model\Profile $profile, $flag = self::MERGE_ALL)
    {
        $this->setLogin($profile->getLogin());
        if ($flag & self::MERGE_ADDRESSES) {
            foreach ($this->getAddresses()->toArray() as $address) {
                $this->getAddresses()->removeElement($address);
                \XLite\Core\Database::getEM()->remove($address);
            }
            foreach ($profile->getAddresses() as $address) {
                $copy = $address->cloneEntity();
                $copy->setProfile($this);
                $this->addAddresses($copy);
            }
        }

        return true;
    }

    /** :updateSearchFakeField — "first last first" of each address, then the login, joined by ";" */
    public function updateSearchFakeField()
    {
        $parts = [];
        foreach ($this->getAddresses() as $address) {
            $parts[] = trim($address->getFirstname() . ' ' . $address->getLastname() . ' ' . $address->getFirstname());
        }
        $parts[] = $this->getLogin();
        $this->searchFakeField = implode(';', $parts);
    }

    /**
     * @ORM\PrePersist
     */
    public function prepareBeforeCreate()
    {
        if (!$this->added) {
            $this->added = \XLite\Core\Converter::time();
        }
        $this->updateSearchFakeField();
    }

    /**
     * @ORM\PreUpdate
     */
    public function prepareBeforeUpdate()
    {
        $this->updateSearchFakeField();
    }
}
