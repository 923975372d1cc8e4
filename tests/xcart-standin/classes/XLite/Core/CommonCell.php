<?php
// XLite\Core\CommonCell (classes/XLite/Core/CommonCell.php): a Cell that can be iterated with foreach (name => value).
declare(strict_types=1);

namespace XLite\Core;

class CommonCell extends \Includes\DataStructure\Cell implements \Iterator
{
    #[\ReturnTypeWillChange]
    public function current()
    {
        return current($this->properties);
    }

    #[\ReturnTypeWillChange]
    public function key()
    {
        return key($this->properties);
    }

    #[\ReturnTypeWillChange]
    public function next()
    {
        return next($this->properties);
    }

    #[\ReturnTypeWillChange]
    public function rewind()
    {
        return reset($this->properties);
    }

    #[\ReturnTypeWillChange]
    public function valid()
    {
        return $this->key() !== null;
    }
}
