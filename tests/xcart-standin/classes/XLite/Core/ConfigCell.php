<?php
/*
 * XLite\Core\ConfigCell (classes/XLite/Core/ConfigCell.php): one level of Config::getInstance().
 * A "main" cell (the top level and an author's level) answers a missing or empty name with a
 * new empty cell, so Config::getInstance()->Author->Name->option reads null instead of failing
 * for a module without settings.
 */
declare(strict_types=1);

namespace XLite\Core;

class ConfigCell extends \XLite\Core\CommonCell
{
    /** @var bool */
    protected $isMain = false;

    public function __construct($isMain = false, array $data = null)
    {
        parent::__construct($data);
        $this->isMain = $isMain;
    }

    public function __get($name)
    {
        $value = parent::__get($name);

        return !$value && $this->isMain ? new \XLite\Core\ConfigCell() : $value;
    }
}
