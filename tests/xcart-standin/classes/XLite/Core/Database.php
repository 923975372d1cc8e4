<?php
/*
 * XLite\Core\Database (classes/XLite/Core/Database.php): getEM() :47 returns
 * the entity manager (XLite\Core\Doctrine\ORM\EntityManager), getRepo($entity)
 * :63 its repository for the class, or null for a class that does not exist.
 * startEntityManager() :143 takes the entity manager from the container again;
 * that is how X-Cart recovers from a closed one (e.g.
 * modules/XC/MigrationWizard/src/Logic/Import/Processor/AProcessor.php:2841:
 * "if (!Database::getEM()->isOpen()) Database::getInstance()->startEntityManager()").
 * [inferred] The container hands out a new entity manager when the old one was
 * closed (Symfony's doctrine registry resets a closed manager); here a new one
 * on the same database.
 */
declare(strict_types=1);

namespace XLite\Core;

class Database extends \XLite\Base\Singleton
{
    use \XLite\InjectLoggerTrait;

    /** @var \XLite\Core\Doctrine\ORM\EntityManager|null */
    protected static $em = null;

    public function __construct()
    {
        if (static::$em === null) {
            $this->startEntityManager();
        }
    }

    public function startEntityManager()
    {
        if (static::$em === null || !static::$em->isOpen()) {
            static::$em = \XCartStandin\Doctrine::createEntityManager();
        }
    }

    public static function getEM()
    {
        if (static::$em === null) {
            static::getInstance();
        }

        return static::$em;
    }

    public static function getRepo($entity)
    {
        $entity = static::getEntityClass($entity);

        return class_exists($entity) ? static::getEM()->getRepository($entity) : null;
    }

    public static function getEntityClass($entity)
    {
        return ltrim($entity, '\\');
    }

    /**
     * Stand-in only: an empty database (every table emptied) with the rows a fresh X-Cart has
     * (XCartStandin\SeedData: order statuses — Shipping ids 1-8: N P S D WND R WFA NBA, Payment
     * ids 1-7: A PP P D C Q R —, currencies, countries, US states, address fields), a new entity
     * manager, and the other in-process state of the stand-in reset.
     */
    public static function standinReset(): void
    {
        if (static::$em !== null && static::$em->isOpen()) {
            static::$em->clear();
            static::$em->getConnection()->close();
        }
        static::$em = \XCartStandin\Doctrine::createEntityManager();
        \XCartStandin\Doctrine::truncateAll(static::$em->getConnection());
        \XCartStandin\SeedData::load(static::$em);
        Config::updateInstance();
        Mailer::standinReset();
        TopMessage::getInstance()->clear();
        OrderHistory::standinReset();
        \XLite\Logger::standinReset();
        Auth::standinReset();
        Request::standinReset();
        Session::standinReset();
        \XCartStandin\TestGateway::standinReset();
        \XLite\Model\Cart::standinReset();
    }
}
