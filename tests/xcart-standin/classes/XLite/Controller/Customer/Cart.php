<?php
// XLite\Controller\Customer\Cart (classes/XLite/Controller/Customer/Cart.php)
declare(strict_types=1);

namespace XLite\Controller\Customer;

class Cart extends \XLite\Controller\Customer\ACustomer
{
}
