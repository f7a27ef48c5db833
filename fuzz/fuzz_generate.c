/*
 * fuzz_generate.c - structure-aware round trip (issue #5). The input is not IMAP text: it
 * is a stream of decisions, read like Rust's `arbitrary` crate, that drives a generator
 * of valid typed commands over the whole command model of include/imapguard.h: every
 * enum ig_cmd (IG_CMD_OTHER with a generic argument tree, DONE and SASL lines included)
 * and every construct of its struct, so that deep grammar (nested search keys, sections,
 * QRESYNC, LIST-EXTENDED, RFC 4466 parameters, modified UTF-7 names) is reached at once.
 *
 * Property: ig_command_emit() accepts every generated command (the generator builds only
 * valid commands, so a refusal is a generator bug or an emitter that refuses what the
 * grammar allows), and a fresh parser reads the emitted bytes back as exactly one
 * command, IG_OK, that ig_command_equal()s the generated one, spans the whole output and
 * emits exactly those bytes again (the canonical form is a fixpoint, which also catches
 * a field that equality does not compare); APPEND octets arrive as announced. Any error
 * status aborts with the emitted bytes and the reason.
 *
 * Input: byte 0 options (bit 0 IG_OPT_UTF8, bit 1 IG_OPT_LENIENT_LF, bit 2 feed the
 * emitted bytes one at a time); byte 1 the command (enum ig_cmd, modulo); every later
 * byte a decision (take_u8, take_range, take_bool, take_bytes). Once the input is used up
 * every read gives 0, which always picks the smallest choice, so every input builds a
 * finite command. All of it lives in one static arena reset per input, and budgets keep
 * each command inside the default limits (depth, items, literals, arena).
 */
#include "fz_common.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The budgets keep a command far inside the default limits (max_items 4096, max_literals
 * 64, max_literal_bytes, the 64 KiB parser arena), so that any error is a finding. */
enum {
    NODE_BUDGET = 160,    /* list items, keys, parameters, values */
    BYTE_BUDGET = 4096,   /* string octets */
    LITERAL_BUDGET = 40,  /* strings whose canonical form is a literal */
    KEY_DEPTH = IG_DEFAULT_MAX_DEPTH,  /* NOT / OR / "(" nesting of search keys */
    ARG_DEPTH = IG_DEFAULT_MAX_DEPTH,  /* nested generic argument lists */
    COMP_DEPTH = IG_DEFAULT_MAX_DEPTH, /* lists inside an extension value */
    MAX_TAG = IG_DEFAULT_MAX_TAG,
    MAX_MESSAGES = 4,     /* APPEND messages */
    MAX_MESSAGE = 600,    /* octets of one APPEND message */
    ARENA_SIZE = 1 << 20  /* generator arena: budgets keep use far below */
};


/* ---- the decision stream ---- */

struct gen {
    const uint8_t *in;
    size_t len, pos;
    uint32_t opts;        /* IG_OPT_* of the round trip */
    unsigned char *mem;   /* the arena: everything the command points to */
    size_t used;
    uint32_t nodes;       /* budget left */
    size_t bytes;
    uint32_t literals;
    char trail[384];      /* what was built, for the report of a failure */
    size_t ntrail;
};

static uint8_t take_u8(struct gen *g)
{
    return g->pos < g->len ? g->in[g->pos++] : 0;
}

static int take_bool(struct gen *g)
{
    return take_u8(g) & 1;
}

/* A value in [lo, hi]: as many bytes as the span needs, reduced modulo the span. */
static uint64_t take_range(struct gen *g, uint64_t lo, uint64_t hi)
{
    uint64_t span = hi - lo, v = 0;
    for (uint64_t s = span; s > 0; s >>= 8)
        v = (v << 8) | take_u8(g);
    return span == UINT64_MAX ? v : lo + v % (span + 1);
}

static uint32_t take_u32(struct gen *g, uint32_t lo, uint32_t hi)
{
    return (uint32_t)take_range(g, lo, hi);
}

/* Up to n input bytes at *out; returns how many (0 once the input is used up). */
static size_t take_bytes(struct gen *g, size_t n, const uint8_t **out)
{
    size_t k = g->len - g->pos < n ? g->len - g->pos : n;
    *out = g->in + g->pos;
    g->pos += k;
    return k;
}

/* A list length in [lo, hi], charged to the node budget; lo is always granted. */
static uint32_t take_count(struct gen *g, uint32_t lo, uint32_t hi)
{
    uint32_t n = take_u32(g, lo, hi), extra = n - lo;
    if (extra > g->nodes)
        extra = g->nodes;
    g->nodes -= extra;
    g->nodes -= lo < g->nodes ? lo : g->nodes;
    return lo + extra;
}

/* A string length: short (up to 12 more than lo) or long (up to hi), within budget. */
static size_t take_len(struct gen *g, size_t lo, size_t hi)
{
    size_t top = take_bool(g) ? hi : (hi < lo + 12 ? hi : lo + 12);
    size_t n = (size_t)take_range(g, lo, top);
    if (n - lo > g->bytes)
        n = lo + g->bytes;
    g->bytes -= n - lo;
    return n;
}

static void note(struct gen *g, const char *what)
{
    size_t n = strlen(what);
    if (g->ntrail + n + 2 > sizeof(g->trail))
        return;
    memcpy(g->trail + g->ntrail, what, n);
    g->ntrail += n;
    g->trail[g->ntrail++] = ' ';
    g->trail[g->ntrail] = 0;
}

/* ---- the arena and string building ---- */

static void *gen_alloc(struct gen *g, size_t n, size_t size)
{
    size_t at = (g->used + 15u) & ~(size_t)15u;
    size_t total = n * size;
    FZ_CHECK(size == 0 || total / size == n, "generator: allocation size overflow");
    FZ_CHECK(at <= ARENA_SIZE && total <= ARENA_SIZE - at,
             "generator arena exhausted (the budgets are too generous)");
    g->used = at + total;
    memset(g->mem + at, 0, total);
    return g->mem + at;
}

struct sb {
    unsigned char *p;
    size_t len, cap;
};

static struct sb sb_new(struct gen *g, size_t cap)
{
    struct sb s = {gen_alloc(g, cap ? cap : 1, 1), 0, cap};
    return s;
}

static void sb_putc(struct sb *s, unsigned char c)
{
    FZ_CHECK(s->len < s->cap, "generator: string buffer too small");
    s->p[s->len++] = c;
}

static void sb_puts(struct sb *s, const char *t)
{
    while (*t)
        sb_putc(s, (unsigned char)*t++);
}

static void sb_put_u64(struct sb *s, uint64_t v)
{
    char tmp[24];
    snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)v);
    sb_puts(s, tmp);
}

static struct ig_span sb_span(const struct sb *s)
{
    struct ig_span v = {s->p, s->len};
    return v;
}

static struct ig_span copy_str(struct gen *g, const char *t)
{
    struct sb s = sb_new(g, strlen(t));
    sb_puts(&s, t);
    return sb_span(&s);
}

static int span_caseeq(struct ig_span v, const char *t)
{
    size_t n = strlen(t);
    if (v.len != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char a = v.ptr[i], b = (unsigned char)t[i];
        if (a >= 'a' && a <= 'z')
            a = (unsigned char)(a - 32);
        if (b >= 'a' && b <= 'z')
            b = (unsigned char)(b - 32);
        if (a != b)
            return 0;
    }
    return 1;
}

/* v, or v with a suffix when it is one of the NULL-terminated reserved words (a name the
 * parser would read as that keyword rather than as the value it stands for). */
static struct ig_span avoid(struct gen *g, struct ig_span v, const char *const *reserved,
                            char suffix)
{
    for (; *reserved; reserved++) {
        if (span_caseeq(v, *reserved)) {
            struct sb s = sb_new(g, v.len + 1);
            memcpy(s.p, v.ptr, v.len);
            s.len = v.len;
            sb_putc(&s, (unsigned char)suffix);
            return sb_span(&s);
        }
    }
    return v;
}

/* ---- character classes (RFC 9051 §9) ---- */

/* ATOM-CHAR: %x21-7E except ( ) { % * " \ ] */
static const char ATOM_CHARS[] = "!#$&'+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[^_`"
                                 "abcdefghijklmnopqrstuvwxyz|}~";
/* ASTRING-CHAR: ATOM-CHAR / "]" */
static const char ASTRING_CHARS[] = "!#$&'+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`"
                                    "abcdefghijklmnopqrstuvwxyz|}~";
/* tag: ASTRING-CHAR except "+" */
static const char TAG_CHARS[] = "!#$&',-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`"
                                "abcdefghijklmnopqrstuvwxyz|}~";
/* generic atoms outside a [...] section (grammar/lex.re gen_char) */
static const char GEN_CHARS[] = "!#$%&'*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ\\]^_`"
                                "abcdefghijklmnopqrstuvwxyz|}~";
/* tagged-ext-label (RFC 4466 §2.1) */
static const char LABEL_FIRST[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.";
static const char LABEL_CHARS[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_."
                                  "0123456789:";
/* objectid (RFC 8474 §7) */
static const char OID_CHARS[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
/* ACL rights (RFC 4314 §2) */
static const char RIGHTS_CHARS[] = "abcdefghijklmnopqrstuvwxyz0123456789";

static int in_set(const char *set, unsigned char c)
{
    return c != 0 && strchr(set, c) != NULL;
}

static int all_in(const char *set, struct ig_span v)
{
    for (size_t i = 0; i < v.len; i++)
        if (!in_set(set, v.ptr[i]))
            return 0;
    return 1;
}

static unsigned char pick(struct gen *g, const char *set)
{
    return (unsigned char)set[take_u8(g) % strlen(set)];
}

static struct ig_span gen_chars(struct gen *g, const char *set, size_t lo, size_t hi)
{
    size_t n = take_len(g, lo, hi);
    struct sb s = sb_new(g, n);
    for (size_t i = 0; i < n; i++)
        sb_putc(&s, pick(g, set));
    return sb_span(&s);
}

/* One of words (checked against set: a dictionary slip is a generator bug), or a run of
 * 1..max characters of set. */
static struct ig_span gen_word(struct gen *g, const char *const *words, size_t nwords,
                               const char *set, size_t max)
{
    if (take_bool(g)) {
        struct ig_span v = copy_str(g, words[take_range(g, 0, nwords - 1)]);
        FZ_CHECK(all_in(set, v), "generator: dictionary word outside its character class");
        return v;
    }
    return gen_chars(g, set, 1, max);
}

#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))

static struct ig_span gen_atom(struct gen *g)
{
    static const char *const words[] = {"NIL", "INBOX", "UID", "RETURN", "CHARSET", "ALL",
                                        "BODY[", "1:2", "$", "~", "&", "}", "[", "$Junk",
                                        "NonJunk", "Seen"};
    return gen_word(g, words, NWORDS(words), ATOM_CHARS, 20);
}

static struct ig_span gen_label(struct gen *g)
{
    static const char *const words[] = {
        "X-FOO", "CONDSTORE", "QRESYNC", "USE", "CHANGEDSINCE", "VANISHED", "UNCHANGEDSINCE",
        "MAXSIZE", "DEPTH", "MIN", "MAX", "ALL", "COUNT", "SAVE", "PARTIAL", "CONTEXT",
        "UPDATE", "RETURN", "x.y:z", "-", "_", ".", "vendor.example:1"};
    if (take_bool(g)) {
        struct ig_span v = copy_str(g, words[take_range(g, 0, NWORDS(words) - 1)]);
        FZ_CHECK(all_in(LABEL_CHARS, v) && in_set(LABEL_FIRST, v.ptr[0]),
                 "generator: label word is no label");
        return v;
    }
    size_t n = take_len(g, 0, 16);
    struct sb s = sb_new(g, n + 1);
    sb_putc(&s, pick(g, LABEL_FIRST));
    for (size_t i = 0; i < n; i++)
        sb_putc(&s, pick(g, LABEL_CHARS));
    return sb_span(&s);
}

/* ---- numbers ---- */

static uint32_t gen_nz32(struct gen *g)
{
    switch (take_range(g, 0, 7)) {
    case 0: return 1 + take_u32(g, 0, 30);
    case 1: return 4294967295u;
    case 2: return 4294967294u;
    case 3: return 2147483648u;
    case 4: return 999999999u + take_u32(g, 0, 2);
    case 5: return 1 + take_u32(g, 0, 65535);
    default: return take_u32(g, 1, 4294967295u);
    }
}

#define NUMBER64 9223372036854775807ull

/* lo .. 2^63-1 (number64, mod-sequence-value / valzer) */
static uint64_t gen_u63(struct gen *g, uint64_t lo)
{
    switch (take_range(g, 0, 5)) {
    case 0: return lo + take_range(g, 0, 20);
    case 1: return NUMBER64;
    case 2: return NUMBER64 - take_range(g, 0, 1);
    case 3: return 4294967295ull + take_range(g, 0, 2);
    default: return take_range(g, lo, NUMBER64);
    }
}

/* ---- strings ---- */

/* Length of the valid UTF-8 sequence (2-4 bytes, RFC 3629) at s, 0 if none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xbf;
    size_t k;
    if (c >= 0xc2 && c <= 0xdf)
        k = 2;
    else if (c >= 0xe0 && c <= 0xef)
        k = 3;
    else if (c >= 0xf0 && c <= 0xf4)
        k = 4;
    else
        return 0;
    if (c == 0xe0)
        lo = 0xa0;
    if (c == 0xed)
        hi = 0x9f;
    if (c == 0xf0)
        lo = 0x90;
    if (c == 0xf4)
        hi = 0x8f;
    if (n < k || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < k; i++)
        if (s[i] < 0x80 || s[i] > 0xbf)
            return 0;
    return k;
}

static size_t utf8_put(unsigned char *d, uint32_t cp)
{
    if (cp < 0x80) {
        d[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        d[0] = (unsigned char)(0xc0 | (cp >> 6));
        d[1] = (unsigned char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        d[0] = (unsigned char)(0xe0 | (cp >> 12));
        d[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        d[2] = (unsigned char)(0x80 | (cp & 0x3f));
        return 3;
    }
    d[0] = (unsigned char)(0xf0 | (cp >> 18));
    d[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
    d[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
    d[3] = (unsigned char)(0x80 | (cp & 0x3f));
    return 4;
}

/* A code point that is not ASCII and not a surrogate, at least lo (0xa0 skips the C1
 * controls that Net-Unicode forbids). */
static uint32_t gen_codepoint(struct gen *g, uint32_t lo)
{
    static const uint32_t edges[] = {0xa0, 0xe9, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfeff,
                                     0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff};
    uint32_t cp;
    switch (take_range(g, 0, 3)) {
    case 0: cp = take_u32(g, lo, 0x7ff); break;
    case 1: cp = take_u32(g, 0x800, 0xffff); break;
    case 2: cp = take_u32(g, 0x10000, 0x10ffff); break;
    default: cp = edges[take_range(g, 0, NWORDS(edges) - 1)]; break;
    }
    if (cp >= 0xd800 && cp <= 0xdfff)
        cp += 0x800;
    return cp;
}

/* Would the canonical form of v be a literal (not atom, not quoted)? */
static int needs_literal(uint32_t opts, struct ig_span v)
{
    for (size_t i = 0; i < v.len; i++) {
        unsigned char c = v.ptr[i];
        if (c == 0 || c == '\r' || c == '\n')
            return 1;
        if (c >= 0x80) {
            size_t k = (opts & IG_OPT_UTF8) ? utf8_len(v.ptr + i, v.len - i) : 0;
            if (k == 0)
                return 1;
            i += k - 1;
        }
    }
    return 0;
}

enum { STR_NUL = 1, STR_UTF8 = 2 };

/* Bytes that are no part of a valid UTF-8 sequence become "x". */
static void utf8_fix(struct sb *s)
{
    for (size_t i = 0; i < s->len; i++) {
        if (s->p[i] < 0x80)
            continue;
        size_t k = utf8_len(s->p + i, s->len - i);
        if (k == 0)
            s->p[i] = 'x';
        else
            i += k - 1;
    }
}

/* Bytes that force a literal become "x" (the literal budget is spent). */
static void unliteral(uint32_t opts, struct sb *s)
{
    for (size_t i = 0; i < s->len; i++) {
        unsigned char c = s->p[i];
        if (c == 0 || c == '\r' || c == '\n') {
            s->p[i] = 'x';
        } else if (c >= 0x80) {
            size_t k = (opts & IG_OPT_UTF8) ? utf8_len(s->p + i, s->len - i) : 0;
            if (k == 0)
                s->p[i] = 'x';
            else
                i += k - 1;
        }
    }
}

/* A string value as atom, quoted and literal forms need it: ASTRING-CHARs, a dictionary
 * word, 7-bit text full of quoted-specials, octets with CR / LF / 8-bit, UTF-8 text,
 * empty, or (STR_NUL: only where literal8 may stand) any octets. STR_UTF8: valid UTF-8. */
static struct ig_span gen_text(struct gen *g, unsigned flags)
{
    static const char *const words[] = {
        "NIL", "nil", "INBOX", "", " ", "\"", "\\", "\\\"", "(", ")", "()", "[", "]", "{0}",
        "{5}", "{3+}", "~{2}", "*", "%", "$", "1:*", "RETURN", "CHARSET", "BODY[]", "UTF-8",
        "\r\n", "a b", "=", "+", "~", "\t", "\x7f", "caf\xc3\xa9", "\xe2\x82\xac",
        "\xf0\x9f\x98\x80", "\xff", "\xc3"};
    unsigned kind = (unsigned)take_range(g, 0, (flags & STR_NUL) ? 6 : 5);
    struct sb s;
    size_t n;
    switch (kind) {
    case 0: /* atom form */
        n = take_len(g, 1, 40);
        s = sb_new(g, n);
        for (size_t i = 0; i < n; i++)
            sb_putc(&s, pick(g, ASTRING_CHARS));
        break;
    case 1: {
        const char *w = words[take_range(g, 0, NWORDS(words) - 1)];
        s = sb_new(g, strlen(w));
        sb_puts(&s, w);
        break;
    }
    case 2: /* 7-bit: quoted, with escapes */
        n = take_len(g, 0, 60);
        s = sb_new(g, n);
        for (size_t i = 0; i < n; i++) {
            unsigned char c = take_u8(g) & 0x7f;
            if (c == 0 || c == '\r' || c == '\n' || (c > ' ' && c < '0'))
                c = (unsigned char)"\"\\ ("[c % 4];
            sb_putc(&s, c);
        }
        break;
    case 3: /* octets without NUL: CR, LF and 8-bit force a literal */
        n = take_len(g, 1, 1000);
        s = sb_new(g, n);
        for (size_t i = 0; i < n; i++) {
            unsigned char c = take_u8(g);
            if (flags & STR_UTF8)
                c &= 0x7f;
            sb_putc(&s, (unsigned char)(c == 0 ? '\n' : c));
        }
        break;
    case 4: /* UTF-8 text */
        n = take_len(g, 1, 24);
        s = sb_new(g, 4 * n);
        for (size_t i = 0; i < n; i++) {
            if (take_bool(g))
                sb_putc(&s, (unsigned char)(0x20 + take_u8(g) % 95));
            else
                s.len += utf8_put(s.p + s.len, gen_codepoint(g, 0x80));
        }
        break;
    case 5:
        s = sb_new(g, 0);
        break;
    default: /* literal8 material */
        n = take_len(g, 1, 1000);
        s = sb_new(g, n);
        for (size_t i = 0; i < n; i++)
            sb_putc(&s, take_u8(g));
        break;
    }
    if (flags & STR_UTF8)
        utf8_fix(&s);
    if (needs_literal(g->opts, sb_span(&s))) {
        if (g->literals > 0)
            g->literals--;
        else
            unliteral(g->opts, &s);
    }
    return sb_span(&s);
}

static struct ig_str gen_str(struct gen *g, unsigned flags)
{
    struct ig_str s;
    memset(&s, 0, sizeof(s));
    s.v = gen_text(g, flags);
    return s;
}

/* An nstring: NIL (nil = 1) or a string. */
static struct ig_str gen_nstr(struct gen *g, unsigned flags)
{
    struct ig_str s;
    memset(&s, 0, sizeof(s));
    if (take_range(g, 0, 3) == 3)
        s.nil = 1;
    else
        s.v = gen_text(g, flags);
    return s;
}

/* ---- mailbox names (RFC 3501 §5.1.3 modified UTF-7, RFC 9051 §5.1 Net-Unicode) ---- */

/* "&" modified-BASE64 of the UTF-16 of cps "-" */
static void put_mutf7(struct sb *s, const uint32_t *cps, size_t n)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
    uint32_t bits = 0;
    unsigned nbits = 0;
    sb_putc(s, '&');
    for (size_t i = 0; i < n; i++) {
        uint32_t units[2], nu = 0, cp = cps[i];
        if (cp >= 0x10000) {
            units[nu++] = 0xd800 + ((cp - 0x10000) >> 10);
            units[nu++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
        } else {
            units[nu++] = cp;
        }
        for (uint32_t u = 0; u < nu; u++) {
            bits = ((bits << 16) | units[u]) & 0x3fffffu;
            nbits += 16;
            while (nbits >= 6) {
                nbits -= 6;
                sb_putc(s, (unsigned char)b64[(bits >> nbits) & 63]);
            }
        }
    }
    if (nbits > 0)
        sb_putc(s, (unsigned char)b64[(bits << (6 - nbits)) & 63]);
    sb_putc(s, '-');
}

/* A valid mailbox name under the options; pattern: may hold the list wildcards. */
static struct ig_str gen_mailbox(struct gen *g, int pattern)
{
    static const char *const words[] = {
        "", "Sent", "Drafts", "Archive/2024", "a.b.c", "INBOX/child", "inbox.x", "~user/mail",
        "#news.comp", "with space", "quote\"d", "back\\slash", "[Gmail]/All Mail", "%", "*",
        "a/%/b", "%/*", "NIL", "{5}", "(x)"};
    int utf8 = (g->opts & IG_OPT_UTF8) != 0;
    struct ig_str m;
    memset(&m, 0, sizeof(m));
    note(g, pattern ? "pattern" : "mailbox");
    switch (take_range(g, 0, 3)) {
    case 0: { /* INBOX in any case */
        struct sb s = sb_new(g, 5);
        uint8_t mask = take_u8(g);
        for (int i = 0; i < 5; i++)
            sb_putc(&s, (unsigned char)("INBOXinbox"[i + ((mask >> i) & 1) * 5]));
        m.v = sb_span(&s);
        return m;
    }
    case 1:
        m.v = copy_str(g, words[take_range(g, 0, NWORDS(words) - 1)]);
        return m;
    default:
        break;
    }
    size_t n = take_len(g, 0, 10);
    struct sb s = sb_new(g, n * 20);
    for (size_t i = 0; i < n; i++) {
        switch (take_range(g, 0, pattern ? 4 : 3)) {
        case 0: { /* printable US-ASCII stands for itself, except "&" */
            unsigned char c = (unsigned char)(0x20 + take_u8(g) % 95);
            if (c == '&' && !utf8)
                sb_puts(&s, "&-");
            else
                sb_putc(&s, c);
            break;
        }
        case 1:
            sb_puts(&s, utf8 ? "&" : "&-");
            break;
        case 2:
            sb_putc(&s, take_bool(g) ? '/' : '.');
            break;
        case 3:
            if (utf8) {
                s.len += utf8_put(s.p + s.len, gen_codepoint(g, 0xa0));
            } else {
                uint32_t cps[3];
                size_t k = take_u32(g, 1, 3);
                /* no C0 / DEL / C1 controls: not in a name (D13), as in UTF-8 mode */
                for (size_t j = 0; j < k; j++)
                    cps[j] = gen_codepoint(g, 0xa0);
                put_mutf7(&s, cps, k);
            }
            break;
        default:
            sb_putc(&s, take_bool(g) ? '%' : '*');
            break;
        }
    }
    m.v = sb_span(&s);
    return m;
}

/* ---- sequence sets, flags, dates ---- */

static void put_seqnum(struct gen *g, struct sb *s, int allow_star)
{
    if (allow_star && take_range(g, 0, 5) == 5)
        sb_putc(s, '*');
    else
        sb_put_u64(s, gen_nz32(g));
}

/* sequence-set: 1..6 numbers, "*" and ranges in either order, "$" alone or last. */
static void gen_seqset(struct gen *g, struct ig_seqset *set, int allow_star)
{
    uint32_t n = take_count(g, 1, 6);
    unsigned saved = (unsigned)take_range(g, 0, 7);
    struct sb s = sb_new(g, n * 23 + 2);
    memset(set, 0, sizeof(*set));
    note(g, "seqset");
    if (saved == 7) {
        sb_putc(&s, '$');
        set->saved = 1;
    } else {
        for (uint32_t i = 0; i < n; i++) {
            if (i)
                sb_putc(&s, ',');
            put_seqnum(g, &s, allow_star);
            if (take_range(g, 0, 2) == 2) {
                sb_putc(&s, ':');
                put_seqnum(g, &s, allow_star);
            }
        }
        set->nranges = n;
        if (saved == 6) {
            sb_puts(&s, ",$");
            set->saved = 1;
        }
    }
    set->text = sb_span(&s);
}

static const char *const SYSTEM_FLAGS[] = {"\\Answered", "\\Flagged", "\\Deleted",
                                           "\\Seen", "\\Draft", "\\Recent"};

static void gen_flag(struct gen *g, struct ig_flag *f)
{
    static const char *const names[] = {"Answered", "Flagged", "Deleted", "Seen", "Draft",
                                        "Recent", NULL};
    static const char *const keywords[] = {"$Junk", "$NotJunk", "NonJunk", "$Forwarded",
                                           "$MDNSent", "Seen", "NIL", "[x", "Recent1"};
    unsigned kind = (unsigned)take_range(g, 0, IG_FLAG__COUNT - 1);
    f->kind = (uint8_t)kind;
    if (kind < IG_FLAG_EXTENSION) {
        f->name = copy_str(g, SYSTEM_FLAGS[kind]);
    } else if (kind == IG_FLAG_EXTENSION) {
        /* "\" atom, but not a system flag in any case (it would read back as one) */
        struct ig_span a = avoid(g, gen_word(g, names, NWORDS(names) - 1, ATOM_CHARS, 12),
                                 names, '1');
        struct sb s = sb_new(g, a.len + 1);
        sb_putc(&s, '\\');
        memcpy(s.p + 1, a.ptr, a.len);
        s.len += a.len;
        f->name = sb_span(&s);
    } else {
        f->name = gen_word(g, keywords, NWORDS(keywords), ATOM_CHARS, 12);
    }
}

static void gen_flags(struct gen *g, struct ig_flags *fl, uint32_t lo)
{
    uint32_t n = take_count(g, lo, 5);
    struct ig_flag *v = gen_alloc(g, n, sizeof(*v));
    note(g, "flags");
    for (uint32_t i = 0; i < n; i++)
        gen_flag(g, &v[i]);
    fl->n = n;
    fl->v = v;
}

static unsigned days_in(unsigned year, unsigned month)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* A valid calendar date: leap days, month ends and the 4-digit year edges included. */
static void gen_ymd(struct gen *g, uint16_t *year, uint8_t *month, uint8_t *day)
{
    static const uint16_t years[] = {0, 1, 1900, 2000, 2024, 2100, 9999};
    unsigned y;
    switch (take_range(g, 0, 3)) {
    case 0: y = 1970 + take_u32(g, 0, 99); break;
    case 1: y = take_u32(g, 0, 9999); break;
    default: y = years[take_range(g, 0, NWORDS(years) - 1)]; break;
    }
    unsigned m = 1 + take_u32(g, 0, 11);
    unsigned d = take_bool(g) ? days_in(y, m) : 1 + take_u32(g, 0, days_in(y, m) - 1);
    *year = (uint16_t)y;
    *month = (uint8_t)m;
    *day = (uint8_t)d;
}

static void gen_date(struct gen *g, struct ig_date *d)
{
    gen_ymd(g, &d->year, &d->month, &d->day);
}

static void gen_datetime(struct gen *g, struct ig_datetime *d)
{
    gen_ymd(g, &d->year, &d->month, &d->day);
    d->hour = (uint8_t)take_range(g, 0, 23);
    d->minute = (uint8_t)take_range(g, 0, 59);
    d->second = (uint8_t)take_range(g, 0, 60); /* 60: a leap second */
    d->zone = (int16_t)((int)take_range(g, 0, 2 * 1439) - 1439);
}

/* ---- generic arguments and RFC 4466 extension values ---- */

/* A generic atom: gen_char runs and closed "[...]" sections that may hold anything
 * 7-bit but CR, LF and "]" (grammar/lex.re gen_atom); never NIL. */
static struct ig_span gen_generic_atom(struct gen *g)
{
    size_t n = take_len(g, 1, 8);
    struct sb s = sb_new(g, n * 12 + 1);
    for (size_t i = 0; i < n; i++) {
        if (take_range(g, 0, 3) != 3) {
            sb_putc(&s, pick(g, GEN_CHARS));
            continue;
        }
        size_t k = take_u32(g, 0, 9);
        sb_putc(&s, '[');
        for (size_t j = 0; j < k; j++) {
            unsigned char c = take_u8(g) & 0x7f;
            if (c == 0 || c == '\r' || c == '\n' || c == ']')
                c = (unsigned char)" (\"{"[c % 4];
            sb_putc(&s, c);
        }
        sb_putc(&s, ']');
    }
    struct ig_span v = sb_span(&s);
    static const char *const nil[] = {"NIL", NULL};
    return avoid(g, v, nil, ']');
}

static void gen_arg(struct gen *g, struct ig_arg *a, unsigned depth)
{
    unsigned k = (unsigned)take_range(g, 0, 3);
    if (k == 3 && depth >= ARG_DEPTH)
        k = 0;
    memset(a, 0, sizeof(*a));
    switch (k) {
    case 0:
        a->type = IG_ARG_ATOM;
        a->v = gen_generic_atom(g);
        break;
    case 1:
        a->type = IG_ARG_STRING;
        a->v = gen_text(g, 0);
        break;
    case 2:
        a->type = IG_ARG_NIL;
        break;
    default: {
        uint32_t n = take_count(g, 0, 4);
        struct ig_arg *items = gen_alloc(g, n, sizeof(*items));
        for (uint32_t i = 0; i < n; i++)
            gen_arg(g, &items[i], depth + 1);
        a->type = IG_ARG_LIST;
        a->n = n;
        a->items = items;
        break;
    }
    }
}

/* Where an extension value stands: a parameter (tagged-ext-val) or a LIST option (a
 * non-empty list, RFC 5258 option-value). */
enum ext_ctx { EXT_VALUE, EXT_OPTION };

/* tagged-ext-comp item: astring (never NIL as an atom), string, NIL, non-empty list. */
static void gen_comp(struct gen *g, struct ig_arg *a, unsigned depth)
{
    static const char *const nil[] = {"NIL", NULL};
    unsigned k = (unsigned)take_range(g, 0, 3);
    if (k == 3 && depth >= COMP_DEPTH)
        k = 0;
    memset(a, 0, sizeof(*a));
    switch (k) {
    case 0:
        a->type = IG_ARG_ATOM;
        a->v = avoid(g, gen_chars(g, ASTRING_CHARS, 1, 16), nil, 'x');
        break;
    case 1:
        a->type = IG_ARG_STRING;
        a->v = gen_text(g, 0);
        break;
    case 2:
        a->type = IG_ARG_NIL;
        break;
    default: {
        uint32_t n = take_count(g, 1, 3);
        struct ig_arg *items = gen_alloc(g, n, sizeof(*items));
        for (uint32_t i = 0; i < n; i++)
            gen_comp(g, &items[i], depth + 1);
        a->type = IG_ARG_LIST;
        a->n = n;
        a->items = items;
        break;
    }
    }
}

/* number / number64 as written (1*DIGIT: leading zeros allowed) */
static struct ig_span gen_number_text(struct gen *g)
{
    struct sb s = sb_new(g, 24);
    size_t zeros = take_range(g, 0, 3) == 3 ? take_range(g, 1, 3) : 0;
    for (size_t i = 0; i < zeros; i++)
        sb_putc(&s, '0');
    sb_put_u64(&s, take_bool(g) ? take_range(g, 0, 9) : gen_u63(g, 0));
    return sb_span(&s);
}

/* tagged-ext-val (RFC 4466 §2.1): tagged-ext-simple, or "(" [tagged-ext-comp] ")".
 * base: the nesting level of the list the value stands in, as the parser counts it
 * against max_depth. */
static void gen_ext_value(struct gen *g, struct ig_arg *a, enum ext_ctx ctx, unsigned base)
{
    memset(a, 0, sizeof(*a));
    if (ctx == EXT_OPTION || take_bool(g)) {
        uint32_t n = take_count(g, ctx == EXT_OPTION ? 1 : 0, 3);
        struct ig_arg *items = gen_alloc(g, n, sizeof(*items));
        for (uint32_t i = 0; i < n; i++)
            gen_comp(g, &items[i], base + 1);
        a->type = IG_ARG_LIST;
        a->n = n;
        a->items = items;
        return;
    }
    a->type = IG_ARG_ATOM;
    if (take_bool(g)) {
        a->v = gen_number_text(g);
    } else {
        struct ig_seqset set;
        gen_seqset(g, &set, 1);
        a->v = set.text;
    }
}

enum { NAME_LABEL, NAME_ATOM };

/* lo..hi extension parameters: a label (for LIST options an atom) that is not one of the
 * reserved keywords of the position, each with an optional value. base: 1 where the
 * parameter list's own parentheses count toward max_depth (SELECT, CREATE, RENAME, LIST,
 * GETMETADATA), 0 where they do not (FETCH / STORE modifiers, RETURN, ESEARCH scope). */
static void gen_params(struct gen *g, struct ig_params *ps, uint32_t lo, uint32_t hi,
                       int names, const char *const *reserved, enum ext_ctx ctx,
                       unsigned base)
{
    static const char *const option_words[] = {
        "SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE", "CHILDREN", "STATUS",
        "MYRIGHTS", "RETURN", "vendor.x-y", "X-FOO", "NIL"};
    uint32_t n = take_count(g, lo, hi);
    struct ig_param *v = gen_alloc(g, n, sizeof(*v));
    note(g, "params");
    for (uint32_t i = 0; i < n; i++) {
        struct ig_span name = names == NAME_LABEL
                                  ? gen_label(g)
                                  : gen_word(g, option_words, NWORDS(option_words),
                                             ATOM_CHARS, 16);
        v[i].name = avoid(g, name, reserved, '1');
        if (take_range(g, 0, 2) != 0) {
            v[i].has_value = 1;
            gen_ext_value(g, &v[i].value, ctx, base);
        }
    }
    ps->n = n;
    ps->v = v;
}

/* ---- per command family ---- */

static void gen_login(struct gen *g, struct ig_command *c)
{
    c->u.login.user = gen_str(g, 0);
    c->u.login.password = gen_str(g, 0);
}

static struct ig_span gen_octets(struct gen *g, size_t max)
{
    size_t n = take_len(g, 0, max);
    struct sb s = sb_new(g, n);
    const uint8_t *src;
    size_t k = take_bytes(g, n, &src);
    memcpy(s.p, src, k);
    s.len = n; /* the rest stays zero (input used up) */
    return sb_span(&s);
}

static void gen_authenticate(struct gen *g, struct ig_command *c)
{
    static const char *const mechs[] = {"PLAIN", "LOGIN", "XOAUTH2", "SCRAM-SHA-256",
                                        "CRAM-MD5", "EXTERNAL", "ANONYMOUS", "AUTH=X"};
    c->u.authenticate.mechanism = gen_word(g, mechs, NWORDS(mechs), ATOM_CHARS, 20);
    if (take_bool(g)) {
        c->u.authenticate.has_initial = 1;
        c->u.authenticate.initial = gen_octets(g, 120);
    }
}

static void gen_sasl(struct gen *g, struct ig_command *c)
{
    if (take_range(g, 0, 4) == 4)
        c->u.sasl.cancel = 1;
    else
        c->u.sasl.data = gen_octets(g, 200);
}

/* APPEND with 1..4 messages (MULTIAPPEND); the octets are filled in so that emit can
 * write them; NUL only in literal8 messages. */
static void gen_append(struct gen *g, struct ig_command *c)
{
    struct ig_append *ap = &c->u.append;
    uint32_t n = take_count(g, 1, MAX_MESSAGES);
    struct ig_append_msg *msgs = gen_alloc(g, n, sizeof(*msgs));
    ap->mailbox = gen_mailbox(g, 0);
    for (uint32_t i = 0; i < n; i++) {
        struct ig_append_msg *m = &msgs[i];
        note(g, "message");
        if (take_bool(g)) {
            m->has_flags = 1;
            gen_flags(g, &m->flags, 0);
        }
        if (take_bool(g)) {
            m->has_date = 1;
            gen_datetime(g, &m->date);
        }
        m->kind = (uint8_t)take_range(g, 0, 3);
        size_t size = (size_t)take_range(g, 0, take_bool(g) ? MAX_MESSAGE : 16);
        struct sb s = sb_new(g, size);
        for (size_t k = 0; k < size; k++) {
            unsigned char b = take_u8(g);
            if (b == 0 && !(m->kind & 2))
                b = (unsigned char)"\n\r\x80"[k % 3];
            sb_putc(&s, b);
        }
        m->size = size;
        m->data = sb_span(&s);
    }
    ap->n = n;
    ap->msgs = msgs;
}

static void gen_select(struct gen *g, struct ig_command *c)
{
    static const char *const reserved[] = {"CONDSTORE", "QRESYNC", NULL};
    struct ig_select *s = &c->u.select;
    s->mailbox = gen_mailbox(g, 0);
    if (take_range(g, 0, 2) != 2)
        return;
    s->has_params = 1;
    s->condstore = (uint8_t)take_bool(g);
    if (take_bool(g)) {
        note(g, "QRESYNC");
        s->qresync = 1;
        s->uidvalidity = gen_nz32(g);
        s->modseq = gen_u63(g, 1);
        if (take_bool(g)) {
            s->has_known_uids = 1;
            gen_seqset(g, &s->known_uids, 0);
        }
        if (take_bool(g)) {
            s->has_seq_match = 1;
            gen_seqset(g, &s->known_seqs, 0);
            gen_seqset(g, &s->known_seq_uids, 0);
        }
    }
    gen_params(g, &s->other, 0, 3, NAME_LABEL, reserved, EXT_VALUE, 1);
    if (!s->condstore && !s->qresync && s->other.n == 0)
        s->condstore = 1; /* "()" is no select-params */
}

static void gen_create(struct gen *g, struct ig_command *c)
{
    static const char *const reserved[] = {"USE", NULL};
    static const char *const uses[] = {"All", "Archive", "Drafts", "Flagged", "Junk",
                                       "Sent", "Trash", "Important", "X-Custom"};
    struct ig_create *cr = &c->u.create;
    cr->mailbox = gen_mailbox(g, 0);
    if (take_range(g, 0, 2) != 2)
        return;
    cr->has_params = 1;
    if (take_bool(g)) {
        uint32_t n = take_count(g, 0, 4);
        struct ig_span *v = gen_alloc(g, n, sizeof(*v));
        note(g, "USE");
        for (uint32_t i = 0; i < n; i++) {
            struct ig_span a = gen_word(g, uses, NWORDS(uses), ATOM_CHARS, 12);
            struct sb s = sb_new(g, a.len + 1);
            sb_putc(&s, '\\');
            memcpy(s.p + 1, a.ptr, a.len);
            s.len += a.len;
            v[i] = sb_span(&s);
        }
        cr->has_use = 1;
        cr->use.n = n;
        cr->use.v = v;
    }
    gen_params(g, &cr->other, 0, 3, NAME_LABEL, reserved, EXT_VALUE, 1);
    if (!cr->has_use && cr->other.n == 0)
        cr->has_use = 1; /* USE () */
}

static void gen_rename(struct gen *g, struct ig_command *c)
{
    static const char *const reserved[] = {NULL};
    struct ig_rename *r = &c->u.rename;
    r->from = gen_mailbox(g, 0);
    r->to = gen_mailbox(g, 0);
    if (take_range(g, 0, 2) == 2) {
        r->has_params = 1;
        gen_params(g, &r->params, 1, 3, NAME_LABEL, reserved, EXT_VALUE, 1);
    }
}

static void gen_status_atts(struct gen *g, struct ig_status_atts *a)
{
    uint32_t n = take_count(g, 1, 6);
    uint8_t *v = gen_alloc(g, n, 1);
    for (uint32_t i = 0; i < n; i++)
        v[i] = (uint8_t)take_range(g, 0, IG_SATT__COUNT - 1);
    a->n = n;
    a->v = v;
}

static void gen_status(struct gen *g, struct ig_command *c)
{
    c->u.status.mailbox = gen_mailbox(g, 0);
    gen_status_atts(g, &c->u.status.atts);
}

static void gen_patterns(struct gen *g, struct ig_list *l, uint32_t n)
{
    struct ig_str *v = gen_alloc(g, n, sizeof(*v));
    for (uint32_t i = 0; i < n; i++)
        v[i] = gen_mailbox(g, 1);
    l->patterns.n = n;
    l->patterns.v = v;
}

/* LIST with LIST-EXTENDED selection and return options (RFC 5258, 5819, 6154, 8440). */
static void gen_list(struct gen *g, struct ig_command *c)
{
    static const char *const sel_reserved[] = {"SUBSCRIBED", "REMOTE", "RECURSIVEMATCH",
                                               "SPECIAL-USE", NULL};
    static const char *const ret_reserved[] = {"SUBSCRIBED", "CHILDREN", "SPECIAL-USE",
                                               "STATUS", "MYRIGHTS", NULL};
    struct ig_list *l = &c->u.list;
    if (take_range(g, 0, 2) == 2) {
        note(g, "select-opts");
        l->has_select = 1;
        l->select = (uint32_t)take_u8(g) & (IG_LIST_SUBSCRIBED | IG_LIST_REMOTE |
                                            IG_LIST_RECURSIVEMATCH | IG_LIST_SPECIAL_USE);
        gen_params(g, &l->select_other, 0, 2, NAME_ATOM, sel_reserved, EXT_OPTION, 1);
        /* RFC 5258 §3: RECURSIVEMATCH needs a base option beside it */
        if ((l->select & IG_LIST_RECURSIVEMATCH) && l->select_other.n == 0)
            l->select |= IG_LIST_SUBSCRIBED;
    }
    l->reference = gen_mailbox(g, 0);
    l->patterns_list = (uint8_t)take_bool(g);
    gen_patterns(g, l, l->patterns_list ? take_count(g, 1, 4) : 1);
    if (take_range(g, 0, 2) == 2) {
        note(g, "return-opts");
        l->has_return = 1;
        l->ret = (uint32_t)take_u8(g) & (IG_LIST_SUBSCRIBED | IG_LIST_CHILDREN |
                                         IG_LIST_SPECIAL_USE | IG_LIST_STATUS |
                                         IG_LIST_MYRIGHTS);
        if (l->ret & IG_LIST_STATUS)
            gen_status_atts(g, &l->status);
        gen_params(g, &l->return_other, 0, 2, NAME_ATOM, ret_reserved, EXT_OPTION, 1);
    }
}

static void gen_lsub(struct gen *g, struct ig_command *c)
{
    c->u.list.reference = gen_mailbox(g, 0);
    gen_patterns(g, &c->u.list, 1);
}

/* ---- FETCH / STORE ---- */

static void gen_section(struct gen *g, struct ig_section *s, int binary)
{
    uint32_t n = take_count(g, 0, 4);
    uint32_t *parts = gen_alloc(g, n, sizeof(*parts));
    for (uint32_t i = 0; i < n; i++)
        parts[i] = take_range(g, 0, 3) == 3 ? gen_nz32(g) : 1 + take_u32(g, 0, 9);
    s->nparts = n;
    s->parts = parts;
    if (binary)
        return;
    unsigned t = (unsigned)take_range(g, IG_SECTION_NONE, IG_SECTION_MIME);
    if (t == IG_SECTION_MIME && n == 0)
        t = IG_SECTION_TEXT; /* MIME only after a part number */
    s->text = (uint8_t)t;
    if (t == IG_SECTION_HEADER_FIELDS || t == IG_SECTION_HEADER_FIELDS_NOT) {
        static const char *const fields[] = {"From", "To", "Subject", "Message-ID", "DATE",
                                             "x-spam", "In-Reply-To"};
        uint32_t k = take_count(g, 1, 4);
        struct ig_str *v = gen_alloc(g, k, sizeof(*v));
        note(g, "header-list");
        for (uint32_t i = 0; i < k; i++) {
            if (take_bool(g))
                v[i].v = copy_str(g, fields[take_range(g, 0, NWORDS(fields) - 1)]);
            else
                v[i] = gen_str(g, 0);
        }
        s->fields.n = k;
        s->fields.v = v;
    }
}

static void gen_partial(struct gen *g, struct ig_partial *p)
{
    p->present = 1;
    p->offset = gen_u63(g, 0);
    p->count = gen_u63(g, 1);
}

static void gen_fetch_att(struct gen *g, struct ig_fetch_att *a)
{
    unsigned kind = (unsigned)take_range(g, 0, IG_FETCH__COUNT - 1);
    a->kind = (uint8_t)kind;
    switch (kind) {
    case IG_FETCH_BODY_SECTION:
        note(g, "BODY[");
        a->peek = (uint8_t)take_bool(g);
        gen_section(g, &a->section, 0);
        if (take_bool(g))
            gen_partial(g, &a->partial);
        break;
    case IG_FETCH_BINARY:
        note(g, "BINARY[");
        a->peek = (uint8_t)take_bool(g);
        gen_section(g, &a->section, 1);
        if (take_bool(g))
            gen_partial(g, &a->partial);
        break;
    case IG_FETCH_BINARY_SIZE:
        gen_section(g, &a->section, 1);
        break;
    default:
        break;
    }
}

static void gen_fetch(struct gen *g, struct ig_command *c)
{
    static const char *const reserved[] = {"CHANGEDSINCE", "VANISHED", NULL};
    struct ig_fetch *f = &c->u.fetch;
    gen_seqset(g, &f->set, 1);
    if (take_range(g, 0, 4) == 4) {
        f->macro = (uint8_t)take_range(g, IG_FETCH_ALL, IG_FETCH_FULL);
    } else {
        f->list = (uint8_t)take_bool(g);
        f->n = f->list ? take_count(g, 1, 6) : 1;
        struct ig_fetch_att *atts = gen_alloc(g, f->n, sizeof(*atts));
        for (uint32_t i = 0; i < f->n; i++)
            gen_fetch_att(g, &atts[i]);
        f->atts = atts;
    }
    if (take_range(g, 0, 2) != 2)
        return;
    note(g, "fetch-modifiers");
    f->has_modifiers = 1;
    if (take_bool(g)) {
        f->mods |= IG_MOD_CHANGEDSINCE;
        f->changedsince = gen_u63(g, 1);
        /* RFC 7162 §3.2.6: VANISHED only in UID FETCH, only with CHANGEDSINCE */
        if (c->cmd == IG_CMD_UID_FETCH && take_bool(g))
            f->mods |= IG_MOD_VANISHED;
    }
    gen_params(g, &f->other, 0, 2, NAME_LABEL, reserved, EXT_VALUE, 0);
    if (f->mods == 0 && f->other.n == 0) {
        f->mods = IG_MOD_CHANGEDSINCE;
        f->changedsince = 1;
    }
}

static void gen_store(struct gen *g, struct ig_command *c)
{
    static const char *const reserved[] = {"UNCHANGEDSINCE", NULL};
    struct ig_store *st = &c->u.store;
    gen_seqset(g, &st->set, 1);
    if (take_range(g, 0, 2) == 2) {
        note(g, "store-modifiers");
        st->has_modifiers = 1;
        if (take_bool(g)) {
            st->mods = IG_MOD_UNCHANGEDSINCE;
            st->unchangedsince = gen_u63(g, 0);
        }
        gen_params(g, &st->other, 0, 2, NAME_LABEL, reserved, EXT_VALUE, 0);
        if (st->mods == 0 && st->other.n == 0)
            st->mods = IG_MOD_UNCHANGEDSINCE;
    }
    st->op = (int8_t)((int)take_range(g, 0, 2) - 1);
    st->silent = (uint8_t)take_bool(g);
    st->list = (uint8_t)take_bool(g);
    gen_flags(g, &st->flags, st->list ? 0 : 1);
}

/* ---- SEARCH family ---- */

static void gen_key(struct gen *g, struct ig_search_key *k, unsigned depth);

static struct ig_search_key *gen_keys(struct gen *g, uint32_t n, unsigned depth)
{
    struct ig_search_key *v = gen_alloc(g, n, sizeof(*v));
    for (uint32_t i = 0; i < n; i++)
        gen_key(g, &v[i], depth);
    return v;
}

/* "/flags/" ["\"] atom, as the decoded quoted string (RFC 7162 §7 entry-flag-name) */
static struct ig_span gen_entry_flag(struct gen *g)
{
    static const char *const prefixes[] = {"/flags/", "/FLAGS/", "/Flags/"};
    const char *prefix = prefixes[take_range(g, 0, NWORDS(prefixes) - 1)];
    int system = take_bool(g);
    struct ig_span a = system && take_bool(g)
                           ? copy_str(g, SYSTEM_FLAGS[take_range(g, 0, 4)] + 1)
                           : gen_chars(g, ATOM_CHARS, 1, 12);
    struct sb s = sb_new(g, strlen(prefix) + 1 + a.len);
    sb_puts(&s, prefix);
    if (system)
        sb_putc(&s, '\\');
    memcpy(s.p + s.len, a.ptr, a.len);
    s.len += a.len;
    return sb_span(&s);
}

static void gen_key(struct gen *g, struct ig_search_key *k, unsigned depth)
{
    unsigned kind = (unsigned)take_range(g, 0, IG_SK__COUNT - 1);
    int nests = kind == IG_SK_NOT || kind == IG_SK_OR || kind == IG_SK_AND;
    if (nests && (depth >= KEY_DEPTH || g->nodes == 0))
        kind = IG_SK_SEEN;
    if (g->nodes > 0)
        g->nodes--;
    memset(k, 0, sizeof(*k));
    k->kind = (uint8_t)kind;
    switch (kind) {
    case IG_SK_BCC: case IG_SK_BODY: case IG_SK_CC: case IG_SK_FROM: case IG_SK_SUBJECT:
    case IG_SK_TEXT: case IG_SK_TO:
        k->u.str = gen_str(g, 0);
        break;
    case IG_SK_KEYWORD: case IG_SK_UNKEYWORD:
        k->u.keyword = gen_atom(g);
        break;
    case IG_SK_BEFORE: case IG_SK_ON: case IG_SK_SINCE: case IG_SK_SENTBEFORE:
    case IG_SK_SENTON: case IG_SK_SENTSINCE:
        gen_date(g, &k->u.date);
        break;
    case IG_SK_LARGER: case IG_SK_SMALLER:
        k->u.number = gen_u63(g, 0);
        break;
    case IG_SK_UID: case IG_SK_SET:
        gen_seqset(g, &k->u.set, 1);
        break;
    case IG_SK_HEADER:
        k->u.header.field = gen_str(g, 0);
        k->u.header.value = gen_str(g, 0);
        break;
    case IG_SK_NOT:
        note(g, "NOT");
        k->u.not_key = gen_keys(g, 1, depth + 1);
        break;
    case IG_SK_OR: {
        const struct ig_search_key *two;
        note(g, "OR");
        two = gen_keys(g, 2, depth + 1);
        k->u.or_keys.a = &two[0];
        k->u.or_keys.b = &two[1];
        break;
    }
    case IG_SK_AND:
        note(g, "(");
        k->u.and_keys.n = take_count(g, 1, 4);
        k->u.and_keys.v = gen_keys(g, k->u.and_keys.n, depth + 1);
        break;
    case IG_SK_MODSEQ:
        note(g, "MODSEQ");
        k->u.modseq.value = gen_u63(g, 0);
        if (take_bool(g)) {
            k->u.modseq.has_entry = 1;
            k->u.modseq.entry.v = gen_entry_flag(g);
            k->u.modseq.entry_type = (uint8_t)take_range(g, IG_ENTRY_PRIV, IG_ENTRY_ALL);
        }
        break;
    case IG_SK_EMAILID: case IG_SK_THREADID:
        k->u.str.v = gen_chars(g, OID_CHARS, 1, take_bool(g) ? 255 : 30);
        break;
    default:
        break;
    }
}

/* charset of SORT / THREAD (RFC 5256): atom, or a 7-bit quoted string */
static struct ig_span gen_criteria_charset(struct gen *g)
{
    static const char *const charsets[] = {"UTF-8", "US-ASCII", "ISO-8859-1", "utf-8", "~"};
    struct ig_span v;
    if (take_range(g, 0, 2) != 2) {
        v = gen_word(g, charsets, NWORDS(charsets), ATOM_CHARS, 16);
    } else {
        size_t n = take_len(g, 0, 20);
        struct sb s = sb_new(g, n);
        for (size_t i = 0; i < n; i++) {
            unsigned char c = take_u8(g) & 0x7f;
            sb_putc(&s, (unsigned char)(c == 0 || c == '\r' || c == '\n' ? '"' : c));
        }
        v = sb_span(&s);
    }
    return v;
}

static void gen_program(struct gen *g, struct ig_search_program *p, int criteria)
{
    note(g, "program");
    if (criteria) {
        p->has_charset = 1;
        p->charset.v = gen_criteria_charset(g);
    } else if (take_range(g, 0, 3) == 3) {
        p->has_charset = 1;
        p->charset = gen_str(g, 0);
    }
    p->n = take_count(g, 1, 4);
    p->keys = gen_keys(g, p->n, 0);
}

static void gen_return(struct gen *g, struct ig_search_ret *r)
{
    static const char *const reserved[] = {"MIN", "MAX", "ALL", "COUNT", "SAVE", NULL};
    if (take_range(g, 0, 2) != 2)
        return;
    note(g, "RETURN");
    r->present = 1;
    r->opts = (uint32_t)take_u8(g) &
              (IG_RET_MIN | IG_RET_MAX | IG_RET_ALL | IG_RET_COUNT | IG_RET_SAVE);
    gen_params(g, &r->other, 0, 2, NAME_LABEL, reserved, EXT_VALUE, 0);
}

static void gen_search(struct gen *g, struct ig_command *c)
{
    gen_return(g, &c->u.search.ret);
    gen_program(g, &c->u.search.prog, 0);
}

static void gen_sort(struct gen *g, struct ig_command *c)
{
    struct ig_sort *s = &c->u.sort;
    uint32_t n = take_count(g, 1, 4);
    struct ig_sort_criterion *v = gen_alloc(g, n, sizeof(*v));
    for (uint32_t i = 0; i < n; i++) {
        v[i].reverse = (uint8_t)take_bool(g);
        v[i].key = (uint8_t)take_range(g, 0, IG_SORT__COUNT - 1);
    }
    s->n = n;
    s->criteria = v;
    gen_program(g, &s->prog, 1);
}

static void gen_thread(struct gen *g, struct ig_command *c)
{
    static const char *const algs[] = {"ORDEREDSUBJECT", "REFERENCES", "REFS",
                                       "orderedsubject"};
    c->u.thread.algorithm = gen_word(g, algs, NWORDS(algs), ATOM_CHARS, 16);
    gen_program(g, &c->u.thread.prog, 1);
}

/* ESEARCH (RFC 7377): IN (filters [(scope options)]), RETURN, program. */
static void gen_esearch(struct gen *g, struct ig_command *c)
{
    static const uint8_t kinds[] = {IG_FILTER_SELECTED, IG_FILTER_INBOXES,
                                    IG_FILTER_PERSONAL, IG_FILTER_SUBSCRIBED,
                                    IG_FILTER_SUBTREE, IG_FILTER_SUBTREE_ONE,
                                    IG_FILTER_MAILBOXES};
    static const char *const reserved[] = {NULL};
    struct ig_esearch *e = &c->u.esearch;
    if (take_bool(g)) {
        note(g, "IN");
        e->has_in = 1;
        e->nfilters = take_count(g, 1, 3);
        struct ig_filter *f = gen_alloc(g, e->nfilters, sizeof(*f));
        for (uint32_t i = 0; i < e->nfilters; i++) {
            f[i].kind = kinds[take_range(g, 0, NWORDS(kinds) - 1)];
            if (f[i].kind < IG_FILTER_SUBTREE)
                continue;
            uint32_t n = take_count(g, 1, 3);
            struct ig_str *m = gen_alloc(g, n, sizeof(*m));
            for (uint32_t j = 0; j < n; j++)
                m[j] = gen_mailbox(g, 0);
            f[i].list = (uint8_t)(n > 1 || take_bool(g));
            f[i].mailboxes.n = n;
            f[i].mailboxes.v = m;
        }
        e->filters = f;
        if (take_bool(g)) {
            e->has_scope = 1;
            gen_params(g, &e->scope, 1, 2, NAME_LABEL, reserved, EXT_VALUE, 0);
        }
    }
    gen_return(g, &e->ret);
    gen_program(g, &e->prog, 0);
}

/* ---- extension commands ---- */

static void gen_enable(struct gen *g, struct ig_command *c)
{
    static const char *const caps[] = {"CONDSTORE", "QRESYNC", "IMAP4rev2", "UTF8=ACCEPT",
                                       "METADATA", "AUTH=PLAIN", "X-FOO"};
    uint32_t n = take_count(g, 1, 4);
    struct ig_span *v = gen_alloc(g, n, sizeof(*v));
    for (uint32_t i = 0; i < n; i++)
        v[i] = gen_word(g, caps, NWORDS(caps), ATOM_CHARS, 16);
    c->u.enable.caps.n = n;
    c->u.enable.caps.v = v;
}

static void gen_id(struct gen *g, struct ig_command *c)
{
    if (take_range(g, 0, 3) == 3) {
        c->u.id.nil = 1;
        return;
    }
    uint32_t n = take_count(g, 0, 4);
    struct ig_id_pair *v = gen_alloc(g, n, sizeof(*v));
    for (uint32_t i = 0; i < n; i++) {
        v[i].field = gen_str(g, 0);
        v[i].value = gen_nstr(g, 0);
    }
    c->u.id.n = n;
    c->u.id.v = v;
}

static void gen_compress(struct gen *g, struct ig_command *c)
{
    static const char *const algs[] = {"DEFLATE", "deflate", "X-ZSTD"};
    c->u.compress.algorithm = gen_word(g, algs, NWORDS(algs), ATOM_CHARS, 12);
}

static void gen_setquota(struct gen *g, struct ig_command *c)
{
    static const char *const res[] = {"STORAGE", "storage", "MESSAGE", "MAILBOX",
                                      "ANNOTATION-STORAGE", "X-CUSTOM"};
    struct ig_setquota *sq = &c->u.setquota;
    sq->root = gen_str(g, 0);
    sq->n = take_count(g, 0, 4);
    struct ig_quota_limit *v = gen_alloc(g, sq->n, sizeof(*v));
    for (uint32_t i = 0; i < sq->n; i++) {
        v[i].resource = gen_word(g, res, NWORDS(res), ATOM_CHARS, 16);
        v[i].limit = gen_u63(g, 0);
    }
    sq->v = v;
}

static void gen_acl(struct gen *g, struct ig_command *c)
{
    static const char *const ids[] = {"anyone", "-fred", "user@example.com", "authuser"};
    struct ig_acl *acl = &c->u.acl;
    acl->mailbox = gen_mailbox(g, 0);
    if (take_bool(g))
        acl->identifier.v = copy_str(g, ids[take_range(g, 0, NWORDS(ids) - 1)]);
    else
        acl->identifier = gen_str(g, STR_UTF8); /* RFC 4314 §2: UTF-8 */
    if (c->cmd != IG_CMD_SETACL)
        return;
    acl->op = (int8_t)((int)take_range(g, 0, 2) - 1);
    acl->rights.v = gen_chars(g, RIGHTS_CHARS, 0, 12);
}

/* entry (RFC 5464 §3.2): /private or /shared, then 1..4 non-empty components of
 * %x20-7E except "*", "%" (and "/", which separates them) */
static struct ig_str gen_entry(struct gen *g)
{
    static const char *const prefixes[] = {"/private", "/shared", "/PRIVATE", "/Shared"};
    const char *prefix = prefixes[take_range(g, 0, NWORDS(prefixes) - 1)];
    size_t n = take_count(g, 1, 4);
    struct sb s = sb_new(g, strlen(prefix) + n * 13);
    struct ig_str e;
    sb_puts(&s, prefix);
    for (size_t i = 0; i < n; i++) {
        size_t k = take_len(g, 1, 12);
        sb_putc(&s, '/');
        for (size_t j = 0; j < k; j++) {
            unsigned char ch = (unsigned char)(0x20 + take_u8(g) % 95);
            sb_putc(&s, (unsigned char)(ch == '*' || ch == '%' || ch == '/' ? '-' : ch));
        }
    }
    memset(&e, 0, sizeof(e));
    e.v = sb_span(&s);
    return e;
}

static void gen_getmetadata(struct gen *g, struct ig_command *c)
{
    static const char *const reserved[] = {"MAXSIZE", "DEPTH", NULL};
    struct ig_getmetadata *gm = &c->u.getmetadata;
    if (take_bool(g)) {
        note(g, "options");
        if (take_bool(g)) {
            gm->has_maxsize = 1;
            gm->maxsize = take_bool(g) ? take_u32(g, 0, 4294967295u) : take_u32(g, 0, 1024);
        }
        if (take_bool(g)) {
            gm->has_depth = 1;
            gm->depth = (uint8_t)take_range(g, 0, 2);
        }
        gen_params(g, &gm->other, 0, 2, NAME_LABEL, reserved, EXT_VALUE, 1);
        gm->has_options = (uint8_t)(gm->has_maxsize || gm->has_depth || gm->other.n > 0);
    }
    gm->mailbox = gen_mailbox(g, 0);
    gm->entries_list = (uint8_t)take_bool(g);
    gm->entries.n = gm->entries_list ? take_count(g, 1, 4) : 1;
    struct ig_str *v = gen_alloc(g, gm->entries.n, sizeof(*v));
    for (uint32_t i = 0; i < gm->entries.n; i++)
        v[i] = gen_entry(g);
    gm->entries.v = v;
}

static void gen_setmetadata(struct gen *g, struct ig_command *c)
{
    struct ig_setmetadata *sm = &c->u.setmetadata;
    sm->mailbox = gen_mailbox(g, 0);
    sm->n = take_count(g, 1, 4);
    struct ig_metadata_value *v = gen_alloc(g, sm->n, sizeof(*v));
    for (uint32_t i = 0; i < sm->n; i++) {
        v[i].entry = gen_entry(g);
        v[i].value = gen_nstr(g, STR_NUL); /* value = nstring / literal8 */
    }
    sm->v = v;
}

/* A command word the parser does not know, with generic arguments. */
static void gen_other(struct gen *g, struct ig_command *c)
{
    static const char *const known[] = {
        "CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "AUTHENTICATE", "LOGIN", "ENABLE",
        "SELECT", "EXAMINE", "CREATE", "DELETE", "RENAME", "SUBSCRIBE", "UNSUBSCRIBE",
        "LIST", "LSUB", "NAMESPACE", "STATUS", "APPEND", "IDLE", "CHECK", "CLOSE",
        "UNSELECT", "EXPUNGE", "SEARCH", "FETCH", "STORE", "COPY", "MOVE", "SORT", "THREAD",
        "UID", "ID", "COMPRESS", "GETQUOTA", "GETQUOTAROOT", "SETQUOTA", "SETACL",
        "DELETEACL", "GETACL", "LISTRIGHTS", "MYRIGHTS", "GETMETADATA", "SETMETADATA",
        "ESEARCH", NULL};
    static const char *const words[] = {"XLIST", "X-FOO", "GETANNOTATION", "NOTIFY",
                                        "URLFETCH", "LOGINX", "UIDX", "DONE", "SASL",
                                        "OTHER", "ESORT", "NIL", "XAPPLEPUSHSERVICE"};
    c->name = avoid(g, gen_word(g, words, NWORDS(words), ATOM_CHARS, 16), known, 'X');
    c->u.generic.n = take_count(g, 0, 5);
    struct ig_arg *v = gen_alloc(g, c->u.generic.n, sizeof(*v));
    for (uint32_t i = 0; i < c->u.generic.n; i++)
        gen_arg(g, &v[i], 0);
    c->u.generic.v = v;
}

static struct ig_span gen_tag(struct gen *g)
{
    static const char *const tags[] = {"a1", "A001", "]", "tag]", "~", "1", "DONE"};
    struct ig_span t = take_bool(g) ? copy_str(g, tags[take_range(g, 0, NWORDS(tags) - 1)])
                                    : gen_chars(g, TAG_CHARS, 1, MAX_TAG);
    FZ_CHECK(all_in(TAG_CHARS, t), "generator: bad tag word");
    return t;
}

/* The whole command: byte 1 chose it. */
static void gen_command(struct gen *g, struct ig_command *c)
{
    memset(c, 0, sizeof(*c));
    c->cmd = (enum ig_cmd)(take_u8(g) % IG_CMD__COUNT);
    c->typed = 1;
    note(g, ig_cmd_name(c->cmd));
    if (c->cmd == IG_CMD_DONE)
        return;
    if (c->cmd == IG_CMD_SASL) {
        gen_sasl(g, c);
        return;
    }
    c->tag = gen_tag(g);
    switch (c->cmd) {
    case IG_CMD_OTHER: c->typed = 0; gen_other(g, c); break;
    case IG_CMD_LOGIN: gen_login(g, c); break;
    case IG_CMD_AUTHENTICATE: gen_authenticate(g, c); break;
    case IG_CMD_APPEND: gen_append(g, c); break;
    case IG_CMD_COPY: case IG_CMD_MOVE: case IG_CMD_UID_COPY: case IG_CMD_UID_MOVE:
        gen_seqset(g, &c->u.copy.set, 1);
        c->u.copy.mailbox = gen_mailbox(g, 0);
        break;
    case IG_CMD_UID_EXPUNGE: gen_seqset(g, &c->u.uid_expunge, 1); break;
    case IG_CMD_DELETE: case IG_CMD_SUBSCRIBE: case IG_CMD_UNSUBSCRIBE:
    case IG_CMD_GETQUOTAROOT: case IG_CMD_GETACL: case IG_CMD_MYRIGHTS:
        c->u.mailbox.mailbox = gen_mailbox(g, 0);
        break;
    case IG_CMD_SELECT: case IG_CMD_EXAMINE: gen_select(g, c); break;
    case IG_CMD_CREATE: gen_create(g, c); break;
    case IG_CMD_RENAME: gen_rename(g, c); break;
    case IG_CMD_STATUS: gen_status(g, c); break;
    case IG_CMD_LIST: gen_list(g, c); break;
    case IG_CMD_LSUB: gen_lsub(g, c); break;
    case IG_CMD_ENABLE: gen_enable(g, c); break;
    case IG_CMD_ID: gen_id(g, c); break;
    case IG_CMD_FETCH: case IG_CMD_UID_FETCH: gen_fetch(g, c); break;
    case IG_CMD_STORE: case IG_CMD_UID_STORE: gen_store(g, c); break;
    case IG_CMD_SEARCH: case IG_CMD_UID_SEARCH: gen_search(g, c); break;
    case IG_CMD_SORT: case IG_CMD_UID_SORT: gen_sort(g, c); break;
    case IG_CMD_THREAD: case IG_CMD_UID_THREAD: gen_thread(g, c); break;
    case IG_CMD_ESEARCH: gen_esearch(g, c); break;
    case IG_CMD_COMPRESS: gen_compress(g, c); break;
    case IG_CMD_GETQUOTA: c->u.getquota.root = gen_str(g, 0); break;
    case IG_CMD_SETQUOTA: gen_setquota(g, c); break;
    case IG_CMD_SETACL: case IG_CMD_DELETEACL: case IG_CMD_LISTRIGHTS: gen_acl(g, c); break;
    case IG_CMD_GETMETADATA: gen_getmetadata(g, c); break;
    case IG_CMD_SETMETADATA: gen_setmetadata(g, c); break;
    default: break; /* commands without arguments */
    }
}

/* ---- the round trip ---- */

static void dump(const char *what, const unsigned char *s, size_t n)
{
    fprintf(stderr, "%s (%zu bytes): ", what, n);
    for (size_t i = 0; i < n && i < 8192; i++) {
        unsigned char c = s[i];
        if (c == '\\')
            fputs("\\\\", stderr);
        else if (c == '\r')
            fputs("\\r", stderr);
        else if (c == '\n')
            fputs("\\n", stderr);
        else if (c >= 0x20 && c < 0x7f)
            fputc(c, stderr);
        else
            fprintf(stderr, "\\x%02x", c);
    }
    fputs(n > 8192 ? "...\n" : "\n", stderr);
}

static void fail(const struct gen *g, const struct ig_command *cmd, const unsigned char *out,
                 size_t n, const char *what)
{
    fprintf(stderr, "\ncommand %s, options 0x%x, built: %s\n", ig_cmd_name(cmd->cmd),
            (unsigned)g->opts, g->trail);
    if (out != NULL)
        dump("emitted", out, n);
    FZ_CHECK(0, what);
}

/* emit refused: show what it wrote before it gave up (the buffer is filled anyway), which
 * points at the construct it would not write. */
static void refused(const struct gen *g, const struct ig_command *cmd)
{
    static unsigned char buf[1 << 16];
    size_t n = sizeof(buf);
    memset(buf, 0, sizeof(buf));
    ig_command_emit(cmd, g->opts, buf, sizeof(buf));
    while (n > 0 && buf[n - 1] == 0)
        n--;
    dump("emit refused; it wrote", buf, n);
    fail(g, cmd, NULL, 0, "ig_command_emit() refused a generated command");
}

/* APPEND octets as the parser streams them: each message in order, exactly as built. */
struct msgcheck {
    const struct ig_append *ap;
    uint32_t seen;      /* message literals announced */
    uint64_t got;       /* octets of the current message delivered */
};

static void on_literal(const struct gen *g, const struct ig_command *cmd,
                       const unsigned char *out, size_t n, struct msgcheck *mc,
                       const struct ig_literal *lit)
{
    if (!lit->message)
        return;
    if (cmd->cmd != IG_CMD_APPEND || mc->seen >= mc->ap->n ||
        (mc->seen > 0 && mc->got != mc->ap->msgs[mc->seen - 1].size))
        fail(g, cmd, out, n, "unexpected APPEND message literal");
    const struct ig_append_msg *m = &mc->ap->msgs[mc->seen];
    if (lit->index != mc->seen || lit->size != m->size || (lit->kind & 2) != (m->kind & 2))
        fail(g, cmd, out, n, "APPEND message literal announced differently");
    mc->seen++;
    mc->got = 0;
}

static void on_data(const struct gen *g, const struct ig_command *cmd,
                    const unsigned char *out, size_t n, struct msgcheck *mc, struct ig_span d)
{
    const struct ig_append_msg *m = mc->seen ? &mc->ap->msgs[mc->seen - 1] : NULL;
    if (m == NULL || d.len == 0 || mc->got + d.len > m->size ||
        memcmp(d.ptr, m->data.ptr + mc->got, d.len) != 0)
        fail(g, cmd, out, n, "APPEND octets differ from the message built");
    mc->got += d.len;
}

/* The canonical form is a fixpoint: the parsed command (with the APPEND octets put back,
 * since the parser streams them) emits exactly the bytes it was parsed from. This also
 * catches a field that parse loses and ig_command_equal() does not compare. */
static void check_fixpoint(const struct gen *g, const struct ig_command *cmd,
                           const struct ig_command *got, const unsigned char *out, size_t n)
{
    struct ig_command copy = *got;
    struct ig_append_msg *msgs = NULL;
    if (got->cmd == IG_CMD_APPEND && got->typed) {
        msgs = malloc(got->u.append.n * sizeof(*msgs));
        FZ_CHECK(msgs != NULL, "out of memory");
        for (uint32_t i = 0; i < got->u.append.n; i++) {
            msgs[i] = got->u.append.msgs[i];
            msgs[i].data = cmd->u.append.msgs[i].data;
        }
        copy.u.append.msgs = msgs;
    }
    unsigned char *again = malloc(n);
    FZ_CHECK(again != NULL, "out of memory");
    size_t k = ig_command_emit(&copy, g->opts, again, n);
    if (k != n || memcmp(again, out, n) != 0) {
        if (k <= n)
            dump("parsed command re-emitted", again, k);
        fail(g, cmd, out, n, "canonical form is no fixpoint: emit(parse(emit(x))) != emit(x)");
    }
    free(again);
    free(msgs);
}

static void reparse(const struct gen *g, const struct ig_command *cmd, const unsigned char *out,
                    size_t n, int bytewise)
{
    struct ig_limits lim;
    struct ig_parser p;
    struct msgcheck mc = {&cmd->u.append, 0, 0};
    int oks = 0;

    ig_limits_default(&lim);
    lim.max_nonsync_literal = lim.max_string_literal;
    size_t ms = ig_parser_memsize(&lim);
    FZ_CHECK(ig_parser_init(&p, &lim, fz_block(FZ_BLOCK_RUN, ms), ms) == IG_OK, "parser init");
    ig_parser_set_options(&p, g->opts);
    if (cmd->cmd == IG_CMD_DONE)
        ig_parser_expect(&p, IG_EXPECT_DONE);
    else if (cmd->cmd == IG_CMD_SASL)
        ig_parser_expect(&p, IG_EXPECT_SASL);

    for (size_t pos = 0; pos < n;) {
        size_t chunk = bytewise ? 1 : n - pos, used = 0;
        enum ig_status st = ig_parser_feed(&p, out + pos, chunk, &used);
        if (used > chunk || (st == IG_NEED_MORE && used != chunk))
            fail(g, cmd, out, n, "feed consumed a wrong number of bytes");
        pos += used;
        if (st == IG_NEED_LITERAL) {
            on_literal(g, cmd, out, n, &mc, ig_parser_literal(&p));
            FZ_CHECK(ig_parser_literal_accept(&p) == IG_OK, "literal accept failed");
        } else if (st == IG_LITERAL_DATA) {
            on_data(g, cmd, out, n, &mc, ig_parser_data(&p, NULL));
        } else if (st == IG_OK) {
            const struct ig_command *got = ig_parser_command(&p);
            if (++oks > 1)
                fail(g, cmd, out, n, "emitted bytes parse as more than one command");
            if (!ig_command_equal(got, cmd)) {
                static unsigned char again[1 << 16];
                size_t k = ig_command_emit(got, g->opts, again, sizeof(again));
                if (k != (size_t)-1 && k <= sizeof(again))
                    dump("parsed command re-emitted", again, k);
                fail(g, cmd, out, n, "round trip: parse(emit(x)) != x");
            }
            if (got->offset != 0 || got->length != n)
                fail(g, cmd, out, n, "command offset or length wrong");
            if (cmd->cmd == IG_CMD_APPEND &&
                (mc.seen != cmd->u.append.n ||
                 mc.got != cmd->u.append.msgs[cmd->u.append.n - 1].size))
                fail(g, cmd, out, n, "APPEND messages not all delivered");
            check_fixpoint(g, cmd, got, out, n);
        } else if (st < 0) {
            const struct ig_error *e = ig_parser_error(&p);
            fprintf(stderr, "\nparser error %s at offset %llu: %s\n", ig_status_name(st),
                    (unsigned long long)e->offset, e->reason ? e->reason : "(none)");
            fail(g, cmd, out, n, "the canonical form of a valid command does not parse");
        }
    }
    if (oks != 1)
        fail(g, cmd, out, n, "emitted bytes gave no command");
    if (!ig_parser_idle(&p))
        fail(g, cmd, out, n, "parser not between lines after the command");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static union {
        max_align_t align;
        unsigned char bytes[ARENA_SIZE];
    } arena;
    struct gen g;
    struct ig_command cmd;

    if (size < 2)
        return 0;
    memset(&g, 0, sizeof(g));
    g.in = data + 1;
    g.len = size - 1;
    g.opts = (data[0] & 1 ? IG_OPT_UTF8 : 0) | (data[0] & 2 ? IG_OPT_LENIENT_LF : 0);
    g.mem = arena.bytes;
    g.nodes = NODE_BUDGET;
    g.bytes = BYTE_BUDGET;
    g.literals = LITERAL_BUDGET;
    gen_command(&g, &cmd);

    size_t n = ig_command_emit(&cmd, g.opts, NULL, 0);
    if (n == (size_t)-1)
        refused(&g, &cmd);
    unsigned char *out = malloc(n);
    FZ_CHECK(out != NULL, "out of memory");
    FZ_CHECK(ig_command_emit(&cmd, g.opts, out, n) == n, "emit length changed");
#ifdef FZ_GENERATE_PRINT /* -DFZ_GENERATE_PRINT: show what the seeds build */
    dump(g.trail, out, n);
#endif
    reparse(&g, &cmd, out, n, (data[0] & 4) != 0);
    free(out);
    return 0;
}
