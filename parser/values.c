/*
 * values.c - turning tokens into values: quoted-string unescaping, string arguments
 * of every form, base64 decoding, plus the character-class table the serializer uses
 * to choose between atom, quoted and literal. Failure helpers live here too: every
 * reason is a fixed string, never a copy of input bytes (they may be passwords).
 */
#include "internal.h"

/* Bit flags per byte, from the RFC 9051 §9 definitions (1 ATOM-CHAR, 2 ASTRING-CHAR,
 * 4 tag char, 8 unescaped QUOTED-CHAR, 16 list-char); generated once by a script and
 * checked against the re2c classes of grammar/lex.re by the unit tests. */
const uint8_t ig__cclass[256] = {
     0,  8,  8,  8,  8,  8,  8,  8,  8,  8,  0,  8,  8,  0,  8,  8,
     8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,
     8, 31,  0, 31, 31, 24, 31, 31,  8,  8, 24, 27, 31, 31, 31, 31,
    31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31,
    31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31,
    31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31,  0, 30, 31, 31,
    31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31,
    31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31,  8, 31, 31, 31,  8,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
};

/* ASCII upper case: only a-z fold (keywords are ASCII; RFC 9051 §9 "case-insensitive"). */
static unsigned char ascii_upper(unsigned char c)
{
    return (unsigned)(c - 'a') <= 'z' - 'a' ? (unsigned char)(c - 32) : c;
}

int ig__ascii_casecmp(const unsigned char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = ascii_upper(a[i]), y = ascii_upper((unsigned char)b[i]);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

int ig__fail(struct ig__ps *ps, enum ig_status code, const unsigned char *pos,
             const char *reason)
{
    /* The first failure wins: it is the one nearest the start of the command. */
    if (ps->reason == NULL) {
        ps->code = code;
        ps->errpos = pos;
        ps->reason = reason;
    }
    return -1;
}

int ig__fail_syntax(struct ig__ps *ps, const unsigned char *pos, const char *reason)
{
    return ig__fail(ps, IG_E_SYNTAX, pos, reason);
}

int ig__too_many_items(struct ig__ps *ps)
{
    return ig__fail(ps, IG_E_LIMIT, ps->tok, "too many arguments");
}

int ig__quoted_value(struct ig__ps *ps, struct ig_span *out)
{
    const unsigned char *s = ps->tok + 1, *e = ps->cur - 1;
    size_t n = (size_t)(e - s);
    if (memchr(s, '\\', n) == NULL) {
        out->ptr = s;
        out->len = n;
        return 0;
    }
    /* The DFA admitted only \" and \\, so every backslash starts a 2-byte escape. */
    unsigned char *d = ig__arena_alloc(ps->p, n);
    if (d == NULL)
        return ig__fail(ps, IG_E_NOMEM, ps->tok, "command too complex (arena full)");
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\')
            i++;
        d[k++] = s[i];
    }
    out->ptr = d;
    out->len = k;
    return 0;
}

int ig__string_value(struct ig__ps *ps, enum ig__tok t, const struct ig__lit *lit,
                     struct ig_str *s)
{
    s->nil = 0;
    switch (t) {
    case IG__T_ATOM:
    case IG__T_NIL:
        s->form = IG_FORM_ATOM;
        s->v.ptr = ps->tok;
        s->v.len = (size_t)(ps->cur - ps->tok);
        return 0;
    case IG__T_QUOTED_UTF8:
        if (!(ps->p->_opts & IG_OPT_UTF8)) {
            const unsigned char *b = ps->tok;
            while (*b < 0x80)
                b++;
            return ig__fail_syntax(ps, b, "8-bit character in quoted string");
        }
        ps->cmd->ext |= IG_EXT_UTF8;
        /* fall through */
    case IG__T_QUOTED:
        s->form = IG_FORM_QUOTED;
        return ig__quoted_value(ps, &s->v);
    case IG__T_LITERAL:
        s->form = lit->lit8 ? IG_FORM_LITERAL8 : IG_FORM_LITERAL;
        if (lit->nonsync)
            ps->cmd->ext |= IG_EXT_LITERALPLUS;
        if (lit->lit8)
            ps->cmd->ext |= IG_EXT_BINARY;
        s->v.ptr = lit->data;
        s->v.len = (size_t)lit->size;
        return 0;
    default:
        return ig__fail_syntax(ps, ps->tok, "string expected");
    }
}

static const int8_t b64val[256] = {
    ['A'] = 1,  ['B'] = 2,  ['C'] = 3,  ['D'] = 4,  ['E'] = 5,  ['F'] = 6,  ['G'] = 7,
    ['H'] = 8,  ['I'] = 9,  ['J'] = 10, ['K'] = 11, ['L'] = 12, ['M'] = 13, ['N'] = 14,
    ['O'] = 15, ['P'] = 16, ['Q'] = 17, ['R'] = 18, ['S'] = 19, ['T'] = 20, ['U'] = 21,
    ['V'] = 22, ['W'] = 23, ['X'] = 24, ['Y'] = 25, ['Z'] = 26, ['a'] = 27, ['b'] = 28,
    ['c'] = 29, ['d'] = 30, ['e'] = 31, ['f'] = 32, ['g'] = 33, ['h'] = 34, ['i'] = 35,
    ['j'] = 36, ['k'] = 37, ['l'] = 38, ['m'] = 39, ['n'] = 40, ['o'] = 41, ['p'] = 42,
    ['q'] = 43, ['r'] = 44, ['s'] = 45, ['t'] = 46, ['u'] = 47, ['v'] = 48, ['w'] = 49,
    ['x'] = 50, ['y'] = 51, ['z'] = 52, ['0'] = 53, ['1'] = 54, ['2'] = 55, ['3'] = 56,
    ['4'] = 57, ['5'] = 58, ['6'] = 59, ['7'] = 60, ['8'] = 61, ['9'] = 62, ['+'] = 63,
    ['/'] = 64,
};

int ig__base64_decode(struct ig__ps *ps, const unsigned char *b64, size_t len,
                      struct ig_span *out)
{
    /* len is a multiple of 4 and the run was validated by ig__lex_base64. */
    size_t cap = len / 4 * 3;
    unsigned char *d = cap ? ig__arena_alloc(ps->p, cap) : NULL;
    if (cap && d == NULL)
        return ig__fail(ps, IG_E_NOMEM, b64, "command too complex (arena full)");
    size_t k = 0;
    for (size_t i = 0; i < len; i += 4) {
        uint32_t v = 0;
        int pad = 0;
        for (int j = 0; j < 4; j++) {
            int c = b64[i + (size_t)j];
            v <<= 6;
            if (c == '=')
                pad++;
            else
                v |= (uint32_t)(b64val[c] - 1);
        }
        d[k++] = (unsigned char)(v >> 16);
        if (pad < 2)
            d[k++] = (unsigned char)(v >> 8);
        if (pad < 1)
            d[k++] = (unsigned char)v;
    }
    out->ptr = d;
    out->len = k;
    return 0;
}
