<?php
// [inferred] the part of doctrine/collections' interface entity getters hand out
namespace Doctrine\Common\Collections;

interface Collection extends \Countable, \IteratorAggregate, \ArrayAccess
{
    public function add($element);
    public function clear();
    public function contains($element);
    public function isEmpty();
    public function remove($key);
    public function removeElement($element);
    public function get($key);
    public function getKeys();
    public function getValues();
    public function set($key, $value);
    public function toArray();
    public function first();
    public function last();
    public function filter(\Closure $p);
    public function map(\Closure $func);
    public function exists(\Closure $p);
}
