<?php
// XLite\Controller\Customer\ACustomer (classes/XLite/Controller/Customer/ACustomer.php): the customer's cart.
declare(strict_types=1);

namespace XLite\Controller\Customer;

abstract class ACustomer extends \XLite\Controller\AController
{
    /** :getCart — the session's cart (Model\Cart::getInstance()) */
    public function getCart($doCalculate = null)
    {
        return \XLite\Model\Cart::getInstance($doCalculate ?? false);
    }
}
