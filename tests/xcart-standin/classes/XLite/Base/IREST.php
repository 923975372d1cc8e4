<?php
// XLite\Base\IREST (classes/XLite/Base/IREST.php): a repository X-Cart's REST API can read.
declare(strict_types=1);

namespace XLite\Base;

interface IREST
{
    /** @return array the names the REST API uses for the repository's entities */
    public function getRESTNames();
}
