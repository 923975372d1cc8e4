<?php

namespace CloudLink\InforSync\Model;

use CloudLink\InforSync\Core\CustomerChanges;
use CloudLink\InforSync\Core\Extension;
use Doctrine\ORM\Mapping as ORM;
use XCart\Extender\Mapping\Extender;

/**
 * A field of an address (first name, street, city, zip code, phone, ...) is a row of its own: an
 * edit in the address book writes only this row (Address::setterProperty(), which saves the value
 * through the repository at once, classes/XLite/Model/Address.php:176). Its profile changed.
 *
 * @Extender\Mixin
 * @ORM\HasLifecycleCallbacks
 */
class AddressFieldValue extends \XLite\Model\AddressFieldValue
{
    /**
     * @ORM\PostPersist
     * @ORM\PostUpdate
     * @ORM\PostRemove
     */
    public function inforSyncAfterChange()
    {
        try {
            $address = $this->getAddress();
            if ($address && $address->getProfile()) {
                CustomerChanges::updated($address->getProfile());
            }
        } catch (\Throwable $e) {
            Extension::failure('address change', $e);
        }
    }
}
