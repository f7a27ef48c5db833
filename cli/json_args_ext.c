/* json_args_ext.c - the "args" object of the commands of parser/cmd_ext.c.
 *
 * Shapes (strings as in json_args.h: NIL is null, bytes that are not UTF-8 as \udcXX;
 * a member in [brackets] is present only when the command had it):
 *
 *   ENABLE       {"capabilities": ["CONDSTORE", "AUTH=PLAIN", ...]}   atoms as sent
 *   ID           {"params": null}                                     for ID NIL
 *                {"params": [{"field": "name", "value": "sodr"},      in the order sent;
 *                            {"field": "os", "value": null}, ...]}    [] for "()"
 *   COMPRESS     {"algorithm": "DEFLATE"}                             atom as sent
 *   GETQUOTA     {"root": "#user/alice"}
 *   SETQUOTA     {"root": "", "limits": [{"resource": "STORAGE", "limit": 512}, ...]}
 *                resource as sent; limit a number (number64)
 *   SETACL       {"mailbox": "INBOX", "identifier": "fred", "rights_op": "add",
 *                 "rights": "cda"}
 *                rights_op: "add" ("+"), "remove" ("-") or "replace" (no prefix);
 *                rights: the letters and digits after the prefix (may be "")
 *   DELETEACL    {"mailbox": "INBOX", "identifier": "fred"}
 *   LISTRIGHTS   {"mailbox": "INBOX", "identifier": "fred"}
 *   GETMETADATA  {["maxsize": 1024,] ["depth": "0" | "1" | "infinity",]
 *                 ["other_options": [{"name": "X", ["value": <generic value>]}, ...],]
 *                 "mailbox": "INBOX", "entries": ["/shared/comment", ...]}
 *                mailbox "" means the server's own entries
 *   SETMETADATA  {"mailbox": "INBOX",
 *                 "values": [{"entry": "/private/comment", "value": "text"},
 *                            {"entry": "/shared/x", "value": null}, ...]}
 *                value null removes the entry; a literal8 value may hold \u0000
 */
#include "json_args.h"

static void acl_common(FILE *f, int *first, const struct ig_acl *acl)
{
    json_key(f, first, "mailbox");
    json_str(f, &acl->mailbox);
    json_key(f, first, "identifier");
    json_str(f, &acl->identifier);
}

static void getmetadata(FILE *f, int *first, const struct ig_getmetadata *g)
{
    static const char *const depths[] = {"0", "1", "infinity"};
    if (g->has_maxsize) {
        json_key(f, first, "maxsize");
        json_u64(f, g->maxsize);
    }
    if (g->has_depth) {
        json_key(f, first, "depth");
        fprintf(f, "\"%s\"", g->depth < 3 ? depths[g->depth] : "?");
    }
    if (g->other.n) {
        json_key(f, first, "other_options");
        json_params(f, &g->other);
    }
    json_key(f, first, "mailbox");
    json_str(f, &g->mailbox);
    json_key(f, first, "entries");
    json_strs(f, &g->entries);
}

int json_args_ext(FILE *f, const struct ig_command *cmd)
{
    int first = 1;
    switch (cmd->cmd) {
    case IG_CMD_ENABLE: case IG_CMD_ID: case IG_CMD_COMPRESS: case IG_CMD_GETQUOTA:
    case IG_CMD_SETQUOTA: case IG_CMD_SETACL: case IG_CMD_DELETEACL: case IG_CMD_LISTRIGHTS:
    case IG_CMD_GETMETADATA: case IG_CMD_SETMETADATA:
        break;
    default:
        return 0;
    }
    fputc('{', f);
    switch (cmd->cmd) {
    case IG_CMD_ENABLE:
        json_key(f, &first, "capabilities");
        json_atoms(f, &cmd->u.enable.caps);
        break;
    case IG_CMD_ID:
        json_key(f, &first, "params");
        if (cmd->u.id.nil) {
            fputs("null", f);
            break;
        }
        fputc('[', f);
        for (uint32_t i = 0; i < cmd->u.id.n; i++) {
            int pf = 1;
            fputs(i ? ",{" : "{", f);
            json_key(f, &pf, "field");
            json_str(f, &cmd->u.id.v[i].field);
            json_key(f, &pf, "value");
            json_str(f, &cmd->u.id.v[i].value);
            fputc('}', f);
        }
        fputc(']', f);
        break;
    case IG_CMD_COMPRESS:
        json_key(f, &first, "algorithm");
        json_span(f, cmd->u.compress.algorithm);
        break;
    case IG_CMD_GETQUOTA:
        json_key(f, &first, "root");
        json_str(f, &cmd->u.getquota.root);
        break;
    case IG_CMD_SETQUOTA:
        json_key(f, &first, "root");
        json_str(f, &cmd->u.setquota.root);
        json_key(f, &first, "limits");
        fputc('[', f);
        for (uint32_t i = 0; i < cmd->u.setquota.n; i++) {
            int lf = 1;
            fputs(i ? ",{" : "{", f);
            json_key(f, &lf, "resource");
            json_span(f, cmd->u.setquota.v[i].resource);
            json_key(f, &lf, "limit");
            json_u64(f, cmd->u.setquota.v[i].limit);
            fputc('}', f);
        }
        fputc(']', f);
        break;
    case IG_CMD_SETACL:
        acl_common(f, &first, &cmd->u.acl);
        json_key(f, &first, "rights_op");
        fputs(cmd->u.acl.op > 0 ? "\"add\"" : cmd->u.acl.op < 0 ? "\"remove\"" : "\"replace\"",
              f);
        json_key(f, &first, "rights");
        json_str(f, &cmd->u.acl.rights);
        break;
    case IG_CMD_DELETEACL: case IG_CMD_LISTRIGHTS:
        acl_common(f, &first, &cmd->u.acl);
        break;
    case IG_CMD_GETMETADATA:
        getmetadata(f, &first, &cmd->u.getmetadata);
        break;
    default: /* IG_CMD_SETMETADATA */
        json_key(f, &first, "mailbox");
        json_str(f, &cmd->u.setmetadata.mailbox);
        json_key(f, &first, "values");
        fputc('[', f);
        for (uint32_t i = 0; i < cmd->u.setmetadata.n; i++) {
            int vf = 1;
            fputs(i ? ",{" : "{", f);
            json_key(f, &vf, "entry");
            json_str(f, &cmd->u.setmetadata.v[i].entry);
            json_key(f, &vf, "value");
            json_str(f, &cmd->u.setmetadata.v[i].value);
            fputc('}', f);
        }
        fputc(']', f);
        break;
    }
    fputc('}', f);
    return 1;
}
