/* json_args_search.c - the "args" object of the commands of parser/cmd_search.c.
 *
 * SEARCH, UID SEARCH:
 *   {"return": RET, "charset": "UTF-8", "keys": [KEY, ...]}
 * SORT, UID SORT:
 *   {"criteria": [{"key": "SUBJECT", "reverse": false}, ...], "charset": "UTF-8",
 *    "keys": [KEY, ...]}
 * THREAD, UID THREAD:
 *   {"algorithm": "REFERENCES", "charset": "UTF-8", "keys": [KEY, ...]}
 * ESEARCH:
 *   {"in": {"filters": [FILTER, ...], "scope": [PARAM, ...]}, "return": RET,
 *    "charset": "UTF-8", "keys": [KEY, ...]}
 *
 * Members that were not sent are left out: "return" (no RETURN), "charset" (no
 * CHARSET in SEARCH / ESEARCH; SORT and THREAD always have one), "in" (no IN), "scope"
 * (no scope options). The sort keys are upper case; "algorithm" is the atom as sent.
 *
 * RET    {"options": ["MIN", "MAX", "ALL", "COUNT", "SAVE"], "other": [PARAM, ...]}
 *        options in that order (those sent); "other" the search-ret-opt-ext items in
 *        order, each {"name": "...", "value": ...} as in every PARAM list
 * FILTER {"filter": "selected" | "inboxes" | "personal" | "subscribed" | "subtree" |
 *         "subtree-one" | "mailboxes", "mailboxes": ["...", ...]}
 *        ("mailboxes" only for subtree, subtree-one and mailboxes)
 * KEY    {"key": NAME} plus, by key:
 *          ALL ANSWERED DELETED DRAFT FLAGGED NEW OLD RECENT SEEN UNANSWERED UNDELETED
 *          UNDRAFT UNFLAGGED UNSEEN     nothing more
 *          BCC BODY CC FROM SUBJECT TEXT TO    "value": string
 *          KEYWORD UNKEYWORD             "value": the flag keyword
 *          BEFORE ON SINCE SENTBEFORE SENTON SENTSINCE   "value": "YYYY-MM-DD"
 *          LARGER SMALLER                "value": number
 *          UID, SET (a bare sequence set)   "value": "1:4,7,$"
 *          HEADER                        "field": string, "value": string
 *          NOT                           "value": KEY
 *          OR                            "value": [KEY, KEY]
 *          AND (a parenthesized list)    "value": [KEY, ...]
 *          MODSEQ                        "value": number, and with an entry name also
 *                                        "entry": "/flags/\\Seen" (decoded),
 *                                        "entry_type": "priv" | "shared" | "all"
 *          EMAILID THREADID              "value": the object id
 */
#include "json_args.h"

#include "json.h"

static const char *const key_names[IG_SK__COUNT] = {
    "ALL", "ANSWERED", "BCC", "BEFORE", "BODY", "CC", "DELETED", "FLAGGED", "FROM",
    "KEYWORD", "NEW", "OLD", "ON", "RECENT", "SEEN", "SINCE", "SUBJECT", "TEXT", "TO",
    "UNANSWERED", "UNDELETED", "UNFLAGGED", "UNKEYWORD", "UNSEEN", "DRAFT", "HEADER",
    "LARGER", "NOT", "OR", "SENTBEFORE", "SENTON", "SENTSINCE", "SMALLER", "UID", "UNDRAFT",
    "SET", "AND", "MODSEQ", "EMAILID", "THREADID"};

static const char *const sort_keys[IG_SORT__COUNT] = {"ARRIVAL", "CC",      "DATE", "FROM",
                                                      "SIZE",    "SUBJECT", "TO"};

static const char *const filter_names[] = {"selected", "selected-delayed", "inboxes",
                                           "personal", "subscribed",       "subtree",
                                           "subtree-one", "mailboxes"};

static const char *const entry_types[] = {"none", "priv", "shared", "all"};

static const char *const return_names[] = {"MIN", "MAX", "ALL", "COUNT", "SAVE"};

static void json_key_value(FILE *f, const struct ig_search_key *k, uint32_t depth);

static void json_keys(FILE *f, const struct ig_search_key *v, uint32_t n, uint32_t depth)
{
    fputc('[', f);
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        json_key_value(f, &v[i], depth);
    }
    fputc(']', f);
}

static void json_key_value(FILE *f, const struct ig_search_key *k, uint32_t depth)
{
    int first = 1;
    if (k == NULL || k->kind >= IG_SK__COUNT || depth > 1000) {
        fputs("null", f);
        return;
    }
    fputc('{', f);
    json_key(f, &first, "key");
    json_cstring(f, key_names[k->kind]);
    switch (k->kind) {
    case IG_SK_BCC: case IG_SK_BODY: case IG_SK_CC: case IG_SK_FROM: case IG_SK_SUBJECT:
    case IG_SK_TEXT: case IG_SK_TO: case IG_SK_EMAILID: case IG_SK_THREADID:
        json_key(f, &first, "value");
        json_str(f, &k->u.str);
        break;
    case IG_SK_KEYWORD: case IG_SK_UNKEYWORD:
        json_key(f, &first, "value");
        json_span(f, k->u.keyword);
        break;
    case IG_SK_BEFORE: case IG_SK_ON: case IG_SK_SINCE: case IG_SK_SENTBEFORE:
    case IG_SK_SENTON: case IG_SK_SENTSINCE:
        json_key(f, &first, "value");
        json_date(f, &k->u.date);
        break;
    case IG_SK_LARGER: case IG_SK_SMALLER:
        json_key(f, &first, "value");
        json_u64(f, k->u.number);
        break;
    case IG_SK_UID: case IG_SK_SET:
        json_key(f, &first, "value");
        json_seqset(f, &k->u.set);
        break;
    case IG_SK_HEADER:
        json_key(f, &first, "field");
        json_str(f, &k->u.header.field);
        json_key(f, &first, "value");
        json_str(f, &k->u.header.value);
        break;
    case IG_SK_NOT:
        json_key(f, &first, "value");
        json_key_value(f, k->u.not_key, depth + 1);
        break;
    case IG_SK_OR:
        json_key(f, &first, "value");
        fputc('[', f);
        json_key_value(f, k->u.or_keys.a, depth + 1);
        fputc(',', f);
        json_key_value(f, k->u.or_keys.b, depth + 1);
        fputc(']', f);
        break;
    case IG_SK_AND:
        json_key(f, &first, "value");
        json_keys(f, k->u.and_keys.v, k->u.and_keys.n, depth + 1);
        break;
    case IG_SK_MODSEQ:
        json_key(f, &first, "value");
        json_u64(f, k->u.modseq.value);
        if (k->u.modseq.has_entry) {
            json_key(f, &first, "entry");
            json_str(f, &k->u.modseq.entry);
            json_key(f, &first, "entry_type");
            json_cstring(f, entry_types[k->u.modseq.entry_type & 3]);
        }
        break;
    default:
        break;
    }
    fputc('}', f);
}

static void json_program(FILE *f, int *first, const struct ig_search_program *prog)
{
    if (prog->has_charset) {
        json_key(f, first, "charset");
        json_str(f, &prog->charset);
    }
    json_key(f, first, "keys");
    json_keys(f, prog->keys, prog->n, 0);
}

static void json_return(FILE *f, int *first, const struct ig_search_ret *ret)
{
    int inner = 1, n = 0;
    if (!ret->present)
        return;
    json_key(f, first, "return");
    fputc('{', f);
    json_key(f, &inner, "options");
    fputc('[', f);
    for (unsigned i = 0; i < sizeof(return_names) / sizeof(return_names[0]); i++) {
        if (ret->opts & (1u << i)) {
            if (n++)
                fputc(',', f);
            json_cstring(f, return_names[i]);
        }
    }
    fputc(']', f);
    json_key(f, &inner, "other");
    json_params(f, &ret->other);
    fputc('}', f);
}

static void json_filter(FILE *f, const struct ig_filter *flt)
{
    int first = 1;
    fputc('{', f);
    json_key(f, &first, "filter");
    json_cstring(f, flt->kind < sizeof(filter_names) / sizeof(filter_names[0])
                     ? filter_names[flt->kind]
                     : "?");
    if (flt->kind == IG_FILTER_SUBTREE || flt->kind == IG_FILTER_SUBTREE_ONE ||
        flt->kind == IG_FILTER_MAILBOXES) {
        json_key(f, &first, "mailboxes");
        json_strs(f, &flt->mailboxes);
    }
    fputc('}', f);
}

int json_args_search(FILE *f, const struct ig_command *cmd)
{
    int first = 1;
    switch (cmd->cmd) {
    case IG_CMD_SEARCH: case IG_CMD_UID_SEARCH:
        fputc('{', f);
        json_return(f, &first, &cmd->u.search.ret);
        json_program(f, &first, &cmd->u.search.prog);
        break;
    case IG_CMD_SORT: case IG_CMD_UID_SORT:
        fputc('{', f);
        json_key(f, &first, "criteria");
        fputc('[', f);
        for (uint32_t i = 0; i < cmd->u.sort.n; i++) {
            const struct ig_sort_criterion *c = &cmd->u.sort.criteria[i];
            int inner = 1;
            fputs(i ? ",{" : "{", f);
            json_key(f, &inner, "key");
            json_cstring(f, c->key < IG_SORT__COUNT ? sort_keys[c->key] : "?");
            json_key(f, &inner, "reverse");
            json_bool(f, c->reverse);
            fputc('}', f);
        }
        fputc(']', f);
        json_program(f, &first, &cmd->u.sort.prog);
        break;
    case IG_CMD_THREAD: case IG_CMD_UID_THREAD:
        fputc('{', f);
        json_key(f, &first, "algorithm");
        json_span(f, cmd->u.thread.algorithm);
        json_program(f, &first, &cmd->u.thread.prog);
        break;
    case IG_CMD_ESEARCH: {
        const struct ig_esearch *e = &cmd->u.esearch;
        fputc('{', f);
        if (e->has_in) {
            int inner = 1;
            json_key(f, &first, "in");
            fputc('{', f);
            json_key(f, &inner, "filters");
            fputc('[', f);
            for (uint32_t i = 0; i < e->nfilters; i++) {
                if (i)
                    fputc(',', f);
                json_filter(f, &e->filters[i]);
            }
            fputc(']', f);
            if (e->has_scope) {
                json_key(f, &inner, "scope");
                json_params(f, &e->scope);
            }
            fputc('}', f);
        }
        json_return(f, &first, &e->ret);
        json_program(f, &first, &e->prog);
        break;
    }
    default:
        return 0;
    }
    fputc('}', f);
    return 1;
}
