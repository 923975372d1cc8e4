<?php

namespace CloudLink\InforSync\Model;

use CloudLink\InforSync\Core\CustomerChanges;
use CloudLink\InforSync\Core\Extension;
use Doctrine\ORM\Mapping as ORM;
use XCart\Extender\Mapping\Extender;

/**
 * An address added to, changed in (country, state, billing/shipping flags: columns of this row)
 * or removed from a customer's address book changes the customer (classes/XLite/Model/Address.php;
 * Profile::$addresses is the inverse side: the profile row is not written).
 *
 * @Extender\Mixin
 * @ORM\HasLifecycleCallbacks
 */
class Address extends \XLite\Model\Address
{
    /**
     * @ORM\PostPersist
     * @ORM\PostUpdate
     * @ORM\PostRemove
     */
    public function inforSyncAfterChange()
    {
        try {
            if ($this->getProfile()) {
                CustomerChanges::updated($this->getProfile());
            }
        } catch (\Throwable $e) {
            Extension::failure('address change', $e);
        }
    }
}
