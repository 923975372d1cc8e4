<?php
// XLite\Core\CommonCell: a bag of properties; a missing one reads as null [inferred from its use by Config]
declare(strict_types=1);

namespace XLite\Core;

#[\AllowDynamicProperties]
class CommonCell
{
    public function __construct(array $data = [])
    {
        foreach ($data as $k => $v) {
            $this->$k = $v;
        }
    }

    public function __get($name)
    {
        return null;
    }

    public function __isset($name)
    {
        return false;
    }

    public function getData(): array
    {
        return get_object_vars($this);
    }
}
