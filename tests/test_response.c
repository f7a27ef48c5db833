/*
 * test_response.c - the server-response reader (include/imapguard_response.h): every
 * event kind, every limit at N and N+1, hostile responses, RFC examples, typed forms.
 * Table cases run whole, byte by byte, split at every offset and in small chunks, each
 * chunk flush against a guard page, and must give the same event log (fuzz/fz_response.h
 * says its format and the properties checked on the way). Expected values are written
 * from the inputs and the RFC texts, never read back from the reader's tables.
 */
#include "fz_response.h"
#include "guard.h"
#include "harness.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(x) x, sizeof(x) - 1

struct rcase {
    const char *name;
    const char *in;
    size_t inlen;
    const char *want;
    const char *starttls;
};

static char *run_all(const struct ig_response_limits *lim, const char *in, size_t len,
                     const char *tls)
{
    char *whole;
    fzr_run(lim, (const uint8_t *)in, len, NULL, 0, tls, guard_place, &whole);
    char label[64] = "";
    char *other = NULL;
    size_t step = len <= 300 ? 1 : len / 97 + 1;
    for (size_t cut = 0; cut < len && !label[0]; cut += cut ? step : 1) {
        /* cut 0: byte by byte; else two feeds cut there (the rest in chunks of 255) */
        uint8_t ch[2] = {(uint8_t)(cut ? (cut > 255 ? 255 : cut) : 1), cut ? 255 : 1};
        free(other);
        fzr_run(lim, (const uint8_t *)in, len, ch, 2, tls, guard_place, &other);
        if (strcmp(whole, other) != 0)
            snprintf(label, sizeof label, cut ? "split at %zu" : "byte by byte", cut);
    }
    for (uint8_t c = 2; c <= 7 && !label[0]; c++) {
        free(other);
        fzr_run(lim, (const uint8_t *)in, len, &c, 1, tls, guard_place, &other);
        if (strcmp(whole, other) != 0)
            snprintf(label, sizeof label, "chunks of %u", c);
    }
    if (label[0]) {
        size_t n = strlen(whole) + strlen(other) + 128;
        char *r = malloc(n);
        snprintf(r, n, "MISMATCH (%s)\n--- whole:\n%s--- %s:\n%s", label, whole, label, other);
        free(whole);
        free(other);
        return r;
    }
    free(other);
    return whole;
}

/* ---- every event kind, RFC 9051 / RFC 3501 / extension examples ---- */
static const struct rcase cases[] = {
    {"greeting with capability code (RFC 9051 §7.1)",
     S("* OK [CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI] IMAP4rev2 Service Ready\r\n"),
     "OK STATUS * OK [CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI] IMAP4rev2 Service Ready\\r\\n @0+74\nEND idle\n"},
    {"tagged OK, NO, BAD (RFC 9051 §7.1.1-3)",
     S("A001 OK LOGIN completed\r\nA222 NO COPY failed: disk is full\r\nA443 BAD no such command as \"FRED\"\r\n"),
     "OK TAGGED A001 OK LOGIN completed\\r\\n @0+25\n"
     "OK TAGGED A222 NO COPY failed: disk is full\\r\\n @25+35\n"
     "OK TAGGED A443 BAD no such command as \"FRED\"\\r\\n @60+36\nEND idle\n"},
    {"untagged NO, BAD, PREAUTH, BYE (RFC 9051 §7.1.2-5)",
     S("* NO Disk is 98% full, please delete unnecessary data\r\n* BAD Command line too long\r\n"
       "* PREAUTH IMAP4rev2 server logged in as Smith\r\n* BYE Autologout; idle for too long\r\n"),
     "OK STATUS * NO Disk is 98% full, please delete unnecessary data\\r\\n @0+55\n"
     "OK STATUS * BAD Command line too long\\r\\n @55+29\n"
     "OK STATUS * PREAUTH IMAP4rev2 server logged in as Smith\\r\\n @84+47\n"
     "OK STATUS * BYE Autologout; idle for too long\\r\\n @131+37\nEND idle\n"},
    {"status text may be empty (RFC 9051 resp-text)", S("a1 OK \r\n* OK [READ-WRITE] \r\n"),
     "OK TAGGED a1 OK \\r\\n @0+8\nOK STATUS * OK [READ-WRITE] \\r\\n @8+20\nEND idle\n"},
    {"continuation requests (RFC 9051 §7.5)", S("+ Ready for additional command text\r\n+ \r\n+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzQ==\r\n"),
     "OK CONTINUE + Ready for additional command text\\r\\n @0+37\nOK CONTINUE + \\r\\n @37+4\n"
     "OK CONTINUE + YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzQ==\\r\\n @41+48\nEND idle\n"},
    {"mailbox data (RFC 9051 §7.2-7.4)",
     S("* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI XPIG-LATIN\r\n* ENABLED CONDSTORE QRESYNC\r\n"
       "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* LIST (\\Noselect) \"/\" ~/Mail/foo\r\n"
       "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n* 23 EXISTS\r\n* 44 EXPUNGE\r\n"),
     "OK DATA * CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI XPIG-LATIN\\r\\n @0+56\n"
     "OK DATA * ENABLED CONDSTORE QRESYNC\\r\\n @56+29\n"
     "OK DATA * FLAGS (\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft)\\r\\n @85+52\n"
     "OK DATA * LIST (\\\\Noselect) \"/\" ~/Mail/foo\\r\\n @137+35\n"
     "OK DATA * STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\\r\\n @172+51\n"
     "OK DATA * 23 EXISTS\\r\\n @223+13\nOK DATA * 44 EXPUNGE\\r\\n @236+14\nEND idle\n"},
    {"search results (RFC 3501 §7.2.5, RFC 7162, RFC 4731)",
     S("* SEARCH 2 84 882\r\n* SEARCH\r\n* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n"
       "* ESEARCH (TAG \"A282\") MIN 2 COUNT 3\r\n* ESEARCH (TAG \"A283\") UID ALL 2,10:11\r\n"),
     "OK DATA * SEARCH 2 84 882\\r\\n @0+19\nOK DATA * SEARCH\\r\\n @19+10\n"
     "OK DATA * SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\\r\\n @29+55\n"
     "OK DATA * ESEARCH (TAG \"A282\") MIN 2 COUNT 3\\r\\n @84+38\n"
     "OK DATA * ESEARCH (TAG \"A283\") UID ALL 2,10:11\\r\\n @122+40\nEND idle\n"},
    {"VANISHED and MODSEQ (RFC 7162 §3.2.10, §3.1.4)",
     S("* VANISHED (EARLIER) 300:310,405,411\r\n* VANISHED 405,407\r\n* 1 FETCH (UID 4 MODSEQ (12121231000))\r\n"),
     "OK DATA * VANISHED (EARLIER) 300:310,405,411\\r\\n @0+38\nOK DATA * VANISHED 405,407\\r\\n @38+20\n"
     "OK DATA * 1 FETCH (UID 4 MODSEQ (12121231000))\\r\\n @58+40\nEND idle\n"},
    {"FETCH with ENVELOPE and BODYSTRUCTURE (RFC 3501 §8 sample)",
     S("* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 "
       "ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" "
       "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) NIL NIL NIL NIL NIL NIL "
       "\"<B27397-0100000@cac.washington.edu>\") BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\n"),
     "OK DATA * 12 FETCH (FLAGS (\\\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 "
     "ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" "
     "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) NIL NIL NIL NIL NIL NIL "
     "\"<B27397-0100000@cac.washington.edu>\") BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\\r\\n @0+356\nEND idle\n"},
    {"FETCH BODY[] literal, kept (small)", S("* 12 FETCH (BODY[HEADER] {5}\r\nab\r\nc UID 9)\r\n"),
     "LIT 0 5 kept BODY[HEADER] @25\nDATA ab\\r\\nc\n"
     "OK DATA * 12 FETCH (BODY[HEADER] {5}\\r\\nab\\r\\nc UID 9)\\r\\n @0+44\nEND idle\n"},
    {"section with spaces and origin is one item",
     S("* 2 FETCH (BODY[HEADER.FIELDS (DATE FROM)]<0> {3}\r\nabc)\r\n"),
     "LIT 0 3 kept BODY[HEADER.FIELDS (DATE FROM)]<0> @46\nDATA abc\n"
     "OK DATA * 2 FETCH (BODY[HEADER.FIELDS (DATE FROM)]<0> \"abc\")\\r\\n @0+57\nEND idle\n"},
    {"literal8 may hold NUL (RFC 3516)", S("* 1 FETCH (BINARY[] ~{3}\r\na\0b)\r\n"),
     "LIT 0 3 lit8 kept BINARY[] @20\nDATA a\\x00b\n"
     "OK DATA * 1 FETCH (BINARY[] ~{3}\\r\\na\\x00b)\\r\\n @0+32\nEND idle\n"},
    {"empty literal", S("* LIST () NIL {0}\r\n\r\n"),
     "LIT 0 0 kept @14\nOK DATA * LIST () NIL \"\"\\r\\n @0+21\nEND idle\n"},
    {"two literals in one response", S("* 1 FETCH (BODY[1] {1}\r\nx BODY[2] {2}\r\nyz)\r\n"),
     "LIT 0 1 kept BODY[1] @19\nDATA x\nLIT 1 2 kept BODY[2] @34\nDATA yz\n"
     "OK DATA * 1 FETCH (BODY[1] \"x\" BODY[2] \"yz\")\\r\\n @0+44\nEND idle\n"},
    {"unknown data keeps a generic tree (NAMESPACE, RFC 9051 §7.3.3)",
     S("* NAMESPACE ((\"\" \"/\")) ((\"Other Users/\" \"/\")) NIL\r\n* 5 XFOO bar\r\n"),
     "OK DATA * NAMESPACE ((\"\" \"/\")) ((\"Other Users/\" \"/\")) NIL\\r\\n @0+51\n"
     "OK DATA * 5 XFOO bar\\r\\n @51+14\nEND idle\n"},
    {"address lists and body parts side by side without SP (found in a Dovecot transcript)",
     S("* 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)(\"text\" \"html\" NIL NIL NIL \"7bit\" 1 1) \"alternative\") "
       "ENVELOPE (NIL NIL NIL NIL NIL ((NIL NIL \"a\" \"x\")(NIL NIL \"b\" \"x\")) NIL NIL NIL NIL))\r\n"),
     "OK DATA * 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)(\"text\" \"html\" NIL NIL NIL \"7bit\" 1 1) \"alternative\") "
     "ENVELOPE (NIL NIL NIL NIL NIL ((NIL NIL \"a\" \"x\")(NIL NIL \"b\" \"x\")) NIL NIL NIL NIL))\\r\\n @0+205\nEND idle\n"},
    {"quoted escapes and UTF-8 (RFC 9051 §4.3)", S("* LIST () \"\\\\\" \"a\\\"b\xc3\xa9\"\r\n"),
     "OK DATA * LIST () \"\\\\\\\\\" \"a\\\\\"b\\xc3\\xa9\"\\r\\n @0+25\nEND idle\n"},
    /* The canonical form quotes well-formed UTF-8 (RFC 9051 QUOTED-CHAR) and only it: an
     * overlong form (C0 AF) and a surrogate (ED A0 80) are not UTF-8 (RFC 3629 §3-4) and
     * stay literals. Kept literals of 2 and 3 octets. */
    {"canonical form: UTF-8 quoted, other 8-bit octets literal (RFC 3629)",
     S("* 1 FETCH (X {2}\r\n\xc3\xa9 Y {2}\r\n\xc0\xaf Z {3}\r\n\xed\xa0\x80)\r\n"),
     "LIT 0 2 kept X @13\nDATA \\xc3\\xa9\nLIT 1 2 kept Y @23\nDATA \\xc0\\xaf\nLIT 2 3 kept Z @33\n"
     "DATA \\xed\\xa0\\x80\nOK DATA * 1 FETCH (X \"\\xc3\\xa9\" Y {2}\\r\\n\\xc0\\xaf Z {3}\\r\\n"
     "\\xed\\xa0\\x80)\\r\\n @0+44\nEND idle\n"},
    {"typed response codes (RFC 9051 §7.1, RFC 4315, RFC 7162)",
     S("* OK [UNSEEN 12] Message 12 is first unseen\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
       "* OK [UIDNEXT 4392] Predicted next UID\r\n* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n"
       "A142 OK [READ-WRITE] SELECT completed\r\nA003 OK [APPENDUID 38505 3955] APPEND completed\r\n"
       "A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n* OK [HIGHESTMODSEQ 715194045007] Highest\r\n"
       "* OK [CLOSED] Previous mailbox is now closed\r\nA5 NO [TOOBIG] too big\r\n"),
     "OK STATUS * OK [UNSEEN 12] Message 12 is first unseen\\r\\n @0+45\n"
     "OK STATUS * OK [UIDVALIDITY 3857529045] UIDs valid\\r\\n @45+42\n"
     "OK STATUS * OK [UIDNEXT 4392] Predicted next UID\\r\\n @87+40\n"
     "OK STATUS * OK [PERMANENTFLAGS (\\\\Deleted \\\\Seen \\\\*)] Limited\\r\\n @127+51\n"
     "OK TAGGED A142 OK [READ-WRITE] SELECT completed\\r\\n @178+39\n"
     "OK TAGGED A003 OK [APPENDUID 38505 3955] APPEND completed\\r\\n @217+49\n"
     "OK TAGGED A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\\r\\n @266+52\n"
     "OK STATUS * OK [HIGHESTMODSEQ 715194045007] Highest\\r\\n @318+43\n"
     "OK STATUS * OK [CLOSED] Previous mailbox is now closed\\r\\n @361+46\n"
     "OK TAGGED A5 NO [TOOBIG] too big\\r\\n @407+24\nEND idle\n"},
    {"a stream that ends inside a response", S("* 3 FETCH (BODY[] {10}\r\nabc"),
     "LIT 0 10 kept BODY[] @18\nDATA abc\nEND inside\n"},

    /* ---- hostile responses ---- */
    {"STARTTLS: injected response in the same segment is refused",
     S("S1 OK Begin TLS negotiation now\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n"),
     "OK TAGGED S1 OK Begin TLS negotiation now\\r\\n @0+33 TLS\n"
     "ERR IG_E_FATAL @33 bytes after the tagged OK of STARTTLS (plaintext injection)\nEND error\n", "S1"},
    {"STARTTLS: nothing after the OK is fine", S("* OK x\r\nS1 OK Begin TLS\r\n"),
     "OK STATUS * OK x\\r\\n @0+8\nOK TAGGED S1 OK Begin TLS\\r\\n @8+17 TLS\nEND idle\n", "S1"},
    {"STARTTLS: a NO leaves the stream plaintext", S("S1 NO [UNAVAILABLE] no TLS\r\n* OK later\r\n"),
     "OK TAGGED S1 NO [UNAVAILABLE] no TLS\\r\\n @0+28\nOK STATUS * OK later\\r\\n @28+12\nEND idle\n", "S1"},
    {"STARTTLS: another tag's OK is not the boundary", S("S2 OK done\r\n* OK later\r\n"),
     "OK TAGGED S2 OK done\\r\\n @0+12\nOK STATUS * OK later\\r\\n @12+12\nEND idle\n", "S1"},
    {"a tag that matches no command is reported as sent", S("zz9]x OK [ALERT] hi\r\n"),
     "OK TAGGED zz9]x OK [ALERT] hi\\r\\n @0+21\nEND idle\n"},
    {"a tag with '+' is not a tag", S("a+1 OK x\r\n"),
     "ERR IG_E_SYNTAX @1 SP expected after the tag\nEND error\n"},
    {"tagged PREAUTH is not a response", S("a1 PREAUTH x\r\n"),
     "ERR IG_E_SYNTAX @3 OK, NO or BAD expected after the tag\nEND error\n"},
    {"BYE inside the octets of a FETCH literal is data", S("* 1 FETCH (BODY[] {11}\r\n* BYE x\r\n\r\n)\r\n"),
     "LIT 0 11 kept BODY[] @18\nDATA * BYE x\\r\\n\\r\\n\n"
     "OK DATA * 1 FETCH (BODY[] {11}\\r\\n* BYE x\\r\\n\\r\\n)\\r\\n @0+38\nEND idle\n"},
    {"BYE after a FETCH line cut short", S("* 1 FETCH (UID 1\r\n* BYE x\r\n"),
     "ERR IG_E_SYNTAX @16 SP or ')' expected in a list\nEND error\n"},
    {"'{5}' ending status text is text, not a literal", S("a1 OK see {5}\r\na2 OK x\r\n"),
     "OK TAGGED a1 OK see {5}\\r\\n @0+15\nOK TAGGED a2 OK x\\r\\n @15+9\nEND idle\n"},
    {"'{5}' ending response-code text is text", S("* NO [X {5}] y {2}\r\n* OK z\r\n"),
     "OK STATUS * NO [X {5}] y {2}\\r\\n @0+20\nOK STATUS * OK z\\r\\n @20+8\nEND idle\n"},
    {"NUL in a quoted string", S("* LIST () \"/\" \"a\0b\"\r\n"),
     "ERR IG_E_SYNTAX @16 NUL in a quoted string\nEND error\n"},
    {"NUL in text", S("a1 OK a\0b\r\n"), "ERR IG_E_SYNTAX @7 NUL in text\nEND error\n"},
    {"NUL in a literal", S("* 1 FETCH (BODY[] {3}\r\na\0b)\r\n"),
     "LIT 0 3 kept BODY[] @18\nDATA a\nERR IG_E_SYNTAX @24 NUL in a literal (only literal8 may hold one)\nEND error\n"},
    {"text that is not UTF-8", S("* OK caf\xe9\r\n"), "ERR IG_E_SYNTAX @8 text is not UTF-8\nEND error\n"},
    {"bare LF", S("* OK x\n* OK y\r\n"), "ERR IG_E_SYNTAX @6 line ends in a bare LF\nEND error\n"},
    {"bare CR in text", S("* OK a\rb\r\n"), "ERR IG_E_SYNTAX @6 bare CR in text\nEND error\n"},
    {"non-synchronizing literal from a server", S("* LIST () NIL {1+}\r\nx\r\n"),
     "ERR IG_E_SYNTAX @14 bad literal header\nEND error\n"},
    {"EXISTS with a literal argument is framed, then refused", S("* 3 EXISTS {2}\r\nab\r\n"),
     "LIT 0 2 kept @11\nDATA ab\nERR IG_E_SYNTAX @4 no arguments may follow\nEND error\n"},
    {"message number 0", S("* 0 FETCH (UID 1)\r\n"), "ERR IG_E_SYNTAX @2 message number 0\nEND error\n"},
    {"UIDVALIDITY 0 is not an nz-number", S("* OK [UIDVALIDITY 0] x\r\n"),
     "ERR IG_E_SYNTAX @6 malformed arguments of a response code\nEND error\n"},
    {"UIDNEXT out of range", S("* OK [UIDNEXT 4294967296] x\r\n"),
     "ERR IG_E_SYNTAX @6 malformed arguments of a response code\nEND error\n"},
    {"FETCH INTERNALDATE on a day that does not exist", S("* 1 FETCH (INTERNALDATE \"30-Feb-2024 00:00:00 +0000\")\r\n"),
     "ERR IG_E_SYNTAX @4 FETCH INTERNALDATE must be a quoted date-time\nEND error\n"},
    {"SEARCH with a non-number", S("* SEARCH 1 x\r\n"),
     "ERR IG_E_SYNTAX @2 SEARCH results must be nz-numbers\nEND error\n"},
    {"unbalanced list", S("* FLAGS (\\Seen\r\n"), "ERR IG_E_SYNTAX @14 SP or ')' expected in a list\nEND error\n"},
    {"trailing SP", S("* SEARCH 1 \r\n"), "ERR IG_E_SYNTAX @11 value expected\nEND error\n"},
    {"literal size past 2^64", S("* 1 FETCH (BODY[] {99999999999999999999999}\r\n"),
     "ERR IG_E_LIMIT @18 literal larger than max_literal\nEND error\n"},
    {"default max_literal N is announced", S("* 1 FETCH (BODY[] {1073741824}\r\n"),
     "LIT 0 1073741824 streamed BODY[] @18\nEND inside\n"},
    {"default max_literal N+1", S("* 1 FETCH (BODY[] {1073741825}\r\n"),
     "ERR IG_E_LIMIT @18 literal larger than max_literal\nEND error\n"},
};

/* ---- every limit at N and N+1 (small limits, set in main) ---- */
static const struct rcase limit_cases[] = {
    /* max_line = 40: response text outside literals, CRLFs included */
    {"max_line N", S("* OK 456789012345678901234567890123456\r\n"),
     "OK STATUS * OK 456789012345678901234567890123456\\r\\n @0+40\nEND idle\n"},
    {"max_line N+1", S("* OK 4567890123456789012345678901234567\r\n"),
     "ERR IG_E_LIMIT @40 response text longer than max_line\nEND error\n"},
    {"max_line counts every line of a response, not literal octets",
     S("* 1 FETCH (BODY[] {12}\r\n123456789012 UID 12345678)\r\n"),
     "LIT 0 12 streamed BODY[] @18\nDATA 123456789012\n"
     "OK DATA * 1 FETCH (BODY[] {12}\\r\\n123456789012 UID 12345678)\\r\\n @0+52\nEND idle\n"},
    {"max_line N+1 over two lines", S("* 1 FETCH (BODY[] {12}\r\n123456789012 UID 123456789)\r\n"),
     "LIT 0 12 streamed BODY[] @18\nDATA 123456789012\nERR IG_E_LIMIT @52 response text longer than max_line\nEND error\n"},
    /* max_literal = 20 */
    {"max_literal N", S("* 1 FETCH (BODY[] {20}\r\n01234567890123456789)\r\n"),
     "LIT 0 20 streamed BODY[] @18\nDATA 01234567890123456789\n"
     "OK DATA * 1 FETCH (BODY[] {20}\\r\\n01234567890123456789)\\r\\n @0+47\nEND idle\n"},
    {"max_literal N+1", S("* 1 FETCH (BODY[] {21}\r\n012345678901234567890)\r\n"),
     "ERR IG_E_LIMIT @18 literal larger than max_literal\nEND error\n"},
    /* max_inline_literal = 8: kept at N, streamed at N+1 */
    {"max_inline_literal N (kept)", S("* LIST () NIL {8}\r\n12345678\r\n"),
     "LIT 0 8 kept @14\nDATA 12345678\nOK DATA * LIST () NIL \"12345678\"\\r\\n @0+29\nEND idle\n"},
    {"max_inline_literal N+1 (streamed; LIST needs the name)", S("* LIST () NIL {9}\r\n123456789\r\n"),
     "LIT 0 9 streamed @14\nDATA 123456789\n"
     "ERR IG_E_LIMIT @2 literal over max_inline_literal where a short string is needed\nEND error\n"},
    /* max_inline_bytes = 12 */
    {"max_inline_bytes N", S("* X {8}\r\n12345678 {4}\r\n1234\r\n"),
     "LIT 0 8 kept @4\nDATA 12345678\nLIT 1 4 kept @18\nDATA 1234\n"
     "OK DATA * X \"12345678\" \"1234\"\\r\\n @0+29\nEND idle\n"},
    {"max_inline_bytes N+1", S("* X {8}\r\n12345678 {5}\r\n12345\r\n"),
     "LIT 0 8 kept @4\nDATA 12345678\nERR IG_E_LIMIT @18 kept literal octets over max_inline_bytes\nEND error\n"},
    /* max_literals = 3 */
    {"max_literals N", S("* X {1}\r\na {1}\r\nb {1}\r\nc\r\n"),
     "LIT 0 1 kept @4\nDATA a\nLIT 1 1 kept @11\nDATA b\nLIT 2 1 kept @18\nDATA c\n"
     "OK DATA * X \"a\" \"b\" \"c\"\\r\\n @0+26\nEND idle\n"},
    {"max_literals N+1", S("* X {1}\r\na {1}\r\nb {1}\r\nc {1}\r\nd\r\n"),
     "LIT 0 1 kept @4\nDATA a\nLIT 1 1 kept @11\nDATA b\nLIT 2 1 kept @18\nDATA c\n"
     "ERR IG_E_LIMIT @25 more than max_literals literals\nEND error\n"},
    /* max_depth = 3 */
    {"max_depth N", S("* X (((a)))\r\n"), "OK DATA * X (((a)))\\r\\n @0+13\nEND idle\n"},
    {"max_depth N+1", S("* X ((((a))))\r\n"),
     "ERR IG_E_LIMIT @7 lists nested deeper than max_depth\nEND error\n"},
    {"max_depth N+1 before a literal is refused before its octets", S("* X ((((a {3}\r\nabc))))\r\n"),
     "ERR IG_E_LIMIT @7 lists nested deeper than max_depth\nEND error\n"},
    /* max_items = 6 */
    {"max_items N", S("* X 1 2 (3 4) 5\r\n"), "OK DATA * X 1 2 (3 4) 5\\r\\n @0+17\nEND idle\n"},
    {"max_items N+1", S("* X 1 2 (3 4) 5 6\r\n"),
     "ERR IG_E_LIMIT @16 more than max_items values in a response\nEND error\n"},
    /* max_tag = 5 */
    {"max_tag N", S("abcde OK x\r\n"), "OK TAGGED abcde OK x\\r\\n @0+12\nEND idle\n"},
    {"max_tag N+1", S("abcdef OK x\r\n"), "ERR IG_E_LIMIT @5 tag longer than max_tag\nEND error\n"},
};

static void run_table(const struct rcase *t, size_t n, const struct ig_response_limits *lim)
{
    for (size_t i = 0; i < n; i++) {
        char *got = run_all(lim, t[i].in, t[i].inlen, t[i].starttls);
        is_str(got, t[i].want, t[i].name);
        free(got);
    }
}

/* ---- typed forms, checked field by field against values written in the inputs ---- */

static struct ig_response_reader rd;
static unsigned char *mem;

/* Reads in[0..len) whole and returns the first response, or NULL. */
static const struct ig_response *first_n(const char *in, size_t len)
{
    size_t pos = 0, used;
    ig_response_init(&rd, NULL, mem, ig_response_memsize(NULL));
    for (;;) {
        enum ig_status st = ig_response_feed(&rd, in + pos, len - pos, &used);
        pos += used;
        if (st == IG_OK)
            return ig_response_get(&rd);
        if (st != IG_NEED_LITERAL && st != IG_LITERAL_DATA)
            return NULL;
    }
}
#define first(s) first_n(s, sizeof(s) - 1)

static int words_are(struct ig_rwords w, const char *const *want, uint32_t n)
{
    if (w.n != n)
        return 0;
    for (uint32_t i = 0; i < n; i++)
        if (!span_is(w.v[i], want[i]))
            return 0;
    return 1;
}

static void test_typed(void)
{
    const struct ig_response *r;
    r = first("* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI\r\n");
    {
        static const char *const w[] = {"IMAP4rev2", "STARTTLS", "AUTH=GSSAPI"};
        ok(r && r->kind == IG_RESP_DATA && r->data == IG_RDATA_CAPABILITY && words_are(r->u.words, w, 3),
           "CAPABILITY: three capabilities");
    }
    r = first("* ENABLED CONDSTORE\r\n");
    ok(r && r->data == IG_RDATA_ENABLED && r->u.words.n == 1 && span_is(r->u.words.v[0], "CONDSTORE"),
       "ENABLED CONDSTORE");
    r = first("* ENABLED\r\n");
    ok(r && r->data == IG_RDATA_ENABLED && r->u.words.n == 0, "ENABLED with nothing (RFC 5161)");
    r = first("* 172 EXISTS\r\n");
    ok(r && r->data == IG_RDATA_EXISTS && r->has_number && r->number == 172, "EXISTS 172");
    r = first("* 0 EXISTS\r\n");
    ok(r && r->data == IG_RDATA_EXISTS && r->number == 0, "0 EXISTS (number, not nz-number)");
    r = first("* 4294967295 EXPUNGE\r\n");
    ok(r && r->data == IG_RDATA_EXPUNGE && r->number == 4294967295u, "EXPUNGE 4294967295");
    ok(!first("* 4294967296 EXPUNGE\r\n"), "EXPUNGE 4294967296 is out of range");
    r = first("* 5 RECENT\r\n");
    ok(r && r->data == IG_RDATA_RECENT && r->number == 5, "RECENT 5 (RFC 3501)");
    r = first("* VANISHED (EARLIER) 300:310,405,411\r\n");
    ok(r && r->data == IG_RDATA_VANISHED && r->u.vanished.earlier &&
       span_is(r->u.vanished.uids, "300:310,405,411"), "VANISHED (EARLIER)");
    r = first("* VANISHED 1:*\r\n");
    ok(r && !r->u.vanished.earlier && span_is(r->u.vanished.uids, "1:*"), "VANISHED without EARLIER");
    ok(!first("* VANISHED 1:x\r\n"), "VANISHED with a bad set");
    r = first("* FLAGS (\\Answered $Junk)\r\n");
    {
        static const char *const w[] = {"\\Answered", "$Junk"};
        ok(r && r->data == IG_RDATA_FLAGS && words_are(r->u.words, w, 2), "FLAGS");
    }
    r = first("* LIST (\\HasNoChildren \\Sent) \".\" {5}\r\nSent.\r\n");
    {
        static const char *const w[] = {"\\HasNoChildren", "\\Sent"};
        ok(r && r->data == IG_RDATA_LIST && words_are(r->u.list.attrs, w, 2) && r->u.list.has_delim &&
           r->u.list.delim == '.' && span_is(r->u.list.mailbox, "Sent.") && !r->u.list.has_ext,
           "LIST with a literal mailbox name");
    }
    r = first("* LIST () \"/\" \"a b\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n");
    ok(r && r->u.list.has_ext && r->u.list.ext.n == 2 && span_is(r->u.list.mailbox, "a b"),
       "LIST with extended data (RFC 5258)");
    r = first("* LSUB () NIL INBOX\r\n");
    ok(r && r->data == IG_RDATA_LSUB && !r->u.list.has_delim && span_is(r->u.list.mailbox, "INBOX"),
       "LSUB with NIL delimiter");
    ok(!first("* LIST () \"ab\" x\r\n"), "LIST delimiter of two characters");
    r = first("* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 7011231777 APPENDLIMIT NIL)\r\n");
    ok(r && r->data == IG_RDATA_STATUS && span_is(r->u.status.mailbox, "blurdybloop") && r->u.status.n == 4 &&
       span_is(r->u.status.v[0].name, "MESSAGES") && r->u.status.v[0].value == 231 &&
       r->u.status.v[1].value == 44292 && r->u.status.v[2].value == 7011231777u &&
       r->u.status.v[3].nil, "STATUS items");
    r = first("* SEARCH 2 84 882 (MODSEQ 917162500)\r\n");
    ok(r && r->data == IG_RDATA_SEARCH && r->u.search.n == 3 && r->u.search.v[0] == 2 &&
       r->u.search.v[2] == 882 && r->u.search.has_modseq && r->u.search.modseq == 917162500u,
       "SEARCH with MODSEQ");
    r = first("* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800 COUNT 15 ALL 7,9:11 MODSEQ 3\r\n");
    ok(r && r->data == IG_RDATA_ESEARCH && r->u.esearch.has_tag && span_is(r->u.esearch.tag, "A285") &&
       r->u.esearch.uid && r->u.esearch.has_min && r->u.esearch.min == 7 && r->u.esearch.max == 3800 &&
       r->u.esearch.count == 15 && span_is(r->u.esearch.all, "7,9:11") && r->u.esearch.modseq == 3 &&
       r->u.esearch.data.n == 10, "ESEARCH return data");
    r = first("* 12 FETCH (FLAGS (\\Seen \\Answered) UID 4827313 MODSEQ (624140003) RFC822.SIZE 44827 "
              "INTERNALDATE \" 7-Feb-1994 21:52:25 -0800\" BODY[] {3}\r\nabc)\r\n");
    ok(r && r->data == IG_RDATA_FETCH && r->number == 12 && r->u.fetch.n == 6 && r->u.fetch.has_flags &&
       r->u.fetch.flags.n == 2 && span_is(r->u.fetch.flags.v[1], "\\Answered") && r->u.fetch.uid == 4827313 &&
       r->u.fetch.modseq == 624140003u && r->u.fetch.size == 44827 && r->u.fetch.has_date &&
       r->u.fetch.date.year == 1994 && r->u.fetch.date.month == 2 && r->u.fetch.date.day == 7 &&
       r->u.fetch.date.hour == 21 && r->u.fetch.date.zone == -480 &&
       r->u.fetch.v[5].item == IG_FITEM_OTHER && span_is(r->u.fetch.v[5].name, "BODY[]") &&
       r->u.fetch.v[5].value->type == IG_RARG_STRING && span_is(r->u.fetch.v[5].value->v, "abc"),
       "FETCH typed items");
    r = first("* 12 FETCH (ENVELOPE (\"d\" \"s\" ((\"N\" NIL \"u\" \"h\")) NIL NIL NIL NIL NIL NIL \"<i>\") "
              "BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1) \"MIXED\"))\r\n");
    ok(r && r->u.fetch.n == 2 && r->u.fetch.v[0].value->type == IG_RARG_LIST &&
       r->u.fetch.v[0].value->n == 10 && r->u.fetch.v[0].value->items[2].items[0].n == 4 &&
       r->u.fetch.v[1].value->items[0].type == IG_RARG_LIST, "ENVELOPE and BODYSTRUCTURE as generic trees");
    r = first("* OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n");
    ok(r && r->code.code == IG_RCODE_COPYUID && r->code.num == 38505 && span_is(r->code.set_a, "304,319:320") &&
       span_is(r->code.set_b, "3956:3958") && span_is(r->text, "Done"), "COPYUID");
    r = first("A003 OK [APPENDUID 38505 3955] APPEND completed\r\n");
    ok(r && r->code.code == IG_RCODE_APPENDUID && r->code.num == 38505 && span_is(r->code.set_a, "3955") &&
       span_is(r->tag, "A003"), "APPENDUID");
    ok(!first("A003 OK [APPENDUID 38505 *] x\r\n"), "APPENDUID with '*' (uid-set has none)");
    r = first("* OK [HIGHESTMODSEQ 9223372036854775807] x\r\n");
    ok(r && r->code.code == IG_RCODE_HIGHESTMODSEQ && r->code.num == 9223372036854775807u,
       "HIGHESTMODSEQ 2^63-1");
    ok(!first("* OK [HIGHESTMODSEQ 9223372036854775808] x\r\n"), "HIGHESTMODSEQ 2^63 is out of range");
    r = first("a OK [MODIFIED 7,9] Conditional STORE failed\r\n");
    ok(r && r->code.code == IG_RCODE_MODIFIED && span_is(r->code.set_a, "7,9"), "MODIFIED");
    r = first("* OK [PERMANENTFLAGS ()] none\r\n");
    ok(r && r->code.code == IG_RCODE_PERMANENTFLAGS && r->code.words.n == 0, "PERMANENTFLAGS ()");
    r = first("a NO [BADCHARSET (UTF-8 US-ASCII)] x\r\n");
    ok(r && r->code.code == IG_RCODE_BADCHARSET && r->code.words.n == 2 && span_is(r->code.words.v[1], "US-ASCII"),
       "BADCHARSET with charsets");
    r = first("* OK [XFOO bar baz] x\r\n");
    ok(r && r->code.code == IG_RCODE_OTHER && span_is(r->code.name, "XFOO") && span_is(r->code.text, "bar baz"),
       "an unknown code keeps name and text");
    r = first("* OK [ALERT] System shutdown in 10 minutes\r\n");
    ok(r && r->kind == IG_RESP_STATUS && r->cond == IG_COND_OK && r->code.code == IG_RCODE_ALERT &&
       span_is(r->text, "System shutdown in 10 minutes"), "ALERT");
    r = first("* BYE [UNAVAILABLE] bye\r\n");
    ok(r && r->cond == IG_COND_BYE && r->code.code == IG_RCODE_UNAVAILABLE, "BYE with a code");
    r = first("+ \r\n");
    ok(r && r->kind == IG_RESP_CONTINUE && r->text.len == 0, "empty continuation");

    /* RFC 9051 §7.1 and RFC 5530 §3 code names, written out here (not from the table) */
    static const char *const names[] = {
        "ALERT", "ALREADYEXISTS", "APPENDUID 1 1", "AUTHENTICATIONFAILED", "AUTHORIZATIONFAILED",
        "BADCHARSET", "CANNOT", "CAPABILITY IMAP4rev2", "CLIENTBUG", "CLOSED", "CONTACTADMIN",
        "COPYUID 1 1 2", "CORRUPTION", "EXPIRED", "EXPUNGEISSUED", "HASCHILDREN", "INUSE", "LIMIT",
        "NONEXISTENT", "NOPERM", "NOTSAVED", "OVERQUOTA", "PARSE", "PERMANENTFLAGS ()",
        "PRIVACYREQUIRED", "READ-ONLY", "READ-WRITE", "SERVERBUG", "TRYCREATE", "UIDNEXT 1",
        "UIDNOTSTICKY", "UIDVALIDITY 1", "UNAVAILABLE", "UNKNOWN-CTE", "UNSEEN 1",
        "HIGHESTMODSEQ 1", "NOMODSEQ", "MODIFIED 1", "TOOBIG", "COMPRESSIONACTIVE", "USEATTR",
        "METADATA LONGENTRIES 5", "MAILBOXID (F1)"};
    int all = 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char line[128];
        int n = snprintf(line, sizeof line, "a NO [%s] x\r\n", names[i]);
        r = first_n(line, (size_t)n);
        size_t nl = strcspn(names[i], " ");
        if (!r || r->code.code <= IG_RCODE_OTHER || strlen(ig_rcode_name((enum ig_rcode)r->code.code)) != nl ||
            strncmp(ig_rcode_name((enum ig_rcode)r->code.code), names[i], nl) != 0) {
            all = 0;
            printf("# code %s not typed\n", names[i]);
        }
    }
    ok(all, "every RFC 9051 §7.1 / RFC 5530 code is typed, with its wire name");
    r = first_n("a NO [read-only] x\r\n", 20);
    ok(r && r->code.code == IG_RCODE_READ_ONLY, "code names are case-insensitive");
}

/* A 50 MB BODY[] is streamed: fixed memory, every octet handed out once. */
static void test_big_literal(void)
{
    const size_t big = 50u * 1024 * 1024;
    static unsigned char chunk[65536];
    const char head[] = "* 1 FETCH (UID 7 BODY[] {52428800}\r\n";
    const char tail[] = " FLAGS (\\Seen))\r\n";
    size_t used, got = 0, pieces = 0;
    int bad = 0;
    ig_response_init(&rd, NULL, mem, ig_response_memsize(NULL));
    enum ig_status st = ig_response_feed(&rd, head, sizeof head - 1, &used);
    ok(st == IG_NEED_LITERAL && used == sizeof head - 1 && ig_response_literal(&rd)->size == big &&
       !ig_response_literal(&rd)->kept && span_is(ig_response_literal(&rd)->item, "BODY[]"),
       "50 MB literal announced, not kept");
    memset(chunk, 'x', sizeof chunk);
    while (got < big) {
        size_t n = big - got < sizeof chunk ? big - got : sizeof chunk;
        size_t pos = 0;
        while (pos < n) {
            st = ig_response_feed(&rd, chunk + pos, n - pos, &used);
            if (st != IG_LITERAL_DATA || ig_response_data(&rd, NULL).ptr != chunk + pos)
                bad = 1;
            pos += used;
            pieces++;
            if (st != IG_LITERAL_DATA)
                break;
        }
        got += n;
    }
    ok(!bad && pieces == big / sizeof chunk, "50 MB handed out as spans of the caller's buffer");
    st = ig_response_feed(&rd, tail, sizeof tail - 1, &used);
    const struct ig_response *r = ig_response_get(&rd);
    ok(st == IG_OK && r->u.fetch.n == 3 && r->u.fetch.v[1].value->streamed &&
       r->u.fetch.v[1].value->size == big && r->u.fetch.uid == 7 && r->u.fetch.has_flags &&
       r->length == sizeof head - 1 + big + sizeof tail - 1, "the response after it, streamed literal by size");
}

/* STARTTLS through the API: what the caller must discard. */
static void test_starttls_api(void)
{
    static const char in[] = "S1 OK go\r\n* OK injected\r\n";
    size_t used;
    ig_response_init(&rd, NULL, mem, ig_response_memsize(NULL));
    ok(ig_response_starttls(&rd, "", 0) == IG_E_USAGE, "starttls: empty tag refused");
    ok(ig_response_starttls(&rd, "S1", 2) == IG_OK, "starttls: tag set");
    enum ig_status st = ig_response_feed(&rd, in, sizeof in - 1, &used);
    ok(st == IG_OK && used == 10 && ig_response_get(&rd)->tls_boundary && ig_response_held(&rd) == 0,
       "starttls: feed stops right after the OK; the rest is the caller's to discard");
    ok(ig_response_feed(&rd, in + used, sizeof in - 1 - used, &used) == IG_E_FATAL && used == 0,
       "starttls: plaintext after the OK is refused");
    ig_response_reset(&rd);
    ok(ig_response_feed(&rd, "* OK tls\r\n", 10, &used) == IG_OK, "starttls: reset after the handshake");
}

static void test_api(void)
{
    struct ig_response_limits lim;
    size_t used;
    ig_response_limits_default(&lim);
    ok(ig_response_init(NULL, NULL, mem, ig_response_memsize(NULL)) == IG_E_USAGE, "init: NULL reader");
    ok(ig_response_init(&rd, NULL, mem, ig_response_memsize(NULL) - 1) == IG_E_USAGE, "init: memory short by one");
    lim.max_inline_literal = lim.max_inline_bytes + 1;
    ok(ig_response_init(&rd, &lim, mem, ig_response_memsize(&lim)) == IG_E_USAGE,
       "init: max_inline_literal over max_inline_bytes");
    ig_response_limits_default(&lim);
    lim.max_depth = 0;
    ok(ig_response_init(&rd, &lim, mem, ig_response_memsize(&lim)) == IG_E_USAGE, "init: a zero limit");
    ig_response_init(&rd, NULL, mem, ig_response_memsize(NULL));
    ok(ig_response_feed(&rd, NULL, 1, &used) == IG_E_USAGE, "feed: NULL buffer");
    ok(ig_response_feed(&rd, "* OK", 4, &used) == IG_NEED_MORE && !ig_response_idle(&rd) &&
       ig_response_held(&rd) == 4, "held: 4 bytes of an unfinished response");
    ok(ig_response_feed(&rd, "\nx", 2, &used) == IG_E_SYNTAX && ig_response_feed(&rd, "\r\n", 2, &used) == IG_E_SYNTAX,
       "errors are sticky");
    ig_response_reset(&rd);
    ok(ig_response_feed(&rd, "* OK\r\n", 6, &used) == IG_E_SYNTAX && ig_response_error(&rd)->offset == 9,
       "offsets keep counting after reset");
}

/* arena N and N+1: "* X a b" needs its two items twice (scratch and result). */
static void test_arena(void)
{
    struct ig_response_limits lim;
    ig_response_limits_default(&lim);
    lim.arena = (uint32_t)(4 * sizeof(struct ig_rarg));
    char *got = run_all(&lim, S("* X a b\r\n"), NULL);
    is_str(got, "OK DATA * X a b\\r\\n @0+9\nEND idle\n", "arena N");
    free(got);
    got = run_all(&lim, S("* X a b c\r\n"), NULL);
    is_str(got, "ERR IG_E_NOMEM @9 response too complex for the arena\nEND error\n", "arena N+1");
    free(got);
}

/* Real server transcripts (tests/dovecot/record.sh, Dovecot 2.3): another
 * implementation's responses, every one read without an error, whole and in chunks. */
static void test_dovecot(void)
{
    static const char *const files[] = {"tests/dovecot/session.s", "tests/dovecot/errors.s"};
    struct ig_response_limits lim;
    ig_response_limits_default(&lim);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        FILE *f = fopen(files[i], "rb");
        static char buf[1 << 16];
        size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
        if (f)
            fclose(f);
        char *whole, *other;
        struct fzr_result w = fzr_run(&lim, (const uint8_t *)buf, n, NULL, 0, NULL, NULL, &whole);
        int same = 1;
        for (uint8_t c = 1; c <= 7; c++) {
            fzr_run(&lim, (const uint8_t *)buf, n, &c, 1, NULL, NULL, &other);
            same &= strcmp(whole, other) == 0;
            free(other);
        }
        char what[128];
        snprintf(what, sizeof what, "%s: %llu responses, no error, same in chunks of 1-7", files[i],
                 (unsigned long long)w.responses);
        ok(n > 0 && w.errors == 0 && w.idle && w.responses > 10 && same, what);
        free(whole);
    }
}

static void dump(const char *dir, const char *name, const char *in, size_t len, uint8_t cfg)
{
    char path[512], file[200];
    size_t k = 0;
    for (const char *c = name; *c && k < sizeof file - 1; c++)
        file[k++] = (char)((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ? *c : '-');
    file[k] = 0;
    snprintf(path, sizeof path, "%s/response/%s", dir, file);
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    unsigned char head[3] = {cfg, 0, 5};
    fwrite(head, 1, 3, f);
    fwrite(in, 1, len, f);
    fclose(f);
}

int main(int argc, char **argv)
{
    const char *seeds = seed_dir_arg(argc, argv);
    struct ig_response_limits def, small;
    ig_response_limits_default(&def);
    ig_response_limits_default(&small);
    small.max_line = 40;
    small.max_literal = 20;
    small.max_inline_literal = 8;
    small.max_inline_bytes = 12;
    small.max_literals = 3;
    small.max_depth = 3;
    small.max_items = 6;
    small.max_tag = 5;
    if (seeds) {
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
            dump(seeds, cases[i].name, cases[i].in, cases[i].inlen, cases[i].starttls ? 2 : 0);
        return 0;
    }
    mem = malloc(ig_response_memsize(NULL));
    run_table(cases, sizeof cases / sizeof cases[0], &def);
    run_table(limit_cases, sizeof limit_cases / sizeof limit_cases[0], &small);
    test_typed();
    test_big_literal();
    test_starttls_api();
    test_api();
    test_arena();
    test_dovecot();
    free(mem);
    return done();
}
