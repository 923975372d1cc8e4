<?php
// [inferred] the @Extender\Before annotation class of the xcart/extender vendor package; the stand-in reads the docblock text itself
namespace XCart\Extender\Mapping\Extender;

final class Before
{
}
