<?php
// [inferred] minimal doctrine/collections ArrayCollection (entities hold their to-many relations in one)
namespace Doctrine\Common\Collections;

class ArrayCollection implements Collection
{
    private array $elements;

    public function __construct(array $elements = [])
    {
        $this->elements = $elements;
    }

    public function add($element) { $this->elements[] = $element; return true; }
    public function clear() { $this->elements = []; }
    public function contains($element) { return in_array($element, $this->elements, true); }
    public function isEmpty() { return $this->elements === []; }
    public function remove($key)
    {
        if (!array_key_exists($key, $this->elements)) {
            return null;
        }
        $removed = $this->elements[$key];
        unset($this->elements[$key]);
        return $removed;
    }
    public function removeElement($element)
    {
        $key = array_search($element, $this->elements, true);
        if ($key === false) {
            return false;
        }
        unset($this->elements[$key]);
        return true;
    }
    public function get($key) { return $this->elements[$key] ?? null; }
    public function getKeys() { return array_keys($this->elements); }
    public function getValues() { return array_values($this->elements); }
    public function set($key, $value) { $this->elements[$key] = $value; }
    public function toArray() { return $this->elements; }
    public function first() { return reset($this->elements); }
    public function last() { return end($this->elements); }
    public function filter(\Closure $p) { return new static(array_filter($this->elements, $p, ARRAY_FILTER_USE_BOTH)); }
    public function map(\Closure $func) { return new static(array_map($func, $this->elements)); }
    public function exists(\Closure $p)
    {
        foreach ($this->elements as $key => $element) {
            if ($p($key, $element)) {
                return true;
            }
        }
        return false;
    }
    public function count(): int { return count($this->elements); }
    public function getIterator(): \Traversable { return new \ArrayIterator($this->elements); }
    public function offsetExists(mixed $offset): bool { return isset($this->elements[$offset]); }
    public function offsetGet(mixed $offset): mixed { return $this->get($offset); }
    public function offsetSet(mixed $offset, mixed $value): void
    {
        if ($offset === null) {
            $this->add($value);
        } else {
            $this->set($offset, $value);
        }
    }
    public function offsetUnset(mixed $offset): void { $this->remove($offset); }
}
