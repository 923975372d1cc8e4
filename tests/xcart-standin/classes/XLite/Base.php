<?php
/*
 * XLite\Base (classes/XLite/Base.php): the base of X-Cart's services and handlers (Auth, tasks,
 * payment processors, controllers and widgets through Core\Handler), a Singleton. X-Cart's
 * magic __get() of the common singletons ($this->config, $this->auth, ...) and its
 * get()/set() property helpers are not modelled: the stand-in's classes do not use them.
 */
declare(strict_types=1);

namespace XLite;

class Base extends \XLite\Base\Singleton
{
}
