<?php
// XCart\Container::getContainer()->get(id) (§5). [inferred] a plain service registry: services are registered with standinSet().
declare(strict_types=1);

namespace XCart;

class Container
{
    private static ?self $container = null;
    private array $services = [];

    public static function getContainer()
    {
        return self::$container ??= new static();
    }

    public function get($id)
    {
        if (!isset($this->services[$id])) {
            if (class_exists($id)) {
                return $this->services[$id] = new $id(); // [inferred] autowiring without arguments
            }
            throw new \RuntimeException("service not found: $id");
        }
        return $this->services[$id];
    }

    public function has($id)
    {
        return isset($this->services[$id]) || class_exists($id);
    }

    public function standinSet(string $id, object $service): void
    {
        $this->services[$id] = $service;
    }

    public static function standinReset(): void
    {
        self::$container = null;
    }
}
