<?php
/*
 * Files X-Cart expects in a module directory besides the code (modules/CloudLink/InforSync/).
 */

declare(strict_types=1);

use PHPUnit\Framework\TestCase;

final class ModuleFilesTest extends TestCase
{
    private const MODULE = __DIR__ . '/../../xcart';

    /**
     * Every module of the X-Cart 5.5 snapshot has config/images/icon.png (e.g.
     * modules/XC/UpdateInventory/config/images/icon.png): a 252x252 RGBA PNG in the current ones.
     * src/Command/AssetsInstallCommand.php:96-112 copies config/images to the public directory, uses
     * icon.png as list_icon.png when there is none, and puts X-Cart's default icon there when the
     * module has no config/images.
     */
    public function testTheModuleHasItsIcon(): void
    {
        $file = self::MODULE . '/config/images/icon.png';
        $this->assertFileExists($file);
        $png = (string) file_get_contents($file);
        $this->assertSame("\x89PNG\r\n\x1a\n", substr($png, 0, 8), 'not a PNG');
        $this->assertSame('IHDR', substr($png, 12, 4));
        $ihdr = unpack('Nwidth/Nheight/Cdepth/Ccolor', substr($png, 16, 10));
        $this->assertSame(['width' => 252, 'height' => 252, 'depth' => 8, 'color' => 6], $ihdr, '252x252, 8-bit RGBA');
    }
}
