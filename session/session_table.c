/*
 * session_table.c - the command x state table (RFC 9051 §3 state diagram, §6 "valid
 * in" lists, and each extension's own rule): in which states a command is valid and
 * which state follows its tagged OK or NO/BAD. The session, the tests, the corpus
 * generator and the fuzz oracles all read this one table.
 */
#include "imapguard_session.h"

#include <stddef.h>

#define N (1u << IG_STATE_NOT_AUTH)
#define A (1u << IG_STATE_AUTH)
#define S (1u << IG_STATE_SELECTED)
#define X IG_NEXT_SAME
#define NA IG_STATE_NOT_AUTH
#define AU IG_STATE_AUTH
#define SE IG_STATE_SELECTED
#define LO IG_STATE_LOGOUT

/* Rows: valid states, then next state after OK and after NO/BAD, per state. */
#define STAY {X, X, X, X}
static const struct ig_cmd_rule rules[IG_CMD__COUNT] = {
    [IG_CMD_OTHER] = {0, STAY, STAY},
    /* §6.1: any state. LOGOUT always ends in Logout (BYE, then the tagged OK). */
    [IG_CMD_CAPABILITY] = {N | A | S, STAY, STAY},
    [IG_CMD_NOOP] = {N | A | S, STAY, STAY},
    [IG_CMD_LOGOUT] = {N | A | S, {LO, LO, LO, X}, STAY},
    [IG_CMD_ID] = {N | A | S, STAY, STAY},  /* RFC 2971 §3.1: any state */
    /* §6.2: not authenticated. There is no way back to Not Authenticated. */
    [IG_CMD_STARTTLS] = {N, STAY, STAY},
    [IG_CMD_AUTHENTICATE] = {N, {AU, X, X, X}, STAY},
    [IG_CMD_LOGIN] = {N, {AU, X, X, X}, STAY},
    /* §6.3: authenticated (and, per §6.4, selected, except ENABLE: RFC 5161 §3.1). A
     * failed SELECT / EXAMINE leaves no mailbox selected: Authenticated. */
    [IG_CMD_ENABLE] = {A, STAY, STAY},
    [IG_CMD_SELECT] = {A | S, {X, SE, SE, X}, {X, AU, AU, X}},
    [IG_CMD_EXAMINE] = {A | S, {X, SE, SE, X}, {X, AU, AU, X}},
    [IG_CMD_CREATE] = {A | S, STAY, STAY},
    [IG_CMD_DELETE] = {A | S, STAY, STAY},
    [IG_CMD_RENAME] = {A | S, STAY, STAY},
    [IG_CMD_SUBSCRIBE] = {A | S, STAY, STAY},
    [IG_CMD_UNSUBSCRIBE] = {A | S, STAY, STAY},
    [IG_CMD_LIST] = {A | S, STAY, STAY},
    [IG_CMD_LSUB] = {A | S, STAY, STAY},
    [IG_CMD_NAMESPACE] = {A | S, STAY, STAY},
    [IG_CMD_STATUS] = {A | S, STAY, STAY},
    [IG_CMD_APPEND] = {A | S, STAY, STAY},
    [IG_CMD_IDLE] = {A | S, STAY, STAY},    /* RFC 2177 §3 */
    [IG_CMD_COMPRESS] = {A | S, STAY, STAY}, /* RFC 4978 §3 */
    [IG_CMD_GETQUOTA] = {A | S, STAY, STAY},
    [IG_CMD_GETQUOTAROOT] = {A | S, STAY, STAY},
    [IG_CMD_SETQUOTA] = {A | S, STAY, STAY},
    [IG_CMD_SETACL] = {A | S, STAY, STAY},
    [IG_CMD_DELETEACL] = {A | S, STAY, STAY},
    [IG_CMD_GETACL] = {A | S, STAY, STAY},
    [IG_CMD_LISTRIGHTS] = {A | S, STAY, STAY},
    [IG_CMD_MYRIGHTS] = {A | S, STAY, STAY},
    [IG_CMD_GETMETADATA] = {A | S, STAY, STAY},
    [IG_CMD_SETMETADATA] = {A | S, STAY, STAY},
    [IG_CMD_ESEARCH] = {A | S, STAY, STAY},  /* RFC 7377 §2 */
    /* §6.4: selected. CLOSE and UNSELECT return to Authenticated. */
    [IG_CMD_CHECK] = {S, STAY, STAY},
    [IG_CMD_CLOSE] = {S, {X, X, AU, X}, STAY},
    [IG_CMD_UNSELECT] = {S, {X, X, AU, X}, STAY},
    [IG_CMD_EXPUNGE] = {S, STAY, STAY},
    [IG_CMD_SEARCH] = {S, STAY, STAY},
    [IG_CMD_FETCH] = {S, STAY, STAY},
    [IG_CMD_STORE] = {S, STAY, STAY},
    [IG_CMD_COPY] = {S, STAY, STAY},
    [IG_CMD_MOVE] = {S, STAY, STAY},
    [IG_CMD_UID_FETCH] = {S, STAY, STAY},
    [IG_CMD_UID_STORE] = {S, STAY, STAY},
    [IG_CMD_UID_COPY] = {S, STAY, STAY},
    [IG_CMD_UID_MOVE] = {S, STAY, STAY},
    [IG_CMD_UID_SEARCH] = {S, STAY, STAY},
    [IG_CMD_UID_EXPUNGE] = {S, STAY, STAY},
    [IG_CMD_SORT] = {S, STAY, STAY},
    [IG_CMD_UID_SORT] = {S, STAY, STAY},
    [IG_CMD_THREAD] = {S, STAY, STAY},
    [IG_CMD_UID_THREAD] = {S, STAY, STAY},
    /* Lines that are not commands are never valid as commands. */
    [IG_CMD_DONE] = {0, STAY, STAY},
    [IG_CMD_SASL] = {0, STAY, STAY},
};

const struct ig_cmd_rule *ig_cmd_rule(enum ig_cmd cmd)
{
    if ((unsigned)cmd >= IG_CMD__COUNT)
        return &rules[IG_CMD_OTHER];
    return &rules[cmd];
}

const char *ig_state_name(enum ig_state st)
{
    switch (st) {
    case IG_STATE_NOT_AUTH: return "NOT_AUTH";
    case IG_STATE_AUTH: return "AUTH";
    case IG_STATE_SELECTED: return "SELECTED";
    case IG_STATE_LOGOUT: return "LOGOUT";
    default: return "UNKNOWN";
    }
}
