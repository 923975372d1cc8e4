<?php
// XLite\Core\Database (classes/XLite/Core/Database.php): getEM() :47, getRepo($entity) :63
declare(strict_types=1);

namespace XLite\Core;

class Database
{
    private static ?\XCartStandin\EntityManager $em = null;
    /** @var array<string, \XLite\Model\Repo\ARepo> */
    private static array $repos = [];

    /** [inferred] the Doctrine EntityManager; here the stand-in's in-memory one */
    public static function getEM()
    {
        if (self::$em === null) {
            self::standinReset();
        }
        return self::$em;
    }

    /**
     * The repository of an entity class: <ns>\Model\Repo\<rest> when that class
     * exists (XLite\Model\Order -> XLite\Model\Repo\Order), a generic ARepo otherwise.
     */
    public static function getRepo($entityName)
    {
        $entityName = ltrim((string)$entityName, '\\');
        if (isset(self::$repos[$entityName])) {
            return self::$repos[$entityName];
        }
        self::getEM();
        $pos = strpos($entityName, '\\Model\\');
        $repoClass = $pos === false ? null : substr($entityName, 0, $pos) . '\\Model\\Repo\\' . substr($entityName, $pos + 7);
        if ($repoClass === null || !class_exists($repoClass)) {
            $repoClass = \XLite\Model\Repo\ARepo::class;
        }
        return self::$repos[$entityName] = new $repoClass($entityName);
    }

    /** Stand-in only: a fresh empty database with the order statuses (§2.2) in it. */
    public static function standinReset(): void
    {
        self::$em = new \XCartStandin\EntityManager();
        self::$repos = [];
        foreach (\XLite\Model\Order\Status\Shipping::standinDefaults() as $code => $name) {
            self::$em->standinSeed(new \XLite\Model\Order\Status\Shipping(['code' => $code, 'name' => $name]));
        }
        foreach (\XLite\Model\Order\Status\Payment::standinDefaults() as $code => $name) {
            self::$em->standinSeed(new \XLite\Model\Order\Status\Payment(['code' => $code, 'name' => $name]));
        }
        Config::updateInstance();
        Mailer::standinReset();
        TopMessage::getInstance()->clear();
        OrderHistory::standinReset();
        \XLite\Logger::standinReset();
        Auth::standinReset();
        Request::standinReset();
    }
}
