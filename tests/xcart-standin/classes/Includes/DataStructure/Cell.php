<?php
/*
 * Includes\DataStructure\Cell (Includes/DataStructure/Cell.php): a bag of named values kept in
 * $properties; reading a missing one gives null, isset() is false for it and for a null value.
 */
declare(strict_types=1);

namespace Includes\DataStructure;

class Cell
{
    /** @var array<string, mixed> */
    protected $properties = [];

    public function __construct(array $data = null)
    {
        if ($data !== null) {
            $this->setData($data);
        }
    }

    public function __get($name)
    {
        return array_key_exists($name, $this->properties) ? $this->properties[$name] : null;
    }

    public function __set($name, $value)
    {
        $this->properties[$name] = $value;
    }

    public function __isset($name)
    {
        return isset($this->properties[$name]);
    }

    public function __unset($name)
    {
        unset($this->properties[$name]);
    }

    public function getData()
    {
        return $this->properties;
    }

    /** Adds $data: its values replace those of the same names (and come first). */
    public function setData(array $data)
    {
        foreach ($this->properties as $name => $value) {
            if (!array_key_exists($name, $data)) {
                $data[$name] = $value;
            }
        }
        $this->properties = $data;
    }

    public function isEmpty()
    {
        return $this->properties === [];
    }
}
