<?php
// Minimal copy of symfony/dependency-injection 5.4's interface (X-Cart 5.5's composer.lock: v5.4.40), the type
// XCart\Container::getContainer() returns; used only when the package (Debian php-symfony-dependency-injection)
// is not installed.
declare(strict_types=1);

namespace Symfony\Component\DependencyInjection;

interface ContainerInterface extends \Psr\Container\ContainerInterface
{
    public const RUNTIME_EXCEPTION_ON_INVALID_REFERENCE = 0;
    public const EXCEPTION_ON_INVALID_REFERENCE = 1;
    public const NULL_ON_INVALID_REFERENCE = 2;
    public const IGNORE_ON_INVALID_REFERENCE = 3;
    public const IGNORE_ON_UNINITIALIZED_REFERENCE = 4;

    public function set(string $id, ?object $service);

    public function get(string $id, int $invalidBehavior = self::EXCEPTION_ON_INVALID_REFERENCE);

    public function has(string $id);

    public function initialized(string $id);

    public function getParameter(string $name);

    public function hasParameter(string $name);

    public function setParameter(string $name, $value);
}
