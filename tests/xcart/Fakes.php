<?php

namespace CloudLink\InforSync\Tests;

/**
 * Minimal objects with the getters of X-Cart's entities (not X-Cart classes, not the stand-in):
 * Fake::of(['getSku' => 'A']) answers getSku() with 'A'; a missing getter is an error.
 */
class Fake
{
    private $values;

    public function __construct(array $values)
    {
        $this->values = $values;
    }

    public static function of(array $values): self
    {
        return new self($values);
    }

    public function __call($name, $args)
    {
        if (!array_key_exists($name, $this->values)) {
            throw new \BadMethodCallException('fake has no ' . $name . '()');
        }
        $v = $this->values[$name];

        return $v instanceof \Closure ? $v(...$args) : $v;
    }
}
