/*
 * abi.c - the compile-time guard of the ABI of struct ig_session: callers compile its
 * size into their own code (on the stack, in a connection struct), so it may only change
 * with IG_VERSION_MAJOR (README, "Building and installing"). A new private field takes
 * its bytes from _reserved. Nothing here runs.
 */
#include "session_internal.h"

#include <stdint.h>

#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(struct ig_session) == IG_SESSION_ABI_SIZE,
               "struct ig_session changed size: take the bytes of a new field from _reserved "
               "(an ABI break otherwise: bump IG_VERSION_MAJOR)");
#else
/* Not LP64: at least the reserved tail must not have been eaten up. */
_Static_assert(sizeof(struct ig_session) <= IG_SESSION_ABI_SIZE, "struct ig_session too big");
#endif
