<?php
/*
 * XCart\Container (src/Container.php): getContainer() gives Symfony's service container
 * (Symfony\Component\DependencyInjection\ContainerInterface), which X-Cart's kernel hands to
 * setContainer() when it boots; services are then reached with getContainer()->get(id) (§5).
 * [stand-in] No kernel boots: the first getContainer() makes the stand-in's container
 * (XCartStandin\ServiceContainer: services registered with set(), else a class instantiated
 * without arguments).
 */
declare(strict_types=1);

namespace XCart;

use Symfony\Component\DependencyInjection\ContainerInterface;

class Container
{
    private static ?ContainerInterface $container = null;

    public static function getContainer(): ?ContainerInterface
    {
        return self::$container ??= new \XCartStandin\ServiceContainer();
    }

    public static function setContainer(ContainerInterface $container): void
    {
        self::$container = $container;
    }

    /** Stand-in only: the next getContainer() makes a new container. */
    public static function standinReset(): void
    {
        self::$container = null;
    }
}
