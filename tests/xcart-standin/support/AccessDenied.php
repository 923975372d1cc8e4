<?php
// Stand-in only: what handleRequest() throws when checkACL() is false (X-Cart shows its access-denied page).
declare(strict_types=1);

namespace XCartStandin;

class AccessDenied extends \RuntimeException
{
}
