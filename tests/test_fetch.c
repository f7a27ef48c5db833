/*
 * test_fetch.c - FETCH, UID FETCH, STORE, UID STORE (parser/cmd_fetch.c): every client
 * example of the RFCs for these commands with its canonical form, the negative cases of
 * each rule, limits at N and N+1, the typed values of a few commands, and emit / equal
 * on hand-built commands. Every table case runs whole, byte by byte and split at every
 * offset against guard pages, and every accepted command goes through emit -> parse ->
 * equal (tests/harness.c).
 */
#include "harness.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(x) x, sizeof(x) - 1

/* A case expects either one accepted command (canon: its canonical form, unescaped) or
 * one rejected command (at, reason, code), or, when want is set, exactly that log. */
struct fcase {
    const char *name;
    const char *in;
    size_t inlen;
    const char *canon;
    int at;
    const char *reason;
    const char *want;
    const char *code; /* NULL: SYNTAX */
};

#define OKC(name, in, canon) {name, S(in), canon, 0, NULL, NULL, NULL}
#define ERR(name, in, at, reason) {name, S(in), NULL, at, reason, NULL, NULL}
#define ERRC(name, in, at, code, reason) {name, S(in), NULL, at, reason, NULL, code}
#define LOG(name, in, want) {name, S(in), NULL, 0, NULL, want, NULL}

static const struct fcase cases[] = {
    /* ---- RFC examples ("C:" lines; wrapped lines joined) ---- */
    OKC("RFC 2177 §3 / RFC 9051 §6.3.13 A003", "A003 FETCH 4 ALL\r\n", "A003 FETCH 4 ALL"),
    OKC("RFC 2177 §3 / RFC 9051 §6.3.13 A005", "A005 FETCH 3 ALL\r\n", "A005 FETCH 3 ALL"),
    OKC("RFC 3501 §6.4.5 / RFC 9051 §6.4.5 A654",
        "A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])\r\n",
        "A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])"),
    OKC("RFC 3501 §6.4.6 / RFC 9051 §6.4.6 A003", "A003 STORE 2:4 +FLAGS (\\Deleted)\r\n",
        "A003 STORE 2:4 +FLAGS (\\Deleted)"),
    OKC("RFC 3501 §6.4.8 / RFC 9051 §6.4.9 A999", "A999 UID FETCH 4827313:4828442 FLAGS\r\n",
        "A999 UID FETCH 4827313:4828442 FLAGS"),
    OKC("RFC 3501 §8 / RFC 9051 §8 a003", "a003 fetch 12 full\r\n", "a003 FETCH 12 FULL"),
    OKC("RFC 3501 §8 / RFC 9051 §8 a004", "a004 fetch 12 body[header]\r\n",
        "a004 FETCH 12 BODY[HEADER]"),
    OKC("RFC 3501 §8 / RFC 9051 §8 a005", "a005 store 12 +flags \\deleted\r\n",
        "a005 STORE 12 +FLAGS \\Deleted"),
    OKC("RFC 4314 §4 A004", "A004 FETCH 1:3 (FLAGS)\r\n", "A004 FETCH 1:3 (FLAGS)"),
    OKC("RFC 4314 §4 A007", "A007 FETCH 77:79 (FLAGS)\r\n", "A007 FETCH 77:79 (FLAGS)"),
    OKC("RFC 7162 §3.1.3 a103", "a103 UID STORE 6,4,8 (UNCHANGEDSINCE 12121230045) "
        "+FLAGS.SILENT (\\Deleted)\r\n",
        "a103 UID STORE 6,4,8 (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted)"),
    OKC("RFC 7162 §3.1.3 a104", "a104 STORE * (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT "
        "(\\Deleted $Processed)\r\n",
        "a104 STORE * (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted $Processed)"),
    OKC("RFC 7162 §3.1.3 c101", "c101 STORE 50 (UNCHANGEDSINCE 12121230045) -FLAGS.SILENT "
        "(\\Deleted)\r\n",
        "c101 STORE 50 (UNCHANGEDSINCE 12121230045) -FLAGS.SILENT (\\Deleted)"),
    OKC("RFC 7162 §3.1.3 d105", "d105 STORE 7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT "
        "(\\Deleted)\r\n",
        "d105 STORE 7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)"),
    OKC("RFC 7162 §3.1.3 a102 (UNCHANGEDSINCE 0)", "a102 STORE 12 (UNCHANGEDSINCE 0) "
        "+FLAGS.SILENT ($MDNSent)\r\n",
        "a102 STORE 12 (UNCHANGEDSINCE 0) +FLAGS.SILENT ($MDNSent)"),
    OKC("RFC 7162 §3.1.3 a106", "a106 STORE 100:150 (UNCHANGEDSINCE 212030000000) "
        "+FLAGS.SILENT ($Processed)\r\n",
        "a106 STORE 100:150 (UNCHANGEDSINCE 212030000000) +FLAGS.SILENT ($Processed)"),
    OKC("RFC 7162 §3.1.3 b108", "b108 STORE 101 (UNCHANGEDSINCE 303011130956) "
        "+FLAGS.SILENT ($Processed)\r\n",
        "b108 STORE 101 (UNCHANGEDSINCE 303011130956) +FLAGS.SILENT ($Processed)"),
    OKC("RFC 7162 §3.1.3 B001", "B001 STORE 1:7 (UNCHANGEDSINCE 320172338) +FLAGS (\\SEEN)\r\n",
        "B001 STORE 1:7 (UNCHANGEDSINCE 320172338) +FLAGS (\\Seen)"),
    OKC("RFC 7162 §3.1.3 b003", "b003 STORE 2 (UNCHANGEDSINCE 320172340) +FLAGS (\\Seen)\r\n",
        "b003 STORE 2 (UNCHANGEDSINCE 320172340) +FLAGS (\\Seen)"),
    OKC("RFC 7162 §3.1.4.1 s100", "s100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)\r\n",
        "s100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)"),
    OKC("RFC 7162 §3.1.5 a", "a FETCH 1:3 (MODSEQ)\r\n", "a FETCH 1:3 (MODSEQ)"),
    OKC("RFC 7162 §3.1.8 A160", "A160 STORE 7 +FLAGS.SILENT (\\Deleted)\r\n",
        "A160 STORE 7 +FLAGS.SILENT (\\Deleted)"),
    OKC("RFC 7162 §3.1.8 A240", "A240 STORE 7 +FLAGS.SILENT (\\Seen)\r\n",
        "A240 STORE 7 +FLAGS.SILENT (\\Seen)"),
    OKC("RFC 7162 §3.1.8 A330", "A330 STORE 7 -FLAGS.SILENT (\\Answered \\Seen)\r\n",
        "A330 STORE 7 -FLAGS.SILENT (\\Answered \\Seen)"),
    OKC("RFC 7162 §3.2.6 s100 without VANISHED",
        "s100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345)\r\n",
        "s100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345)"),
    OKC("RFC 7162 §3.2.6 s100 VANISHED",
        "s100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)\r\n",
        "s100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)"),
    OKC("RFC 7162 §3.2.10.2 A150", "A150 STORE 1:2 (UNCHANGEDSINCE 96) +FLAGS.SILENT \\Seen\r\n",
        "A150 STORE 1:2 (UNCHANGEDSINCE 96) +FLAGS.SILENT \\Seen"),
    OKC("RFC 7162 §3.2.10.2 A151", "A151 STORE 3 +FLAGS.SILENT \\Seen\r\n",
        "A151 STORE 3 +FLAGS.SILENT \\Seen"),
    OKC("RFC 8438 §5 A03", "A03 FETCH 1:* (RFC822.SIZE)\r\n", "A03 FETCH 1:* (RFC822.SIZE)"),
    OKC("RFC 8474 §7 22", "22 fetch 1:* (emailid threadid)\r\n",
        "22 FETCH 1:* (EMAILID THREADID)"),
    OKC("RFC 8474 §7 24", "24 fetch 1:* (emailid threadid)\r\n",
        "24 FETCH 1:* (EMAILID THREADID)"),
    OKC("RFC 8474 §7 26", "26 fetch 1:* (emailid threadid)\r\n",
        "26 FETCH 1:* (EMAILID THREADID)"),
    OKC("RFC 9051 §6.4.4.1 A283", "A283 FETCH $ (UID INTERNALDATE FLAGS BODY.PEEK[HEADER])\r\n",
        "A283 FETCH $ (UID INTERNALDATE FLAGS BODY.PEEK[HEADER])"),
    OKC("RFC 9051 §6.4.4.1 F284", "F284 STORE $ +FLAGS.Silent (\\Deleted)\r\n",
        "F284 STORE $ +FLAGS.SILENT (\\Deleted)"),

    /* ---- canonical forms ---- */
    OKC("brief example stays", "a FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>)\r\n",
        "a FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>)"),
    OKC("lower case", "a fetch 2 body[text]\r\n", "a FETCH 2 BODY[TEXT]"),
    OKC("every item, lower case",
        "a uid fetch 1:* (envelope flags internaldate rfc822.size body bodystructure uid "
        "body[] body.peek[1.2.3] binary[] binary.peek[1]<0.1> binary.size[2.3] rfc822 "
        "rfc822.header rfc822.text modseq emailid threadid)\r\n",
        "a UID FETCH 1:* (ENVELOPE FLAGS INTERNALDATE RFC822.SIZE BODY BODYSTRUCTURE UID "
        "BODY[] BODY.PEEK[1.2.3] BINARY[] BINARY.PEEK[1]<0.1> BINARY.SIZE[2.3] RFC822 "
        "RFC822.HEADER RFC822.TEXT MODSEQ EMAILID THREADID)"),
    OKC("every section text", "a FETCH 1 (BODY[HEADER] BODY[TEXT] BODY[1.HEADER] BODY[1.TEXT] "
        "BODY[1.MIME] BODY[2.1.HEADER.FIELDS (X)] BODY[HEADER.FIELDS.NOT (Y Z)] "
        "BODY[3.HEADER.FIELDS.NOT (W)])\r\n",
        "a FETCH 1 (BODY[HEADER] BODY[TEXT] BODY[1.HEADER] BODY[1.TEXT] BODY[1.MIME] "
        "BODY[2.1.HEADER.FIELDS (X)] BODY[HEADER.FIELDS.NOT (Y Z)] "
        "BODY[3.HEADER.FIELDS.NOT (W)])"),
    OKC("macro FAST", "a FETCH 1 fast\r\n", "a FETCH 1 FAST"),
    OKC("macro with modifiers", "a FETCH 1:* ALL (CHANGEDSINCE 7)\r\n",
        "a FETCH 1:* ALL (CHANGEDSINCE 7)"),
    OKC("single item unparenthesized", "a FETCH 1 BODY.PEEK[1]<10.20>\r\n",
        "a FETCH 1 BODY.PEEK[1]<10.20>"),
    OKC("BODY without section is the structure", "a FETCH 1 body\r\n", "a FETCH 1 BODY"),
    OKC("BODYSTRUCTURE alone", "a FETCH 1 BODYSTRUCTURE\r\n", "a FETCH 1 BODYSTRUCTURE"),
    OKC("largest part number", "a FETCH 1 BODY[4294967295.1]\r\n",
        "a FETCH 1 BODY[4294967295.1]"),
    OKC("deep part number", "a FETCH 1 BODY[1.2.3.4.5.6.7.8.9.10.11.12.MIME]\r\n",
        "a FETCH 1 BODY[1.2.3.4.5.6.7.8.9.10.11.12.MIME]"),
    OKC("largest partial (number64)",
        "a FETCH 1 BODY[]<9223372036854775807.9223372036854775807>\r\n",
        "a FETCH 1 BODY[]<9223372036854775807.9223372036854775807>"),
    OKC("partial offset with leading zeros", "a FETCH 1 BODY[]<007.10>\r\n",
        "a FETCH 1 BODY[]<7.10>"),
    OKC("header names quoted", "a FETCH 1 BODY[HEADER.FIELDS (\"X Y\" \"\" date)]\r\n",
        "a FETCH 1 BODY[HEADER.FIELDS (\"X Y\" \"\" date)]"),
    OKC("header name quoted as atom", "a FETCH 1 BODY[HEADER.FIELDS (\"Subject\")]\r\n",
        "a FETCH 1 BODY[HEADER.FIELDS (Subject)]"),
    OKC("header names starting with ~", "a FETCH 1 BODY[HEADER.FIELDS (~ ~x x~)]\r\n",
        "a FETCH 1 BODY[HEADER.FIELDS (~ ~x x~)]"),
    OKC("header name with ] is an astring", "a FETCH 1 BODY[HEADER.FIELDS (A])]\r\n",
        "a FETCH 1 BODY[HEADER.FIELDS (A])]"),
    LOG("header name as a literal", "a FETCH 1 BODY[HEADER.FIELDS ({4}\r\nDATE)]\r\n",
        "LIT a 4 arg @30\nOK a FETCH 1 BODY[HEADER.FIELDS (DATE)] @0+43\nEND idle\n"),
    OKC("header name as a nonsync literal with a space",
        "a FETCH 1 BODY[HEADER.FIELDS ({3+}\r\na b)]\r\n",
        "a FETCH 1 BODY[HEADER.FIELDS (\"a b\")]"),
    OKC("modifiers in any order", "a UID FETCH 1 FLAGS (VANISHED x-y CHANGEDSINCE 0042 z 1:5)\r\n",
        "a UID FETCH 1 FLAGS (CHANGEDSINCE 42 VANISHED x-y z 1:5)"),
    OKC("other modifiers with values", "a FETCH 1 (UID) (X-A 1,3:*,$ B () C (d (e \"f g\")) D)\r\n",
        "a FETCH 1 (UID) (X-A 1,3:*,$ B () C (d (e \"f g\")) D)"),
    OKC("NIL inside a modifier value", "a FETCH 1 FLAGS (X (nil \"NIL\" (NIL)))\r\n",
        "a FETCH 1 FLAGS (X (NIL \"NIL\" (NIL)))"),
    OKC("UNCHANGEDSINCE in FETCH is a generic modifier", "a FETCH 1 FLAGS (UNCHANGEDSINCE 5)\r\n",
        "a FETCH 1 FLAGS (UNCHANGEDSINCE 5)"),
    OKC("largest CHANGEDSINCE", "a FETCH 1 FLAGS (changedsince 9223372036854775807)\r\n",
        "a FETCH 1 FLAGS (CHANGEDSINCE 9223372036854775807)"),
    OKC("store replace", "a STORE 1 FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)\r\n",
        "a STORE 1 FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)"),
    OKC("store empty flag list", "a STORE 1:* FLAGS ()\r\n", "a STORE 1:* FLAGS ()"),
    OKC("store lower case", "a uid store 1 -flags.silent (\\seen $junk NonJunk)\r\n",
        "a UID STORE 1 -FLAGS.SILENT (\\Seen $junk NonJunk)"),
    OKC("store FLAGS.SILENT bare", "a STORE 1 FLAGS.SILENT \\Seen $Junk\r\n",
        "a STORE 1 FLAGS.SILENT \\Seen $Junk"),
    OKC("store flag-extension", "a STORE 1 +FLAGS (\\X-Ext)\r\n", "a STORE 1 +FLAGS (\\X-Ext)"),
    OKC("store \\Recent is a flag (named so a server can refuse it)",
        "a STORE 1 +FLAGS (\\recent)\r\n", "a STORE 1 +FLAGS (\\Recent)"),
    OKC("store other modifiers", "a STORE 1 (CHANGEDSINCE 5 X (1 2)) FLAGS ()\r\n",
        "a STORE 1 (CHANGEDSINCE 5 X (1 2)) FLAGS ()"),
    OKC("store UNCHANGEDSINCE and others", "a STORE 1 (Y UNCHANGEDSINCE 00 Z) FLAGS ()\r\n",
        "a STORE 1 (UNCHANGEDSINCE 0 Y Z) FLAGS ()"),

    /* ---- FETCH: sequence set and item list ---- */
    ERR("fetch without arguments", "a FETCH\r\n", 7, "sequence set missing"),
    ERR("fetch without items", "a FETCH 1\r\n", 9, "fetch attributes missing"),
    ERR("fetch with trailing space", "a FETCH 1 \r\n", 10, "missing argument"),
    ERR("fetch two spaces", "a FETCH 1  FLAGS\r\n", 10, "unexpected space"),
    ERR("fetch set 0", "a FETCH 0 FLAGS\r\n", 8, "message number 0 is not valid"),
    ERR("fetch set out of range", "a FETCH 1:4294967296 FLAGS\r\n", 10, "number out of range"),
    ERR("fetch set bad", "a FETCH x FLAGS\r\n", 8, "sequence set expected"),
    ERR("fetch empty list", "a FETCH 1 ()\r\n", 11, "fetch attribute list is empty"),
    ERR("fetch unbalanced", "a FETCH 1 (FLAGS\r\n", 16, "unbalanced parenthesis"),
    ERR("fetch unbalanced after two", "a FETCH 1 (FLAGS UID\r\n", 20, "unbalanced parenthesis"),
    ERR("fetch space before )", "a FETCH 1 (FLAGS )\r\n", 16, "unexpected space"),
    ERR("fetch space after (", "a FETCH 1 ( FLAGS)\r\n", 11, "unexpected space"),
    ERR("fetch two spaces in list", "a FETCH 1 (FLAGS  UID)\r\n", 17, "unexpected space"),
    ERR("fetch extra )", "a FETCH 1 (FLAGS))\r\n", 17, "unexpected character"),
    ERR("fetch items without parentheses", "a FETCH 1 FLAGS UID\r\n", 15, "unexpected argument"),
    ERR("fetch nested list", "a FETCH 1 ((FLAGS))\r\n", 11, "fetch attributes cannot nest"),
    ERR("fetch unknown item", "a FETCH 1 FOO\r\n", 10, "invalid fetch attribute"),
    ERR("fetch item runs on", "a FETCH 1 FLAGSX\r\n", 10, "invalid fetch attribute"),
    ERR("fetch item then (", "a FETCH 1 FLAGS(UID)\r\n", 10, "invalid fetch attribute"),
    ERR("fetch RFC822.SIZES", "a FETCH 1 (RFC822.SIZES)\r\n", 11, "invalid fetch attribute"),
    ERR("fetch quoted item", "a FETCH 1 \"FLAGS\"\r\n", 10, "invalid fetch attribute"),
    ERR("fetch 8-bit item", "a FETCH 1 FL\xc3\xa9GS\r\n", 10, "invalid fetch attribute"),
    ERR("fetch NUL", "a FETCH 1 \0FLAGS\r\n", 10, "NUL byte outside a literal"),
    ERR("fetch 8-bit first", "a FETCH 1 \xc3\xa9\r\n", 10,
        "8-bit byte outside a literal or quoted string"),
    ERR("fetch ALL in a list", "a FETCH 1 (FLAGS ALL)\r\n", 17,
        "ALL, FAST and FULL cannot be in a list"),
    ERR("fetch ALL then item", "a FETCH 1 ALL FLAGS\r\n", 13, "unexpected argument"),
    ERR("fetch ALLX", "a FETCH 1 ALLX\r\n", 10, "invalid fetch attribute"),
    ERR("fetch literal item", "a FETCH 1 {5}\r\n", 10, "invalid fetch attribute"),

    /* ---- FETCH: sections ---- */
    ERR("section part 0", "a FETCH 1 BODY[0]\r\n", 15, "section part must not be 0"),
    ERR("section part 0 later", "a FETCH 1 BODY.PEEK[1.0.HEADER]\r\n", 22,
        "section part must not be 0"),
    ERR("section part leading zero", "a FETCH 1 BODY[01]\r\n", 15, "section part must not be 0"),
    ERR("section part out of range", "a FETCH 1 BODY[1.4294967296]\r\n", 17,
        "number out of range"),
    ERR("section MIME without part", "a FETCH 1 BODY[MIME]\r\n", 15, "MIME needs a part number"),
    ERR("section HEADER.FIELDS without list", "a FETCH 1 BODY[HEADER.FIELDS]\r\n", 28,
        "header list expected"),
    ERR("section HEADER.FIELDS.NOT without space", "a FETCH 1 BODY[1.HEADER.FIELDS.NOT(A)]\r\n",
        34, "header list expected"),
    ERR("section HEADER.FIELDS list not in parentheses", "a FETCH 1 BODY[HEADER.FIELDS A]\r\n",
        28, "header list expected"),
    ERR("section empty header list", "a FETCH 1 BODY[HEADER.FIELDS ()]\r\n", 30,
        "header list is empty"),
    ERR("section header list unbalanced", "a FETCH 1 BODY[HEADER.FIELDS (A B]\r\n", 34,
        "unbalanced parenthesis"),
    ERR("section header list without ]", "a FETCH 1 BODY[HEADER.FIELDS (A)\r\n", 32,
        "expected ']'"),
    ERR("section header list space before )", "a FETCH 1 BODY[HEADER.FIELDS (A )]\r\n", 31,
        "unexpected space"),
    ERR("section header list space after (", "a FETCH 1 BODY[HEADER.FIELDS ( A)]\r\n", 30,
        "unexpected space"),
    ERR("section header list nested", "a FETCH 1 BODY[HEADER.FIELDS ((A))]\r\n", 30,
        "invalid character in string"),
    ERR("section header name literal8", "a FETCH 1 BODY[HEADER.FIELDS (~{1+}\r\nA)]\r\n", 30,
        "literal8 is not allowed here"),
    ERR("section unknown text", "a FETCH 1 BODY[FOO]\r\n", 15, "invalid section"),
    ERR("section unterminated after part", "a FETCH 1 BODY[1\r\n", 16, "expected ']'"),
    ERR("section dot then ]", "a FETCH 1 BODY[1.]\r\n", 17, "invalid section"),
    ERR("section TEXT unterminated", "a FETCH 1 BODY[TEXT\r\n", 19, "expected ']'"),
    ERR("section TEXT runs on", "a FETCH 1 BODY[TEXTS]\r\n", 19, "expected ']'"),
    ERR("section space inside", "a FETCH 1 BODY[ 1]\r\n", 15, "invalid section"),
    ERR("section HEADER.NOT", "a FETCH 1 BODY[HEADER.NOT (A)]\r\n", 21, "expected ']'"),
    ERR("section after section", "a FETCH 1 BODY[][]\r\n", 16, "unexpected character"),
    ERR("BODY.PEEK without section", "a FETCH 1 BODY.PEEK\r\n", 19, "BODY.PEEK needs a section"),
    ERR("BODY.PEEK without section in list", "a FETCH 1 (BODY.PEEK FLAGS)\r\n", 20,
        "BODY.PEEK needs a section"),
    ERR("BINARY without section", "a FETCH 1 BINARY\r\n", 16, "BINARY needs a section"),
    ERR("BINARY.SIZE without section", "a FETCH 1 (BINARY.SIZE)\r\n", 17, "BINARY needs a section"),
    ERR("BINARY with text", "a FETCH 1 BINARY[HEADER]\r\n", 17, "invalid binary section"),
    ERR("BINARY with MIME", "a FETCH 1 BINARY.PEEK[1.MIME]\r\n", 24, "invalid binary section"),
    ERR("BINARY part 0", "a FETCH 1 BINARY[0]\r\n", 17, "section part must not be 0"),
    ERR("BINARY unterminated", "a FETCH 1 BINARY[1\r\n", 18, "expected ']'"),

    /* ---- FETCH: partial ---- */
    ERR("partial length 0", "a FETCH 1 BODY[]<0.0>\r\n", 19, "partial length must not be 0"),
    ERR("partial without length", "a FETCH 1 BODY[]<0>\r\n", 18, "invalid partial"),
    ERR("partial unterminated", "a FETCH 1 BODY[]<0.10\r\n", 21, "invalid partial"),
    ERR("partial empty", "a FETCH 1 BODY[]<>\r\n", 17, "invalid partial"),
    ERR("partial offset out of range", "a FETCH 1 BODY[]<9223372036854775808.1>\r\n", 17,
        "number out of range"),
    ERR("partial length out of range", "a FETCH 1 BODY[]<0.9223372036854775808>\r\n", 19,
        "number out of range"),
    ERR("partial negative", "a FETCH 1 BODY[]<-1.5>\r\n", 17, "invalid partial"),
    ERR("partial twice", "a FETCH 1 BODY[]<0.1><0.1>\r\n", 21, "unexpected character"),
    ERR("partial on BINARY.SIZE", "a FETCH 1 BINARY.SIZE[1]<0.1>\r\n", 24,
        "BINARY.SIZE takes no partial"),
    ERR("partial without section", "a FETCH 1 BODY<0.1>\r\n", 14, "partial needs a section"),
    ERR("partial on RFC822", "a FETCH 1 (RFC822<0.1>)\r\n", 17, "partial needs a section"),

    /* ---- FETCH: modifiers ---- */
    ERR("modifier list empty", "a FETCH 1 FLAGS ()\r\n", 17, "modifier list is empty"),
    ERR("modifier list unbalanced", "a FETCH 1 FLAGS (X\r\n", 18, "unbalanced parenthesis"),
    ERR("modifier space before )", "a FETCH 1 FLAGS (X )\r\n", 18, "unexpected space"),
    ERR("modifier bad label", "a FETCH 1 FLAGS (1X)\r\n", 17, "invalid modifier"),
    ERR("modifier label runs into atom chars", "a FETCH 1 FLAGS (X+Y)\r\n", 18,
        "invalid modifier"),
    ERR("modifier after two spaces", "a FETCH 1 FLAGS  (X)\r\n", 15, "unexpected argument"),
    ERR("argument after modifiers", "a FETCH 1 FLAGS (X) Y\r\n", 19, "unexpected argument"),
    ERR("CHANGEDSINCE 0", "a FETCH 1 FLAGS (CHANGEDSINCE 0)\r\n", 30,
        "mod-sequence value must not be 0"),
    ERR("CHANGEDSINCE without value", "a FETCH 1 FLAGS (CHANGEDSINCE)\r\n", 29,
        "CHANGEDSINCE needs a mod-sequence value"),
    ERR("CHANGEDSINCE with a word", "a FETCH 1 FLAGS (CHANGEDSINCE x)\r\n", 30,
        "CHANGEDSINCE needs a mod-sequence value"),
    ERR("CHANGEDSINCE out of range", "a FETCH 1 FLAGS (CHANGEDSINCE 9223372036854775808)\r\n", 30,
        "number out of range"),
    ERR("CHANGEDSINCE with a set", "a FETCH 1 FLAGS (CHANGEDSINCE 1:2)\r\n", 31, "expected space"),
    ERR("CHANGEDSINCE twice", "a FETCH 1 FLAGS (CHANGEDSINCE 1 changedsince 2)\r\n", 32,
        "modifier given twice"),
    ERR("VANISHED in FETCH", "a FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED)\r\n", 32,
        "VANISHED is only valid in UID FETCH"),
    ERR("VANISHED without CHANGEDSINCE", "a UID FETCH 1 FLAGS (VANISHED)\r\n", 21,
        "VANISHED needs CHANGEDSINCE"),
    ERR("VANISHED with a value", "a UID FETCH 1 FLAGS (VANISHED 1 CHANGEDSINCE 2)\r\n", 30,
        "VANISHED takes no value"),
    ERR("VANISHED twice", "a UID FETCH 1 FLAGS (CHANGEDSINCE 2 VANISHED VANISHED)\r\n", 45,
        "modifier given twice"),
    ERR("modifier value unbalanced", "a FETCH 1 FLAGS (X (a b)\r\n", 24, "unbalanced parenthesis"),

    /* ---- STORE ---- */
    ERR("store without arguments", "a STORE\r\n", 7, "sequence set missing"),
    ERR("store without operation", "a STORE 1\r\n", 9, "store attribute missing"),
    ERR("store without flags", "a STORE 1 FLAGS\r\n", 15, "flags missing"),
    ERR("store trailing space", "a STORE 1 +FLAGS \r\n", 17, "missing argument"),
    ERR("store trailing space after flag", "a STORE 1 FLAGS \\Seen \r\n", 22, "missing argument"),
    ERR("store two spaces", "a STORE 1  FLAGS ()\r\n", 10, "unexpected space"),
    ERR("store bad operation", "a STORE 1 XFLAGS (\\Seen)\r\n", 10,
        "expected FLAGS, +FLAGS or -FLAGS"),
    ERR("store operation runs on", "a STORE 1 +FLAGSX (\\Seen)\r\n", 10,
        "expected FLAGS, +FLAGS or -FLAGS"),
    ERR("store .SILENT runs on", "a STORE 1 +FLAGS.SILENTLY (\\Seen)\r\n", 10,
        "expected FLAGS, +FLAGS or -FLAGS"),
    ERR("store *FLAGS", "a STORE 1 *FLAGS (\\Seen)\r\n", 10, "expected FLAGS, +FLAGS or -FLAGS"),
    ERR("store no space before flags", "a STORE 1 FLAGS(\\Seen)\r\n", 15, "expected space"),
    ERR("store unbalanced", "a STORE 1 FLAGS (\\Seen\r\n", 22, "unbalanced parenthesis"),
    ERR("store \\* is not a flag", "a STORE 1 +FLAGS (\\*)\r\n", 18, "invalid flag"),
    ERR("store bare \\* is not a flag", "a STORE 1 +FLAGS \\Seen \\*\r\n", 23, "invalid flag"),
    ERR("store list after bare flag", "a STORE 1 FLAGS \\Seen (x)\r\n", 22, "invalid flag"),
    ERR("store quoted flag", "a STORE 1 FLAGS \"x\"\r\n", 16, "invalid flag"),
    ERR("store extra after list", "a STORE 1 FLAGS (\\Seen) x\r\n", 23, "unexpected argument"),
    ERR("store empty modifiers", "a STORE 1 () FLAGS ()\r\n", 11, "modifier list is empty"),
    ERR("store UNCHANGEDSINCE twice", "a STORE 1 (UNCHANGEDSINCE 1 UNCHANGEDSINCE 2) FLAGS ()\r\n",
        28, "modifier given twice"),
    ERR("store UNCHANGEDSINCE without value", "a STORE 1 (UNCHANGEDSINCE) FLAGS ()\r\n", 25,
        "UNCHANGEDSINCE needs a mod-sequence value"),
    ERR("store UNCHANGEDSINCE out of range",
        "a STORE 1 (UNCHANGEDSINCE 99999999999999999999) FLAGS ()\r\n", 26, "number out of range"),
    ERR("store modifiers without operation", "a STORE 1 (UNCHANGEDSINCE 1)\r\n", 28,
        "store attribute missing"),
    /* After the operation, "(UNCHANGEDSINCE 1)" is a flag list of two keywords. */
    ERR("store modifiers after operation", "a STORE 1 FLAGS (UNCHANGEDSINCE 1) ()\r\n", 34,
        "unexpected argument"),
    ERR("store flag 8-bit", "a STORE 1 FLAGS (\\S\xc3\xa9)\r\n", 19,
        "8-bit byte outside a literal or quoted string"),
};

/* The canonical form as the harness logs it. */
static void escape(char *out, size_t cap, const char *s)
{
    size_t k = 0;
    for (; *s && k + 5 < cap; s++) {
        if (*s == '\r')
            k += (size_t)snprintf(out + k, cap - k, "\\r");
        else if (*s == '\n')
            k += (size_t)snprintf(out + k, cap - k, "\\n");
        else if (*s == '\\')
            k += (size_t)snprintf(out + k, cap - k, "\\\\");
        else
            out[k++] = *s;
    }
    out[k] = 0;
}

static char *expected(const struct fcase *c)
{
    static char buf[8192];
    char esc[4096];
    if (c->want)
        return strcpy(buf, c->want);
    if (c->canon) {
        escape(esc, sizeof(esc), c->canon);
        snprintf(buf, sizeof(buf), "OK %s @0+%zu\nEND idle\n", esc, c->inlen);
    } else {
        size_t taglen = strcspn(c->in, " ");
        snprintf(buf, sizeof(buf), "ERR %.*s %s @%d %s\nEND idle\n", (int)taglen, c->in,
                 c->code ? c->code : "SYNTAX", c->at, c->reason);
    }
    return buf;
}

/* ---- limits at N and N+1 ---- */

struct lcase {
    const char *name;
    const char *in;
    size_t inlen;
    const char *want;
    int which; /* 0: max_items = 6, 1: max_depth = 3, 2: max_set_ranges = 3 */
};

static const struct lcase limit_cases[] = {
    /* max_items = 6: the set, each item, each part number, each header name, each
     * modifier name and value, each flag */
    {"max_items N: part numbers", S("a FETCH 1 BODY[1.2.3.4]\r\n"),
     "OK a FETCH 1 BODY[1.2.3.4] @0+25\nEND idle\n"},
    {"max_items N+1: part numbers", S("a FETCH 1 BODY[1.2.3.4.5]\r\nb NOOP\r\n"),
     "ERR a LIMIT @23 too many arguments\nOK b NOOP @27+8\nEND idle\n"},
    {"max_items N: header names", S("a FETCH 1 BODY[HEADER.FIELDS (A B C D)]\r\n"),
     "OK a FETCH 1 BODY[HEADER.FIELDS (A B C D)] @0+41\nEND idle\n"},
    {"max_items N+1: header names", S("a FETCH 1 BODY[HEADER.FIELDS (A B C D E)]\r\nb NOOP\r\n"),
     "ERR a LIMIT @38 too many arguments\nOK b NOOP @43+8\nEND idle\n"},
    {"max_items N: items", S("a FETCH 1 (UID FLAGS UID FLAGS UID)\r\n"),
     "OK a FETCH 1 (UID FLAGS UID FLAGS UID) @0+37\nEND idle\n"},
    {"max_items N+1: items", S("a FETCH 1 (UID FLAGS UID FLAGS UID FLAGS)\r\nb NOOP\r\n"),
     "ERR a LIMIT @35 too many arguments\nOK b NOOP @43+8\nEND idle\n"},
    {"max_items N: modifiers", S("a FETCH 1 UID (CHANGEDSINCE 1 X Y)\r\n"),
     "OK a FETCH 1 UID (CHANGEDSINCE 1 X Y) @0+36\nEND idle\n"},
    {"max_items N+1: modifiers", S("a FETCH 1 UID (CHANGEDSINCE 1 X Y Z)\r\nb NOOP\r\n"),
     "ERR a LIMIT @34 too many arguments\nOK b NOOP @38+8\nEND idle\n"},
    {"max_items N: flags", S("a STORE 1 FLAGS a b c d e\r\n"),
     "OK a STORE 1 FLAGS a b c d e @0+27\nEND idle\n"},
    {"max_items N+1: flags", S("a STORE 1 FLAGS (a b c d e f)\r\nb NOOP\r\n"),
     "ERR a LIMIT @27 too many arguments\nOK b NOOP @31+8\nEND idle\n"},
    /* max_depth = 3: the lists of a tagged-ext-val nest; the fixed ones do not count */
    {"max_depth N", S("a FETCH 1 (BODY[HEADER.FIELDS (A)]) (X (((a))))\r\n"),
     "OK a FETCH 1 (BODY[HEADER.FIELDS (A)]) (X (((a)))) @0+49\nEND idle\n", 1},
    {"max_depth N+1", S("a FETCH 1 FLAGS (X ((((a)))))\r\nb NOOP\r\n"),
     "ERR a LIMIT @22 nesting too deep\nOK b NOOP @31+8\nEND idle\n", 1},
    {"max_depth N+1 in STORE", S("a STORE 1 (X (((((a)))))) FLAGS ()\r\nb NOOP\r\n"),
     "ERR a LIMIT @16 nesting too deep\nOK b NOOP @36+8\nEND idle\n", 1},
    /* max_set_ranges = 3 */
    {"max_set_ranges N", S("a FETCH 1,2,3 FLAGS (X 1,2:3,*)\r\n"),
     "OK a FETCH 1,2,3 FLAGS (X 1,2:3,*) @0+33\nEND idle\n", 2},
    {"max_set_ranges N+1", S("a FETCH 1,2,3,4 FLAGS\r\nb NOOP\r\n"),
     "ERR a LIMIT @8 too many ranges in sequence set\nOK b NOOP @23+8\nEND idle\n", 2},
    {"max_set_ranges N+1 in a modifier", S("a STORE 1 (X 1,2,3,4) FLAGS ()\r\nb NOOP\r\n"),
     "ERR a LIMIT @13 too many ranges in sequence set\nOK b NOOP @32+8\nEND idle\n", 2},
};

/* ---- typed values ---- */

struct one {
    struct ig_parser p;
    void *mem;
};

static const struct ig_command *parse_one(struct one *o, const char *text)
{
    size_t ms = ig_parser_memsize(NULL), used = 0, len = strlen(text);
    o->mem = malloc(ms);
    if (ig_parser_init(&o->p, NULL, o->mem, ms) != IG_OK)
        return NULL;
    enum ig_status st = ig_parser_feed(&o->p, text, len, &used);
    if (st != IG_OK || used != len)
        return NULL;
    return ig_parser_command(&o->p);
}


static void test_typed(void)
{
    struct one o;
    const struct ig_command *c;
    char what[160];

    c = parse_one(&o, "a FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (A B)]<0.10>)\r\n");
    ok(c && c->typed && c->cmd == IG_CMD_FETCH && c->u.fetch.list == 1 && c->u.fetch.n == 2 &&
           c->u.fetch.macro == IG_FETCH_NO_MACRO && !c->u.fetch.has_modifiers,
       "typed: FETCH list of two items");
    if (c && c->u.fetch.n == 2) {
        const struct ig_fetch_att *a = &c->u.fetch.atts[1];
        ok(c->u.fetch.atts[0].kind == IG_FETCH_FLAGS, "typed: FLAGS");
        ok(a->kind == IG_FETCH_BODY_SECTION && a->peek == 1, "typed: BODY.PEEK section, peek");
        ok(a->section.text == IG_SECTION_HEADER_FIELDS && a->section.nparts == 0 &&
               a->section.fields.n == 2 && span_is(a->section.fields.v[0].v, "A") &&
               span_is(a->section.fields.v[1].v, "B"),
           "typed: HEADER.FIELDS (A B)");
        ok(a->partial.present == 1 && a->partial.offset == 0 && a->partial.count == 10,
           "typed: partial <0.10>");
        ok(span_is(c->u.fetch.set.text, "1:*") && c->u.fetch.set.nranges == 1, "typed: set");
    }
    free(o.mem);

    c = parse_one(&o, "a UID FETCH 5 (BODY[1.22.333.MIME] BINARY.PEEK[3]<5.7> "
                      "BINARY.SIZE[4294967295] RFC822.HEADER MODSEQ EMAILID)\r\n");
    ok(c && c->cmd == IG_CMD_UID_FETCH && c->u.fetch.n == 6, "typed: UID FETCH six items");
    if (c && c->u.fetch.n == 6) {
        const struct ig_fetch_att *a = c->u.fetch.atts;
        ok(a[0].kind == IG_FETCH_BODY_SECTION && !a[0].peek && a[0].section.nparts == 3 &&
               a[0].section.parts[0] == 1 && a[0].section.parts[1] == 22 &&
               a[0].section.parts[2] == 333 && a[0].section.text == IG_SECTION_MIME &&
               !a[0].partial.present,
           "typed: BODY[1.22.333.MIME]");
        ok(a[1].kind == IG_FETCH_BINARY && a[1].peek && a[1].section.nparts == 1 &&
               a[1].section.parts[0] == 3 && a[1].partial.offset == 5 && a[1].partial.count == 7,
           "typed: BINARY.PEEK[3]<5.7>");
        ok(a[2].kind == IG_FETCH_BINARY_SIZE && a[2].section.nparts == 1 &&
               a[2].section.parts[0] == 4294967295u,
           "typed: BINARY.SIZE[4294967295]");
        ok(a[3].kind == IG_FETCH_RFC822_HEADER && a[4].kind == IG_FETCH_MODSEQ &&
               a[5].kind == IG_FETCH_EMAILID,
           "typed: RFC822.HEADER MODSEQ EMAILID");
        uint32_t want = IG_EXT_BINARY | IG_EXT_REV1 | IG_EXT_CONDSTORE | IG_EXT_OBJECTID;
        ok((c->ext & want) == want && !(c->ext & IG_EXT_QRESYNC), "typed: extension bits");
    }
    free(o.mem);

    c = parse_one(&o, "a FETCH 2 FULL\r\n");
    ok(c && c->u.fetch.macro == IG_FETCH_FULL && c->u.fetch.n == 0 && !c->u.fetch.list &&
           c->ext == 0,
       "typed: macro FULL");
    free(o.mem);

    c = parse_one(&o, "a FETCH 2 UID\r\n");
    ok(c && c->u.fetch.n == 1 && !c->u.fetch.list && c->u.fetch.atts[0].kind == IG_FETCH_UID,
       "typed: single item, list = 0");
    free(o.mem);

    c = parse_one(&o, "a UID FETCH 1:* (FLAGS) (X 3 CHANGEDSINCE 12345 VANISHED)\r\n");
    ok(c && c->u.fetch.has_modifiers &&
           c->u.fetch.mods == (IG_MOD_CHANGEDSINCE | IG_MOD_VANISHED) &&
           c->u.fetch.changedsince == 12345 && c->u.fetch.other.n == 1 &&
           span_is(c->u.fetch.other.v[0].name, "X") && c->u.fetch.other.v[0].has_value &&
           c->u.fetch.other.v[0].value.type == IG_ARG_ATOM &&
           span_is(c->u.fetch.other.v[0].value.v, "3"),
       "typed: CHANGEDSINCE, VANISHED and another modifier");
    ok(c && (c->ext & (IG_EXT_CONDSTORE | IG_EXT_QRESYNC)) == (IG_EXT_CONDSTORE | IG_EXT_QRESYNC),
       "typed: CONDSTORE and QRESYNC bits");
    free(o.mem);

    c = parse_one(&o, "a UID STORE 1:5 (UNCHANGEDSINCE 0) -FLAGS.SILENT (\\Seen $Junk \\Recent)\r\n");
    ok(c && c->cmd == IG_CMD_UID_STORE && c->u.store.op == -1 && c->u.store.silent &&
           c->u.store.list && c->u.store.has_modifiers &&
           c->u.store.mods == IG_MOD_UNCHANGEDSINCE && c->u.store.unchangedsince == 0 &&
           c->u.store.other.n == 0,
       "typed: UID STORE -FLAGS.SILENT with UNCHANGEDSINCE 0");
    ok(c && c->u.store.flags.n == 3 && c->u.store.flags.v[0].kind == IG_FLAG_SEEN &&
           c->u.store.flags.v[1].kind == IG_FLAG_KEYWORD &&
           span_is(c->u.store.flags.v[1].name, "$Junk") &&
           c->u.store.flags.v[2].kind == IG_FLAG_RECENT,
       "typed: STORE flags (\\Recent named IG_FLAG_RECENT)");
    ok(c && (c->ext & IG_EXT_CONDSTORE), "typed: UNCHANGEDSINCE sets CONDSTORE");
    free(o.mem);

    c = parse_one(&o, "a STORE 3 FLAGS \\Draft kw\r\n");
    ok(c && c->u.store.op == 0 && !c->u.store.silent && !c->u.store.list &&
           c->u.store.flags.n == 2 && !c->u.store.has_modifiers,
       "typed: STORE FLAGS bare list");
    free(o.mem);

    c = parse_one(&o, "a FETCH $ UID\r\n");
    ok(c && c->u.fetch.set.saved && (c->ext & IG_EXT_SEARCHRES), "typed: FETCH $");
    free(o.mem);

    snprintf(what, sizeof(what), "struct ig_fetch_att is %zu bytes (one cache line on LP64)",
             sizeof(struct ig_fetch_att));
    ok(sizeof(void *) != 8 || sizeof(struct ig_fetch_att) == 64, what);
}

/* ---- emit refuses what would not read back; equal is about values ---- */

static size_t emit(const struct ig_command *c, char *out, size_t cap)
{
    return ig_command_emit(c, 0, out, cap);
}

static void test_emit_equal(void)
{
    struct one o1, o2;
    char buf[512];
    const struct ig_command *c = parse_one(&o1, "a UID FETCH 1 (BODY[1.MIME]<0.5>) (CHANGEDSINCE 3)\r\n");
    if (!ok(c != NULL, "emit: base command parses")) {
        free(o1.mem);
        return;
    }
    struct ig_command x = *c;
    struct ig_fetch_att att = c->u.fetch.atts[0];
    uint32_t parts[2] = {1, 0};
    x.u.fetch.atts = &att;
    ok(emit(&x, buf, sizeof(buf)) != (size_t)-1, "emit: copy is writable");

    att.section.nparts = 0;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses MIME without a part");
    att = c->u.fetch.atts[0];
    att.section.parts = parts;
    att.section.nparts = 2;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses part number 0");
    att = c->u.fetch.atts[0];
    att.partial.count = 0;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses partial length 0");
    att = c->u.fetch.atts[0];
    att.kind = IG_FETCH_BINARY_SIZE;
    att.section.text = IG_SECTION_NONE;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses a partial on BINARY.SIZE");
    att.partial.present = 0;
    ok(emit(&x, buf, sizeof(buf)) != (size_t)-1, "emit writes BINARY.SIZE[1]");
    att = c->u.fetch.atts[0];
    att.kind = IG_FETCH_FLAGS;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses a section on FLAGS");
    att = c->u.fetch.atts[0];
    att.section.text = IG_SECTION_HEADER_FIELDS;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses HEADER.FIELDS without names");
    att = c->u.fetch.atts[0];
    att.section.text = 9;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses an unknown section text");
    att = c->u.fetch.atts[0];

    x.u.fetch.mods |= IG_MOD_VANISHED;
    ok(emit(&x, buf, sizeof(buf)) != (size_t)-1, "emit writes VANISHED in UID FETCH");
    x.cmd = IG_CMD_FETCH;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses VANISHED in FETCH");
    x.cmd = IG_CMD_UID_FETCH;
    x.u.fetch.mods = IG_MOD_VANISHED;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses VANISHED without CHANGEDSINCE");
    x.u.fetch.mods = IG_MOD_CHANGEDSINCE;
    x.u.fetch.changedsince = 0;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses CHANGEDSINCE 0");
    x.u.fetch.changedsince = 3;
    x.u.fetch.mods = 0;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses an empty modifier list");
    struct ig_param pm = {{(const unsigned char *)"changedsince", 12}, 0, {0}};
    x.u.fetch.other.n = 1;
    x.u.fetch.other.v = &pm;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1,
       "emit refuses a generic modifier named like a decoded one");
    pm.name.ptr = (const unsigned char *)"9x";
    pm.name.len = 2;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses a modifier that is no label");
    x = *c;
    x.u.fetch.macro = IG_FETCH_ALL;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses a macro with items");
    x.u.fetch.n = 0;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses a macro in parentheses");
    x.u.fetch.list = 0;
    ok(emit(&x, buf, sizeof(buf)) != (size_t)-1, "emit writes a macro alone");
    x = *c;
    x.u.fetch.list = 0;
    x.u.fetch.n = 0;
    ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses FETCH without items");

    const struct ig_command *d = parse_one(&o2, "a UID FETCH 1 BODY[1.MIME]<0.5> (changedsince 3)\r\n");
    ok(d && !ig_command_equal(c, d), "equal: (item) is not item");
    free(o2.mem);
    d = parse_one(&o2, "a uid fetch 1 (body[1.mime]<0.5>) (CHANGEDSINCE 03)\r\n");
    ok(d && ig_command_equal(c, d), "equal: keyword case and leading zeros do not matter");
    free(o2.mem);
    d = parse_one(&o2, "a UID FETCH 1 (BODY.PEEK[1.MIME]<0.5>) (CHANGEDSINCE 3)\r\n");
    ok(d && !ig_command_equal(c, d), "equal: PEEK matters");
    free(o2.mem);
    free(o1.mem);

    c = parse_one(&o1, "a FETCH 1 BODY[HEADER.FIELDS (From \"To\")]\r\n");
    d = parse_one(&o2, "a FETCH 1 BODY[HEADER.FIELDS (from To)]\r\n");
    ok(c && d && !ig_command_equal(c, d), "equal: header names keep their spelling");
    free(o2.mem);
    d = parse_one(&o2, "a FETCH 1 BODY[HEADER.FIELDS ({4+}\r\nFrom To)]\r\n");
    ok(c && d && ig_command_equal(c, d), "equal: header name forms do not matter");
    free(o2.mem);
    free(o1.mem);

    c = parse_one(&o1, "a STORE 1 (UNCHANGEDSINCE 5 X) +FLAGS (\\SEEN $junk)\r\n");
    d = parse_one(&o2, "a STORE 1 (X UNCHANGEDSINCE 5) +flags (\\Seen $JUNK)\r\n");
    ok(c && d && ig_command_equal(c, d), "equal: flag case and decoded-modifier order");
    free(o2.mem);
    d = parse_one(&o2, "a STORE 1 (UNCHANGEDSINCE 5 X) +FLAGS \\SEEN $junk\r\n");
    ok(c && d && !ig_command_equal(c, d), "equal: flag list is not a bare flag sequence");
    free(o2.mem);
    if (c) {
        x = *c;
        x.u.store.flags.n = 0;
        x.u.store.list = 0;
        ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses STORE without flags");
        x = *c;
        x.u.store.op = 2;
        ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses an unknown STORE operation");
        x = *c;
        x.u.store.mods = IG_MOD_CHANGEDSINCE;
        ok(emit(&x, buf, sizeof(buf)) == (size_t)-1, "emit refuses CHANGEDSINCE in STORE");
    }
    free(o1.mem);
}

/* RFC 9051 §7.1 LIMIT example: "m STORE 42 FLAGS f1 f2 f3 f4 f5 ... f250", written out. */
static void test_rfc9051_limit_example(const char *seeds)
{
    static char in[2048], want[4096];
    size_t k = (size_t)snprintf(in, sizeof(in), "m STORE 42 FLAGS");
    for (int i = 1; i <= 250; i++)
        k += (size_t)snprintf(in + k, sizeof(in) - k, " f%d", i);
    k += (size_t)snprintf(in + k, sizeof(in) - k, "\r\n");
    struct run_cfg cfg = {NULL, 0, 0, 0, 0};
    if (seeds) {
        dump_seed(seeds, "fetch rfc9051 7.1 m store 250 flags", &cfg, in, k);
        return;
    }
    snprintf(want, sizeof(want), "OK %.*s @0+%zu\nEND idle\n", (int)(k - 2), in, k);
    char *got = run_all_ways(&cfg, in, k);
    is_str(got, want, "RFC 9051 §7.1 m (250 flags)");
    free(got);
}

int main(int argc, char **argv)
{
    const char *seeds = seed_dir_arg(argc, argv);
    struct run_cfg cfg = {NULL, 0, 0, 0, 0};
    char name[200];

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct fcase *c = &cases[i];
        if (seeds) {
            snprintf(name, sizeof(name), "fetch %s", c->name);
            dump_seed(seeds, name, &cfg, c->in, c->inlen);
            continue;
        }
        char *got = run_all_ways(&cfg, c->in, c->inlen);
        is_str(got, expected(c), c->name);
        free(got);
    }

    struct ig_limits lim[3];
    for (int i = 0; i < 3; i++)
        ig_limits_default(&lim[i]);
    lim[0].max_items = 6;
    lim[1].max_depth = 3;
    lim[2].max_set_ranges = 3;
    for (size_t i = 0; i < sizeof(limit_cases) / sizeof(limit_cases[0]); i++) {
        const struct lcase *c = &limit_cases[i];
        struct run_cfg lcfg = {&lim[c->which], 0, 0, 0, 0};
        if (seeds) {
            snprintf(name, sizeof(name), "fetch %s", c->name);
            dump_seed(seeds, name, &lcfg, c->in, c->inlen);
            continue;
        }
        char *got = run_all_ways(&lcfg, c->in, c->inlen);
        is_str(got, c->want, c->name);
        free(got);
    }

    /* The arena: a fetch-att takes 64 bytes on LP64 targets; 256 bytes hold four. */
    struct ig_limits alim;
    ig_limits_default(&alim);
    alim.arena = 256;
    alim.max_sasl_line = 64;
    struct run_cfg acfg = {&alim, 0, 0, 0, 0};
    static const char arena_n[] = "a FETCH 1 (UID UID UID UID)\r\nb NOOP\r\n";
    static const char arena_n1[] = "a FETCH 1 (UID UID UID UID UID)\r\nb NOOP\r\n";
    test_rfc9051_limit_example(seeds);
    if (seeds) {
        dump_seed(seeds, "fetch arena N", &acfg, arena_n, sizeof(arena_n) - 1);
        dump_seed(seeds, "fetch arena N+1", &acfg, arena_n1, sizeof(arena_n1) - 1);
        return 0;
    }
    if (sizeof(void *) == 8) {
        char *got = run_all_ways(&acfg, arena_n, sizeof(arena_n) - 1);
        is_str(got, "OK a FETCH 1 (UID UID UID UID) @0+29\nOK b NOOP @29+8\nEND idle\n",
               "arena N");
        free(got);
        got = run_all_ways(&acfg, arena_n1, sizeof(arena_n1) - 1);
        is_str(got, "ERR a NOMEM @27 command too complex (arena full)\nOK b NOOP @33+8\nEND idle\n",
               "arena N+1");
        free(got);
    }

    test_typed();
    test_emit_equal();
    return done();
}
