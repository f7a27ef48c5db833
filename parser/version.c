/*
 * version.c - the version of the library as it runs (ig_version), and the compile-time
 * guard of the ABI of struct ig_parser: callers compile its size into their own code,
 * so it may only change with IG_VERSION_MAJOR (README, "Building and installing").
 * New private fields take their bytes from _reserved instead.
 */
#include "internal.h"

#include <stdint.h>

/* The size is part of the ABI on LP64 (the platforms we build releases for); on other
 * data models the reserved tail keeps the size stable just the same, but its value is
 * recorded only when a release is first built there. */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(struct ig_parser) == IG_PARSER_ABI_SIZE,
               "struct ig_parser changed size: take the bytes of a new field from _reserved "
               "(an ABI break otherwise: bump IG_VERSION_MAJOR)");
#else
_Static_assert(sizeof(struct ig_parser) <= IG_PARSER_ABI_SIZE, "struct ig_parser too big");
#endif

const char *ig_version(void)
{
    return IG_VERSION_STRING;
}

unsigned long ig_version_number(void)
{
    return IG_VERSION_NUMBER;
}
