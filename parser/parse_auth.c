/*
 * parse_auth.c - the not-authenticated commands that carry credentials (RFC 9051
 * §6.2): LOGIN and AUTHENTICATE with its SASL-IR initial response (RFC 4959), and the
 * two kinds of line that are not commands: a SASL client response during an
 * AUTHENTICATE exchange, and the DONE that ends IDLE (RFC 2177). Credentials are
 * values like any other here; the reasons never quote them.
 */
#include "internal.h"

/* login = "LOGIN" SP userid SP password; both astring (atom, quoted or literal). */
int ig__parse_login(struct ig__ps *ps)
{
    struct ig_login *l = &ps->cmd->u.login;

    if (ig__sp(ps, "user name missing") || ig__astring(ps, &l->user) ||
        ig__sp(ps, "password missing") || ig__astring(ps, &l->password))
        return -1;
    ps->cmd->typed = 1;
    return ig__end(ps);
}

/* base64 up to the CRLF that ends the text, decoded into *out. */
static int base64_to_end(struct ig__ps *ps, struct ig_span *out)
{
    const unsigned char *s = ps->cur;
    size_t n = ig__lex_base64(s);
    ps->cur += n;
    if (!ig__at_end(ps)) {
        /* Point at the first byte outside the alphabet; when there is none, the
         * groups or the padding are wrong, and the fault is where the valid run ends. */
        const unsigned char *bad = s;
        while (bad < ps->lim - 2 && (ig__cclass[*bad] & IG__C_ATOM) &&
               ((*bad >= 'A' && *bad <= 'Z') || (*bad >= 'a' && *bad <= 'z') ||
                (*bad >= '0' && *bad <= '9') || *bad == '+' || *bad == '/' || *bad == '='))
            bad++;
        if (bad == ps->lim - 2)
            bad = ps->cur;
        return ig__fail_syntax(ps, bad, "invalid base64");
    }
    if (ig__base64_decode(ps, s, n, out))
        return -1;
    ps->cur += 2;
    return 0;
}

/* authenticate = "AUTHENTICATE" SP auth-type [SP initial-resp]
 * initial-resp = base64 / "="      (RFC 4959 §7; "=" is the empty response)
 * The ABNF lets base64 be empty, so "AUTHENTICATE X " would be an empty response; RFC
 * 4959 §3 says an empty initial response is sent as "=", and we hold clients to that
 * (grammar/imap.abnf, deviation D3). */
int ig__parse_authenticate(struct ig__ps *ps)
{
    struct ig_authenticate *a = &ps->cmd->u.authenticate;

    if (ig__sp(ps, "mechanism missing") ||
        ig__atom(ps, &a->mechanism, "invalid mechanism name"))
        return -1;
    ps->cmd->typed = 1;
    if (ig__at_end(ps)) {
        ps->cur += 2;
        return 0;
    }
    if (ig__sp(ps, "invalid mechanism name"))
        return -1;
    a->has_initial = 1;
    ps->cmd->ext |= IG_EXT_SASL_IR;
    if (ps->cur[0] == '=' && ps->cur + 3 == ps->lim) {
        a->initial.ptr = ps->cur;
        a->initial.len = 0;
        ps->cur += 3;
        return 0;
    }
    if (ig__at_end(ps))
        return ig__fail_syntax(ps, ps->cur, "empty initial response must be sent as \"=\"");
    return base64_to_end(ps, &a->initial);
}

/* A client response line: base64 CRLF, or "*" CRLF to cancel (RFC 9051 §6.2.2). An
 * empty line is an empty response. */
int ig__parse_sasl_line(struct ig__ps *ps)
{
    struct ig_command *cmd = ps->cmd;
    uint64_t off = cmd->offset;

    memset(cmd, 0, sizeof(*cmd));
    cmd->offset = off;
    cmd->cmd = IG_CMD_SASL;
    cmd->typed = 1;
    if (ps->cur[0] == '*' && ps->cur + 3 == ps->lim) {
        cmd->u.sasl.cancel = 1;
        ps->cur += 3;
        return 0;
    }
    return base64_to_end(ps, &cmd->u.sasl.data);
}

/* idle = "IDLE" CRLF "DONE" (RFC 2177 §4); DONE is case-insensitive like every
 * keyword. */
int ig__parse_done_line(struct ig__ps *ps)
{
    struct ig_command *cmd = ps->cmd;
    uint64_t off = cmd->offset;

    memset(cmd, 0, sizeof(*cmd));
    cmd->offset = off;
    cmd->cmd = IG_CMD_DONE;
    cmd->typed = 1;
    if (!(ig__lex_done(ps->cur) && ps->cur + 6 == ps->lim))
        return ig__fail_syntax(ps, ps->cur, "expected DONE");
    cmd->name.ptr = ps->cur;
    cmd->name.len = 4;
    ps->cur += 6;
    return 0;
}
