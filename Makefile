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
CPPFLAGS  += -Iinclude -Iparser -Isession -Iresponse
PREFIX    ?= /usr/local
DESTDIR   ?=

RE2C      ?= re2c
RE2CFLAGS := -W -Werror -b -i --no-generation-date --no-version
HAVE_RE2C := $(shell command -v $(RE2C) 2>/dev/null)

LIB_SRC   := $(sort $(wildcard parser/*.c session/*.c response/*.c) $(patsubst grammar/%.re,parser/%.gen.c,$(wildcard grammar/*.re)))
LIB_HDR   := include/imapguard.h include/imapguard_session.h parser/internal.h session/session_internal.h
# The server-response reader (response/, issue 11) is part of the library.
LIB_HDR   += include/imapguard_response.h response/resp_internal.h
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
# dovecot-dev present: its lib-imap headers and libdovecot (the differential target and
# make bench use them; everything else builds without).
HAVE_DOVECOT := $(and $(wildcard $(DOVECOT_INC)/imap-parser.h),$(wildcard $(DOVECOT_LIB)/libdovecot.so))
ifeq ($(HAVE_DOVECOT),)
FUZZ_TARGETS := $(filter-out differential,$(FUZZ_TARGETS))
endif
ifneq ($(findstring memory,$(SANITIZER)),)
FUZZ_TARGETS := $(filter-out differential,$(FUZZ_TARGETS))
endif
FUZZ_SRC     := fuzz/fz_common.c fuzz/fz_session.c
FUZZ_HDR     := fuzz/fz_common.h fuzz/fz_session.h
# The response reader's driver (issue 11): the response and session targets and
# tests/test_response use it.
FUZZ_SRC     += fuzz/fz_response.c
FUZZ_HDR     += fuzz/fz_response.h
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
	@echo "make                  build/libimapguard.so.X.Y.Z (+ links), build/libimapguard.a, build/imapguard"
	@echo "make check            all tests under ASan+UBSan; ends with 'N passed, N failed'"
	@echo "make faults           the proxy's fault cases with 10 000 dropped connections (CI)"
	@echo "make sanitize         build/asan/imapguard (ASan+UBSan, abort on first report)"
	@echo "make regen            regenerate parser/*.gen.c from grammar/*.re (needs re2c 3.0)"
	@echo "make check-generated  fail if a parser/*.gen.c differs from a fresh re2c run"
	@echo "make bench            five workloads, imapguard and Dovecot's parser side by side:"
	@echo "                      MB/s, commands/s, instructions/byte (BENCH_QUICK=1: short)"
	@echo "make bench-fuzz       exec/s of the command fuzz target, taken apart (BENCH_FUZZ_TIME=10)"
	@echo "make install          shared + static library, headers, imapguard.pc, CLI, man page;"
	@echo "                      DESTDIR= PREFIX= LIBDIR= INCLUDEDIR= BINDIR= MANDIR="
	@echo "make uninstall        remove exactly what make install put (same variables)"
	@echo "make dist             build/imapguard-X.Y.Z.tar.gz from the committed tree (git archive)"
	@echo "make version          print the version (set in include/imapguard.h)"
	@echo "make fuzz             a short campaign over every fuzz target (FUZZ_TIME=300 s in all;"
	@echo "                      TARGETS=, ENGINE=libfuzzer|afl, JOBS=, SANITIZER=); see fuzz/README.md"
	@echo "make corpus           regenerate the seed corpus from the test suite (tools/gen-corpus.sh)"
	@echo "make corpus-matrix    the state x command table of the session seeds; fails on an empty cell"
	@echo "make fuzz-power       apply each fuzz/mutants/ bug, fuzz briefly: found / missed table (FUZZ_POWER_TIME=120, MUTANTS=)"
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

# ---- the response reader's lexers: grammar/response/X.re -> response/X.gen.c ----
# (a folder of their own, so the parser/ rules above do not pick them up)
RESP_RE_SRC := $(sort $(wildcard grammar/response/*.re))
ifneq ($(HAVE_RE2C),)
response/%.gen.c: grammar/response/%.re
	$(RE2C) $(RE2CFLAGS) -o $@ $<
endif
regen: regen-response
check-generated: check-generated-response
.PHONY: regen-response check-generated-response
regen-response:
	@command -v $(RE2C) >/dev/null || { echo "make regen needs re2c (apt install re2c)"; exit 1; }
	@for re in $(RESP_RE_SRC); do \
	    gen=response/$$(basename $$re .re).gen.c; echo "$(RE2C) $$re -> $$gen"; \
	    $(RE2C) $(RE2CFLAGS) -o $$gen $$re || exit 1; done
check-generated-response:
	@command -v $(RE2C) >/dev/null || { echo "check-generated needs re2c"; exit 1; }
	@mkdir -p build/regen/response
	@for re in $(RESP_RE_SRC); do \
	    name=$$(basename $$re .re); \
	    $(RE2C) $(RE2CFLAGS) -o build/regen/response/$$name.gen.c $$re || exit 1; \
	    cmp -s build/regen/response/$$name.gen.c response/$$name.gen.c || \
	        { echo "response/$$name.gen.c is stale: run make regen"; exit 1; }; \
	done
	@echo "response/*.gen.c match grammar/response/*.re"

# make corpus also writes the response seeds from the CLI's session replays.
corpus: build/imapguard

# ---- library and CLI ----
build/obj/%.o: %.c $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(LIB_CFLAGS) $(CPPFLAGS) -c -o $@ $<

# One relocatable object with the hidden (ig__) symbols made local, so the static
# library exports exactly what the shared one does (tests/t_symbols.sh).
build/libimapguard.a: $(LIB_OBJ)
	$(LD) -r -o build/obj/libimapguard-all.o $^
	$(OBJCOPY) --localize-hidden build/obj/libimapguard-all.o
	rm -f $@
	$(AR) rcs $@ build/obj/libimapguard-all.o

# ---- the network loop (net/): libevent 2 + OpenSSL, for `imapguard serve` ----
# Linked into the CLI only, never into the library; without libevent-dev and libssl-dev
# the CLI builds without it (serve then says what to install).
NET_PKGS  := libevent_openssl libevent openssl
HAVE_NET  := $(shell pkg-config --exists $(NET_PKGS) 2>/dev/null && echo 1)
ifeq ($(HAVE_NET),1)
NET_SRC   := $(sort $(wildcard net/*.c))
NET_HDR   := $(wildcard net/*.h)
NET_FLAGS := -DIG_HAVE_NET -Inet $(shell pkg-config --cflags $(NET_PKGS))
NET_LIBS  := $(shell pkg-config --libs $(NET_PKGS))
endif

build/imapguard: $(CLI_SRC) $(CLI_HDR) $(BACKEND_SRC) $(BACKEND_HDR) $(NET_SRC) $(NET_HDR) build/libimapguard.a
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -Icli -Ibackend $(NET_FLAGS) -o $@ $(CLI_SRC) $(BACKEND_SRC) \
	    $(NET_SRC) build/libimapguard.a $(NET_LIBS)

sanitize: build/asan/imapguard

build/asan/imapguard: $(LIB_SRC) $(LIB_HDR) $(CLI_SRC) $(CLI_HDR) $(BACKEND_SRC) $(BACKEND_HDR) $(NET_SRC) $(NET_HDR)
	@mkdir -p build/asan
	$(CC) $(WARN) $(SAN) $(CPPFLAGS) -Icli -Ibackend $(NET_FLAGS) -o $@ $(LIB_SRC) $(CLI_SRC) \
	    $(BACKEND_SRC) $(NET_SRC) $(NET_LIBS)

# ---- tests (ASan + UBSan) ----
# The library, the test helpers and the reference backend are compiled once with the
# sanitizers (build/san/) and linked into every test and replay binary.
SAN_OBJ     := $(patsubst %.c,build/san/lib/%.o,$(LIB_SRC))
SAN_HELPERS := $(patsubst %.c,build/san/%.o,$(TEST_LIB) fuzz/fz_session.c $(BACKEND_SRC))
SAN_HELPERS += build/san/fuzz/fz_response.o
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
FUZZ_HELPER_OBJ += $(FUZZ_DIR)/obj/fz_response.o
$(FUZZ_DIR)/obj/backend_%.o: backend/%.c $(BACKEND_HDR) $(LIB_HDR) | fuzz-tools
	@mkdir -p $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Ibackend -c -o $@ $<
$(FUZZ_DIR)/obj/fz_%.o: fuzz/fz_%.c $(FUZZ_HDR) $(LIB_HDR) | fuzz-tools
	@mkdir -p $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<
$(FUZZ_DIR)/%: fuzz/fuzz_%.c $(FUZZ_HELPER_OBJ) $(FUZZ_LIB_OBJ) $(FUZZ_HDR)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_HELPER_OBJ) $(FUZZ_LIB_OBJ)

# Only the targets asked for (TARGETS=, default all): on 2 cores the AFL++ and cmplog
# builds of every target take minutes (issue 9 item 5).
ifneq ($(ENGINE),afl)
fuzz-build: $(addprefix $(FUZZ_DIR)/,$(TARGETS))
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
fuzz-build: $(addprefix build/afl/,$(TARGETS)) $(addprefix build/afl-cmplog/,$(TARGETS))
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

# build/bench_parse: see "benchmark side by side with Dovecot" below.

# ---- benchmark side by side with Dovecot (issue 10 item 3) ----
# build/bench_parse runs five generated workloads (bench/workload.h) through imapguard
# and, where dovecot-dev is installed, through Dovecot's imap_parser (libdovecot, linked
# from its private directory with an rpath). Without dovecot-dev it is imapguard only
# and `make bench` says so. The driver is compiled on its own, with Dovecot's headers as
# system headers (they are not written for our warning set).
# DOVECOT_INC, DOVECOT_LIB and HAVE_DOVECOT: see the top of this file.
BENCH_SRC := bench/bench_parse.c bench/alloc_count.c bench/gen.c bench/mix.c bench/workload.c \
             bench/wl_sync.c bench/wl_mobile.c bench/wl_append.c bench/wl_hostile.c
BENCH_HDR := bench/alloc_count.h bench/gen.h bench/mix.h bench/workload.h bench/dovecot_driver.h
BENCH_CFLAGS := -O2 -gdwarf-4 -DNDEBUG
ifneq ($(HAVE_DOVECOT),)
BENCH_DOVECOT_OBJ := build/bench/dovecot_driver.o
BENCH_DOVECOT_DEF := -DBENCH_DOVECOT
BENCH_DOVECOT_LIBS := -L$(DOVECOT_LIB) -Wl,-rpath,$(DOVECOT_LIB) -ldovecot
endif
build/bench/dovecot_driver.o: bench/dovecot_driver.c bench/dovecot_driver.h
	@mkdir -p build/bench
	$(CC) $(WARN) $(BENCH_CFLAGS) -isystem $(DOVECOT_INC) -DHAVE_CONFIG_H -Ibench -c -o $@ $<
build/bench_parse: $(BENCH_SRC) $(BENCH_HDR) $(BENCH_DOVECOT_OBJ) $(LIB_SRC) $(LIB_HDR)
	@mkdir -p build
	$(CC) $(WARN) $(BENCH_CFLAGS) $(BENCH_DOVECOT_DEF) $(CPPFLAGS) -Ibench -o $@ $(BENCH_SRC) \
	    $(LIB_SRC) $(BENCH_DOVECOT_OBJ) $(BENCH_DOVECOT_LIBS)

# ---- make fuzz-power (issue 10 item 4): the kit measures its own power ----
# Each patch in fuzz/mutants/ (one small realistic bug, its header names the targets
# that should find it) is applied to a scratch copy and fuzzed briefly; prints found /
# missed with the seconds to the first finding (tools/fuzz-power.sh, fuzz/README.md).
# FUZZ_POWER_TIME= seconds per mutant (default 120), MUTANTS= a subset by name.
.PHONY: fuzz-power
fuzz-power: | fuzz-tools
	@FUZZ_POWER_TIME=$(FUZZ_POWER_TIME) MUTANTS="$(MUTANTS)" bash tools/fuzz-power.sh
FUZZ_POWER_TIME ?= 120

# ---- versions, shared library, install, dist (issue 13) ----
# The version is set in one place, the IG_VERSION_* lines of include/imapguard.h; the
# SONAME, the symbol version node, imapguard.pc and the dist tarball follow from it
# (tests/t_version.sh checks that they agree).
VERSION_MAJOR := $(shell sed -n 's/^\#define IG_VERSION_MAJOR \([0-9][0-9]*\)$$/\1/p' include/imapguard.h)
VERSION_MINOR := $(shell sed -n 's/^\#define IG_VERSION_MINOR \([0-9][0-9]*\)$$/\1/p' include/imapguard.h)
VERSION_PATCH := $(shell sed -n 's/^\#define IG_VERSION_PATCH \([0-9][0-9]*\)$$/\1/p' include/imapguard.h)
VERSION       := $(VERSION_MAJOR).$(VERSION_MINOR).$(VERSION_PATCH)

# Every library object is position-independent (one set of objects serves both the
# static and the shared library) and hidden unless the header marks it IG_EXPORT.
LIB_CFLAGS := -fPIC -fvisibility=hidden
LD         ?= ld
OBJCOPY    ?= objcopy
# Objects built before these flags existed are not position-independent: a stamp made
# now (when missing) is newer than them, so they are rebuilt once.
$(if $(wildcard build/obj/.pic),,$(shell mkdir -p build/obj && touch build/obj/.pic))
$(LIB_OBJ): build/obj/.pic
# ... and made again when `make clean all` removed it after this Makefile was read.
build/obj/.pic:
	@mkdir -p build/obj && touch $@

SONAME   := libimapguard.so.$(VERSION_MAJOR)
SHLIB    := libimapguard.so.$(VERSION)
# -z defs: the library must need nothing but libc (a missing symbol fails the link).
SHLIB_LDFLAGS := -shared -Wl,-soname,$(SONAME) -Wl,--version-script,build/imapguard.map \
                 -Wl,-z,defs -Wl,-z,relro -Wl,-z,now

all: build/libimapguard.so
shared: build/libimapguard.so
# tests/t_symbols.sh, t_version.sh and t_man.sh look at these.
test-bins: build/libimapguard.so build/imapguard

# imapguard.map.in names the node IMAPGUARD_@MAJOR@: every export is versioned with the
# ABI it belongs to, so a program linked against MAJOR N fails to load with N+1 loudly.
build/imapguard.map: imapguard.map.in include/imapguard.h
	@mkdir -p build
	sed -e 's|@MAJOR@|$(VERSION_MAJOR)|g' $< > $@

build/$(SHLIB): $(LIB_OBJ) build/imapguard.map
	$(CC) $(CFLAGS) $(SHLIB_LDFLAGS) $(LDFLAGS) -o $@ $(LIB_OBJ)
build/$(SONAME): build/$(SHLIB)
	ln -sf $(SHLIB) $@
build/libimapguard.so: build/$(SONAME)
	ln -sf $(SONAME) $@

# Installation directories (GNU names). LIBDIR may be a multiarch one, e.g.
# LIBDIR=$(PREFIX)/lib/x86_64-linux-gnu; imapguard.pc then says ${prefix}/lib/...
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
BINDIR       ?= $(PREFIX)/bin
MANDIR       ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
INSTALL      ?= install
INSTALL_HDR  := $(sort $(wildcard include/*.h))
# Paths under $(PREFIX) are written relative to ${prefix} in the .pc file.
pc_rel = $(patsubst $(PREFIX)/%,$${prefix}/%,$(patsubst $(PREFIX),$${prefix},$(1)))

build/imapguard.pc: imapguard.pc.in include/imapguard.h
	@mkdir -p build
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(call pc_rel,$(LIBDIR))|g' \
	    -e 's|@INCLUDEDIR@|$(call pc_rel,$(INCLUDEDIR))|g' -e 's|@VERSION@|$(VERSION)|g' $< > $@

# The .pc depends on the directories: rebuild it on every install.
.PHONY: build/imapguard.pc

# The files install puts, relative to $(DESTDIR); uninstall removes exactly these.
INSTALLED := $(LIBDIR)/libimapguard.a $(LIBDIR)/$(SHLIB) $(LIBDIR)/$(SONAME) \
             $(LIBDIR)/libimapguard.so $(PKGCONFIGDIR)/imapguard.pc \
             $(addprefix $(INCLUDEDIR)/,$(notdir $(INSTALL_HDR))) $(BINDIR)/imapguard \
             $(MANDIR)/man1/imapguard.1

install: all build/imapguard.pc docs/imapguard.1
	$(INSTALL) -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 644 build/libimapguard.a build/$(SHLIB) $(DESTDIR)$(LIBDIR)/
	# The links ldconfig would make (SONAME) and the one the linker looks for (-limapguard).
	ln -sf $(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libimapguard.so
	$(INSTALL) -m 644 build/imapguard.pc $(DESTDIR)$(PKGCONFIGDIR)/
	$(INSTALL) -m 644 $(INSTALL_HDR) $(DESTDIR)$(INCLUDEDIR)/
	$(INSTALL) -m 755 build/imapguard $(DESTDIR)$(BINDIR)/
	# The page's header line names the version: taken from here, not kept by hand.
	sed -e '1,/^\.TH/s/"imapguard [0-9][0-9.]*"/"imapguard $(VERSION)"/' docs/imapguard.1 \
	    > $(DESTDIR)$(MANDIR)/man1/imapguard.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/imapguard.1

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))

# make dist: the committed tree (HEAD, uncommitted changes are not in it) with the
# committed generated lexers, so it builds with only a C compiler.
DIST := build/imapguard-$(VERSION).tar.gz
dist:
	@command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1 || \
	    { echo "make dist needs a git checkout (it packs the tracked files)"; exit 1; }
	@git diff --quiet HEAD -- || echo "make dist: warning: uncommitted changes are not in the tarball"
	@mkdir -p build
	git archive --format=tar.gz --prefix=imapguard-$(VERSION)/ -o $(DIST) HEAD
	@echo "$(DIST)"

version:
	@echo $(VERSION)

.PHONY: shared uninstall dist version

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


clean:
	rm -rf build

# ---- CLI streaming and lossless JSON tests (issue 9 item 3) ----
# tests/t_stream.sh limits the address space of the tool, which only works with the
# plain build (ASan reserves terabytes), and tests/t_json_lossless.sh runs a process
# per corpus input, fastest with it: make check builds build/imapguard too.
test-bins: build/imapguard

# ---- make load (issue 12, "Load and faults"): not part of make check ----
# tools/load.py: N clients doing LOGIN, SELECT, FETCH, STORE, IDLE, LOGOUT through the
# target and directly to Dovecot (tools/dovecot.sh) in the same run; commands/s, p50/p99
# latency, peak RSS; then 10,000 idle pre-login and 1,000 logged-in IDLE connections with
# RSS per connection. Results and a gnuplot plot in build/load/. Goals are reported,
# never asserted. LOAD_TARGET=serve (default) or proxy; LOAD_QUICK=1: a < 30 s run.
LOAD_TARGET ?= serve
.PHONY: load
load: build/imapguard
	python3 tools/load.py --target $(LOAD_TARGET) $(if $(LOAD_QUICK),--quick,) --out build/load

# ---- proxy fault cases with the long churn (issue 12 "Load and faults") ----
# make check runs tests/t_proxy_faults.sh with 1000 connections opened and dropped;
# `make faults` runs only that case, with the issue's 10 000 (the other fault cases ran
# in make check), and fails on a "not ok" line that is not marked TODO (a known bug,
# shown). CI runs it as a step of its own.
.PHONY: faults
faults: build/asan/imapguard build/imapguard
	@mkdir -p build
	@CHURN=10000 CHURN_ONLY=1 sh tests/t_proxy_faults.sh | tee build/faults.tap
	@grep -q '^ok ' build/faults.tap && ! grep '^not ok ' build/faults.tap | grep -qv '# TODO'
