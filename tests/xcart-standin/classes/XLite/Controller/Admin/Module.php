<?php
/*
 * [inferred: not in the reference] XLite\Controller\Admin\Module: a module's settings page, admin.php?target=module&moduleId=Author-Name
 * (reference §1.2); action=update saves the settings form into XLite\Model\Config rows of category
 * Author\Name (§4.1) [inferred: the stand-in writes the rows itself, X-Cart goes through
 * XLite\View\Model\Settings].
 */
declare(strict_types=1);

namespace XLite\Controller\Admin;

class Module extends AAdmin
{
    /** [inferred] option types whose field is a checkbox; an unchecked checkbox posts nothing */
    const STANDIN_CHECKBOX_TYPES = [
        'checkbox',
        'XLite\View\FormField\Input\Checkbox\OnOff',
        'XLite\View\FormField\Input\Checkbox\OnOffWithoutOffLabel',
    ];

    public function getModuleId()
    {
        return (string)\XLite\Core\Request::getInstance()->moduleId;
    }

    /** Author-Name -> Author\Name */
    public function getModuleCategory()
    {
        return str_replace('-', '\\', $this->getModuleId());
    }

    /** [inferred] the module's settings rows in form order (orderby), separators included */
    public function getOptions()
    {
        return \XLite\Core\Database::getRepo(\XLite\Model\Config::class)
            ->findBy(['category' => $this->getModuleCategory()], ['orderby' => 'ASC']);
    }

    public function getTitle()
    {
        return static::t('Module settings');
    }

    /**
     * [inferred] Each posted option is stored (a checkbox as a PHP bool, as OnOff fields do, §4.1);
     * a missing text field keeps its value, null means "keep" (PasswordWithValue, §4.1).
     */
    protected function doActionUpdate()
    {
        $request = \XLite\Core\Request::getInstance();
        $repo = \XLite\Core\Database::getRepo(\XLite\Model\Config::class);
        foreach ($this->getOptions() as $option) {
            $name = $option->getName();
            $value = $request->$name;
            if (in_array($option->getType(), static::STANDIN_CHECKBOX_TYPES, true)) {
                $value = $value !== null && $value !== '' && $value !== '0';
            } elseif ($value === null || is_array($value)) {
                continue;
            }
            $repo->createOption(['category' => $option->getCategory(), 'name' => $name, 'value' => $value], true);
        }
        \XLite\Core\Database::getEM()->flush();
        \XLite\Core\TopMessage::addInfo('The settings have been updated'); // [inferred text]
    }
}
