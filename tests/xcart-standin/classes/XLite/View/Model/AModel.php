<?php
/*
 * XLite\View\Model\AModel (classes/XLite/View/Model/AModel.php): a form bound to a model. The part
 * the stand-in models is the save, performAction() (:274-295):
 *
 *   1. defineRequestData() (:1241-1259): the request's parameters, each non-numeric value through
 *      HTMLPurifier::purify() (prepareRequestParamsList() of View\RequestHandler\ARequestHandler), kept only for
 *      the form's fields (ArrayManager::filterByKeys), then each field's prepareRequestData() — with
 *      the raw value for a trusted field (prepareRequestDataByFormFields() :1266-1290);
 *   2. setModelProperties(prepareDataForMapping()) — Settings writes the options here;
 *   3. isValid() (:261-264): the fields' validate() (getErrorMessages() :1422-1435); only then
 *      callActionHandler() (performActionUpdate());
 *   4. success: postprocessSuccessAction() (:996-1006): "Data have been saved successfully" (:936-939)
 *      and the controller's setActionSuccess(); failure: rollbackModel(), saveFormData() and
 *      postprocessErrorAction() (:1013-1028): each field error as an error TopMessage, setActionError().
 *
 * Form fields are one flat list here (X-Cart groups them in sections). Not modelled: the saved form
 * data of a refused save (saveFormData()), field dependencies, the form's rendering.
 */
declare(strict_types=1);

namespace XLite\View\Model;

use XLite\View\FormField\AFormField;

abstract class AModel extends \XLite\View\Dialog
{
    const SCHEMA_CLASS = 'class';
    const SCHEMA_VALUE = AFormField::PARAM_VALUE;
    const SCHEMA_REQUIRED = AFormField::PARAM_REQUIRED;
    const SCHEMA_NAME = AFormField::PARAM_NAME;
    const SCHEMA_LABEL = AFormField::PARAM_LABEL;
    const SCHEMA_TRUSTED = AFormField::PARAM_TRUSTED;

    const ACTION_HANDLER_PREFIX = 'performAction';

    protected $currentAction;
    protected $requestData;
    /** @var array<string, AFormField>|null */
    protected $formFields;
    protected $errorMessages;

    abstract protected function getDefaultModelObject();

    abstract protected function getFormClass();

    /**
     * @return array<string, array> field name => schema cell
     * @standin-only the stand-in's form has one flat list of fields, from this; X-Cart's AModel reads its sections' schemas ($schemaDefault, getFormFieldsForSection()), and getSchemaFields() is Model\Settings' own (and AShippingSettings')
     */
    abstract public function getSchemaFields();

    public function performAction($action, array $data = [])
    {
        $this->currentAction = $action;
        $this->defineRequestData($data);

        $requestData = $this->prepareDataForMapping();

        $this->setModelProperties($requestData);

        $result = $this->isValid() && $this->callActionHandler();

        if ($result) {
            $this->postprocessSuccessAction();
        } else {
            $this->rollbackModel();
            $this->postprocessErrorAction();
        }

        return $result;
    }

    public function isValid()
    {
        return !$this->getErrorMessages();
    }

    public function getRequestData($name = null)
    {
        if (!isset($this->requestData)) {
            $this->defineRequestData([], $name);
        }

        return isset($name) ? ($this->requestData[$name] ?? null) : $this->requestData;
    }

    public function getDefaultFieldValue($name)
    {
        return $this->requestData[$name] ?? $this->getModelObjectValue($name);
    }

    protected function defineRequestData(array $data = [], $name = null)
    {
        if (empty($data)) {
            $data = $this->prepareRequestParamsList();
        }
        $this->formFields = null;

        $this->requestData = $this->prepareRequestData($data);
        $this->requestData = array_intersect_key($this->requestData, array_fill_keys($this->getFormFields(true), true));
        $this->requestData = $this->prepareRequestDataByFormFields($this->requestData);
        $this->formFields = null; // built again with the request's values
    }

    protected function prepareRequestData(array $data)
    {
        return $data;
    }

    protected function prepareRequestDataByFormFields($requestData)
    {
        $schemas = $this->getSchemaFields();
        $nonFilteredData = \XLite\Core\Request::getInstance()->getNonFilteredData();

        foreach ($requestData as $name => $value) {
            $formField = $this->getFormFieldsByName($name);
            if ($formField) {
                if ($formField->isTrusted() || !empty($schemas[$name][static::SCHEMA_TRUSTED])) {
                    $value = $nonFilteredData[$name];
                }
                $requestData[$name] = $formField->prepareRequestData($value);
            }
        }

        return $requestData;
    }

    protected function prepareDataForMapping()
    {
        return $this->getRequestData();
    }

    /** X-Cart maps the data onto the model object (:727-772); Settings writes options instead */
    protected function setModelProperties(array $data)
    {
    }

    protected function getModelObjectValue($name)
    {
        return null;
    }

    /**
     * The form's fields, built from getSchemaFields() with the value getDefaultFieldValue() gives.
     * [stand-in] a field whose class the stand-in does not model is left out (and its value with it).
     *
     * @return array<string, AFormField>|list<string>
     */
    protected function getFormFields($onlyNames = false)
    {
        if (!isset($this->formFields)) {
            $this->formFields = [];
            foreach ($this->getSchemaFields() as $name => $data) {
                $field = $this->getFieldBySchema($name, $data);
                if ($field) {
                    $this->formFields[$name] = $field;
                }
            }
        }

        return $onlyNames ? array_keys($this->formFields) : $this->formFields;
    }

    protected function getFormFieldsByName($name)
    {
        return $this->getFormFields()[$name] ?? null;
    }

    protected function getFieldBySchema($name, array $data)
    {
        $class = $data[static::SCHEMA_CLASS];
        if (!class_exists($class)) {
            return null;
        }
        $data[static::SCHEMA_NAME] = $name;
        $data[static::SCHEMA_VALUE] = $this->getDefaultFieldValue($name);

        return new $class($data);
    }

    protected function getErrorMessages()
    {
        if (!isset($this->errorMessages)) {
            $this->errorMessages = [];
            foreach ($this->getFormFields() as $field) {
                [$flag, $message] = $field->validate();
                if (!$flag) {
                    $this->addErrorMessage($field->getName(), $message);
                }
            }
        }

        return $this->errorMessages;
    }

    protected function addErrorMessage($name, $message, array $data = [])
    {
        $this->errorMessages[$name] = $message;
    }

    protected function callActionHandler($action = null)
    {
        $action = static::ACTION_HANDLER_PREFIX . ucfirst($action ?: $this->currentAction);

        return $this->$action();
    }

    protected function performActionUpdate()
    {
        return true;
    }

    protected function rollbackModel()
    {
    }

    protected function addDataSavedTopMessage()
    {
        \XLite\Core\TopMessage::addInfo('Data have been saved successfully');
    }

    protected function postprocessSuccessActionUpdate()
    {
        $this->addDataSavedTopMessage();
    }

    protected function postprocessSuccessAction()
    {
        $method = __FUNCTION__ . \Includes\Utils\Converter::convertToUpperCamelCase($this->currentAction);
        if (method_exists($this, $method)) {
            $this->$method();
        }
        $this->setActionSuccess();
    }

    protected function postprocessErrorAction()
    {
        \XLite\Core\TopMessage::getInstance()->addBatch($this->getErrorMessages(), \XLite\Core\TopMessage::ERROR);

        $method = __FUNCTION__ . \Includes\Utils\Converter::convertToUpperCamelCase($this->currentAction);
        if (method_exists($this, $method)) {
            $this->$method();
        }
        $this->setActionError();
    }

    /**
     * :1676-1691: the widget list "crud.<class below View\Model, dots, lower case>.<suffix>" that
     * model/header.twig ("header") and model/form/header.twig ("formHeader") display:
     * XLite\View\Model\ModuleSettings gives crud.modulesettings.header.
     * Stand-in only: the list's name (X-Cart displays the list in place).
     */
    public function standinViewSubListName(string $suffix): string
    {
        $class = preg_replace('/^.+\\\\View\\\\Model\\\\/Ss', '', static::class);

        return 'crud.' . strtolower(str_replace('\\', '.', $class)) . '.' . $suffix;
    }

    /** Stand-in only: the fields as the form would show them */
    public function standinGetFormFields(): array
    {
        return $this->getFormFields();
    }
}
