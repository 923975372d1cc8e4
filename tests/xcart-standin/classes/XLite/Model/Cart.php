<?php
// XLite\Model\Cart: an unplaced order (is_order = 0, Order.php:45-47); the Order repository skips it
declare(strict_types=1);

namespace XLite\Model;

class Cart extends Order
{
}
