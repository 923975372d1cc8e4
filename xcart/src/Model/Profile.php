<?php

namespace CloudLink\InforSync\Model;

use CloudLink\InforSync\Core\EventBuilder;
use CloudLink\InforSync\Core\Extension;
use CloudLink\InforSync\Core\Settings;
use Doctrine\ORM\Mapping as ORM;
use XCart\Extender\Mapping\Extender;

/**
 * Customers to Infor (only with customer sync on, i.e. the setting customer_template is set):
 * customer.created when a registered profile was written the first time (with a complete address),
 * customer.updated when it was written again. An update whose content did not change (a login
 * stamps the profile) has the same idempotency key and spools nothing.
 *
 * Order copies of profiles (Order::getProfile()) and anonymous (guest) profiles are not customers.
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
        $this->inforSyncSend('customer.created');
    }

    /**
     * @ORM\PostUpdate
     */
    public function inforSyncAfterUpdate()
    {
        $this->inforSyncSend('customer.updated');
    }

    protected function inforSyncSend(string $type): void
    {
        try {
            if (!Extension::available() || !$this->inforSyncIsCustomer() || !Settings::customerSyncOn()) {
                return;
            }
            $payload = EventBuilder::customer($this);
            if ($payload['email'] === '' || $payload['profile_id'] <= 0) {
                return;
            }
            if ($type === 'customer.created' && !isset($payload['address'])) {
                // no address yet: Infor cannot create it; the first order or update with one will
                return;
            }
            Extension::enqueue($type, $payload, EventBuilder::customerKey($payload, $type));
        } catch (\Throwable $e) {
            Extension::failure($type, $e, ['profile_id' => $this->getProfileId()]);
        }
    }

    protected function inforSyncIsCustomer(): bool
    {
        if (method_exists($this, 'getOrder') && $this->getOrder()) {
            return false; // the copy kept with an order
        }
        if (method_exists($this, 'getAnonymous') && $this->getAnonymous()) {
            return false; // a guest
        }
        if (method_exists($this, 'isAdmin') && $this->isAdmin()) {
            return false; // staff
        }

        return true;
    }
}
