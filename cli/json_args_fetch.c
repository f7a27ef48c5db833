/* json_args_fetch.c - the "args" object of the commands of parser/cmd_fetch.c.
 *
 * FETCH, UID FETCH:
 *   {"set": "1:*",
 *    "macro": "ALL" | "FAST" | "FULL"              (instead of list and items)
 *    "list": true,                                 (the items were in parentheses)
 *    "items": [ITEM, ...],
 *    "modifiers": {"changedsince": 12345,          (each member only when sent; the
 *                  "vanished": true,                whole object only when fetch-
 *                  "other": [{"name": "X", "value": ...}]}}   modifiers were sent)
 *   ITEM = {"name": "ENVELOPE" | "FLAGS" | "INTERNALDATE" | "RFC822.SIZE" | "BODY" |
 *                   "BODYSTRUCTURE" | "UID" | "RFC822" | "RFC822.HEADER" |
 *                   "RFC822.TEXT" | "MODSEQ" | "EMAILID" | "THREADID" |
 *                   "BODY.PEEK" | "BINARY" | "BINARY.PEEK" | "BINARY.SIZE",
 *           "section": {"part": [1, 2],            (only for BODY[...], BODY.PEEK[...],
 *                       "text": "HEADER" | "HEADER.FIELDS" |   BINARY[...] and the
 *                               "HEADER.FIELDS.NOT" | "TEXT" | "MIME",   others with a
 *                       "fields": ["From", "To"]},               section; "text" only
 *           "partial": {"offset": 0, "count": 100}}               when there is one,
 *                                                  "fields" only with HEADER.FIELDS;
 *                                                  "partial" only when sent)
 *   "BODY" without "section" is the structure (BODY); "BODY" with one is BODY[...].
 * STORE, UID STORE:
 *   {"set": "2:4",
 *    "modifiers": {"unchangedsince": 0, "other": [...]},   (as for FETCH)
 *    "mode": "add" | "remove" | "replace",                 (+FLAGS, -FLAGS, FLAGS)
 *    "silent": false,                                       (.SILENT)
 *    "list": true,                                          (flags in parentheses)
 *    "flags": ["\\Deleted"]}
 */
#include "json_args.h"

static const char *const item_name[IG_FETCH__COUNT] = {
    [IG_FETCH_ENVELOPE] = "ENVELOPE",
    [IG_FETCH_FLAGS] = "FLAGS",
    [IG_FETCH_INTERNALDATE] = "INTERNALDATE",
    [IG_FETCH_RFC822_SIZE] = "RFC822.SIZE",
    [IG_FETCH_BODY] = "BODY",
    [IG_FETCH_BODYSTRUCTURE] = "BODYSTRUCTURE",
    [IG_FETCH_UID] = "UID",
    [IG_FETCH_BODY_SECTION] = "BODY",
    [IG_FETCH_BINARY] = "BINARY",
    [IG_FETCH_BINARY_SIZE] = "BINARY.SIZE",
    [IG_FETCH_RFC822] = "RFC822",
    [IG_FETCH_RFC822_HEADER] = "RFC822.HEADER",
    [IG_FETCH_RFC822_TEXT] = "RFC822.TEXT",
    [IG_FETCH_MODSEQ] = "MODSEQ",
    [IG_FETCH_EMAILID] = "EMAILID",
    [IG_FETCH_THREADID] = "THREADID",
};

static const char *const text_name[] = {"", "HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT",
                                        "TEXT", "MIME"};

static void json_item(FILE *f, const struct ig_fetch_att *a)
{
    int first = 1;
    fputc('{', f);
    json_key(f, &first, "name");
    if (a->kind >= IG_FETCH__COUNT) {
        fputs("null", f);
    } else {
        fputc('"', f);
        fputs(item_name[a->kind], f);
        if (a->peek)
            fputs(".PEEK", f);
        fputc('"', f);
    }
    if (a->kind >= IG_FETCH_BODY_SECTION && a->kind <= IG_FETCH_BINARY_SIZE) {
        const struct ig_section *s = &a->section;
        int sf = 1;
        json_key(f, &first, "section");
        fputc('{', f);
        json_key(f, &sf, "part");
        fputc('[', f);
        for (uint32_t i = 0; i < s->nparts; i++) {
            if (i)
                fputc(',', f);
            json_u64(f, s->parts[i]);
        }
        fputc(']', f);
        if (s->text != IG_SECTION_NONE && s->text < sizeof(text_name) / sizeof(text_name[0])) {
            json_key(f, &sf, "text");
            fprintf(f, "\"%s\"", text_name[s->text]);
        }
        if (s->text == IG_SECTION_HEADER_FIELDS || s->text == IG_SECTION_HEADER_FIELDS_NOT) {
            json_key(f, &sf, "fields");
            json_strs(f, &s->fields);
        }
        fputc('}', f);
    }
    if (a->partial.present) {
        int pf = 1;
        json_key(f, &first, "partial");
        fputc('{', f);
        json_key(f, &pf, "offset");
        json_u64(f, a->partial.offset);
        json_key(f, &pf, "count");
        json_u64(f, a->partial.count);
        fputc('}', f);
    }
    fputc('}', f);
}

/* "modifiers": {...}; value belongs to the decoded modifier that takes one. */
static void json_modifiers(FILE *f, int *first, uint32_t mods, uint64_t value,
                           const struct ig_params *other)
{
    int mf = 1;
    json_key(f, first, "modifiers");
    fputc('{', f);
    if (mods & IG_MOD_CHANGEDSINCE) {
        json_key(f, &mf, "changedsince");
        json_u64(f, value);
    }
    if (mods & IG_MOD_UNCHANGEDSINCE) {
        json_key(f, &mf, "unchangedsince");
        json_u64(f, value);
    }
    if (mods & IG_MOD_VANISHED) {
        json_key(f, &mf, "vanished");
        json_bool(f, 1);
    }
    if (other->n) {
        json_key(f, &mf, "other");
        json_params(f, other);
    }
    fputc('}', f);
}

int json_args_fetch(FILE *f, const struct ig_command *cmd)
{
    static const char *const macro_name[] = {"", "ALL", "FAST", "FULL"};
    int first = 1;

    switch (cmd->cmd) {
    case IG_CMD_FETCH:
    case IG_CMD_UID_FETCH: {
        const struct ig_fetch *fe = &cmd->u.fetch;
        fputc('{', f);
        json_key(f, &first, "set");
        json_seqset(f, &fe->set);
        if (fe->macro != IG_FETCH_NO_MACRO && fe->macro <= IG_FETCH_FULL) {
            json_key(f, &first, "macro");
            fprintf(f, "\"%s\"", macro_name[fe->macro]);
        } else {
            json_key(f, &first, "list");
            json_bool(f, fe->list);
            json_key(f, &first, "items");
            fputc('[', f);
            for (uint32_t i = 0; i < fe->n; i++) {
                if (i)
                    fputc(',', f);
                json_item(f, &fe->atts[i]);
            }
            fputc(']', f);
        }
        if (fe->has_modifiers)
            json_modifiers(f, &first, fe->mods, fe->changedsince, &fe->other);
        fputc('}', f);
        return 1;
    }
    case IG_CMD_STORE:
    case IG_CMD_UID_STORE: {
        const struct ig_store *st = &cmd->u.store;
        fputc('{', f);
        json_key(f, &first, "set");
        json_seqset(f, &st->set);
        if (st->has_modifiers)
            json_modifiers(f, &first, st->mods, st->unchangedsince, &st->other);
        json_key(f, &first, "mode");
        fputs(st->op > 0 ? "\"add\"" : st->op < 0 ? "\"remove\"" : "\"replace\"", f);
        json_key(f, &first, "silent");
        json_bool(f, st->silent);
        json_key(f, &first, "list");
        json_bool(f, st->list);
        json_key(f, &first, "flags");
        json_flags(f, &st->flags);
        fputc('}', f);
        return 1;
    }
    default:
        return 0;
    }
}
