<?php
// [inferred] the @Extender\After annotation class of the xcart/extender vendor package; the stand-in reads the docblock text itself
namespace XCart\Extender\Mapping\Extender;

final class After
{
}
