<?php

namespace CloudLink\InforSync\Model;

use CloudLink\InforSync\Core\CustomerChanges;
use Doctrine\ORM\Mapping as ORM;
use XCart\Extender\Mapping\Extender;

/**
 * Customers to Infor (only with customer sync on, i.e. the setting customer_template is set):
 * customer.created when a registered profile was written the first time (with a complete address),
 * customer.updated when it was written again — the profile row, or its addresses (see the Address
 * and AddressFieldValue mixins). One event per profile per flush, sent after the commit
 * (Core\CustomerChanges). An update whose content did not change (a login stamps the profile) has
 * the same idempotency key and spools nothing.
 *
 * @Extender\Mixin
 * @ORM\HasLifecycleCallbacks
 */
class Profile extends \XLite\Model\Profile
{
    /**
     * @ORM\PostPersist
     */
    public function inforSyncAfterInsert()
    {
        CustomerChanges::created($this);
    }

    /**
     * @ORM\PostUpdate
     */
    public function inforSyncAfterUpdate()
    {
        CustomerChanges::updated($this);
    }
}
