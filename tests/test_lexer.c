/*
 * test_lexer.c - the character-class table the serializer uses (ig__cclass in
 * parser/values.c) must agree with the re2c classes of grammar/lex.re for all 256
 * byte values, or emit could write an atom the lexer does not read back.
 */
#include "internal.h"
#include "tap.h"

static int lex_atom_1(unsigned char b, enum ig__tok (*lex)(struct ig__ps *, struct ig__lit *))
{
    unsigned char text[4] = {b, '\r', '\n', 0};
    struct ig__ps ps;
    struct ig__lit lit;
    struct ig_parser p;
    struct ig_command cmd;
    memset(&ps, 0, sizeof(ps));
    memset(&p, 0, sizeof(p));
    ps.p = &p;
    ps.cmd = &cmd;
    ps.cur = text;
    ps.lim = text + 3;
    enum ig__tok t = lex(&ps, &lit);
    return t == IG__T_ATOM && ps.cur == text + 1;
}

static enum ig__tok lex_atom_adapter(struct ig__ps *ps, struct ig__lit *lit)
{
    (void)lit;
    return ig__lex_atom(ps);
}

int main(void)
{
    int tag_bad = 0, atom_bad = 0, astring_bad = 0, quoted_bad = 0;
    for (int b = 0; b < 256; b++) {
        unsigned char c = (unsigned char)b;
        unsigned char tagtext[4] = {c, ' ', 'x', '\n'};
        int lex_tag = ig__lex_tag(tagtext) == 1;
        if (c == '\n')
            lex_tag = 0; /* never scanned: LF ends the text */
        if (lex_tag != !!(ig__cclass[c] & IG__C_TAG))
            tag_bad++;
        if (c != '\n' && lex_atom_1(c, lex_atom_adapter) != !!(ig__cclass[c] & IG__C_ATOM))
            atom_bad++;
        if (c != '\n' && lex_atom_1(c, ig__lex_astring) != !!(ig__cclass[c] & IG__C_ASTRING))
            astring_bad++;
        /* "c" as a quoted string: accepted iff an unescaped QUOTED-CHAR (7-bit). */
        unsigned char q[6] = {'"', c, '"', '\r', '\n', 0};
        struct ig__ps ps;
        struct ig__lit lit;
        struct ig_parser p;
        struct ig_command cmd;
        memset(&ps, 0, sizeof(ps));
        memset(&p, 0, sizeof(p));
        ps.p = &p;
        ps.cmd = &cmd;
        ps.cur = q;
        ps.lim = q + 5;
        int quoted = ig__lex_astring(&ps, &lit) == IG__T_QUOTED && ps.cur == q + 3;
        if (c != '\n' && quoted != !!(ig__cclass[c] & IG__C_QUOTED))
            quoted_bad++;
    }
    ok(tag_bad == 0, "tag characters agree with the lexer");
    ok(atom_bad == 0, "ATOM-CHAR agrees with the lexer");
    ok(astring_bad == 0, "ASTRING-CHAR agrees with the lexer");
    ok(quoted_bad == 0, "unescaped QUOTED-CHAR agrees with the lexer");
    /* Spot checks straight from RFC 9051 §9. */
    ok(!(ig__cclass['%'] & IG__C_ATOM) && (ig__cclass['%'] & IG__C_LISTCHAR),
       "% is a list wildcard, not an atom char");
    ok((ig__cclass[']'] & IG__C_ASTRING) && !(ig__cclass[']'] & IG__C_ATOM),
       "] is ASTRING-CHAR but not ATOM-CHAR");
    ok(!(ig__cclass['+'] & IG__C_TAG) && (ig__cclass['+'] & IG__C_ATOM),
       "+ is an atom char but not a tag char");
    ok(!(ig__cclass[0x7f] & IG__C_ATOM) && !(ig__cclass[0x80] & IG__C_QUOTED),
       "DEL and 8-bit bytes are never atom chars");
    return done();
}
