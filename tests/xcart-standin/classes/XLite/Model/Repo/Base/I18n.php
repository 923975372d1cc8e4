<?php
/*
 * XLite\Model\Repo\Base\I18n (classes/XLite/Model/Repo/Base/I18n.php): the repository of an
 * entity with translations. X-Cart's query builder joins the translations of the session's
 * language; the stand-in's repositories use Doctrine's finders only, so nothing is added here.
 */
declare(strict_types=1);

namespace XLite\Model\Repo\Base;

abstract class I18n extends \XLite\Model\Repo\ARepo
{
}
