/* Common includes for the cmocka unit tests of the C core. */
#ifndef ISYNC_UNIT_H
#define ISYNC_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#endif
