<?php

namespace CloudLink\InforSync;

/**
 * Registers the module's config/services.yaml (the cron task listener) with the kernel.
 * The name must be <Name>Bundle for the service tool to list it in config/dynamic/xcart_bundles.php.
 */
final class InforSyncBundle extends \Symfony\Component\HttpKernel\Bundle\Bundle
{
}
