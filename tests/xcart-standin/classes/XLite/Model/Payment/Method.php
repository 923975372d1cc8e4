<?php
declare(strict_types=1);

namespace XLite\Model\Payment;

use Doctrine\ORM\Mapping as ORM;

/**
 * XLite\Model\Payment\Method (classes/XLite/Model/Payment/Method.php): table payment_methods;
 * getServiceName() :639, getMethodId() :615, the name a translation; getProcessor() the
 * instance of the processor class named in "class".
 *
 * @ORM\Entity
 * @ORM\Table (name="payment_methods")
 */
class Method extends \XLite\Model\Base\I18n
{
    use \XLite\Core\Cache\ExecuteCachedTrait;

    /** @ORM\Id @ORM\GeneratedValue (strategy="AUTO") @ORM\Column (type="integer") */
    protected $method_id;
    /** @ORM\Column (type="string", length=128) */
    protected $service_name = '';
    /** @ORM\Column (type="string", length=255) */
    protected $class = '';
    /** @ORM\Column (type="string", length=255) */
    protected $moduleName = '';
    /** @ORM\Column (type="integer") */
    protected $orderby = 0;
    /** @ORM\Column (type="boolean") */
    protected $enabled = true;
    /** @ORM\Column (type="string", options={ "fixed": true }, length=1) */
    protected $type = 'C';
    /** @ORM\OneToMany (targetEntity="XLite\Model\Payment\MethodTranslation", mappedBy="owner", cascade={"all"}) */
    protected $translations;

    public function getMethodId()
    {
        return $this->method_id;
    }

    public function getServiceName()
    {
        return $this->service_name;
    }

    public function setServiceName($serviceName)
    {
        $this->service_name = $serviceName;

        return $this;
    }

    public function getClass()
    {
        return $this->class;
    }

    public function setClass($class)
    {
        $this->class = $class;

        return $this;
    }

    /** the processor (a singleton) of the class this method names, or null */
    public function getProcessor()
    {
        $class = $this->getClass();

        return class_exists($class) ? $class::getInstance() : null;
    }
}
