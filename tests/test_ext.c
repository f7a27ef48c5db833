/*
 * test_ext.c - the extension commands of parser/cmd_ext.c: ENABLE, ID, COMPRESS,
 * GETQUOTA, SETQUOTA, SETACL, DELETEACL, LISTRIGHTS, GETMETADATA, SETMETADATA. Every
 * client example line of their RFCs (joined into its wire form), the canonical form of
 * each accepted command, a rejection with offset and reason for each rule, limits, and
 * direct checks of the typed values, of equality and of emit refusing bad structures.
 * Every case runs whole, byte by byte and split at every offset against guard pages,
 * and every accepted command is checked for emit -> parse -> equal by the harness.
 */
#include "harness.h"
#include "tap.h"

#include <stdlib.h>

struct tcase {
    const char *name;
    const char *in;
    size_t inlen;
    /* Either the whole expected log, or (want == NULL) the canonical form of the one
     * command of in, whose log is then "OK <canon> @0+<inlen>" "END idle". */
    const char *canon;
    const char *want;
    uint32_t options;
    int small; /* run with the tight limits of small_limits() */
};

#define S(x) x, sizeof(x) - 1
/* An accepted command alone on its stream: its canonical form. */
#define OK1(name, in, canon) {name, S(in), canon, NULL, 0, 0}
/* Any other stream: the whole log. */
#define LOG(name, in, want) {name, S(in), NULL, want, 0, 0}

static const struct tcase cases[] = {
    /* ==== ENABLE (RFC 5161 §3.1 / RFC 9051 §6.3.1) ==== */
    OK1("RFC 5161 §3.1 / RFC 9051 §6.3.1 t2", "t2 ENABLE CONDSTORE X-GOOD-IDEA\r\n",
        "t2 ENABLE CONDSTORE X-GOOD-IDEA"),
    OK1("RFC 5161 §3.1 / RFC 9051 §6.3.1 a1", "a1 ENABLE CONDSTORE\r\n", "a1 ENABLE CONDSTORE"),
    OK1("RFC 9051 §8 babc", "babc ENABLE IMAP4rev2\r\n", "babc ENABLE IMAP4rev2"),
    OK1("enable: capabilities kept as sent", "a enable condstore\r\n", "a ENABLE condstore"),
    OK1("enable: AUTH= capability", "a ENABLE AUTH=PLAIN UTF8=ACCEPT\r\n",
        "a ENABLE AUTH=PLAIN UTF8=ACCEPT"),
    OK1("enable: ] is not an atom char but [ is", "a ENABLE X[1\r\n", "a ENABLE X[1"),
    LOG("enable: no capability", "a ENABLE\r\n", "ERR a SYNTAX @8 capability missing\nEND idle\n"),
    LOG("enable: trailing space", "a ENABLE X \r\n", "ERR a SYNTAX @11 missing argument\nEND idle\n"),
    LOG("enable: two spaces", "a ENABLE  X\r\n", "ERR a SYNTAX @9 unexpected space\nEND idle\n"),
    LOG("enable: list", "a ENABLE (X)\r\n", "ERR a SYNTAX @9 invalid capability\nEND idle\n"),
    LOG("enable: quoted", "a ENABLE \"X\"\r\n", "ERR a SYNTAX @9 invalid capability\nEND idle\n"),
    LOG("enable: literal is not offered", "a ENABLE {1}\r\nb NOOP\r\n",
        "ERR a SYNTAX @9 invalid capability\nOK b NOOP @14+8\nEND idle\n"),
    LOG("enable: resp-special", "a ENABLE X]\r\n", "ERR a SYNTAX @10 unexpected character\nEND idle\n"),
    LOG("enable: wildcard", "a ENABLE X* Y\r\n", "ERR a SYNTAX @10 unexpected character\nEND idle\n"),
    LOG("enable: 8-bit", "a ENABLE X\xc3\xa9\r\n",
        "ERR a SYNTAX @10 8-bit byte outside a literal or quoted string\nEND idle\n"),

    /* ==== ID (RFC 2971) ==== */
    OK1("RFC 2971 §3.1 a023",
        "a023 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" \"Pink Floyd Music Limited\")\r\n",
        "a023 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" \"Pink Floyd Music Limited\")"),
    OK1("RFC 2971 §3.2 a042", "a042 ID NIL\r\n", "a042 ID NIL"),
    OK1("id: brief example", "a ID (\"name\" \"sodr\" \"version\" NIL)\r\n",
        "a ID (\"name\" \"sodr\" \"version\" NIL)"),
    OK1("id: nil in any case", "a id nil\r\n", "a ID NIL"),
    OK1("id: empty list", "a ID ()\r\n", "a ID ()"),
    /* "~" opens a literal8 only as "~{"; an atom is no ID string (RFC 2971 sec. 4) */
    LOG("id: atom starting with ~ is not a string", "a ID (~abc \"x\")\r\n",
        "ERR a SYNTAX @6 string expected\nEND idle\n"),
    OK1("id: value nil in any case", "a ID (\"os\" nIl)\r\n", "a ID (\"os\" NIL)"),
    OK1("id: escapes and empty strings", "a ID (\"a\\\"b\" \"\" \"\" \"c\\\\d\")\r\n",
        "a ID (\"a\\\\\"b\" \"\" \"\" \"c\\\\\\\\d\")"),
    LOG("id: sync literals", "a ID ({4}\r\nname {4}\r\nsodr)\r\n",
        "LIT a 4 arg @6\nLIT a 4 arg @16\nOK a ID (\"name\" \"sodr\") @0+28\nEND idle\n"),
    OK1("id: nonsync literal with CRLF", "a ID (\"x\" {3+}\r\n\r\ny)\r\n",
        "a ID (\"x\" {3}\\r\\n\\r\\ny)"),
    OK1("id: RFC 2971 §3.3 bounds not enforced (31-octet field)",
        "a ID (\"0123456789012345678901234567890\" \"x\")\r\n",
        "a ID (\"0123456789012345678901234567890\" \"x\")"),
    OK1("id: repeated field not enforced", "a ID (\"name\" \"a\" \"NAME\" \"b\")\r\n",
        "a ID (\"name\" \"a\" \"NAME\" \"b\")"),
    LOG("id: missing list", "a ID\r\n", "ERR a SYNTAX @4 parameter list missing\nEND idle\n"),
    LOG("id: atom instead of list", "a ID name\r\n", "ERR a SYNTAX @5 expected '(' or NIL\nEND idle\n"),
    LOG("id: NILX", "a ID NILX\r\n", "ERR a SYNTAX @5 expected '(' or NIL\nEND idle\n"),
    LOG("id: extra argument", "a ID NIL x\r\n", "ERR a SYNTAX @8 unexpected argument\nEND idle\n"),
    LOG("id: atom field", "a ID (name \"sodr\")\r\n", "ERR a SYNTAX @6 string expected\nEND idle\n"),
    LOG("id: NIL field", "a ID (NIL \"sodr\")\r\n", "ERR a SYNTAX @6 string expected\nEND idle\n"),
    LOG("id: atom value", "a ID (\"name\" sodr)\r\n", "ERR a SYNTAX @13 string expected\nEND idle\n"),
    LOG("id: odd count", "a ID (\"name\" \"sodr\" \"os\")\r\n",
        "ERR a SYNTAX @24 field without a value\nEND idle\n"),
    LOG("id: commas (RFC 822 # notation not used on the wire)",
        "a ID (\"a\" \"b\", \"c\" \"d\")\r\n", "ERR a SYNTAX @13 expected space or ')'\nEND idle\n"),
    LOG("id: space before )", "a ID (\"a\" \"b\" )\r\n", "ERR a SYNTAX @13 unexpected space\nEND idle\n"),
    LOG("id: space after (", "a ID ( \"a\" \"b\")\r\n", "ERR a SYNTAX @6 unexpected space\nEND idle\n"),
    LOG("id: two spaces", "a ID (\"a\"  \"b\")\r\n", "ERR a SYNTAX @10 unexpected space\nEND idle\n"),
    LOG("id: unbalanced", "a ID (\"a\" \"b\"\r\n", "ERR a SYNTAX @13 unbalanced parenthesis\nEND idle\n"),
    LOG("id: nested list", "a ID ((\"a\" \"b\"))\r\n", "ERR a SYNTAX @6 string expected\nEND idle\n"),
    LOG("id: literal8 field", "a ID (~{1+}\r\na \"b\")\r\n",
        "ERR a SYNTAX @6 literal8 is not allowed here\nEND idle\n"),

    /* ==== COMPRESS (RFC 4978) ==== */
    OK1("RFC 4978 §3 c", "c compress deflate\r\n", "c COMPRESS DEFLATE"),
    OK1("compress: future algorithm kept as sent", "a COMPRESS x-Zstd\r\n", "a COMPRESS x-Zstd"),
    LOG("compress: missing", "a COMPRESS\r\n", "ERR a SYNTAX @10 algorithm missing\nEND idle\n"),
    LOG("compress: quoted", "a COMPRESS \"DEFLATE\"\r\n", "ERR a SYNTAX @11 invalid algorithm\nEND idle\n"),
    LOG("compress: extra", "a COMPRESS DEFLATE X\r\n", "ERR a SYNTAX @18 unexpected argument\nEND idle\n"),

    /* ==== GETQUOTA / SETQUOTA (RFC 9208) ==== */
    OK1("RFC 9208 §4.1.1 G0001", "G0001 GETQUOTA \"!partition/sda4\"\r\n",
        "G0001 GETQUOTA !partition/sda4"),
    OK1("RFC 9208 §4.1.3 S0000", "S0000 GETQUOTA \"#user/alice\"\r\n", "S0000 GETQUOTA #user/alice"),
    OK1("RFC 9208 §4.1.3 S0001", "S0001 SETQUOTA \"#user/alice\" (STORAGE 510)\r\n",
        "S0001 SETQUOTA #user/alice (STORAGE 510)"),
    OK1("RFC 9208 §4.1.3 S0002", "S0002 SETQUOTA \"!partition/sda4\" (STORAGE 99999999)\r\n",
        "S0002 SETQUOTA !partition/sda4 (STORAGE 99999999)"),
    OK1("setquota: brief example", "a SETQUOTA \"\" (STORAGE 512)\r\n", "a SETQUOTA \"\" (STORAGE 512)"),
    OK1("setquota: known resources upper-cased, others as sent",
        "a setquota r (storage 1 Message 2 mailbox 3 annotation-storage 4 x-Files 5)\r\n",
        "a SETQUOTA r (STORAGE 1 MESSAGE 2 MAILBOX 3 ANNOTATION-STORAGE 4 x-Files 5)"),
    OK1("setquota: empty list", "a SETQUOTA r ()\r\n", "a SETQUOTA r ()"),
    OK1("setquota: number64 maximum", "a SETQUOTA r (STORAGE 9223372036854775807)\r\n",
        "a SETQUOTA r (STORAGE 9223372036854775807)"),
    OK1("setquota: leading zeros", "a SETQUOTA r (STORAGE 007)\r\n", "a SETQUOTA r (STORAGE 7)"),
    OK1("getquota: empty root", "a GETQUOTA \"\"\r\n", "a GETQUOTA \"\""),
    OK1("getquota: root is no mailbox (no modified UTF-7 check)", "a GETQUOTA \"a&b\"\r\n",
        "a GETQUOTA a&b"),
    LOG("getquota: missing", "a GETQUOTA\r\n", "ERR a SYNTAX @10 quota root missing\nEND idle\n"),
    LOG("getquota: extra", "a GETQUOTA r x\r\n", "ERR a SYNTAX @12 unexpected argument\nEND idle\n"),
    LOG("setquota: number64 + 1", "a SETQUOTA r (STORAGE 9223372036854775808)\r\n",
        "ERR a SYNTAX @22 number out of range\nEND idle\n"),
    LOG("setquota: no list", "a SETQUOTA r\r\n", "ERR a SYNTAX @12 resource list missing\nEND idle\n"),
    LOG("setquota: no parentheses", "a SETQUOTA r STORAGE 1\r\n",
        "ERR a SYNTAX @13 resource list expected\nEND idle\n"),
    LOG("setquota: no limit", "a SETQUOTA r (STORAGE)\r\n",
        "ERR a SYNTAX @21 resource limit missing\nEND idle\n"),
    LOG("setquota: second without limit", "a SETQUOTA r (STORAGE 1 MESSAGE)\r\n",
        "ERR a SYNTAX @31 resource limit missing\nEND idle\n"),
    LOG("setquota: negative limit", "a SETQUOTA r (STORAGE -1)\r\n",
        "ERR a SYNTAX @22 resource limit expected\nEND idle\n"),
    LOG("setquota: limit with unit", "a SETQUOTA r (STORAGE 5k)\r\n",
        "ERR a SYNTAX @23 expected space or ')'\nEND idle\n"),
    LOG("setquota: quoted resource", "a SETQUOTA r (\"STORAGE\" 1)\r\n",
        "ERR a SYNTAX @14 invalid resource name\nEND idle\n"),
    LOG("setquota: nested list", "a SETQUOTA r ((STORAGE 1))\r\n",
        "ERR a SYNTAX @14 invalid resource name\nEND idle\n"),
    LOG("setquota: space before )", "a SETQUOTA r (STORAGE 1 )\r\n",
        "ERR a SYNTAX @23 unexpected space\nEND idle\n"),
    LOG("setquota: two spaces", "a SETQUOTA r (STORAGE  1)\r\n",
        "ERR a SYNTAX @22 resource limit expected\nEND idle\n"),
    LOG("setquota: unbalanced", "a SETQUOTA r (STORAGE 1\r\n",
        "ERR a SYNTAX @23 unbalanced parenthesis\nEND idle\n"),
    LOG("setquota: extra", "a SETQUOTA r (STORAGE 1) x\r\n",
        "ERR a SYNTAX @24 unexpected argument\nEND idle\n"),

    /* ==== ACL (RFC 4314) ==== */
    OK1("RFC 4314 §2 A001", "A001 SeTacl INBOX/Drafts David lrswida\r\n",
        "A001 SETACL INBOX/Drafts David lrswida"),
    OK1("RFC 4314 §2 A003", "A003 Setacl INBOX/Drafts Byron lrswikda\r\n",
        "A003 SETACL INBOX/Drafts Byron lrswikda"),
    OK1("RFC 4314 §3.1 A002", "A002 SETACL INBOX/Drafts Chris +cda\r\n",
        "A002 SETACL INBOX/Drafts Chris +cda"),
    LOG("RFC 4314 §3.1 A035 (BAD: uppercase rights)", "A035 SETACL INBOX/Drafts John lrQswicda\r\n",
        "ERR A035 SYNTAX @32 uppercase rights are not allowed\nEND idle\n"),
    OK1("RFC 4314 §3.1 A036 (q: the server decides)", "A036 SETACL INBOX/Drafts John lrqswicda\r\n",
        "A036 SETACL INBOX/Drafts John lrqswicda"),
    OK1("RFC 4314 §3.2 B002", "B002 DeleteAcl INBOX Fred\r\n", "B002 DELETEACL INBOX Fred"),
    OK1("RFC 4314 §3.4 a001", "a001 LISTRIGHTS ~/Mail/saved smith\r\n",
        "a001 LISTRIGHTS ~/Mail/saved smith"),
    OK1("RFC 4314 §3.4 a005", "a005 listrights archive/imap anyone\r\n",
        "a005 LISTRIGHTS archive/imap anyone"),
    OK1("setacl: remove", "a SETACL INBOX fred -w\r\n", "a SETACL INBOX fred -w"),
    OK1("setacl: negative-rights identifier", "a SETACL INBOX -fred w0\r\n", "a SETACL INBOX -fred w0"),
    OK1("setacl: quoted mod-rights", "a SETACL \"INBOX\" \"fred\" \"+cda\"\r\n",
        "a SETACL INBOX fred +cda"),
    OK1("setacl: no rights", "a SETACL INBOX fred \"\"\r\n", "a SETACL INBOX fred \"\""),
    OK1("setacl: prefix alone", "a SETACL INBOX fred +\r\n", "a SETACL INBOX fred +"),
    OK1("setacl: identifier in UTF-8", "a SETACL INBOX {2+}\r\n\xc3\xa9 l\r\n",
        "a SETACL INBOX {2}\\r\\n\\xc3\\xa9 l"),
    LOG("setacl: identifier not UTF-8", "a SETACL INBOX {2+}\r\n\xc3\x28 l\r\n",
        "ERR a SYNTAX @15 identifier is not valid UTF-8\nEND idle\n"),
    LOG("setacl: rights missing", "a SETACL INBOX fred\r\n", "ERR a SYNTAX @19 rights missing\nEND idle\n"),
    LOG("setacl: extra", "a SETACL INBOX fred l r\r\n", "ERR a SYNTAX @21 unexpected argument\nEND idle\n"),
    LOG("setacl: sign in the middle", "a SETACL INBOX fred l-r\r\n",
        "ERR a SYNTAX @21 invalid character in rights\nEND idle\n"),
    LOG("setacl: two signs", "a SETACL INBOX fred ++a\r\n",
        "ERR a SYNTAX @21 invalid character in rights\nEND idle\n"),
    LOG("setacl: uppercase in a quoted string points at its start",
        "a SETACL INBOX fred \"lrQ\"\r\n", "ERR a SYNTAX @20 uppercase rights are not allowed\nEND idle\n"),
    LOG("setacl: wildcard", "a SETACL INBOX fred lr*\r\n", "ERR a SYNTAX @22 unexpected character\nEND idle\n"),
    LOG("setacl: bad mailbox", "a SETACL \"a&b\" fred l\r\n",
        "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\nEND idle\n"),
    LOG("deleteacl: identifier missing", "a DELETEACL INBOX\r\n",
        "ERR a SYNTAX @17 identifier missing\nEND idle\n"),
    LOG("deleteacl: rights given", "a DELETEACL INBOX fred l\r\n",
        "ERR a SYNTAX @22 unexpected argument\nEND idle\n"),
    LOG("listrights: mailbox missing", "a LISTRIGHTS\r\n", "ERR a SYNTAX @12 mailbox missing\nEND idle\n"),
    LOG("listrights: NUL", "a LISTRIGHTS INBOX f\0\r\n",
        "ERR a SYNTAX @20 NUL byte outside a literal\nEND idle\n"),

    /* ==== GETMETADATA (RFC 5464 §4.2, RFC 6154 §6) ==== */
    OK1("RFC 5464 §4.2 server entry", "a GETMETADATA \"\" /shared/comment\r\n",
        "a GETMETADATA \"\" /shared/comment"),
    OK1("RFC 5464 §4.2 mailbox entry", "a GETMETADATA \"INBOX\" /private/comment\r\n",
        "a GETMETADATA INBOX /private/comment"),
    OK1("RFC 5464 §4.2 entry list", "a GETMETADATA \"INBOX\" (/shared/comment /private/comment)\r\n",
        "a GETMETADATA INBOX (/shared/comment /private/comment)"),
    LOG("RFC 5464 §4.2.2 (options after the mailbox: against the ABNF)",
        "a GETMETADATA \"INBOX\" (MAXSIZE 1024) (/shared/comment /private/comment)\r\n",
        "ERR a SYNTAX @22 options must come before the mailbox\nEND idle\n"),
    LOG("RFC 5464 §4.2.3 (options after the mailbox: against the ABNF)",
        "a GETMETADATA \"INBOX\" (DEPTH 1) (/private/filters/values)\r\n",
        "ERR a SYNTAX @22 options must come before the mailbox\nEND idle\n"),
    LOG("RFC 5464 §4.4.1 (two entries without parentheses: against the ABNF)",
        "a GETMETADATA \"INBOX\" /private/comment /shared/comment\r\n",
        "ERR a SYNTAX @38 unexpected argument\nEND idle\n"),
    OK1("RFC 6154 §6 t2", "t2 GETMETADATA \"MyDrafts\" /private/specialuse\r\n",
        "t2 GETMETADATA MyDrafts /private/specialuse"),
    OK1("getmetadata: brief example",
        "a GETMETADATA (MAXSIZE 1024 DEPTH 1) INBOX (/shared/comment /private/comment)\r\n",
        "a GETMETADATA (MAXSIZE 1024 DEPTH 1) INBOX (/shared/comment /private/comment)"),
    OK1("getmetadata: options reordered, infinity in the RFC spelling",
        "a getmetadata (depth INFINITY maxsize 0) inbox /shared/comment\r\n",
        "a GETMETADATA (MAXSIZE 0 DEPTH infinity) inbox /shared/comment"),
    OK1("getmetadata: DEPTH 0, server entry", "a GETMETADATA (DEPTH 0) \"\" (/shared/comment)\r\n",
        "a GETMETADATA (DEPTH 0) \"\" (/shared/comment)"),
    OK1("getmetadata: other options (RFC 4466 tagged-ext)",
        "a GETMETADATA (X-FOO 1:5,7 X-BAR (a \"b c\" (d NIL)) X-BAZ MAXSIZE 9) INBOX /shared/a\r\n",
        "a GETMETADATA (MAXSIZE 9 X-FOO 1:5,7 X-BAR (a \"b c\" (d NIL)) X-BAZ) INBOX /shared/a"),
    OK1("getmetadata: one entry in parentheses stays", "a GETMETADATA INBOX (/shared/a)\r\n",
        "a GETMETADATA INBOX (/shared/a)"),
    OK1("getmetadata: entry case kept", "a GETMETADATA INBOX /SHARED/Comment\r\n",
        "a GETMETADATA INBOX /SHARED/Comment"),
    OK1("getmetadata: entry with a space", "a GETMETADATA INBOX \"/shared/a b\"\r\n",
        "a GETMETADATA INBOX \"/shared/a b\""),
    OK1("getmetadata: vendor entry", "a GETMETADATA \"\" /shared/vendor/cmu\r\n",
        "a GETMETADATA \"\" /shared/vendor/cmu"),
    LOG("getmetadata: mailbox missing", "a GETMETADATA\r\n", "ERR a SYNTAX @13 mailbox missing\nEND idle\n"),
    LOG("getmetadata: mailbox missing after options", "a GETMETADATA (DEPTH 1)\r\n",
        "ERR a SYNTAX @23 mailbox missing\nEND idle\n"),
    LOG("getmetadata: entry missing", "a GETMETADATA INBOX\r\n", "ERR a SYNTAX @19 entry missing\nEND idle\n"),
    LOG("getmetadata: empty options", "a GETMETADATA () INBOX /shared/a\r\n",
        "ERR a SYNTAX @15 empty parentheses\nEND idle\n"),
    LOG("getmetadata: empty entries", "a GETMETADATA INBOX ()\r\n",
        "ERR a SYNTAX @21 empty parentheses\nEND idle\n"),
    LOG("getmetadata: DEPTH 2", "a GETMETADATA (DEPTH 2) INBOX /shared/a\r\n",
        "ERR a SYNTAX @21 DEPTH must be 0, 1 or infinity\nEND idle\n"),
    LOG("getmetadata: DEPTH 01", "a GETMETADATA (DEPTH 01) INBOX /shared/a\r\n",
        "ERR a SYNTAX @21 DEPTH must be 0, 1 or infinity\nEND idle\n"),
    LOG("getmetadata: DEPTH infinite", "a GETMETADATA (DEPTH infinite) INBOX /shared/a\r\n",
        "ERR a SYNTAX @21 DEPTH must be 0, 1 or infinity\nEND idle\n"),
    LOG("getmetadata: DEPTH without value", "a GETMETADATA (DEPTH) INBOX /shared/a\r\n",
        "ERR a SYNTAX @20 DEPTH must be 0, 1 or infinity\nEND idle\n"),
    LOG("getmetadata: MAXSIZE without value", "a GETMETADATA (MAXSIZE) INBOX /shared/a\r\n",
        "ERR a SYNTAX @22 MAXSIZE needs a number\nEND idle\n"),
    LOG("getmetadata: MAXSIZE not a number", "a GETMETADATA (MAXSIZE x) INBOX /shared/a\r\n",
        "ERR a SYNTAX @23 MAXSIZE needs a number\nEND idle\n"),
    OK1("getmetadata: MAXSIZE 32-bit maximum", "a GETMETADATA (MAXSIZE 4294967295) INBOX /shared/a\r\n",
        "a GETMETADATA (MAXSIZE 4294967295) INBOX /shared/a"),
    LOG("getmetadata: MAXSIZE 32-bit maximum + 1",
        "a GETMETADATA (MAXSIZE 4294967296) INBOX /shared/a\r\n",
        "ERR a SYNTAX @23 number out of range\nEND idle\n"),
    LOG("getmetadata: duplicate MAXSIZE", "a GETMETADATA (MAXSIZE 1 MAXSIZE 2) INBOX /shared/a\r\n",
        "ERR a SYNTAX @25 duplicate MAXSIZE option\nEND idle\n"),
    LOG("getmetadata: duplicate DEPTH", "a GETMETADATA (DEPTH 1 depth 0) INBOX /shared/a\r\n",
        "ERR a SYNTAX @23 duplicate DEPTH option\nEND idle\n"),
    LOG("getmetadata: label with an atom char", "a GETMETADATA (X!Y) INBOX /shared/a\r\n",
        "ERR a SYNTAX @16 invalid option name\nEND idle\n"),
    LOG("getmetadata: label starting with a digit", "a GETMETADATA (1X) INBOX /shared/a\r\n",
        "ERR a SYNTAX @15 invalid option name\nEND idle\n"),
    LOG("getmetadata: option value that is no tagged-ext-val", "a GETMETADATA (X \"v\") INBOX /shared/a\r\n",
        "ERR a SYNTAX @17 invalid option name\nEND idle\n"),
    LOG("getmetadata: bad sequence set in an option value", "a GETMETADATA (X 1:) INBOX /shared/a\r\n",
        "ERR a SYNTAX @19 sequence set expected\nEND idle\n"),
    OK1("getmetadata: empty option value list", "a GETMETADATA (X ()) INBOX /shared/a\r\n",
        "a GETMETADATA (X ()) INBOX /shared/a"),
    LOG("getmetadata: empty nested option value list", "a GETMETADATA (X (())) INBOX /shared/a\r\n",
        "ERR a SYNTAX @19 empty parentheses\nEND idle\n"),
    LOG("getmetadata: space before ) in options", "a GETMETADATA (X ) INBOX /shared/a\r\n",
        "ERR a SYNTAX @16 unexpected space\nEND idle\n"),
    LOG("getmetadata: options unbalanced (INBOX reads as a label)", "a GETMETADATA (DEPTH 1 INBOX /shared/a\r\n",
        "ERR a SYNTAX @29 invalid option name\nEND idle\n"),
    LOG("getmetadata: entries unbalanced", "a GETMETADATA INBOX (/shared/a\r\n",
        "ERR a SYNTAX @30 unbalanced parenthesis\nEND idle\n"),
    LOG("getmetadata: space before ) in entries", "a GETMETADATA INBOX (/shared/a )\r\n",
        "ERR a SYNTAX @30 unexpected space\nEND idle\n"),
    LOG("getmetadata: entry without /", "a GETMETADATA INBOX comment\r\n",
        "ERR a SYNTAX @20 entry name must start with /private/ or /shared/\nEND idle\n"),
    LOG("getmetadata: unknown prefix", "a GETMETADATA INBOX /public/comment\r\n",
        "ERR a SYNTAX @20 entry name must start with /private/ or /shared/\nEND idle\n"),
    LOG("getmetadata: prefix alone", "a GETMETADATA INBOX /shared\r\n",
        "ERR a SYNTAX @20 entry name needs a component after its prefix\nEND idle\n"),
    LOG("getmetadata: prefix with a longer first component", "a GETMETADATA INBOX /sharedx/a\r\n",
        "ERR a SYNTAX @20 entry name must start with /private/ or /shared/\nEND idle\n"),
    LOG("getmetadata: trailing /", "a GETMETADATA INBOX /shared/comment/\r\n",
        "ERR a SYNTAX @20 empty component in entry name\nEND idle\n"),
    LOG("getmetadata: //", "a GETMETADATA INBOX /shared//comment\r\n",
        "ERR a SYNTAX @20 empty component in entry name\nEND idle\n"),
    LOG("getmetadata: * in entry", "a GETMETADATA INBOX \"/shared/*\"\r\n",
        "ERR a SYNTAX @20 invalid character in entry name\nEND idle\n"),
    LOG("getmetadata: % in entry", "a GETMETADATA INBOX \"/shared/a%\"\r\n",
        "ERR a SYNTAX @20 invalid character in entry name\nEND idle\n"),
    LOG("getmetadata: control character in entry", "a GETMETADATA INBOX \"/shared/a\x1f\"\r\n",
        "ERR a SYNTAX @20 invalid character in entry name\nEND idle\n"),
    LOG("getmetadata: 8-bit entry", "a GETMETADATA INBOX {10+}\r\n/shared/\xc3\xa9\r\n",
        "ERR a SYNTAX @20 invalid character in entry name\nEND idle\n"),
    LOG("getmetadata: nested entries", "a GETMETADATA INBOX ((/shared/a))\r\n",
        "ERR a SYNTAX @21 invalid character in string\nEND idle\n"),
    LOG("getmetadata: bad mailbox", "a GETMETADATA \"&Jjo\" /shared/a\r\n",
        "ERR a SYNTAX @14 mailbox name is not valid modified UTF-7\nEND idle\n"),
    LOG("getmetadata: sync literal entry", "a GETMETADATA INBOX {9}\r\n/shared/a\r\n",
        "LIT a 9 arg @20\nOK a GETMETADATA INBOX /shared/a @0+36\nEND idle\n"),

    /* ==== SETMETADATA (RFC 5464 §4.3, RFC 6154 §6) ==== */
    LOG("RFC 5464 §4.3 literal value",
        "a SETMETADATA INBOX (/private/comment {33}\r\nMy new comment across\r\ntwo lines.)\r\n",
        "LIT a 33 arg @38\nOK a SETMETADATA INBOX (/private/comment {33}\\r\\nMy new comment across"
        "\\r\\ntwo lines.) @0+80\nEND idle\n"),
    OK1("RFC 5464 §4.3 NIL", "a SETMETADATA INBOX (/private/comment NIL)\r\n",
        "a SETMETADATA INBOX (/private/comment NIL)"),
    OK1("RFC 5464 §4.3 two values",
        "a SETMETADATA INBOX (/private/comment \"My new comment\" /shared/comment \"This one is for you!\")\r\n",
        "a SETMETADATA INBOX (/private/comment \"My new comment\" /shared/comment \"This one is for you!\")"),
    OK1("RFC 5464 §4.3 one value", "a SETMETADATA INBOX (/private/comment \"My new comment\")\r\n",
        "a SETMETADATA INBOX (/private/comment \"My new comment\")"),
    OK1("RFC 6154 §6 t3", "t3 SETMETADATA \"SavedDrafts\" (/private/specialuse \"\\\\Drafts\")\r\n",
        "t3 SETMETADATA SavedDrafts (/private/specialuse \"\\\\\\\\Drafts\")"),
    OK1("RFC 6154 §6 t4", "t4 SETMETADATA \"SentMail\" (/private/specialuse NIL)\r\n",
        "t4 SETMETADATA SentMail (/private/specialuse NIL)"),
    OK1("setmetadata: server entry, nil in any case", "a setmetadata \"\" (/shared/comment nil)\r\n",
        "a SETMETADATA \"\" (/shared/comment NIL)"),
    OK1("setmetadata: literal8 with NUL stays literal8",
        "a SETMETADATA INBOX (/private/x ~{3+}\r\na\0b)\r\n",
        "a SETMETADATA INBOX (/private/x ~{3}\\r\\na\\x00b)"),
    OK1("setmetadata: literal8 without NUL is a quoted string",
        "a SETMETADATA INBOX (/private/x ~{3+}\r\nabc)\r\n",
        "a SETMETADATA INBOX (/private/x \"abc\")"),
    LOG("setmetadata: sync literal8 (pending in the prefix pass; LIT 28 = size 2, literal8)",
        "a SETMETADATA INBOX (/private/x ~{2}\r\n\0\0 /shared/y {0}\r\n)\r\n",
        "LIT a 28 arg @32\nLIT a 0 arg @51\nOK a SETMETADATA INBOX (/private/x ~{2}\\r\\n\\x00\\x00 "
        "/shared/y \"\") @0+59\nEND idle\n"),
    OK1("setmetadata: empty string", "a SETMETADATA INBOX (/shared/x \"\")\r\n",
        "a SETMETADATA INBOX (/shared/x \"\")"),
    LOG("setmetadata: NUL in a plain literal", "a SETMETADATA INBOX (/private/x {3+}\r\na\0b)\r\n",
        "ERR a SYNTAX @39 NUL in literal (only literal8 may carry NUL)\nEND idle\n"),
    LOG("setmetadata: atom value", "a SETMETADATA INBOX (/private/x abc)\r\n",
        "ERR a SYNTAX @32 string expected\nEND idle\n"),
    LOG("setmetadata: atom value starting with ~", "a SETMETADATA INBOX (/private/x ~abc)\r\n",
        "ERR a SYNTAX @32 string expected\nEND idle\n"),
    LOG("setmetadata: entry without value", "a SETMETADATA INBOX (/private/x)\r\n",
        "ERR a SYNTAX @31 entry without a value\nEND idle\n"),
    LOG("setmetadata: second entry without value", "a SETMETADATA INBOX (/private/x NIL /shared/y)\r\n",
        "ERR a SYNTAX @45 entry without a value\nEND idle\n"),
    LOG("setmetadata: empty list", "a SETMETADATA INBOX ()\r\n",
        "ERR a SYNTAX @21 empty parentheses\nEND idle\n"),
    LOG("setmetadata: no parentheses", "a SETMETADATA INBOX /private/x NIL\r\n",
        "ERR a SYNTAX @20 entry list expected\nEND idle\n"),
    LOG("setmetadata: list missing", "a SETMETADATA INBOX\r\n",
        "ERR a SYNTAX @19 entry list missing\nEND idle\n"),
    LOG("setmetadata: mailbox missing", "a SETMETADATA\r\n", "ERR a SYNTAX @13 mailbox missing\nEND idle\n"),
    LOG("setmetadata: bad entry", "a SETMETADATA INBOX (/x/y NIL)\r\n",
        "ERR a SYNTAX @21 entry name must start with /private/ or /shared/\nEND idle\n"),
    LOG("setmetadata: unbalanced", "a SETMETADATA INBOX (/private/x NIL\r\n",
        "ERR a SYNTAX @35 unbalanced parenthesis\nEND idle\n"),
    LOG("setmetadata: extra", "a SETMETADATA INBOX (/private/x NIL) x\r\n",
        "ERR a SYNTAX @36 unexpected argument\nEND idle\n"),
    LOG("setmetadata: 8-bit quoted value without UTF-8", "a SETMETADATA INBOX (/private/x \"\xc3\xa9\")\r\n",
        "ERR a SYNTAX @33 8-bit character in quoted string\nEND idle\n"),
    {"setmetadata: UTF-8 quoted value (IG_OPT_UTF8)",
     S("a SETMETADATA INBOX (/private/x \"\xc3\xa9\")\r\n"),
     "a SETMETADATA INBOX (/private/x \"\\xc3\\xa9\")", NULL, IG_OPT_UTF8, 0},

    /* ==== limits (small_limits(): max_depth 2, max_items 6) ==== */
    {"max_depth N: option value one level deep", S("a GETMETADATA (X (a)) INBOX /shared/a\r\n"),
     "a GETMETADATA (X (a)) INBOX /shared/a", NULL, 0, 1},
    {"max_depth N+1: option value two levels deep", S("a GETMETADATA (X ((a))) INBOX /shared/a\r\nb NOOP\r\n"),
     NULL, "ERR a LIMIT @18 nesting too deep\nOK b NOOP @41+8\nEND idle\n", 0, 1},
    {"max_items N", S("a ENABLE A B C D E F\r\n"), "a ENABLE A B C D E F", NULL, 0, 1},
    {"max_items N+1", S("a ENABLE A B C D E F G\r\nb NOOP\r\n"), NULL,
     "ERR a LIMIT @21 too many arguments\nOK b NOOP @24+8\nEND idle\n", 0, 1},
    {"max_items counts SETQUOTA limits", S("a SETQUOTA r (A 1 B 2 C 3)\r\n"), NULL,
     "ERR a LIMIT @24 too many arguments\nEND idle\n", 0, 1},
    {"max_items counts ID NIL", S("a ID NIL\r\n"), "a ID NIL", NULL, 0, 1},

    /* ==== keywords end where atoms end ==== */
    OK1("SETQUOTAS is an unknown command (generic)", "a SETQUOTAS r ()\r\n", "a SETQUOTAS r ()"),
    OK1("ENABLE2 is an unknown command (generic)", "a ENABLE2 X\r\n", "a ENABLE2 X"),
};

static struct ig_limits small_limits(void)
{
    struct ig_limits lim;
    ig_limits_default(&lim);
    lim.max_depth = 2;
    lim.max_items = 6;
    return lim;
}

/* ---- direct checks of typed values ---- */

static unsigned char mem_a[1 << 20] __attribute__((aligned(16)));
static unsigned char mem_b[1 << 20] __attribute__((aligned(16)));

/* Parses in (one command, every literal accepted) with parser p; NULL if no command. */
static const struct ig_command *parse1(struct ig_parser *p, unsigned char *mem, const char *in,
                                       size_t len, uint32_t opts)
{
    return parse_first_n(p, mem, sizeof(mem_a), in, len, opts);
}


static void test_typed(void)
{
    struct ig_parser p;
    const struct ig_command *c;

    c = parse1(&p, mem_a, S("a ENABLE CONDSTORE AUTH=PLAIN\r\n"), 0);
    ok(c && c->typed && c->cmd == IG_CMD_ENABLE && c->u.enable.caps.n == 2 &&
           span_is(c->u.enable.caps.v[1], "AUTH=PLAIN") && c->ext == IG_EXT_ENABLE,
       "ENABLE: two capabilities as sent, IG_EXT_ENABLE only");

    c = parse1(&p, mem_a, S("a ID (\"name\" \"sodr\" \"os\" NIL)\r\n"), 0);
    ok(c && c->typed && !c->u.id.nil && c->u.id.n == 2 && span_is(c->u.id.v[0].field.v, "name") &&
           span_is(c->u.id.v[0].value.v, "sodr") && !c->u.id.v[0].value.nil &&
           c->u.id.v[1].value.nil && (c->ext & IG_EXT_ID),
       "ID: pairs, NIL value, IG_EXT_ID");
    c = parse1(&p, mem_a, S("a ID NIL\r\n"), 0);
    ok(c && c->typed && c->u.id.nil == 1 && c->u.id.n == 0, "ID NIL: nil = 1");
    c = parse1(&p, mem_a, S("a ID ()\r\n"), 0);
    ok(c && c->typed && c->u.id.nil == 0 && c->u.id.n == 0, "ID (): nil = 0, no pairs");

    c = parse1(&p, mem_a, S("a COMPRESS deflate\r\n"), 0);
    ok(c && c->typed && span_is(c->u.compress.algorithm, "deflate") && (c->ext & IG_EXT_COMPRESS),
       "COMPRESS: algorithm as sent, IG_EXT_COMPRESS");

    c = parse1(&p, mem_a, S("a SETQUOTA \"\" (STORAGE 9223372036854775807 x 0)\r\n"), 0);
    ok(c && c->typed && c->u.setquota.root.v.len == 0 && c->u.setquota.n == 2 &&
           span_is(c->u.setquota.v[0].resource, "STORAGE") &&
           c->u.setquota.v[0].limit == 9223372036854775807ull && c->u.setquota.v[1].limit == 0 &&
           (c->ext & IG_EXT_QUOTA),
       "SETQUOTA: empty root, number64 limit, IG_EXT_QUOTA");
    c = parse1(&p, mem_a, S("a GETQUOTA {3+}\r\nr t\r\n"), 0);
    ok(c && c->typed && span_is(c->u.getquota.root.v, "r t") && (c->ext & IG_EXT_LITERALPLUS),
       "GETQUOTA: literal root, IG_EXT_LITERALPLUS");

    c = parse1(&p, mem_a, S("a SETACL INBOX/Drafts Chris +cda\r\n"), 0);
    ok(c && c->typed && c->u.acl.op == 1 && span_is(c->u.acl.rights.v, "cda") &&
           span_is(c->u.acl.identifier.v, "Chris") && span_is(c->u.acl.mailbox.v, "INBOX/Drafts") &&
           (c->ext & IG_EXT_ACL),
       "SETACL +cda: op +1, rights cda");
    c = parse1(&p, mem_a, S("a SETACL INBOX fred \"-w\"\r\n"), 0);
    ok(c && c->typed && c->u.acl.op == -1 && span_is(c->u.acl.rights.v, "w"),
       "SETACL \"-w\": op -1, rights w");
    c = parse1(&p, mem_a, S("a SETACL INBOX fred lr\r\n"), 0);
    ok(c && c->typed && c->u.acl.op == 0 && span_is(c->u.acl.rights.v, "lr"), "SETACL lr: op 0");
    c = parse1(&p, mem_a, S("a LISTRIGHTS INBOX fred\r\n"), 0);
    ok(c && c->typed && c->cmd == IG_CMD_LISTRIGHTS && span_is(c->u.acl.identifier.v, "fred") &&
           c->u.acl.rights.v.len == 0 && c->u.acl.op == 0,
       "LISTRIGHTS: no rights");

    c = parse1(&p, mem_a,
               S("a GETMETADATA (DEPTH infinity X-FOO (a b) MAXSIZE 1024) \"\" (/shared/a /private/b)\r\n"),
               0);
    ok(c && c->typed && c->u.getmetadata.has_options && c->u.getmetadata.has_maxsize &&
           c->u.getmetadata.maxsize == 1024 && c->u.getmetadata.has_depth &&
           c->u.getmetadata.depth == 2 && c->u.getmetadata.other.n == 1 &&
           span_is(c->u.getmetadata.other.v[0].name, "X-FOO") &&
           c->u.getmetadata.other.v[0].has_value &&
           c->u.getmetadata.other.v[0].value.type == IG_ARG_LIST &&
           c->u.getmetadata.other.v[0].value.n == 2 && c->u.getmetadata.mailbox.v.len == 0 &&
           c->u.getmetadata.entries_list && c->u.getmetadata.entries.n == 2 &&
           span_is(c->u.getmetadata.entries.v[1].v, "/private/b") && (c->ext & IG_EXT_METADATA),
       "GETMETADATA: MAXSIZE, DEPTH infinity = 2, other option, server entries in a list");
    c = parse1(&p, mem_a, S("a GETMETADATA INBOX /shared/a\r\n"), 0);
    ok(c && c->typed && !c->u.getmetadata.has_options && !c->u.getmetadata.entries_list &&
           c->u.getmetadata.entries.n == 1,
       "GETMETADATA: no options, one bare entry");

    c = parse1(&p, mem_a, S("a SETMETADATA INBOX (/private/x ~{3}\r\na\0b /shared/y NIL)\r\n"), 0);
    ok(c && c->typed && c->u.setmetadata.n == 2 && c->u.setmetadata.v[0].value.v.len == 3 &&
           c->u.setmetadata.v[0].value.v.ptr[1] == 0 &&
           c->u.setmetadata.v[0].value.form == IG_FORM_LITERAL8 &&
           span_is(c->u.setmetadata.v[1].entry.v, "/shared/y") && c->u.setmetadata.v[1].value.nil &&
           (c->ext & IG_EXT_BINARY) && (c->ext & IG_EXT_METADATA),
       "SETMETADATA: literal8 value with NUL, NIL value, IG_EXT_BINARY");
}

/* ---- equality: values, not spellings ---- */

static int same(const char *a, size_t alen, const char *b, size_t blen)
{
    struct ig_parser pa, pb;
    const struct ig_command *x = parse1(&pa, mem_a, a, alen, 0);
    const struct ig_command *y = parse1(&pb, mem_b, b, blen, 0);
    return x && y && ig_command_equal(x, y);
}

#define SAME(a, b) same(S(a), S(b))

static void test_equal(void)
{
    ok(SAME("a ENABLE CONDSTORE\r\n", "a enable condstore\r\n"), "ENABLE: capability case ignored");
    ok(!SAME("a ENABLE CONDSTORE\r\n", "a ENABLE QRESYNC\r\n"), "ENABLE: other capability differs");
    ok(SAME("a ID (\"NAME\" \"x\")\r\n", "a ID ({4+}\r\nname \"x\")\r\n"), "ID: field case ignored");
    ok(!SAME("a ID (\"name\" \"X\")\r\n", "a ID (\"name\" \"x\")\r\n"), "ID: value case kept");
    ok(!SAME("a ID NIL\r\n", "a ID ()\r\n"), "ID: NIL is not ()");
    ok(SAME("a COMPRESS deflate\r\n", "a COMPRESS DEFLATE\r\n"), "COMPRESS: case ignored");
    ok(!SAME("a GETQUOTA r\r\n", "a GETQUOTA R\r\n"), "GETQUOTA: root case kept");
    ok(!SAME("a GETQUOTA inbox\r\n", "a GETQUOTA INBOX\r\n"), "GETQUOTA: the root is no mailbox");
    ok(SAME("a SETQUOTA r (storage 1)\r\n", "a SETQUOTA \"r\" (STORAGE 1)\r\n"),
       "SETQUOTA: resource case ignored");
    ok(!SAME("a SETQUOTA r (STORAGE 1)\r\n", "a SETQUOTA r (STORAGE 2)\r\n"), "SETQUOTA: limit");
    ok(SAME("a SETACL inbox fred +l\r\n", "a SETACL INBOX \"fred\" \"+l\"\r\n"),
       "SETACL: INBOX case ignored, forms ignored");
    ok(!SAME("a SETACL INBOX fred +l\r\n", "a SETACL INBOX fred l\r\n"), "SETACL: +l is not l");
    ok(!SAME("a SETACL INBOX fred l\r\n", "a SETACL INBOX Fred l\r\n"), "SETACL: identifier case kept");
    ok(!SAME("a DELETEACL INBOX fred\r\n", "a LISTRIGHTS INBOX fred\r\n"), "DELETEACL is not LISTRIGHTS");
    ok(SAME("a GETMETADATA (MAXSIZE 1 DEPTH 1) inbox /SHARED/A\r\n",
            "a GETMETADATA (depth 1 maxsize 1) INBOX /shared/a\r\n"),
       "GETMETADATA: option order, INBOX and entry case ignored");
    ok(!SAME("a GETMETADATA INBOX (/shared/a)\r\n", "a GETMETADATA INBOX /shared/a\r\n"),
       "GETMETADATA: parentheses kept");
    ok(!SAME("a GETMETADATA (DEPTH 0) INBOX /shared/a\r\n", "a GETMETADATA INBOX /shared/a\r\n"),
       "GETMETADATA: DEPTH 0 is not the default");
    ok(SAME("a SETMETADATA INBOX (/shared/a ~{1+}\r\nx)\r\n", "a SETMETADATA INBOX (/shared/a \"x\")\r\n"),
       "SETMETADATA: literal8 and quoted values compare by value");
    ok(!SAME("a SETMETADATA INBOX (/shared/a \"\")\r\n", "a SETMETADATA INBOX (/shared/a NIL)\r\n"),
       "SETMETADATA: empty string is not NIL");
}

/* ---- emit refuses what would not parse back ---- */

static size_t emit(const struct ig_command *c)
{
    static unsigned char out[4096];
    return ig_command_emit(c, 0, out, sizeof(out));
}

static void test_emit_refuses(void)
{
    struct ig_parser p;
    struct ig_command c;
    const struct ig_command *pc;
    struct ig_str e;
    struct ig_span sp;

    pc = parse1(&p, mem_a, S("a ENABLE X\r\n"), 0);
    c = *pc;
    c.u.enable.caps.n = 0;
    ok(emit(&c) == (size_t)-1, "ENABLE without capabilities refused");
    sp.ptr = (const unsigned char *)"A B";
    sp.len = 3;
    c.u.enable.caps.n = 1;
    c.u.enable.caps.v = &sp;
    ok(emit(&c) == (size_t)-1, "ENABLE capability with a space refused");

    pc = parse1(&p, mem_a, S("a SETACL INBOX fred l\r\n"), 0);
    c = *pc;
    c.u.acl.rights.v.ptr = (const unsigned char *)"lR";
    c.u.acl.rights.v.len = 2;
    ok(emit(&c) == (size_t)-1, "SETACL upper-case right refused");
    c.u.acl.rights.v.len = 1;
    c.u.acl.op = 2;
    ok(emit(&c) == (size_t)-1, "SETACL op out of range refused");
    c.u.acl.op = 0;
    c.u.acl.identifier.v.ptr = (const unsigned char *)"\xff";
    c.u.acl.identifier.v.len = 1;
    ok(emit(&c) == (size_t)-1, "SETACL identifier not UTF-8 refused");

    pc = parse1(&p, mem_a, S("a GETMETADATA INBOX /shared/a\r\n"), 0);
    c = *pc;
    e.v.ptr = (const unsigned char *)"/shared/a*";
    e.v.len = 10;
    e.form = IG_FORM_QUOTED;
    e.nil = 0;
    c.u.getmetadata.entries.v = &e;
    ok(emit(&c) == (size_t)-1, "GETMETADATA invalid entry name refused");
    c = *pc;
    c.u.getmetadata.has_depth = 1;
    c.u.getmetadata.depth = 3;
    ok(emit(&c) == (size_t)-1, "GETMETADATA DEPTH 3 refused");
    c = *pc;
    c.u.getmetadata.entries.n = 0;
    ok(emit(&c) == (size_t)-1, "GETMETADATA without entries refused");

    pc = parse1(&p, mem_a, S("a SETMETADATA INBOX (/shared/a NIL)\r\n"), 0);
    c = *pc;
    c.u.setmetadata.n = 0;
    ok(emit(&c) == (size_t)-1, "SETMETADATA without values refused");

    pc = parse1(&p, mem_a, S("a ID (\"a\" \"b\")\r\n"), 0);
    c = *pc;
    c.u.id.nil = 1;
    ok(emit(&c) == (size_t)-1, "ID NIL with pairs refused");
}

/* The arena: a capability is a 16-byte span on 64-bit targets; 16 fit in 256 bytes. */
static void test_arena(void)
{
    struct ig_limits lim;
    ig_limits_default(&lim);
    lim.arena = 256;
    lim.max_sasl_line = 64;
    struct run_cfg cfg = {&lim, 0, 0, 0, 0};
    char *got = run_all_ways(&cfg, S("a ENABLE A B C D E F G H I J K L M N O P\r\nb NOOP\r\n"));
    is_str(got, "OK a ENABLE A B C D E F G H I J K L M N O P @0+42\nOK b NOOP @42+8\nEND idle\n",
           "arena N: 16 capabilities");
    free(got);
    got = run_all_ways(&cfg, S("a ENABLE A B C D E F G H I J K L M N O P Q\r\nb NOOP\r\n"));
    is_str(got, "ERR a NOMEM @41 command too complex (arena full)\nOK b NOOP @44+8\nEND idle\n",
           "arena N+1: 17 capabilities");
    free(got);
}

int main(int argc, char **argv)
{
    const char *seeds = seed_dir_arg(argc, argv);
    struct ig_limits small = small_limits();
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct tcase *c = &cases[i];
        struct run_cfg cfg = {c->small ? &small : NULL, c->options, 0, 0, 0};
        if (seeds) {
            dump_seed(seeds, c->name, &cfg, c->in, c->inlen);
            continue;
        }
        char want[8192];
        if (c->want == NULL)
            snprintf(want, sizeof(want), "OK %s @0+%zu\nEND idle\n", c->canon ? c->canon : "?",
                     c->inlen);
        char *got = run_all_ways(&cfg, c->in, c->inlen);
        is_str(got, c->want ? c->want : want, c->name);
        free(got);
    }
    if (seeds)
        return 0;
    test_arena();
    test_typed();
    test_equal();
    test_emit_refuses();
    return done();
}
