/* accounts.h - the accounts of the reference backend as `replay` and `serve` take them. */
#ifndef IG_CLI_ACCOUNTS_H
#define IG_CLI_ACCOUNTS_H

#include "ref.h"

/* Adds the account spec ("NAME:PASS") to st with its own copy of the mail: the Maildir
 * folder maildir, or the bundled samples when maildir is NULL. 0, or -1 with a message
 * on stderr that starts with who ("imapguard replay"). */
int cli_add_account(struct ig_ref_store *st, const char *spec, const char *maildir,
                    const char *who);

#endif
