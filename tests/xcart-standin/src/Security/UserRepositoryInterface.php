<?php
/*
 * XCart\Security\UserRepositoryInterface (src/Security/UserRepositoryInterface.php): what X-Cart's
 * Symfony security layer asks the profile repository (XLite\Model\Repo\Profile): the account of a
 * login, and storing a rehashed password.
 */
declare(strict_types=1);

namespace XCart\Security;

use XLite\Model\Profile;

interface UserRepositoryInterface
{
    public function loadUserByIdentifier(string $identifier): ?Profile;

    public function upgradePassword(Profile $user, string $newHashedPassword): void;
}
