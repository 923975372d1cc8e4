<?php
// XLite\Core\Auth: who is logged in; checkACL() needs root access (AAdmin.php:80-83)
declare(strict_types=1);

namespace XLite\Core;

class Auth
{
    const PERMISSION_ROOT = 'root access'; // [inferred value]

    private static ?self $instance = null;
    private array $permissions = [self::PERMISSION_ROOT];

    public static function getInstance()
    {
        return self::$instance ??= new static();
    }

    public function isPermissionAllowed($code)
    {
        return in_array(static::PERMISSION_ROOT, $this->permissions, true) || in_array($code, $this->permissions, true);
    }

    /** [inferred] */
    public function hasRootAccess()
    {
        return in_array(static::PERMISSION_ROOT, $this->permissions, true);
    }

    /** @var \XLite\Model\Profile|null the logged-in customer */
    private $profile;

    /** Auth.php:122 [inferred hash] */
    public static function encryptPassword($password, $algo = 'SHA512')
    {
        return password_hash((string) $password, PASSWORD_DEFAULT);
    }

    /** Auth.php:177 */
    public function loginProfile(\XLite\Model\Profile $profile, $withCells = true)
    {
        $this->profile = $profile;

        return true;
    }

    /** Auth.php:412 */
    public function isLogged()
    {
        return $this->profile !== null;
    }

    /** Auth.php:495 */
    public function getProfile($profileId = null)
    {
        return $this->profile;
    }

    /** Auth.php:650 */
    public function getAdminAccessLevel()
    {
        return 100;
    }

    /** Auth.php:660 */
    public function getCustomerAccessLevel()
    {
        return 0;
    }

    /** Stand-in only: the logged-in admin's permissions (default: root access). */
    public function standinSetPermissions(array $codes): void
    {
        $this->permissions = $codes;
    }

    public static function standinReset(): void
    {
        self::$instance = null;
    }
}
