/*
 * tap.h - a minimal TAP producer for the unit tests: ok(), is_str(), done(). Each
 * check prints "ok N - what" or "not ok N - what"; tests/run.sh adds them up.
 */
#ifndef IG_TAP_H
#define IG_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#if defined(__GNUC__)
#define TAP_UNUSED __attribute__((unused))
#else
#define TAP_UNUSED
#endif

TAP_UNUSED static int ok(int cond, const char *what)
{
    tap_n++;
    if (!cond)
        tap_failed++;
    printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, what);
    return cond;
}

TAP_UNUSED static int is_str(const char *got, const char *want, const char *what)
{
    int cond = strcmp(got, want) == 0;
    ok(cond, what);
    if (!cond)
        printf("#   got:\n%s\n#   want:\n%s\n", got, want);
    return cond;
}

TAP_UNUSED static int done(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

#endif
