/* guard.h - test inputs placed flush against an unreadable page, so that reading one
 * byte past the end crashes (the picohttpparser technique). */
#ifndef IG_GUARD_H
#define IG_GUARD_H

#include <stddef.h>

/* Copies s[0..n) so that it ends exactly where an unreadable page begins and returns
 * the copy. The copy stays valid until the next call. */
const unsigned char *guard_place(const void *s, size_t n);

#endif
