<?php
/*
 * The stand-in's database: Doctrine ORM (Debian's php-doctrine-orm) on the
 * test MariaDB server (MariaDB::socket()), with the annotation mappings of the
 * entity classes, as X-Cart 5.5 runs Doctrine (X-Cart 5.5.0's composer.lock
 * pins ORM 2.19; Debian bookworm has 2.14, the same annotation mapping).
 *
 * The schema is made from the classes as composed with the enabled modules'
 * mixins (their @ORM\Column properties included), in a database named after
 * a hash of that schema: processes with the same modules share one, a test
 * process with other mixins gets its own.
 */

declare(strict_types=1);

namespace XCartStandin;

use Doctrine\Common\Annotations\AnnotationReader;
use Doctrine\DBAL\Connection;
use Doctrine\DBAL\DriverManager;
use Doctrine\ORM\Configuration;
use Doctrine\ORM\Mapping\Driver\AnnotationDriver;
use Doctrine\ORM\Proxy\ProxyFactory;
use Doctrine\ORM\Tools\SchemaTool;

final class Doctrine
{
    private static ?string $database = null;
    /** @var list<string> */
    private static array $tables = [];

    /** A new entity manager on the stand-in's database (schema created on first use). */
    public static function createEntityManager(): \XLite\Core\Doctrine\ORM\EntityManager
    {
        $config = self::configuration();
        if (self::$database === null) {
            self::prepareDatabase($config);
        }
        $connection = self::connect(self::$database);
        $em = \Doctrine\ORM\EntityManager::create($connection, $config);

        return new \XLite\Core\Doctrine\ORM\EntityManager($em);
    }

    /** Empties every table (the schema stays). */
    public static function truncateAll(Connection $connection): void
    {
        $connection->executeStatement('SET FOREIGN_KEY_CHECKS = 0');
        foreach (self::$tables as $table) {
            $connection->executeStatement('TRUNCATE TABLE ' . $connection->quoteIdentifier($table));
        }
        $connection->executeStatement('SET FOREIGN_KEY_CHECKS = 1');
    }

    /** The classes mapped as entities: every class file with @ORM\Entity in the stand-in and modules. */
    public static function entityClasses(): array
    {
        $classes = [];
        foreach (Extender::classRoots() as [$prefix, $dir]) {
            $iterator = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($dir, \FilesystemIterator::SKIP_DOTS));
            foreach ($iterator as $file) {
                if ($file->getExtension() !== 'php' || !str_contains($file->getPathname(), '/Model/')) {
                    continue;
                }
                $info = Extender::parse($file->getPathname());
                if ($info['class'] !== null && preg_match('/@ORM\\\\Entity\b/', $info['doc'])) {
                    $classes[] = $info['class'];
                }
            }
        }
        sort($classes);

        return $classes;
    }

    private static function configuration(): Configuration
    {
        // X-Cart's dbal types (config/packages/doctrine.yaml): decimal columns read as floats
        if (!is_a(\Doctrine\DBAL\Types\Type::getType('decimal'), \XLite\Core\ColumnType\Decimal::class)) {
            \Doctrine\DBAL\Types\Type::overrideType('decimal', \XLite\Core\ColumnType\Decimal::class);
        }
        AnnotationReader::addGlobalIgnoredNamespace('XCart\Extender\Mapping');
        AnnotationReader::addGlobalIgnoredName('ListChild');
        $config = new Configuration();
        $config->setMetadataDriverImpl(new AnnotationDriver(new AnnotationReader(), []));
        $config->setProxyDir(sys_get_temp_dir());
        $config->setProxyNamespace('XCartStandinProxies');
        $config->setAutoGenerateProxyClasses(ProxyFactory::AUTOGENERATE_EVAL);
        $config->setRepositoryFactory(new \XCart\Doctrine\ORM\Repository\RepositoryFactoryDecorator());

        return $config;
    }

    private static function connect(?string $database): Connection
    {
        $params = ['driver' => 'pdo_mysql', 'unix_socket' => MariaDB::socket(), 'user' => 'root', 'password' => '',
            'charset' => 'utf8mb4'];
        if ($database !== null) {
            $params['dbname'] = $database;
        }

        return DriverManager::getConnection($params);
    }

    /** Creates the database of this schema unless another process did; serialised by a server lock. */
    private static function prepareDatabase(Configuration $config): void
    {
        $server = self::connect(null);
        $em = \Doctrine\ORM\EntityManager::create($server, $config);
        $metadata = array_map([$em, 'getClassMetadata'], self::entityClasses());
        $schemaTool = new SchemaTool($em);
        $sql = $schemaTool->getCreateSchemaSql($metadata);
        $database = 'xcart_' . substr(sha1(implode(";\n", $sql)), 0, 12);

        $server->fetchOne("SELECT GET_LOCK('xcart-standin-schema', 120)");
        try {
            $exists = $server->fetchOne('SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [$database]);
            if (!$exists) {
                $server->executeStatement("CREATE DATABASE `$database` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                $connection = self::connect($database);
                foreach ($sql as $statement) {
                    $connection->executeStatement($statement);
                }
                $connection->close();
            }
        } finally {
            $server->fetchOne("SELECT RELEASE_LOCK('xcart-standin-schema')");
            $server->close();
        }
        self::$database = $database;
        self::$tables = array_map(static fn ($table) => $table->getName(), $schemaTool->getSchemaFromMetadata($metadata)->getTables());
    }
}
