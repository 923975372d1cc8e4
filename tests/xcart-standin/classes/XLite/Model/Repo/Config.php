<?php
// XLite\Model\Repo\Config (classes/XLite/Model/Repo/Config.php)
declare(strict_types=1);

namespace XLite\Model\Repo;

class Config extends ARepo
{
    /**
     * The options as Config::getInstance() shows them (processOptions :259-286):
     * category "Author\Name" becomes two levels; checkbox -> bool, serialized -> unserialized,
     * anything else a string.
     */
    public function processOptions(?array $data = null)
    {
        $tree = [];
        foreach ($data ?? $this->findAll() as $option) {
            $value = $option->getValue();
            $type = $option->getType();
            if ($type === 'checkbox') {
                $value = $value == 'Y' || $value === '1' || $value === true; // :277-279
            } elseif ($type === 'serialized') {
                $value = is_string($value) ? @unserialize($value) : $value;
            } else {
                $value = is_bool($value) ? ($value ? '1' : '') : (string)$value; // [inferred: text column]
            }
            $tree[$option->getCategory()][$option->getName()] = $value;
        }
        $result = [];
        foreach ($tree as $category => $options) {
            $parts = explode('\\', $category, 2);
            if (count($parts) === 2) {
                $author = $result[$parts[0]] ?? new \XLite\Core\CommonCell();
                $author->{$parts[1]} = new \XLite\Core\CommonCell($options);
                $result[$parts[0]] = $author;
            } else {
                $result[$category] = new \XLite\Core\CommonCell($options);
            }
        }
        return $result;
    }

    /**
     * createOption(['category' => .., 'name' => .., 'value' => ..]) (:349): creates or
     * updates an option; flushes unless $silent [inferred: second parameter].
     */
    public function createOption($data, $silent = false)
    {
        $option = $this->findOneBy(['category' => $data['category'], 'name' => $data['name']]);
        if ($option === null) {
            $option = new \XLite\Model\Config();
            $option->setCategory($data['category']);
            $option->setName($data['name']);
            $option->setType($data['type'] ?? 'text');
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
        return $option;
    }
}
