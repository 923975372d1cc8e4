<?php

namespace CloudLink\InforSync\Core;

/**
 * Collects the customers whose data a flush changed — the profile row itself, or its addresses,
 * which X-Cart keeps in other tables (XLite\Model\Address, and each field of an address in an
 * XLite\Model\AddressFieldValue row, classes/XLite/Model/Address.php; Profile::$addresses is the
 * inverse side, so an address edit never updates the profile row) — and sends one customer.created
 * or customer.updated per profile once the changes are committed and a flush no longer changes it
 * (X-Cart saves an address one field and one flush at a time; see AfterCommit::addWhenQuiet()),
 * built from the profile as it is then.
 * Only with customer sync on, only for registered customers (not the copy an order keeps, not
 * guests, not staff).
 */
final class CustomerChanges
{
    /** @var array<int, array{profile: object, created: bool}> profile id => what changed */
    private static $changed = [];

    public static function created($profile): void
    {
        self::note($profile, true);
    }

    public static function updated($profile): void
    {
        self::note($profile, false);
    }

    private static function note($profile, bool $created): void
    {
        try {
            $id = (int) $profile->getProfileId();
            if ($id <= 0 || !Extension::available() || !self::isCustomer($profile) || !Settings::customerSyncOn()) {
                return;
            }
            self::$changed[$id] = [
                'profile' => $profile,
                'created' => $created || !empty(self::$changed[$id]['created']),
            ];
            AfterCommit::addWhenQuiet(
                'customer:' . $id,
                static function () use ($id) {
                    self::send($id);
                },
                static function () use ($profile) {
                    return Committed::profile($profile);
                }
            );
        } catch (\Throwable $e) {
            Extension::failure('customer change', $e, ['profile_id' => $profile->getProfileId()]);
        }
    }

    private static function send(int $id): void
    {
        $change = self::$changed[$id] ?? null;
        unset(self::$changed[$id]);
        if ($change === null) {
            return;
        }
        $type = $change['created'] ? 'customer.created' : 'customer.updated';
        try {
            $payload = EventBuilder::customer($change['profile']);
            if ($payload['email'] === '') {
                return;
            }
            if ($type === 'customer.created' && !isset($payload['address'])) {
                // no address yet: Infor cannot create it; the first update with one will
                return;
            }
            Extension::enqueue($type, $payload, EventBuilder::customerKey($payload, $type));
        } catch (\Throwable $e) {
            Extension::failure($type, $e, ['profile_id' => $id]);
        }
    }

    private static function isCustomer($profile): bool
    {
        // the copy kept with an order, a guest, staff
        return !$profile->getOrder() && !$profile->getAnonymous() && !$profile->isAdmin();
    }
}
