<?php
// XLite\Model\Base\IOrderItem (classes/XLite/Model/Base/IOrderItem.php): what an order item can be bought as (Product).
declare(strict_types=1);

namespace XLite\Model\Base;

interface IOrderItem
{
    public function getId();

    public function getPrice();

    public function getWeight();

    public function getMinPurchaseLimit();

    public function getMaxPurchaseLimit();

    public function getName();

    public function getSku();

    public function getImage();

    public function getFreeShipping();

    public function getURL();
}
