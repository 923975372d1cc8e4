<?php
// [inferred] placeholder for Symfony's Bundle (symfony/http-kernel is not installed), so a module's <Name>Bundle class loads
namespace Symfony\Component\HttpKernel\Bundle;

abstract class Bundle
{
    public function getName(): string
    {
        return substr(strrchr('\\' . static::class, '\\'), 1);
    }
}
