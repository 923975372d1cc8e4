<?php
/*
 * Stand-in only: the service container XCart\Container::getContainer() returns (X-Cart's is
 * Symfony's compiled container, built from the config/services.yaml files). Here a service is
 * what set() registered, or else — the id being a class name — a new instance of that class made
 * without arguments on the first get() and kept (as Symfony's autowired services, without their
 * constructor arguments). Parameters are a plain map.
 */
declare(strict_types=1);

namespace XCartStandin;

use Symfony\Component\DependencyInjection\ContainerInterface;

final class ServiceContainer implements ContainerInterface
{
    /** @var array<string, object|null> */
    private array $services = [];
    /** @var array<string, mixed> */
    private array $parameters = [];

    public function set(string $id, ?object $service)
    {
        $this->services[$id] = $service;
    }

    public function get(string $id, int $invalidBehavior = self::EXCEPTION_ON_INVALID_REFERENCE)
    {
        if (!array_key_exists($id, $this->services) && class_exists($id)) {
            $this->services[$id] = new $id();
        }
        if (isset($this->services[$id])) {
            return $this->services[$id];
        }
        if ($invalidBehavior === self::EXCEPTION_ON_INVALID_REFERENCE || $invalidBehavior === self::RUNTIME_EXCEPTION_ON_INVALID_REFERENCE) {
            throw new class ("You have requested a non-existent service \"$id\".") extends \RuntimeException implements \Psr\Container\NotFoundExceptionInterface {
            };
        }

        return null;
    }

    public function has(string $id)
    {
        return isset($this->services[$id]) || class_exists($id);
    }

    public function initialized(string $id)
    {
        return isset($this->services[$id]);
    }

    public function getParameter(string $name)
    {
        if (!array_key_exists($name, $this->parameters)) {
            throw new \InvalidArgumentException("You have requested a non-existent parameter \"$name\".");
        }

        return $this->parameters[$name];
    }

    public function hasParameter(string $name)
    {
        return array_key_exists($name, $this->parameters);
    }

    public function setParameter(string $name, $value)
    {
        $this->parameters[$name] = $value;
    }
}
