<?php
// XLite\Model\Repo\Profile (classes/XLite/Model/Repo/Profile.php)
declare(strict_types=1);

namespace XLite\Model\Repo;

class Profile extends \XLite\Model\Repo\ARepo implements \XCart\Security\UserRepositoryInterface
{
    /** the anonymous account (not an order's copy) with the profile's login, or null */
    public function findOneAnonymousByProfile(\XLite\Model\Profile $profile)
    {
        return $this->createQueryBuilder('p')
            ->andWhere('p.anonymous = true')
            ->andWhere('p.order IS NULL')
            ->andWhere('p.login = :login')
            ->andWhere('p.profile_id != :id')
            ->setParameter('login', $profile->getLogin())
            ->setParameter('id', (int) $profile->getProfileId())
            ->setMaxResults(1)
            ->getQuery()
            ->getOneOrNullResult();
    }

    /**
     * :1159 (through findByLogin() :122) — the enabled registered account (not anonymous, not an
     * order's copy) with this login, or null
     */
    public function loadUserByIdentifier(string $identifier): ?\XLite\Model\Profile
    {
        return $this->createQueryBuilder('p')
            ->andWhere('p.anonymous = false')
            ->andWhere('p.order IS NULL')
            ->andWhere('p.login = :login')
            ->andWhere('p.status = :status')
            ->setParameter('login', $identifier)
            ->setParameter('status', \XLite\Model\Profile::STATUS_ENABLED)
            ->setMaxResults(1)
            ->getQuery()
            ->getOneOrNullResult();
    }

    /** :1164 — stores the new hash at once */
    public function upgradePassword(\XLite\Model\Profile $user, string $newHashedPassword): void
    {
        $user->setPassword($newHashedPassword);
        $this->update($user, [], true);
    }
}
