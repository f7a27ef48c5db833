/* accounts.c - --user NAME:PASS and --maildir DIR, shared by `replay` and `serve`. */
#include "accounts.h"

#include <stdio.h>
#include <string.h>

int cli_add_account(struct ig_ref_store *st, const char *spec, const char *maildir,
                    const char *who)
{
    const char *colon = strchr(spec, ':');
    char err[512];
    if (colon == NULL || colon == spec) {
        fprintf(stderr, "%s: --user wants NAME:PASS\n", who);
        return -1;
    }
    /* Names and passwords are bytes: the store compares them by length and content. */
    struct ig_ref_user *u = ig_ref_add_user(st, spec, (size_t)(colon - spec), colon + 1,
                                            strlen(colon + 1));
    if (u == NULL) {
        fprintf(stderr, "%s: cannot add user (duplicate or too long)\n", who);
        return -1;
    }
    if (maildir) {
        if (ig_ref_load_maildir(st, u, maildir, err, sizeof(err)) != 0) {
            fprintf(stderr, "%s: %s\n", who, err);
            return -1;
        }
    } else if (ig_ref_load_samples(st, u) != 0) {
        fprintf(stderr, "%s: out of memory\n", who);
        return -1;
    }
    return 0;
}
