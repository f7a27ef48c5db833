/*
 * test_abi.c - the sizes callers compile into their programs, against the values
 * recorded for this MAJOR version (README, "Building and installing"). A program built
 * against libimapguard.so.0 allocates these structs itself (on its stack, in its own
 * structs), so under one SONAME they must never change size. The numbers below are
 * written down, not taken from the header: a change that edits a struct and its
 * IG_*_ABI_SIZE together still fails here, and must come with a MAJOR bump (and new
 * numbers) or take its bytes from the struct's _reserved tail.
 */
#include "imapguard_session.h"
#include "tap.h"

#include <stdalign.h>
#include <stdint.h>

struct abi_size {
    const char *what;
    size_t got, want;
};

int main(void)
{
    /* The library linked in is the one this test was compiled with (the shared library's
     * run-time check is in tests/t_version.sh). */
    ok(strcmp(ig_version(), IG_VERSION_STRING) == 0, "ig_version() is IG_VERSION_STRING");
    ok(ig_version_number() == IG_VERSION_NUMBER && IG_VERSION_CHECK(),
       "ig_version_number() is IG_VERSION_NUMBER; IG_VERSION_CHECK() holds");
#if UINTPTR_MAX != UINT64_MAX
    ok(1, "# SKIP sizes are recorded for LP64 only");
    return done();
#else
    /* Recorded for IG_VERSION_MAJOR 0 on x86_64 (LP64). */
    ok(IG_VERSION_MAJOR == 0, "the recorded sizes are those of this MAJOR version");
    const struct abi_size sizes[] = {
        /* the objects with a reserved tail: fields may be added inside the size */
        { "sizeof(struct ig_parser)", sizeof(struct ig_parser), 1024 },
        { "sizeof(struct ig_session)", sizeof(struct ig_session), 4096 },
        { "IG_PARSER_ABI_SIZE", IG_PARSER_ABI_SIZE, 1024 },
        { "IG_SESSION_ABI_SIZE", IG_SESSION_ABI_SIZE, 4096 },
        /* what the caller fills in and the library reads: any change is an ABI break */
        { "sizeof(struct ig_limits)", sizeof(struct ig_limits), 48 },
        { "sizeof(struct ig_session_config)", sizeof(struct ig_session_config), 80 },
        { "sizeof(struct ig_backend)", sizeof(struct ig_backend), 96 },
        { "sizeof(struct ig_writer)", sizeof(struct ig_writer), 32 },
    };
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        char what[160];
        snprintf(what, sizeof(what), "%s is %zu (recorded %zu)", sizes[i].what, sizes[i].got,
                 sizes[i].want);
        ok(sizes[i].got == sizes[i].want, what);
    }
    /* Alignment is ABI too: callers embed the structs in their own. */
    ok(alignof(struct ig_parser) == 8, "struct ig_parser is 8-byte aligned");
    ok(alignof(struct ig_session) == 8, "struct ig_session is 8-byte aligned");
    /* The reserved tails are the last members, so growing into them moves nothing. */
    ok(offsetof(struct ig_parser, _reserved) + sizeof(((struct ig_parser *)0)->_reserved) ==
           sizeof(struct ig_parser),
       "struct ig_parser ends with its reserved tail");
    ok(offsetof(struct ig_session, _reserved) + sizeof(((struct ig_session *)0)->_reserved) ==
           sizeof(struct ig_session),
       "struct ig_session ends with its reserved tail");
    return done();
#endif
}
