# imapguard - the only build entry point. `make help` lists the targets.
#
# Plain `make` and `make check` need only a C compiler: the re2c output is committed
# (parser/*.gen.c, one per grammar/*.re) and regenerated only when re2c is installed and
# the .re is newer. CI runs `make check-generated` to catch a .re edited without
# `make regen`.

CC        ?= cc
AR        ?= ar
CFLAGS    ?= -O2 -g -DNDEBUG
WARN      := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror
TESTWARN  := -std=c11 -Wall -Wextra -Wno-missing-field-initializers -Werror
SAN       := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
CPPFLAGS  += -Iinclude -Iparser -Isession
PREFIX    ?= /usr/local
DESTDIR   ?=

RE2C      ?= re2c
RE2CFLAGS := -W -Werror -b -i --no-generation-date --no-version
HAVE_RE2C := $(shell command -v $(RE2C) 2>/dev/null)

LIB_SRC   := $(sort $(wildcard parser/*.c session/*.c) $(patsubst grammar/%.re,parser/%.gen.c,$(wildcard grammar/*.re)))
LIB_HDR   := include/imapguard.h include/imapguard_session.h parser/internal.h session/session_internal.h
CLI_SRC   := $(sort $(wildcard cli/*.c))
# The reference backend (in-memory store, Maildir loader, sample mail): used by the CLI
# (imapguard replay), the session tests and the session fuzz target; it may allocate,
# so it is not part of libimapguard.a.
BACKEND_SRC := $(sort $(wildcard backend/*.c))
BACKEND_HDR := $(wildcard backend/*.h)
CLI_HDR   := $(wildcard cli/*.h)
TEST_LIB  := tests/harness.c tests/guard.c fuzz/fz_common.c
TESTS     := $(patsubst tests/%.c,%,$(filter-out $(TEST_LIB),$(wildcard tests/test_*.c)))

LIB_OBJ   := $(patsubst %.c,build/obj/%.o,$(LIB_SRC))

FUZZ_CC      ?= clang-14
FUZZ_TARGETS := $(sort $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c)))
# The differential target links Dovecot's lib-imap (Debian dovecot-dev): it is a target
# only where those headers are installed, and never in MSan builds (libdovecot is not
# instrumented). Its rules are in the "differential fuzz target" section at the end.
DOVECOT_INC  ?= /usr/include/dovecot
DOVECOT_LIB  ?= /usr/lib/dovecot
HAVE_DOVECOT := $(wildcard $(DOVECOT_INC)/imap-parser.h)
ifeq ($(HAVE_DOVECOT),)
FUZZ_TARGETS := $(filter-out differential,$(FUZZ_TARGETS))
endif
ifneq ($(findstring memory,$(SANITIZER)),)
FUZZ_TARGETS := $(filter-out differential,$(FUZZ_TARGETS))
endif
FUZZ_SRC     := fuzz/fz_common.c fuzz/fz_session.c
FUZZ_HDR     := fuzz/fz_common.h fuzz/fz_session.h
SANITIZER    ?= address,undefined
FUZZ_TIME    ?= 300
TARGETS      ?= $(FUZZ_TARGETS)
ENGINE       ?= libfuzzer
JOBS         ?= 2

.PHONY: all help check sanitize regen check-generated bench bench-fuzz install clean test-bins \
        fuzz fuzz-build fuzz-tools afl-tools corpus check-dict replay-bins repro triage fuzz-merge coverage corpus-matrix
.DEFAULT_GOAL := all

all: build/libimapguard.a build/imapguard

help:
	@echo "make                  build/libimapguard.a and build/imapguard"
	@echo "make check            all tests under ASan+UBSan; ends with 'N passed, N failed'"
	@echo "make sanitize         build/asan/imapguard (ASan+UBSan, abort on first report)"
	@echo "make regen            regenerate parser/*.gen.c from grammar/*.re (needs re2c 3.0)"
	@echo "make check-generated  fail if a parser/*.gen.c differs from a fresh re2c run"
	@echo "make bench            parse throughput: MB/s, commands/s, instructions/byte"
	@echo "make bench-fuzz       exec/s of the command fuzz target, taken apart (BENCH_FUZZ_TIME=10)"
	@echo "make install PREFIX=  library, header, pkg-config file and CLI"
	@echo "make fuzz             a short campaign over every fuzz target (FUZZ_TIME=300 s in all;"
	@echo "                      TARGETS=, ENGINE=libfuzzer|afl, JOBS=, SANITIZER=); see fuzz/README.md"
	@echo "make corpus           regenerate the seed corpus from the test suite (tools/gen-corpus.sh)"
	@echo "make corpus-matrix    the state x command table of the session seeds; fails on an empty cell"
	@echo "make check-dict       fail if fuzz/imap.dict differs from tools/mkdict.sh output"

# ---- generated lexers: grammar/X.re -> parser/X.gen.c ----
RE_SRC := $(sort $(wildcard grammar/*.re))
RE_GEN := $(patsubst grammar/%.re,parser/%.gen.c,$(RE_SRC))
ifneq ($(HAVE_RE2C),)
parser/%.gen.c: grammar/%.re
	$(RE2C) $(RE2CFLAGS) -o $@ $<
endif

regen:
	@command -v $(RE2C) >/dev/null || { echo "make regen needs re2c (apt install re2c)"; exit 1; }
	@for re in $(RE_SRC); do \
	    gen=parser/$$(basename $$re .re).gen.c; echo "$(RE2C) $$re -> $$gen"; \
	    $(RE2C) $(RE2CFLAGS) -o $$gen $$re || exit 1; done

check-generated:
	@command -v $(RE2C) >/dev/null || { echo "check-generated needs re2c"; exit 1; }
	@mkdir -p build/regen
	@for re in $(RE_SRC); do \
	    name=$$(basename $$re .re); \
	    $(RE2C) $(RE2CFLAGS) -o build/regen/$$name.gen.c $$re || exit 1; \
	    cmp -s build/regen/$$name.gen.c parser/$$name.gen.c || \
	        { echo "parser/$$name.gen.c is stale: run make regen"; exit 1; }; \
	done
	@echo "parser/*.gen.c match grammar/*.re"

# ---- library and CLI ----
build/obj/%.o: %.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

build/libimapguard.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

build/imapguard: $(CLI_SRC) $(CLI_HDR) $(BACKEND_SRC) $(BACKEND_HDR) build/libimapguard.a
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -Icli -Ibackend -o $@ $(CLI_SRC) $(BACKEND_SRC) build/libimapguard.a

sanitize: build/asan/imapguard

build/asan/imapguard: $(LIB_SRC) $(LIB_HDR) $(CLI_SRC) $(CLI_HDR) $(BACKEND_SRC) $(BACKEND_HDR)
	@mkdir -p build/asan
	$(CC) $(WARN) $(SAN) $(CPPFLAGS) -Icli -Ibackend -o $@ $(LIB_SRC) $(CLI_SRC) $(BACKEND_SRC)

# ---- tests (ASan + UBSan) ----
# The library, the test helpers and the reference backend are compiled once with the
# sanitizers (build/san/) and linked into every test and replay binary.
SAN_OBJ     := $(patsubst %.c,build/san/lib/%.o,$(LIB_SRC))
SAN_HELPERS := $(patsubst %.c,build/san/%.o,$(TEST_LIB) fuzz/fz_session.c $(BACKEND_SRC))
build/san/lib/%.o: %.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(TESTWARN) $(SAN) $(CPPFLAGS) -c -o $@ $<
build/san/%.o: %.c $(LIB_HDR) tests/*.h $(FUZZ_HDR) $(BACKEND_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(TESTWARN) $(SAN) $(CPPFLAGS) -Itests -Ifuzz -Ibackend -c -o $@ $<
build/san/libimapguard.a: $(SAN_OBJ)
	$(AR) rcs $@ $^

build/test/%: tests/%.c build/san/libimapguard.a $(SAN_HELPERS) tests/*.h $(LIB_HDR) $(FUZZ_HDR)
	@mkdir -p build/test
	$(CC) $(TESTWARN) $(SAN) $(CPPFLAGS) -Itests -Ifuzz -Ibackend -o $@ $< $(SAN_HELPERS) \
	    build/san/libimapguard.a

# The malloc-counting test wraps the allocator (every object, archive members
# included, then calls __wrap_malloc), so it links only what it needs.
build/test/test_nomalloc: tests/test_nomalloc.c build/san/libimapguard.a tests/*.h $(LIB_HDR)
	@mkdir -p build/test
	$(CC) $(TESTWARN) $(SAN) $(CPPFLAGS) -Itests -Ifuzz -o $@ $< build/san/libimapguard.a \
	    -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc -Wl,--wrap=free

# The backend's allocation-failure test wraps the allocator the same way (each run
# makes exactly one allocation fail), with the backend objects.
build/test/test_backend_oom: tests/test_backend_oom.c build/san/libimapguard.a $(SAN_HELPERS) tests/*.h $(LIB_HDR) $(BACKEND_HDR)
	@mkdir -p build/test
	$(CC) $(TESTWARN) $(SAN) $(CPPFLAGS) -Itests -Ibackend -o $@ $< \
	    $(filter build/san/backend/%,$(SAN_HELPERS)) build/san/libimapguard.a \
	    -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc

# ---- fuzz targets ----
# Replay binaries: each target with plain $(CC) + ASan/UBSan and fuzz/standalone.c, run
# by make check over corpus/<target>/ and corpus/regress/<target>/ (no fuzzer needed).
build/replay/%: fuzz/fuzz_%.c build/san/fuzz/standalone.o build/san/libimapguard.a $(SAN_HELPERS) $(FUZZ_HDR) $(LIB_HDR)
	@mkdir -p build/replay
	$(CC) $(TESTWARN) $(SAN) $(CPPFLAGS) -Ifuzz -Ibackend -o $@ $< build/san/fuzz/standalone.o \
	    $(filter-out build/san/tests/%,$(SAN_HELPERS)) build/san/libimapguard.a

replay-bins: $(addprefix build/replay/,$(FUZZ_TARGETS))

# libFuzzer binaries (clang), one directory per sanitizer set.
FUZZ_SAN_FLAGS = $(if $(filter none,$(SANITIZER)),,-fsanitize=$(SANITIZER) -fno-sanitize-recover=all) \
                 $(if $(findstring memory,$(SANITIZER)),-fsanitize-memory-track-origins=2,)
FUZZ_DIR = build/fuzz/$(subst $(comma),-,$(SANITIZER))
comma := ,
# The library is instrumented for coverage; the harness helpers are not (their hashing
# loops would only add noise features and cost executions).
FUZZ_CFLAGS = -g -O1 -gdwarf-4 -fno-omit-frame-pointer $(FUZZ_SAN_FLAGS) $(CPPFLAGS) -Ifuzz -Ibackend
# Object files reached only through pattern rules are intermediates that make would
# delete after a build; keep them, or two concurrent builds remove each other's objects.
.SECONDARY:

FUZZ_LIB_OBJ = $(patsubst %.c,$(FUZZ_DIR)/obj/lib/%.o,$(LIB_SRC))
# What the fuzz builds need, said once and plainly instead of a compiler error.
fuzz-tools:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { echo "make: the fuzz builds need $(FUZZ_CC)" \
	    "with libFuzzer: apt install clang-14 libclang-rt-14-dev (or FUZZ_CC=...)"; exit 2; }
afl-tools:
	@command -v $(AFL_CC) >/dev/null 2>&1 || { echo "make: ENGINE=afl needs $(AFL_CC):" \
	    "apt install afl++ afl++-clang"; exit 2; }
$(FUZZ_DIR)/obj/lib/%.o: %.c $(LIB_HDR) | fuzz-tools
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
FUZZ_HELPER_OBJ = $(FUZZ_DIR)/obj/fz_common.o $(FUZZ_DIR)/obj/fz_session.o \
                  $(patsubst backend/%.c,$(FUZZ_DIR)/obj/backend_%.o,$(BACKEND_SRC))
$(FUZZ_DIR)/obj/backend_%.o: backend/%.c $(BACKEND_HDR) $(LIB_HDR) | fuzz-tools
	@mkdir -p $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Ibackend -c -o $@ $<
$(FUZZ_DIR)/obj/fz_%.o: fuzz/fz_%.c $(FUZZ_HDR) $(LIB_HDR) | fuzz-tools
	@mkdir -p $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<
$(FUZZ_DIR)/%: fuzz/fuzz_%.c $(FUZZ_HELPER_OBJ) $(FUZZ_LIB_OBJ) $(FUZZ_HDR)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_HELPER_OBJ) $(FUZZ_LIB_OBJ)

ifneq ($(ENGINE),afl)
fuzz-build: $(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS))
endif

# AFL++ binaries: persistent mode through fuzz/standalone.c (exact-size copies), with
# ASan + UBSan, plus a cmplog build for input-to-state comparisons.
AFL_CC ?= afl-clang-fast
AFL_SRC = $(FUZZ_SRC) fuzz/standalone.c $(LIB_SRC) $(BACKEND_SRC)
build/afl/%: fuzz/fuzz_%.c $(AFL_SRC) $(FUZZ_HDR) $(LIB_HDR) | afl-tools
	@mkdir -p build/afl
	AFL_USE_ASAN=1 AFL_USE_UBSAN=1 AFL_QUIET=1 $(AFL_CC) -g -O1 $(CPPFLAGS) -Ifuzz -Ibackend -o $@ $< $(AFL_SRC)
build/afl-cmplog/%: fuzz/fuzz_%.c $(AFL_SRC) $(FUZZ_HDR) $(LIB_HDR) | afl-tools
	@mkdir -p build/afl-cmplog
	AFL_LLVM_CMPLOG=1 AFL_QUIET=1 $(AFL_CC) -g -O1 $(CPPFLAGS) -Ifuzz -Ibackend -o $@ $< $(AFL_SRC)

ifeq ($(ENGINE),afl)
fuzz-build: $(addprefix build/afl/,$(FUZZ_TARGETS)) $(addprefix build/afl-cmplog/,$(FUZZ_TARGETS))
endif

fuzz: fuzz-build
	@FUZZ_TIME=$(FUZZ_TIME) TARGETS="$(TARGETS)" ENGINE=$(ENGINE) JOBS=$(JOBS) \
	    SANITIZER=$(SANITIZER) FUZZ_DIR=$(FUZZ_DIR) bash tools/fuzz.sh

# make repro CRASH=file [TARGET=t]: replay one input on the sanitizer build, with the stack.
repro: fuzz-build
	@[ -n "$(CRASH)" ] || { echo "usage: make repro CRASH=file [TARGET=target]"; exit 2; }
	@t="$(TARGET)"; [ -n "$$t" ] || t=$$(sh tools/target-of.sh "$(CRASH)"); \
	    [ -n "$$t" ] || { echo "cannot tell the target of $(CRASH): give TARGET="; exit 2; }; \
	    echo "$(FUZZ_DIR)/$$t $(CRASH)"; $(FUZZ_DIR)/$$t -runs=1 "$(CRASH)"

# make triage CRASH=file [TARGET=t]: minimize, deduplicate by stack, file as a regression.
triage: fuzz-build
	@[ -n "$(CRASH)" ] || { echo "usage: make triage CRASH=file [TARGET=target]"; exit 2; }
	@FUZZ_DIR=$(FUZZ_DIR) sh tools/triage.sh "$(CRASH)" "$(TARGET)"

# make fuzz-merge: minimize the corpus a campaign grew (fuzz-out/latest) into corpus/.
fuzz-merge: fuzz-build
	@FUZZ_DIR=$(FUZZ_DIR) sh tools/fuzz-merge.sh "$(TARGETS)"

# make coverage: source-based coverage (llvm-cov) of parser/ from replaying the whole
# corpus through every target and running the unit tests; HTML in build/coverage/html,
# text in build/coverage/report.txt. Fails below COV_LINES % lines or COV_BRANCHES %
# branches (CI's bar).
COV_LINES ?= 95
COV_BRANCHES ?= 90
coverage:
	@COV_LINES=$(COV_LINES) COV_BRANCHES=$(COV_BRANCHES) bash tools/coverage.sh

build/session_corpus: tools/gen/session_corpus.c build/libimapguard.a $(BACKEND_SRC) $(BACKEND_HDR)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -Ibackend -o $@ $< $(BACKEND_SRC) build/libimapguard.a

corpus: test-bins build/session_corpus
	sh tools/gen-corpus.sh corpus

# make corpus-matrix: the state x command table of corpus/session with seed counts;
# fails when a cell is empty.
corpus-matrix: build/session_corpus
	@build/session_corpus matrix corpus/session

check-dict:
	@mkdir -p build
	@sh tools/mkdict.sh > build/imap.dict.fresh
	@cmp build/imap.dict.fresh fuzz/imap.dict || { echo "fuzz/imap.dict is stale: sh tools/mkdict.sh > fuzz/imap.dict"; exit 1; }
	@echo "fuzz/imap.dict matches grammar/*.re"

test-bins: $(addprefix build/test/,$(TESTS)) build/asan/imapguard build/libimapguard.a replay-bins \
           build/session_corpus

check: test-bins
	@sh tests/run.sh $(addprefix build/test/,$(TESTS))

# ---- benchmark ----
bench: build/bench_parse
	@sh bench/run.sh

# `make bench-fuzz`: where the exec/s of the `command` fuzz target go, and what each
# target's harness costs alone (bench/fuzz_throughput.sh).
BENCH_FUZZ := build/bench-fuzz
BENCH_LOOP_SRC := fuzz/fuzz_command.c bench/fuzz_loop.c
bench-fuzz: $(FUZZ_DIR)/command $(BENCH_FUZZ)/loop-plain $(BENCH_FUZZ)/loop-san \
            $(addprefix $(BENCH_FUZZ)/harness-,$(FUZZ_TARGETS)) $(BENCH_FUZZ)/empty
	@FUZZ_DIR=$(FUZZ_DIR) FUZZ_TARGETS="$(FUZZ_TARGETS)" sh bench/fuzz_throughput.sh
$(BENCH_FUZZ)/loop-plain: $(BENCH_LOOP_SRC) fuzz/fz_common.c $(FUZZ_HDR) $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(BENCH_FUZZ)
	$(FUZZ_CC) -g -O1 $(CPPFLAGS) -Ifuzz -o $@ $(BENCH_LOOP_SRC) fuzz/fz_common.c $(LIB_SRC)
$(BENCH_FUZZ)/loop-san: $(BENCH_LOOP_SRC) fuzz/fz_common.c $(FUZZ_HDR) $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(BENCH_FUZZ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(BENCH_LOOP_SRC) fuzz/fz_common.c $(LIB_SRC)
# A target's harness with the objects libFuzzer runs, driven by the loop instead of the
# engine (the comparison hooks resolve to the sanitizer runtime's no-ops).
$(BENCH_FUZZ)/harness-%: fuzz/fuzz_%.c bench/fuzz_loop.c $(FUZZ_HELPER_OBJ) $(FUZZ_LIB_OBJ) $(FUZZ_HDR)
	@mkdir -p $(BENCH_FUZZ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< bench/fuzz_loop.c $(FUZZ_HELPER_OBJ) $(FUZZ_LIB_OBJ)
$(BENCH_FUZZ)/empty: bench/fuzz_empty.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(BENCH_FUZZ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ bench/fuzz_empty.c $(FUZZ_LIB_OBJ)

build/bench_parse: bench/bench_parse.c bench/mix.c bench/mix.h $(LIB_SRC) $(LIB_HDR)
	@mkdir -p build
	$(CC) $(WARN) -O2 -gdwarf-4 -DNDEBUG $(CPPFLAGS) -Ibench -o $@ bench/bench_parse.c bench/mix.c $(LIB_SRC)

# ---- differential fuzz target (issue 10): imapguard against Dovecot's tokenizer ----
# fuzz/differential/dovecot.c is the only file that includes Dovecot's headers (they
# need its config.h first, and GNU C); it is compiled apart, with each build's
# sanitizer flags, and linked with libdovecot. Without dovecot-dev these rules are
# unused: FUZZ_TARGETS leaves the target out (see FUZZ_TARGETS above).
DOVECOT_CFLAGS  := -std=gnu11 -I$(DOVECOT_INC) -Wall -Wextra -Werror
DOVECOT_LDFLAGS := -L$(DOVECOT_LIB) -Wl,-rpath,$(DOVECOT_LIB) -ldovecot
DIFF_HDR        := fuzz/differential/dovecot.h
build/san/fuzz/differential/dovecot.o: fuzz/differential/dovecot.c $(DIFF_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(DOVECOT_CFLAGS) $(SAN) -c -o $@ $<
build/replay/differential: fuzz/fuzz_differential.c build/san/fuzz/differential/dovecot.o \
        build/san/fuzz/standalone.o build/san/fuzz/fz_common.o build/san/libimapguard.a \
        $(DIFF_HDR) $(FUZZ_HDR) $(LIB_HDR)
	@mkdir -p build/replay
	$(CC) $(WARN) $(SAN) $(CPPFLAGS) -Ifuzz -o $@ $< build/san/fuzz/differential/dovecot.o \
	    build/san/fuzz/standalone.o build/san/fuzz/fz_common.o build/san/libimapguard.a \
	    $(DOVECOT_LDFLAGS)
$(FUZZ_DIR)/obj/dovecot.o: fuzz/differential/dovecot.c $(DIFF_HDR) | fuzz-tools
	@mkdir -p $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(DOVECOT_CFLAGS) -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN_FLAGS) -c -o $@ $<
$(FUZZ_DIR)/differential: fuzz/fuzz_differential.c $(FUZZ_DIR)/obj/dovecot.o $(FUZZ_HELPER_OBJ) \
        $(FUZZ_LIB_OBJ) $(FUZZ_HDR) $(DIFF_HDR)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_DIR)/obj/dovecot.o \
	    $(FUZZ_HELPER_OBJ) $(FUZZ_LIB_OBJ) $(DOVECOT_LDFLAGS)
$(BENCH_FUZZ)/harness-differential: fuzz/fuzz_differential.c bench/fuzz_loop.c \
        $(FUZZ_DIR)/obj/dovecot.o $(FUZZ_HELPER_OBJ) $(FUZZ_LIB_OBJ) $(FUZZ_HDR) $(DIFF_HDR)
	@mkdir -p $(BENCH_FUZZ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< bench/fuzz_loop.c $(FUZZ_DIR)/obj/dovecot.o \
	    $(FUZZ_HELPER_OBJ) $(FUZZ_LIB_OBJ) $(DOVECOT_LDFLAGS)
build/afl/differential: fuzz/fuzz_differential.c fuzz/differential/dovecot.c $(AFL_SRC) \
        $(FUZZ_HDR) $(LIB_HDR) $(DIFF_HDR) | afl-tools
	@mkdir -p build/afl
	AFL_USE_ASAN=1 AFL_USE_UBSAN=1 AFL_QUIET=1 $(AFL_CC) $(DOVECOT_CFLAGS) -g -O1 \
	    -c -o build/afl/dovecot.o fuzz/differential/dovecot.c
	AFL_USE_ASAN=1 AFL_USE_UBSAN=1 AFL_QUIET=1 $(AFL_CC) -g -O1 $(CPPFLAGS) -Ifuzz -Ibackend \
	    -o $@ $< $(AFL_SRC) build/afl/dovecot.o $(DOVECOT_LDFLAGS)
build/afl-cmplog/differential: fuzz/fuzz_differential.c fuzz/differential/dovecot.c $(AFL_SRC) \
        $(FUZZ_HDR) $(LIB_HDR) $(DIFF_HDR) | afl-tools
	@mkdir -p build/afl-cmplog
	AFL_QUIET=1 $(AFL_CC) $(DOVECOT_CFLAGS) -g -O1 -c -o build/afl-cmplog/dovecot.o \
	    fuzz/differential/dovecot.c
	AFL_LLVM_CMPLOG=1 AFL_QUIET=1 $(AFL_CC) -g -O1 $(CPPFLAGS) -Ifuzz -Ibackend -o $@ $< \
	    $(AFL_SRC) build/afl-cmplog/dovecot.o $(DOVECOT_LDFLAGS)

# ---- install ----
install: all
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin \
	    $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 build/libimapguard.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/imapguard.h include/imapguard_session.h $(DESTDIR)$(PREFIX)/include/
	install -m 755 build/imapguard $(DESTDIR)$(PREFIX)/bin/
	sed -e 's|@PREFIX@|$(PREFIX)|g' imapguard.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/imapguard.pc

clean:
	rm -rf build
