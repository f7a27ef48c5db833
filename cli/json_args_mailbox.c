/* json_args_mailbox.c - the "args" object of the commands of parser/cmd_mailbox.c.
 *
 * Every member is always present (null or [] when the command did not send it), so a
 * command has one fixed shape. Strings are JSON strings (mailboxes as sent: compare
 * INBOX case-insensitively), sets their canonical text, keywords upper case.
 *
 * SELECT, EXAMINE
 *   {"mailbox": "INBOX",
 *    "condstore": false,                 CONDSTORE parameter (RFC 7162)
 *    "qresync": null | {                 QRESYNC parameter (RFC 7162)
 *        "uidvalidity": 67890007, "modseq": 90060115194045000,
 *        "known_uids": "41:211" | null,
 *        "known_sequence_set": "5000,7500" | null,   seq-match-data, both or neither
 *        "known_uid_set": "15000,22500" | null},
 *    "params": [{"name": "ANNOTATE"}, {"name": "X", "value": ...}]}
 *                                        other select-params in order (RFC 4466); a value
 *                                        is {"atom": "1:5"} or a nested array of
 *                                        {"atom": ..} / {"string": ..} items
 * CREATE
 *   {"mailbox": "MySpecial",
 *    "use": ["\\Drafts", "\\Sent"] | null,   USE parameter as sent (RFC 6154)
 *    "params": [...]}                        other create-params
 * RENAME
 *   {"from": "blurdybloop", "to": "sarasoop", "params": [...]}
 * STATUS
 *   {"mailbox": "blurdybloop", "items": ["UIDNEXT", "MESSAGES"]}   in the order sent
 * LIST
 *   {"select": null | {"options": ["SUBSCRIBED", "REMOTE", "RECURSIVEMATCH",
 *                                  "SPECIAL-USE"],     the ones sent, in this order
 *                      "extensions": [...]},           option-extensions, in order
 *    "reference": "",
 *    "patterns": ["INBOX", "Sent/%"],
 *    "pattern_list": false,              the patterns were in parentheses (RFC 5258)
 *    "return": null | {"options": ["SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS",
 *                                  "MYRIGHTS"],
 *                      "status": ["MESSAGES", "UNSEEN"] | null,   RETURN (STATUS (...))
 *                      "extensions": [...]}}
 * LSUB
 *   {"reference": "#news.", "pattern": "comp.mail.*"}
 */
#include "json_args.h"

static const char *const satt_names[IG_SATT__COUNT] = {
    [IG_SATT_MESSAGES] = "MESSAGES", [IG_SATT_RECENT] = "RECENT",
    [IG_SATT_UIDNEXT] = "UIDNEXT", [IG_SATT_UIDVALIDITY] = "UIDVALIDITY",
    [IG_SATT_UNSEEN] = "UNSEEN", [IG_SATT_DELETED] = "DELETED", [IG_SATT_SIZE] = "SIZE",
    [IG_SATT_HIGHESTMODSEQ] = "HIGHESTMODSEQ", [IG_SATT_APPENDLIMIT] = "APPENDLIMIT",
    [IG_SATT_MAILBOXID] = "MAILBOXID", [IG_SATT_DELETED_STORAGE] = "DELETED-STORAGE",
};

static void json_atts(FILE *f, const struct ig_status_atts *a)
{
    fputc('[', f);
    for (uint32_t i = 0; i < a->n; i++) {
        if (i)
            fputc(',', f);
        fprintf(f, "\"%s\"", a->v[i] < IG_SATT__COUNT ? satt_names[a->v[i]] : "?");
    }
    fputc(']', f);
}

static void json_opts(FILE *f, uint32_t bits)
{
    static const struct {
        uint32_t bit;
        const char *name;
    } names[] = {{IG_LIST_SUBSCRIBED, "SUBSCRIBED"}, {IG_LIST_REMOTE, "REMOTE"},
                 {IG_LIST_RECURSIVEMATCH, "RECURSIVEMATCH"}, {IG_LIST_CHILDREN, "CHILDREN"},
                 {IG_LIST_SPECIAL_USE, "SPECIAL-USE"}, {IG_LIST_STATUS, "STATUS"},
                 {IG_LIST_MYRIGHTS, "MYRIGHTS"}};
    int first = 1;
    fputc('[', f);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (bits & names[i].bit) {
            fprintf(f, "%s\"%s\"", first ? "" : ",", names[i].name);
            first = 0;
        }
    }
    fputc(']', f);
}

static void json_select(FILE *f, int *first, const struct ig_select *s)
{
    json_key(f, first, "mailbox");
    json_str(f, &s->mailbox);
    json_key(f, first, "condstore");
    json_bool(f, s->condstore);
    json_key(f, first, "qresync");
    if (!s->qresync) {
        fputs("null", f);
    } else {
        int q = 1;
        fputc('{', f);
        json_key(f, &q, "uidvalidity");
        json_u64(f, s->uidvalidity);
        json_key(f, &q, "modseq");
        json_u64(f, s->modseq);
        json_key(f, &q, "known_uids");
        if (s->has_known_uids)
            json_seqset(f, &s->known_uids);
        else
            fputs("null", f);
        json_key(f, &q, "known_sequence_set");
        if (s->has_seq_match)
            json_seqset(f, &s->known_seqs);
        else
            fputs("null", f);
        json_key(f, &q, "known_uid_set");
        if (s->has_seq_match)
            json_seqset(f, &s->known_seq_uids);
        else
            fputs("null", f);
        fputc('}', f);
    }
    json_key(f, first, "params");
    json_params(f, &s->other);
}

static void json_list(FILE *f, int *first, const struct ig_list *l)
{
    int o;
    json_key(f, first, "select");
    if (!l->has_select) {
        fputs("null", f);
    } else {
        o = 1;
        fputc('{', f);
        json_key(f, &o, "options");
        json_opts(f, l->select);
        json_key(f, &o, "extensions");
        json_params(f, &l->select_other);
        fputc('}', f);
    }
    json_key(f, first, "reference");
    json_str(f, &l->reference);
    json_key(f, first, "patterns");
    json_strs(f, &l->patterns);
    json_key(f, first, "pattern_list");
    json_bool(f, l->patterns_list);
    json_key(f, first, "return");
    if (!l->has_return) {
        fputs("null", f);
    } else {
        o = 1;
        fputc('{', f);
        json_key(f, &o, "options");
        json_opts(f, l->ret);
        json_key(f, &o, "status");
        if (l->ret & IG_LIST_STATUS)
            json_atts(f, &l->status);
        else
            fputs("null", f);
        json_key(f, &o, "extensions");
        json_params(f, &l->return_other);
        fputc('}', f);
    }
}

int json_args_mailbox(FILE *f, const struct ig_command *cmd)
{
    int first = 1;
    switch (cmd->cmd) {
    case IG_CMD_SELECT: case IG_CMD_EXAMINE: case IG_CMD_CREATE: case IG_CMD_RENAME:
    case IG_CMD_STATUS: case IG_CMD_LIST: case IG_CMD_LSUB:
        break;
    default:
        return 0;
    }
    fputc('{', f);
    switch (cmd->cmd) {
    case IG_CMD_SELECT: case IG_CMD_EXAMINE:
        json_select(f, &first, &cmd->u.select);
        break;
    case IG_CMD_CREATE:
        json_key(f, &first, "mailbox");
        json_str(f, &cmd->u.create.mailbox);
        json_key(f, &first, "use");
        if (cmd->u.create.has_use)
            json_atoms(f, &cmd->u.create.use);
        else
            fputs("null", f);
        json_key(f, &first, "params");
        json_params(f, &cmd->u.create.other);
        break;
    case IG_CMD_RENAME:
        json_key(f, &first, "from");
        json_str(f, &cmd->u.rename.from);
        json_key(f, &first, "to");
        json_str(f, &cmd->u.rename.to);
        json_key(f, &first, "params");
        json_params(f, &cmd->u.rename.params);
        break;
    case IG_CMD_STATUS:
        json_key(f, &first, "mailbox");
        json_str(f, &cmd->u.status.mailbox);
        json_key(f, &first, "items");
        json_atts(f, &cmd->u.status.atts);
        break;
    case IG_CMD_LIST:
        json_list(f, &first, &cmd->u.list);
        break;
    default: /* LSUB */
        json_key(f, &first, "reference");
        json_str(f, &cmd->u.list.reference);
        json_key(f, &first, "pattern");
        if (cmd->u.list.patterns.n == 1)
            json_str(f, &cmd->u.list.patterns.v[0]);
        else
            fputs("null", f);
        break;
    }
    fputc('}', f);
    return 1;
}
