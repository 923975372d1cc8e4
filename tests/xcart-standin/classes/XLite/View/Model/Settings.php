<?php
/*
 * XLite\View\Model\Settings (classes/XLite/View/Model/Settings.php): the settings form of the
 * options the controller's getOptions() lists (through AView::__call, e.g. Controller\Admin\Module).
 *
 * Fields: getSchemaFields() (:95-107) with getFormFieldByOption() (:146-166): the option's field
 * class (detectFormFieldClassByOption() :175-219: "checkbox" is Input\Checkbox\OnOffLegacy, "text"
 * Input\Text, "textarea" Textarea\Simple, "separator" Separator\Regular, a class name is itself), its
 * label and comment, and the option's widgetParameters as field parameters (e.g. min, trusted).
 *
 * Saving (AModel::performAction() calls setModelProperties() :443-470 before it validates):
 * getOptionsToUpdate() (:479-501) takes each editable option (not hidden, separator or a label
 * type, :583-611) whose name is in the request data — an option the form did not post keeps its
 * value — sanitizeOptionValue() (:654-682): "checkbox" options become "Y"/"N", "text" ones are
 * trimmed, PasswordWithValue keeps null (= unchanged), anything else is the value or ''; isChanged()
 * (:641-644): not null and !== the stored value; updateOptions() (:510-525) writes each changed one
 * with Repo\Config::createOption() (flushed at once). performActionUpdate() (:388-393) then drops
 * Config's runtime cache.
 */
declare(strict_types=1);

namespace XLite\View\Model;

class Settings extends AModel
{
    /** name => new value; X-Cart keeps it on the entity (Config::setNewValue(), Model/Config.php:128) */
    private array $standinNewValues = [];

    public function getSchemaFields()
    {
        $list = [];
        foreach ($this->getOptions() as $option) {
            $cell = $this->getFormFieldByOption($option);
            if ($cell) {
                $list[$option->getName()] = $cell;
            }
        }

        return $list;
    }

    protected function getFormFieldByOption(\XLite\Model\Config $option)
    {
        $cell = null;
        $class = $this->detectFormFieldClassByOption($option);
        if ($class) {
            $cell = [
                static::SCHEMA_CLASS => $class,
                static::SCHEMA_LABEL => $option->getName(), // X-Cart: getOptionName(), the translated label
                static::SCHEMA_REQUIRED => $this->isOptionRequired($option),
            ];
            $parameters = $option->getWidgetParameters();
            if ($parameters && is_array($parameters)) {
                $cell += $parameters;
            }
        }

        return $cell;
    }

    protected function detectFormFieldClassByOption(\XLite\Model\Config $option)
    {
        $type = $option->getType() ?: 'text';
        $classes = [
            'textarea' => 'XLite\View\FormField\Textarea\Simple',
            'checkbox' => 'XLite\View\FormField\Input\Checkbox\OnOffLegacy',
            'country' => 'XLite\View\FormField\Select\Country',
            'state' => 'XLite\View\FormField\Select\State',
            'currency' => 'XLite\View\FormField\Select\Currency',
            'separator' => 'XLite\View\FormField\Separator\Regular',
            'text' => 'XLite\View\FormField\Input\Text',
            'hidden' => null,
        ];
        if (array_key_exists($type, $classes)) {
            return $classes[$type];
        }

        return strpos($type, '\\') !== false ? $type : null;
    }

    protected function isOptionRequired(\XLite\Model\Config $option)
    {
        $widgetParams = $option->getWidgetParameters();

        return !empty($widgetParams['required']);
    }

    protected function performActionUpdate()
    {
        \XLite\Core\Config::dropRuntimeCache();

        return true;
    }

    protected function getModelObjectValue($name)
    {
        foreach ($this->getOptions() as $option) {
            if ($option->getName() === $name) {
                return $option->getValue();
            }
        }

        return null;
    }

    protected function setModelProperties(array $data)
    {
        $this->updateOptions($this->getOptionsToUpdate($data));
    }

    protected function getOptionsToUpdate(array $data)
    {
        $result = [];
        foreach ($this->getEditableOptions() as $key => $option) {
            $name = $option->getName();
            if (array_key_exists($name, $data)) {
                $newValue = $this->sanitizeOptionValue($option, $data[$name]);
                if ($this->isChanged($option, $newValue)) {
                    $this->standinNewValues[$name] = $newValue;
                    $result[] = $option;
                }
            }
        }

        return $result;
    }

    protected function updateOptions(array $options)
    {
        foreach ($options as $option) {
            if ($this->preprocessOption($option)) {
                \XLite\Core\Database::getRepo('XLite\Model\Config')->createOption([
                    'category' => $option->getCategory(),
                    'name' => $option->getName(),
                    'type' => $option->getType(),
                    'value' => $this->standinNewValues[$option->getName()],
                    'orderby' => $option->getOrderby(),
                ]);
            }
        }
    }

    /** :534-545 preprocess<Name>Option() when the model has one */
    protected function preprocessOption($option)
    {
        $method = 'preprocess' . \Includes\Utils\Converter::convertToUpperCamelCase($option->getName()) . 'Option';

        return method_exists($this, $method) ? $this->$method($option) : true;
    }

    protected function getEditableOptions()
    {
        $options = $this->getOptions();
        $exclude = $this->getNotEditableOptionTypes();
        foreach ($options as $key => $option) {
            if (in_array($option->getType(), $exclude, true)) {
                unset($options[$key]);
            }
        }

        return $options;
    }

    protected function getNotEditableOptionTypes()
    {
        return [
            'XLite\View\FormField\Input\TextProxiedLabel',
            'XLite\View\FormField\Label\TranslationLabel',
            'XLite\View\FormField\Textarea\AdvancedProxiedLabel',
            'XLite\View\FormField\Textarea\SimpleProxiedLabel',
            'hidden',
            'separator',
        ];
    }

    protected function getDefaultModelObject()
    {
        return null;
    }

    protected function getFormClass()
    {
        return 'XLite\View\Form\Settings';
    }

    protected function isChanged($option, $value)
    {
        return $value !== null && $option->getValue() !== $value;
    }

    /** [stand-in] without the sanitize<Category><Name>() methods of the core settings */
    protected function sanitizeOptionValue($option, $value)
    {
        $type = $option->getType();
        if ($type === 'checkbox') {
            return empty($value) ? 'N' : 'Y';
        }
        if ($type === 'serialized' && $value !== null && is_array($value)) {
            return serialize($value);
        }
        if ($type === 'text') {
            return $value !== null ? trim($value) : '';
        }
        if ($type === 'XLite\View\FormField\Input\PasswordWithValue') {
            return $value ?? null;
        }

        return $value ?? '';
    }
}
