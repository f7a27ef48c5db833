# imapguard - the only build entry point. `make help` lists the targets.
#
# Plain `make` and `make check` need only a C compiler: the re2c output is committed
# (parser/lex.gen.c) and regenerated only when re2c is installed and grammar/lex.re is
# newer. CI runs `make check-generated` to catch a .re edited without `make regen`.

CC        ?= cc
AR        ?= ar
CFLAGS    ?= -O2 -g
WARN      := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror
TESTWARN  := -std=c11 -Wall -Wextra -Wno-missing-field-initializers -Werror
SAN       := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
CPPFLAGS  += -Iinclude -Iparser
PREFIX    ?= /usr/local
DESTDIR   ?=

RE2C      ?= re2c
RE2CFLAGS := -W -Werror -b -i --no-generation-date --no-version
HAVE_RE2C := $(shell command -v $(RE2C) 2>/dev/null)

LIB_SRC   := $(sort $(wildcard parser/*.c))
LIB_HDR   := include/imapguard.h parser/internal.h
TOOL_SRC  := $(sort $(wildcard tools/*.c))
TOOL_HDR  := $(wildcard tools/*.h)
TEST_LIB  := tests/harness.c tests/guard.c
TESTS     := $(patsubst tests/%.c,%,$(filter-out $(TEST_LIB),$(wildcard tests/test_*.c)))

LIB_OBJ   := $(patsubst parser/%.c,build/obj/%.o,$(LIB_SRC))

.PHONY: all help check sanitize regen check-generated bench install clean test-bins
.DEFAULT_GOAL := all

all: build/libimapguard.a build/imapguard

help:
	@echo "make                  build/libimapguard.a and build/imapguard"
	@echo "make check            all tests under ASan+UBSan; ends with 'N passed, N failed'"
	@echo "make sanitize         build/asan/imapguard (ASan+UBSan, abort on first report)"
	@echo "make regen            regenerate parser/lex.gen.c from grammar/lex.re (needs re2c)"
	@echo "make check-generated  fail if parser/lex.gen.c differs from a fresh re2c run"
	@echo "make bench            parse throughput: MB/s, commands/s, instructions/byte"
	@echo "make install PREFIX=  library, header, pkg-config file and CLI"

# ---- generated lexer ----
ifneq ($(HAVE_RE2C),)
parser/lex.gen.c: grammar/lex.re
	$(RE2C) $(RE2CFLAGS) -o $@ $<
endif

regen:
	@command -v $(RE2C) >/dev/null || { echo "make regen needs re2c (apt install re2c)"; exit 1; }
	$(RE2C) $(RE2CFLAGS) -o parser/lex.gen.c grammar/lex.re

check-generated:
	@command -v $(RE2C) >/dev/null || { echo "check-generated needs re2c"; exit 1; }
	@mkdir -p build
	$(RE2C) $(RE2CFLAGS) -o build/lex.gen.c grammar/lex.re
	@cmp build/lex.gen.c parser/lex.gen.c || { echo "parser/lex.gen.c is stale: run make regen"; exit 1; }
	@echo "parser/lex.gen.c matches grammar/lex.re"

# ---- library and CLI ----
build/obj/%.o: parser/%.c $(LIB_HDR)
	@mkdir -p build/obj
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

build/libimapguard.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

build/imapguard: $(TOOL_SRC) $(TOOL_HDR) build/libimapguard.a
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -Itools -o $@ $(TOOL_SRC) build/libimapguard.a

sanitize: build/asan/imapguard

build/asan/imapguard: $(LIB_SRC) $(LIB_HDR) $(TOOL_SRC) $(TOOL_HDR)
	@mkdir -p build/asan
	$(CC) $(WARN) $(SAN) $(CPPFLAGS) -Itools -o $@ $(LIB_SRC) $(TOOL_SRC)

# ---- tests (ASan + UBSan) ----
build/test/%: tests/%.c $(TEST_LIB) tests/*.h $(LIB_SRC) $(LIB_HDR)
	@mkdir -p build/test
	$(CC) $(TESTWARN) $(SAN) $(CPPFLAGS) -Itests -o $@ $< $(TEST_LIB) $(LIB_SRC)

# The malloc-counting test wraps the allocator, so it is linked on its own.
build/test/test_nomalloc: tests/test_nomalloc.c $(TEST_LIB) tests/*.h $(LIB_SRC) $(LIB_HDR)
	@mkdir -p build/test
	$(CC) $(TESTWARN) $(SAN) $(CPPFLAGS) -Itests -o $@ $< $(TEST_LIB) $(LIB_SRC) \
	    -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc -Wl,--wrap=free

test-bins: $(addprefix build/test/,$(TESTS)) build/asan/imapguard build/libimapguard.a

check: test-bins
	@sh tests/run.sh $(addprefix build/test/,$(TESTS))

# ---- benchmark ----
bench: build/bench_parse
	@sh bench/run.sh

build/bench_parse: bench/bench_parse.c bench/mix.c bench/mix.h $(LIB_SRC) $(LIB_HDR)
	@mkdir -p build
	$(CC) $(WARN) -O2 -gdwarf-4 $(CPPFLAGS) -Ibench -o $@ bench/bench_parse.c bench/mix.c $(LIB_SRC)

# ---- install ----
install: all
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 build/libimapguard.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/imapguard.h $(DESTDIR)$(PREFIX)/include/
	install -m 755 build/imapguard $(DESTDIR)$(PREFIX)/bin/
	sed -e 's|@PREFIX@|$(PREFIX)|g' imapguard.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/imapguard.pc

clean:
	rm -rf build
