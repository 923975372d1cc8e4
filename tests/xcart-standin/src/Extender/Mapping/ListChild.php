<?php
// [inferred] the @ListChild (list=, zone=, weight=) annotation class; the stand-in ignores widget lists
namespace XCart\Extender\Mapping;

final class ListChild
{
}
