<?php
/*
 * XLite\Core\Config (classes/XLite/Core/Config.php :29, :39): getInstance()->Author->Name->option,
 * the options of the XLite\Model\Config rows as Repo\Config::processOptions() arranges them
 * (a tree of XLite\Core\ConfigCell).
 * [stand-in] The options are read once and again only on updateInstance() (or readConfig(true));
 * X-Cart also re-reads an empty config and keeps the tree in its cache, which createOption()
 * updates. updateInstance() returns the new tree here (X-Cart's returns nothing).
 */
declare(strict_types=1);

namespace XLite\Core;

class Config extends \XLite\Base\Singleton
{
    /** @var \XLite\Core\ConfigCell|null */
    protected $config;

    /**
     * @return \XLite\Core\ConfigCell
     */
    public static function getInstance($parent = false)
    {
        return parent::getInstance()->readConfig(false, $parent);
    }

    /** Re-reads the options (after createOption()). */
    public static function updateInstance()
    {
        return parent::getInstance()->readConfig(true);
    }

    /** The next getInstance() reads the options again (Settings::performActionUpdate() calls it). */
    public static function dropRuntimeCache()
    {
        parent::getInstance()->config = null;
    }

    public function readConfig($force = false, $parent = false)
    {
        if ($this->config === null || $force) {
            $this->config = $this->readFromDatabase($force, $parent);
        }

        return $this->config;
    }

    protected function readFromDatabase($force = false, $parent = false)
    {
        return \XLite\Core\Database::getRepo('XLite\Model\Config')->getAllOptions($force);
    }
}
