/*
 * parse_append.c - APPEND (RFC 9051 §6.3.12) with MULTIAPPEND (RFC 3502) and literal8
 * data (RFC 3516), parsed one message at a time: the message octets are streamed by
 * the framer and never enter the command buffer, so the grammar stops at each message
 * literal (IG__PENDING_MSG) and resumes after it from parse_append_more. Also the two
 * value parsers APPEND needs first: flag-list and date-time.
 *
 *   append         = "APPEND" SP mailbox 1*append-message        (RFC 3502)
 *   append-message = [SP flag-list] [SP date-time] SP append-data
 *   append-data    = literal / literal8
 */
#include "internal.h"

/* flag-list = "(" [flag *(SP flag)] ")" */
int ig__flag_list(struct ig__ps *ps, struct ig_flags *out)
{
    struct ig__vec v;

    if (*ps->cur != '(')
        return ig__bad_token_at(ps, ps->cur, "flag list expected");
    ps->cur++;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_flag));
    if (*ps->cur != ')') {
        for (;;) {
            int kind = ig__lex_flag(ps);
            if (kind < 0)
                return ig__bad_token(ps, "invalid flag");
            struct ig_flag *f = ig__vec_push(ps->p, &v, sizeof(struct ig_flag));
            if (f == NULL)
                return ig__fail(ps, IG_E_NOMEM, ps->tok, "command too complex (arena full)");
            if (ig__count_item(ps))
                return -1;
            f->kind = (uint8_t)kind;
            f->name.ptr = ps->tok;
            f->name.len = (size_t)(ps->cur - ps->tok);
            if (*ps->cur == ')')
                break;
            if (ig__sp(ps, *ps->cur == '\r' ? "unbalanced parenthesis" : "invalid flag"))
                return -1;
        }
    }
    ps->cur++;
    out->n = v.n;
    out->v = ig__vec_finish(ps->p, &v);
    return 0;
}

static int days_in_month(unsigned year, unsigned month)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

static unsigned num(const unsigned char *s, int n)
{
    unsigned v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (unsigned)(s[i] == ' ' ? 0 : s[i] - '0');
    return v;
}

/* date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
 * The DFA checks the shape; the calendar is checked here (no 31-Feb, no 25:00). */
int ig__datetime(struct ig__ps *ps, struct ig_datetime *out)
{
    static const char months[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    const unsigned char *s = ps->cur;
    size_t n = ig__lex_datetime(s);

    if (n == 0)
        return ig__bad_token_at(ps, s, "invalid date-time");
    out->day = (uint8_t)num(s + 1, 2);
    out->month = 0;
    for (unsigned m = 0; m < 12; m++) /* the names differ: stop at the one found */
        if (ig__ascii_casecmp(s + 4, months + 3 * m, 3) == 0) {
            out->month = (uint8_t)(m + 1);
            break;
        }
    out->year = (uint16_t)num(s + 8, 4);
    out->hour = (uint8_t)num(s + 13, 2);
    out->minute = (uint8_t)num(s + 16, 2);
    out->second = (uint8_t)num(s + 19, 2);
    unsigned zh = num(s + 23, 2), zm = num(s + 25, 2);
    if (out->day < 1 || out->day > days_in_month(out->year, out->month))
        return ig__fail_syntax(ps, s + 1, "invalid day of month");
    /* 60 is a leap second (RFC 5322 §3.3). */
    if (out->hour > 23 || out->minute > 59 || out->second > 60)
        return ig__fail_syntax(ps, s + 13, "invalid time of day");
    if (zh > 23 || zm > 59)
        return ig__fail_syntax(ps, s + 22, "invalid time zone");
    out->zone = (int16_t)((s[22] == '-' ? -1 : 1) * (int)(zh * 60 + zm));
    ps->cur += n;
    return 0;
}

/* The message vector lives on the arena's scratch end for the whole command; these
 * rebuild its handle from the parser fields that persist between passes. */
static struct ig__vec msg_vec(const struct ig_parser *p)
{
    struct ig__vec v = {p->_msg_mark, (sizeof(struct ig_append_msg) + 7u) & ~(size_t)7u,
                        p->_nmsg, sizeof(struct ig_append_msg)};
    return v;
}

/* One append-message up to its literal header (which must be the pending one), or the
 * CRLF that ends the command once a message was seen. */
static int append_message(struct ig__ps *ps)
{
    struct ig_parser *p = ps->p;
    struct ig_append *ap = &ps->cmd->u.append;
    struct ig_append_msg m;
    struct ig__lit lit;

    if (ig__at_end(ps)) {
        if (p->_nmsg == 0)
            return ig__fail_syntax(ps, ps->cur, "message literal missing");
        struct ig__vec v = msg_vec(p);
        ap->n = p->_nmsg;
        ap->msgs = ig__vec_finish(p, &v);
        if (p->_nmsg > 1)
            ps->cmd->ext |= IG_EXT_MULTIAPPEND;
        ps->cmd->typed = 1;
        ps->cur += 2;
        return 0;
    }
    memset(&m, 0, sizeof(m));
    if (ig__sp(ps, "message literal missing"))
        return -1;
    if (*ps->cur == '(') {
        if (ig__flag_list(ps, &m.flags) || ig__sp(ps, "message literal missing"))
            return -1;
        m.has_flags = 1;
    }
    if (*ps->cur == '"') {
        if (ig__datetime(ps, &m.date) || ig__sp(ps, "message literal missing"))
            return -1;
        m.has_date = 1;
    }
    enum ig__tok t = ig__lex_generic(ps, &lit);
    if (t != IG__T_LITERAL)
        return ps->reason ? -1 : ig__bad_token(ps, "message literal expected");
    /* Message octets are never buffered, so a message literal is always the last
     * thing in the text: the framer runs a pass at every APPEND literal header. */
    if (!lit.pending)
        return ig__fail_syntax(ps, ps->tok, "message literal expected");
    m.size = lit.size;
    m.kind = (uint8_t)((lit.lit8 ? 2 : 0) | (lit.nonsync ? 1 : 0));
    if (lit.nonsync)
        ps->cmd->ext |= IG_EXT_LITERALPLUS;
    if (lit.lit8)
        ps->cmd->ext |= IG_EXT_BINARY;
    if (p->_nmsg >= p->_lim.max_items)
        return ig__fail(ps, IG_E_LIMIT, ps->tok, "too many messages");
    struct ig__vec v = msg_vec(p);
    struct ig_append_msg *rec = ig__vec_push(p, &v, sizeof(struct ig_append_msg));
    if (rec == NULL)
        return ig__fail(ps, IG_E_NOMEM, ps->tok, "command too complex (arena full)");
    *rec = m;
    p->_nmsg++;
    p->_lit.msg = rec;
    return ig__pending(ps, IG__PENDING_MSG);
}

int ig__parse_append(struct ig__ps *ps)
{
    struct ig_parser *p = ps->p;

    if (ig__sp(ps, "mailbox missing") || ig__mailbox(ps, &ps->cmd->u.append.mailbox))
        return -1;
    p->_msg_mark = p->_hi;
    p->_nmsg = 0;
    return append_message(ps);
}

int ig__parse_append_more(struct ig__ps *ps)
{
    assert(ps->cmd->cmd == IG_CMD_APPEND && ps->p->_nmsg > 0);
    return append_message(ps);
}
