/*
 * test_cmd_paths.c - every rule, boundary and failure path of the mailbox, extension and
 * credential commands: parser/cmd_mailbox.c (SELECT, EXAMINE, CREATE, RENAME, STATUS,
 * LIST, LSUB), parser/cmd_ext.c (ENABLE, ID, COMPRESS, GETQUOTA, SETQUOTA, SETACL,
 * DELETEACL, LISTRIGHTS, GETMETADATA, SETMETADATA), parser/parse_select.c (the
 * one-mailbox commands, UID EXPUNGE), parser/parse_append.c (APPEND, date-time) and
 * parser/parse_auth.c (LOGIN, AUTHENTICATE, SASL responses, DONE). tests/test_mailbox.c
 * and tests/test_ext.c hold the RFC examples; this file holds what they leave out:
 *
 * - the table: each rule accepted (with its canonical form) and broken (with the code,
 *   byte offset and reason of the error), the numeric bounds (2^32-1 / 2^32 for 32-bit
 *   numbers, 2^63-1 / 2^63 for mod-sequences and number64), wrong separators, missing and
 *   extra arguments, and each limit (max_depth, max_items, the arena) exceeded exactly
 *   where a list, an item or an arena allocation of these parsers hits it. Every case
 *   runs whole, byte by byte and split at every offset, flush against a guard page, and
 *   every accepted command goes through emit -> parse -> equal (tests/harness.c);
 * - typed values of accepted commands (bounds, dates, decoded responses);
 * - equality: every field of every command told apart;
 * - the serializer refusing each kind of ill-formed command a caller could build.
 */
#include "harness.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

struct tcase {
    const char *name;
    const char *in;
    size_t inlen;
    /* Either the whole expected log, or (want == NULL) the canonical form of the one
     * command of in, whose log is then "OK <canon> @0+<inlen>" "END idle". */
    const char *canon;
    const char *want;
    int expect;                   /* ig_parser_expect() first: IG_EXPECT_SASL / _DONE */
    uint32_t depth, items, arena; /* limits to lower (0: the default) */
};

#define S(x) x, sizeof(x) - 1
/* An accepted command alone on its stream: its canonical form. */
#define OK1(name, in, canon) {name, S(in), canon, NULL, 0, 0, 0, 0}
/* Any other stream: the whole log. */
#define LOG(name, in, want) {name, S(in), NULL, want, 0, 0, 0, 0}
/* The whole log with max_depth, max_items or the arena lowered. */
#define LIM(name, in, want, depth, items, arena) {name, S(in), NULL, want, 0, depth, items, arena}
/* The whole log of lines read as SASL responses (1) or as the DONE of IDLE (2). */
#define EXP(name, in, want, expect) {name, S(in), NULL, want, expect, 0, 0, 0}

static const struct tcase cases[] = {
    /* ==== SELECT / EXAMINE: select-params (RFC 4466 §2.1), CONDSTORE, QRESYNC (RFC 7162) */
    OK1("select: param labels with every tagged-label-char (_ . - digit :)",
        "a SELECT x (X_a.b-1:2 _Y .Z)\r\n",
        "a SELECT x (X_a.b-1:2 _Y .Z)"),
    OK1("select: param value '*' (a sequence set)",
        "a SELECT x (X-A * X-B *:4)\r\n",
        "a SELECT x (X-A * X-B *:4)"),
    OK1("select: param value $ and an empty list",
        "a EXAMINE x (X-A $ X-B ())\r\n",
        "a EXAMINE x (X-A $ X-B ())"),
    OK1("select: param value number64-sized digits",
        "a SELECT x (X-A 9223372036854775807)\r\n",
        "a SELECT x (X-A 9223372036854775807)"),
    OK1("select: param atom value is the next param, not a value",
        "a SELECT x (X-A b)\r\n",
        "a SELECT x (X-A b)"),
    LOG("select: param name starting with a digit",
        "a SELECT x (1X)\r\n",
        "ERR a SYNTAX @12 invalid parameter\n"
        "END idle\n"),
    LOG("select: param name with a non-label character",
        "a SELECT x (X-A,)\r\n",
        "ERR a SYNTAX @15 invalid parameter\n"
        "END idle\n"),
    LOG("select: CONDSTORE followed by a star (a set) is a value",
        "a SELECT x (CONDSTORE *)\r\n",
        "ERR a SYNTAX @22 CONDSTORE takes no value\n"
        "END idle\n"),
    LOG("select: CONDSTORE followed by a dollar (a set) is a value",
        "a SELECT x (CONDSTORE $)\r\n",
        "ERR a SYNTAX @22 CONDSTORE takes no value\n"
        "END idle\n"),
    OK1("select: lower-case condstore and qresync",
        "a select x (qresync (1 2) condstore)\r\n",
        "a SELECT x (CONDSTORE QRESYNC (1 2))"),
    LOG("select: params without SP before '('",
        "a SELECT x(CONDSTORE)\r\n",
        "ERR a SYNTAX @10 unexpected character\n"
        "END idle\n"),
    LOG("select: SP inside the list before ')'",
        "a SELECT x (CONDSTORE )\r\n",
        "ERR a SYNTAX @21 unexpected space\n"
        "END idle\n"),
    LOG("select: two SP between params",
        "a SELECT x (CONDSTORE  X-A)\r\n",
        "ERR a SYNTAX @22 unexpected space\n"
        "END idle\n"),
    LOG("select: params list not closed",
        "a SELECT x (CONDSTORE\r\n",
        "ERR a SYNTAX @21 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("select: argument after the params",
        "a SELECT x (CONDSTORE) y\r\n",
        "ERR a SYNTAX @22 unexpected argument\n"
        "END idle\n"),
    LOG("select: bad byte after a param",
        "a SELECT x (X-A\"b\")\r\n",
        "ERR a SYNTAX @15 expected space or ')'\n"
        "END idle\n"),
    OK1("qresync: uidvalidity 2^32-1 and mod-sequence 2^63-1 (upper bounds)",
        "a SELECT x (QRESYNC (4294967295 9223372036854775807))\r\n",
        "a SELECT x (QRESYNC (4294967295 9223372036854775807))"),
    LOG("qresync: uidvalidity 2^32 is out of range",
        "a SELECT x (QRESYNC (4294967296 1))\r\n",
        "ERR a SYNTAX @21 number out of range\n"
        "END idle\n"),
    LOG("qresync: uidvalidity 0 is not a nz-number",
        "a SELECT x (QRESYNC (0 1))\r\n",
        "ERR a SYNTAX @21 number must not be 0\n"
        "END idle\n"),
    LOG("qresync: mod-sequence 2^63 is out of range",
        "a SELECT x (QRESYNC (1 9223372036854775808))\r\n",
        "ERR a SYNTAX @23 number out of range\n"
        "END idle\n"),
    LOG("qresync: mod-sequence 2^64 is out of range",
        "a SELECT x (QRESYNC (1 18446744073709551616))\r\n",
        "ERR a SYNTAX @23 number out of range\n"
        "END idle\n"),
    LOG("qresync: mod-sequence 0 (written 00) is refused",
        "a SELECT x (QRESYNC (1 00))\r\n",
        "ERR a SYNTAX @23 mod-sequence must not be 0\n"
        "END idle\n"),
    OK1("qresync: mod-sequence leading zeros dropped",
        "a SELECT x (QRESYNC (1 0009 1:5))\r\n",
        "a SELECT x (QRESYNC (1 9 1:5))"),
    LOG("qresync: no list",
        "a SELECT x (QRESYNC)\r\n",
        "ERR a SYNTAX @19 QRESYNC parameters missing\n"
        "END idle\n"),
    LOG("qresync: not a list",
        "a SELECT x (QRESYNC 5)\r\n",
        "ERR a SYNTAX @20 QRESYNC parameters missing\n"
        "END idle\n"),
    LOG("qresync: no SP before its list",
        "a SELECT x (QRESYNC(1 2))\r\n",
        "ERR a SYNTAX @19 expected space\n"
        "END idle\n"),
    LOG("qresync: empty list",
        "a SELECT x (QRESYNC ())\r\n",
        "ERR a SYNTAX @21 UIDVALIDITY expected\n"
        "END idle\n"),
    LOG("qresync: uidvalidity not a number",
        "a SELECT x (QRESYNC (x 2))\r\n",
        "ERR a SYNTAX @21 UIDVALIDITY expected\n"
        "END idle\n"),
    LOG("qresync: mod-sequence missing",
        "a SELECT x (QRESYNC (1))\r\n",
        "ERR a SYNTAX @22 mod-sequence missing\n"
        "END idle\n"),
    LOG("qresync: mod-sequence not a number",
        "a SELECT x (QRESYNC (1 x))\r\n",
        "ERR a SYNTAX @23 mod-sequence expected\n"
        "END idle\n"),
    LOG("qresync: '*' in known-uids",
        "a SELECT x (QRESYNC (1 2 5:*))\r\n",
        "ERR a SYNTAX @27 '*' is not allowed in a QRESYNC set\n"
        "END idle\n"),
    LOG("qresync: '*' alone in known-uids",
        "a SELECT x (QRESYNC (1 2 *))\r\n",
        "ERR a SYNTAX @25 '*' is not allowed in a QRESYNC set\n"
        "END idle\n"),
    LOG("qresync: '*' in known-sequence-set",
        "a SELECT x (QRESYNC (1 2 (*:3 1:3)))\r\n",
        "ERR a SYNTAX @26 '*' is not allowed in a QRESYNC set\n"
        "END idle\n"),
    LOG("qresync: '*' in known-uid-set",
        "a SELECT x (QRESYNC (1 2 (1:3 4,*)))\r\n",
        "ERR a SYNTAX @32 '*' is not allowed in a QRESYNC set\n"
        "END idle\n"),
    LOG("qresync: known-uids not a set",
        "a SELECT x (QRESYNC (1 2 x))\r\n",
        "ERR a SYNTAX @25 sequence set expected\n"
        "END idle\n"),
    OK1("qresync: seq-match-data without known-uids",
        "a SELECT x (QRESYNC (1 2 (1:3 7:9)))\r\n",
        "a SELECT x (QRESYNC (1 2 (1:3 7:9)))"),
    LOG("qresync: seq-match-data with one set",
        "a SELECT x (QRESYNC (1 2 (1:3)))\r\n",
        "ERR a SYNTAX @29 known UIDs missing\n"
        "END idle\n"),
    LOG("qresync: seq-match-data with three sets",
        "a SELECT x (QRESYNC (1 2 (1 2 3)))\r\n",
        "ERR a SYNTAX @29 unexpected argument\n"
        "END idle\n"),
    LOG("qresync: seq-match-data not a set",
        "a SELECT x (QRESYNC (1 2 (x 2)))\r\n",
        "ERR a SYNTAX @26 sequence set expected\n"
        "END idle\n"),
    LOG("qresync: seq-match-data second not a set",
        "a SELECT x (QRESYNC (1 2 (1 x)))\r\n",
        "ERR a SYNTAX @28 sequence set expected\n"
        "END idle\n"),
    LOG("qresync: seq-match-data not closed",
        "a SELECT x (QRESYNC (1 2 (1 2\r\n",
        "ERR a SYNTAX @29 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("qresync: bad byte after seq-match-data",
        "a SELECT x (QRESYNC (1 2 (1 2)x))\r\n",
        "ERR a SYNTAX @30 expected ')'\n"
        "END idle\n"),
    LOG("qresync: SP before ')' after seq-match-data",
        "a SELECT x (QRESYNC (1 2 (1 2) ))\r\n",
        "ERR a SYNTAX @30 unexpected argument\n"
        "END idle\n"),
    LOG("qresync: SP before ')' after known-uids",
        "a SELECT x (QRESYNC (1 2 1 ))\r\n",
        "ERR a SYNTAX @27 invalid QRESYNC parameter\n"
        "END idle\n"),
    LOG("qresync: argument after seq-match-data",
        "a SELECT x (QRESYNC (1 2 1 (1 2) 3))\r\n",
        "ERR a SYNTAX @32 unexpected argument\n"
        "END idle\n"),
    LOG("qresync: list not closed",
        "a SELECT x (QRESYNC (1 2\r\n",
        "ERR a SYNTAX @24 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("qresync: bad byte after mod-sequence",
        "a SELECT x (QRESYNC (1 2x))\r\n",
        "ERR a SYNTAX @24 expected ')'\n"
        "END idle\n"),
    LOG("qresync: twice",
        "a SELECT x (QRESYNC (1 2) QRESYNC (3 4))\r\n",
        "ERR a SYNTAX @26 duplicate QRESYNC parameter\n"
        "END idle\n"),
    OK1("qresync: with CONDSTORE and another param (canonical order)",
        "a EXAMINE x (X-A (1) QRESYNC (1 2 1:5 (1:2 4:5)) CONDSTORE)\r\n",
        "a EXAMINE x (CONDSTORE QRESYNC (1 2 1:5 (1:2 4:5)) X-A (1))"),

    /* ==== SELECT / EXAMINE: limits ==== */
    LIM("depth 1: the QRESYNC list is level 2",
        "a SELECT x (QRESYNC (1 2))\r\nb NOOP\r\n",
        "ERR a LIMIT @20 nesting too deep\n"
        "OK b NOOP @28+8\n"
        "END idle\n",
        1, 0, 0),
    LIM("depth 2: seq-match-data is level 3",
        "a SELECT x (QRESYNC (1 2 (1 2)))\r\nb NOOP\r\n",
        "ERR a LIMIT @25 nesting too deep\n"
        "OK b NOOP @34+8\n"
        "END idle\n",
        2, 0, 0),
    LIM("depth 2: QRESYNC without seq-match-data fits",
        "a SELECT x (QRESYNC (1 2 1:3))\r\n",
        "OK a SELECT x (QRESYNC (1 2 1:3)) @0+32\n"
        "END idle\n",
        2, 0, 0),
    LIM("items 1: CONDSTORE is item 2",
        "a SELECT x (CONDSTORE)\r\nb NOOP\r\n",
        "ERR a LIMIT @12 too many arguments\n"
        "OK b NOOP @24+8\n"
        "END idle\n",
        0, 1, 0),
    LIM("items 1: QRESYNC is item 2",
        "a SELECT x (QRESYNC (1 2))\r\nb NOOP\r\n",
        "ERR a LIMIT @12 too many arguments\n"
        "OK b NOOP @28+8\n"
        "END idle\n",
        0, 1, 0),
    LIM("items 2: the uidvalidity is item 3",
        "a SELECT x (QRESYNC (1 2))\r\nb NOOP\r\n",
        "ERR a LIMIT @21 too many arguments\n"
        "OK b NOOP @28+8\n"
        "END idle\n",
        0, 2, 0),
    LIM("items 3: the mod-sequence is item 4",
        "a SELECT x (QRESYNC (1 2))\r\nb NOOP\r\n",
        "ERR a LIMIT @23 too many arguments\n"
        "OK b NOOP @28+8\n"
        "END idle\n",
        0, 3, 0),
    LIM("items 4: QRESYNC (1 2) fits",
        "a SELECT x (QRESYNC (1 2))\r\n",
        "OK a SELECT x (QRESYNC (1 2)) @0+28\n"
        "END idle\n",
        0, 4, 0),
    LIM("arena 48: no room for a select-param",
        "a SELECT x (X-A)\r\nb NOOP\r\n",
        "ERR a NOMEM @12 command too complex (arena full)\n"
        "OK b NOOP @18+8\n"
        "END idle\n",
        0, 0, 48),

    /* ==== CREATE: create-params and USE (RFC 4466 §2.2, RFC 6154 §6) ==== */
    OK1("create: USE with no attributes",
        "a CREATE x (USE ())\r\n",
        "a CREATE x (USE ())"),
    OK1("create: USE with every RFC 6154 attribute and an extension",
        "a CREATE x (USE (\\All \\Archive \\Drafts \\Flagged \\Junk \\Sent \\Trash \\X-Mine))\r\n",
        "a CREATE x (USE (\\\\All \\\\Archive \\\\Drafts \\\\Flagged \\\\Junk \\\\Sent \\\\Trash \\\\X-Mine))"),
    OK1("create: other param labels with _ . : digits",
        "a CREATE x (X_a.b:1 7)\r\n",
        "a CREATE x (X_a.b:1 7)"),
    LOG("create: USE without its list",
        "a CREATE x (USE)\r\n",
        "ERR a SYNTAX @15 special-use attribute list missing\n"
        "END idle\n"),
    LOG("create: USE with an atom instead of a list",
        "a CREATE x (USE x)\r\n",
        "ERR a SYNTAX @16 special-use attribute list missing\n"
        "END idle\n"),
    LOG("create: USE without SP",
        "a CREATE x (USE(\\Sent))\r\n",
        "ERR a SYNTAX @15 expected space\n"
        "END idle\n"),
    LOG("create: attribute without backslash",
        "a CREATE x (USE (Sent))\r\n",
        "ERR a SYNTAX @17 invalid special-use attribute\n"
        "END idle\n"),
    LOG("create: backslash alone",
        "a CREATE x (USE (\\))\r\n",
        "ERR a SYNTAX @18 invalid special-use attribute\n"
        "END idle\n"),
    LOG("create: backslash then a non-atom byte",
        "a CREATE x (USE (\\\"x\"))\r\n",
        "ERR a SYNTAX @18 invalid special-use attribute\n"
        "END idle\n"),
    LOG("create: two backslashes in one attribute",
        "a CREATE x (USE (\\a\\b))\r\n",
        "ERR a SYNTAX @19 expected space or ')'\n"
        "END idle\n"),
    LOG("create: SP before ')' in USE",
        "a CREATE x (USE (\\Sent ))\r\n",
        "ERR a SYNTAX @22 unexpected space\n"
        "END idle\n"),
    LOG("create: USE list not closed",
        "a CREATE x (USE (\\Sent\r\n",
        "ERR a SYNTAX @22 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("create: USE twice",
        "a CREATE x (USE (\\Sent) USE (\\All))\r\n",
        "ERR a SYNTAX @24 duplicate USE parameter\n"
        "END idle\n"),
    LOG("create: bad param name",
        "a CREATE x (\\a)\r\n",
        "ERR a SYNTAX @12 invalid parameter\n"
        "END idle\n"),
    LOG("create: empty params",
        "a CREATE x ()\r\n",
        "ERR a SYNTAX @12 empty parameter list\n"
        "END idle\n"),
    LOG("create: params not closed",
        "a CREATE x (X-A\r\n",
        "ERR a SYNTAX @15 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("create: argument after params",
        "a CREATE x (X-A) y\r\n",
        "ERR a SYNTAX @16 unexpected argument\n"
        "END idle\n"),
    LOG("create: no mailbox",
        "a CREATE\r\n",
        "ERR a SYNTAX @8 mailbox missing\n"
        "END idle\n"),
    LIM("create: depth 1: the USE list is level 2",
        "a CREATE x (USE (\\A))\r\nb NOOP\r\n",
        "ERR a LIMIT @16 nesting too deep\n"
        "OK b NOOP @23+8\n"
        "END idle\n",
        1, 0, 0),
    LIM("create: items 1: USE is item 2",
        "a CREATE x (USE (\\A))\r\nb NOOP\r\n",
        "ERR a LIMIT @12 too many arguments\n"
        "OK b NOOP @23+8\n"
        "END idle\n",
        0, 1, 0),
    LIM("create: items 2: the attribute is item 3",
        "a CREATE x (USE (\\A))\r\nb NOOP\r\n",
        "ERR a LIMIT @17 too many arguments\n"
        "OK b NOOP @23+8\n"
        "END idle\n",
        0, 2, 0),
    LIM("create: arena 8: no room for a USE attribute",
        "a CREATE x (USE (\\A))\r\nb NOOP\r\n",
        "ERR a NOMEM @17 command too complex (arena full)\n"
        "OK b NOOP @23+8\n"
        "END idle\n",
        0, 0, 8),
    LIM("create: arena 48: no room for a create-param",
        "a CREATE x (X-A)\r\nb NOOP\r\n",
        "ERR a NOMEM @12 command too complex (arena full)\n"
        "OK b NOOP @18+8\n"
        "END idle\n",
        0, 0, 48),

    /* ==== RENAME: rename-params (RFC 4466 §2.3) ==== */
    OK1("rename: params with values",
        "a RENAME x y (X-A 1 X_b (a \"b c\") X.c)\r\n",
        "a RENAME x y (X-A 1 X_b (a \"b c\") X.c)"),
    LOG("rename: no mailbox",
        "a RENAME\r\n",
        "ERR a SYNTAX @8 mailbox missing\n"
        "END idle\n"),
    LOG("rename: bad first mailbox",
        "a RENAME (\r\n",
        "ERR a SYNTAX @9 invalid character in string\n"
        "END idle\n"),
    LOG("rename: no second mailbox",
        "a RENAME x\r\n",
        "ERR a SYNTAX @10 new mailbox name missing\n"
        "END idle\n"),
    LOG("rename: bad second mailbox",
        "a RENAME x (\r\n",
        "ERR a SYNTAX @11 invalid character in string\n"
        "END idle\n"),
    LOG("rename: argument after the names",
        "a RENAME x y z\r\n",
        "ERR a SYNTAX @12 unexpected argument\n"
        "END idle\n"),
    LOG("rename: empty params",
        "a RENAME x y ()\r\n",
        "ERR a SYNTAX @14 empty parameter list\n"
        "END idle\n"),
    LOG("rename: bad param name",
        "a RENAME x y (1)\r\n",
        "ERR a SYNTAX @14 invalid parameter\n"
        "END idle\n"),
    LOG("rename: params not closed",
        "a RENAME x y (X-A\r\n",
        "ERR a SYNTAX @17 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("rename: SP before ')'",
        "a RENAME x y (X-A )\r\n",
        "ERR a SYNTAX @17 unexpected space\n"
        "END idle\n"),
    LOG("rename: bad byte in params",
        "a RENAME x y (X-A,b)\r\n",
        "ERR a SYNTAX @17 invalid parameter\n"
        "END idle\n"),
    LOG("rename: bad param value",
        "a RENAME x y (X-A (b)\r\n",
        "ERR a SYNTAX @21 unbalanced parenthesis\n"
        "END idle\n"),
    LIM("rename: arena 48: no room for a rename-param",
        "a RENAME x y (X-A)\r\nb NOOP\r\n",
        "ERR a NOMEM @14 command too complex (arena full)\n"
        "OK b NOOP @20+8\n"
        "END idle\n",
        0, 0, 48),

    /* ==== STATUS (RFC 9051 §6.3.11) and its attributes ==== */
    OK1("status: every attribute in lower case",
        "a status x (messages recent uidnext uidvalidity unseen deleted size highestmodseq appendlimit mailboxid deleted-storage)\r\n",
        "a STATUS x (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE HIGHESTMODSEQ APPENDLIMIT MAILBOXID DELETED-STORAGE)"),
    LOG("status: no mailbox",
        "a STATUS\r\n",
        "ERR a SYNTAX @8 mailbox missing\n"
        "END idle\n"),
    LOG("status: bad mailbox",
        "a STATUS (\r\n",
        "ERR a SYNTAX @9 invalid character in string\n"
        "END idle\n"),
    LOG("status: attribute without a list",
        "a STATUS x MESSAGES\r\n",
        "ERR a SYNTAX @11 status attribute list expected\n"
        "END idle\n"),
    LOG("status: unknown attribute",
        "a STATUS x (MESSAGES FOO)\r\n",
        "ERR a SYNTAX @21 invalid status attribute\n"
        "END idle\n"),
    LOG("status: attribute prefix",
        "a STATUS x (MESSAGESX)\r\n",
        "ERR a SYNTAX @12 invalid status attribute\n"
        "END idle\n"),
    LOG("status: comma separator",
        "a STATUS x (MESSAGES,UNSEEN)\r\n",
        "ERR a SYNTAX @12 invalid status attribute\n"
        "END idle\n"),
    LOG("status: list not closed",
        "a STATUS x (MESSAGES\r\n",
        "ERR a SYNTAX @20 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("status: SP before ')'",
        "a STATUS x (MESSAGES )\r\n",
        "ERR a SYNTAX @20 unexpected space\n"
        "END idle\n"),
    LOG("status: argument after the list",
        "a STATUS x (MESSAGES) y\r\n",
        "ERR a SYNTAX @21 unexpected argument\n"
        "END idle\n"),

    /* ==== LIST (RFC 9051 §6.3.9), LIST-EXTENDED (RFC 5258), LIST-STATUS (RFC 5819), LSUB */
    OK1("list: RECURSIVEMATCH twice with SUBSCRIBED",
        "a LIST (RECURSIVEMATCH RECURSIVEMATCH SUBSCRIBED) \"\" *\r\n",
        "a LIST (SUBSCRIBED RECURSIVEMATCH) \"\" *"),
    OK1("list: RECURSIVEMATCH with an option-extension as base",
        "a LIST (X-FOO RECURSIVEMATCH) \"\" *\r\n",
        "a LIST (RECURSIVEMATCH X-FOO) \"\" *"),
    LOG("list: RECURSIVEMATCH with SPECIAL-USE only",
        "a LIST (SPECIAL-USE RECURSIVEMATCH) \"\" *\r\n",
        "ERR a SYNTAX @20 RECURSIVEMATCH needs a base selection option\n"
        "END idle\n"),
    OK1("list: option value with NIL and nested lists",
        "a LIST (X-FOO (NIL (a \"b\") c)) \"\" * RETURN (X-BAR (1))\r\n",
        "a LIST (X-FOO (NIL (a \"b\") c)) \"\" * RETURN (X-BAR (1))"),
    LOG("list: empty option value",
        "a LIST (X-FOO ()) \"\" *\r\n",
        "ERR a SYNTAX @14 empty option value\n"
        "END idle\n"),
    LOG("list: quoted selection option",
        "a LIST (\"SUBSCRIBED\") \"\" *\r\n",
        "ERR a SYNTAX @8 invalid selection option\n"
        "END idle\n"),
    LOG("list: selection options not closed",
        "a LIST (SUBSCRIBED\r\n",
        "ERR a SYNTAX @18 unbalanced parenthesis\n"
        "END idle\n"),
    OK1("list: an atom that only starts like SUBSCRIBED is an option-extension",
        "a LIST (SUBSCRIBED,REMOTE) \"\" *\r\n",
        "a LIST (SUBSCRIBED,REMOTE) \"\" *"),
    LOG("list: no SP after the selection options",
        "a LIST (SUBSCRIBED)\"\" *\r\n",
        "ERR a SYNTAX @19 expected space\n"
        "END idle\n"),
    LOG("list: no mailbox after the selection options",
        "a LIST ()\r\n",
        "ERR a SYNTAX @9 mailbox missing\n"
        "END idle\n"),
    LOG("list: selection options then line end",
        "a LIST (\r\n",
        "ERR a SYNTAX @8 missing argument\n"
        "END idle\n"),
    LOG("list: bad reference",
        "a LIST ) *\r\n",
        "ERR a SYNTAX @7 invalid character in string\n"
        "END idle\n"),
    LOG("list: bad reference after options",
        "a LIST () (\r\n",
        "ERR a SYNTAX @10 invalid character in string\n"
        "END idle\n"),
    LOG("list: no pattern",
        "a LIST x\r\n",
        "ERR a SYNTAX @8 mailbox pattern missing\n"
        "END idle\n"),
    LOG("list: pattern not list-mailbox",
        "a LIST \"\" )\r\n",
        "ERR a SYNTAX @10 mailbox pattern expected\n"
        "END idle\n"),
    LOG("list: pattern list with a list inside",
        "a LIST \"\" (a (b))\r\n",
        "ERR a SYNTAX @13 mailbox pattern expected\n"
        "END idle\n"),
    LOG("list: pattern list with SP before ')'",
        "a LIST \"\" (a )\r\n",
        "ERR a SYNTAX @12 unexpected space\n"
        "END idle\n"),
    LOG("list: pattern list not closed",
        "a LIST \"\" (a b\r\n",
        "ERR a SYNTAX @14 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("list: empty pattern list",
        "a LIST \"\" ()\r\n",
        "ERR a SYNTAX @11 empty pattern list\n"
        "END idle\n"),
    LOG("list: pattern list with a literal and a quoted name",
        "a LIST \"\" (a \"b c\" {1}\r\nd)\r\n",
        "LIT a 1 arg @19\n"
        "OK a LIST \"\" (a \"b c\" d) @0+28\n"
        "END idle\n"),
    LOG("list: pattern invalid modified UTF-7",
        "a LIST \"\" &Jjo\r\n",
        "ERR a SYNTAX @10 mailbox name is not valid modified UTF-7\n"
        "END idle\n"),
    LOG("list: RETURN without options",
        "a LIST \"\" * RETURN\r\n",
        "ERR a SYNTAX @18 return options missing\n"
        "END idle\n"),
    LOG("list: RETURN without SP",
        "a LIST \"\" * RETURN()\r\n",
        "ERR a SYNTAX @18 expected space\n"
        "END idle\n"),
    LOG("list: RETURN with an atom",
        "a LIST \"\" * RETURN x\r\n",
        "ERR a SYNTAX @19 return options expected\n"
        "END idle\n"),
    LOG("list: RETURN options not closed",
        "a LIST \"\" * RETURN (CHILDREN\r\n",
        "ERR a SYNTAX @28 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("list: RETURN option quoted",
        "a LIST \"\" * RETURN (\"CHILDREN\")\r\n",
        "ERR a SYNTAX @20 invalid return option\n"
        "END idle\n"),
    LOG("list: RETURN with SP before ')'",
        "a LIST \"\" * RETURN (CHILDREN )\r\n",
        "ERR a SYNTAX @28 unexpected space\n"
        "END idle\n"),
    LOG("list: RETURN empty option value",
        "a LIST \"\" * RETURN (X-A ())\r\n",
        "ERR a SYNTAX @24 empty option value\n"
        "END idle\n"),
    LOG("list: RETURN STATUS without attributes",
        "a LIST \"\" * RETURN (STATUS)\r\n",
        "ERR a SYNTAX @26 status attribute list missing\n"
        "END idle\n"),
    LOG("list: RETURN STATUS empty attributes",
        "a LIST \"\" * RETURN (STATUS ())\r\n",
        "ERR a SYNTAX @28 empty status attribute list\n"
        "END idle\n"),
    LOG("list: RETURN STATUS twice",
        "a LIST \"\" * RETURN (STATUS (MESSAGES) STATUS (UNSEEN))\r\n",
        "ERR a SYNTAX @38 duplicate STATUS return option\n"
        "END idle\n"),
    LOG("list: RETURN STATUS unknown attribute",
        "a LIST \"\" * RETURN (STATUS (FOO))\r\n",
        "ERR a SYNTAX @28 invalid status attribute\n"
        "END idle\n"),
    OK1("list: every return option",
        "a LIST \"\" * RETURN (MYRIGHTS SPECIAL-USE STATUS (SIZE) CHILDREN SUBSCRIBED X-Y)\r\n",
        "a LIST \"\" * RETURN (SUBSCRIBED CHILDREN SPECIAL-USE STATUS (SIZE) MYRIGHTS X-Y)"),
    LOG("list: argument after RETURN",
        "a LIST \"\" * RETURN () x\r\n",
        "ERR a SYNTAX @21 unexpected argument\n"
        "END idle\n"),
    LOG("list: word other than RETURN",
        "a LIST \"\" * RETURNS ()\r\n",
        "ERR a SYNTAX @11 unexpected argument\n"
        "END idle\n"),
    LIM("list: depth 1: RETURN STATUS list is level 2",
        "a LIST \"\" * RETURN (STATUS (SIZE))\r\nb NOOP\r\n",
        "ERR a LIMIT @27 nesting too deep\n"
        "OK b NOOP @36+8\n"
        "END idle\n",
        1, 0, 0),
    LIM("list: items 1: second selection option",
        "a LIST (SUBSCRIBED REMOTE) \"\" *\r\nb NOOP\r\n",
        "ERR a LIMIT @19 too many arguments\n"
        "OK b NOOP @33+8\n"
        "END idle\n",
        0, 1, 0),
    LIM("list: items 1: option-extension after SUBSCRIBED",
        "a LIST (SUBSCRIBED X-A) \"\" *\r\nb NOOP\r\n",
        "ERR a LIMIT @19 too many arguments\n"
        "OK b NOOP @30+8\n"
        "END idle\n",
        0, 1, 0),
    LIM("list: items 3: the return option is item 4",
        "a LIST \"\" * RETURN (CHILDREN)\r\nb NOOP\r\n",
        "ERR a LIMIT @20 too many arguments\n"
        "OK b NOOP @31+8\n"
        "END idle\n",
        0, 3, 0),
    LIM("list: items 1: the atom pattern is item 2",
        "a LIST x y\r\nb NOOP\r\n",
        "ERR a LIMIT @9 too many arguments\n"
        "OK b NOOP @12+8\n"
        "END idle\n",
        0, 1, 0),
    LIM("list: arena 8: no room for the pattern",
        "a LIST \"\" *\r\nb NOOP\r\n",
        "ERR a NOMEM @10 command too complex (arena full)\n"
        "OK b NOOP @13+8\n"
        "END idle\n",
        0, 0, 8),
    LIM("list: arena 16: no room for a pattern list",
        "a LIST \"\" (a)\r\nb NOOP\r\n",
        "ERR a NOMEM @11 command too complex (arena full)\n"
        "OK b NOOP @15+8\n"
        "END idle\n",
        0, 0, 16),
    LIM("list: arena 48: no room for a selection option-extension",
        "a LIST (X-A) \"\" *\r\nb NOOP\r\n",
        "ERR a NOMEM @8 command too complex (arena full)\n"
        "OK b NOOP @19+8\n"
        "END idle\n",
        0, 0, 48),
    LIM("list: arena 64: the option-extension fits, the pattern does not",
        "a LIST (X-A) \"\" *\r\nb NOOP\r\n",
        "ERR a NOMEM @16 command too complex (arena full)\n"
        "OK b NOOP @19+8\n"
        "END idle\n",
        0, 0, 64),
    LIM("list: arena 64: no room for a return option-extension",
        "a LIST \"\" * RETURN (X-A)\r\nb NOOP\r\n",
        "ERR a NOMEM @20 command too complex (arena full)\n"
        "OK b NOOP @26+8\n"
        "END idle\n",
        0, 0, 64),
    LOG("lsub: bad reference",
        "a LSUB (\r\n",
        "ERR a SYNTAX @7 invalid character in string\n"
        "END idle\n"),
    LOG("lsub: argument after the pattern",
        "a LSUB \"\" * x\r\n",
        "ERR a SYNTAX @11 unexpected argument\n"
        "END idle\n"),

    /* ==== DELETE, SUBSCRIBE, UNSUBSCRIBE, GETQUOTAROOT, GETACL, MYRIGHTS; UID EXPUNGE ==== */
    LOG("mailbox-only: each command",
        "a DELETE x\r\nb SUBSCRIBE \"y z\"\r\nc UNSUBSCRIBE inbox\r\nd GETQUOTAROOT {1}\r\nq\r\ne GETACL x\r\nf MYRIGHTS x\r\n",
        "OK a DELETE x @0+12\n"
        "OK b SUBSCRIBE \"y z\" @12+19\n"
        "OK c UNSUBSCRIBE inbox @31+21\n"
        "LIT d 1 arg @67\n"
        "OK d GETQUOTAROOT q @52+23\n"
        "OK e GETACL x @75+12\n"
        "OK f MYRIGHTS x @87+14\n"
        "END idle\n"),
    LOG("mailbox-only: no mailbox",
        "a DELETE\r\nb GETQUOTAROOT\r\n",
        "ERR a SYNTAX @8 mailbox missing\n"
        "ERR b SYNTAX @24 mailbox missing\n"
        "END idle\n"),
    LOG("mailbox-only: bad mailbox",
        "a GETACL (\r\nb MYRIGHTS )\r\n",
        "ERR a SYNTAX @9 invalid character in string\n"
        "ERR b SYNTAX @23 invalid character in string\n"
        "END idle\n"),
    LOG("mailbox-only: trailing SP",
        "a SUBSCRIBE x \r\n",
        "ERR a SYNTAX @13 unexpected argument\n"
        "END idle\n"),
    LOG("mailbox-only: extra argument",
        "a UNSUBSCRIBE x y\r\n",
        "ERR a SYNTAX @15 unexpected argument\n"
        "END idle\n"),
    OK1("uid expunge",
        "a UID EXPUNGE 1:4294967295,7\r\n",
        "a UID EXPUNGE 1:4294967295,7"),
    LOG("uid expunge: no set",
        "a UID EXPUNGE\r\n",
        "ERR a SYNTAX @13 sequence set missing\n"
        "END idle\n"),
    LOG("uid expunge: bad set",
        "a UID EXPUNGE x\r\n",
        "ERR a SYNTAX @14 sequence set expected\n"
        "END idle\n"),
    LOG("uid expunge: 2^32",
        "a UID EXPUNGE 4294967296\r\n",
        "ERR a SYNTAX @14 number out of range\n"
        "END idle\n"),
    LOG("uid expunge: extra argument",
        "a UID EXPUNGE 1 2\r\n",
        "ERR a SYNTAX @15 unexpected argument\n"
        "END idle\n"),

    /* ==== NAMESPACE (RFC 2342, RFC 9051 §6.3.10): no arguments ==== */
    OK1("namespace",
        "a NAMESPACE\r\n",
        "a NAMESPACE"),
    LOG("namespace: extra argument",
        "a NAMESPACE x\r\n",
        "ERR a SYNTAX @11 unexpected argument\n"
        "END idle\n"),
    LOG("namespace: trailing SP",
        "a namespace \r\n",
        "ERR a SYNTAX @11 unexpected argument\n"
        "END idle\n"),

    /* ==== ENABLE (RFC 5161) ==== */
    LIM("enable: items 1: the second capability",
        "a ENABLE A B\r\nb NOOP\r\n",
        "ERR a LIMIT @11 too many arguments\n"
        "OK b NOOP @14+8\n"
        "END idle\n",
        0, 1, 0),

    /* ==== ID (RFC 2971) ==== */
    LOG("id: NIL followed by an atom character",
        "a ID NILX\r\n",
        "ERR a SYNTAX @5 expected '(' or NIL\n"
        "END idle\n"),
    LOG("id: an atom",
        "a ID x\r\n",
        "ERR a SYNTAX @5 expected '(' or NIL\n"
        "END idle\n"),
    LOG("id: an atom starting like NIL",
        "a ID NIX\r\n",
        "ERR a SYNTAX @5 expected '(' or NIL\n"
        "END idle\n"),
    LOG("id: field without value, line ends",
        "a ID (\"a\"\r\n",
        "ERR a SYNTAX @9 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("id: value missing after SP",
        "a ID (\"a\" )\r\n",
        "ERR a SYNTAX @10 string expected\n"
        "END idle\n"),
    LOG("id: value is an atom",
        "a ID (\"a\" x)\r\n",
        "ERR a SYNTAX @10 string expected\n"
        "END idle\n"),
    LOG("id: SP before ')'",
        "a ID (\"a\" \"b\" )\r\n",
        "ERR a SYNTAX @13 unexpected space\n"
        "END idle\n"),
    LOG("id: two SP between pairs",
        "a ID (\"a\" \"b\"  \"c\" \"d\")\r\n",
        "ERR a SYNTAX @13 unexpected space\n"
        "END idle\n"),
    LOG("id: bad byte after a value",
        "a ID (\"a\" \"b\"x)\r\n",
        "ERR a SYNTAX @13 expected space or ')'\n"
        "END idle\n"),
    LOG("id: list not closed",
        "a ID (\"a\" NIL\r\n",
        "ERR a SYNTAX @13 unbalanced parenthesis\n"
        "END idle\n"),
    LIM("id: arena 8: no room for a pair",
        "a ID (\"a\" \"b\")\r\nb NOOP\r\n",
        "ERR a NOMEM @6 command too complex (arena full)\n"
        "OK b NOOP @16+8\n"
        "END idle\n",
        0, 0, 8),

    /* ==== COMPRESS (RFC 4978), GETQUOTA / SETQUOTA (RFC 9208) ==== */
    LOG("compress: quoted algorithm",
        "a COMPRESS \"DEFLATE\"\r\n",
        "ERR a SYNTAX @11 invalid algorithm\n"
        "END idle\n"),
    LOG("getquota: bad root",
        "a GETQUOTA (\r\n",
        "ERR a SYNTAX @11 invalid character in string\n"
        "END idle\n"),
    LOG("getquota: literal root",
        "a GETQUOTA {2}\r\nr1\r\n",
        "LIT a 2 arg @11\n"
        "OK a GETQUOTA r1 @0+20\n"
        "END idle\n"),
    LOG("setquota: no root",
        "a SETQUOTA\r\n",
        "ERR a SYNTAX @10 quota root missing\n"
        "END idle\n"),
    LOG("setquota: bad root",
        "a SETQUOTA (\r\n",
        "ERR a SYNTAX @11 invalid character in string\n"
        "END idle\n"),
    OK1("setquota: limit 2^63-1",
        "a SETQUOTA r (STORAGE 9223372036854775807 MESSAGE 0)\r\n",
        "a SETQUOTA r (STORAGE 9223372036854775807 MESSAGE 0)"),
    LOG("setquota: limit 2^63",
        "a SETQUOTA r (STORAGE 9223372036854775808)\r\n",
        "ERR a SYNTAX @22 number out of range\n"
        "END idle\n"),
    LOG("setquota: limit missing at line end",
        "a SETQUOTA r (STORAGE\r\n",
        "ERR a SYNTAX @21 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("setquota: limit missing before ')'",
        "a SETQUOTA r (STORAGE)\r\n",
        "ERR a SYNTAX @21 resource limit missing\n"
        "END idle\n"),
    LOG("setquota: two SP before the limit",
        "a SETQUOTA r (STORAGE  1)\r\n",
        "ERR a SYNTAX @22 resource limit expected\n"
        "END idle\n"),
    LOG("setquota: SP before ')'",
        "a SETQUOTA r (STORAGE 1 )\r\n",
        "ERR a SYNTAX @23 unexpected space\n"
        "END idle\n"),
    LOG("setquota: resources separated by a comma",
        "a SETQUOTA r (STORAGE 1,MESSAGE 2)\r\n",
        "ERR a SYNTAX @23 expected space or ')'\n"
        "END idle\n"),
    LIM("setquota: arena 8: no room for a resource",
        "a SETQUOTA r (STORAGE 1)\r\nb NOOP\r\n",
        "ERR a NOMEM @14 command too complex (arena full)\n"
        "OK b NOOP @26+8\n"
        "END idle\n",
        0, 0, 8),
    LIM("setquota: items 2: the limit is item 3",
        "a SETQUOTA r (STORAGE 1)\r\nb NOOP\r\n",
        "ERR a LIMIT @22 too many arguments\n"
        "OK b NOOP @26+8\n"
        "END idle\n",
        0, 2, 0),

    /* ==== SETACL / DELETEACL / LISTRIGHTS (RFC 4314): identifier UTF-8, mod-rights ==== */
    LOG("acl: 2-, 3- and 4-byte UTF-8 identifiers",
        "a SETACL x {2}\r\n\xc3\xa9 l\r\nb SETACL x {3}\r\n\xe2\x82\xac l\r\nc SETACL x {4}\r\n\xf0\x9f\x98\x80 l\r\n",
        "LIT a 2 arg @11\n"
        "OK a SETACL x {2}\\r\\n\\xc3\\xa9 l @0+22\n"
        "LIT b 3 arg @33\n"
        "OK b SETACL x {3}\\r\\n\\xe2\\x82\\xac l @22+23\n"
        "LIT c 4 arg @56\n"
        "OK c SETACL x {4}\\r\\n\\xf0\\x9f\\x98\\x80 l @45+24\n"
        "END idle\n"),
    LOG("acl: UTF-8 boundaries E0 A0, ED 9F, F0 90, F4 8F",
        "a DELETEACL x {3}\r\n\xe0\xa0\x80\r\nb DELETEACL x {3}\r\n\xed\x9f\xbf\r\nc DELETEACL x {4}\r\n\xf0\x90\x80\x80\r\nd DELETEACL x {4}\r\n\xf4\x8f\xbf\xbf\r\n",
        "LIT a 3 arg @14\n"
        "OK a DELETEACL x {3}\\r\\n\\xe0\\xa0\\x80 @0+24\n"
        "LIT b 3 arg @38\n"
        "OK b DELETEACL x {3}\\r\\n\\xed\\x9f\\xbf @24+24\n"
        "LIT c 4 arg @62\n"
        "OK c DELETEACL x {4}\\r\\n\\xf0\\x90\\x80\\x80 @48+25\n"
        "LIT d 4 arg @87\n"
        "OK d DELETEACL x {4}\\r\\n\\xf4\\x8f\\xbf\\xbf @73+25\n"
        "END idle\n"),
    LOG("acl: UTF-8 lone continuation byte",
        "a LISTRIGHTS x {1}\r\n\x80\r\n",
        "LIT a 1 arg @15\n"
        "ERR a SYNTAX @15 identifier is not valid UTF-8\n"
        "END idle\n"),
    LOG("acl: UTF-8 overlong lead C1",
        "a LISTRIGHTS x {2}\r\n\xc1\xbf\r\n",
        "LIT a 2 arg @15\n"
        "ERR a SYNTAX @15 identifier is not valid UTF-8\n"
        "END idle\n"),
    LOG("acl: UTF-8 lead F5",
        "a LISTRIGHTS x {4}\r\n\xf5\x80\x80\x80\r\n",
        "LIT a 4 arg @15\n"
        "ERR a SYNTAX @15 identifier is not valid UTF-8\n"
        "END idle\n"),
    LOG("acl: UTF-8 overlong E0 80",
        "a LISTRIGHTS x {3}\r\n\xe0\x80\x80\r\n",
        "LIT a 3 arg @15\n"
        "ERR a SYNTAX @15 identifier is not valid UTF-8\n"
        "END idle\n"),
    LOG("acl: UTF-8 surrogate ED A0",
        "a LISTRIGHTS x {3}\r\n\xed\xa0\x80\r\n",
        "LIT a 3 arg @15\n"
        "ERR a SYNTAX @15 identifier is not valid UTF-8\n"
        "END idle\n"),
    LOG("acl: UTF-8 overlong F0 80",
        "a LISTRIGHTS x {4}\r\n\xf0\x80\x80\x80\r\n",
        "LIT a 4 arg @15\n"
        "ERR a SYNTAX @15 identifier is not valid UTF-8\n"
        "END idle\n"),
    LOG("acl: UTF-8 above U+10FFFF (F4 90)",
        "a LISTRIGHTS x {4}\r\n\xf4\x90\x80\x80\r\n",
        "LIT a 4 arg @15\n"
        "ERR a SYNTAX @15 identifier is not valid UTF-8\n"
        "END idle\n"),
    LOG("acl: UTF-8 truncated",
        "a LISTRIGHTS x {2}\r\n\xe2\x82\r\n",
        "LIT a 2 arg @15\n"
        "ERR a SYNTAX @15 identifier is not valid UTF-8\n"
        "END idle\n"),
    LOG("acl: UTF-8 third byte not a continuation",
        "a LISTRIGHTS x {3}\r\n\xe2\x82" "A\r\n",
        "LIT a 3 arg @15\n"
        "ERR a SYNTAX @15 identifier is not valid UTF-8\n"
        "END idle\n"),
    LOG("acl: UTF-8 third byte above BF",
        "a LISTRIGHTS x {3}\r\n\xe2\x82\xc0\r\n",
        "LIT a 3 arg @15\n"
        "ERR a SYNTAX @15 identifier is not valid UTF-8\n"
        "END idle\n"),
    LOG("acl: UTF-8 fourth byte not a continuation",
        "a LISTRIGHTS x {4}\r\n\xf0\x9f\x98\x7f\r\n",
        "LIT a 4 arg @15\n"
        "ERR a SYNTAX @15 identifier is not valid UTF-8\n"
        "END idle\n"),
    LOG("acl: rights with a byte above 'z'",
        "a SETACL x y l~\r\n",
        "ERR a SYNTAX @14 invalid character in rights\n"
        "END idle\n"),
    LOG("acl: rights with '_' (between 'Z' and 'a')",
        "a SETACL x y l_\r\n",
        "ERR a SYNTAX @14 invalid character in rights\n"
        "END idle\n"),
    LOG("acl: rights with '+' after the prefix",
        "a SETACL x y +-l\r\n",
        "ERR a SYNTAX @14 invalid character in rights\n"
        "END idle\n"),
    LOG("acl: rights missing",
        "a SETACL x y\r\n",
        "ERR a SYNTAX @12 rights missing\n"
        "END idle\n"),
    LOG("acl: bad rights string",
        "a SETACL x y (\r\n",
        "ERR a SYNTAX @13 invalid character in string\n"
        "END idle\n"),
    OK1("acl: quoted rights with the prefix",
        "a SETACL x y \"-lrs\"\r\n",
        "a SETACL x y -lrs"),
    OK1("acl: empty rights",
        "a SETACL x y \"\"\r\n",
        "a SETACL x y \"\""),
    OK1("acl: rights with digits",
        "a SETACL x y +0123456789\r\n",
        "a SETACL x y +0123456789"),
    LOG("acl: rights after an identifier",
        "a DELETEACL x y z\r\n",
        "ERR a SYNTAX @15 unexpected argument\n"
        "END idle\n"),

    /* ==== GETMETADATA / SETMETADATA (RFC 5464) ==== */
    LOG("metadata: empty entry name",
        "a GETMETADATA x \"\"\r\n",
        "ERR a SYNTAX @16 entry name must start with /private/ or /shared/\n"
        "END idle\n"),
    LOG("metadata: entry of prefix only",
        "a GETMETADATA x /private\r\n",
        "ERR a SYNTAX @16 entry name needs a component after its prefix\n"
        "END idle\n"),
    LOG("metadata: entry ending in /",
        "a GETMETADATA x /private/a/\r\n",
        "ERR a SYNTAX @16 empty component in entry name\n"
        "END idle\n"),
    LOG("metadata: entry with DEL",
        "a GETMETADATA x \"/shared/a\x7f\"\r\n",
        "ERR a SYNTAX @16 invalid character in entry name\n"
        "END idle\n"),
    LOG("metadata: entry with %",
        "a GETMETADATA x \"/shared/%\"\r\n",
        "ERR a SYNTAX @16 invalid character in entry name\n"
        "END idle\n"),
    OK1("metadata: option labels with _ . : digits",
        "a GETMETADATA (X_a.b:1 7 .c) x /shared/a\r\n",
        "a GETMETADATA (X_a.b:1 7 .c) x /shared/a"),
    OK1("metadata: MAXSIZE 2^32-1 and DEPTH 0",
        "a GETMETADATA (DEPTH 0 MAXSIZE 4294967295) x (/shared/a)\r\n",
        "a GETMETADATA (MAXSIZE 4294967295 DEPTH 0) x (/shared/a)"),
    LOG("metadata: MAXSIZE 2^32",
        "a GETMETADATA (MAXSIZE 4294967296) x /shared/a\r\n",
        "ERR a SYNTAX @23 number out of range\n"
        "END idle\n"),
    LOG("metadata: MAXSIZE name alone in entries",
        "a GETMETADATA x (MAXSIZE)\r\n",
        "ERR a SYNTAX @17 entry name must start with /private/ or /shared/\n"
        "END idle\n"),
    LOG("metadata: entries list not closed",
        "a GETMETADATA x (/shared/a\r\n",
        "ERR a SYNTAX @26 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("metadata: option value after two SP",
        "a GETMETADATA (X-A  1) x /shared/a\r\n",
        "ERR a SYNTAX @18 unexpected space\n"
        "END idle\n"),
    LIM("metadata: items 1: MAXSIZE value",
        "a GETMETADATA (MAXSIZE 1) x /shared/a\r\nb NOOP\r\n",
        "ERR a LIMIT @23 too many arguments\n"
        "OK b NOOP @39+8\n"
        "END idle\n",
        0, 1, 0),
    LIM("metadata: items 1: DEPTH value",
        "a GETMETADATA (DEPTH 1) x /shared/a\r\nb NOOP\r\n",
        "ERR a LIMIT @21 too many arguments\n"
        "OK b NOOP @37+8\n"
        "END idle\n",
        0, 1, 0),
    LIM("metadata: items 1: second option",
        "a GETMETADATA (X-A X-B) x /shared/a\r\nb NOOP\r\n",
        "ERR a LIMIT @19 too many arguments\n"
        "OK b NOOP @37+8\n"
        "END idle\n",
        0, 1, 0),
    LIM("metadata: items 2: SETMETADATA value",
        "a SETMETADATA x (/shared/a \"v\")\r\nb NOOP\r\n",
        "ERR a LIMIT @27 too many arguments\n"
        "OK b NOOP @33+8\n"
        "END idle\n",
        0, 2, 0),
    LIM("metadata: arena 48: no room for an option",
        "a GETMETADATA (X-A) x /shared/a\r\nb NOOP\r\n",
        "ERR a NOMEM @15 command too complex (arena full)\n"
        "OK b NOOP @33+8\n"
        "END idle\n",
        0, 0, 48),
    LIM("metadata: arena 64: the option fits, the entry does not",
        "a GETMETADATA (X-A) x /shared/a\r\nb NOOP\r\n",
        "ERR a NOMEM @22 command too complex (arena full)\n"
        "OK b NOOP @33+8\n"
        "END idle\n",
        0, 0, 64),
    LIM("metadata: arena 8: no room for an entry",
        "a GETMETADATA x /shared/a\r\nb NOOP\r\n",
        "ERR a NOMEM @16 command too complex (arena full)\n"
        "OK b NOOP @27+8\n"
        "END idle\n",
        0, 0, 8),
    LIM("metadata: arena 8: no room for an entry in a list",
        "a GETMETADATA x (/shared/a)\r\nb NOOP\r\n",
        "ERR a NOMEM @17 command too complex (arena full)\n"
        "OK b NOOP @29+8\n"
        "END idle\n",
        0, 0, 8),
    LIM("metadata: arena 16: no room for an entry-value",
        "a SETMETADATA x (/shared/a NIL)\r\nb NOOP\r\n",
        "ERR a NOMEM @17 command too complex (arena full)\n"
        "OK b NOOP @33+8\n"
        "END idle\n",
        0, 0, 16),
    LOG("setmetadata: bad mailbox",
        "a SETMETADATA (\r\n",
        "ERR a SYNTAX @14 invalid character in string\n"
        "END idle\n"),
    LOG("setmetadata: entry then line end",
        "a SETMETADATA x (/shared/a\r\n",
        "ERR a SYNTAX @26 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("setmetadata: value an atom",
        "a SETMETADATA x (/shared/a x)\r\n",
        "ERR a SYNTAX @27 string expected\n"
        "END idle\n"),
    LOG("setmetadata: value a bad literal header",
        "a SETMETADATA x (/shared/a {x)\r\n",
        "ERR a SYNTAX @27 invalid value\n"
        "END idle\n"),
    LOG("setmetadata: value a ~ without literal8",
        "a SETMETADATA x (/shared/a ~x)\r\n",
        "ERR a SYNTAX @27 string expected\n"
        "END idle\n"),
    OK1("setmetadata: value with a control character",
        "a SETMETADATA x (/shared/a \"\x01\")\r\n",
        "a SETMETADATA x (/shared/a \"\\x01\")"),
    LOG("setmetadata: literal8 value with NUL",
        "a SETMETADATA x (/shared/a ~{2}\r\n\x00" "b)\r\n",
        "LIT a 28 arg @27\n"
        "OK a SETMETADATA x (/shared/a ~{2}\\r\\n\\x00b) @0+38\n"
        "END idle\n"),
    LOG("setmetadata: SP before ')'",
        "a SETMETADATA x (/shared/a \"v\" )\r\n",
        "ERR a SYNTAX @30 unexpected space\n"
        "END idle\n"),

    /* ==== APPEND (RFC 9051 §6.3.12), MULTIAPPEND (RFC 3502), date-time (D5) ==== */
    LOG("append: 29-Feb-1900 (divisible by 100, not 400)",
        "a APPEND x \"29-Feb-1900 00:00:00 +0000\" {1}\r\n",
        "ERR a SYNTAX @12 invalid day of month\n"
        "END idle\n"),
    LOG("append: 29-Feb-2000 (divisible by 400)",
        "a APPEND x \"29-Feb-2000 00:00:00 +0000\" {1}\r\nx\r\n",
        "LIT a 1 msg @40\n"
        "DATA 1\n"
        "OK a APPEND x \"29-Feb-2000 00:00:00 +0000\" {1}\\r\\nx @0+48\n"
        "END idle\n"),
    LOG("append: leap day, leap second, zone -2359, space-padded day, year 0000",
        "a APPEND x \"29-Feb-2024 23:59:60 -2359\" {1}\r\nx \" 1-dec-0000 00:00:00 +0000\" {1}\r\ny\r\n",
        "LIT a 1 msg @40\n"
        "DATA 1\n"
        "LIT a 1 msg @76\n"
        "DATA 1\n"
        "OK a APPEND x \"29-Feb-2024 23:59:60 -2359\" {1}\\r\\nx \"01-Dec-0000 00:00:00 +0000\" {1}\\r\\ny @0+84\n"
        "END idle\n"),
    LOG("append: day 00",
        "a APPEND x \"00-Jan-2020 00:00:00 +0000\" {1}\r\n",
        "ERR a SYNTAX @12 invalid day of month\n"
        "END idle\n"),
    LOG("append: 31-Apr",
        "a APPEND x \"31-Apr-2020 00:00:00 +0000\" {1}\r\n",
        "ERR a SYNTAX @12 invalid day of month\n"
        "END idle\n"),
    LOG("append: hour 24",
        "a APPEND x \"01-Jan-2020 24:00:00 +0000\" {1}\r\n",
        "ERR a SYNTAX @24 invalid time of day\n"
        "END idle\n"),
    LOG("append: minute 60",
        "a APPEND x \"01-Jan-2020 00:60:00 +0000\" {1}\r\n",
        "ERR a SYNTAX @24 invalid time of day\n"
        "END idle\n"),
    LOG("append: second 61",
        "a APPEND x \"01-Jan-2020 00:00:61 +0000\" {1}\r\n",
        "ERR a SYNTAX @24 invalid time of day\n"
        "END idle\n"),
    LOG("append: zone hours 24",
        "a APPEND x \"01-Jan-2020 00:00:00 +2400\" {1}\r\n",
        "ERR a SYNTAX @33 invalid time zone\n"
        "END idle\n"),
    LOG("append: zone minutes 60",
        "a APPEND x \"01-Jan-2020 00:00:00 -0060\" {1}\r\n",
        "ERR a SYNTAX @33 invalid time zone\n"
        "END idle\n"),
    LOG("append: no SP after the flag list",
        "a APPEND x (\\Seen){1}\r\n",
        "ERR a SYNTAX @18 expected space\n"
        "END idle\n"),
    LOG("append: no SP after the date-time",
        "a APPEND x \"01-Jan-2020 00:00:00 +0000\"{1}\r\n",
        "ERR a SYNTAX @39 expected space\n"
        "END idle\n"),
    LOG("append: flag list not closed",
        "a APPEND x (\\Seen\r\n",
        "ERR a SYNTAX @17 unbalanced parenthesis\n"
        "END idle\n"),
    LOG("append: flags then line end",
        "a APPEND x (\\Seen)\r\n",
        "ERR a SYNTAX @18 message literal missing\n"
        "END idle\n"),
    LOG("append: unterminated quoted string where the date may stand",
        "a APPEND x \"abc\r\n",
        "ERR a SYNTAX @15 unterminated quoted string\n"
        "END idle\n"),
    LOG("append: a quoted string in place of the literal",
        "a APPEND x \"01-Jan-2020 00:00:00 +0000\" \"abc\"\r\n",
        "ERR a SYNTAX @40 message literal expected\n"
        "END idle\n"),
    LOG("append: an atom instead of a literal",
        "a APPEND x abc\r\n",
        "ERR a SYNTAX @11 message literal expected\n"
        "END idle\n"),
    LOG("append: second message after a bad byte",
        "a APPEND x {1}\r\nxy\r\n",
        "LIT a 1 msg @11\n"
        "DATA 1\n"
        "ERR a SYNTAX @17 expected space\n"
        "END idle\n"),
    LOG("append: a second message with flags, date and literal8",
        "a APPEND x {1}\r\nx (\\Seen) \"01-Jan-2020 00:00:00 +0000\" ~{1}\r\ny\r\n",
        "LIT a 1 msg @11\n"
        "DATA 1\n"
        "LIT a 18 msg @55\n"
        "DATA 1\n"
        "OK a APPEND x {1}\\r\\nx (\\\\Seen) \"01-Jan-2020 00:00:00 +0000\" ~{1}\\r\\ny @0+64\n"
        "END idle\n"),
    LIM("append: items 1: the second message",
        "a APPEND x {1}\r\nx {1}\r\nb NOOP\r\n",
        "LIT a 1 msg @11\n"
        "DATA 1\n"
        "ERR a LIMIT @18 too many messages\n"
        "OK b NOOP @23+8\n"
        "END idle\n",
        0, 1, 0),
    LIM("append: arena 8: no room for the flag list",
        "a APPEND x (\\Seen) {1}\r\nb NOOP\r\n",
        "ERR a NOMEM @12 command too complex (arena full)\n"
        "OK b NOOP @24+8\n"
        "END idle\n",
        0, 0, 8),
    LIM("append: arena 48: no room for the message record",
        "a APPEND x (\\Seen) {1}\r\nb NOOP\r\n",
        "ERR a NOMEM @19 command too complex (arena full)\n"
        "OK b NOOP @24+8\n"
        "END idle\n",
        0, 0, 48),

    /* ==== LOGIN (RFC 9051 §6.2.3) ==== */
    LOG("login: atoms, quoted and literal",
        "a LOGIN u p\r\nb login \"u s\" {2}\r\np1\r\n",
        "OK a LOGIN u p @0+13\n"
        "LIT b 2 arg @27\n"
        "OK b LOGIN \"u s\" p1 @13+23\n"
        "END idle\n"),
    LOG("login: no user",
        "a LOGIN\r\n",
        "ERR a SYNTAX @7 user name missing\n"
        "END idle\n"),
    LOG("login: no password",
        "a LOGIN u\r\n",
        "ERR a SYNTAX @9 password missing\n"
        "END idle\n"),
    LOG("login: bad user",
        "a LOGIN ( p\r\n",
        "ERR a SYNTAX @8 invalid character in string\n"
        "END idle\n"),
    LOG("login: bad password",
        "a LOGIN u )\r\n",
        "ERR a SYNTAX @10 invalid character in string\n"
        "END idle\n"),
    LOG("login: extra argument",
        "a LOGIN u p x\r\n",
        "ERR a SYNTAX @11 unexpected argument\n"
        "END idle\n"),

    /* ==== AUTHENTICATE (RFC 9051 §6.2.2), SASL-IR (RFC 4959), SASL responses, DONE ==== */
    LOG("authenticate: quoted mechanism",
        "a AUTHENTICATE \"PLAIN\"\r\n",
        "ERR a SYNTAX @15 invalid mechanism name\n"
        "END idle\n"),
    LOG("authenticate: bad byte after the mechanism",
        "a AUTHENTICATE PLAIN)\r\n",
        "ERR a SYNTAX @20 expected space\n"
        "END idle\n"),
    LOG("authenticate: '=' then more",
        "a AUTHENTICATE PLAIN =abc\r\n",
        "ERR a SYNTAX @21 invalid base64\n"
        "END idle\n"),
    LOG("authenticate: '==' alone",
        "a AUTHENTICATE PLAIN ==\r\n",
        "ERR a SYNTAX @21 invalid base64\n"
        "END idle\n"),
    LOG("authenticate: digits, +, / then a bad byte",
        "a AUTHENTICATE PLAIN 09+/.AAA\r\n",
        "ERR a SYNTAX @25 invalid base64\n"
        "END idle\n"),
    LOG("authenticate: a byte above 'z' after base64 letters",
        "a AUTHENTICATE PLAIN AB~C\r\n",
        "ERR a SYNTAX @23 invalid base64\n"
        "END idle\n"),
    LOG("authenticate: '=' inside the run",
        "a AUTHENTICATE PLAIN AB=C\r\n",
        "ERR a SYNTAX @21 invalid base64\n"
        "END idle\n"),
    LOG("authenticate: valid run then a bad group",
        "a AUTHENTICATE PLAIN AB9+/==\r\n",
        "ERR a SYNTAX @25 invalid base64\n"
        "END idle\n"),
    OK1("authenticate: pad bits are ignored",
        "a AUTHENTICATE PLAIN AR==\r\n",
        "a AUTHENTICATE PLAIN AQ=="),
    LIM("authenticate: arena 48: no room for the decoded response",
        "a AUTHENTICATE PLAIN AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\nb NOOP\r\n",
        "ERR a NOMEM @21 command too complex (arena full)\n"
        "OK b NOOP @95+8\n"
        "END idle\n",
        0, 0, 48),
    EXP("sasl: '*' then more is base64 '*'",
        "*a\r\n",
        "ERR * SYNTAX @0 invalid base64\n"
        "END idle\n",
        1),
    EXP("sasl: '**'",
        "**\r\n",
        "ERR * SYNTAX @0 invalid base64\n"
        "END idle\n",
        1),
    EXP("done: DONE then more",
        "DONEX\r\n",
        "ERR * SYNTAX @0 expected DONE\n"
        "END idle\n",
        2),
    EXP("done: DONE then SP",
        "DONE \r\n",
        "ERR * SYNTAX @0 expected DONE\n"
        "END idle\n",
        2),
    EXP("done: lower case",
        "done\r\n",
        "OK DONE @0+6\n"
        "END idle\n",
        2),

};

/* ---- typed values, equality and the serializer, checked in C ---- */

struct slot {
    struct ig_parser p;
    void *mem;
};

static struct slot slots[2];

/* Parses one complete command in slot k (every literal accepted, message octets
 * skipped); NULL when the parser does not accept it. The command stays valid until
 * the slot is used again. */
static const struct ig_command *parse1(int k, const char *s)
{
    struct slot *sl = &slots[k];
    if (sl->mem == NULL)
        sl->mem = malloc(ig_parser_memsize(NULL));
    return parse_first(&sl->p, sl->mem, ig_parser_memsize(NULL), s, 0);
}

static struct ig_span span(const char *s)
{
    struct ig_span v = {(const unsigned char *)s, strlen(s)};
    return v;
}


static char emitted[4096];

/* Emits c into `emitted` (NUL-terminated); 0 when the serializer refuses it. */
static int emits(const struct ig_command *c)
{
    size_t n = ig_command_emit(c, 0, emitted, sizeof(emitted) - 1);
    if (n == (size_t)-1 || n >= sizeof(emitted))
        return 0;
    emitted[n] = 0;
    return 1;
}

/* c emits exactly want (CRLF included). */
static void emits_as(const struct ig_command *c, const char *want, const char *what)
{
    int r = emits(c);
    ok(r && strcmp(emitted, want) == 0, what);
    if (r && strcmp(emitted, want) != 0)
        printf("#   got: %s", emitted);
}

static void refused(const struct ig_command *c, const char *what)
{
    ok(!emits(c), what);
}

/* Parses a and b and checks ig_command_equal() both ways. */
static void eq(const char *a, const char *b, int want, const char *what)
{
    const struct ig_command *x = parse1(0, a), *y = parse1(1, b);
    ok(x && y && ig_command_equal(x, y) == want && ig_command_equal(y, x) == want, what);
}

static void test_typed(void)
{
    const struct ig_command *c =
        parse1(0, "a SELECT x (QRESYNC (4294967295 9223372036854775807 1:2 (3 4)))\r\n");
    ok(c && c->u.select.uidvalidity == 4294967295u &&
           c->u.select.modseq == 9223372036854775807ull && c->u.select.has_known_uids &&
           c->u.select.has_seq_match && span_is(c->u.select.known_seqs.text, "3") &&
           span_is(c->u.select.known_seq_uids.text, "4") && c->ext == IG_EXT_QRESYNC,
       "QRESYNC bounds: uidvalidity 2^32-1, mod-sequence 2^63-1");
    c = parse1(0, "a SELECT x (QRESYNC (1 0009))\r\n");
    ok(c && c->u.select.modseq == 9 && !c->u.select.has_known_uids &&
           !c->u.select.has_seq_match,
       "QRESYNC: leading zeros of the mod-sequence");
    c = parse1(0, "a SELECT x (X_a.b-1:2 *:4)\r\n");
    ok(c && c->u.select.other.n == 1 && span_is(c->u.select.other.v[0].name, "X_a.b-1:2") &&
           c->u.select.other.v[0].has_value &&
           c->u.select.other.v[0].value.type == IG_ARG_ATOM &&
           span_is(c->u.select.other.v[0].value.v, "*:4"),
       "select-param: label and a sequence-set value");
    c = parse1(0, "a CREATE x (USE ())\r\n");
    ok(c && c->u.create.has_params && c->u.create.has_use && c->u.create.use.n == 0 &&
           c->ext == IG_EXT_SPECIAL_USE,
       "CREATE USE (): no attributes, SPECIAL-USE");
    c = parse1(0, "a RENAME x y (X-A 1 X-B)\r\n");
    ok(c && c->u.rename.has_params && c->u.rename.params.n == 2 &&
           c->u.rename.params.v[0].has_value && !c->u.rename.params.v[1].has_value,
       "RENAME params: with and without a value");
    c = parse1(0, "a LIST (X-FOO (NIL (a))) \"\" *\r\n");
    ok(c && c->u.list.select_other.n == 1 && c->u.list.select_other.v[0].value.n == 2 &&
           c->u.list.select_other.v[0].value.items[0].type == IG_ARG_NIL &&
           c->u.list.select_other.v[0].value.items[1].type == IG_ARG_LIST,
       "LIST option value: NIL and a nested list");

    c = parse1(0, "a SETQUOTA r (STORAGE 9223372036854775807 x-y 0)\r\n");
    ok(c && c->u.setquota.n == 2 && c->u.setquota.v[0].limit == 9223372036854775807ull &&
           span_is(c->u.setquota.v[1].resource, "x-y") && c->u.setquota.v[1].limit == 0,
       "SETQUOTA: number64 bound and a resource as sent");
    c = parse1(0, "a GETMETADATA (DEPTH infinity MAXSIZE 4294967295 X-A) x /shared/a\r\n");
    ok(c && c->u.getmetadata.has_options && c->u.getmetadata.has_maxsize &&
           c->u.getmetadata.maxsize == 4294967295u && c->u.getmetadata.has_depth &&
           c->u.getmetadata.depth == 2 && c->u.getmetadata.other.n == 1 &&
           !c->u.getmetadata.entries_list && c->u.getmetadata.entries.n == 1,
       "GETMETADATA: MAXSIZE 2^32-1, DEPTH infinity = 2");
    c = parse1(0, "a SETACL x y \"-lr\"\r\n");
    ok(c && c->u.acl.op == -1 && span_is(c->u.acl.rights.v, "lr"), "SETACL: \"-lr\" removes lr");
    c = parse1(0, "a SETACL x y \"\"\r\n");
    ok(c && c->u.acl.op == 0 && c->u.acl.rights.v.len == 0, "SETACL: empty rights replace");
    c = parse1(0, "a ID (\"a\" NIL \"b\" \"c\")\r\n");
    ok(c && !c->u.id.nil && c->u.id.n == 2 && c->u.id.v[0].value.nil &&
           span_is(c->u.id.v[1].value.v, "c"),
       "ID: a NIL value and a string value");

    c = parse1(0, "a APPEND x \"29-Feb-2024 23:59:60 -2359\" {1}\r\nx \" 1-dec-0000 00:00:00 "
                  "+0000\" {1}\r\ny\r\n");
    ok(c && c->u.append.n == 2 && c->u.append.msgs[0].date.day == 29 &&
           c->u.append.msgs[0].date.month == 2 && c->u.append.msgs[0].date.year == 2024 &&
           c->u.append.msgs[0].date.second == 60 && c->u.append.msgs[0].date.zone == -1439 &&
           c->u.append.msgs[1].date.day == 1 && c->u.append.msgs[1].date.month == 12 &&
           c->u.append.msgs[1].date.year == 0 && (c->ext & IG_EXT_MULTIAPPEND),
       "APPEND: date-time fields at their bounds, two messages");
    c = parse1(0, "a AUTHENTICATE PLAIN AR==\r\n");
    ok(c && c->u.authenticate.has_initial && c->u.authenticate.initial.len == 1 &&
           c->u.authenticate.initial.ptr[0] == 1 && c->ext == IG_EXT_SASL_IR,
       "AUTHENTICATE: AR== decodes to 0x01 (pad bits ignored)");
    c = parse1(0, "a UID EXPUNGE 1:4294967295\r\n");
    ok(c && c->typed && c->u.uid_expunge.nranges == 1, "UID EXPUNGE: one range up to 2^32-1");
}

static void test_equal_mailbox(void)
{
    eq("a STATUS x (MESSAGES)\r\n", "a STATUS x (MESSAGES UNSEEN)\r\n", 0,
       "STATUS: attribute count");
    eq("a STATUS x (MESSAGES)\r\n", "a STATUS y (MESSAGES)\r\n", 0, "STATUS: mailbox");
    eq("a SELECT x (CONDSTORE)\r\n", "a SELECT x (X-A)\r\n", 0, "SELECT: CONDSTORE");
    eq("a SELECT x (X-A)\r\n", "a SELECT x (QRESYNC (1 2))\r\n", 0, "SELECT: QRESYNC");
    eq("a SELECT x (QRESYNC (1 2))\r\n", "a SELECT x (QRESYNC (3 2))\r\n", 0,
       "SELECT: uidvalidity");
    eq("a SELECT x (QRESYNC (1 2))\r\n", "a SELECT x (QRESYNC (1 3))\r\n", 0,
       "SELECT: mod-sequence");
    eq("a SELECT x (QRESYNC (1 2))\r\n", "a SELECT x (QRESYNC (1 2 1:5))\r\n", 0,
       "SELECT: known-uids present");
    eq("a SELECT x (QRESYNC (1 2))\r\n", "a SELECT x (QRESYNC (1 2 (1 2)))\r\n", 0,
       "SELECT: seq-match-data present");
    eq("a SELECT x (QRESYNC (1 2 1:5))\r\n", "a SELECT x (QRESYNC (1 2 1:6))\r\n", 0,
       "SELECT: known-uids");
    eq("a SELECT x (QRESYNC (1 2 (1 2)))\r\n", "a SELECT x (QRESYNC (1 2 (3 2)))\r\n", 0,
       "SELECT: known-sequence-set");
    eq("a SELECT x (QRESYNC (1 2 (1 2)))\r\n", "a SELECT x (QRESYNC (1 2 (1 3)))\r\n", 0,
       "SELECT: known-uid-set");
    eq("a SELECT x (QRESYNC (1 2 1:5 (1 2)))\r\n", "a select x (qresync (1 02 1:5 (1 2)))\r\n",
       1, "SELECT: same QRESYNC, other spelling");
    eq("a EXAMINE x\r\n", "a SELECT x\r\n", 0, "EXAMINE is not SELECT");
    eq("a CREATE x\r\n", "a CREATE y\r\n", 0, "CREATE: mailbox");
    eq("a CREATE x\r\n", "a CREATE x (USE ())\r\n", 0, "CREATE: params present");
    eq("a CREATE x (X-A)\r\n", "a CREATE x (USE ())\r\n", 0, "CREATE: USE present");
    eq("a CREATE x (USE (\\Sent))\r\n", "a CREATE x (USE (\\All))\r\n", 0, "CREATE: USE");
    eq("a CREATE x (USE (\\Sent) X-A)\r\n", "a CREATE x (USE (\\Sent) X-B)\r\n", 0,
       "CREATE: other params");
    eq("a LIST () \"\" *\r\n", "a LIST \"\" *\r\n", 0, "LIST: empty selection options");
    eq("a LIST (SUBSCRIBED) \"\" *\r\n", "a LIST (REMOTE) \"\" *\r\n", 0, "LIST: selection");
    eq("a LIST (X-A) \"\" *\r\n", "a LIST (X-B) \"\" *\r\n", 0, "LIST: selection extension");
    eq("a LIST a *\r\n", "a LIST b *\r\n", 0, "LIST: reference");
    eq("a LIST \"\" * RETURN (CHILDREN)\r\n", "a LIST \"\" * RETURN (SUBSCRIBED)\r\n", 0,
       "LIST: return options");
    eq("a LIST \"\" * RETURN (STATUS (SIZE))\r\n", "a LIST \"\" * RETURN (STATUS (MESSAGES))\r\n",
       0, "LIST: STATUS attributes");
    eq("a LIST \"\" * RETURN (X-A)\r\n", "a LIST \"\" * RETURN (X-B)\r\n", 0,
       "LIST: return extension");
    eq("a LIST (x-a (1)) \"\" * RETURN (status (size) x-b)\r\n",
       "a LIST (X-A (1)) \"\" * RETURN (STATUS (SIZE) X-B)\r\n", 1, "LIST: same, other case");
    eq("a RENAME x y\r\n", "a RENAME z y\r\n", 0, "RENAME: source");
    eq("a RENAME x y\r\n", "a RENAME x z\r\n", 0, "RENAME: destination");
    eq("a RENAME x y\r\n", "a RENAME x y (X-A)\r\n", 0, "RENAME: params present");
    eq("a RENAME x y (X-A)\r\n", "a RENAME x y (X-B)\r\n", 0, "RENAME: params");
    eq("a RENAME inbox y (X-A 1)\r\n", "a RENAME INBOX y (x-a 1)\r\n", 1,
       "RENAME: INBOX and labels in any case");
}

static void test_equal_ext(void)
{
    eq("a ID NIL\r\n", "a ID ()\r\n", 0, "ID: NIL is not ()");
    eq("a ID ()\r\n", "a ID (\"a\" \"b\")\r\n", 0, "ID: pair count");
    eq("a ID (\"a\" \"b\")\r\n", "a ID (\"c\" \"b\")\r\n", 0, "ID: field");
    eq("a ID (\"a\" \"b\")\r\n", "a ID (\"a\" \"c\")\r\n", 0, "ID: value");
    eq("a ID (\"a\" NIL)\r\n", "a ID (\"a\" \"NIL\")\r\n", 0, "ID: NIL value is not \"NIL\"");
    eq("a ID (\"Name\" \"b\")\r\n", "a ID ({4}\r\nname \"b\")\r\n", 1, "ID: field case and form");
    eq("a SETQUOTA r ()\r\n", "a SETQUOTA s ()\r\n", 0, "SETQUOTA: root");
    eq("a SETQUOTA r ()\r\n", "a SETQUOTA r (STORAGE 1)\r\n", 0, "SETQUOTA: resource count");
    eq("a SETQUOTA r (STORAGE 1)\r\n", "a SETQUOTA r (MESSAGE 1)\r\n", 0, "SETQUOTA: resource");
    eq("a SETQUOTA r (STORAGE 1)\r\n", "a SETQUOTA r (STORAGE 2)\r\n", 0, "SETQUOTA: limit");
    eq("a SETQUOTA r (storage 01)\r\n", "a SETQUOTA r (STORAGE 1)\r\n", 1,
       "SETQUOTA: resource case, limit value");
    eq("a GETMETADATA (MAXSIZE 1) x /shared/a\r\n", "a GETMETADATA x /shared/a\r\n", 0,
       "GETMETADATA: MAXSIZE present");
    eq("a GETMETADATA (MAXSIZE 1) x /shared/a\r\n", "a GETMETADATA (MAXSIZE 2) x /shared/a\r\n",
       0, "GETMETADATA: MAXSIZE");
    eq("a GETMETADATA (DEPTH 1) x /shared/a\r\n", "a GETMETADATA x /shared/a\r\n", 0,
       "GETMETADATA: DEPTH present");
    eq("a GETMETADATA (DEPTH 1) x /shared/a\r\n", "a GETMETADATA (DEPTH 0) x /shared/a\r\n", 0,
       "GETMETADATA: DEPTH");
    eq("a GETMETADATA (X-A) x /shared/a\r\n", "a GETMETADATA (X-B) x /shared/a\r\n", 0,
       "GETMETADATA: other options");
    eq("a GETMETADATA x /shared/a\r\n", "a GETMETADATA y /shared/a\r\n", 0,
       "GETMETADATA: mailbox");
    eq("a GETMETADATA x /shared/a\r\n", "a GETMETADATA x (/shared/a)\r\n", 0,
       "GETMETADATA: entries in parentheses");
    eq("a GETMETADATA x (/shared/a)\r\n", "a GETMETADATA x (/shared/a /shared/b)\r\n", 0,
       "GETMETADATA: entry count");
    eq("a GETMETADATA x /shared/a\r\n", "a GETMETADATA x /shared/b\r\n", 0,
       "GETMETADATA: entry");
    eq("a GETMETADATA (maxsize 1 depth infinity) x /Shared/A\r\n",
       "a GETMETADATA (DEPTH INFINITY MAXSIZE 01) x \"/shared/a\"\r\n", 1,
       "GETMETADATA: same options and entry, other spelling");
    eq("a SETMETADATA x (/shared/a NIL)\r\n", "a SETMETADATA y (/shared/a NIL)\r\n", 0,
       "SETMETADATA: mailbox");
    eq("a SETMETADATA x (/shared/a NIL)\r\n", "a SETMETADATA x (/shared/a NIL /shared/b NIL)\r\n",
       0, "SETMETADATA: value count");
    eq("a SETMETADATA x (/shared/a NIL)\r\n", "a SETMETADATA x (/shared/b NIL)\r\n", 0,
       "SETMETADATA: entry");
    eq("a SETMETADATA x (/shared/a NIL)\r\n", "a SETMETADATA x (/shared/a \"\")\r\n", 0,
       "SETMETADATA: NIL is not an empty value");
    eq("a SETACL x y +l\r\n", "a SETACL x y -l\r\n", 0, "SETACL: operation");
    eq("a SETACL x y l\r\n", "a SETACL x y r\r\n", 0, "SETACL: rights");
    eq("a SETACL x y l\r\n", "a SETACL z y l\r\n", 0, "SETACL: mailbox");
    eq("a DELETEACL x y\r\n", "a DELETEACL x z\r\n", 0, "DELETEACL: identifier");
    eq("a LISTRIGHTS x y\r\n", "a LISTRIGHTS z y\r\n", 0, "LISTRIGHTS: mailbox");
    eq("a LISTRIGHTS x y\r\n", "a DELETEACL x y\r\n", 0, "LISTRIGHTS is not DELETEACL");

    /* An entry never parses as NIL; a caller can still build one. */
    const struct ig_command *a = parse1(0, "a GETMETADATA x /shared/a\r\n");
    const struct ig_command *b = parse1(1, "a GETMETADATA x /shared/a\r\n");
    struct ig_command x = *b;
    struct ig_str e = b->u.getmetadata.entries.v[0];
    e.nil = 1;
    x.u.getmetadata.entries.v = &e;
    ok(a && ig_command_equal(a, b) && !ig_command_equal(a, &x) && !ig_command_equal(&x, a),
       "GETMETADATA: a NIL entry differs");
}

/* A chain of nested one-item lists, deeper than put_comp() writes. */
static struct ig_arg deep[1003];

static void test_emit_mailbox(void)
{
    const struct ig_command *c = parse1(0, "a STATUS x (MESSAGES)\r\n");
    struct ig_command x = *c;
    x.u.status.atts.v = NULL;
    refused(&x, "STATUS attributes without their array refused");

    /* tagged-ext-label (RFC 4466 §2.1) of a rename-param */
    c = parse1(0, "a RENAME x y (X-A)\r\n");
    struct ig_param pm = c->u.rename.params.v[0];
    x = *c;
    x.u.rename.params.v = &pm;
    pm.name = span("x_Y.z-9:0");
    emits_as(&x, "a RENAME x y (x_Y.z-9:0)\r\n", "label of every tagged-label-char written");
    pm.name = span("X~");
    refused(&x, "label with a byte above 'z' refused");
    pm.name = span("X+");
    refused(&x, "label with '+' refused");
    pm.name = span(":X");
    refused(&x, "label starting with ':' refused");
    pm.name = span("");
    refused(&x, "empty label refused");
    x = *c;
    x.u.rename.has_params = 0;
    refused(&x, "RENAME params without has_params refused");
    x = *c;
    x.u.rename.params.n = 0;
    refused(&x, "RENAME empty params refused");

    /* option-value = "(" option-val-comp ")" (RFC 5258 §6) */
    c = parse1(0, "a LIST (X-A (b)) \"\" *\r\n");
    struct ig_param op = c->u.list.select_other.v[0];
    struct ig_arg item;
    x = *c;
    x.u.list.select_other.v = &op;
    emits_as(&x, "a LIST (X-A (b)) \"\" *\r\n", "LIST option value written");
    op.value.type = IG_ARG_ATOM;
    op.value.v = span("b");
    refused(&x, "option value that is not a list refused");
    op.value.type = IG_ARG_LIST;
    op.value.n = 0;
    refused(&x, "empty option value refused");
    op.value.n = 1;
    op.value.items = &item;
    memset(&item, 0, sizeof(item));
    item.type = IG_ARG_NIL;
    emits_as(&x, "a LIST (X-A (NIL)) \"\" *\r\n", "NIL in an option value written");
    item.type = IG_ARG_STRING;
    item.v = span("a b");
    emits_as(&x, "a LIST (X-A (\"a b\")) \"\" *\r\n", "string in an option value quoted");
    item.type = IG_ARG_ATOM;
    refused(&x, "atom with SP in an option value refused");
    item.v = span("");
    refused(&x, "empty atom in an option value refused");
    item.type = IG_ARG_LIST;
    item.n = 0;
    refused(&x, "empty list in an option value refused");
    item.n = 1;
    item.items = NULL;
    refused(&x, "list without items in an option value refused");
    item.type = IG_ARG__COUNT;
    refused(&x, "unknown argument type in an option value refused");
    for (size_t i = 0; i + 1 < sizeof(deep) / sizeof(deep[0]); i++) {
        deep[i].type = IG_ARG_LIST;
        deep[i].n = 1;
        deep[i].items = &deep[i + 1];
    }
    deep[1002].type = IG_ARG_ATOM;
    deep[1002].v = span("z");
    op.value.items = deep;
    refused(&x, "option value nested over 1000 levels refused");
    op.value.items = &deep[1000]; /* two lists and the atom */
    emits_as(&x, "a LIST (X-A (((z)))) \"\" *\r\n", "option value nested 3 levels written");

    /* SELECT: QRESYNC sets, bounds, params */
    c = parse1(0, "a SELECT x (QRESYNC (1 2 1:5 (1 2)))\r\n");
    const struct ig_command *star = parse1(1, "a COPY * x\r\n");
    x = *c;
    emits_as(&x, "a SELECT x (QRESYNC (1 2 1:5 (1 2)))\r\n", "QRESYNC written");
    x.u.select.known_uids = star->u.copy.set;
    refused(&x, "'*' alone in known-uids refused");
    x = *c;
    x.u.select.known_seqs = star->u.copy.set;
    refused(&x, "'*' in known-sequence-set refused");
    x = *c;
    x.u.select.known_seq_uids = star->u.copy.set;
    refused(&x, "'*' in known-uid-set refused");
    x = *c;
    x.u.select.uidvalidity = 0;
    refused(&x, "uidvalidity 0 refused");
    x = *c;
    x.u.select.modseq = 9223372036854775808ull;
    refused(&x, "mod-sequence 2^63 refused");
    x.u.select.modseq = 9223372036854775807ull;
    ok(emits(&x), "mod-sequence 2^63-1 written");
    x = *c;
    x.u.select.has_params = 0;
    refused(&x, "QRESYNC without has_params refused");
    c = parse1(0, "a SELECT x (X-A)\r\n");
    x = *c;
    x.u.select.has_params = 0;
    refused(&x, "select-param without has_params refused");

    /* CREATE */
    c = parse1(0, "a CREATE x (USE (\\Sent) X-A)\r\n");
    struct ig_span attr;
    x = *c;
    x.u.create.has_params = 0;
    refused(&x, "USE without has_params refused");
    x.u.create.has_use = 0;
    refused(&x, "create-param without has_params refused");
    x = *c;
    x.u.create.has_use = 0;
    x.u.create.other.n = 0;
    refused(&x, "empty create-params refused");
    x = *c;
    x.u.create.use.v = &attr;
    attr = span("\\");
    refused(&x, "use-attr of a backslash alone refused");
    attr.len = 0;
    refused(&x, "empty use-attr refused");
    attr = span("\\Junk");
    emits_as(&x, "a CREATE x (USE (\\Junk) X-A)\r\n", "use-attr written");

    /* LSUB and LIST */
    c = parse1(0, "a LSUB \"\" *\r\n");
    const struct ig_command *two = parse1(1, "a LIST \"\" (a b)\r\n");
    x = *c;
    emits_as(&x, "a LSUB \"\" *\r\n", "LSUB written");
    x.u.list.has_select = 1;
    refused(&x, "LSUB with selection options refused");
    x = *c;
    x.u.list.has_return = 1;
    refused(&x, "LSUB with return options refused");
    x = *c;
    x.u.list.patterns_list = 1;
    refused(&x, "LSUB with a pattern list refused");
    x = *c;
    x.u.list.patterns = two->u.list.patterns;
    refused(&x, "LSUB with two patterns refused");
    x = *two;
    x.u.list.patterns_list = 0;
    refused(&x, "LIST with two patterns outside parentheses refused");

    c = parse1(0, "a LIST (REMOTE X-A) \"\" * RETURN (STATUS (SIZE) X-B)\r\n");
    x = *c;
    emits_as(&x, "a LIST (REMOTE X-A) \"\" * RETURN (STATUS (SIZE) X-B)\r\n",
             "LIST-EXTENDED written");
    x.u.list.ret |= IG_LIST_REMOTE;
    refused(&x, "REMOTE among the return options refused");
    x = *c;
    x.u.list.has_select = 0;
    refused(&x, "selection option without has_select refused");
    x.u.list.select = 0;
    refused(&x, "selection extension without has_select refused");
    x = *c;
    x.u.list.has_return = 0;
    x.u.list.ret = 0;
    x.u.list.status.n = 0;
    refused(&x, "return extension without has_return refused");
    x = *c;
    x.u.list.has_return = 0;
    x.u.list.ret = 0;
    x.u.list.return_other.n = 0;
    refused(&x, "STATUS attributes without has_return refused");
    x = *c;
    x.u.list.ret = 0;
    refused(&x, "STATUS attributes without the STATUS option refused");
}

static void test_emit_ext(void)
{
    const struct ig_command *c = parse1(0, "a GETMETADATA (X-A 1) x (/shared/a /private/b)\r\n");
    struct ig_command x = *c;
    struct ig_param pm = c->u.getmetadata.other.v[0];
    struct ig_str ent[2] = {c->u.getmetadata.entries.v[0], c->u.getmetadata.entries.v[1]};
    x.u.getmetadata.other.v = &pm;
    x.u.getmetadata.entries.v = ent;
    emits_as(&x, "a GETMETADATA (X-A 1) x (/shared/a /private/b)\r\n", "GETMETADATA written");
    pm.name = span("1X");
    refused(&x, "option label starting with a digit refused");
    pm.name = span("X~");
    refused(&x, "option label with a byte above 'z' refused");
    pm.name = span("X+");
    refused(&x, "option label with '+' refused");
    pm.name = span("");
    refused(&x, "empty option label refused");
    pm.name = span("maxsize");
    refused(&x, "other option named MAXSIZE refused");
    pm.name = span("Depth");
    refused(&x, "other option named DEPTH refused");
    pm.name = span("_a.b:9");
    emits_as(&x, "a GETMETADATA (_a.b:9 1) x (/shared/a /private/b)\r\n",
             "option label of tagged-label-chars written");
    x.u.getmetadata.has_depth = 1;
    x.u.getmetadata.depth = 3;
    refused(&x, "DEPTH 3 refused");
    x.u.getmetadata.depth = 1;
    emits_as(&x, "a GETMETADATA (DEPTH 1 _a.b:9 1) x (/shared/a /private/b)\r\n",
             "DEPTH written before the other options");
    ent[1].nil = 1;
    refused(&x, "NIL entry refused");
    ent[1].nil = 0;
    ent[1].v = span("/public/b");
    refused(&x, "entry outside /private and /shared refused");
    ent[1].v = span("/private/b");
    x.u.getmetadata.entries_list = 0;
    refused(&x, "two entries without parentheses refused");
    x.u.getmetadata.entries.n = 0;
    x.u.getmetadata.entries_list = 1;
    refused(&x, "no entry refused");

    c = parse1(0, "a ID (\"a\" \"b\")\r\n");
    struct ig_id_pair pair = c->u.id.v[0];
    x = *c;
    x.u.id.v = &pair;
    pair.field.nil = 1;
    refused(&x, "NIL ID field refused");

    c = parse1(0, "a SETQUOTA r (STORAGE 1)\r\n");
    struct ig_quota_limit ql = c->u.setquota.v[0];
    x = *c;
    x.u.setquota.v = &ql;
    ql.limit = 9223372036854775808ull;
    refused(&x, "resource limit 2^63 refused");
    ql.limit = 9223372036854775807ull;
    emits_as(&x, "a SETQUOTA r (STORAGE 9223372036854775807)\r\n", "resource limit 2^63-1 written");

    c = parse1(0, "a SETACL x y +lr\r\n");
    x = *c;
    x.u.acl.op = 2;
    refused(&x, "SETACL operation 2 refused");
    x.u.acl.op = -2;
    refused(&x, "SETACL operation -2 refused");
    x.u.acl.op = -1;
    emits_as(&x, "a SETACL x y -lr\r\n", "SETACL removal written");
    x.u.acl.rights.v = span("lR");
    refused(&x, "upper-case right refused");
    x = *c;
    x.u.acl.identifier.v = span("\xc3");
    refused(&x, "identifier of invalid UTF-8 refused");
    x.cmd = IG_CMD_DELETEACL;
    refused(&x, "DELETEACL identifier of invalid UTF-8 refused");
    x.u.acl.identifier.v = span("\xc3\xa9");
    ok(emits(&x) && strncmp(emitted, "a DELETEACL x ", 14) == 0,
       "DELETEACL with a UTF-8 identifier written");
}

/* One complete command in a slot: accepted, and what ig_parser_error() says if not. */
static void test_errors_in_c(void)
{
    struct ig_parser *p = &slots[0].p;
    const struct ig_command *c = parse1(0, "a SELECT x (QRESYNC (1 9223372036854775808))\r\n");
    const struct ig_error *e = ig_parser_error(p);
    ok(c == NULL && e && e->offset == 23 && strcmp(e->reason, "number out of range") == 0,
       "mod-sequence 2^63: error offset and reason through the API");
    c = parse1(0, "a SETQUOTA r (STORAGE 9223372036854775808)\r\n");
    e = ig_parser_error(p);
    ok(c == NULL && e && e->offset == 22 && strcmp(e->reason, "number out of range") == 0,
       "number64 2^63: error offset and reason through the API");
}

int main(int argc, char **argv)
{
    const char *seeds = seed_dir_arg(argc, argv);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct tcase *c = &cases[i];
        struct ig_limits lim;
        ig_limits_default(&lim);
        if (c->depth)
            lim.max_depth = c->depth;
        if (c->items)
            lim.max_items = c->items;
        if (c->arena) {
            lim.arena = c->arena;
            if (lim.max_sasl_line > c->arena)
                lim.max_sasl_line = c->arena;
        }
        int custom = c->depth || c->items || c->arena;
        struct run_cfg cfg = {custom ? &lim : NULL, 0, 0, c->expect, 0};
        if (seeds) {
            char name[256]; /* seed names share one directory with the other tests */
            snprintf(name, sizeof(name), "paths %s", c->name);
            dump_seed(seeds, name, &cfg, c->in, c->inlen);
            continue;
        }
        char want[512];
        if (c->want == NULL)
            snprintf(want, sizeof(want), "OK %s @0+%zu\nEND idle\n", c->canon, c->inlen);
        char *got = run_all_ways(&cfg, c->in, c->inlen);
        is_str(got, c->want ? c->want : want, c->name);
        free(got);
    }
    if (seeds)
        return 0;
    test_typed();
    test_equal_mailbox();
    test_equal_ext();
    test_emit_mailbox();
    test_emit_ext();
    test_errors_in_c();
    free(slots[0].mem);
    free(slots[1].mem);
    return done();
}
