/*
 * test_core.c - the parser core (issue #2): the connection-level commands, literals in
 * all forms, errors with offsets and resynchronization, SASL and DONE lines, APPEND
 * streaming. Every case is fed whole, one byte at a time and split at every offset,
 * each chunk flush against a guard page, and all ways must give the expected log.
 */
#include "harness.h"
#include "tap.h"

#include <stdlib.h>

struct tcase {
    const char *name;
    const char *in;
    size_t inlen;
    const char *want;
    int reject;  /* reject the n-th literal */
    int follow;  /* DONE after IDLE, SASL after AUTHENTICATE */
    uint32_t options;
};

/* An input with its length, so that inputs may hold NUL. */
#define S(x) x, sizeof(x) - 1

static const struct tcase cases[] = {
    /* ---- RFC 9051 §6.1 any state ---- */
    {"capability", S("a1 CAPABILITY\r\n"), "OK a1 CAPABILITY @0+15\nEND idle\n"},
    {"noop lower case", S("a2 noop\r\n"), "OK a2 NOOP @0+9\nEND idle\n"},
    {"logout", S("A023 LOGOUT\r\n"), "OK A023 LOGOUT @0+13\nEND idle\n"},
    {"noop with argument", S("a NOOP x\r\nb NOOP\r\n"),
     "ERR a SYNTAX @6 unexpected argument\nOK b NOOP @10+8\nEND idle\n"},
    {"capability trailing space", S("a CAPABILITY \r\n"),
     "ERR a SYNTAX @12 unexpected argument\nEND idle\n"},
    /* ---- RFC 9051 §6.2 not authenticated ---- */
    {"starttls", S("a001 STARTTLS\r\n"), "OK a001 STARTTLS @0+15\nEND idle\n"},
    {"login atoms (RFC 9051 §6.2.3)", S("a001 LOGIN SMITH SESAME\r\n"),
     "OK a001 LOGIN SMITH SESAME @0+25\nEND idle\n"},
    {"login quoted with escapes", S("t LOGIN \"fr\\\"ed\" \"a\\\\b c\"\r\n"),
     "OK t LOGIN \"fr\\\\\"ed\" \"a\\\\\\\\b c\" @0+27\nEND idle\n"},
    {"login sync literals (RFC 3501 §8 style)", S("a LOGIN {3}\r\nbob {5}\r\nhello\r\n"),
     "LIT a 3 arg @8\nLIT a 5 arg @17\nOK a LOGIN bob hello @0+29\nEND idle\n"},
    {"login nonsync literals (RFC 7888 §3 example)",
     S("A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man\r\n"),
     "OK A001 LOGIN \"FRED FOOBAR\" \"fat man\" @0+45\nEND idle\n"},
    {"login literal with CRLF inside", S("a LOGIN {4+}\r\nx\r\ny pw\r\n"),
     "OK a LOGIN {4}\\r\\nx\\r\\ny pw @0+23\nEND idle\n"},
    {"login empty literal", S("a LOGIN {0}\r\n {0+}\r\n\r\n"),
     "LIT a 0 arg @8\nOK a LOGIN \"\" \"\" @0+22\nEND idle\n"},
    {"login password missing", S("a LOGIN bob\r\n"), "ERR a SYNTAX @11 password missing\nEND idle\n"},
    {"login too many arguments", S("a LOGIN bob pw x\r\n"),
     "ERR a SYNTAX @14 unexpected argument\nEND idle\n"},
    {"login two spaces", S("a LOGIN  bob pw\r\n"), "ERR a SYNTAX @8 unexpected space\nEND idle\n"},
    {"login NUL in quoted", S("a LOGIN \"b\0b\" pw\r\n"),
     "ERR a SYNTAX @10 NUL in quoted string\nEND idle\n"},
    {"login NUL in literal", S("a LOGIN {3+}\r\nb\0b pw\r\n"),
     "ERR a SYNTAX @15 NUL in literal (only literal8 may carry NUL)\nEND idle\n"},
    {"login literal8 not allowed", S("a LOGIN ~{3+}\r\nbob pw\r\n"),
     "ERR a SYNTAX @8 literal8 is not allowed here\nEND idle\n"},
    {"login 8-bit in quoted (rev1)", S("a LOGIN \"b\xc3\xa9\" pw\r\n"),
     "ERR a SYNTAX @10 8-bit character in quoted string\nEND idle\n"},
    {"login UTF-8 in quoted (IG_OPT_UTF8)", S("a LOGIN \"b\xc3\xa9\" pw\r\n"),
     "OK a LOGIN \"b\\xc3\\xa9\" pw @0+18\nEND idle\n", 0, 0, IG_OPT_UTF8},
    {"login bad UTF-8 (IG_OPT_UTF8)", S("a LOGIN \"b\xc3\" pw\r\n"),
     "ERR a SYNTAX @10 invalid UTF-8 in quoted string\nEND idle\n", 0, 0, IG_OPT_UTF8},
    {"login bad escape", S("a LOGIN \"a\\b\" pw\r\n"),
     "ERR a SYNTAX @10 invalid escape in quoted string\nEND idle\n"},
    {"login unterminated quoted", S("a LOGIN \"abc\r\n"),
     "ERR a SYNTAX @12 unterminated quoted string\nEND idle\n"},
    {"login 8-bit atom", S("a LOGIN b\xe9 pw\r\n"),
     "ERR a SYNTAX @9 8-bit byte outside a literal or quoted string\nEND idle\n"},
    {"authenticate", S("a AUTHENTICATE PLAIN\r\n"), "OK a AUTHENTICATE PLAIN @0+22\nEND idle\n"},
    {"authenticate SASL-IR (RFC 4959 §3)", S("a AUTHENTICATE PLAIN AGJvYgBwdw==\r\n"),
     "OK a AUTHENTICATE PLAIN AGJvYgBwdw== @0+35\nEND idle\n"},
    {"authenticate SASL-IR empty", S("a AUTHENTICATE EXTERNAL =\r\n"),
     "OK a AUTHENTICATE EXTERNAL = @0+27\nEND idle\n"},
    {"authenticate SASL-IR trailing space", S("a AUTHENTICATE PLAIN \r\n"),
     "ERR a SYNTAX @21 empty initial response must be sent as \"=\"\nEND idle\n"},
    {"authenticate SASL-IR bad base64", S("a AUTHENTICATE PLAIN AGJ*\r\n"),
     "ERR a SYNTAX @24 invalid base64\nEND idle\n"},
    {"authenticate SASL-IR unpadded", S("a AUTHENTICATE PLAIN AGJvYg\r\n"),
     "ERR a SYNTAX @25 invalid base64\nEND idle\n"},
    {"authenticate mechanism missing", S("a AUTHENTICATE\r\n"),
     "ERR a SYNTAX @14 mechanism missing\nEND idle\n"},
    {"authenticate then SASL lines", S("a AUTHENTICATE GSSAPI\r\nYGg=\r\n\r\n*\r\nb NOOP\r\n"),
     "OK a AUTHENTICATE GSSAPI @0+23\nOK YGg= @23+6\nOK  @29+2\nOK * @31+3\nOK b NOOP @34+8\nEND idle\n",
     0, 1},
    {"SASL line with bad base64", S("a AUTHENTICATE X\r\nab!d\r\nb NOOP\r\n"),
     "OK a AUTHENTICATE X @0+18\nERR * SYNTAX @20 invalid base64\nOK b NOOP @24+8\nEND idle\n",
     0, 1},
    {"SASL line that is a literal", S("a AUTHENTICATE X\r\n{3+}\r\nabc\r\nb NOOP\r\n"),
     "OK a AUTHENTICATE X @0+18\nERR * SYNTAX @18 invalid base64\nOK b NOOP @29+8\nEND idle\n",
     0, 1},
    /* ---- IDLE / DONE ---- */
    {"idle done", S("a IDLE\r\ndone\r\nb NOOP\r\n"),
     "OK a IDLE @0+8\nOK DONE @8+6\nOK b NOOP @14+8\nEND idle\n", 0, 1},
    {"idle then not done", S("a IDLE\r\nb NOOP\r\nc NOOP\r\n"),
     "OK a IDLE @0+8\nERR * SYNTAX @8 expected DONE\nOK c NOOP @16+8\nEND idle\n", 0, 1},
    {"idle DONE with extra", S("a IDLE\r\nDONE x\r\n"),
     "OK a IDLE @0+8\nERR * SYNTAX @8 expected DONE\nEND idle\n", 0, 1},
    /* ---- tags ---- */
    {"tag with plus", S("a+b NOOP\r\n"), "ERR * SYNTAX @1 '+' is not allowed in a tag\nEND idle\n"},
    {"tag with star", S("a*b NOOP\r\n"), "ERR * SYNTAX @1 invalid character in tag\nEND idle\n"},
    {"tag with bracket (ASTRING-CHAR)", S("a]b NOOP\r\n"), "OK a]b NOOP @0+10\nEND idle\n"},
    {"empty tag", S(" NOOP\r\n"), "ERR * SYNTAX @0 empty tag\nEND idle\n"},
    {"empty line", S("\r\na NOOP\r\n"), "ERR * SYNTAX @0 empty line\nOK a NOOP @2+8\nEND idle\n"},
    {"tag alone", S("a1\r\n"), "ERR a1 SYNTAX @2 command name missing\nEND idle\n"},
    {"command word missing", S("a1 \r\n"), "ERR a1 SYNTAX @3 command name missing\nEND idle\n"},
    {"command name with bad char", S("a1 NO\"OP\r\n"),
     "ERR a1 SYNTAX @5 invalid character in command name\nEND idle\n"},
    {"unknown command is generic", S("a1 XYZZY foo (bar \"baz\" NIL {1+}\r\nq) [x]\r\n"),
     "OK a1 XYZZY foo (bar \"baz\" NIL \"q\") [x] @0+42\nEND idle\n"},
    {"generic list with a space before )", S("a X (a )\r\n"),
     "ERR a SYNTAX @6 unexpected space\nEND idle\n"},
    {"generic list with a space after (", S("a X ( a)\r\n"),
     "ERR a SYNTAX @5 unexpected space\nEND idle\n"},
    {"generic atom with an unclosed bracket", S("a X a[ {0}\r\n ]\r\nb X A[B {2+}\r\nC]\r\n"),
     "ERR a SYNTAX @5 unclosed '[' in argument\nERR * SYNTAX @12 empty tag\n"
     "ERR b SYNTAX @21 unclosed '[' in argument\nEND idle\n"},
    {"generic atom with a closed bracket", S("a X BODY[1.2]<0.5> x[]y\r\n"),
     "OK a X BODY[1.2]<0.5> x[]y @0+25\nEND idle\n"},
    {"generic empty list", S("a X () (())\r\n"), "OK a X () (()) @0+13\nEND idle\n"},
    {"UID without command", S("a UID\r\n"), "ERR a SYNTAX @5 UID needs a command\nEND idle\n"},
    {"UID with non-UID command", S("a UID NOOP\r\n"), "ERR a SYNTAX @6 not a UID command\nEND idle\n"},
    /* ---- line endings ---- */
    /* A bare LF ends no command: the rest of its line (to CRLF) is skipped with it. */
    {"bare LF rejected", S("a NOOP\nb NOOP\r\nc NOOP\r\n"),
     "ERR a SYNTAX @6 bare LF (lines end in CRLF)\nOK c NOOP @15+8\nEND idle\n"},
    {"bare LF lenient", S("a NOOP\nb LOGIN {1}\nx y\n"),
     "OK a NOOP @0+7\nLIT b 1 arg @15\nOK b LOGIN x y @7+16\nEND idle\n", 0, 0,
     IG_OPT_LENIENT_LF},
    {"bare LF lenient error offset", S("a NOOP\nb NOOP x\n"),
     "OK a NOOP @0+7\nERR b SYNTAX @13 unexpected argument\nEND idle\n", 0, 0, IG_OPT_LENIENT_LF},
    {"CR alone inside a line", S("a NOOP\rb\r\n"), "ERR a SYNTAX @6 unexpected character\nEND idle\n"},
    {"bare LF after nonsync literal header: no literal, the line runs to CRLF",
     S("a LOGIN {5+}\nb NOOPc NOOP\r\n"), "ERR a SYNTAX @12 bare LF (lines end in CRLF)\nEND idle\n"},
    /* ---- literal headers ---- */
    {"literal size with leading zeros", S("a LOGIN {003}\r\nbob x\r\n"),
     "LIT a 3 arg @8\nOK a LOGIN bob x @0+22\nEND idle\n"},
    {"literal size max+1 sync", S("a LOGIN {4294967296}\r\nb NOOP\r\n"),
     "ERR a LIMIT @8 [TOOBIG] literal size out of range\nOK b NOOP @22+8\nEND idle\n"},
    /* number64 = 1*DIGIT (RFC 9051 §9): leading zeros do not count as digits of the
     * size, so a header with many of them is a literal like any other (regression:
     * corpus/regress/command/2026-12-05-literal-size-many-leading-zeros-nonsync) */
    {"literal size 21 digits sync, leading zeros", S("a LOGIN {000000000000000000001}\r\nx y\r\n"),
     "LIT a 1 arg @8\nOK a LOGIN x y @0+38\nEND idle\n"},
    {"literal size with 40 leading zeros nonsync",
     S("a LOGIN {00000000000000000000000000000000000000005+}\r\nhello x\r\n"),
     "OK a LOGIN hello x @0+63\nEND idle\n"},
    {"refused line, nonsync literal with 40 leading zeros: skipped, not fatal",
     S("a NOOP {00000000000000000000000000000000000000005+}\r\nb NOOP\r\nc NOOP\r\n"),
     "ERR a SYNTAX @6 unexpected argument\nOK c NOOP @61+8\nEND idle\n"},
    {"literal size 21 significant digits sync", S("a LOGIN {100000000000000000001}\r\nb NOOP\r\n"),
     "ERR a LIMIT @8 [TOOBIG] literal size out of range\nOK b NOOP @33+8\nEND idle\n"},
    {"literal size huge nonsync is fatal", S("a LOGIN {99999999999999999999999+}\r\nb NOOP\r\n"),
     "ERR a FATAL @8 [TOOBIG] literal size out of range; the stream cannot be resynchronized\nEND inside\n"},
    {"not a literal header", S("a X {12a}\r\n"), "ERR a SYNTAX @4 invalid character in argument\nEND idle\n"},
    {"empty literal header", S("a X {}\r\n"), "ERR a SYNTAX @4 invalid character in argument\nEND idle\n"},
    {"nonsync literal over LITERAL- limit is skipped", S("a LOGIN {4097+}\r\n"),
     "ERR a LIMIT @8 [TOOBIG] non-synchronizing literal too large\nEND inside\n"},
    {"sync literal on an invalid line is not offered", S("a NOOP {5}\r\nb NOOP\r\n"),
     "ERR a SYNTAX @6 unexpected argument\nOK b NOOP @12+8\nEND idle\n"},
    {"sync literal after bad tag is not offered", S("a*b LOGIN {5}\r\nb NOOP\r\n"),
     "ERR * SYNTAX @1 invalid character in tag\nOK b NOOP @15+8\nEND idle\n"},
    {"nonsync literal on invalid line is consumed", S("a NOOP {8+}\r\nb NOOP\r\n\r\nc NOOP\r\n"),
     "ERR a SYNTAX @6 unexpected argument\nOK c NOOP @23+8\nEND idle\n"},
    {"rejected sync literal: next line is a command", S("a LOGIN {5}\r\nb NOOP\r\n"),
     "LIT a 5 arg @8\nREJECTED\nOK b NOOP @13+8\nEND idle\n", 1},
    {"rejected nonsync literal is consumed with its line",
     S("a APPEND x {5+}\r\nb NOOP\r\nc NOOP\r\n"),
     "LIT a 5+ msg @11\nREJECTED\nOK c NOOP @25+8\nEND idle\n", 1},
    {"literal in the middle of a command, then garbage", S("a LOGIN {1+}\r\nxq\r\n"),
     "ERR a SYNTAX @15 expected space\nEND idle\n"},
    /* ---- APPEND ---- */
    {"append (RFC 9051 §6.3.12 example)",
     S("A003 APPEND saved-messages (\\Seen) {23}\r\n"
     "Date: Mon, 7 Feb 1994\r\n\r\n"),
     "LIT A003 23 msg @35\nDATA 23\nOK A003 APPEND saved-messages (\\\\Seen) {23}\\r\\nDate: Mon, 7 "
     "Feb 1994\\r\\n @0+66\nEND idle\n"},
    {"append nonsync with date", S("a APPEND INBOX \"05-Jan-2024 10:00:00 -0130\" {3+}\r\nabc\r\n"),
     "LIT a 3+ msg @44\nDATA 3\nOK a APPEND INBOX \"05-Jan-2024 10:00:00 -0130\" {3}\\r\\nabc @0+55\n"
     "END idle\n"},
    {"append space-padded day", S("a APPEND INBOX \" 5-Jan-2024 10:00:00 +0000\" {1+}\r\nx\r\n"),
     "LIT a 1+ msg @44\nDATA 1\nOK a APPEND INBOX \"05-Jan-2024 10:00:00 +0000\" {1}\\r\\nx @0+53\n"
     "END idle\n"},
    {"append 31 February", S("a APPEND INBOX \"31-Feb-2024 10:00:00 +0000\" {1}\r\n"),
     "ERR a SYNTAX @16 invalid day of month\nEND idle\n"},
    {"append 29 February 2023", S("a APPEND INBOX \"29-Feb-2023 10:00:00 +0000\" {1}\r\n"),
     "ERR a SYNTAX @16 invalid day of month\nEND idle\n"},
    {"append 29 February 2024", S("a APPEND INBOX \"29-Feb-2024 23:59:60 +0000\" {1+}\r\nx\r\n"),
     "LIT a 1+ msg @44\nDATA 1\nOK a APPEND INBOX \"29-Feb-2024 23:59:60 +0000\" {1}\\r\\nx @0+53\n"
     "END idle\n"},
    {"append bad hour", S("a APPEND INBOX \"01-Jan-2024 24:00:00 +0000\" {1}\r\n"),
     "ERR a SYNTAX @28 invalid time of day\nEND idle\n"},
    {"append bad zone", S("a APPEND INBOX \"01-Jan-2024 10:00:00 +0060\" {1}\r\n"),
     "ERR a SYNTAX @37 invalid time zone\nEND idle\n"},
    {"append mailbox literal then message",
     S("a APPEND {5+}\r\nINBOX (\\Flagged $Junk) {2}\r\nhi\r\n"),
     "LIT a 2 msg @38\nDATA 2\nOK a APPEND INBOX (\\\\Flagged $Junk) {2}\\r\\nhi @0+47\nEND idle\n"},
    {"multiappend (RFC 3502)", S("a APPEND box {1+}\r\nx (\\Seen) {2+}\r\nyz ~{1+}\r\n\0\r\n"),
     "LIT a 1+ msg @13\nDATA 1\nLIT a 2+ msg @29\nDATA 2\nLIT a 1+8 msg @38\nDATA 1\n"
     "OK a APPEND box {1}\\r\\nx (\\\\Seen) {2}\\r\\nyz ~{1}\\r\\n\\x00 @0+48\nEND idle\n"},
    {"append NUL in literal data", S("a APPEND box {3+}\r\na\0b\r\nc NOOP\r\n"),
     "LIT a 3+ msg @13\nDATA 1\nERR a SYNTAX @20 NUL in literal (only literal8 may carry NUL)\n"
     "OK c NOOP @24+8\nEND idle\n"},
    /* ---- mailbox names: modified UTF-7 (RFC 3501 §5.1.3) or Net-Unicode UTF-8 ---- */
    {"mailbox modified UTF-7", S("a COPY 1 &ZeVnLIqe-\r\nb COPY 1 \"Tom &- Jerry\"\r\n"),
     "OK a COPY 1 &ZeVnLIqe- @0+21\nOK b COPY 1 \"Tom &- Jerry\" @21+25\nEND idle\n"},
    {"mailbox raw ampersand", S("a COPY 1 \"Tom & Jerry\"\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\nEND idle\n"},
    {"mailbox UTF-7 encoding printable ASCII", S("a COPY 1 &AGE-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\nEND idle\n"},
    {"mailbox unterminated UTF-7", S("a COPY 1 &ZeVnLIqe\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\nEND idle\n"},
    {"mailbox lone surrogate in UTF-7", S("a COPY 1 &2D0-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\nEND idle\n"},
    {"mailbox 8-bit without UTF-8", S("a COPY 1 {6+}\r\n\xe6\x97\xa5\xe6\x9c\xac\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\nEND idle\n"},
    {"mailbox UTF-8 with IG_OPT_UTF8", S("a COPY 1 \"\xe6\x97\xa5\xe6\x9c\xac\"\r\n"),
     "OK a COPY 1 \"\\xe6\\x97\\xa5\\xe6\\x9c\\xac\" @0+19\nEND idle\n", 0, 0, IG_OPT_UTF8},
    {"mailbox C1 control with IG_OPT_UTF8", S("a COPY 1 \"x\xc2\x85\"\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\nEND idle\n", 0, 0,
     IG_OPT_UTF8},
    /* A control character hidden in modified BASE64 would reach a backend that decodes
     * the name (NUL truncates a C string): refused like the raw control above. */
    {"mailbox UTF-7 encoding NUL", S("a COPY 1 &AAA-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\nEND idle\n"},
    {"mailbox UTF-7 encoding a C0 control", S("a COPY 1 x&AAE-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\nEND idle\n"},
    {"mailbox UTF-7 encoding DEL", S("a COPY 1 &AH8-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\nEND idle\n"},
    {"mailbox UTF-7 encoding the first C1 control", S("a COPY 1 &AIA-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\nEND idle\n"},
    {"mailbox UTF-7 encoding the last C1 control", S("a COPY 1 &AJ8-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\nEND idle\n"},
    {"mailbox UTF-7 encoding NBSP, the first after C1", S("a COPY 1 &AKA-\r\n"),
     "OK a COPY 1 &AKA- @0+16\nEND idle\n"},
    {"mailbox control character", S("a COPY 1 \"a\tb\"\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\nEND idle\n"},
    {"append without message", S("a APPEND INBOX\r\n"),
     "ERR a SYNTAX @14 message literal missing\nEND idle\n"},
    {"append bad flag", S("a APPEND INBOX (\\Seen %) {1}\r\n"),
     "ERR a SYNTAX @22 invalid flag\nEND idle\n"},
    {"append string where message should be", S("a APPEND INBOX \"abc\"\r\n"),
     "ERR a SYNTAX @15 invalid date-time\nEND idle\n"},
    {"append zero-length message", S("a APPEND INBOX {0}\r\n\r\n"),
     "LIT a 0 msg @15\nOK a APPEND INBOX {0}\\r\\n @0+22\nEND idle\n"},
    {"append ends inside data", S("a APPEND INBOX {10+}\r\nabc"),
     "LIT a 10+ msg @15\nDATA 3\nEND inside\n"},
};

int main(int argc, char **argv)
{
    const char *seeds = seed_dir_arg(argc, argv);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct tcase *c = &cases[i];
        struct run_cfg cfg = {NULL, c->options, c->reject, 0, c->follow};
        if (seeds) {
            dump_seed(seeds, c->name, &cfg, c->in, c->inlen);
            continue;
        }
        char *got = run_all_ways(&cfg, c->in, c->inlen);
        is_str(got, c->want, c->name);
        free(got);
    }
    return done();
}
