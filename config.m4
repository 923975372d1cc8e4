dnl infor_sync: the Zend glue in ext/, the PHP-free sync core in src/.
PHP_ARG_ENABLE([infor-sync],
  [whether to enable infor_sync (X-Cart <-> Infor CloudSuite sync)],
  [AS_HELP_STRING([--enable-infor-sync], [Enable infor_sync])],
  [no])

if test "$PHP_INFOR_SYNC" != "no"; then
  PKG_CHECK_MODULES([INFOR_SYNC_CURL], [libcurl >= 7.74.0])
  PKG_CHECK_MODULES([INFOR_SYNC_JANSSON], [jansson >= 2.13])
  PKG_CHECK_MODULES([INFOR_SYNC_CRYPTO], [libcrypto >= 1.1.1])

  PHP_EVAL_INCLINE([$INFOR_SYNC_CURL_CFLAGS $INFOR_SYNC_JANSSON_CFLAGS $INFOR_SYNC_CRYPTO_CFLAGS])
  PHP_EVAL_LIBLINE([$INFOR_SYNC_CURL_LIBS $INFOR_SYNC_JANSSON_LIBS $INFOR_SYNC_CRYPTO_LIBS], [INFOR_SYNC_SHARED_LIBADD])
  PHP_ADD_LIBRARY([pthread], [1], [INFOR_SYNC_SHARED_LIBADD])
  PHP_SUBST([INFOR_SYNC_SHARED_LIBADD])

  dnl every C file of the core, one folder per concern (docs/architecture.md)
  infor_sync_core=`cd "$srcdir" && echo src/*/*.c`
  infor_sync_rooms=`cd "$srcdir" && echo src/*/`

  PHP_NEW_EXTENSION([infor_sync], [ext/infor_sync.c ext/php_exceptions.c ext/php_mapping.c ext/php_settings.c ext/php_values.c $infor_sync_core], [$ext_shared], [],
    [-std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-unused-parameter -fvisibility=hidden -I@ext_srcdir@/src])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext])
  for room in $infor_sync_rooms; do
    PHP_ADD_BUILD_DIR([$ext_builddir/$room])
  done
fi
