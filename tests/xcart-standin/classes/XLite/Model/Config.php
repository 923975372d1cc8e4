<?php
// XLite\Model\Config: one setting row (classes/XLite/Model/Config.php); name <= 32 chars (:55)
declare(strict_types=1);

namespace XLite\Model;

class Config extends AEntity
{
    /** short type names (:67-75) */
    const TYPE_TEXT = 'text';
    const TYPE_TEXTAREA = 'textarea';
    const TYPE_CHECKBOX = 'checkbox';
    const TYPE_SELECT = 'select';
    const TYPE_SERIALIZED = 'serialized';
    const TYPE_SEPARATOR = 'separator';
    const TYPE_HIDDEN = 'hidden';
    const TYPE_COUNTRY = 'country';
    const TYPE_STATE = 'state';

    protected $config_id;
    protected $name = '';
    protected $category = '';
    protected $type = '';
    protected $orderby = 0;
    protected $value = '';
    protected $widgetParameters;

    public function getConfigId() { return $this->config_id; }
    public function getName() { return $this->name; }
    public function setName($name)
    {
        if (strlen((string)$name) > 32) {
            throw new \LengthException("config name longer than 32 characters: $name"); // [inferred: string(32) column]
        }
        $this->name = $name;
        return $this;
    }
    public function getCategory() { return $this->category; }
    public function setCategory($category) { $this->category = $category; return $this; }
    public function getType() { return $this->type; }
    public function setType($type) { $this->type = $type; return $this; }
    public function getOrderby() { return $this->orderby; }
    public function setOrderby($orderby) { $this->orderby = $orderby; return $this; }
    public function getValue() { return $this->value; }
    public function setValue($value) { $this->value = $value; return $this; }
    public function getWidgetParameters() { return $this->widgetParameters; }
    public function setWidgetParameters($p) { $this->widgetParameters = $p; return $this; }
}
