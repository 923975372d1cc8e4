<?php
// XLite\Model\Repo\AddressField (classes/XLite/Model/Repo/AddressField.php)
declare(strict_types=1);

namespace XLite\Model\Repo;

class AddressField extends \XLite\Model\Repo\Base\I18n
{
    /** the enabled fields by position */
    public function findAllEnabled()
    {
        return $this->findBy(['enabled' => true], ['position' => 'ASC']);
    }
}
