/*
 * test_search.c - the SEARCH family (parser/cmd_search.c): SEARCH and UID SEARCH with
 * every key of RFC 9051 and RFC 3501, MODSEQ (RFC 7162), EMAILID / THREADID (RFC 8474),
 * RETURN options (RFC 4731, RFC 5182), SORT and THREAD (RFC 5256), ESEARCH (RFC 7377).
 * Every client example line of those RFCs is here with its canonical form; then every
 * rule with its failures. Each case runs whole, one byte at a time and split at every
 * offset, flush against a guard page, and every accepted command goes through
 * emit -> parse -> equal (tests/harness.c). The C checks at the end look at the typed
 * values, at what the serializer refuses and at what equality ignores.
 */
#include "harness.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

struct tcase {
    const char *name;
    const char *in;
    size_t inlen;
    const char *want;
    uint32_t options;
};

/* An input with its length, so that inputs may hold NUL. */
#define S(x) x, sizeof(x) - 1

static const struct tcase cases[] = {
    /* ---- RFC 3501 §6.4.4 ---- */
    {"RFC 3501 §6.4.4 A282",
     S("A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n"),
     "OK A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM Smith @0+55\n"
     "END idle\n"},
    {"RFC 3501 §6.4.4 A283",
     S("A283 SEARCH TEXT \"string not in mailbox\"\r\n"),
     "OK A283 SEARCH TEXT \"string not in mailbox\" @0+42\n"
     "END idle\n"},
    {"RFC 3501 §6.4.4 A284 (literal)",
     S("A284 SEARCH CHARSET UTF-8 TEXT {6}\r\nXXXXXX\r\n"),
     "LIT A284 6 arg @31\n"
     "OK A284 SEARCH CHARSET UTF-8 TEXT XXXXXX @0+44\n"
     "END idle\n"},
    /* ---- RFC 4731 ---- */
    {"RFC 4731 §3.1 A282",
     S("A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n"),
     "OK A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM Smith @0+74\n"
     "END idle\n"},
    {"RFC 4731 §3.1 A283",
     S("A283 SEARCH RETURN () FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n"),
     "OK A283 SEARCH RETURN () FLAGGED SINCE 1-Feb-1994 NOT FROM Smith @0+65\n"
     "END idle\n"},
    {"RFC 4731 §3.1 A284",
     S("A284 SEARCH RETURN (MIN) UNSEEN\r\n"),
     "OK A284 SEARCH RETURN (MIN) UNSEEN @0+33\n"
     "END idle\n"},
    {"RFC 4731 §3.1 A285",
     S("A285 UID SEARCH RETURN (MIN MAX) 1:5000\r\n"),
     "OK A285 UID SEARCH RETURN (MIN MAX) 1:5000 @0+41\n"
     "END idle\n"},
    {"RFC 4731 §3.1 A286",
     S("A286 SEARCH RETURN (COUNT) DELETED\r\n"),
     "OK A286 SEARCH RETURN (COUNT) DELETED @0+36\n"
     "END idle\n"},
    {"RFC 4731 §3.2 a1",
     S("a1 SEARCH RETURN (MIN) MODSEQ \"/flags/\\\\draft\" all 620162338\r\n"),
     "OK a1 SEARCH RETURN (MIN) MODSEQ \"/flags/\\\\\\\\draft\" ALL 620162338 @0+62\n"
     "END idle\n"},
    {"RFC 4731 §3.2 a2",
     S("a2 SEARCH RETURN (MAX) MODSEQ \"/flags/\\\\draft\" all 620162338\r\n"),
     "OK a2 SEARCH RETURN (MAX) MODSEQ \"/flags/\\\\\\\\draft\" ALL 620162338 @0+62\n"
     "END idle\n"},
    {"RFC 4731 §3.2 a3",
     S("a3 SEARCH RETURN (MIN MAX) MODSEQ \"/flags/\\\\draft\" all 620162338\r\n"),
     "OK a3 SEARCH RETURN (MIN MAX) MODSEQ \"/flags/\\\\\\\\draft\" ALL 620162338 @0+66\n"
     "END idle\n"},
    {"RFC 4731 §3.2 a4",
     S("a4 SEARCH RETURN (MIN COUNT) MODSEQ \"/flags/\\\\draft\" all 620162338\r\n"),
     "OK a4 SEARCH RETURN (MIN COUNT) MODSEQ \"/flags/\\\\\\\\draft\" ALL 620162338 @0+68\n"
     "END idle\n"},
    /* ---- RFC 5256 ---- */
    /* "~" is an ATOM-CHAR: only "~{" opens a literal8 (generate target finding F2) */
    {"sort charset atom ~", S("a SORT (DATE) ~ ALL\r\nb UID SORT (SUBJECT) \"~\" ALL\r\n"),
     "OK a SORT (DATE) ~ ALL @0+21\nOK b UID SORT (SUBJECT) ~ ALL @21+30\nEND idle\n"},
    {"thread charset atom starting with ~", S("b THREAD REFS ~utf8 ALL\r\n"),
     "OK b THREAD REFS ~utf8 ALL @0+25\nEND idle\n"},
    {"sort charset literal8 refused", S("a SORT (DATE) ~{1}\r\n"),
     "ERR a SYNTAX @14 charset must be an atom or a quoted string\nEND idle\n"},
    {"RFC 5256 SORT A282",
     S("A282 SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994\r\n"),
     "OK A282 SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994 @0+44\n"
     "END idle\n"},
    {"RFC 5256 SORT A283",
     S("A283 SORT (SUBJECT REVERSE DATE) UTF-8 ALL\r\n"),
     "OK A283 SORT (SUBJECT REVERSE DATE) UTF-8 ALL @0+44\n"
     "END idle\n"},
    {"RFC 5256 SORT A284",
     S("A284 SORT (SUBJECT) US-ASCII TEXT \"not in mailbox\"\r\n"),
     "OK A284 SORT (SUBJECT) US-ASCII TEXT \"not in mailbox\" @0+52\n"
     "END idle\n"},
    {"RFC 5256 THREAD A283",
     S("A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000\r\n"),
     "OK A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-Mar-2000 @0+51\n"
     "END idle\n"},
    {"RFC 5256 THREAD A284",
     S("A284 THREAD ORDEREDSUBJECT US-ASCII TEXT \"gewp\"\r\n"),
     "OK A284 THREAD ORDEREDSUBJECT US-ASCII TEXT gewp @0+49\n"
     "END idle\n"},
    {"RFC 5256 THREAD A285",
     S("A285 THREAD REFERENCES UTF-8 SINCE 5-MAR-2000\r\n"),
     "OK A285 THREAD REFERENCES UTF-8 SINCE 5-Mar-2000 @0+47\n"
     "END idle\n"},
    /* ---- RFC 7162 ---- */
    {"RFC 7162 §3.1.5 example 15",
     S("a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338\r\n"),
     "OK a SEARCH MODSEQ \"/flags/\\\\\\\\draft\" ALL 620162338 @0+48\n"
     "END idle\n"},
    {"RFC 7162 §3.1.5 example 16",
     S("t SEARCH OR NOT MODSEQ 720162338 LARGER 50000\r\n"),
     "OK t SEARCH OR NOT MODSEQ 720162338 LARGER 50000 @0+47\n"
     "END idle\n"},
    {"RFC 7162 §3.1.10 example 19",
     S("a SEARCH RETURN (ALL) MODSEQ 1234\r\n"),
     "OK a SEARCH RETURN (ALL) MODSEQ 1234 @0+35\n"
     "END idle\n"},
    {"RFC 7162 §3.1.10 example 20 (ESORT: refused)",
     S("a SORT RETURN (ALL) (DATE) UTF-8 MODSEQ 1234\r\n"),
     "ERR a SYNTAX @7 SORT RETURN (ESORT) is not supported\n"
     "END idle\n"},
    {"RFC 7162 §3.2.5.2 s101",
     S("s101 UID SEARCH 300:500\r\n"),
     "OK s101 UID SEARCH 300:500 @0+25\n"
     "END idle\n"},
    /* ---- RFC 7377 ---- */
    {"RFC 7377 §2 UID ESEARCH (no UID form: refused)",
     S("tag1 UID ESEARCH FROM \"frobozz\" 1:100\r\ntag1 UID ESEARCH FROM \"frobozz\" 101:20"
       "0\r\n"),
     "ERR tag1 SYNTAX @9 not a UID command\n"
     "ERR tag1 SYNTAX @48 not a UID command\n"
     "END idle\n"},
    {"RFC 7377 §3 tag1 and tag2",
     S("tag1 ESEARCH IN (mailboxes \"folder1\" subtree \"folder2\") unseen\r\ntag2 ESEARCH "
       "IN (mailboxes \"folder1\" subtree-one \"folder2\") subject \"chad\"\r\n"),
     "OK tag1 ESEARCH IN (MAILBOXES folder1 SUBTREE folder2) UNSEEN @0+64\n"
     "OK tag2 ESEARCH IN (MAILBOXES folder1 SUBTREE-ONE folder2) SUBJECT chad @64+76\n"
     "END idle\n"},
    /* ---- RFC 8474 ---- */
    {"RFC 8474 §5 search emailid",
     S("27 search emailid M6d99ac3275bb4e\r\n"),
     "OK 27 SEARCH EMAILID M6d99ac3275bb4e @0+35\n"
     "END idle\n"},
    {"RFC 8474 §5 search threadid",
     S("28 search threadid T64b478a75b7ea9\r\n"),
     "OK 28 SEARCH THREADID T64b478a75b7ea9 @0+36\n"
     "END idle\n"},
    /* ---- RFC 9051 ---- */
    {"RFC 9051 §6.4.4 A282",
     S("A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n"),
     "OK A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM Smith @0+74\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4 A283",
     S("A283 SEARCH RETURN () FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n"),
     "OK A283 SEARCH RETURN () FLAGGED SINCE 1-Feb-1994 NOT FROM Smith @0+65\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4 A284",
     S("A284 SEARCH TEXT \"string not in mailbox\"\r\n"),
     "OK A284 SEARCH TEXT \"string not in mailbox\" @0+42\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4 A285 (UTF-8 literal)",
     S("A285 SEARCH CHARSET UTF-8 TEXT {12}\r\n\xd0\xbe\xd1\x82\xd0\xbf\xd1\x83\xd1\x81\xd0"
       "\xba\r\n"),
     "LIT A285 12 arg @31\n"
     "OK A285 SEARCH CHARSET UTF-8 TEXT {12}\\r\\n\\xd0\\xbe\\xd1\\x82\\xd0\\xbf\\xd1\\x83\\x"
     "d1\\x81\\xd0\\xba @0+51\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4 A284 MIN",
     S("A284 SEARCH RETURN (MIN) UNSEEN\r\n"),
     "OK A284 SEARCH RETURN (MIN) UNSEEN @0+33\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4 A285 MIN MAX",
     S("A285 UID SEARCH RETURN (MIN MAX) 1:5000\r\n"),
     "OK A285 UID SEARCH RETURN (MIN MAX) 1:5000 @0+41\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4 A286",
     S("A286 SEARCH RETURN (COUNT) DELETED\r\n"),
     "OK A286 SEARCH RETURN (COUNT) DELETED @0+36\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4.1 example 1 and 2",
     S("A282 SEARCH RETURN (SAVE) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n"),
     "OK A282 SEARCH RETURN (SAVE) FLAGGED SINCE 1-Feb-1994 NOT FROM Smith @0+69\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4.1 example 3",
     S("A300 SEARCH RETURN (SAVE) SINCE 1-Jan-2004 NOT FROM \"Smith\"\r\nA301 UID SEARCH UI"
       "D $ SMALLER 4096\r\nA301 UID SEARCH $ SMALLER 4096\r\n"),
     "OK A300 SEARCH RETURN (SAVE) SINCE 1-Jan-2004 NOT FROM Smith @0+61\n"
     "OK A301 UID SEARCH UID $ SMALLER 4096 @61+36\n"
     "OK A301 UID SEARCH $ SMALLER 4096 @97+32\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4.1 example 4",
     S("P282 SEARCH RETURN (SAVE) SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\nP283 SEARCH CHARSE"
       "T UTF-8 (OR $ 1,3000:3021) TEXT {8+}\r\n\xd0\xbc\xd0\xb0\xd1\x82\xd1\x8c\r\n"),
     "OK P282 SEARCH RETURN (SAVE) SINCE 1-Feb-1994 NOT FROM Smith @0+61\n"
     "OK P283 SEARCH CHARSET UTF-8 (OR $ 1,3000:3021) TEXT {8}\\r\\n\\xd0\\xbc\\xd0\\xb0\\xd1"
     "\\x82\\xd1\\x8c @61+66\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4.1 example 5",
     S("B282 SEARCH RETURN (SAVE) SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\nB283 SEARCH RETURN"
       " (SAVE) CHARSET KOI8-R (OR $ 1,3000:3021) TEXT {4}\r\nXXXX\r\n"),
     "OK B282 SEARCH RETURN (SAVE) SINCE 1-Feb-1994 NOT FROM Smith @0+61\n"
     "LIT B283 4 arg @126\n"
     "OK B283 SEARCH RETURN (SAVE) CHARSET KOI8-R (OR $ 1,3000:3021) TEXT XXXX @61+76\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4.1 example 6",
     S("E282 SEARCH RETURN (SAVE) SINCE 28-Oct-2006 NOT FROM \"Eric\"\r\n"),
     "OK E282 SEARCH RETURN (SAVE) SINCE 28-Oct-2006 NOT FROM Eric @0+61\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4.1 example 7",
     S("F282 SEARCH RETURN (SAVE) KEYWORD $Junk\r\n"),
     "OK F282 SEARCH RETURN (SAVE) KEYWORD $Junk @0+41\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4.1 example 8",
     S("G282 SEARCH RETURN (SAVE) KEYWORD $Junk\r\nG283 SEARCH RETURN (ALL) SINCE 28-Oct-20"
       "06 FROM \"Eric\"\r\n"),
     "OK G282 SEARCH RETURN (SAVE) KEYWORD $Junk @0+41\n"
     "OK G283 SEARCH RETURN (ALL) SINCE 28-Oct-2006 FROM Eric @41+56\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4.1 example 9",
     S("H282 SEARCH RETURN (SAVE) KEYWORD $Junk\r\nH283 SEARCH RETURN (SAVE) SINCE 28-Oct-2"
       "006 FROM \"Eric\"\r\n"),
     "OK H282 SEARCH RETURN (SAVE) KEYWORD $Junk @0+41\n"
     "OK H283 SEARCH RETURN (SAVE) SINCE 28-Oct-2006 FROM Eric @41+57\n"
     "END idle\n"},
    {"RFC 9051 §6.4.4.1 example 10",
     S("C282 SEARCH RETURN (ALL) SINCE 12-Feb-2006 NOT FROM \"Smith\"\r\nC283 SEARCH RETURN"
       " (ALL SAVE) SINCE 12-Feb-2006 NOT FROM \"Smith\"\r\nC284 SEARCH RETURN (SAVE MIN) S"
       "INCE 12-Feb-2006 NOT FROM \"Smith\"\r\nC285 SEARCH RETURN (MAX SAVE MIN) SINCE 12-F"
       "eb-2006 NOT FROM \"Smith\"\r\nC286 SEARCH RETURN (MAX SAVE MIN COUNT) SINCE 12-Feb-"
       "2006 NOT FROM \"Smith\"\r\nC286 SEARCH RETURN (ALL SAVE MIN) SINCE 12-Feb-2006 NOT "
       "FROM \"Smith\"\r\n"),
     "OK C282 SEARCH RETURN (ALL) SINCE 12-Feb-2006 NOT FROM Smith @0+61\n"
     "OK C283 SEARCH RETURN (ALL SAVE) SINCE 12-Feb-2006 NOT FROM Smith @61+66\n"
     "OK C284 SEARCH RETURN (MIN SAVE) SINCE 12-Feb-2006 NOT FROM Smith @127+66\n"
     "OK C285 SEARCH RETURN (MIN MAX SAVE) SINCE 12-Feb-2006 NOT FROM Smith @193+70\n"
     "OK C286 SEARCH RETURN (MIN MAX COUNT SAVE) SINCE 12-Feb-2006 NOT FROM Smith @263+76\n"
     "OK C286 SEARCH RETURN (MIN ALL SAVE) SINCE 12-Feb-2006 NOT FROM Smith @339+70\n"
     "END idle\n"},
    {"RFC 9051 §7.1 EXPUNGEISSUED h",
     S("h search from maria@example.com\r\n"),
     "OK h SEARCH FROM maria@example.com @0+33\n"
     "END idle\n"},
    /* ---- canonical form, every key ---- */
    {"brief example: astrings as atoms, dates unquoted",
     S("a SEARCH DELETED FROM \"SMITH\" SINCE 1-Feb-1994\r\n"),
     "OK a SEARCH DELETED FROM SMITH SINCE 1-Feb-1994 @0+48\n"
     "END idle\n"},
    {"brief example: lower case, nested",
     S("a uid search or (from alice) (to bob)\r\n"),
     "OK a UID SEARCH OR (FROM alice) (TO bob) @0+39\n"
     "END idle\n"},
    {"every key without argument",
     S("a SEARCH ALL ANSWERED DELETED FLAGGED NEW OLD RECENT SEEN UNANSWERED UNDELETED UNFL"
       "AGGED UNSEEN DRAFT UNDRAFT\r\n"),
     "OK a SEARCH ALL ANSWERED DELETED FLAGGED NEW OLD RECENT SEEN UNANSWERED UNDELETED UNFLA"
     "GGED UNSEEN DRAFT UNDRAFT @0+111\n"
     "END idle\n"},
    {"every string key",
     S("a SEARCH BCC a BODY \"b c\" CC {1+}\r\nd FROM \"\" SUBJECT \"q\\\"x\" TEXT t] TO \""
       "\\\\\"\r\n"),
     "OK a SEARCH BCC a BODY \"b c\" CC d FROM \"\" SUBJECT \"q\\\\\"x\" TEXT t] TO \"\\\\\\"
     "\\\" @0+77\n"
     "END idle\n"},
    {"every date key, quoted or not",
     S("a SEARCH BEFORE 1-jan-2000 ON \"02-FEB-2001\" SINCE 31-Dec-1999 SENTBEFORE \"9-Sep-"
       "0000\" SENTON 30-Apr-2024 SENTSINCE 29-Feb-2000\r\n"),
     "OK a SEARCH BEFORE 1-Jan-2000 ON 2-Feb-2001 SINCE 31-Dec-1999 SENTBEFORE 9-Sep-0000 SEN"
     "TON 30-Apr-2024 SENTSINCE 29-Feb-2000 @0+128\n"
     "END idle\n"},
    {"KEYWORD UNKEYWORD HEADER LARGER SMALLER UID",
     S("a SEARCH KEYWORD $Junk UNKEYWORD NonJunk HEADER Message-ID \"<a@b>\" LARGER 0 SMALL"
       "ER 9223372036854775807 UID 1:*,7\r\n"),
     "OK a SEARCH KEYWORD $Junk UNKEYWORD NonJunk HEADER Message-ID <a@b> LARGER 0 SMALLER 92"
     "23372036854775807 UID 1:*,7 @0+115\n"
     "END idle\n"},
    {"sequence sets as keys",
     S("a SEARCH 1 2:4,* $ 5,$ *:1\r\n"),
     "OK a SEARCH 1 2:4,* $ 5,$ *:1 @0+28\n"
     "END idle\n"},
    {"NOT OR and parentheses nest",
     S("a SEARCH NOT NOT (OR (SEEN) NOT (OR 1 2 (3 4)) UNSEEN) OR OR ALL SEEN ALL\r\n"),
     "OK a SEARCH NOT NOT (OR (SEEN) NOT (OR 1 2 (3 4)) UNSEEN) OR OR ALL SEEN ALL @0+75\n"
     "END idle\n"},
    {"MODSEQ with each entry type",
     S("a SEARCH MODSEQ \"/flags/\\\\Seen\" priv 0 MODSEQ \"/FLAGS/$MDNSent\" SHARED 1 MODS"
       "EQ \"/flags/\\\\X-ext\" All 9223372036854775807\r\n"),
     "OK a SEARCH MODSEQ \"/flags/\\\\\\\\Seen\" PRIV 0 MODSEQ \"/FLAGS/$MDNSent\" SHARED 1 M"
     "ODSEQ \"/flags/\\\\\\\\X-ext\" ALL 9223372036854775807 @0+122\n"
     "END idle\n"},
    {"EMAILID and THREADID (case kept)",
     S("a SEARCH EMAILID M6d99ac3275bb4e THREADID t_-9 emailid Z\r\n"),
     "OK a SEARCH EMAILID M6d99ac3275bb4e THREADID t_-9 EMAILID Z @0+58\n"
     "END idle\n"},
    {"CHARSET as a quoted string",
     S("a SEARCH CHARSET \"UTF-8\" ALL\r\n"),
     "OK a SEARCH CHARSET UTF-8 ALL @0+30\n"
     "END idle\n"},
    {"CHARSET as a literal (RFC 3501 astring)",
     S("a SEARCH CHARSET {5+}\r\nUTF-8 ALL\r\n"),
     "OK a SEARCH CHARSET UTF-8 ALL @0+34\n"
     "END idle\n"},
    {"RETURN with extension options",
     S("a SEARCH RETURN (PARTIAL 1:100 X-OPT MIN X-L (a (b \"c d\")) MIN) ALL\r\n"),
     "OK a SEARCH RETURN (MIN PARTIAL 1:100 X-OPT X-L (a (b \"c d\"))) ALL @0+69\n"
     "END idle\n"},
    {"RETURN option values: NIL, strings, lists, sets",
     S("a SEARCH RETURN (X (NIL a]b \"\" {1+}\r\nx (y)) Y () Z 1:*,$) ALL\r\n"),
     "OK a SEARCH RETURN (X (NIL a]b \"\" \"x\" (y)) Y () Z 1:*,$) ALL @0+63\n"
     "END idle\n"},
    {"RETURN options in canonical order",
     S("a SEARCH RETURN (save count all max min) ALL\r\n"),
     "OK a SEARCH RETURN (MIN MAX ALL COUNT SAVE) ALL @0+46\n"
     "END idle\n"},
    {"UID SORT with every sort key",
     S("a uid sort (arrival cc date from size subject to reverse arrival) \"utf-8\" all\r\n"),
     "OK a UID SORT (ARRIVAL CC DATE FROM SIZE SUBJECT TO REVERSE ARRIVAL) utf-8 ALL @0+79\n"
     "END idle\n"},
    {"UID THREAD with an extension algorithm",
     S("a UID THREAD x-alg.2 us-ascii (or 1 2)\r\n"),
     "OK a UID THREAD X-ALG.2 us-ascii (OR 1 2) @0+40\n"
     "END idle\n"},
    {"ESEARCH with every filter and scope options",
     S("a ESEARCH IN (selected inboxes personal subscribed subtree (a b) subtree-one INBOX "
       "mailboxes (c) (x-opt 1:* x-two (a b) x-three)) RETURN (COUNT) ALL\r\n"),
     "OK a ESEARCH IN (SELECTED INBOXES PERSONAL SUBSCRIBED SUBTREE (a b) SUBTREE-ONE INBOX M"
     "AILBOXES (c) (x-opt 1:* x-two (a b) x-three)) RETURN (COUNT) ALL @0+150\n"
     "END idle\n"},
    {"ESEARCH without IN",
     S("a ESEARCH RETURN (MIN) CHARSET UTF-8 UID 1:5\r\n"),
     "OK a ESEARCH RETURN (MIN) CHARSET UTF-8 UID 1:5 @0+46\n"
     "END idle\n"},
    {"ESEARCH only a program",
     S("a ESEARCH NOT SEEN\r\n"),
     "OK a ESEARCH NOT SEEN @0+20\n"
     "END idle\n"},
    {"quoted UTF-8 string with IG_OPT_UTF8",
     S("a SEARCH SUBJECT \"caf\xc3\xa9\"\r\n"),
     "OK a SEARCH SUBJECT \"caf\\xc3\\xa9\" @0+26\n"
     "END idle\n", IG_OPT_UTF8},
    {"string with 8-bit octets in a literal",
     S("a SEARCH SUBJECT {5+}\r\ncaf\xc3\xa9\r\n"),
     "OK a SEARCH SUBJECT {5}\\r\\ncaf\\xc3\\xa9 @0+30\n"
     "END idle\n"},
    /* ---- literals inside the program ---- */
    {"sync literals inside nested keys",
     S("a SEARCH OR (FROM {1}\r\nx) NOT (HEADER {3}\r\nX-y {0}\r\n) SEEN\r\n"),
     "LIT a 1 arg @18\nLIT a 3 arg @38\nLIT a 0 arg @47\n"
     "OK a SEARCH OR (FROM x) NOT (HEADER X-y \"\") SEEN @0+60\n"
     "END idle\n"},
    {"no continuation after an unknown key", S("a SEARCH FOO {5}\r\nb NOOP\r\n"),
     "ERR a SYNTAX @9 unknown search key\nOK b NOOP @18+8\nEND idle\n"},
    {"no continuation after an unbalanced parenthesis",
     S("a SEARCH (ALL)) FROM {5}\r\nb NOOP\r\n"),
     "ERR a SYNTAX @14 unbalanced parenthesis\nOK b NOOP @26+8\nEND idle\n"},
    {"no continuation for a SORT charset", S("a SORT (DATE) {5}\r\nb NOOP\r\n"),
     "ERR a SYNTAX @14 charset must be an atom or a quoted string\nOK b NOOP @19+8\nEND idle\n"},
    {"no continuation for a MODSEQ entry name", S("a SEARCH MODSEQ {13}\r\nb NOOP\r\n"),
     "ERR a SYNTAX @16 entry name must be a quoted string\nOK b NOOP @22+8\nEND idle\n"},
    {"literal mailboxes in ESEARCH",
     S("a ESEARCH IN (mailboxes ({5+}\r\nINBOX {3}\r\nx&y)) ALL\r\n"),
     "LIT a 3 arg @37\nERR a SYNTAX @37 mailbox name is not valid modified UTF-7\nEND idle\n"},
    {"nonsync literal holding CRLF", S("a THREAD REFERENCES UTF-8 SUBJECT {4+}\r\na\r\nb\r\n"),
     "OK a THREAD REFERENCES UTF-8 SUBJECT {4}\\r\\na\\r\\nb @0+46\nEND idle\n"},
    /* ---- dates against the calendar ---- */
    {"date 31 February",
     S("a SEARCH SINCE 31-Feb-2024\r\n"),
     "ERR a SYNTAX @15 invalid day of month\n"
     "END idle\n"},
    {"date 29 February of a leap year",
     S("a SEARCH SINCE 29-Feb-2024\r\n"),
     "OK a SEARCH SINCE 29-Feb-2024 @0+28\n"
     "END idle\n"},
    {"date 29 February of a non-leap year",
     S("a SEARCH SINCE 29-Feb-2023\r\n"),
     "ERR a SYNTAX @15 invalid day of month\n"
     "END idle\n"},
    {"date 29 February 1900 (not leap)",
     S("a SEARCH ON 29-Feb-1900\r\n"),
     "ERR a SYNTAX @12 invalid day of month\n"
     "END idle\n"},
    {"date 29 February 2000 (leap)",
     S("a SEARCH ON \"29-Feb-2000\"\r\n"),
     "OK a SEARCH ON 29-Feb-2000 @0+27\n"
     "END idle\n"},
    {"date 31 April",
     S("a SEARCH BEFORE 31-Apr-2024\r\n"),
     "ERR a SYNTAX @16 invalid day of month\n"
     "END idle\n"},
    {"date day 0",
     S("a SEARCH BEFORE 0-Jan-2024\r\n"),
     "ERR a SYNTAX @16 invalid day of month\n"
     "END idle\n"},
    {"date three-digit day",
     S("a SEARCH BEFORE 001-Jan-2024\r\n"),
     "ERR a SYNTAX @16 invalid date\n"
     "END idle\n"},
    {"date bad month",
     S("a SEARCH BEFORE 1-Jab-2024\r\n"),
     "ERR a SYNTAX @16 invalid date\n"
     "END idle\n"},
    {"date two-digit year",
     S("a SEARCH BEFORE 1-Jan-24\r\n"),
     "ERR a SYNTAX @16 invalid date\n"
     "END idle\n"},
    {"date five-digit year",
     S("a SEARCH BEFORE 1-Jan-20245\r\n"),
     "ERR a SYNTAX @16 invalid date\n"
     "END idle\n"},
    {"date unterminated quote",
     S("a SEARCH BEFORE \"1-Jan-2024\r\n"),
     "ERR a SYNTAX @16 invalid date\n"
     "END idle\n"},
    {"date with time",
     S("a SEARCH BEFORE \"1-Jan-2024 10:00:00 +0000\"\r\n"),
     "ERR a SYNTAX @16 invalid date\n"
     "END idle\n"},
    {"date missing",
     S("a SEARCH BEFORE\r\n"),
     "ERR a SYNTAX @15 date missing\n"
     "END idle\n"},
    /* ---- program and key syntax ---- */
    {"search without a key",
     S("a SEARCH\r\n"),
     "ERR a SYNTAX @8 search key missing\n"
     "END idle\n"},
    {"search with a space and no key",
     S("a SEARCH \r\n"),
     "ERR a SYNTAX @9 search key missing\n"
     "END idle\n"},
    {"trailing space",
     S("a SEARCH ALL \r\n"),
     "ERR a SYNTAX @12 unexpected space\n"
     "END idle\n"},
    {"two spaces between keys",
     S("a SEARCH ALL  SEEN\r\n"),
     "ERR a SYNTAX @13 unexpected space\n"
     "END idle\n"},
    {"unknown key",
     S("a SEARCH FOO\r\n"),
     "ERR a SYNTAX @9 unknown search key\n"
     "END idle\n"},
    {"keyword with more letters",
     S("a SEARCH ALLX\r\n"),
     "ERR a SYNTAX @9 unknown search key\n"
     "END idle\n"},
    {"key glued to a parenthesis",
     S("a SEARCH ALL(SEEN)\r\n"),
     "ERR a SYNTAX @12 expected space\n"
     "END idle\n"},
    {"string key without its string",
     S("a SEARCH FROM\r\n"),
     "ERR a SYNTAX @13 string missing\n"
     "END idle\n"},
    {"string key with a bad character",
     S("a SEARCH FROM a%b\r\n"),
     "ERR a SYNTAX @15 expected space\n"
     "END idle\n"},
    {"string key with literal8",
     S("a SEARCH FROM ~{1+}\r\nx\r\n"),
     "ERR a SYNTAX @14 literal8 is not allowed here\n"
     "END idle\n"},
    {"8-bit quoted string without UTF-8",
     S("a SEARCH SUBJECT \"caf\xc3\xa9\"\r\n"),
     "ERR a SYNTAX @21 8-bit character in quoted string\n"
     "END idle\n"},
    {"NUL in a string",
     S("a SEARCH SUBJECT \"a\0b\"\r\n"),
     "ERR a SYNTAX @19 NUL in quoted string\n"
     "END idle\n"},
    {"a quoted string where a key should be",
     S("a SEARCH \"ALL\"\r\n"),
     "ERR a SYNTAX @9 invalid search key\n"
     "END idle\n"},
    {"unbalanced open parenthesis",
     S("a SEARCH (ALL SEEN\r\n"),
     "ERR a SYNTAX @18 unbalanced parenthesis\n"
     "END idle\n"},
    {"unbalanced close parenthesis",
     S("a SEARCH ALL)\r\n"),
     "ERR a SYNTAX @12 unbalanced parenthesis\n"
     "END idle\n"},
    {"empty parentheses",
     S("a SEARCH ()\r\n"),
     "ERR a SYNTAX @10 empty parentheses\n"
     "END idle\n"},
    {"space before close parenthesis",
     S("a SEARCH (ALL )\r\n"),
     "ERR a SYNTAX @13 unexpected space\n"
     "END idle\n"},
    {"space after open parenthesis",
     S("a SEARCH ( ALL)\r\n"),
     "ERR a SYNTAX @10 unexpected space\n"
     "END idle\n"},
    {"two lists without space",
     S("a SEARCH (ALL)(SEEN)\r\n"),
     "ERR a SYNTAX @14 expected space\n"
     "END idle\n"},
    {"NOT without a key",
     S("a SEARCH NOT\r\n"),
     "ERR a SYNTAX @12 search key missing\n"
     "END idle\n"},
    {"OR with one key",
     S("a SEARCH OR ALL\r\n"),
     "ERR a SYNTAX @15 second search key missing\n"
     "END idle\n"},
    {"OR with a bad second key",
     S("a SEARCH OR ALL XYZ\r\n"),
     "ERR a SYNTAX @16 unknown search key\n"
     "END idle\n"},
    {"KEYWORD with a system flag",
     S("a SEARCH KEYWORD \\Seen\r\n"),
     "ERR a SYNTAX @17 invalid flag keyword\n"
     "END idle\n"},
    {"KEYWORD missing",
     S("a SEARCH UNKEYWORD\r\n"),
     "ERR a SYNTAX @18 flag keyword missing\n"
     "END idle\n"},
    {"KEYWORD as a quoted string",
     S("a SEARCH KEYWORD \"$Junk\"\r\n"),
     "ERR a SYNTAX @17 invalid flag keyword\n"
     "END idle\n"},
    {"HEADER without value",
     S("a SEARCH HEADER Subject\r\n"),
     "ERR a SYNTAX @23 string missing\n"
     "END idle\n"},
    {"LARGER over number64",
     S("a SEARCH LARGER 9223372036854775808\r\n"),
     "ERR a SYNTAX @16 number out of range\n"
     "END idle\n"},
    {"LARGER negative",
     S("a SEARCH LARGER -1\r\n"),
     "ERR a SYNTAX @16 number expected\n"
     "END idle\n"},
    {"SMALLER missing",
     S("a SEARCH SMALLER\r\n"),
     "ERR a SYNTAX @16 number missing\n"
     "END idle\n"},
    {"UID set with 0",
     S("a SEARCH UID 0\r\n"),
     "ERR a SYNTAX @13 message number 0 is not valid\n"
     "END idle\n"},
    {"UID set out of range",
     S("a SEARCH UID 1:4294967296\r\n"),
     "ERR a SYNTAX @15 number out of range\n"
     "END idle\n"},
    {"UID set with empty element",
     S("a SEARCH UID 1,,2\r\n"),
     "ERR a SYNTAX @15 sequence set expected\n"
     "END idle\n"},
    {"UID without set",
     S("a SEARCH UID\r\n"),
     "ERR a SYNTAX @12 sequence set missing\n"
     "END idle\n"},
    {"set followed by junk",
     S("a SEARCH 1:2x\r\n"),
     "ERR a SYNTAX @12 expected space\n"
     "END idle\n"},
    {"dollar not last",
     S("a SEARCH $,1\r\n"),
     "ERR a SYNTAX @10 expected space\n"
     "END idle\n"},
    {"set with 0",
     S("a SEARCH 0:5\r\n"),
     "ERR a SYNTAX @9 message number 0 is not valid\n"
     "END idle\n"},
    /* ---- MODSEQ (RFC 7162) ---- */
    {"MODSEQ without value",
     S("a SEARCH MODSEQ\r\n"),
     "ERR a SYNTAX @15 mod-sequence missing\n"
     "END idle\n"},
    {"MODSEQ over 63 bits",
     S("a SEARCH MODSEQ 9223372036854775808\r\n"),
     "ERR a SYNTAX @16 number out of range\n"
     "END idle\n"},
    {"MODSEQ entry without type",
     S("a SEARCH MODSEQ \"/flags/\\\\Seen\" 5\r\n"),
     "ERR a SYNTAX @32 invalid entry type\n"
     "END idle\n"},
    {"MODSEQ bad entry type",
     S("a SEARCH MODSEQ \"/flags/\\\\Seen\" both 5\r\n"),
     "ERR a SYNTAX @32 invalid entry type\n"
     "END idle\n"},
    {"MODSEQ entry type glued",
     S("a SEARCH MODSEQ \"/flags/\\\\Seen\" privx 5\r\n"),
     "ERR a SYNTAX @32 invalid entry type\n"
     "END idle\n"},
    {"MODSEQ entry without value",
     S("a SEARCH MODSEQ \"/flags/\\\\Seen\" all\r\n"),
     "ERR a SYNTAX @35 mod-sequence missing\n"
     "END idle\n"},
    {"MODSEQ entry not /flags/",
     S("a SEARCH MODSEQ \"/vendor/x\" all 5\r\n"),
     "ERR a SYNTAX @16 invalid entry name\n"
     "END idle\n"},
    {"MODSEQ entry without flag",
     S("a SEARCH MODSEQ \"/flags/\" all 5\r\n"),
     "ERR a SYNTAX @16 invalid entry name\n"
     "END idle\n"},
    {"MODSEQ entry with only a backslash",
     S("a SEARCH MODSEQ \"/flags/\\\\\" all 5\r\n"),
     "ERR a SYNTAX @16 invalid entry name\n"
     "END idle\n"},
    {"MODSEQ entry with two backslashes",
     S("a SEARCH MODSEQ \"/flags/\\\\\\\\Seen\" all 5\r\n"),
     "ERR a SYNTAX @16 invalid entry name\n"
     "END idle\n"},
    {"MODSEQ entry with a space",
     S("a SEARCH MODSEQ \"/flags/a b\" all 5\r\n"),
     "ERR a SYNTAX @16 invalid entry name\n"
     "END idle\n"},
    {"MODSEQ entry as a literal",
     S("a SEARCH MODSEQ {13+}\r\n/flags/\\Seen all 5\r\n"),
     "ERR a SYNTAX @16 entry name must be a quoted string\n"
     "END idle\n"},
    {"MODSEQ entry as an atom",
     S("a SEARCH MODSEQ /flags/x all 5\r\n"),
     "ERR a SYNTAX @16 mod-sequence expected\n"
     "END idle\n"},
    {"MODSEQ entry with bad escape",
     S("a SEARCH MODSEQ \"/flags/\\Seen\" all 5\r\n"),
     "ERR a SYNTAX @24 invalid escape in quoted string\n"
     "END idle\n"},
    /* ---- EMAILID / THREADID (RFC 8474) ---- */
    {"EMAILID with a dot",
     S("a SEARCH EMAILID M6d.9\r\n"),
     "ERR a SYNTAX @20 invalid object id\n"
     "END idle\n"},
    {"EMAILID missing",
     S("a SEARCH EMAILID\r\n"),
     "ERR a SYNTAX @16 object id missing\n"
     "END idle\n"},
    {"EMAILID quoted",
     S("a SEARCH EMAILID \"M6d\"\r\n"),
     "ERR a SYNTAX @17 invalid object id\n"
     "END idle\n"},
    {"EMAILID 255 characters",
     S("a SEARCH EMAILID 012345678901234567890123456789012345678901234567890123456789012345"
       "67890123456789012345678901234567890123456789012345678901234567890123456789012345678"
       "90123456789012345678901234567890123456789012345678901234567890123456789012345678901"
       "23456789012345678901234\r\n"),
     "OK a SEARCH EMAILID 0123456789012345678901234567890123456789012345678901234567890123456"
     "789012345678901234567890123456789012345678901234567890123456789012345678901234567890123"
     "456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
     "12345678901234 @0+274\n"
     "END idle\n"},
    {"EMAILID 256 characters",
     S("a SEARCH EMAILID 012345678901234567890123456789012345678901234567890123456789012345"
       "67890123456789012345678901234567890123456789012345678901234567890123456789012345678"
       "90123456789012345678901234567890123456789012345678901234567890123456789012345678901"
       "234567890123456789012345\r\n"),
     "ERR a SYNTAX @272 object id too long\n"
     "END idle\n"},
    /* ---- CHARSET and RETURN ---- */
    {"CHARSET without value",
     S("a SEARCH CHARSET\r\n"),
     "ERR a SYNTAX @16 charset missing\n"
     "END idle\n"},
    {"CHARSET without key",
     S("a SEARCH CHARSET UTF-8\r\n"),
     "ERR a SYNTAX @22 search key missing\n"
     "END idle\n"},
    {"CHARSET twice",
     S("a SEARCH CHARSET UTF-8 CHARSET UTF-8 ALL\r\n"),
     "ERR a SYNTAX @23 unknown search key\n"
     "END idle\n"},
    {"CHARSET after a key",
     S("a SEARCH ALL CHARSET UTF-8\r\n"),
     "ERR a SYNTAX @13 unknown search key\n"
     "END idle\n"},
    {"RETURN without parentheses",
     S("a SEARCH RETURN MIN ALL\r\n"),
     "ERR a SYNTAX @16 expected '('\n"
     "END idle\n"},
    {"RETURN without a program",
     S("a SEARCH RETURN (MIN)\r\n"),
     "ERR a SYNTAX @21 search key missing\n"
     "END idle\n"},
    {"RETURN unbalanced",
     S("a SEARCH RETURN (MIN ALL\r\n"),
     "ERR a SYNTAX @24 unbalanced parenthesis\n"
     "END idle\n"},
    {"RETURN space before close",
     S("a SEARCH RETURN (MIN ) ALL\r\n"),
     "ERR a SYNTAX @20 unexpected space\n"
     "END idle\n"},
    {"RETURN space after open",
     S("a SEARCH RETURN ( MIN) ALL\r\n"),
     "ERR a SYNTAX @17 unexpected space\n"
     "END idle\n"},
    {"RETURN with a number",
     S("a SEARCH RETURN (1) ALL\r\n"),
     "ERR a SYNTAX @17 invalid return option\n"
     "END idle\n"},
    {"RETURN option with a bad value",
     S("a SEARCH RETURN (X-A 1:2x) ALL\r\n"),
     "ERR a SYNTAX @24 expected space or ')'\n"
     "END idle\n"},
    {"RETURN keyword with a value",
     S("a SEARCH RETURN (MIN 5) ALL\r\n"),
     "ERR a SYNTAX @21 invalid return option\n"
     "END idle\n"},
    {"RETURN after CHARSET",
     S("a SEARCH CHARSET UTF-8 RETURN (MIN) ALL\r\n"),
     "ERR a SYNTAX @23 unknown search key\n"
     "END idle\n"},
    {"RETURN twice",
     S("a SEARCH RETURN (MIN) RETURN (MAX) ALL\r\n"),
     "ERR a SYNTAX @22 unknown search key\n"
     "END idle\n"},
    {"IN in SEARCH",
     S("a SEARCH IN (selected) ALL\r\n"),
     "ERR a SYNTAX @9 unknown search key\n"
     "END idle\n"},
    /* ---- SORT ---- */
    {"SORT without criteria",
     S("a SORT\r\n"),
     "ERR a SYNTAX @6 sort criteria missing\n"
     "END idle\n"},
    {"SORT criteria without parentheses",
     S("a SORT DATE UTF-8 ALL\r\n"),
     "ERR a SYNTAX @7 expected '('\n"
     "END idle\n"},
    {"SORT empty criteria",
     S("a SORT () UTF-8 ALL\r\n"),
     "ERR a SYNTAX @8 empty parentheses\n"
     "END idle\n"},
    {"SORT unknown key",
     S("a SORT (DISPLAYFROM) UTF-8 ALL\r\n"),
     "ERR a SYNTAX @8 invalid sort key\n"
     "END idle\n"},
    {"SORT REVERSE twice",
     S("a SORT (REVERSE REVERSE DATE) UTF-8 ALL\r\n"),
     "ERR a SYNTAX @16 invalid sort key\n"
     "END idle\n"},
    {"SORT REVERSE alone",
     S("a SORT (REVERSE) UTF-8 ALL\r\n"),
     "ERR a SYNTAX @15 sort key missing\n"
     "END idle\n"},
    {"SORT space before close",
     S("a SORT (DATE ) UTF-8 ALL\r\n"),
     "ERR a SYNTAX @12 unexpected space\n"
     "END idle\n"},
    {"SORT unbalanced",
     S("a SORT (DATE UTF-8 ALL\r\n"),
     "ERR a SYNTAX @13 invalid sort key\n"
     "END idle\n"},
    {"SORT without charset",
     S("a SORT (DATE)\r\n"),
     "ERR a SYNTAX @13 charset missing\n"
     "END idle\n"},
    {"SORT without key",
     S("a SORT (DATE) UTF-8\r\n"),
     "ERR a SYNTAX @19 search key missing\n"
     "END idle\n"},
    {"SORT charset as a literal",
     S("a SORT (DATE) {5+}\r\nUTF-8 ALL\r\n"),
     "ERR a SYNTAX @14 charset must be an atom or a quoted string\n"
     "END idle\n"},
    {"SORT with CHARSET keyword",
     S("a SORT (DATE) CHARSET UTF-8 ALL\r\n"),
     "ERR a SYNTAX @22 unknown search key\n"
     "END idle\n"},
    {"SORT charset with 8-bit (IG_OPT_UTF8)",
     S("a SORT (DATE) \"\xc3\xa9\" ALL\r\n"),
     "ERR a SYNTAX @15 8-bit character in charset\n"
     "END idle\n", IG_OPT_UTF8},
    {"SORT quoted charset with escape",
     S("a SORT (DATE) \"a\\\"b\" ALL\r\n"),
     "OK a SORT (DATE) \"a\\\\\"b\" ALL @0+26\n"
     "END idle\n"},
    /* ---- THREAD ---- */
    {"THREAD without algorithm",
     S("a THREAD\r\n"),
     "ERR a SYNTAX @8 thread algorithm missing\n"
     "END idle\n"},
    {"THREAD algorithm in parentheses",
     S("a THREAD (REFERENCES) UTF-8 ALL\r\n"),
     "ERR a SYNTAX @9 invalid thread algorithm\n"
     "END idle\n"},
    {"THREAD without charset",
     S("a THREAD REFERENCES\r\n"),
     "ERR a SYNTAX @19 charset missing\n"
     "END idle\n"},
    {"THREAD without key",
     S("a UID THREAD REFERENCES UTF-8\r\n"),
     "ERR a SYNTAX @29 search key missing\n"
     "END idle\n"},
    /* ---- ESEARCH (RFC 7377) ---- */
    {"ESEARCH selected-delayed",
     S("a ESEARCH IN (selected-delayed) ALL\r\n"),
     "ERR a SYNTAX @14 selected-delayed is not allowed in ESEARCH\n"
     "END idle\n"},
    {"ESEARCH empty IN",
     S("a ESEARCH IN () ALL\r\n"),
     "ERR a SYNTAX @14 invalid mailbox filter\n"
     "END idle\n"},
    {"ESEARCH IN without parentheses",
     S("a ESEARCH IN selected ALL\r\n"),
     "ERR a SYNTAX @13 expected '('\n"
     "END idle\n"},
    {"ESEARCH unknown filter",
     S("a ESEARCH IN (everything) ALL\r\n"),
     "ERR a SYNTAX @14 invalid mailbox filter\n"
     "END idle\n"},
    {"ESEARCH filter glued",
     S("a ESEARCH IN (selectedx) ALL\r\n"),
     "ERR a SYNTAX @14 invalid mailbox filter\n"
     "END idle\n"},
    {"ESEARCH subtree without mailbox",
     S("a ESEARCH IN (subtree) ALL\r\n"),
     "ERR a SYNTAX @21 mailbox missing\n"
     "END idle\n"},
    {"ESEARCH mailboxes empty list",
     S("a ESEARCH IN (mailboxes ()) ALL\r\n"),
     "ERR a SYNTAX @25 empty parentheses\n"
     "END idle\n"},
    {"ESEARCH bad mailbox name",
     S("a ESEARCH IN (mailboxes \"a&b\") ALL\r\n"),
     "ERR a SYNTAX @24 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"ESEARCH empty scope",
     S("a ESEARCH IN (inboxes ()) ALL\r\n"),
     "ERR a SYNTAX @23 empty parentheses\n"
     "END idle\n"},
    {"ESEARCH filter after scope",
     S("a ESEARCH IN (inboxes (x) personal) ALL\r\n"),
     "ERR a SYNTAX @25 expected ')'\n"
     "END idle\n"},
    {"ESEARCH scope only",
     S("a ESEARCH IN ((x)) ALL\r\n"),
     "ERR a SYNTAX @14 invalid mailbox filter\n"
     "END idle\n"},
    {"ESEARCH IN unbalanced",
     S("a ESEARCH IN (inboxes ALL\r\n"),
     "ERR a SYNTAX @22 invalid mailbox filter\n"
     "END idle\n"},
    {"ESEARCH bad scope option",
     S("a ESEARCH IN (inboxes (1)) ALL\r\n"),
     "ERR a SYNTAX @23 invalid scope option\n"
     "END idle\n"},
    {"ESEARCH RETURN before IN",
     S("a ESEARCH RETURN (MIN) IN (selected) ALL\r\n"),
     "ERR a SYNTAX @23 unknown search key\n"
     "END idle\n"},
    {"ESEARCH without program",
     S("a ESEARCH IN (selected)\r\n"),
     "ERR a SYNTAX @23 search key missing\n"
     "END idle\n"},
    {"ESEARCH two spaces before RETURN (RFC 7377 doubled SP)",
     S("a ESEARCH IN (selected)  RETURN (MIN) ALL\r\n"),
     "ERR a SYNTAX @24 unexpected space\n"
     "END idle\n"},
    {"UID ESEARCH",
     S("a UID ESEARCH ALL\r\n"),
     "ERR a SYNTAX @6 not a UID command\n"
     "END idle\n"},
};

/* Small limits: max_depth = 3 (NOT, OR and "(" each count one level), max_items = 10. */
static const struct tcase limit_cases[] = {
    {"depth N: NOT NOT NOT", S("a SEARCH NOT NOT NOT ALL\r\nb NOOP\r\n"),
     "OK a SEARCH NOT NOT NOT ALL @0+26\nOK b NOOP @26+8\nEND idle\n"},
    {"depth N+1: NOT NOT NOT NOT", S("a SEARCH NOT NOT NOT NOT ALL\r\nb NOOP\r\n"),
     "ERR a LIMIT @21 nesting too deep\nOK b NOOP @30+8\nEND idle\n"},
    {"depth N: parentheses", S("a SEARCH (((ALL)))\r\nb NOOP\r\n"),
     "OK a SEARCH (((ALL))) @0+20\nOK b NOOP @20+8\nEND idle\n"},
    {"depth N+1: parentheses", S("a SEARCH ((((ALL))))\r\nb NOOP\r\n"),
     "ERR a LIMIT @12 nesting too deep\nOK b NOOP @22+8\nEND idle\n"},
    {"depth N: OR", S("a SEARCH OR OR OR 1 2 3 4\r\n"),
     "OK a SEARCH OR OR OR 1 2 3 4 @0+27\nEND idle\n"},
    {"depth N+1: OR", S("a SEARCH OR OR OR OR 1 2 3 4 5\r\nb NOOP\r\n"),
     "ERR a LIMIT @18 nesting too deep\nOK b NOOP @32+8\nEND idle\n"},
    {"depth N: mixed", S("a SEARCH NOT (OR 1 2) NOT (OR 3 4)\r\n"),
     "OK a SEARCH NOT (OR 1 2) NOT (OR 3 4) @0+36\nEND idle\n"},
    {"depth N+1: mixed", S("a SEARCH NOT (OR 1 NOT 2)\r\nb NOOP\r\n"),
     "ERR a LIMIT @19 nesting too deep\nOK b NOOP @27+8\nEND idle\n"},
    {"depth N+1 in UID SORT", S("a UID SORT (DATE) UTF-8 NOT NOT NOT NOT ALL\r\n"),
     "ERR a LIMIT @36 nesting too deep\nEND idle\n"},
    {"depth N in THREAD", S("a THREAD REFERENCES UTF-8 (((ALL)))\r\n"),
     "OK a THREAD REFERENCES UTF-8 (((ALL))) @0+37\nEND idle\n"},
    {"depth N+1 in ESEARCH", S("a ESEARCH IN (selected) NOT NOT NOT NOT ALL\r\n"),
     "ERR a LIMIT @36 nesting too deep\nEND idle\n"},
    {"depth N in a RETURN option value", S("a SEARCH RETURN (X (((a)))) ALL\r\n"),
     "OK a SEARCH RETURN (X (((a)))) ALL @0+33\nEND idle\n"},
    {"depth N+1 in a RETURN option value", S("a SEARCH RETURN (X ((((a))))) ALL\r\n"),
     "ERR a LIMIT @22 nesting too deep\nEND idle\n"},
    {"items N", S("a SEARCH 1 2 3 4 5 6 7 8 9 10\r\n"),
     "OK a SEARCH 1 2 3 4 5 6 7 8 9 10 @0+31\nEND idle\n"},
    {"items N+1", S("a SEARCH 1 2 3 4 5 6 7 8 9 10 11\r\nb NOOP\r\n"),
     "ERR a LIMIT @30 too many arguments\nOK b NOOP @34+8\nEND idle\n"},
    {"items N with arguments", S("a SEARCH FROM a TO b OR 1 2 SEEN SINCE 1-Jan-2000\r\n"),
     "OK a SEARCH FROM a TO b OR 1 2 SEEN SINCE 1-Jan-2000 @0+51\nEND idle\n"},
    {"items N+1 with arguments", S("a SEARCH FROM a TO b OR 1 2 SEEN SINCE 1-Jan-2000 ALL\r\n"),
     "ERR a LIMIT @50 too many arguments\nEND idle\n"},
};

/* A 256-byte arena: a search key takes 56 bytes on 64-bit targets. */
static const struct tcase arena_cases[] = {
    {"arena N", S("a SEARCH 1 2 3 4\r\nb NOOP\r\n"),
     "OK a SEARCH 1 2 3 4 @0+18\nOK b NOOP @18+8\nEND idle\n"},
    {"arena N+1", S("a SEARCH 1 2 3 4 5\r\nb NOOP\r\n"),
     "ERR a NOMEM @17 command too complex (arena full)\nOK b NOOP @20+8\nEND idle\n"},
};

/* ---- typed values ---- */

static unsigned char mem_a[1 << 19] __attribute__((aligned(16)));
static unsigned char mem_b[1 << 19] __attribute__((aligned(16)));

/* The first command of in, parsed in mem (harness.h). */
#define parse1(p, mem, in, opts) parse_first(p, mem, sizeof(mem_a), in, opts)


static void test_search_values(void)
{
    struct ig_parser p;
    const struct ig_command *c = parse1(
        &p, mem_a,
        "a UID SEARCH RETURN (MIN SAVE X-Y 1:2) CHARSET \"UTF-8\" OR (FROM alice) NOT TO bob "
        "HEADER Subject \"x y\" MODSEQ \"/flags/\\\\Seen\" priv 5 EMAILID abc 1:5,$ "
        "SINCE \"29-Feb-2024\" LARGER 9223372036854775807\r\n",
        0);
    if (!ok(c != NULL && c->typed && c->cmd == IG_CMD_UID_SEARCH, "UID SEARCH parsed typed"))
        return;
    const struct ig_search *s = &c->u.search;
    ok(s->ret.present && s->ret.opts == (IG_RET_MIN | IG_RET_SAVE), "RETURN: MIN and SAVE bits");
    ok(s->ret.other.n == 1 && span_is(s->ret.other.v[0].name, "X-Y") &&
           s->ret.other.v[0].has_value && s->ret.other.v[0].value.type == IG_ARG_ATOM &&
           span_is(s->ret.other.v[0].value.v, "1:2"),
       "RETURN: extension option X-Y with its value 1:2");
    ok(s->prog.has_charset && span_is(s->prog.charset.v, "UTF-8") &&
           s->prog.charset.form == IG_FORM_QUOTED,
       "CHARSET \"UTF-8\" (quoted)");
    if (!ok(s->prog.n == 7, "seven top-level keys"))
        return;
    const struct ig_search_key *k = s->prog.keys;
    ok(k[0].kind == IG_SK_OR && k[0].u.or_keys.a->kind == IG_SK_AND &&
           k[0].u.or_keys.a->u.and_keys.n == 1 &&
           k[0].u.or_keys.a->u.and_keys.v[0].kind == IG_SK_FROM &&
           span_is(k[0].u.or_keys.a->u.and_keys.v[0].u.str.v, "alice"),
       "OR: first operand (FROM alice)");
    ok(k[0].u.or_keys.b->kind == IG_SK_NOT && k[0].u.or_keys.b->u.not_key->kind == IG_SK_TO &&
           span_is(k[0].u.or_keys.b->u.not_key->u.str.v, "bob"),
       "OR: second operand NOT TO bob");
    ok(k[1].kind == IG_SK_HEADER && span_is(k[1].u.header.field.v, "Subject") &&
           span_is(k[1].u.header.value.v, "x y") && k[1].u.header.value.form == IG_FORM_QUOTED,
       "HEADER Subject \"x y\"");
    ok(k[2].kind == IG_SK_MODSEQ && k[2].u.modseq.value == 5 && k[2].u.modseq.has_entry &&
           span_is(k[2].u.modseq.entry.v, "/flags/\\Seen") &&
           k[2].u.modseq.entry_type == IG_ENTRY_PRIV,
       "MODSEQ entry decoded to /flags/\\Seen, type priv, value 5");
    ok(k[3].kind == IG_SK_EMAILID && span_is(k[3].u.str.v, "abc"), "EMAILID abc");
    ok(k[4].kind == IG_SK_SET && k[4].u.set.nranges == 1 && k[4].u.set.saved &&
           span_is(k[4].u.set.text, "1:5,$"),
       "sequence set 1:5,$ (one range and the saved result)");
    ok(k[5].kind == IG_SK_SINCE && k[5].u.date.year == 2024 && k[5].u.date.month == 2 &&
           k[5].u.date.day == 29,
       "SINCE 29-Feb-2024");
    ok(k[6].kind == IG_SK_LARGER && k[6].u.number == 9223372036854775807ull,
       "LARGER number64 maximum");
    ok((c->ext & (IG_EXT_ESEARCH | IG_EXT_SEARCHRES | IG_EXT_CONDSTORE | IG_EXT_OBJECTID)) ==
           (IG_EXT_ESEARCH | IG_EXT_SEARCHRES | IG_EXT_CONDSTORE | IG_EXT_OBJECTID) &&
           !(c->ext & IG_EXT_REV1),
       "extensions: ESEARCH SEARCHRES CONDSTORE OBJECTID, not REV1");

    c = parse1(&p, mem_a, "a SEARCH ALL\r\n", 0);
    ok(c && c->ext == 0 && !c->u.search.ret.present && !c->u.search.prog.has_charset,
       "SEARCH ALL uses no extension");
    c = parse1(&p, mem_a, "a SEARCH RECENT\r\n", 0);
    ok(c && (c->ext & IG_EXT_REV1), "RECENT is IMAP4rev1-only (IG_EXT_REV1)");
    c = parse1(&p, mem_a, "a SEARCH CHARSET {5+}\r\nUTF-8 ALL\r\n", 0);
    ok(c && (c->ext & IG_EXT_REV1) && (c->ext & IG_EXT_LITERALPLUS) &&
           c->u.search.prog.charset.form == IG_FORM_LITERAL,
       "a literal CHARSET is IMAP4rev1-only (IG_EXT_REV1)");
    c = parse1(&p, mem_a, "a SEARCH $\r\n", 0);
    ok(c && (c->ext & IG_EXT_SEARCHRES) && c->u.search.prog.keys[0].u.set.nranges == 0,
       "$ alone: SEARCHRES, no range");
}

static void test_sort_thread_esearch_values(void)
{
    struct ig_parser p;
    const struct ig_command *c =
        parse1(&p, mem_a, "a SORT (REVERSE ARRIVAL SUBJECT reverse to) \"us-ascii\" ALL\r\n", 0);
    if (ok(c && c->typed && c->cmd == IG_CMD_SORT && c->u.sort.n == 3, "SORT: three criteria")) {
        const struct ig_sort_criterion *cr = c->u.sort.criteria;
        ok(cr[0].reverse == 1 && cr[0].key == IG_SORT_ARRIVAL && cr[1].reverse == 0 &&
               cr[1].key == IG_SORT_SUBJECT && cr[2].reverse == 1 && cr[2].key == IG_SORT_TO,
           "SORT: REVERSE ARRIVAL, SUBJECT, REVERSE TO");
        ok(c->u.sort.prog.has_charset && span_is(c->u.sort.prog.charset.v, "us-ascii") &&
               c->u.sort.prog.n == 1,
           "SORT: the charset is mandatory and filled");
        ok((c->ext & IG_EXT_SORT) != 0, "SORT sets IG_EXT_SORT");
    }
    c = parse1(&p, mem_a, "a UID THREAD REFERENCES UTF-8 ALL\r\n", 0);
    ok(c && c->cmd == IG_CMD_UID_THREAD && span_is(c->u.thread.algorithm, "REFERENCES") &&
           c->u.thread.prog.has_charset && (c->ext & IG_EXT_THREAD),
       "UID THREAD REFERENCES UTF-8");
    c = parse1(&p, mem_a,
               "a ESEARCH IN (subtree-one (a b) inboxes (x-o 5)) RETURN () CHARSET US-ASCII "
               "ALL\r\n",
               0);
    if (ok(c && c->typed && c->cmd == IG_CMD_ESEARCH && c->u.esearch.has_in &&
               c->u.esearch.nfilters == 2,
           "ESEARCH IN with two filters")) {
        const struct ig_esearch *e = &c->u.esearch;
        ok(e->filters[0].kind == IG_FILTER_SUBTREE_ONE && e->filters[0].list &&
               e->filters[0].mailboxes.n == 2 && span_is(e->filters[0].mailboxes.v[1].v, "b"),
           "filter subtree-one (a b)");
        ok(e->filters[1].kind == IG_FILTER_INBOXES && e->filters[1].mailboxes.n == 0,
           "filter inboxes");
        ok(e->has_scope && e->scope.n == 1 && span_is(e->scope.v[0].name, "x-o") &&
               e->scope.v[0].has_value && span_is(e->scope.v[0].value.v, "5"),
           "scope option x-o 5");
        ok(e->ret.present && e->ret.opts == 0 && e->ret.other.n == 0, "RETURN ()");
        ok(e->prog.has_charset && e->prog.n == 1 && e->prog.keys[0].kind == IG_SK_ALL,
           "program CHARSET US-ASCII ALL");
        ok((c->ext & (IG_EXT_MULTISEARCH | IG_EXT_ESEARCH)) ==
               (IG_EXT_MULTISEARCH | IG_EXT_ESEARCH),
           "ESEARCH sets MULTISEARCH and ESEARCH");
    }
}

/* ---- what the serializer refuses: structures that would not parse back ---- */

static size_t emit_len(const struct ig_command *c)
{
    static unsigned char out[4096];
    return ig_command_emit(c, 0, out, sizeof(out));
}

static void test_emit_refuses(void)
{
    struct ig_parser p;
    const struct ig_command *c = parse1(
        &p, mem_a,
        "a SEARCH NOT SINCE 1-Feb-2024 EMAILID x MODSEQ \"/flags/x\" all 1 LARGER 1 (ALL)\r\n", 0);
    if (!ok(c != NULL && emit_len(c) != (size_t)-1, "parsed SEARCH emits"))
        return;
    struct ig_command cmd = *c;
    struct ig_search_key keys[5], inner;
    memcpy(keys, c->u.search.prog.keys, sizeof(keys));
    cmd.u.search.prog.keys = keys;

    inner = *keys[0].u.not_key;
    inner.u.date.day = 30;
    keys[0].u.not_key = &inner;
    ok(emit_len(&cmd) == (size_t)-1, "30 February refused");
    keys[0].u.not_key = &keys[0]; /* a cycle */
    ok(emit_len(&cmd) == (size_t)-1, "a cyclic tree refused (no endless recursion)");
    ig_command_equal(&cmd, &cmd); /* must return (ASan would report a stack overflow) */
    keys[0].u.not_key = NULL;
    ok(emit_len(&cmd) == (size_t)-1, "NOT without operand refused");
    keys[0] = c->u.search.prog.keys[0];

    keys[1].u.str.v.ptr = (const unsigned char *)"a.b";
    keys[1].u.str.v.len = 3;
    ok(emit_len(&cmd) == (size_t)-1, "object id with '.' refused");
    keys[1] = c->u.search.prog.keys[1];

    keys[2].u.modseq.entry.v.ptr = (const unsigned char *)"/meta/x";
    keys[2].u.modseq.entry.v.len = 7;
    ok(emit_len(&cmd) == (size_t)-1, "MODSEQ entry outside /flags/ refused");
    keys[2] = c->u.search.prog.keys[2];
    keys[2].u.modseq.entry_type = IG_ENTRY_NONE;
    ok(emit_len(&cmd) == (size_t)-1, "MODSEQ entry without type refused");
    keys[2] = c->u.search.prog.keys[2];

    keys[3].u.number = 9223372036854775808ull;
    ok(emit_len(&cmd) == (size_t)-1, "LARGER above number64 refused");
    keys[3] = c->u.search.prog.keys[3];

    keys[4].u.and_keys.n = 0;
    ok(emit_len(&cmd) == (size_t)-1, "empty parentheses refused");
    keys[4] = c->u.search.prog.keys[4];
    ok(emit_len(&cmd) != (size_t)-1, "restored copy emits again");

    struct ig_param other = {{(const unsigned char *)"min", 3}, 0, {0}};
    cmd.u.search.ret.present = 1;
    cmd.u.search.ret.other.n = 1;
    cmd.u.search.ret.other.v = &other;
    ok(emit_len(&cmd) == (size_t)-1, "RETURN extension named like a keyword refused");
    other.name.ptr = (const unsigned char *)"9x";
    other.name.len = 2;
    ok(emit_len(&cmd) == (size_t)-1, "RETURN extension that is no label refused");
    cmd.u.search.ret.other.n = 0;
    cmd.u.search.ret.opts = 1u << 7;
    ok(emit_len(&cmd) == (size_t)-1, "unknown RETURN bit refused");
    cmd.u.search.ret.opts = 0;
    cmd.u.search.prog.n = 0;
    ok(emit_len(&cmd) == (size_t)-1, "empty program refused");

    c = parse1(&p, mem_a, "a SORT (DATE) UTF-8 ALL\r\n", 0);
    if (ok(c != NULL && emit_len(c) != (size_t)-1, "parsed SORT emits")) {
        struct ig_sort_criterion cr = {0, IG_SORT__COUNT};
        cmd = *c;
        cmd.u.sort.criteria = &cr;
        ok(emit_len(&cmd) == (size_t)-1, "unknown sort key refused");
        cmd = *c;
        cmd.u.sort.prog.has_charset = 0;
        ok(emit_len(&cmd) == (size_t)-1, "SORT without charset refused");
        cmd = *c;
        cmd.u.sort.prog.charset.v.ptr = (const unsigned char *)"\xc3\xa9";
        cmd.u.sort.prog.charset.v.len = 2;
        ok(emit_len(&cmd) == (size_t)-1, "SORT charset that needs a literal refused");
    }
    c = parse1(&p, mem_a, "a THREAD REFERENCES UTF-8 ALL\r\n", 0);
    if (ok(c != NULL, "parsed THREAD")) {
        cmd = *c;
        cmd.u.thread.algorithm.ptr = (const unsigned char *)"A B";
        cmd.u.thread.algorithm.len = 3;
        ok(emit_len(&cmd) == (size_t)-1, "thread algorithm that is no atom refused");
    }
    c = parse1(&p, mem_a, "a ESEARCH IN (selected subtree x) ALL\r\n", 0);
    if (ok(c != NULL && emit_len(c) != (size_t)-1, "parsed ESEARCH emits")) {
        struct ig_filter f[2];
        memcpy(f, c->u.esearch.filters, sizeof(f));
        cmd = *c;
        cmd.u.esearch.filters = f;
        f[0].kind = IG_FILTER_SELECTED_DELAYED;
        ok(emit_len(&cmd) == (size_t)-1, "selected-delayed refused");
        f[0].kind = IG_FILTER_SELECTED;
        f[1].mailboxes.n = 0;
        ok(emit_len(&cmd) == (size_t)-1, "subtree without mailbox refused");
        f[1] = c->u.esearch.filters[1];
        cmd.u.esearch.has_in = 0;
        cmd.u.esearch.has_scope = 1;
        ok(emit_len(&cmd) == (size_t)-1, "scope options without IN refused");
    }
}

/* ---- equality: values, not spellings ---- */

static void test_equality(void)
{
    static const struct {
        const char *a, *b;
        int eq;
        const char *what;
    } pairs[] = {
        {"a SEARCH KEYWORD $junk\r\n", "a search keyword $JUNK\r\n", 1,
         "flag keywords compare without case"},
        {"a SEARCH FROM a\r\n", "a SEARCH FROM A\r\n", 0, "strings compare with case"},
        {"a SEARCH FROM {1+}\r\na\r\n", "a SEARCH FROM \"a\"\r\n", 1, "string form is spelling"},
        {"a SEARCH EMAILID Ab\r\n", "a SEARCH EMAILID ab\r\n", 0, "object ids compare with case"},
        {"a SEARCH HEADER subject x\r\n", "a SEARCH HEADER SUBJECT x\r\n", 1,
         "header field names compare without case"},
        {"a SEARCH SINCE \"01-Feb-1994\"\r\n", "a SEARCH SINCE 1-feb-1994\r\n", 1,
         "dates compare as dates"},
        {"a SEARCH RETURN (MIN MAX) ALL\r\n", "a SEARCH RETURN (MAX MIN MIN) ALL\r\n", 1,
         "RETURN options are a set"},
        {"a SEARCH RETURN () ALL\r\n", "a SEARCH ALL\r\n", 0, "RETURN () is not no RETURN"},
        {"a SEARCH MODSEQ \"/flags/\\\\seen\" all 5\r\n",
         "a SEARCH MODSEQ \"/FLAGS/\\\\SEEN\" ALL 5\r\n", 1, "entry names compare without case"},
        {"a SEARCH MODSEQ \"/flags/\\\\seen\" priv 5\r\n",
         "a SEARCH MODSEQ \"/flags/\\\\seen\" shared 5\r\n", 0, "entry types differ"},
        {"a SEARCH (ALL)\r\n", "a SEARCH ALL\r\n", 0, "parentheses are structure"},
        {"a SEARCH 2:4\r\n", "a SEARCH 4:2\r\n", 0, "sets compare as written"},
        {"a SEARCH CHARSET utf-8 ALL\r\n", "a SEARCH CHARSET \"UTF-8\" ALL\r\n", 1,
         "charset names compare without case"},
        {"a SORT (DATE) UTF-8 ALL\r\n", "a SORT (REVERSE DATE) UTF-8 ALL\r\n", 0,
         "REVERSE matters"},
        {"a THREAD references utf-8 ALL\r\n", "a THREAD REFERENCES UTF-8 ALL\r\n", 1,
         "thread algorithms compare without case"},
        {"a ESEARCH IN (mailboxes (inbox)) ALL\r\n", "a ESEARCH IN (MAILBOXES INBOX) ALL\r\n", 1,
         "INBOX in any case; one mailbox with or without parentheses"},
        {"a ESEARCH IN (mailboxes Box) ALL\r\n", "a ESEARCH IN (mailboxes box) ALL\r\n", 0,
         "other mailbox names compare with case"},
        {"a ESEARCH IN (personal) ALL\r\n", "a ESEARCH IN (personal (x)) ALL\r\n", 0,
         "scope options matter"},
        {"a SEARCH ALL\r\n", "a UID SEARCH ALL\r\n", 0, "UID SEARCH is not SEARCH"},
    };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        struct ig_parser pa, pb;
        const struct ig_command *a = parse1(&pa, mem_a, pairs[i].a, 0);
        const struct ig_command *b = parse1(&pb, mem_b, pairs[i].b, 0);
        ok(a && b && ig_command_equal(a, b) == pairs[i].eq && ig_command_equal(b, a) == pairs[i].eq,
           pairs[i].what);
    }
}

static void run_table(const struct tcase *t, size_t n, const struct ig_limits *lim,
                      const char *seeds)
{
    for (size_t i = 0; i < n; i++) {
        struct run_cfg cfg = {lim, t[i].options, 0, 0, 0};
        if (seeds) {
            dump_seed(seeds, t[i].name, &cfg, t[i].in, t[i].inlen);
            continue;
        }
        char *got = run_all_ways(&cfg, t[i].in, t[i].inlen);
        is_str(got, t[i].want, t[i].name);
        free(got);
    }
}

int main(int argc, char **argv)
{
    const char *seeds = seed_dir_arg(argc, argv);
    struct ig_limits lim, arena;
    ig_limits_default(&lim);
    lim.max_depth = 3;
    lim.max_items = 10;
    ig_limits_default(&arena);
    arena.arena = 256;
    arena.max_sasl_line = 64;
    run_table(cases, sizeof(cases) / sizeof(cases[0]), NULL, seeds);
    run_table(limit_cases, sizeof(limit_cases) / sizeof(limit_cases[0]), &lim, seeds);
    run_table(arena_cases, sizeof(arena_cases) / sizeof(arena_cases[0]), &arena, seeds);
    if (seeds)
        return 0;
    test_search_values();
    test_sort_thread_esearch_values();
    test_emit_refuses();
    test_equality();
    return done();
}
