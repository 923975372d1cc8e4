<?php
// XLite\Core\Auth (classes/XLite/Core/Auth.php): who is logged in and the admin's permissions (AAdmin::checkACL() needs root access, AAdmin.php:80-83)
declare(strict_types=1);

namespace XLite\Core;

class Auth extends \XLite\Base
{
    use \XLite\Core\Cache\ExecuteCachedTrait;
    use \XLite\InjectLoggerTrait;

    /** :44 */
    public const DEFAULT_HASH_ALGO = 'SHA512';

    /**
     * @var list<string> the logged-in admin's permission codes: root access by default ('root access' is
     * X-Cart's \XLite\Model\Role\Permission::ROOT_ACCESS, classes/XLite/Model/Role/Permission.php:20,
     * of an entity the stand-in does not model)
     */
    private array $permissions = ['root access'];

    /** :873 — root access allows everything */
    public function isPermissionAllowed($code)
    {
        return in_array('root access', $this->permissions, true) || in_array($code, $this->permissions, true);
    }

    /** :885 */
    public function hasRootAccess()
    {
        return $this->isPermissionAllowed('root access');
    }

    /** @var \XLite\Model\Profile|null the logged-in customer */
    private $profile;

    /** Auth.php:122 [inferred hash] */
    public static function encryptPassword($password, $algo = self::DEFAULT_HASH_ALGO)
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
        static::standinForgetInstance();
    }
}
