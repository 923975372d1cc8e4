<?php
// XLite\Model\Repo\Config (classes/XLite/Model/Repo/Config.php)
declare(strict_types=1);

namespace XLite\Model\Repo;

class Config extends \XLite\Model\Repo\Base\I18n
{
    protected $alternativeIdentifier = [
        ['category', 'name'],
    ];

    /**
     * :loadFixtures — X-Cart then empties its cached options tree; the stand-in's equivalent is the
     * options tree Core\Config holds, read again on the next getInstance().
     */
    public function loadFixtures(array $data, \XLite\Model\AEntity $parent = null, array $parentAssoc = [])
    {
        parent::loadFixtures($data, $parent, $parentAssoc);
        \XLite\Core\Config::dropRuntimeCache();
    }

    /** :getAllOptions — every option, arranged by processOptions() (X-Cart keeps it in its cache). */
    public function getAllOptions($force = false)
    {
        return $this->processOptions($this->findAll());
    }

    /**
     * The options as Config::getInstance() shows them (processOptions :259-286): a ConfigCell per
     * category; a module's category "Author\Name" becomes two levels (the author's cell answers an
     * unknown module with an empty cell). checkbox -> bool ('Y' and '1' are true), serialized ->
     * unserialized, any other type the value as stored.
     * [inferred] a value still held by an entity that was not read again reads as the text column
     * gives it back: a PHP bool as '1'/'', a number as its string.
     */
    public function processOptions($data)
    {
        $config = new \XLite\Core\ConfigCell(true);
        foreach ($data as $option) {
            $value = $option->getValue();
            if (is_bool($value)) {
                $value = $value ? '1' : '';
            } elseif ($value === null || is_scalar($value)) {
                $value = (string) $value;
            }
            switch ($option->getType()) {
                case 'checkbox':
                    $value = $value === 'Y' || $value === '1';
                    break;
                case 'serialized':
                    $value = is_string($value) ? @unserialize($value) : $value;
                    break;
            }
            $category = $option->getCategory();
            if (str_contains($category, '\\')) {
                [$author, $module] = explode('\\', $category, 2);
                $authorCell = isset($config->$author) ? $config->$author : ($config->$author = new \XLite\Core\ConfigCell(true));
                $cell = isset($authorCell->$module) ? $authorCell->$module : ($authorCell->$module = new \XLite\Core\ConfigCell());
            } else {
                $cell = isset($config->$category) ? $config->$category : ($config->$category = new \XLite\Core\ConfigCell());
            }
            $cell->{$option->getName()} = $value;
        }

        return $config;
    }

    /**
     * createOption(['category' => .., 'name' => .., 'value' => .., 'type' => .., 'orderby' => ..])
     * (:349-391): updates the value of the option with that category and name, or creates it with
     * the given fields; flushes unless $silent. Returns nothing, as X-Cart's (look the option up
     * with findOneBy() after a flush). [stand-in] a given type is also set on an existing option.
     */
    public function createOption($data, $silent = false)
    {
        $option = $this->findOneBy(['category' => $data['category'], 'name' => $data['name']]);
        if ($option === null) {
            $option = new \XLite\Model\Config();
            $option->setCategory($data['category']);
            $option->setName($data['name']);
            $option->setType($data['type'] ?? 'text');
            if (isset($data['orderby'])) {
                $option->setOrderby($data['orderby']);
            }
            \XLite\Core\Database::getEM()->persist($option);
        }
        if (array_key_exists('value', $data)) {
            $option->setValue($data['value']);
        }
        if (isset($data['type'])) {
            $option->setType($data['type']);
        }
        if (!$silent) {
            \XLite\Core\Database::getEM()->flush();
        }
    }
}
