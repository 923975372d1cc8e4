<?php
// XLite\Model\Repo\Profile (classes/XLite/Model/Repo/Profile.php)
declare(strict_types=1);

namespace XLite\Model\Repo;

class Profile extends \XLite\Model\Repo\ARepo
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
}
