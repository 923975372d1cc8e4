# infor_sync: top-level build. The PHP extension itself is built by phpize
# from config.m4 (out of tree, under $(OUT)/ext); this file drives that and
# builds the PHP-free core as a static library, its C unit tests and the
# Infor sandbox.
#
#   make            extension + sandbox + unit tests
#   make test       every test (C unit, phpt, end to end); prints "N passed, N failed"
#   make demo       starts the sandbox and places X-Cart orders through the extension
#   make SAN=1 OUT=out-asan test   the same under ASan+UBSan

OUT      ?= out
PHPIZE   ?= phpize
PHP      ?= php
SAN      ?=

WARN     := -Wall -Wextra -Werror
CFLAGS   ?= -O2 -g
SANITIZERS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SANFLAGS := $(if $(SAN),$(SANITIZERS))
DEPFLAGS := $(shell pkg-config --cflags libcurl jansson libcrypto)
DEPLIBS  := $(shell pkg-config --libs libcurl jansson libcrypto) -lpthread
ALL_CFLAGS = -std=gnu11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -fPIC -fvisibility=hidden $(DEPFLAGS)

CORE_SRC := $(wildcard src/*/*.c)
CORE_OBJ := $(CORE_SRC:src/%.c=$(OUT)/core/%.o)
CORE_LIB := $(OUT)/libinforsync.a

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(OUT)/unit/%)

SANDBOX_SRC := $(wildcard sandbox/*.c)
SANDBOX_BIN := $(OUT)/infor-sandbox

EXT_SO := $(OUT)/ext/modules/infor_sync.so

.PHONY: all core unit sandbox ext test unit-test demo bench clean stubs FORCE

all: core sandbox unit ext

core: $(CORE_LIB)

$(OUT)/core/%.o: src/%.c src/*/*.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc -c $< -o $@

$(CORE_LIB): $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

unit: $(UNIT_BIN)

$(OUT)/unit/%: tests/unit/%.c tests/unit/stub_server.c tests/unit/request_check.c $(CORE_LIB) tests/unit/*.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-unused-parameter -Isrc -Itests/unit $< tests/unit/stub_server.c tests/unit/request_check.c $(CORE_LIB) $(DEPLIBS) -lcmocka $(SANFLAGS) -o $@

sandbox: $(SANDBOX_BIN)

$(SANDBOX_BIN): $(SANDBOX_SRC) sandbox/*.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags libmicrohttpd) $(SANDBOX_SRC) \
	    $(shell pkg-config --libs libmicrohttpd jansson libcrypto) -lpthread $(SANFLAGS) -o $@

# phpize writes configure & co into the source folder (ignored by git);
# objects, Makefile and the module go to $(OUT)/ext.
configure: config.m4
	$(PHPIZE) >/dev/null

# config.m4 lists src/*/*.c when configure runs: configure again when a file
# is added or removed (the stamp changes only then).
$(OUT)/ext/sources.stamp: FORCE
	@mkdir -p $(OUT)/ext
	@echo $(CORE_SRC) | cmp -s - $@ || echo $(CORE_SRC) > $@

$(OUT)/ext/Makefile: configure $(OUT)/ext/sources.stamp
	@mkdir -p $(OUT)/ext
	cd $(OUT)/ext && CFLAGS="$(CFLAGS) $(SANFLAGS)" LDFLAGS="$(SANFLAGS)" $(CURDIR)/configure --enable-infor-sync >/dev/null

ext: $(EXT_SO)

$(EXT_SO): $(OUT)/ext/Makefile $(CORE_SRC) src/*/*.h ext/*.c ext/*.h
	$(MAKE) -C $(OUT)/ext >/dev/null

stubs:
	scripts/gen-stubs.sh

test: all
	OUT=$(OUT) scripts/run-tests.sh

unit-test: unit
	OUT=$(OUT) scripts/run-tests.sh unit

demo: all
	OUT=$(OUT) scripts/demo.sh

bench: all
	OUT=$(OUT) bench/run.sh

clean:
	rm -rf $(OUT)
	-$(PHPIZE) --clean >/dev/null 2>&1
