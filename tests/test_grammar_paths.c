/*
 * test_grammar_paths.c - the rule-by-rule paths of the SEARCH and FETCH families, the
 * framer and the shared value rules, each checked against the ABNF in
 * ../shared/rfc/imap-abnf.txt (RFC 9051 §9, RFC 3501 §9, RFC 4466, RFC 4731, RFC 5256,
 * RFC 7162 §7, RFC 7377 §4, RFC 8474 §7, RFC 7888). Every accepted form is checked with
 * its canonical form; every refused form with its exact error: code, stream offset and
 * reason. Each table case runs whole, one byte at a time and split at every offset,
 * flush against a guard page, and each accepted command goes through emit -> parse ->
 * equal (tests/harness.c). The C checks after the tables cover what the wire cannot
 * reach: API misuse, the command named in an error, the serializer's refusals of
 * structures a caller built, equality verdicts, and the arena and max_items bounds swept
 * from their smallest values upward.
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
    int expect; /* ig_parser_expect() before the first line */
    int reject; /* reject the n-th announced literal */
};

/* An input with its length, so that inputs may hold NUL. */
#define S(x) x, sizeof(x) - 1
#define UTF8 IG_OPT_UTF8
#define LF IG_OPT_LENIENT_LF

/* ==== SEARCH (RFC 9051 §6.4.4 / §9 search-key, RFC 3501 §6.4.4 / §9) ==== */
static const struct tcase search_cases[] = {
    {"every key without an argument, any case (both RFCs)",
     S("a search all answered deleted flagged seen unanswered undeleted unflagged unseen "
       "draft undraft new old recent\r\n"),
     "OK a SEARCH ALL ANSWERED DELETED FLAGGED SEEN UNANSWERED UNDELETED UNFLAGGED UNSEEN "
     "DRAFT UNDRAFT NEW OLD RECENT @0+111\n"
     "END idle\n"},
    {"string keys: atom, quoted, empty, literal, escapes",
     S("a SEARCH BCC x BODY \"y z\" CC \"\" FROM {1+}\r\nq TO b SUBJECT \"\\\\\" TEXT "
       "\"\\\"\"\r\n"),
     "OK a SEARCH BCC x BODY \"y z\" CC \"\" FROM q TO b SUBJECT \"\\\\\\\\\" TEXT \"\\\\\"\" "
     "@0+74\n"
     "END idle\n"},
    {"KEYWORD / UNKEYWORD take flag-keyword (an atom)",
     S("a SEARCH KEYWORD $Junk UNKEYWORD NonJunk\r\n"),
     "OK a SEARCH KEYWORD $Junk UNKEYWORD NonJunk @0+42\n"
     "END idle\n"},
    {"KEYWORD refuses ']' (resp-specials are no ATOM-CHAR)", S("a SEARCH KEYWORD x]\r\n"),
     "ERR a SYNTAX @18 expected space\n"
     "END idle\n"},
    {"KEYWORD refuses a system flag (\\ is no ATOM-CHAR)", S("a SEARCH KEYWORD \\Seen\r\n"),
     "ERR a SYNTAX @17 invalid flag keyword\n"
     "END idle\n"},
    {"KEYWORD refuses a quoted string", S("a SEARCH UNKEYWORD \"x\"\r\n"),
     "ERR a SYNTAX @19 invalid flag keyword\n"
     "END idle\n"},
    {"date keys: day 1*2DIGIT, month any case, quoted or not",
     S("a SEARCH BEFORE 1-Jan-2000 ON \"01-feb-2000\" SINCE 29-Feb-2000 SENTBEFORE 31-Dec-9999 "
       "SENTON 1-JAN-0001 SENTSINCE 28-Feb-1900\r\n"),
     "OK a SEARCH BEFORE 1-Jan-2000 ON 1-Feb-2000 SINCE 29-Feb-2000 SENTBEFORE 31-Dec-9999 "
     "SENTON 1-Jan-0001 SENTSINCE 28-Feb-1900 @0+126\n"
     "END idle\n"},
    {"date: 29-Feb-1900 (not a leap year)", S("a SEARCH SINCE 29-Feb-1900\r\n"),
     "ERR a SYNTAX @15 invalid day of month\n"
     "END idle\n"},
    {"date: 29-Feb-2023", S("a SEARCH ON \"29-Feb-2023\"\r\n"),
     "ERR a SYNTAX @13 invalid day of month\n"
     "END idle\n"},
    {"date: 29-Feb-2024", S("a SEARCH ON 29-Feb-2024\r\n"),
     "OK a SEARCH ON 29-Feb-2024 @0+25\n"
     "END idle\n"},
    {"date: 31-Apr", S("a SEARCH ON 31-Apr-2024\r\n"),
     "ERR a SYNTAX @12 invalid day of month\n"
     "END idle\n"},
    {"date: day 0", S("a SEARCH ON 0-Jan-2024\r\n"),
     "ERR a SYNTAX @12 invalid day of month\n"
     "END idle\n"},
    {"date: day 00", S("a SEARCH ON 00-Jan-2024\r\n"),
     "ERR a SYNTAX @12 invalid day of month\n"
     "END idle\n"},
    {"date: day 32", S("a SEARCH ON 32-Jan-2024\r\n"),
     "ERR a SYNTAX @12 invalid day of month\n"
     "END idle\n"},
    {"date: three-digit day", S("a SEARCH ON 123-Jan-2024\r\n"),
     "ERR a SYNTAX @12 invalid date\n"
     "END idle\n"},
    {"date: no day", S("a SEARCH ON -Jan-2024\r\n"),
     "ERR a SYNTAX @12 invalid date\n"
     "END idle\n"},
    {"date: a letter for the day", S("a SEARCH ON x\r\n"),
     "ERR a SYNTAX @12 invalid date\n"
     "END idle\n"},
    {"date: a letter after the first digit", S("a SEARCH ON 1a-Jan-2024\r\n"),
     "ERR a SYNTAX @12 invalid date\n"
     "END idle\n"},
    {"date: unknown month", S("a SEARCH ON 1-Jun-2024 ON 1-Jux-2024\r\n"),
     "ERR a SYNTAX @26 invalid date\n"
     "END idle\n"},
    {"date: no '-' after the month", S("a SEARCH ON 1-Janx2024\r\n"),
     "ERR a SYNTAX @12 invalid date\n"
     "END idle\n"},
    {"date: three-digit year", S("a SEARCH ON 1-Jan-202\r\n"),
     "ERR a SYNTAX @12 invalid date\n"
     "END idle\n"},
    {"date: letter in the year", S("a SEARCH ON 1-Jan-20a4\r\n"),
     "ERR a SYNTAX @12 invalid date\n"
     "END idle\n"},
    {"date: colon in the year", S("a SEARCH ON 1-Jan-20:4\r\n"),
     "ERR a SYNTAX @12 invalid date\n"
     "END idle\n"},
    {"date: five-digit year", S("a SEARCH ON 1-Jan-20245\r\n"),
     "ERR a SYNTAX @12 invalid date\n"
     "END idle\n"},
    {"date: unterminated quote", S("a SEARCH ON \"1-Jan-2024\r\n"),
     "ERR a SYNTAX @12 invalid date\n"
     "END idle\n"},
    {"date: quoted, not a date", S("a SEARCH ON \"x\"\r\n"),
     "ERR a SYNTAX @12 invalid date\n"
     "END idle\n"},
    {"date: time appended", S("a SEARCH ON \"1-Jan-2024 00:00:00 +0000\"\r\n"),
     "ERR a SYNTAX @12 invalid date\n"
     "END idle\n"},
    {"date missing at the end", S("a SEARCH SENTON\r\n"),
     "ERR a SYNTAX @15 date missing\n"
     "END idle\n"},
    {"date missing before ')'", S("a SEARCH (BEFORE)\r\n"),
     "ERR a SYNTAX @16 date missing\n"
     "END idle\n"},
    {"LARGER / SMALLER: number64 0 and maximum",
     S("a SEARCH LARGER 0 SMALLER 9223372036854775807\r\n"),
     "OK a SEARCH LARGER 0 SMALLER 9223372036854775807 @0+47\n"
     "END idle\n"},
    {"LARGER: number64 maximum + 1", S("a SEARCH LARGER 9223372036854775808\r\n"),
     "ERR a SYNTAX @16 number out of range\n"
     "END idle\n"},
    {"SMALLER: not a number", S("a SEARCH SMALLER x\r\n"),
     "ERR a SYNTAX @17 number expected\n"
     "END idle\n"},
    {"LARGER missing its number", S("a SEARCH LARGER\r\n"),
     "ERR a SYNTAX @15 number missing\n"
     "END idle\n"},
    {"UID and bare sequence sets (with $, RFC 5182)", S("a SEARCH UID 1:*,3 2,4:5 $ UID $\r\n"),
     "OK a SEARCH UID 1:*,3 2,4:5 $ UID $ @0+34\n"
     "END idle\n"},
    {"UID missing its set", S("a SEARCH UID\r\n"),
     "ERR a SYNTAX @12 sequence set missing\n"
     "END idle\n"},
    {"set with 0", S("a SEARCH 0\r\n"),
     "ERR a SYNTAX @9 message number 0 is not valid\n"
     "END idle\n"},
    {"HEADER field value: literal name, empty value",
     S("a SEARCH HEADER {7+}\r\nSubject \"\" HEADER X-A b\r\n"),
     "OK a SEARCH HEADER Subject \"\" HEADER X-A b @0+47\n"
     "END idle\n"},
    {"HEADER missing its name", S("a SEARCH HEADER\r\n"),
     "ERR a SYNTAX @15 header name missing\n"
     "END idle\n"},
    {"HEADER missing its value", S("a SEARCH HEADER Subject\r\n"),
     "ERR a SYNTAX @23 string missing\n"
     "END idle\n"},
    {"HEADER value missing before ')'", S("a SEARCH (HEADER Subject)\r\n"),
     "ERR a SYNTAX @24 string missing\n"
     "END idle\n"},
    {"string missing before ')'", S("a SEARCH (BCC)\r\n"),
     "ERR a SYNTAX @13 string missing\n"
     "END idle\n"},
    {"string missing at the end", S("a SEARCH TEXT\r\n"),
     "ERR a SYNTAX @13 string missing\n"
     "END idle\n"},
    {"flag keyword missing", S("a SEARCH KEYWORD\r\n"),
     "ERR a SYNTAX @16 flag keyword missing\n"
     "END idle\n"},
    {"NOT, OR and parentheses nest", S("a SEARCH NOT (OR 1 (SEEN FLAGGED)) OR NOT 2 (3)\r\n"),
     "OK a SEARCH NOT (OR 1 (SEEN FLAGGED)) OR NOT 2 (3) @0+49\n"
     "END idle\n"},
    {"NOT missing its key", S("a SEARCH NOT\r\n"),
     "ERR a SYNTAX @12 search key missing\n"
     "END idle\n"},
    {"OR missing its first key", S("a SEARCH OR\r\n"),
     "ERR a SYNTAX @11 search key missing\n"
     "END idle\n"},
    {"OR missing its key before ')'", S("a SEARCH (OR)\r\n"),
     "ERR a SYNTAX @12 search key missing\n"
     "END idle\n"},
    {"OR missing its second key", S("a SEARCH OR 1\r\n"),
     "ERR a SYNTAX @13 second search key missing\n"
     "END idle\n"},
    {"OR missing its second key before ')'", S("a SEARCH (OR 1)\r\n"),
     "ERR a SYNTAX @14 second search key missing\n"
     "END idle\n"},
    {"empty parentheses", S("a SEARCH ()\r\n"),
     "ERR a SYNTAX @10 empty parentheses\n"
     "END idle\n"},
    {"unclosed parenthesis", S("a SEARCH (ALL\r\n"),
     "ERR a SYNTAX @13 unbalanced parenthesis\n"
     "END idle\n"},
    {"space after '('", S("a SEARCH ( ALL)\r\n"),
     "ERR a SYNTAX @10 unexpected space\n"
     "END idle\n"},
    {"space before ')'", S("a SEARCH (ALL )\r\n"),
     "ERR a SYNTAX @13 unexpected space\n"
     "END idle\n"},
    {"')' without '('", S("a SEARCH ALL)\r\n"),
     "ERR a SYNTAX @12 unbalanced parenthesis\n"
     "END idle\n"},
    {"']' after a key", S("a SEARCH ALL]\r\n"),
     "ERR a SYNTAX @12 expected space\n"
     "END idle\n"},
    {"a byte that starts no key", S("a SEARCH ALL \"x\"\r\n"),
     "ERR a SYNTAX @13 invalid search key\n"
     "END idle\n"},
    {"quoted key with an escaped quote", S("a SEARCH \"a\\\"b\"\r\n"),
     "ERR a SYNTAX @9 invalid search key\n"
     "END idle\n"},
    {"quoted key with an escaped backslash", S("a SEARCH \"a\\\\b\"\r\n"),
     "ERR a SYNTAX @9 invalid search key\n"
     "END idle\n"},
    {"quoted key with an 8-bit byte (7-bit session)", S("a SEARCH \"\xe9\"\r\n"),
     "ERR a SYNTAX @10 8-bit character in quoted string\n"
     "END idle\n"},
    {"quoted key with invalid UTF-8 (UTF-8 session)", S("a SEARCH \"\xe9\"\r\n"),
     "ERR a SYNTAX @10 invalid UTF-8 in quoted string\n"
     "END idle\n", UTF8},
    {"unknown key", S("a SEARCH FOO\r\n"),
     "ERR a SYNTAX @9 unknown search key\n"
     "END idle\n"},
    {"keyword followed by atom characters", S("a SEARCH SEENX\r\n"),
     "ERR a SYNTAX @9 unknown search key\n"
     "END idle\n"},
    /* astring (RFC 9051 §9: atom / string, ASTRING-CHAR adds "]"), quoted escapes */
    {"astring: atom with ']'", S("a SEARCH FROM a]b\r\n"),
     "OK a SEARCH FROM a]b @0+19\n"
     "END idle\n"},
    {"astring: percent sign is no ASTRING-CHAR", S("a SEARCH FROM a%b\r\n"),
     "ERR a SYNTAX @15 expected space\n"
     "END idle\n"},
    {"astring: asterisk is no ASTRING-CHAR", S("a SEARCH FROM *\r\n"),
     "ERR a SYNTAX @14 invalid character in string\n"
     "END idle\n"},
    {"astring: 8-bit atom", S("a SEARCH FROM a\xe9\r\n"),
     "ERR a SYNTAX @15 8-bit byte outside a literal or quoted string\n"
     "END idle\n"},
    {"astring: NUL in an atom", S("a SEARCH FROM a\0\r\n"),
     "ERR a SYNTAX @15 NUL byte outside a literal\n"
     "END idle\n"},
    {"quoted: NUL", S("a SEARCH FROM \"a\0b\"\r\n"),
     "ERR a SYNTAX @16 NUL in quoted string\n"
     "END idle\n"},
    {"quoted: escape of a letter", S("a SEARCH FROM \"a\\x\"\r\n"),
     "ERR a SYNTAX @16 invalid escape in quoted string\n"
     "END idle\n"},
    {"quoted: CR inside", S("a SEARCH FROM \"a\rb\"\r\n"),
     "ERR a SYNTAX @16 unterminated quoted string\n"
     "END idle\n"},
    {"quoted: 8-bit (7-bit session)", S("a SEARCH FROM \"caf\xc3\xa9\"\r\n"),
     "ERR a SYNTAX @18 8-bit character in quoted string\n"
     "END idle\n"},
    {"quoted: UTF-8 (UTF-8 session)", S("a SEARCH FROM \"caf\xc3\xa9\"\r\n"),
     "OK a SEARCH FROM \"caf\\xc3\\xa9\" @0+23\n"
     "END idle\n", UTF8},
    {"quoted: bad UTF-8 (UTF-8 session)", S("a SEARCH FROM \"caf\xc3(\"\r\n"),
     "ERR a SYNTAX @18 invalid UTF-8 in quoted string\n"
     "END idle\n", UTF8},
    {"number: leading zeros", S("a SEARCH LARGER 00000000000000000000000001\r\n"),
     "OK a SEARCH LARGER 1 @0+44\n"
     "END idle\n"},
    {"number: a sign", S("a SEARCH LARGER -1\r\n"),
     "ERR a SYNTAX @16 number expected\n"
     "END idle\n"},
    {"trailing space", S("a SEARCH ALL \r\n"),
     "ERR a SYNTAX @12 unexpected space\n"
     "END idle\n"},
    {"two spaces", S("a SEARCH  ALL\r\n"),
     "ERR a SYNTAX @9 unexpected space\n"
     "END idle\n"},
    {"program missing", S("a SEARCH\r\n"),
     "ERR a SYNTAX @8 search key missing\n"
     "END idle\n"},
    {"program missing after a space", S("a UID SEARCH \r\n"),
     "ERR a SYNTAX @13 search key missing\n"
     "END idle\n"},
    /* MODSEQ (RFC 7162 §7: search-modsequence, entry-name, entry-type-req) */
    {"MODSEQ with every entry type, valzer 0 and maximum",
     S("a SEARCH MODSEQ \"/flags/\\\\Seen\" priv 0 MODSEQ \"/FLAGS/$MDNSent\" SHARED "
       "9223372036854775807 MODSEQ \"/flags/x\" All 5 MODSEQ 7\r\n"),
     "OK a SEARCH MODSEQ \"/flags/\\\\\\\\Seen\" PRIV 0 MODSEQ \"/FLAGS/$MDNSent\" SHARED "
     "9223372036854775807 MODSEQ \"/flags/x\" ALL 5 MODSEQ 7 @0+125\n"
     "END idle\n"},
    {"MODSEQ value over 2^63-1", S("a SEARCH MODSEQ 9223372036854775808\r\n"),
     "ERR a SYNTAX @16 number out of range\n"
     "END idle\n"},
    {"MODSEQ missing its value", S("a SEARCH MODSEQ\r\n"),
     "ERR a SYNTAX @15 mod-sequence missing\n"
     "END idle\n"},
    {"MODSEQ entry without a type", S("a SEARCH MODSEQ \"/flags/x\"\r\n"),
     "ERR a SYNTAX @26 entry type missing\n"
     "END idle\n"},
    {"MODSEQ entry type missing before ')'", S("a SEARCH (MODSEQ \"/flags/x\")\r\n"),
     "ERR a SYNTAX @27 entry type missing\n"
     "END idle\n"},
    {"MODSEQ entry type unknown", S("a SEARCH MODSEQ \"/flags/x\" any 1\r\n"),
     "ERR a SYNTAX @27 invalid entry type\n"
     "END idle\n"},
    {"MODSEQ entry type followed by atom characters", S("a SEARCH MODSEQ \"/flags/x\" privx 1\r\n"),
     "ERR a SYNTAX @27 invalid entry type\n"
     "END idle\n"},
    {"MODSEQ entry without a value", S("a SEARCH MODSEQ \"/flags/x\" all\r\n"),
     "ERR a SYNTAX @30 mod-sequence missing\n"
     "END idle\n"},
    {"MODSEQ entry: /flags/ alone", S("a SEARCH MODSEQ \"/flags/\" all 1\r\n"),
     "ERR a SYNTAX @16 invalid entry name\n"
     "END idle\n"},
    {"MODSEQ entry: backslash without atom", S("a SEARCH MODSEQ \"/flags/\\\\\" all 1\r\n"),
     "ERR a SYNTAX @16 invalid entry name\n"
     "END idle\n"},
    {"MODSEQ entry: not /flags/", S("a SEARCH MODSEQ \"/shared/x\" all 1\r\n"),
     "ERR a SYNTAX @16 invalid entry name\n"
     "END idle\n"},
    {"MODSEQ entry: a space in the flag", S("a SEARCH MODSEQ \"/flags/a b\" all 1\r\n"),
     "ERR a SYNTAX @16 invalid entry name\n"
     "END idle\n"},
    {"MODSEQ entry: bad escape", S("a SEARCH MODSEQ \"/flags/\\x\" all 1\r\n"),
     "ERR a SYNTAX @24 invalid escape in quoted string\n"
     "END idle\n"},
    {"MODSEQ entry: UTF-8 (UTF-8 session)", S("a SEARCH MODSEQ \"/flags/\xc3\xa9\" all 1\r\n"),
     "ERR a SYNTAX @16 invalid entry name\n"
     "END idle\n",
     UTF8},
    {"MODSEQ entry: 8-bit (7-bit session)", S("a SEARCH MODSEQ \"/flags/\xc3\xa9\" all 1\r\n"),
     "ERR a SYNTAX @16 invalid entry name\n"
     "END idle\n"},
    {"MODSEQ entry: a literal", S("a SEARCH MODSEQ {8+}\r\n/flags/x all 1\r\n"),
     "ERR a SYNTAX @16 entry name must be a quoted string\n"
     "END idle\n"},
    {"MODSEQ entry: a literal8", S("a SEARCH MODSEQ ~{8+}\r\n/flags/x all 1\r\n"),
     "ERR a SYNTAX @16 entry name must be a quoted string\n"
     "END idle\n"},
    {"MODSEQ: ~ alone is no entry", S("a SEARCH MODSEQ ~5\r\n"),
     "ERR a SYNTAX @16 mod-sequence expected\n"
     "END idle\n"},
    /* EMAILID / THREADID (RFC 8474 §7 objectid = 1*255(ALPHA / DIGIT / "_" / "-")) */
    {"EMAILID and THREADID", S("a SEARCH EMAILID M6d99ac3275bb4e THREADID T_a-9\r\n"),
     "OK a SEARCH EMAILID M6d99ac3275bb4e THREADID T_a-9 @0+49\n"
     "END idle\n"},
    {"EMAILID missing", S("a SEARCH EMAILID\r\n"),
     "ERR a SYNTAX @16 object id missing\n"
     "END idle\n"},
    {"EMAILID with '+'", S("a SEARCH EMAILID a+b\r\n"),
     "ERR a SYNTAX @18 invalid object id\n"
     "END idle\n"},
    {"EMAILID quoted", S("a SEARCH THREADID \"a\"\r\n"),
     "ERR a SYNTAX @18 invalid object id\n"
     "END idle\n"},
    /* CHARSET (RFC 3501 astring; RFC 9051 atom / quoted) */
    {"CHARSET atom, quoted, literal, atom with ']' (RFC 3501 astring)",
     S("a SEARCH CHARSET UTF-8 ALL\r\nb SEARCH CHARSET \"US-ASCII\" ALL\r\n"
       "c SEARCH CHARSET {5+}\r\nUTF-8 ALL\r\nd SEARCH CHARSET x] ALL\r\n"),
     "OK a SEARCH CHARSET UTF-8 ALL @0+28\n"
     "OK b SEARCH CHARSET US-ASCII ALL @28+33\n"
     "OK c SEARCH CHARSET UTF-8 ALL @61+34\n"
     "OK d SEARCH CHARSET x] ALL @95+25\n"
     "END idle\n"},
    {"CHARSET missing", S("a SEARCH CHARSET\r\n"),
     "ERR a SYNTAX @16 charset missing\n"
     "END idle\n"},
    {"CHARSET without a key", S("a SEARCH CHARSET UTF-8\r\n"),
     "ERR a SYNTAX @22 search key missing\n"
     "END idle\n"},
    {"CHARSET unterminated", S("a SEARCH CHARSET \"x\r\n"),
     "ERR a SYNTAX @19 unterminated quoted string\n"
     "END idle\n"},
    {"CHARSET 8-bit atom", S("a SEARCH CHARSET \x80 ALL\r\n"),
     "ERR a SYNTAX @17 8-bit byte outside a literal or quoted string\n"
     "END idle\n"},
    {"CHARSET twice", S("a SEARCH CHARSET UTF-8 CHARSET UTF-8 ALL\r\n"),
     "ERR a SYNTAX @23 unknown search key\n"
     "END idle\n"},
    {"CHARSET after a key", S("a SEARCH ALL CHARSET UTF-8\r\n"),
     "ERR a SYNTAX @13 unknown search key\n"
     "END idle\n"},
    {"IN is ESEARCH only", S("a SEARCH IN (selected) ALL\r\n"),
     "ERR a SYNTAX @9 unknown search key\n"
     "END idle\n"},
    /* RETURN (RFC 4731 §3, RFC 5182, RFC 4466 search-ret-opt-ext) */
    {"RETURN: every option, any case, as a set",
     S("a SEARCH RETURN (save count all max min Min) ALL\r\n"),
     "OK a SEARCH RETURN (MIN MAX ALL COUNT SAVE) ALL @0+50\n"
     "END idle\n"},
    {"RETURN: extension values: number, *, $, set, lists",
     S("a SEARCH RETURN (X-1 0 _y * .z $ a:b 1,2:* Q 9223372036854775807 L (a \"b c\" {1+}\r\n"
       "d (e) NIL) E ()) ALL\r\n"),
     "OK a SEARCH RETURN (X-1 0 _y * .z $ a:b 1,2:* Q 9223372036854775807 L (a \"b c\" "
     "\"d\" (e) NIL) E ()) ALL @0+104\n"
     "END idle\n"},
    {"RETURN: labels without values", S("a SEARCH RETURN (X Y MIN Z) ALL\r\n"),
     "OK a SEARCH RETURN (MIN X Y Z) ALL @0+33\n"
     "END idle\n"},
    {"RETURN: extension number over number64",
     S("a SEARCH RETURN (X 99999999999999999999) ALL\r\n"),
     "ERR a SYNTAX @19 number out of range\n"
     "END idle\n"},
    {"RETURN: extension set with 0", S("a SEARCH RETURN (X 0:1) ALL\r\n"),
     "ERR a SYNTAX @19 message number 0 is not valid\n"
     "END idle\n"},
    {"RETURN: nested empty parentheses", S("a SEARCH RETURN (X (())) ALL\r\n"),
     "ERR a SYNTAX @21 empty parentheses\n"
     "END idle\n"},
    {"RETURN: extension list unclosed", S("a SEARCH RETURN (X (a\r\n"),
     "ERR a SYNTAX @21 unbalanced parenthesis\n"
     "END idle\n"},
    {"RETURN: extension list without space", S("a SEARCH RETURN (X (a\"b\")) ALL\r\n"),
     "ERR a SYNTAX @21 expected space\n"
     "END idle\n"},
    {"RETURN: extension list with an 8-bit byte", S("a SEARCH RETURN (X (\x80)) ALL\r\n"),
     "ERR a SYNTAX @20 8-bit byte outside a literal or quoted string\n"
     "END idle\n"},
    {"RETURN: extension list with a literal8", S("a SEARCH RETURN (X (~{1+}\r\na)) ALL\r\n"),
     "ERR a SYNTAX @20 literal8 is not allowed here\n"
     "END idle\n"},
    {"RETURN: option starting with a digit", S("a SEARCH RETURN (9) ALL\r\n"),
     "ERR a SYNTAX @17 invalid return option\n"
     "END idle\n"},
    {"RETURN: label running into '+'", S("a SEARCH RETURN (X-A+) ALL\r\n"),
     "ERR a SYNTAX @20 invalid return option\n"
     "END idle\n"},
    {"RETURN: option running into '+'", S("a SEARCH RETURN (MIN+) ALL\r\n"),
     "ERR a SYNTAX @20 expected space or ')'\n"
     "END idle\n"},
    {"RETURN: unclosed", S("a SEARCH RETURN (MIN\r\n"),
     "ERR a SYNTAX @20 unbalanced parenthesis\n"
     "END idle\n"},
    {"RETURN: space before ')'", S("a SEARCH RETURN (MIN ) ALL\r\n"),
     "ERR a SYNTAX @20 unexpected space\n"
     "END idle\n"},
    {"RETURN: no list", S("a SEARCH RETURN MIN ALL\r\n"),
     "ERR a SYNTAX @16 expected '('\n"
     "END idle\n"},
    {"RETURN: nothing after it", S("a SEARCH RETURN\r\n"),
     "ERR a SYNTAX @15 return options missing\n"
     "END idle\n"},
    {"RETURN: no program", S("a SEARCH RETURN ()\r\n"),
     "ERR a SYNTAX @18 search key missing\n"
     "END idle\n"},
    {"RETURN twice", S("a SEARCH RETURN (MIN) RETURN (MAX) ALL\r\n"),
     "ERR a SYNTAX @22 unknown search key\n"
     "END idle\n"},
};

/* ==== SORT and THREAD (RFC 5256 §5) ==== */
static const struct tcase sort_cases[] = {
    {"SORT: every key, REVERSE, any case",
     S("a UID SORT (reverse arrival CC REVERSE date FROM size SUBJECT to) utf-8 ALL\r\n"),
     "OK a UID SORT (REVERSE ARRIVAL CC REVERSE DATE FROM SIZE SUBJECT TO) utf-8 ALL @0+77\n"
     "END idle\n"},
    {"SORT: quoted charsets, empty and with an escape",
     S("a SORT (DATE) \"\" ALL\r\nb SORT (DATE) \"a\\\\b\" ALL\r\n"),
     "OK a SORT (DATE) \"\" ALL @0+22\n"
     "OK b SORT (DATE) \"a\\\\\\\\b\" ALL @22+26\n"
     "END idle\n"},
    {"SORT: ~ is an atom charset", S("a SORT (DATE) ~x ALL\r\n"),
     "OK a SORT (DATE) ~x ALL @0+22\n"
     "END idle\n"},
    {"SORT: UTF-8 charset (UTF-8 session)", S("a SORT (DATE) \"\xc3\xa9\" ALL\r\n"),
     "ERR a SYNTAX @15 8-bit character in charset\n"
     "END idle\n", UTF8},
    {"SORT: 8-bit charset (7-bit session)", S("a SORT (DATE) \"\xc3\xa9\" ALL\r\n"),
     "ERR a SYNTAX @15 8-bit character in charset\n"
     "END idle\n"},
    {"SORT: charset unterminated", S("a SORT (DATE) \"UTF-8 ALL\r\n"),
     "ERR a SYNTAX @24 unterminated quoted string\n"
     "END idle\n"},
    {"SORT: charset literal", S("a SORT (DATE) {5+}\r\nUTF-8 ALL\r\n"),
     "ERR a SYNTAX @14 charset must be an atom or a quoted string\n"
     "END idle\n"},
    {"SORT: charset atom with ']'", S("a SORT (DATE) UTF-8] ALL\r\n"),
     "ERR a SYNTAX @19 expected space\n"
     "END idle\n"},
    {"SORT: charset with a parenthesis", S("a SORT (DATE) (x) ALL\r\n"),
     "ERR a SYNTAX @14 invalid charset\n"
     "END idle\n"},
    {"SORT: CHARSET keyword after the charset", S("a SORT (DATE) UTF-8 CHARSET x ALL\r\n"),
     "ERR a SYNTAX @20 unknown search key\n"
     "END idle\n"},
    {"SORT: REVERSE REVERSE", S("a SORT (REVERSE REVERSE DATE) UTF-8 ALL\r\n"),
     "ERR a SYNTAX @16 invalid sort key\n"
     "END idle\n"},
    {"SORT: REVERSE alone", S("a SORT (REVERSE) UTF-8 ALL\r\n"),
     "ERR a SYNTAX @15 sort key missing\n"
     "END idle\n"},
    {"SORT: REVERSE at the end", S("a SORT (REVERSE\r\n"),
     "ERR a SYNTAX @15 sort key missing\n"
     "END idle\n"},
    {"SORT: unknown key", S("a SORT (DATEX) UTF-8 ALL\r\n"),
     "ERR a SYNTAX @8 invalid sort key\n"
     "END idle\n"},
    {"SORT: empty criteria", S("a SORT () UTF-8 ALL\r\n"),
     "ERR a SYNTAX @8 empty parentheses\n"
     "END idle\n"},
    {"SORT: criteria unclosed", S("a SORT (DATE\r\n"),
     "ERR a SYNTAX @12 unbalanced parenthesis\n"
     "END idle\n"},
    {"SORT: space before ')'", S("a SORT (DATE ) UTF-8 ALL\r\n"),
     "ERR a SYNTAX @12 unexpected space\n"
     "END idle\n"},
    {"SORT: no parentheses", S("a SORT DATE UTF-8 ALL\r\n"),
     "ERR a SYNTAX @7 expected '('\n"
     "END idle\n"},
    {"SORT: RETURN without a space", S("a SORT RETURN(ALL) (DATE) UTF-8 ALL\r\n"),
     "ERR a SYNTAX @7 expected '('\n"
     "END idle\n"},
    {"SORT: nothing", S("a SORT\r\n"),
     "ERR a SYNTAX @6 sort criteria missing\n"
     "END idle\n"},
    {"SORT: no charset", S("a SORT (DATE)\r\n"),
     "ERR a SYNTAX @13 charset missing\n"
     "END idle\n"},
    {"SORT: no key", S("a UID SORT (DATE) UTF-8\r\n"),
     "ERR a SYNTAX @23 search key missing\n"
     "END idle\n"},
    {"THREAD: algorithm atoms, upper-cased in the canonical form",
     S("a THREAD orderedsubject UTF-8 ALL\r\nb UID THREAD refs~x|} \"UTF-8\" 1:5\r\n"),
     "OK a THREAD ORDEREDSUBJECT UTF-8 ALL @0+35\n"
     "OK b UID THREAD REFS~X|} UTF-8 1:5 @35+35\n"
     "END idle\n"},
    {"THREAD: no algorithm", S("a THREAD\r\n"),
     "ERR a SYNTAX @8 thread algorithm missing\n"
     "END idle\n"},
    {"THREAD: algorithm not an atom", S("a THREAD (x) UTF-8 ALL\r\n"),
     "ERR a SYNTAX @9 invalid thread algorithm\n"
     "END idle\n"},
    {"THREAD: no charset", S("a THREAD REFERENCES\r\n"),
     "ERR a SYNTAX @19 charset missing\n"
     "END idle\n"},
};

/* ==== ESEARCH (RFC 7377 §4, filter-mailboxes of RFC 5465 §8) ==== */
static const struct tcase esearch_cases[] = {
    {"ESEARCH: every filter, scope options, RETURN",
     S("a ESEARCH IN (selected inboxes personal subscribed subtree a subtree-one (b c) "
       "mailboxes \"d e\" (x-1 5 y)) RETURN (COUNT) CHARSET UTF-8 ALL\r\n"),
     "OK a ESEARCH IN (SELECTED INBOXES PERSONAL SUBSCRIBED SUBTREE a SUBTREE-ONE (b "
     "c) MAILBOXES \"d e\" (x-1 5 y)) RETURN (COUNT) CHARSET UTF-8 ALL @0+140\n"
     "END idle\n"},
    {"ESEARCH: program only", S("a ESEARCH UNSEEN\r\n"),
     "OK a ESEARCH UNSEEN @0+18\n"
     "END idle\n"},
    {"ESEARCH: UTF-8 mailbox (UTF-8 session)",
     S("a ESEARCH IN (mailboxes \"caf\xc3\xa9\") ALL\r\n"),
     "OK a ESEARCH IN (MAILBOXES \"caf\\xc3\\xa9\") ALL @0+38\n"
     "END idle\n", UTF8},
    {"ESEARCH: modified UTF-7 mailbox", S("a ESEARCH IN (mailboxes caf&AOk-) ALL\r\n"),
     "OK a ESEARCH IN (MAILBOXES caf&AOk-) ALL @0+39\n"
     "END idle\n"},
    {"ESEARCH: bad modified UTF-7 mailbox", S("a ESEARCH IN (mailboxes (a &Jjo)) ALL\r\n"),
     "ERR a SYNTAX @27 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"ESEARCH: nothing", S("a ESEARCH\r\n"),
     "ERR a SYNTAX @9 search key missing\n"
     "END idle\n"},
    {"ESEARCH: IN at the end", S("a ESEARCH IN\r\n"),
     "ERR a SYNTAX @12 source options missing\n"
     "END idle\n"},
    {"ESEARCH: IN without parentheses", S("a ESEARCH IN x\r\n"),
     "ERR a SYNTAX @13 expected '('\n"
     "END idle\n"},
    {"ESEARCH: unknown filter", S("a ESEARCH IN (foo) ALL\r\n"),
     "ERR a SYNTAX @14 invalid mailbox filter\n"
     "END idle\n"},
    {"ESEARCH: selected-delayed", S("a ESEARCH IN (selected-delayed) ALL\r\n"),
     "ERR a SYNTAX @14 selected-delayed is not allowed in ESEARCH\n"
     "END idle\n"},
    {"ESEARCH: subtree without mailbox", S("a ESEARCH IN (subtree) ALL\r\n"),
     "ERR a SYNTAX @21 mailbox missing\n"
     "END idle\n"},
    {"ESEARCH: subtree with ()", S("a ESEARCH IN (subtree ()) ALL\r\n"),
     "ERR a SYNTAX @23 empty parentheses\n"
     "END idle\n"},
    {"ESEARCH: mailbox list unclosed", S("a ESEARCH IN (mailboxes (a b\r\n"),
     "ERR a SYNTAX @28 unbalanced parenthesis\n"
     "END idle\n"},
    {"ESEARCH: mailbox list without space", S("a ESEARCH IN (mailboxes (a\"b\")) ALL\r\n"),
     "ERR a SYNTAX @26 expected space or ')'\n"
     "END idle\n"},
    {"ESEARCH: filter list unclosed", S("a ESEARCH IN (selected\r\n"),
     "ERR a SYNTAX @22 unbalanced parenthesis\n"
     "END idle\n"},
    {"ESEARCH: filter followed by a quote", S("a ESEARCH IN (selected\"x\") ALL\r\n"),
     "ERR a SYNTAX @22 expected space or ')'\n"
     "END idle\n"},
    {"ESEARCH: empty scope options", S("a ESEARCH IN (selected ()) ALL\r\n"),
     "ERR a SYNTAX @24 empty parentheses\n"
     "END idle\n"},
    {"ESEARCH: scope option not a label", S("a ESEARCH IN (selected (1x)) ALL\r\n"),
     "ERR a SYNTAX @24 invalid scope option\n"
     "END idle\n"},
    {"ESEARCH: scope value over number64",
     S("a ESEARCH IN (selected (x 99999999999999999999)) ALL\r\n"),
     "ERR a SYNTAX @26 number out of range\n"
     "END idle\n"},
    {"ESEARCH: scope options unclosed", S("a ESEARCH IN (selected (x y\r\n"),
     "ERR a SYNTAX @27 unbalanced parenthesis\n"
     "END idle\n"},
    {"ESEARCH: scope options without space", S("a ESEARCH IN (selected (x y\"z\")) ALL\r\n"),
     "ERR a SYNTAX @27 expected space or ')'\n"
     "END idle\n"},
    {"ESEARCH: IN unclosed after scope options", S("a ESEARCH IN (selected (x)\r\n"),
     "ERR a SYNTAX @26 unbalanced parenthesis\n"
     "END idle\n"},
    {"ESEARCH: filter after scope options", S("a ESEARCH IN (selected (x) inboxes) ALL\r\n"),
     "ERR a SYNTAX @26 expected ')'\n"
     "END idle\n"},
    {"ESEARCH: IN without a program", S("a ESEARCH IN (selected)\r\n"),
     "ERR a SYNTAX @23 search key missing\n"
     "END idle\n"},
    {"ESEARCH: RETURN unclosed", S("a ESEARCH RETURN (\r\n"),
     "ERR a SYNTAX @18 missing argument\n"
     "END idle\n"},
    {"ESEARCH: RETURN without a program", S("a ESEARCH RETURN ()\r\n"),
     "ERR a SYNTAX @19 search key missing\n"
     "END idle\n"},
    {"ESEARCH: RETURN before IN", S("a ESEARCH RETURN () IN (selected) ALL\r\n"),
     "ERR a SYNTAX @20 unknown search key\n"
     "END idle\n"},
};

/* ==== FETCH (RFC 9051 §6.4.5 fetch-att, RFC 3501 rev1 items, RFC 3516, RFC 7162,
 * RFC 8474) ==== */
static const struct tcase fetch_cases[] = {
    {"FETCH: every item without a section, in a list",
     S("a FETCH 1:* (envelope FLAGS INTERNALDATE RFC822.SIZE BODY BODYSTRUCTURE UID RFC822 "
       "RFC822.HEADER RFC822.TEXT MODSEQ EMAILID THREADID)\r\n"),
     "OK a FETCH 1:* (ENVELOPE FLAGS INTERNALDATE RFC822.SIZE BODY BODYSTRUCTURE UID "
     "RFC822 RFC822.HEADER RFC822.TEXT MODSEQ EMAILID THREADID) @0+135\n"
     "END idle\n"},
    {"FETCH: the macros", S("a FETCH 1 all\r\nb FETCH 2 FAST\r\nc UID FETCH 3 FULL\r\n"),
     "OK a FETCH 1 ALL @0+15\n"
     "OK b FETCH 2 FAST @15+16\n"
     "OK c UID FETCH 3 FULL @31+20\n"
     "END idle\n"},
    {"FETCH: a macro in a list", S("a FETCH 1 (FLAGS FAST)\r\n"),
     "ERR a SYNTAX @17 ALL, FAST and FULL cannot be in a list\n"
     "END idle\n"},
    {"FETCH: a macro running on", S("a FETCH 1 ALLX\r\n"),
     "ERR a SYNTAX @10 invalid fetch attribute\n"
     "END idle\n"},
    {"FETCH: every section form",
     S("a FETCH 1 (BODY[] BODY.PEEK[HEADER] BODY[TEXT] BODY[1] BODY[1.2.HEADER] BODY[1.TEXT] "
       "BODY[4294967295.MIME] BODY[HEADER.FIELDS (From to)] BODY.PEEK[1.HEADER.FIELDS.NOT "
       "(\"X-A\" {1+}\r\nB \"\")]<0.10> BINARY[] BINARY.PEEK[1.2]<5.5> BINARY.SIZE[3] "
       "BINARY.SIZE[])\r\n"),
     "OK a FETCH 1 (BODY[] BODY.PEEK[HEADER] BODY[TEXT] BODY[1] BODY[1.2.HEADER] BODY[1.TEXT] "
     "BODY[4294967295.MIME] BODY[HEADER.FIELDS (From to)] BODY.PEEK[1.HEADER.FIELDS.NOT "
     "(X-A B \"\")]<0.10> BINARY[] BINARY.PEEK[1.2]<5.5> BINARY.SIZE[3] BINARY.SIZE[]) "
     "@0+255\n"
     "END idle\n"},
    {"FETCH: section part 0", S("a FETCH 1 BODY[0]\r\n"),
     "ERR a SYNTAX @15 section part must not be 0\n"
     "END idle\n"},
    {"FETCH: section part 0 after a part", S("a FETCH 1 BODY[1.0]\r\n"),
     "ERR a SYNTAX @17 section part must not be 0\n"
     "END idle\n"},
    {"FETCH: section part with a leading 0", S("a FETCH 1 BODY[01]\r\n"),
     "ERR a SYNTAX @15 section part must not be 0\n"
     "END idle\n"},
    {"FETCH: section part over 32 bits", S("a FETCH 1 BODY[1.4294967296]\r\n"),
     "ERR a SYNTAX @17 number out of range\n"
     "END idle\n"},
    {"FETCH: section part then a letter", S("a FETCH 1 BODY[1x]\r\n"),
     "ERR a SYNTAX @16 expected ']'\n"
     "END idle\n"},
    {"FETCH: MIME without a part", S("a FETCH 1 BODY[MIME]\r\n"),
     "ERR a SYNTAX @15 MIME needs a part number\n"
     "END idle\n"},
    {"FETCH: MIME running on", S("a FETCH 1 BODY[1.MIMEx]\r\n"),
     "ERR a SYNTAX @21 expected ']'\n"
     "END idle\n"},
    {"FETCH: HEADER running on", S("a FETCH 1 BODY[HEADERx]\r\n"),
     "ERR a SYNTAX @21 expected ']'\n"
     "END idle\n"},
    {"FETCH: TEXT running on", S("a FETCH 1 BODY.PEEK[2.TEXTx]\r\n"),
     "ERR a SYNTAX @26 expected ']'\n"
     "END idle\n"},
    {"FETCH: HEADER.FIELDS without a list", S("a FETCH 1 BODY[HEADER.FIELDS]\r\n"),
     "ERR a SYNTAX @28 header list expected\n"
     "END idle\n"},
    {"FETCH: HEADER.FIELDS.NOT without a list", S("a FETCH 1 BODY[1.HEADER.FIELDS.NOT]\r\n"),
     "ERR a SYNTAX @34 header list expected\n"
     "END idle\n"},
    {"FETCH: unknown section text", S("a FETCH 1 BODY[FOO]\r\n"),
     "ERR a SYNTAX @15 invalid section\n"
     "END idle\n"},
    {"FETCH: binary section with text", S("a FETCH 1 BINARY[HEADER]\r\n"),
     "ERR a SYNTAX @17 invalid binary section\n"
     "END idle\n"},
    {"FETCH: binary section with a part and text", S("a FETCH 1 BINARY.PEEK[1.TEXT]\r\n"),
     "ERR a SYNTAX @24 invalid binary section\n"
     "END idle\n"},
    {"FETCH: binary size section with a part 0", S("a FETCH 1 BINARY.SIZE[0]\r\n"),
     "ERR a SYNTAX @22 section part must not be 0\n"
     "END idle\n"},
    {"FETCH: header list empty", S("a FETCH 1 BODY[HEADER.FIELDS ()]\r\n"),
     "ERR a SYNTAX @30 header list is empty\n"
     "END idle\n"},
    {"FETCH: header list space before ')'", S("a FETCH 1 BODY[HEADER.FIELDS (a )]\r\n"),
     "ERR a SYNTAX @31 unexpected space\n"
     "END idle\n"},
    {"FETCH: header list without closing parenthesis", S("a FETCH 1 BODY[HEADER.FIELDS (a]\r\n"),
     "ERR a SYNTAX @32 unbalanced parenthesis\n"
     "END idle\n"},
    {"FETCH: header list unclosed", S("a FETCH 1 BODY[HEADER.FIELDS (a\r\n"),
     "ERR a SYNTAX @31 unbalanced parenthesis\n"
     "END idle\n"},
    {"FETCH: header list without closing bracket", S("a FETCH 1 BODY[HEADER.FIELDS (a)x\r\n"),
     "ERR a SYNTAX @32 expected ']'\n"
     "END idle\n"},
    {"FETCH: header list with a literal8", S("a FETCH 1 BODY[HEADER.FIELDS (~{1+}\r\nx)]\r\n"),
     "ERR a SYNTAX @30 literal8 is not allowed here\n"
     "END idle\n"},
    {"FETCH: header list with a NUL", S("a FETCH 1 BODY[HEADER.FIELDS (\"a\0\")]\r\n"),
     "ERR a SYNTAX @32 NUL in quoted string\n"
     "END idle\n"},
    {"FETCH: BODY.PEEK without a section", S("a FETCH 1 BODY.PEEK\r\n"),
     "ERR a SYNTAX @19 BODY.PEEK needs a section\n"
     "END idle\n"},
    {"FETCH: BINARY without a section", S("a FETCH 1 BINARY\r\n"),
     "ERR a SYNTAX @16 BINARY needs a section\n"
     "END idle\n"},
    {"FETCH: BINARY.PEEK without a section", S("a FETCH 1 (BINARY.PEEK)\r\n"),
     "ERR a SYNTAX @17 BINARY needs a section\n"
     "END idle\n"},
    {"FETCH: byte after a section", S("a FETCH 1 BODY[]x\r\n"),
     "ERR a SYNTAX @16 unexpected character\n"
     "END idle\n"},
    {"FETCH: byte after a partial", S("a FETCH 1 BODY[]<1.2>x\r\n"),
     "ERR a SYNTAX @21 unexpected character\n"
     "END idle\n"},
    {"FETCH: partial number64 maximum",
     S("a FETCH 1 BODY[]<9223372036854775807.9223372036854775807>\r\n"),
     "OK a FETCH 1 BODY[]<9223372036854775807.9223372036854775807> @0+59\n"
     "END idle\n"},
    {"FETCH: partial offset over number64", S("a FETCH 1 BODY[]<9223372036854775808.1>\r\n"),
     "ERR a SYNTAX @17 number out of range\n"
     "END idle\n"},
    {"FETCH: partial count over number64", S("a FETCH 1 BODY[]<1.9223372036854775808>\r\n"),
     "ERR a SYNTAX @19 number out of range\n"
     "END idle\n"},
    {"FETCH: partial count 0", S("a FETCH 1 BODY[]<0.0>\r\n"),
     "ERR a SYNTAX @19 partial length must not be 0\n"
     "END idle\n"},
    {"FETCH: partial count with a leading 0", S("a FETCH 1 BODY[]<0.01>\r\n"),
     "ERR a SYNTAX @19 partial length must not be 0\n"
     "END idle\n"},
    {"FETCH: partial without offset", S("a FETCH 1 BODY[]<.5>\r\n"),
     "ERR a SYNTAX @17 invalid partial\n"
     "END idle\n"},
    {"FETCH: partial without count", S("a FETCH 1 BODY[]<5>\r\n"),
     "ERR a SYNTAX @18 invalid partial\n"
     "END idle\n"},
    {"FETCH: partial without count digits", S("a FETCH 1 BODY[]<5.>\r\n"),
     "ERR a SYNTAX @19 invalid partial\n"
     "END idle\n"},
    {"FETCH: partial unclosed", S("a FETCH 1 BODY[]<5.1\r\n"),
     "ERR a SYNTAX @20 invalid partial\n"
     "END idle\n"},
    {"FETCH: partial on BINARY.SIZE", S("a FETCH 1 BINARY.SIZE[1]<0.1>\r\n"),
     "ERR a SYNTAX @24 BINARY.SIZE takes no partial\n"
     "END idle\n"},
    {"FETCH: partial without section", S("a FETCH 1 FLAGS<0.1>\r\n"),
     "ERR a SYNTAX @15 partial needs a section\n"
     "END idle\n"},
    {"FETCH: item running on", S("a FETCH 1 FLAGSX\r\n"),
     "ERR a SYNTAX @10 invalid fetch attribute\n"
     "END idle\n"},
    {"FETCH: nested list", S("a FETCH 1 (FLAGS (UID))\r\n"),
     "ERR a SYNTAX @17 fetch attributes cannot nest\n"
     "END idle\n"},
    {"FETCH: empty list", S("a FETCH 1 ()\r\n"),
     "ERR a SYNTAX @11 fetch attribute list is empty\n"
     "END idle\n"},
    {"FETCH: list unclosed", S("a FETCH 1 (FLAGS\r\n"),
     "ERR a SYNTAX @16 unbalanced parenthesis\n"
     "END idle\n"},
    {"FETCH: space before ')'", S("a FETCH 1 (FLAGS )\r\n"),
     "ERR a SYNTAX @16 unexpected space\n"
     "END idle\n"},
    {"FETCH: items missing", S("a FETCH 1\r\n"),
     "ERR a SYNTAX @9 fetch attributes missing\n"
     "END idle\n"},
    {"FETCH: set missing", S("a FETCH\r\n"),
     "ERR a SYNTAX @7 sequence set missing\n"
     "END idle\n"},
    {"FETCH: set invalid", S("a FETCH x FLAGS\r\n"),
     "ERR a SYNTAX @8 sequence set expected\n"
     "END idle\n"},
    /* fetch-modifiers (RFC 4466 §2.4, RFC 7162 §3.1.4.1 CHANGEDSINCE, §3.2.6 VANISHED) */
    {"FETCH modifiers: CHANGEDSINCE, VANISHED in either order, others kept",
     S("a FETCH 1 FLAGS (CHANGEDSINCE 5)\r\nb UID FETCH 1:* FLAGS (VANISHED CHANGEDSINCE "
       "0009)\r\nc UID FETCH 1 UID (CHANGEDSINCE 9223372036854775807 VANISHED X-Y (a) Z * W "
       "UNCHANGEDSINCE 1 CHANGEDSINCEX 2)\r\n"),
     "OK a FETCH 1 FLAGS (CHANGEDSINCE 5) @0+34\n"
     "OK b UID FETCH 1:* FLAGS (CHANGEDSINCE 9 VANISHED) @34+52\n"
     "OK c UID FETCH 1 UID (CHANGEDSINCE 9223372036854775807 VANISHED X-Y (a) Z * W UNCHANGEDSINCE "
     "1 CHANGEDSINCEX 2) @86+110\n"
     "END idle\n"},
    {"FETCH modifiers: VANISHED followed by a label",
     S("a UID FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED X)\r\n"),
     "OK a UID FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED X) @0+49\n"
     "END idle\n"},
    {"FETCH modifiers: VANISHED in FETCH", S("a FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED)\r\n"),
     "ERR a SYNTAX @32 VANISHED is only valid in UID FETCH\n"
     "END idle\n"},
    {"FETCH modifiers: VANISHED without CHANGEDSINCE", S("a UID FETCH 1 FLAGS (VANISHED)\r\n"),
     "ERR a SYNTAX @21 VANISHED needs CHANGEDSINCE\n"
     "END idle\n"},
    {"FETCH modifiers: VANISHED with a number",
     S("a UID FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED 5)\r\n"),
     "ERR a SYNTAX @45 VANISHED takes no value\n"
     "END idle\n"},
    {"FETCH modifiers: VANISHED with a list",
     S("a UID FETCH 1 FLAGS (VANISHED (x) CHANGEDSINCE 1)\r\n"),
     "ERR a SYNTAX @30 VANISHED takes no value\n"
     "END idle\n"},
    {"FETCH modifiers: VANISHED then space and ')'",
     S("a UID FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED )\r\n"),
     "ERR a SYNTAX @44 unexpected space\n"
     "END idle\n"},
    {"FETCH modifiers: VANISHED twice",
     S("a UID FETCH 1 FLAGS (VANISHED CHANGEDSINCE 1 VANISHED)\r\n"),
     "ERR a SYNTAX @45 modifier given twice\n"
     "END idle\n"},
    {"FETCH modifiers: CHANGEDSINCE 0", S("a FETCH 1 FLAGS (CHANGEDSINCE 0)\r\n"),
     "ERR a SYNTAX @30 mod-sequence value must not be 0\n"
     "END idle\n"},
    {"FETCH modifiers: CHANGEDSINCE over 2^63-1",
     S("a FETCH 1 FLAGS (CHANGEDSINCE 9223372036854775808)\r\n"),
     "ERR a SYNTAX @30 number out of range\n"
     "END idle\n"},
    {"FETCH modifiers: CHANGEDSINCE without value", S("a FETCH 1 FLAGS (CHANGEDSINCE)\r\n"),
     "ERR a SYNTAX @29 CHANGEDSINCE needs a mod-sequence value\n"
     "END idle\n"},
    {"FETCH modifiers: CHANGEDSINCE with a letter", S("a FETCH 1 FLAGS (CHANGEDSINCE x)\r\n"),
     "ERR a SYNTAX @30 CHANGEDSINCE needs a mod-sequence value\n"
     "END idle\n"},
    {"FETCH modifiers: CHANGEDSINCE twice",
     S("a FETCH 1 FLAGS (CHANGEDSINCE 1 CHANGEDSINCE 2)\r\n"),
     "ERR a SYNTAX @32 modifier given twice\n"
     "END idle\n"},
    {"FETCH modifiers: CHANGEDSINCE running into '+'", S("a FETCH 1 FLAGS (CHANGEDSINCE+ 1)\r\n"),
     "ERR a SYNTAX @29 invalid modifier\n"
     "END idle\n"},
    {"FETCH modifiers: empty", S("a FETCH 1 FLAGS ()\r\n"),
     "ERR a SYNTAX @17 modifier list is empty\n"
     "END idle\n"},
    {"FETCH modifiers: unclosed", S("a FETCH 1 FLAGS (CHANGEDSINCE 1\r\n"),
     "ERR a SYNTAX @31 unbalanced parenthesis\n"
     "END idle\n"},
    {"FETCH modifiers: space before ')'", S("a FETCH 1 FLAGS (CHANGEDSINCE 1 )\r\n"),
     "ERR a SYNTAX @31 unexpected space\n"
     "END idle\n"},
    {"FETCH modifiers: not a label", S("a FETCH 1 FLAGS (9x)\r\n"),
     "ERR a SYNTAX @17 invalid modifier\n"
     "END idle\n"},
    {"FETCH modifiers: value then a quote", S("a FETCH 1 FLAGS (X 1\"y\")\r\n"),
     "ERR a SYNTAX @20 expected space\n"
     "END idle\n"},
    {"FETCH modifiers: value over number64", S("a FETCH 1 FLAGS (X 99999999999999999999)\r\n"),
     "ERR a SYNTAX @19 number out of range\n"
     "END idle\n"},
    {"FETCH modifiers: no space before '('", S("a FETCH 1 FLAGS(CHANGEDSINCE 1)\r\n"),
     "ERR a SYNTAX @10 invalid fetch attribute\n"
     "END idle\n"},
};

/* ==== STORE (RFC 9051 §6.4.6, RFC 7162 §3.1.3 UNCHANGEDSINCE) and the other message
 * commands with a sequence set (COPY, MOVE, UID EXPUNGE) ==== */
static const struct tcase store_cases[] = {
    {"STORE: every store-att-flags form",
     S("a STORE 1 FLAGS (\\Seen)\r\nb STORE 1 +FLAGS.SILENT \\Deleted $Junk\r\n"
       "c UID STORE 1:* -flags ()\r\nd STORE 2 flags.silent (\\Recent \\X)\r\n"),
     "OK a STORE 1 FLAGS (\\\\Seen) @0+25\n"
     "OK b STORE 1 +FLAGS.SILENT \\\\Deleted $Junk @25+40\n"
     "OK c UID STORE 1:* -FLAGS () @65+27\n"
     "OK d STORE 2 FLAGS.SILENT (\\\\Recent \\\\X) @92+37\n"
     "END idle\n"},
    {"STORE: UNCHANGEDSINCE 0 (valzer) and others",
     S("a STORE 1 (UNCHANGEDSINCE 0) FLAGS \\Seen\r\nb UID STORE 1 (X (y) UNCHANGEDSINCE 9 "
       "CHANGEDSINCE 1 VANISHED) +FLAGS \\Seen\r\n"),
     "OK a STORE 1 (UNCHANGEDSINCE 0) FLAGS \\\\Seen @0+42\n"
     "OK b UID STORE 1 (UNCHANGEDSINCE 9 X (y) CHANGEDSINCE 1 VANISHED) +FLAGS \\\\Seen @42+77\n"
     "END idle\n"},
    {"STORE: UNCHANGEDSINCE twice",
     S("a STORE 1 (UNCHANGEDSINCE 1 UNCHANGEDSINCE 2) FLAGS \\Seen\r\n"),
     "ERR a SYNTAX @28 modifier given twice\n"
     "END idle\n"},
    {"STORE: UNCHANGEDSINCE without value", S("a STORE 1 (UNCHANGEDSINCE) FLAGS \\Seen\r\n"),
     "ERR a SYNTAX @25 UNCHANGEDSINCE needs a mod-sequence value\n"
     "END idle\n"},
    {"STORE: UNCHANGEDSINCE over 2^63-1",
     S("a STORE 1 (UNCHANGEDSINCE 9223372036854775808) FLAGS \\Seen\r\n"),
     "ERR a SYNTAX @26 number out of range\n"
     "END idle\n"},
    {"STORE: modifiers not followed by a space", S("a STORE 1 (UNCHANGEDSINCE 5)FLAGS x\r\n"),
     "ERR a SYNTAX @28 expected space\n"
     "END idle\n"},
    {"STORE: unknown operation", S("a STORE 1 FLAGSX \\Seen\r\n"),
     "ERR a SYNTAX @10 expected FLAGS, +FLAGS or -FLAGS\n"
     "END idle\n"},
    {"STORE: .SILENT misspelt", S("a STORE 1 +FLAGS.SILEN \\Seen\r\n"),
     "ERR a SYNTAX @10 expected FLAGS, +FLAGS or -FLAGS\n"
     "END idle\n"},
    {"STORE: no flags", S("a STORE 1 FLAGS\r\n"),
     "ERR a SYNTAX @15 flags missing\n"
     "END idle\n"},
    {"STORE: no operation", S("a STORE 1\r\n"),
     "ERR a SYNTAX @9 store attribute missing\n"
     "END idle\n"},
    {"STORE: set invalid", S("a STORE x FLAGS \\Seen\r\n"),
     "ERR a SYNTAX @8 sequence set expected\n"
     "END idle\n"},
    {"STORE: \\* is no flag", S("a STORE 1 FLAGS \\*\r\n"),
     "ERR a SYNTAX @16 invalid flag\n"
     "END idle\n"},
    {"STORE: flag then a quote", S("a STORE 1 FLAGS \\Seen\"x\"\r\n"),
     "ERR a SYNTAX @21 expected space\n"
     "END idle\n"},
    {"STORE: two spaces between flags", S("a STORE 1 FLAGS \\Seen  \\Draft\r\n"),
     "ERR a SYNTAX @22 unexpected space\n"
     "END idle\n"},
    {"STORE: trailing space", S("a STORE 1 FLAGS \\Seen \r\n"),
     "ERR a SYNTAX @22 missing argument\n"
     "END idle\n"},
    {"STORE: flag list unclosed", S("a STORE 1 FLAGS (\\Seen\r\n"),
     "ERR a SYNTAX @22 unbalanced parenthesis\n"
     "END idle\n"},
    {"COPY, MOVE and their UID forms, UID EXPUNGE",
     S("a COPY 1:2 INBOX\r\nb MOVE $ \"a b\"\r\nc UID COPY 1,3:* {3+}\r\nx y\r\n"
       "d UID MOVE 5 &AOk-\r\ne UID EXPUNGE 1:*\r\nf EXPUNGE\r\n"),
     "OK a COPY 1:2 INBOX @0+18\n"
     "OK b MOVE $ \"a b\" @18+16\n"
     "OK c UID COPY 1,3:* \"x y\" @34+28\n"
     "OK d UID MOVE 5 &AOk- @62+20\n"
     "OK e UID EXPUNGE 1:* @82+19\n"
     "OK f EXPUNGE @101+11\n"
     "END idle\n"},
    {"COPY: mailbox missing", S("a COPY 1\r\n"),
     "ERR a SYNTAX @8 mailbox missing\n"
     "END idle\n"},
    {"UID COPY: set missing", S("a UID COPY\r\n"),
     "ERR a SYNTAX @10 sequence set missing\n"
     "END idle\n"},
    {"MOVE: set invalid", S("a MOVE 1: x\r\n"),
     "ERR a SYNTAX @9 sequence set expected\n"
     "END idle\n"},
    {"UID MOVE: bad modified UTF-7", S("a UID MOVE 1 &AEE-\r\n"),
     "ERR a SYNTAX @13 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"UID EXPUNGE: set missing", S("a UID EXPUNGE\r\n"),
     "ERR a SYNTAX @13 sequence set missing\n"
     "END idle\n"},
    {"EXPUNGE takes no argument", S("a EXPUNGE 1\r\n"),
     "ERR a SYNTAX @9 unexpected argument\n"
     "END idle\n"},
    {"UID with an unknown command", S("a UID FOO 1\r\n"),
     "ERR a SYNTAX @6 not a UID command\n"
     "END idle\n"},
    {"UID alone", S("a UID\r\n"),
     "ERR a SYNTAX @5 UID needs a command\n"
     "END idle\n"},
};

/* ==== the framer (frame.c): literal headers (RFC 9051 §4.3, RFC 7888, RFC 3516),
 * errors before a tag, resynchronization, bare LF, rejected literals ==== */
static const struct tcase frame_cases[] = {
    {"literal forms {n}, {n+}, {0}, {0+}",
     S("a LOGIN {3}\r\nbob {2+}\r\npw\r\nb LOGIN {0}\r\n {0+}\r\n\r\n"),
     "LIT a 3 arg @8\n"
     "OK a LOGIN bob pw @0+27\n"
     "LIT b 0 arg @35\n"
     "OK b LOGIN \"\" \"\" @27+22\n"
     "END idle\n"},
    {"literal8 ~{n} and ~{n+} carry NUL in an APPEND message",
     S("a APPEND INBOX ~{3}\r\na\0b ~{2+}\r\n\0\0\r\n"),
     "LIT a 38 msg @15\n"
     "DATA 3\n"
     "LIT a 2+8 msg @25\n"
     "DATA 2\n"
     "OK a APPEND INBOX ~{3}\\r\\na\\x00b ~{2}\\r\\n\\x00\\x00 @0+36\n"
     "END idle\n"},
    {"literal size with 20 digits (leading zeros)",
     S("a LOGIN {00000000000000000003}\r\nbob x\r\n"),
     "LIT a 3 arg @8\n"
     "OK a LOGIN bob x @0+39\n"
     "END idle\n"},
    /* 21 significant digits: leading zeros carry no value (RFC 9051 §9 number64), so
     * the headers below that must be too long or of unknown size start with a 1 */
    {"literal size with 21 digits", S("a LOGIN {100000000000000000003}\r\nb NOOP\r\n"),
     "ERR a LIMIT @8 [TOOBIG] literal size out of range\n"
     "OK b NOOP @33+8\n"
     "END idle\n"},
    {"literal size 2^64 (overflow)", S("a LOGIN {18446744073709551616}\r\nb NOOP\r\n"),
     "ERR a LIMIT @8 [TOOBIG] literal size out of range\n"
     "OK b NOOP @32+8\n"
     "END idle\n"},
    {"literal size 2^32 (out of range, known)", S("a LOGIN {4294967296}\r\nb NOOP\r\n"),
     "ERR a LIMIT @8 [TOOBIG] literal size out of range\n"
     "OK b NOOP @22+8\n"
     "END idle\n"},
    {"nonsync literal size with 21 digits: the stream is lost",
     S("a LOGIN {100000000000000000003+}\r\nabc\r\nb NOOP\r\n"),
     "ERR a FATAL @8 [TOOBIG] literal size out of range; the stream cannot be resynchronized\n"
     "END inside\n"},
    {"nonsync literal size 2^32: its octets are skipped", S("a X {4294967296+}\r\nabc\r\n"),
     "ERR a LIMIT @4 [TOOBIG] literal size out of range\n"
     "END inside\n"},
    {"digits and '}' without '{'", S("a NOOP 5}\r\nb NOOP\r\n"),
     "ERR a SYNTAX @6 unexpected argument\n"
     "OK b NOOP @11+8\n"
     "END idle\n"},
    {"'+}' without digits", S("a NOOP {+}\r\nb NOOP\r\n"),
     "ERR a SYNTAX @6 unexpected argument\n"
     "OK b NOOP @12+8\n"
     "END idle\n"},
    {"'}' alone after literal octets", S("a LOGIN {1}\r\nu}\r\nb NOOP\r\n"),
     "LIT a 1 arg @8\n"
     "ERR a SYNTAX @14 expected space\n"
     "OK b NOOP @17+8\n"
     "END idle\n"},
    {"digits and '}' at the start of a line segment", S("a LOGIN {1}\r\nu12}\r\nb NOOP\r\n"),
     "LIT a 1 arg @8\n"
     "ERR a SYNTAX @14 expected space\n"
     "OK b NOOP @19+8\n"
     "END idle\n"},
    {"literal header inside a quoted string", S("a LOGIN \"x {3}\r\nb NOOP\r\n"),
     "ERR a SYNTAX @14 unterminated quoted string\n"
     "OK b NOOP @16+8\n"
     "END idle\n"},
    {"literal header where no string may stand", S("a NOOP {3}\r\nb NOOP\r\n"),
     "ERR a SYNTAX @6 unexpected argument\n"
     "OK b NOOP @12+8\n"
     "END idle\n"},
    {"literal header on a line with a bare CR", S("a APPEND\r{1+}\r\nx\r\nb NOOP\r\n"),
     "ERR a SYNTAX @8 expected space\n"
     "OK b NOOP @18+8\n"
     "END idle\n"},
    {"nonsync literal of APPENDX (no APPEND)", S("a APPENDX {1+}\r\nx\r\nb NOOP\r\n"),
     "OK a APPENDX \"x\" @0+19\n"
     "OK b NOOP @19+8\n"
     "END idle\n"},
    {"nonsync literal with a short line (no APPEND check)", S("a {1+}\r\nx\r\nb NOOP\r\n"),
     "ERR a SYNTAX @2 invalid command name\n"
     "OK b NOOP @11+8\n"
     "END idle\n"},
    {"nonsync literal of an unknown command is kept", S("a X-Y {2+}\r\nab (c)\r\n"),
     "OK a X-Y \"ab\" (c) @0+20\n"
     "END idle\n"},
    {"NUL in a literal message", S("a APPEND INBOX {3+}\r\nab\0 x\r\nb NOOP\r\n"),
     "LIT a 3+ msg @15\n"
     "DATA 2\n"
     "ERR a SYNTAX @23 NUL in literal (only literal8 may carry NUL)\n"
     "OK b NOOP @28+8\n"
     "END idle\n"},
    {"end of stream inside a line", S("a NOOP"),
     "END inside\n"},
    {"end of stream inside a literal", S("a LOGIN {5}\r\nab"),
     "LIT a 5 arg @8\n"
     "END inside\n"},
    /* errors before a tag, then the next command */
    {"empty line", S("\r\nb NOOP\r\n"),
     "ERR * SYNTAX @0 empty line\n"
     "OK b NOOP @2+8\n"
     "END idle\n"},
    {"'+' starts a tag", S("+a NOOP\r\nb NOOP\r\n"),
     "ERR * SYNTAX @0 '+' is not allowed in a tag\n"
     "OK b NOOP @9+8\n"
     "END idle\n"},
    {"plus sign inside a tag", S("a+ NOOP\r\nb NOOP\r\n"),
     "ERR * SYNTAX @1 '+' is not allowed in a tag\n"
     "OK b NOOP @9+8\n"
     "END idle\n"},
    {"space starts the line", S(" NOOP\r\nb NOOP\r\n"),
     "ERR * SYNTAX @0 empty tag\n"
     "OK b NOOP @7+8\n"
     "END idle\n"},
    {"8-bit byte starts the line", S("\x80 NOOP\r\nb NOOP\r\n"),
     "ERR * SYNTAX @0 8-bit byte outside a literal or quoted string\n"
     "OK b NOOP @8+8\n"
     "END idle\n"},
    {"NUL starts the line", S("\0 NOOP\r\nb NOOP\r\n"),
     "ERR * SYNTAX @0 NUL byte outside a literal\n"
     "OK b NOOP @8+8\n"
     "END idle\n"},
    {"parenthesis inside a tag", S("a(b NOOP\r\nb NOOP\r\n"),
     "ERR * SYNTAX @1 invalid character in tag\n"
     "OK b NOOP @10+8\n"
     "END idle\n"},
    {"tag alone", S("a\r\nb NOOP\r\n"),
     "ERR a SYNTAX @1 command name missing\n"
     "OK b NOOP @3+8\n"
     "END idle\n"},
    {"tag then a bare CR", S("a\rx\r\nb NOOP\r\n"),
     "ERR * SYNTAX @1 command name missing\n"
     "OK b NOOP @5+8\n"
     "END idle\n"},
    {"two spaces after the tag", S("a  NOOP\r\nb NOOP\r\n"),
     "ERR a SYNTAX @2 command name missing\n"
     "OK b NOOP @9+8\n"
     "END idle\n"},
    {"8-bit command name", S("a \x80\r\nb NOOP\r\n"),
     "ERR a SYNTAX @2 8-bit byte outside a literal or quoted string\n"
     "OK b NOOP @5+8\n"
     "END idle\n"},
    {"command name running into '('", S("a NOOP(\r\nb NOOP\r\n"),
     "ERR a SYNTAX @6 invalid character in command name\n"
     "OK b NOOP @9+8\n"
     "END idle\n"},
    {"UID then two spaces", S("a UID  FETCH 1 FLAGS\r\nb NOOP\r\n"),
     "ERR a SYNTAX @6 not a UID command\n"
     "OK b NOOP @22+8\n"
     "END idle\n"},
    {"UID UID", S("a UID UID 1\r\nb NOOP\r\n"),
     "ERR a SYNTAX @6 not a UID command\n"
     "OK b NOOP @13+8\n"
     "END idle\n"},
    {"errors in a row, then a command",
     S("a FOO (\r\n\r\nc SEARCH\r\nd FETCH 1 ()\r\ne NOOP\r\n"),
     "ERR a SYNTAX @7 missing argument\n"
     "ERR * SYNTAX @9 empty line\n"
     "ERR c SYNTAX @19 search key missing\n"
     "ERR d SYNTAX @32 fetch attribute list is empty\n"
     "OK e NOOP @35+8\n"
     "END idle\n"},
    /* generic arguments of an unknown command (parse.c) */
    {"generic: ')' alone", S("a FOO )\r\n"),
     "ERR a SYNTAX @6 unbalanced parenthesis\n"
     "END idle\n"},
    {"generic: trailing space", S("a FOO \r\n"),
     "ERR a SYNTAX @6 missing argument\n"
     "END idle\n"},
    {"generic: list then end of line", S("a FOO (a \r\n"),
     "ERR a SYNTAX @9 missing argument\n"
     "END idle\n"},
    {"generic: list unclosed", S("a FOO (a\r\n"),
     "ERR a SYNTAX @8 unbalanced parenthesis\n"
     "END idle\n"},
    {"generic: list without a space", S("a FOO (a\"b\")\r\n"),
     "ERR a SYNTAX @8 expected space or ')'\n"
     "END idle\n"},
    {"generic: space before ')'", S("a FOO (a )\r\n"),
     "ERR a SYNTAX @8 unexpected space\n"
     "END idle\n"},
    {"generic: no space between arguments", S("a FOO a\"b\"\r\n"),
     "ERR a SYNTAX @7 expected space\n"
     "END idle\n"},
    {"generic: a literal with NUL right after an argument", S("a X a{3+}\r\nx\0y\r\n"),
     "ERR a SYNTAX @12 NUL in literal (only literal8 may carry NUL)\n"
     "END idle\n"},
    {"generic: unclosed '['", S("a FOO BODY[x\r\n"),
     "ERR a SYNTAX @10 unclosed '[' in argument\n"
     "END idle\n"},
    {"generic: nested lists, NIL, strings, literal",
     S("a X-CMD (a (NIL \"b\") {1+}\r\nc) nil \"\" BODY[1]\r\n"),
     "OK a X-CMD (a (NIL \"b\") \"c\") NIL \"\" BODY[1] @0+46\n"
     "END idle\n"},
    /* bare LF */
    /* strict: a bare LF ends no line; the rest of the line, to CRLF, is skipped with
     * the bad command (issue 9 item 2; more in tests/test_bare_lf.c) */
    {"bare LF refused", S("a NOOP\nb NOOP\r\nc NOOP\r\n"),
     "ERR a SYNTAX @6 bare LF (lines end in CRLF)\n"
     "OK c NOOP @15+8\n"
     "END idle\n"},
    {"bare LF after a nonsync header: no literal, the line runs to CRLF",
     S("a LOGIN {2+}\nab\r\nb NOOP\r\n"),
     "ERR a SYNTAX @12 bare LF (lines end in CRLF)\n"
     "OK b NOOP @17+8\n"
     "END idle\n"},
    /* "{n+}" LF is no header in strict mode, whatever its size, so nothing is lost:
     * this input was once FATAL (its reason fix stays tested by the lenient cases) */
    {"bare LF after a nonsync header of unknown size: no header, the stream goes on",
     S("a X {999999999999999999999+}\nb NOOP\r\nc NOOP\r\n"),
     "ERR a SYNTAX @28 bare LF (lines end in CRLF)\n"
     "OK c NOOP @37+8\n"
     "END idle\n"},
    {"lenient LF: commands and literal headers",
     S("a NOOP\nb LOGIN {3}\nabc {2+}\nxy\nc NOOP\r\n"),
     "OK a NOOP @0+7\n"
     "LIT b 3 arg @15\n"
     "OK b LOGIN abc xy @7+24\n"
     "OK c NOOP @31+8\n"
     "END idle\n", LF},
    {"lenient LF: error offsets count the stream, not the inserted CRs",
     S("a LOGIN {3}\nabc \"x\nb NOOP\n"),
     "LIT a 3 arg @8\n"
     "ERR a SYNTAX @18 unterminated quoted string\n"
     "OK b NOOP @19+7\n"
     "END idle\n", LF},
    {"lenient LF: SASL line", S("dGVzdA==\n"),
     "OK dGVzdA== @0+9\n"
     "END idle\n", LF, IG_EXPECT_SASL},
    {"lenient LF: DONE line", S("DONE\n"),
     "OK DONE @0+5\n"
     "END idle\n", LF, IG_EXPECT_DONE},
    /* literal decisions */
    {"rejected sync string literal: next line is a command",
     S("a LOGIN {3}\r\nb NOOP\r\n"),
     "LIT a 3 arg @8\n"
     "REJECTED\n"
     "OK b NOOP @13+8\n"
     "END idle\n", 0, 0, 1},
    {"rejected sync APPEND message", S("a APPEND INBOX {3}\r\nb NOOP\r\n"),
     "LIT a 3 msg @15\n"
     "REJECTED\n"
     "OK b NOOP @20+8\n"
     "END idle\n", 0, 0, 1},
    {"rejected nonsync APPEND message: octets and rest of line skipped",
     S("a APPEND INBOX {3+}\r\nabc {2+}\r\nxy\r\nb NOOP\r\n"),
     "LIT a 3+ msg @15\n"
     "REJECTED\n"
     "OK b NOOP @35+8\n"
     "END idle\n", 0, 0, 1},
    {"rejected second APPEND message",
     S("a APPEND INBOX {1+}\r\nx (\\Seen) {2+}\r\nyz\r\nb NOOP\r\n"),
     "LIT a 1+ msg @15\n"
     "DATA 1\n"
     "LIT a 2+ msg @31\n"
     "REJECTED\n"
     "OK b NOOP @41+8\n"
     "END idle\n", 0, 0, 2},
    {"rejected literal after an accepted one", S("a LOGIN {1}\r\nx {2}\r\nb NOOP\r\n"),
     "LIT a 1 arg @8\n"
     "LIT a 2 arg @15\n"
     "REJECTED\n"
     "OK b NOOP @20+8\n"
     "END idle\n", 0, 0,
     2},
};

/* max_line 32, max_tag 7, max_literals 3, max_string_literal 8, max_literal_bytes 12,
 * max_nonsync_literal 8, max_sasl_line 18 */
static void small_limits(struct ig_limits *l)
{
    ig_limits_default(l);
    l->max_line = 32;
    l->max_tag = 7;
    l->max_literals = 3;
    l->max_string_literal = 8;
    l->max_literal_bytes = 12;
    l->max_nonsync_literal = 8;
    l->max_sasl_line = 18;
}

static const struct tcase frame_small_cases[] = {
    {"max_line N with CRLF", S("a LOGIN 12345678901234567890 x\r\n"),
     "OK a LOGIN 12345678901234567890 x @0+32\n"
     "END idle\n"},
    {"max_line N+1 with CRLF", S("a LOGIN 123456789012345678901 x\r\nb NOOP\r\n"),
     "ERR a LIMIT @32 command line too long\n"
     "OK b NOOP @33+8\n"
     "END idle\n"},
    {"max_line N with a bare LF (lenient: the inserted CR counts)",
     S("a LOGIN 12345678901234567890 x\nb NOOP\n"),
     "OK a LOGIN 12345678901234567890 x @0+31\n"
     "OK b NOOP @31+7\n"
     "END idle\n", LF},
    {"max_line N+1 with a bare LF (lenient)", S("a LOGIN 123456789012345678901 x\nb NOOP\n"),
     "ERR a LIMIT @31 command line too long\n"
     "OK b NOOP @32+7\n"
     "END idle\n",
     LF},
    {"bare LF after a nonsync header of unknown size (lenient): the stream is lost",
     S("a X {1000000000000000000001+}\nb NOOP\n"),
     "ERR a FATAL @4 [TOOBIG] literal size out of range; the stream cannot be resynchronized\n"
     "END inside\n", LF},
    {"FATAL reason: max_line N+1 with a bare LF after a nonsync header of unknown size",
     S("a XYZ {1000000000000000000001+}\nb NOOP\n"),
     "ERR a FATAL @31 [TOOBIG] literal size out of range; the stream cannot be resynchronized\n"
     "END inside\n", LF},
    {"line too long, ending in a sync header with a long digit run",
     S("a LOGIN {0000000000000000000000000000000000000001}\r\nb NOOP\r\n"),
     "ERR a LIMIT @32 command line too long\n"
     "OK b NOOP @52+8\n"
     "END idle\n"},
    {"line too long, ending in a nonsync header with a long digit run: the stream is lost",
     S("a LOGIN {0000000000000000000000000000000000000001+}\r\nx\r\nb NOOP\r\n"),
     "ERR a LIMIT @32 command line too long\n"
     "ERR * FATAL @53 [TOOBIG] literal size out of range; the stream cannot be resynchronized\n"
     "END inside\n"},
    {"line too long, ending in a nonsync header with 21 digits: the stream is lost",
     S("a LOGIN xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx {100000000000000000001+}\r\nx\r\n"),
     "ERR a LIMIT @32 command line too long\n"
     "ERR * FATAL @66 [TOOBIG] literal size out of range; the stream cannot be resynchronized\n"
     "END inside\n"},
    {"line too long, ending in a nonsync header: octets skipped",
     S("a LOGIN xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx {3+}\r\nabc\r\nb NOOP\r\n"),
     "ERR a LIMIT @32 command line too long\n"
     "OK b NOOP @51+8\n"
     "END idle\n"},
    {"line too long, tag only", S("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\nb NOOP\r\n"),
     "ERR * LIMIT @32 command line too long\n"
     "OK b NOOP @42+8\n"
     "END idle\n"},
    {"nonsync literal N (LITERAL- style bound)", S("a LOGIN {8+}\r\n12345678 x\r\n"),
     "OK a LOGIN 12345678 x @0+26\n"
     "END idle\n"},
    {"nonsync literal N+1", S("a LOGIN {9+}\r\n123456789 x\r\nb NOOP\r\n"),
     "ERR a LIMIT @8 [TOOBIG] non-synchronizing literal too large\n"
     "OK b NOOP @27+8\n"
     "END idle\n"},
    {"sync string literal N+1", S("a LOGIN {9}\r\nb NOOP\r\n"),
     "ERR a LIMIT @8 [TOOBIG] literal too large\n"
     "OK b NOOP @13+8\n"
     "END idle\n"},
    {"literal bytes N+1 over two nonsync literals", S("a LOGIN {8+}\r\n12345678 {5+}\r\n12345\r\n"
                                                      "b NOOP\r\n"),
     "ERR a LIMIT @23 [TOOBIG] literals too large for one command\n"
     "OK b NOOP @36+8\n"
     "END idle\n"},
    {"tag N", S("abcdefg NOOP\r\n"),
     "OK abcdefg NOOP @0+14\n"
     "END idle\n"},
    {"tag N+1", S("abcdefgh NOOP\r\nb NOOP\r\n"),
     "ERR * LIMIT @7 tag too long\n"
     "OK b NOOP @15+8\n"
     "END idle\n"},
    {"SASL line N", S("1234567890123456\r\n"),
     "OK 1234567890123456 @0+18\n"
     "END idle\n", 0, IG_EXPECT_SASL},
    {"SASL line N+1", S("12345678901234567\r\nb NOOP\r\n"),
     "ERR * LIMIT @18 command line too long\n"
     "OK b NOOP @19+8\n"
     "END idle\n", 0, IG_EXPECT_SASL},
    {"SASL line N with a bare LF (lenient)", S("1234567890123456\n"),
     "OK 1234567890123456 @0+17\n"
     "END idle\n", LF, IG_EXPECT_SASL},
    {"SASL line N+1 with a bare LF (lenient)", S("12345678901234567\nb NOOP\r\n"),
     "ERR * LIMIT @17 command line too long\n"
     "OK b NOOP @18+8\n"
     "END idle\n", LF,
     IG_EXPECT_SASL},
};

/* max_line 8 (the smallest), max_tag 7, max_sasl_line 8 */
static void tiny_limits(struct ig_limits *l)
{
    ig_limits_default(l);
    l->max_line = 8;
    l->max_tag = 7;
    l->max_sasl_line = 8;
}

static const struct tcase frame_tiny_cases[] = {
    {"line N", S("a NOOP\r\n"),
     "OK a NOOP @0+8\n"
     "END idle\n"},
    {"line N+1 after a 7-byte tag and its space", S("abcdefg NOOP\r\nb NOOP\r\n"),
     "ERR abcdefg LIMIT @8 command line too long\n"
     "OK b NOOP @14+8\n"
     "END idle\n"},
    {"line N+1 of tag characters only", S("abcdefgh\r\nb NOOP\r\n"),
     "ERR * LIMIT @8 command line too long\n"
     "OK b NOOP @10+8\n"
     "END idle\n"},
};

/* ==== shared values (parse_values.c): nstring, string, mailbox names in modified UTF-7
 * (RFC 3501 §5.1.3) and Net-Unicode UTF-8 (RFC 9051 §5.1, RFC 5198), date-time ==== */
static const struct tcase value_cases[] = {
    {"nstring: NIL in any case, quoted, literal",
     S("a ID (\"a\" NIL \"b\" nil \"c\" \"x\" \"d\" {1+}\r\ny)\r\n"),
     "OK a ID (\"a\" NIL \"b\" NIL \"c\" \"x\" \"d\" \"y\") @0+44\n"
     "END idle\n"},
    {"nstring: n", S("a ID (\"a\" n)\r\n"),
     "ERR a SYNTAX @10 string expected\n"
     "END idle\n"},
    {"nstring: ni", S("a ID (\"a\" ni)\r\n"),
     "ERR a SYNTAX @10 string expected\n"
     "END idle\n"},
    {"nstring: nix", S("a ID (\"a\" nix)\r\n"),
     "ERR a SYNTAX @10 string expected\n"
     "END idle\n"},
    {"nstring: nilx", S("a ID (\"a\" nilx)\r\n"),
     "ERR a SYNTAX @10 string expected\n"
     "END idle\n"},
    {"nstring: NIL]", S("a ID (\"a\" NIL])\r\n"),
     "ERR a SYNTAX @10 string expected\n"
     "END idle\n"},
    {"string: an atom", S("a ID (a NIL)\r\n"),
     "ERR a SYNTAX @6 string expected\n"
     "END idle\n"},
    {"string: ~ atom", S("a ID (~a NIL)\r\n"),
     "ERR a SYNTAX @6 string expected\n"
     "END idle\n"},
    {"string: literal8", S("a ID (~{1+}\r\na NIL)\r\n"),
     "ERR a SYNTAX @6 literal8 is not allowed here\n"
     "END idle\n"},
    {"mUTF-7: plain names, &- and encoded BMP and non-BMP characters",
     S("a SELECT \"a&-b\"\r\nb SELECT &Jjo-\r\nc SELECT &2D3eAA-x\r\nd SELECT &AKAA6Q-\r\n"
       "e SELECT &,+8-\r\n"),
     "OK a SELECT a&-b @0+17\n"
     "OK b SELECT &Jjo- @17+16\n"
     "OK c SELECT &2D3eAA-x @33+20\n"
     "OK d SELECT &AKAA6Q- @53+19\n"
     "OK e SELECT &,+8- @72+16\n"
     "END idle\n"},
    {"mUTF-7: dangling high surrogate", S("a SELECT &2D0-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: high surrogate then a letter", S("a SELECT &2D0AQQ-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: high surrogate then U+E000", S("a SELECT &2D3gAA-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: high surrogate then another high", S("a SELECT &2D3YPQ-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: lone low surrogate", S("a SELECT &3gA-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: encoded printable ASCII", S("a SELECT &AEE-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: encoded DEL", S("a SELECT &AH8-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: encoded C1 control", S("a SELECT &AIA-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: encoded last C1 control", S("a SELECT &AJ8-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: unterminated", S("a SELECT &Jjo\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: too short for a code unit", S("a SELECT &AA-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: six spare bits", S("a SELECT &Jjo6-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: non-zero padding bits", S("a SELECT &Jjp-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: dot in base64", S("a SELECT &Jj.-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: bar in base64", S("a SELECT &J|o-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: tilde in base64", S("a SELECT &J~o-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: colon in base64", S("a SELECT &J:o-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: slash in base64 (plain UTF-7)", S("a SELECT &J/o-\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: 8-bit byte", S("a SELECT {2+}\r\n\xc3\xa9\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: control character", S("a SELECT {3+}\r\na\tb\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"mUTF-7: DEL", S("a SELECT {3+}\r\na\x7f" "b\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n"},
    {"UTF-8: 2-, 3- and 4-byte characters at the range edges",
     S("a SELECT {28+}\r\n\xc2\xa0\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbd"
       "\xf0\x90\x80\x80\xf3\xa0\x80\x80\xf4\x8f\xbf\xbf\r\n"),
     "OK a SELECT \"\\xc2\\xa0\\xdf\\xbf\\xe0\\xa0\\x80\\xed\\x9f\\xbf\\xee\\x80\\x80\\xef\\xbf\\xbd"
     "\\xf0\\x90\\x80\\x80\\xf3\\xa0\\x80\\x80\\xf4\\x8f\\xbf\\xbf\" "
     "@0+46\n"
     "END idle\n", UTF8},
    {"UTF-8: C1 control U+0080", S("a SELECT {2+}\r\n\xc2\x80\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: C1 control U+009F", S("a SELECT {2+}\r\n\xc2\x9f\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: overlong C0", S("a SELECT {2+}\r\n\xc0\x80\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: overlong C1", S("a SELECT {2+}\r\n\xc1\xbf\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: overlong E0", S("a SELECT {3+}\r\n\xe0\x9f\xbf\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: surrogate ED A0", S("a SELECT {3+}\r\n\xed\xa0\x80\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: overlong F0", S("a SELECT {4+}\r\n\xf0\x8f\xbf\xbf\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: above U+10FFFF", S("a SELECT {4+}\r\n\xf4\x90\x80\x80\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: F5", S("a SELECT {4+}\r\n\xf5\x80\x80\x80\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: lone continuation byte", S("a SELECT {3+}\r\na\x80" "b\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: truncated sequence", S("a SELECT {3+}\r\na\xe2\x82\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: bad third byte", S("a SELECT {3+}\r\n\xe2\x82\x41\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: bad fourth byte", S("a SELECT {4+}\r\n\xf0\x90\x80\xc0\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: second byte above the range", S("a SELECT {2+}\r\n\xc3\xc0\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: control character", S("a SELECT {3+}\r\na\x1f" "b\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: DEL", S("a SELECT {3+}\r\na\x7f" "b\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n", UTF8},
    {"UTF-8: & needs no encoding", S("a SELECT \"a&b\"\r\n"),
     "OK a SELECT a&b @0+16\n"
     "END idle\n", UTF8},
    {"date-time: leap second, zones at their limits",
     S("a APPEND INBOX \" 1-Jan-2024 23:59:60 -2359\" {1+}\r\nx \"29-Feb-2000 00:00:00 +2359\" "
       "{1+}\r\ny\r\n"),
     "LIT a 1+ msg @44\n"
     "DATA 1\n"
     "LIT a 1+ msg @81\n"
     "DATA 1\n"
     "OK a APPEND INBOX \"01-Jan-2024 23:59:60 -2359\" {1}\\r\\nx \"29-Feb-2000 00:00:00 "
     "+2359\" {1}\\r\\ny @0+90\n"
     "END idle\n"},
    {"date-time: 29-Feb-2100", S("a APPEND INBOX \"29-Feb-2100 00:00:00 +0000\" {1+}\r\nx\r\n"),
     "ERR a SYNTAX @16 invalid day of month\n"
     "END idle\n"},
    {"date-time: 31-Nov", S("a APPEND INBOX \"31-Nov-2024 00:00:00 +0000\" {1+}\r\nx\r\n"),
     "ERR a SYNTAX @16 invalid day of month\n"
     "END idle\n"},
    {"date-time: hour 24", S("a APPEND INBOX \"01-Jan-2024 24:00:00 +0000\" {1+}\r\nx\r\n"),
     "ERR a SYNTAX @28 invalid time of day\n"
     "END idle\n"},
    {"date-time: second 61", S("a APPEND INBOX \"01-Jan-2024 00:00:61 +0000\" {1+}\r\nx\r\n"),
     "ERR a SYNTAX @28 invalid time of day\n"
     "END idle\n"},
    {"date-time: zone hour 24", S("a APPEND INBOX \"01-Jan-2024 00:00:00 +2400\" {1+}\r\nx\r\n"),
     "ERR a SYNTAX @37 invalid time zone\n"
     "END idle\n"},
    {"date-time: zone minute 60", S("a APPEND INBOX \"01-Jan-2024 00:00:00 -0060\" {1+}\r\nx\r\n"),
     "ERR a SYNTAX @37 invalid time zone\n"
     "END idle\n"},
    {"date-time: one-digit day without space",
     S("a APPEND INBOX \"1-Jan-2024 00:00:00 +0000\" {1+}\r\nx\r\n"),
     "ERR a SYNTAX @15 invalid date-time\n"
     "END idle\n"},
    {"date-time: unquoted", S("a APPEND INBOX 01-Jan-2024 {1+}\r\nx\r\n"),
     "ERR a SYNTAX @15 message literal expected\n"
     "END idle\n"},
};

/* ---- the table runner ---- */

struct table {
    const char *title;
    const struct tcase *cases;
    size_t n;
    void (*limits)(struct ig_limits *); /* NULL: defaults */
};

#define TABLE(title, t, lim) {title, t, sizeof(t) / sizeof((t)[0]), lim}

static const struct table tables[] = {
    TABLE("search", search_cases, NULL),
    TABLE("sort", sort_cases, NULL),
    TABLE("esearch", esearch_cases, NULL),
    TABLE("fetch", fetch_cases, NULL),
    TABLE("store", store_cases, NULL),
    TABLE("frame", frame_cases, NULL),
    TABLE("frame small", frame_small_cases, small_limits),
    TABLE("frame tiny", frame_tiny_cases, tiny_limits),
    TABLE("values", value_cases, NULL),
};

static void run_tables(const char *seeds)
{
    for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
        for (size_t i = 0; i < tables[t].n; i++) {
            const struct tcase *c = &tables[t].cases[i];
            struct ig_limits lim;
            struct run_cfg cfg = {NULL, c->options, c->reject, c->expect, 0};
            if (tables[t].limits != NULL) {
                tables[t].limits(&lim);
                cfg.limits = &lim;
            }
            if (seeds != NULL) {
                char name[200]; /* a prefix keeps these seeds apart from other tests' */
                snprintf(name, sizeof(name), "grammar-paths %s", c->name);
                dump_seed(seeds, name, &cfg, c->in, c->inlen);
                continue;
            }
            char *got = run_all_ways(&cfg, c->in, c->inlen);
            is_str(got, c->want, c->name);
            free(got);
        }
    }
}

/* ---- helpers for the C checks ---- */

static unsigned char mem_a[1 << 19] __attribute__((aligned(16)));
static unsigned char mem_b[1 << 19] __attribute__((aligned(16)));

/* The first command of in, parsed in mem (harness.h). */
#define parse1(p, mem, in, opts) parse_first(p, mem, sizeof(mem_a), in, opts)


static size_t emit_len(const struct ig_command *c)
{
    static unsigned char out[8192];
    return ig_command_emit(c, 0, out, sizeof(out));
}

#define REFUSED(cmd, what) ok(emit_len(cmd) == (size_t)-1, what)
#define EMITS(cmd, what) ok(emit_len(cmd) != (size_t)-1, what)

/* ---- the public API of frame.c: misuse and state ---- */

static void test_api(void)
{
    struct ig_parser p;
    struct ig_limits lim;
    size_t used = 7;

    ig_limits_default(&lim);
    ok(ig_parser_memsize(NULL) == ig_parser_memsize(&lim), "memsize(NULL) is memsize(defaults)");
    ok(ig_parser_init(NULL, NULL, mem_a, sizeof(mem_a)) == IG_E_USAGE, "init: NULL parser");
    ok(ig_parser_init(&p, NULL, NULL, sizeof(mem_a)) == IG_E_USAGE, "init: NULL memory");
    ok(ig_parser_init(&p, NULL, mem_a + 4, sizeof(mem_a) - 4) == IG_E_USAGE,
       "init: memory not 8-byte aligned");
    ok(ig_parser_init(&p, NULL, mem_a, ig_parser_memsize(NULL) - 1) == IG_E_USAGE,
       "init: memory one byte short");
    ok(ig_parser_init(&p, NULL, mem_a, ig_parser_memsize(NULL)) == IG_OK,
       "init: memory exactly memsize");
    static const struct {
        const char *what;
        size_t field; /* index of the uint32_t in struct ig_limits */
        uint32_t value;
    } bad[] = {
        {"init: a zero limit (max_depth)", offsetof(struct ig_limits, max_depth), 0},
        {"init: max_string_literal over max_literal_bytes",
         offsetof(struct ig_limits, max_string_literal), IG_DEFAULT_MAX_LITERAL_BYTES + 1},
        {"init: arena under max_sasl_line", offsetof(struct ig_limits, arena),
         IG_DEFAULT_MAX_SASL_LINE - 1},
        {"init: max_tag not under max_line", offsetof(struct ig_limits, max_tag),
         IG_DEFAULT_MAX_LINE},
        {"init: max_line under 8", offsetof(struct ig_limits, max_line), 7},
        {"init: max_sasl_line under 8", offsetof(struct ig_limits, max_sasl_line), 7},
        {"init: max_literals 2^20", offsetof(struct ig_limits, max_literals), 1u << 20},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct ig_limits l;
        ig_limits_default(&l);
        if (bad[i].field == offsetof(struct ig_limits, max_line))
            l.max_tag = 6;
        memcpy((unsigned char *)&l + bad[i].field, &bad[i].value, sizeof(uint32_t));
        ok(ig_parser_init(&p, &l, mem_a, sizeof(mem_a)) == IG_E_USAGE, bad[i].what);
    }
    /* the largest max_literals, with max_line 8 and max_tag 7 */
    lim.max_literals = (1u << 20) - 1;
    lim.max_line = 8;
    lim.max_tag = 7;
    void *big = malloc(ig_parser_memsize(&lim));
    ok(ig_parser_init(&p, &lim, big, ig_parser_memsize(&lim)) == IG_OK &&
           ig_parser_feed(&p, "a NOOP\r\n", 8, &used) == IG_OK,
       "init: max_literals 2^20 - 1, max_line 8");
    free(big);

    /* A SASL line longer than a command line and its literals: the buffer is sized for
     * it (buffer_size takes the larger). */
    ig_limits_default(&lim);
    lim.max_line = 16;
    lim.max_tag = 8;
    lim.max_string_literal = 8;
    lim.max_literal_bytes = 8;
    lim.max_sasl_line = 64;
    lim.arena = 64;
    if (ok(ig_parser_init(&p, &lim, mem_a, sizeof(mem_a)) == IG_OK,
           "init: max_sasl_line over max_line + max_literal_bytes")) {
        char line[64];
        memset(line, 'A', 62);
        memcpy(line + 62, "\r\n", 2);
        ig_parser_expect(&p, IG_EXPECT_SASL);
        enum ig_status st = ig_parser_feed(&p, line, 64, &used);
        ok(st == IG_E_SYNTAX && strcmp(ig_parser_error(&p)->reason, "invalid base64") == 0,
           "62 base64 characters: not a multiple of 4");
        ig_parser_expect(&p, IG_EXPECT_SASL);
        st = ig_parser_feed(&p, line + 2, 62, &used);
        ok(st == IG_OK && used == 62 && ig_parser_command(&p)->cmd == IG_CMD_SASL &&
               ig_parser_command(&p)->u.sasl.data.len == 45,
           "a 62-byte SASL line fits a parser whose max_line is 16");
    }

    /* NULL parser: every accessor answers without touching memory */
    ig_parser_set_options(NULL, IG_OPT_UTF8);
    ig_parser_reset(NULL);
    ok(ig_parser_idle(NULL) == 0, "idle(NULL) is 0");
    ok(ig_parser_offset(NULL) == 0 && ig_parser_line_offset(NULL) == 0, "offsets of NULL are 0");
    ok(ig_parser_command(NULL) == NULL && ig_parser_literal(NULL) == NULL &&
           ig_parser_error(NULL) == NULL,
       "command / literal / error of NULL are NULL");
    uint64_t rem = 99;
    struct ig_span d = ig_parser_data(NULL, &rem);
    ok(d.ptr == NULL && d.len == 0 && rem == 99, "data(NULL) is empty");
    ok(ig_parser_expect(NULL, IG_EXPECT_DONE) == IG_E_USAGE, "expect(NULL)");
    ok(ig_parser_literal_accept(NULL) == IG_E_USAGE && ig_parser_literal_reject(NULL) == IG_E_USAGE,
       "accept / reject of NULL");
    ok(ig_parser_feed(NULL, "x", 1, &used) == IG_E_USAGE, "feed(NULL)");

    ig_parser_init(&p, NULL, mem_a, sizeof(mem_a));
    ok(ig_parser_feed(&p, "x", 1, NULL) == IG_E_USAGE, "feed without a used pointer");
    ok(ig_parser_feed(&p, NULL, 1, &used) == IG_E_USAGE, "feed of NULL with a length");
    ok(ig_parser_feed(&p, NULL, 0, &used) == IG_NEED_MORE && used == 0,
       "feed of NULL with no length needs more");
    ok(ig_parser_expect(&p, (enum ig_expect)3) == IG_E_USAGE, "expect: unknown line kind");
    ok(ig_parser_literal_accept(&p) == IG_E_USAGE && ig_parser_literal_reject(&p) == IG_E_USAGE,
       "accept / reject with no literal announced");

    /* in the middle of a line: not idle, the line offset is its start */
    ok(ig_parser_feed(&p, "a NOOP\r\nb NO", 12, &used) == IG_OK && used == 8, "a NOOP");
    ok(ig_parser_feed(&p, "b NO", 4, &used) == IG_NEED_MORE && !ig_parser_idle(&p) &&
           ig_parser_offset(&p) == 12 && ig_parser_line_offset(&p) == 8,
       "inside a line: not idle, offset 12, line offset 8");
    ok(ig_parser_expect(&p, IG_EXPECT_DONE) == IG_E_USAGE, "expect inside a line");
    ok(ig_parser_feed(&p, "OP\r\n", 4, &used) == IG_OK && ig_parser_idle(&p) &&
           ig_parser_line_offset(&p) == ig_parser_offset(&p),
       "idle again: the line offset is the offset");

    /* a literal waiting for a decision: feeding is a usage error, the decision still works */
    ok(ig_parser_feed(&p, "c LOGIN {2}\r\n", 13, &used) == IG_NEED_LITERAL, "literal announced");
    ok(ig_parser_feed(&p, "ab", 2, &used) == IG_E_USAGE && used == 0 &&
           strcmp(ig_parser_error(&p)->reason, "a literal is waiting for accept or reject") == 0,
       "feed while a literal waits: IG_E_USAGE with its reason");
    ok(ig_parser_expect(&p, IG_EXPECT_DONE) == IG_E_USAGE, "expect while a literal waits");
    ok(ig_parser_literal_accept(&p) == IG_OK && ig_parser_literal_accept(&p) == IG_E_USAGE,
       "accept once, not twice");
    ok(ig_parser_feed(&p, "ab x\r\n", 6, &used) == IG_OK &&
           span_is(ig_parser_command(&p)->u.login.user.v, "ab"),
       "the literal arrives after the decision");

    /* APPEND data: the remaining count */
    ok(ig_parser_feed(&p, "d APPEND x {5}\r\n", 16, &used) == IG_NEED_LITERAL &&
           ig_parser_literal(&p)->message && ig_parser_literal_accept(&p) == IG_OK,
       "APPEND message accepted");
    ok(ig_parser_feed(&p, "abc", 3, &used) == IG_LITERAL_DATA, "message data");
    d = ig_parser_data(&p, &rem);
    ok(d.len == 3 && memcmp(d.ptr, "abc", 3) == 0 && rem == 2, "3 octets given, 2 to come");
    d = ig_parser_data(&p, NULL);
    ok(d.len == 3, "data without a remaining pointer");

    /* FATAL is sticky until reset; offsets keep counting */
    ig_parser_init(&p, NULL, mem_a, sizeof(mem_a));
    ok(ig_parser_feed(&p, "a X {999999999999999999999+}\r\n", 30, &used) == IG_E_FATAL &&
           used == 30,
       "nonsync literal of unknown size: IG_E_FATAL");
    ok(ig_parser_feed(&p, "b NOOP\r\n", 8, &used) == IG_E_FATAL && used == 0 &&
           !ig_parser_idle(&p),
       "FATAL is sticky: nothing consumed");
    ok(ig_parser_expect(&p, IG_EXPECT_SASL) == IG_E_USAGE, "expect after FATAL");
    ig_parser_reset(&p);
    ok(ig_parser_idle(&p) && ig_parser_feed(&p, "b NOOP\r\n", 8, &used) == IG_OK &&
           ig_parser_command(&p)->offset == 30,
       "after reset: parsing resumes, offsets keep counting");
    ig_parser_set_options(&p, IG_OPT_LENIENT_LF);
    ok(ig_parser_feed(&p, "c NOOP\n", 7, &used) == IG_OK, "set_options takes effect");
}

/* ---- the command an error names (error_command in frame.c) ---- */

static void test_error_names(void)
{
    static const struct {
        const char *in;
        const char *tag, *name;
        enum ig_cmd cmd;
        uint64_t offset;
        const char *reason;
    } cases[] = {
        {"a FETCH x\r\n", "a", "FETCH", IG_CMD_FETCH, 8, "sequence set expected"},
        {"a uid fetch x\r\n", "a", "uid fetch", IG_CMD_UID_FETCH, 12, "sequence set expected"},
        {"a UID FOO 1\r\n", "a", "UID", IG_CMD_OTHER, 6, "not a UID command"},
        {"a UID UID 1\r\n", "a", "UID", IG_CMD_OTHER, 6, "not a UID command"},
        {"a UID  FETCH 1\r\n", "a", "UID", IG_CMD_OTHER, 6, "not a UID command"},
        {"a UID\r\n", "a", "UID", IG_CMD_OTHER, 5, "UID needs a command"},
        {"a UID ABCDEFGHIJKLMNOPQRST 1\r\n", "a", "UID", IG_CMD_OTHER, 6, "not a UID command"},
        {"a NOOP\x80\r\n", "a", "NOOP", IG_CMD_NOOP, 6,
         "8-bit byte outside a literal or quoted string"},
        {"a XYZZY (\r\n", "a", "XYZZY", IG_CMD_OTHER, 9, "missing argument"},
        {"a XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX \x80\r\n", "a", "", IG_CMD_OTHER, 43,
         "8-bit byte outside a literal or quoted string"},
        {"a \x80\r\n", "a", "", IG_CMD_OTHER, 2, "8-bit byte outside a literal or quoted string"},
        {"a\r\n", "a", "", IG_CMD_OTHER, 1, "command name missing"},
        {"\x80\r\n", "", "", IG_CMD_OTHER, 0, "8-bit byte outside a literal or quoted string"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ig_parser p;
        size_t used;
        ig_parser_init(&p, NULL, mem_a, sizeof(mem_a));
        enum ig_status st = ig_parser_feed(&p, cases[i].in, strlen(cases[i].in), &used);
        const struct ig_error *e = ig_parser_error(&p);
        char what[160];
        snprintf(what, sizeof(what), "error names tag '%s', command '%s' (%s)", cases[i].tag,
                 cases[i].name, ig_cmd_name(cases[i].cmd));
        ok(st == IG_E_SYNTAX && e->code == IG_E_SYNTAX && span_is(e->tag, cases[i].tag) &&
               span_is(e->name, cases[i].name) && e->cmd == cases[i].cmd &&
               e->offset == cases[i].offset && strcmp(e->reason, cases[i].reason) == 0 &&
               e->command_offset == 0,
           what);
    }
    /* SASL and DONE lines name their line kind */
    struct ig_parser p;
    size_t used;
    ig_parser_init(&p, NULL, mem_a, sizeof(mem_a));
    ig_parser_expect(&p, IG_EXPECT_SASL);
    ok(ig_parser_feed(&p, "@@\r\n", 4, &used) == IG_E_SYNTAX &&
           ig_parser_error(&p)->cmd == IG_CMD_SASL &&
           ig_parser_error(&p)->name.len == 0 && ig_parser_error(&p)->tag.len == 0,
       "a bad SASL line names IG_CMD_SASL");
    ig_parser_expect(&p, IG_EXPECT_DONE);
    ok(ig_parser_feed(&p, "DONE x\r\n", 8, &used) == IG_E_SYNTAX &&
           ig_parser_error(&p)->cmd == IG_CMD_DONE,
       "a bad DONE line names IG_CMD_DONE");
    /* a line cut at max_line: the tag and its space fill the buffer, no name */
    struct ig_limits lim;
    tiny_limits(&lim);
    ig_parser_init(&p, &lim, mem_a, sizeof(mem_a));
    ok(ig_parser_feed(&p, "abcdefg NOOP\r\n", 14, &used) == IG_E_LIMIT &&
           span_is(ig_parser_error(&p)->tag, "abcdefg") && ig_parser_error(&p)->name.len == 0 &&
           ig_parser_error(&p)->cmd == IG_CMD_OTHER,
       "line cut after the tag: tag, no command");
    ig_parser_init(&p, &lim, mem_a, sizeof(mem_a));
    ok(ig_parser_feed(&p, "a FETCH 1\r\n", 11, &used) == IG_E_LIMIT &&
           span_is(ig_parser_error(&p)->name, "FETCH") && ig_parser_error(&p)->cmd == IG_CMD_FETCH,
       "line cut after the word and its space: the word names the command");
    /* fixed: a line cut right after a known word named that command, though the word
     * may go on ("abc NOOPXYZ" is no NOOP) */
    ig_parser_init(&p, &lim, mem_a, sizeof(mem_a));
    ok(ig_parser_feed(&p, "abc NOOPXYZ\r\n", 13, &used) == IG_E_LIMIT &&
           span_is(ig_parser_error(&p)->tag, "abc") && ig_parser_error(&p)->name.len == 0 &&
           ig_parser_error(&p)->cmd == IG_CMD_OTHER,
       "line cut at the end of a word: it names no command (NOOPXYZ is no NOOP)");
    ig_parser_init(&p, &lim, mem_a, sizeof(mem_a));
    ok(ig_parser_feed(&p, "abc UID FETCH 1\r\n", 17, &used) == IG_E_LIMIT &&
           span_is(ig_parser_error(&p)->name, "UID") && ig_parser_error(&p)->cmd == IG_CMD_OTHER,
       "line cut after UID and its space: UID alone");
    lim.max_line = 11;
    ig_parser_init(&p, &lim, mem_a, sizeof(mem_a));
    ok(ig_parser_feed(&p, "a UID FETCHXYZ 1\r\n", 18, &used) == IG_E_LIMIT &&
           span_is(ig_parser_error(&p)->name, "UID") && ig_parser_error(&p)->cmd == IG_CMD_OTHER,
       "line cut at the end of the word after UID: UID alone (FETCHXYZ is no FETCH)");
    lim.max_line = 12;
    ig_parser_init(&p, &lim, mem_a, sizeof(mem_a));
    ok(ig_parser_feed(&p, "a UID FETCH 1\r\n", 15, &used) == IG_E_LIMIT &&
           span_is(ig_parser_error(&p)->name, "UID FETCH") &&
           ig_parser_error(&p)->cmd == IG_CMD_UID_FETCH,
       "line cut after UID FETCH and its space: UID FETCH");
}

/* ---- LITERAL- (RFC 7888 §4): a non-synchronizing literal of at most 4096 octets ---- */

static void test_literal_minus(void)
{
    static char in[5000];
    char want[256], tail[64];
    struct run_cfg cfg = {NULL, 0, 0, 0, 0};
    for (int n = 4096; n <= 4097; n++) {
        /* the octets start like a command: they must never be read as one */
        int h = snprintf(in, sizeof(in), "a LOGIN {%d+}\r\n", n);
        memset(in + h, 'x', (size_t)n);
        memcpy(in + h, "z NOOP\r\n", 8);
        memcpy(in + h + n, " p\r\nb NOOP\r\n", 12);
        size_t len = (size_t)h + (size_t)n + 12;
        char *got = run_all_ways(&cfg, in, len);
        if (n == 4096) {
            snprintf(tail, sizeof(tail), " p @0+%zu\nOK b NOOP @%zu+8\nEND idle\n", len - 8,
                     len - 8);
            ok(strncmp(got, "OK a LOGIN {4096}\\r\\nz NOOP\\r\\nxxx", 34) == 0 &&
                   strlen(got) > strlen(tail) &&
                   strcmp(got + strlen(got) - strlen(tail), tail) == 0,
               "LITERAL- N: {4096+} accepted");
        } else {
            snprintf(want, sizeof(want),
                     "ERR a LIMIT @8 [TOOBIG] non-synchronizing literal too large\nOK b NOOP @%zu+8\n"
                     "END idle\n",
                     len - 8);
            is_str(got, want, "LITERAL- N+1: {4097+} refused, its octets skipped");
        }
        free(got);
    }
    /* the same bound on an APPEND message */
    int h = snprintf(in, sizeof(in), "a APPEND INBOX {4097+}\r\n");
    memset(in + h, 'x', 4097);
    memcpy(in + h, "z NOOP\r\n", 8);
    memcpy(in + h + 4097, "\r\nb NOOP\r\n", 10);
    char *got = run_all_ways(&cfg, in, (size_t)h + 4097 + 10);
    snprintf(want, sizeof(want),
             "ERR a LIMIT @15 [TOOBIG] non-synchronizing literal too large\nOK b NOOP @%d+8\nEND idle\n",
             h + 4097 + 2);
    is_str(got, want, "LITERAL- N+1 on an APPEND message: its octets skipped");
    free(got);
}

/* ---- every bound swept from its smallest value upward ----
 * For each arena size (8-byte steps) or max_items value, a command is either refused
 * with IG_E_NOMEM / IG_E_LIMIT and the fixed reason, at a position that never moves
 * back, or accepted with its canonical form, and once accepted it stays accepted. The
 * positions seen are the allocation and counting points of the grammar, in order. */

struct sweep {
    const char *in;
    int items;            /* 1: max_items, else the arena */
    const char *ok_log;   /* the log once the bound is large enough */
    const char *offsets;  /* the error offsets seen on the way, in order */
};

static const struct sweep sweeps[] = {
    /* the program vector, NOT's operand, the "(" vector, OR's pair, the vector in "(" */
    {"a SEARCH NOT (OR 1 2) ALL\r\n", 0, "OK a SEARCH NOT (OR 1 2) ALL @0+27\nEND idle\n",
     "9 13 14 17 22"},
    /* the criteria vector, the program vector */
    {"a SORT (DATE REVERSE SIZE) UTF-8 ALL\r\n", 0,
     "OK a SORT (DATE REVERSE SIZE) UTF-8 ALL @0+38\nEND idle\n", "13 33"},
    /* RETURN options, the values of a tagged-ext-comp list, the program */
    {"a SEARCH RETURN (X Y (a b)) ALL\r\n", 0,
     "OK a SEARCH RETURN (X Y (a b)) ALL @0+33\nEND idle\n", "17 19 22 24 28"},
    /* filters, one mailbox, a mailbox list, scope options, the program */
    {"a ESEARCH IN (subtree a mailboxes (b c) (x 1 y)) ALL\r\n", 0,
     "OK a ESEARCH IN (SUBTREE a MAILBOXES (b c) (x 1 y)) ALL @0+54\nEND idle\n",
     "14 22 24 35 37 41 45 49"},
    /* items, section parts, header names, modifiers */
    {"a FETCH 1 (BODY[1.2.HEADER.FIELDS (a b)] FLAGS) (X 1 Y)\r\n", 0,
     "OK a FETCH 1 (BODY[1.2.HEADER.FIELDS (a b)] FLAGS) (X 1 Y) @0+57\nEND idle\n",
     "11 16 35 37 41 49 53"},
    /* a single item */
    {"a FETCH 1 FLAGS\r\n", 0, "OK a FETCH 1 FLAGS @0+17\nEND idle\n", "10"},
    /* a bare flag sequence */
    {"a STORE 1 FLAGS \\Seen \\Draft\r\n", 0,
     "OK a STORE 1 FLAGS \\\\Seen \\\\Draft @0+30\nEND idle\n", "16 22"},
    /* generic arguments and lists */
    {"a FOO (a (b))\r\n", 0, "OK a FOO (a (b)) @0+15\nEND idle\n", "6 7 9 10"},
    /* a quoted string with an escape is copied to the arena */
    {"a SEARCH FROM \"x\\\\y\"\r\n", 0, "OK a SEARCH FROM \"x\\\\\\\\y\" @0+22\nEND idle\n",
     "9 14"},
    /* quoted strings with an escape in MODSEQ's entry name and in SORT's charset */
    {"a SEARCH MODSEQ \"/flags/\\\\x\" all 1\r\n", 0,
     "OK a SEARCH MODSEQ \"/flags/\\\\\\\\x\" ALL 1 @0+36\nEND idle\n", "9 16"},
    {"a SORT (DATE) \"a\\\\b\" ALL\r\n", 0, "OK a SORT (DATE) \"a\\\\\\\\b\" ALL @0+26\nEND idle\n",
     "14 21"},
    /* a label, a known RETURN option, a list value, MODSEQ's entry name, value, a quoted
     * string */
    {"a SEARCH RETURN (X MIN Y (a)) MODSEQ \"/flags/x\" all 5 FROM \"y\"\r\n", 1,
     "OK a SEARCH RETURN (MIN X Y (a)) MODSEQ \"/flags/x\" ALL 5 FROM y @0+64\nEND idle\n",
     "19 23 26 30 37 54 59"},
    /* a sort key, a quoted charset, a key */
    {"a SORT (DATE SIZE) \"UTF-8\" ALL\r\n", 1, "OK a SORT (DATE SIZE) UTF-8 ALL @0+32\nEND idle\n",
     "13 19 27"},
    /* a filter, its mailbox, a key */
    {"a ESEARCH IN (selected subtree a) ALL\r\n", 1,
     "OK a ESEARCH IN (SELECTED SUBTREE a) ALL @0+39\nEND idle\n", "23 31 34"},
    /* an item, section parts, a modifier, its value */
    {"a FETCH 1 BODY[1.2] (CHANGEDSINCE 5)\r\n", 1,
     "OK a FETCH 1 BODY[1.2] (CHANGEDSINCE 5) @0+38\nEND idle\n", "10 15 17 21 34"},
    /* the flags */
    {"a STORE 1 FLAGS \\Seen \\Draft\r\n", 1,
     "OK a STORE 1 FLAGS \\\\Seen \\\\Draft @0+30\nEND idle\n", "16 22"},
    /* generic values */
    {"a FOO (a \"b\")\r\n", 1, "OK a FOO (a \"b\") @0+15\nEND idle\n", "7 9"},
};

static void test_sweeps(void)
{
    for (size_t i = 0; i < sizeof(sweeps) / sizeof(sweeps[0]); i++) {
        const struct sweep *w = &sweeps[i];
        const char *reason = w->items ? "LIMIT @%llu too many arguments\n"
                                      : "NOMEM @%llu command too complex (arena full)\n";
        char seen[256] = "", what[200];
        unsigned long long last = 0;
        int good = 1, accepted = 0;
        for (uint32_t v = w->items ? 1 : 8; v < 8192 && accepted < 3; v += w->items ? 1 : 8) {
            struct ig_limits lim;
            ig_limits_default(&lim);
            lim.max_sasl_line = 8;
            if (w->items)
                lim.max_items = v;
            else
                lim.arena = v;
            struct run_cfg cfg = {&lim, 0, 0, 0, 0};
            char *got = run_log(&cfg, w->in, strlen(w->in), 0, 0);
            char *bytes = run_log(&cfg, w->in, strlen(w->in), 1, 0);
            unsigned long long off;
            const char *at = strchr(got, '@');
            good &= strcmp(got, bytes) == 0;
            if (strcmp(got, w->ok_log) == 0) {
                accepted++;
            } else if (accepted || strncmp(got, "ERR a ", 6) != 0 || at == NULL ||
                       sscanf(at + 1, "%llu", &off) != 1) {
                good = 0;
                if (getenv("SWEEP_PRINT") && strncmp(got, "OK", 2) == 0)
                    printf("# OK log: %s", got);
                accepted = 3;
            } else {
                char want[160];
                snprintf(want, sizeof(want), "ERR a ");
                snprintf(want + 6, sizeof(want) - 6, reason, off);
                strcat(want, "END idle\n");
                good &= strcmp(got, want) == 0 && off >= last;
                if (off != last || seen[0] == 0)
                    snprintf(seen + strlen(seen), sizeof(seen) - strlen(seen), "%s%llu",
                             seen[0] ? " " : "", off);
                last = off;
            }
            free(got);
            free(bytes);
        }
        if (getenv("SWEEP_PRINT"))
            printf("# seen [%s]\n", seen);
        snprintf(what, sizeof(what), "%s sweep: %.*s", w->items ? "max_items" : "arena",
                 (int)strcspn(w->in, "\r"), w->in);
        ok(good && accepted == 3 && strcmp(seen, w->offsets) == 0, what);
    }
}

/* ---- what the serializer refuses: SEARCH-family structures a caller built ---- */

static void test_search_emit(void)
{
    struct ig_parser p;
    const struct ig_command *c = parse1(
        &p, mem_a,
        "a SEARCH SINCE 1-Feb-2024 (ALL SEEN) MODSEQ \"/flags/x\" all 1 EMAILID x NOT ALL\r\n", 0);
    if (!ok(c != NULL && emit_len(c) != (size_t)-1, "parsed SEARCH emits"))
        return;
    struct ig_command cmd = *c;
    struct ig_search_key keys[5], inner[2];
    memcpy(keys, c->u.search.prog.keys, sizeof(keys));
    memcpy(inner, c->u.search.prog.keys[1].u.and_keys.v, sizeof(inner));
    cmd.u.search.prog.keys = keys;
    keys[1].u.and_keys.v = inner;
    EMITS(&cmd, "the copy emits");

    static const struct {
        uint16_t year;
        uint8_t month, day;
        const char *what;
    } dates[] = {
        {2024, 0, 1, "date: month 0 refused"},   {2024, 13, 1, "date: month 13 refused"},
        {2024, 1, 0, "date: day 0 refused"},     {2023, 2, 29, "date: 29-Feb-2023 refused"},
        {10000, 1, 1, "date: year 10000 refused"},
    };
    for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
        keys[0].u.date.year = dates[i].year;
        keys[0].u.date.month = dates[i].month;
        keys[0].u.date.day = dates[i].day;
        REFUSED(&cmd, dates[i].what);
    }
    keys[0].u.date.year = 2024;
    keys[0].u.date.month = 2;
    keys[0].u.date.day = 29;
    EMITS(&cmd, "date: 29-Feb-2024 emits");
    keys[0].kind = IG_SK__COUNT;
    REFUSED(&cmd, "key kind out of range refused");
    keys[0] = c->u.search.prog.keys[0];

    keys[1].u.and_keys.v = NULL;
    REFUSED(&cmd, "parentheses without keys (NULL) refused");
    keys[1].u.and_keys.v = inner;
    inner[0].kind = IG_SK_MODSEQ; /* a MODSEQ key without value is fine, without entry */
    inner[0].u.modseq.has_entry = 1;
    inner[0].u.modseq.entry.v.len = 0;
    REFUSED(&cmd, "first key in parentheses bad: refused, the second not written");
    inner[0] = c->u.search.prog.keys[1].u.and_keys.v[0];

    keys[2].u.modseq.entry_type = IG_ENTRY_ALL + 1;
    REFUSED(&cmd, "MODSEQ entry type out of range refused");
    keys[2] = c->u.search.prog.keys[2];
    keys[2].u.modseq.value = 9223372036854775808ull;
    REFUSED(&cmd, "MODSEQ value over 2^63-1 refused");
    keys[2] = c->u.search.prog.keys[2];

    keys[3].u.str.v.len = 0;
    REFUSED(&cmd, "empty object id refused");
    static unsigned char oid[256];
    memset(oid, 'a', sizeof(oid));
    keys[3].u.str.v.ptr = oid;
    keys[3].u.str.v.len = 255;
    EMITS(&cmd, "object id of 255 characters emits");
    keys[3].u.str.v.len = 256;
    REFUSED(&cmd, "object id of 256 characters refused");
    keys[3] = c->u.search.prog.keys[3];

    cmd.u.search.prog.keys = NULL;
    REFUSED(&cmd, "program with keys NULL refused");
    cmd.u.search.prog.keys = keys;

    /* RETURN extension names are tagged-ext-labels (RFC 4466) */
    struct ig_param other[2];
    memset(other, 0, sizeof(other));
    cmd.u.search.ret.present = 1;
    cmd.u.search.ret.other.n = 2;
    cmd.u.search.ret.other.v = other;
    static const struct {
        const char *name;
        int good;
    } labels[] = {
        {"_a.b-c:1", 1}, {".9", 1},  {"-", 1},   {"", 0},    {":a", 0},
        {"a{", 0},       {"a~", 0},  {"a b", 0}, {"a\x80", 0}, {"save", 0},
    };
    other[1].name.ptr = (const unsigned char *)"Z";
    other[1].name.len = 1;
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        char what[80];
        other[0].name.ptr = (const unsigned char *)labels[i].name;
        other[0].name.len = strlen(labels[i].name);
        snprintf(what, sizeof(what), "RETURN extension name '%s' %s", labels[i].name,
                 labels[i].good ? "emits" : "refused");
        ok((emit_len(&cmd) != (size_t)-1) == labels[i].good, what);
    }
    /* fixed: a name that is no label was still written (read through a NULL span) */
    other[0].name.ptr = NULL;
    other[0].name.len = 3;
    REFUSED(&cmd, "RETURN extension name NULL refused, not read");
    cmd.u.search.ret.other.v = NULL;
    REFUSED(&cmd, "RETURN extensions NULL refused");
    cmd.u.search.ret = c->u.search.ret;

    c = parse1(&p, mem_a, "a SORT (DATE) UTF-8 ALL\r\n", 0);
    if (ok(c != NULL, "parsed SORT")) {
        cmd = *c;
        cmd.u.sort.n = 0;
        REFUSED(&cmd, "SORT without criteria refused");
        cmd = *c;
        cmd.u.sort.criteria = NULL;
        REFUSED(&cmd, "SORT criteria NULL refused");
    }
    c = parse1(&p, mem_a, "a THREAD REFERENCES UTF-8 ALL\r\n", 0);
    if (ok(c != NULL, "parsed THREAD")) {
        cmd = *c;
        cmd.u.thread.algorithm.len = 0;
        REFUSED(&cmd, "empty thread algorithm refused");
    }
    c = parse1(&p, mem_a, "a ESEARCH IN (selected subtree (x y) (z)) ALL\r\n", 0);
    if (ok(c != NULL && emit_len(c) != (size_t)-1, "parsed ESEARCH emits")) {
        struct ig_filter f[2];
        memcpy(f, c->u.esearch.filters, sizeof(f));
        cmd = *c;
        cmd.u.esearch.filters = f;
        f[0].kind = IG_FILTER_MAILBOXES + 1;
        REFUSED(&cmd, "filter kind out of range refused");
        f[0] = c->u.esearch.filters[0];
        f[0].mailboxes = f[1].mailboxes;
        REFUSED(&cmd, "selected with mailboxes refused");
        f[0] = c->u.esearch.filters[0];
        f[1].mailboxes.v = NULL;
        REFUSED(&cmd, "subtree mailboxes NULL refused");
        f[1] = c->u.esearch.filters[1];
        f[1].list = 0;
        REFUSED(&cmd, "two mailboxes without parentheses refused");
        f[1].mailboxes.n = 1;
        EMITS(&cmd, "one mailbox without parentheses emits");
        f[1] = c->u.esearch.filters[1];
        cmd.u.esearch.nfilters = 0;
        REFUSED(&cmd, "IN without filters refused");
        cmd.u.esearch.nfilters = 2;
        cmd.u.esearch.filters = NULL;
        REFUSED(&cmd, "IN with filters NULL refused");
        cmd.u.esearch.filters = f;
        cmd.u.esearch.scope.n = 0;
        REFUSED(&cmd, "empty scope options refused");
    }
}

/* ---- what the serializer refuses: FETCH-family structures a caller built ---- */

static void test_fetch_emit(void)
{
    struct ig_parser p;
    const struct ig_command *c = parse1(
        &p, mem_a,
        "a UID FETCH 1 (BODY.PEEK[1.HEADER.FIELDS (a)]<0.5> BINARY[2] FLAGS) (CHANGEDSINCE 5 "
        "VANISHED X-1:b_c.d 2)\r\n",
        0);
    if (!ok(c != NULL && emit_len(c) != (size_t)-1, "parsed UID FETCH emits"))
        return;
    struct ig_command cmd = *c;
    struct ig_fetch_att atts[3];
    memcpy(atts, c->u.fetch.atts, sizeof(atts));
    cmd.u.fetch.atts = atts;
    EMITS(&cmd, "the copy emits");

    atts[1].section.text = IG_SECTION_TEXT;
    REFUSED(&cmd, "BINARY section with text refused");
    atts[1] = c->u.fetch.atts[1];
    atts[1].section.parts = NULL;
    REFUSED(&cmd, "section parts NULL refused");
    atts[1] = c->u.fetch.atts[1];
    atts[0].section.fields.v = NULL;
    REFUSED(&cmd, "header list NULL refused");
    atts[0] = c->u.fetch.atts[0];
    struct ig_str field = c->u.fetch.atts[0].section.fields.v[0];
    field.nil = 1;
    atts[0].section.fields.v = &field;
    REFUSED(&cmd, "header name NIL refused");
    atts[0] = c->u.fetch.atts[0];

    atts[2].kind = IG_FETCH__COUNT;
    REFUSED(&cmd, "item kind out of range refused");
    atts[2] = c->u.fetch.atts[2];
    atts[2].section.text = IG_SECTION_HEADER;
    REFUSED(&cmd, "FLAGS with a section text refused");
    atts[2] = c->u.fetch.atts[2];
    atts[2].section.fields = c->u.fetch.atts[0].section.fields;
    REFUSED(&cmd, "FLAGS with header names refused");
    atts[2] = c->u.fetch.atts[2];
    atts[2].peek = 1;
    REFUSED(&cmd, "FLAGS.PEEK refused");
    atts[2] = c->u.fetch.atts[2];
    atts[0].peek = 2;
    REFUSED(&cmd, "peek 2 refused");
    atts[0] = c->u.fetch.atts[0];
    atts[0].partial.present = 2;
    REFUSED(&cmd, "partial present 2 refused");
    atts[0] = c->u.fetch.atts[0];
    atts[0].partial.count = 9223372036854775808ull;
    REFUSED(&cmd, "partial count over number64 refused");
    atts[0] = c->u.fetch.atts[0];
    atts[0].partial.offset = 9223372036854775808ull;
    REFUSED(&cmd, "partial offset over number64 refused");
    atts[0] = c->u.fetch.atts[0];
    atts[2].partial = c->u.fetch.atts[0].partial;
    REFUSED(&cmd, "partial on FLAGS refused");
    atts[2] = c->u.fetch.atts[2];

    /* modifiers */
    struct ig_param other = c->u.fetch.other.v[0];
    cmd.u.fetch.other.v = &other;
    static const struct {
        const char *name;
        int good;
    } names[] = {
        {"_a.b-c:1", 1}, {"", 0}, {"1a", 0}, {":a", 0}, {"a b", 0}, {"a{", 0},
        {"CHANGEDSINCE", 0}, {"vanished", 0}, {"UNCHANGEDSINCE", 1},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char what[80];
        other.name.ptr = (const unsigned char *)names[i].name;
        other.name.len = strlen(names[i].name);
        snprintf(what, sizeof(what), "FETCH modifier name '%s' %s", names[i].name,
                 names[i].good ? "emits" : "refused");
        ok((emit_len(&cmd) != (size_t)-1) == names[i].good, what);
    }
    /* fixed: the names were checked before the array (read through NULL), and a name
     * that is no label was still written (read through a NULL span) */
    other.name.ptr = NULL;
    other.name.len = 1;
    REFUSED(&cmd, "FETCH modifier name NULL refused, not read");
    cmd.u.fetch.other.v = NULL;
    REFUSED(&cmd, "FETCH modifiers NULL refused, not read");
    cmd.u.fetch.other = c->u.fetch.other;
    cmd.u.fetch.mods |= 1u << 5;
    REFUSED(&cmd, "unknown modifier bit refused");
    cmd.u.fetch.mods = c->u.fetch.mods;
    cmd.u.fetch.changedsince = 9223372036854775808ull;
    REFUSED(&cmd, "CHANGEDSINCE over 2^63-1 refused");
    cmd.u.fetch.changedsince = 0;
    REFUSED(&cmd, "CHANGEDSINCE 0 refused");
    cmd.u.fetch.changedsince = c->u.fetch.changedsince;
    cmd.cmd = IG_CMD_FETCH;
    REFUSED(&cmd, "VANISHED in FETCH refused");
    cmd.cmd = IG_CMD_UID_FETCH;
    cmd.u.fetch.mods = IG_MOD_VANISHED;
    REFUSED(&cmd, "VANISHED without CHANGEDSINCE refused");
    cmd.u.fetch.mods = c->u.fetch.mods;
    cmd.u.fetch.has_modifiers = 0;
    REFUSED(&cmd, "modifiers without has_modifiers refused");
    cmd.u.fetch.mods = 0;
    REFUSED(&cmd, "other modifiers without has_modifiers refused");
    cmd.u.fetch.other.n = 0;
    EMITS(&cmd, "no modifiers at all emits");
    cmd.u.fetch.has_modifiers = 1;
    REFUSED(&cmd, "has_modifiers with none refused");
    cmd = *c;
    cmd.u.fetch.atts = atts;

    /* the item list and the macros */
    cmd.u.fetch.macro = IG_FETCH_FULL + 1;
    cmd.u.fetch.n = 0;
    REFUSED(&cmd, "macro out of range refused");
    cmd.u.fetch.macro = IG_FETCH_ALL;
    cmd.u.fetch.list = 0;
    EMITS(&cmd, "macro ALL alone emits");
    cmd.u.fetch.n = 1;
    REFUSED(&cmd, "macro with items refused");
    cmd.u.fetch.n = 0;
    cmd.u.fetch.list = 1;
    REFUSED(&cmd, "macro in a list refused");
    cmd.u.fetch.macro = 0;
    cmd.u.fetch.n = 3;
    cmd.u.fetch.atts = NULL;
    REFUSED(&cmd, "items NULL refused");
    cmd.u.fetch.atts = atts;
    cmd.u.fetch.list = 0;
    REFUSED(&cmd, "three items without parentheses refused");
    cmd.u.fetch.list = 2;
    REFUSED(&cmd, "list 2 refused");

    c = parse1(&p, mem_a, "a STORE 1 (UNCHANGEDSINCE 5 X) +FLAGS.SILENT (\\Seen)\r\n", 0);
    if (!ok(c != NULL && emit_len(c) != (size_t)-1, "parsed STORE emits"))
        return;
    static const struct {
        int op, silent, list;
        uint32_t nflags;
        int null_flags;
        const char *what;
    } forms[] = {
        {-2, 0, 1, 1, 0, "STORE op -2 refused"},   {2, 0, 1, 1, 0, "STORE op 2 refused"},
        {1, 2, 1, 1, 0, "STORE silent 2 refused"}, {1, 0, 2, 1, 0, "STORE list 2 refused"},
        {1, 0, 0, 0, 0, "STORE no flags, no list refused"},
        {1, 0, 1, 1, 1, "STORE flags NULL refused"},
        {0, 0, 1, 0, 0, "STORE FLAGS () emits"},
    };
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        cmd = *c;
        cmd.u.store.op = (int8_t)forms[i].op;
        cmd.u.store.silent = (uint8_t)forms[i].silent;
        cmd.u.store.list = (uint8_t)forms[i].list;
        cmd.u.store.flags.n = forms[i].nflags;
        if (forms[i].null_flags)
            cmd.u.store.flags.v = NULL;
        ok((emit_len(&cmd) == (size_t)-1) == (strstr(forms[i].what, "refused") != NULL),
           forms[i].what);
    }
    cmd = *c;
    cmd.u.store.unchangedsince = 9223372036854775808ull;
    REFUSED(&cmd, "UNCHANGEDSINCE over 2^63-1 refused");
    cmd = *c;
    cmd.u.store.mods |= IG_MOD_CHANGEDSINCE;
    REFUSED(&cmd, "CHANGEDSINCE bit in STORE refused");
    cmd = *c;
    struct ig_param sother = c->u.store.other.v[0];
    sother.name.ptr = (const unsigned char *)"unchangedsince";
    cmd.u.store.other.v = &sother;
    sother.name.len = 14;
    REFUSED(&cmd, "STORE modifier named UNCHANGEDSINCE refused");
    sother.name.ptr = (const unsigned char *)"CHANGEDSINCE";
    sother.name.len = 12;
    EMITS(&cmd, "STORE modifier named CHANGEDSINCE emits (it is a generic one there)");
    cmd = *c;
    cmd.u.store.has_modifiers = 0;
    REFUSED(&cmd, "STORE modifiers without has_modifiers refused");
    cmd.u.store.mods = 0;
    REFUSED(&cmd, "STORE other modifiers without has_modifiers refused");
}

/* ---- equality: each value that emit keeps makes a difference ---- */

static void test_equality(void)
{
    static const struct {
        const char *a, *b;
        int eq;
        const char *what;
    } pairs[] = {
        {"a SEARCH HEADER X y\r\n", "a SEARCH HEADER Z y\r\n", 0, "HEADER field names differ"},
        {"a SEARCH HEADER X y\r\n", "a SEARCH HEADER x Y\r\n", 0, "HEADER values differ"},
        {"a SEARCH OR 1 2\r\n", "a SEARCH OR 3 2\r\n", 0, "OR first keys differ"},
        {"a SEARCH OR 1 2\r\n", "a SEARCH OR 1 3\r\n", 0, "OR second keys differ"},
        {"a SEARCH OR 1 (2)\r\n", "a SEARCH or 1 (2)\r\n", 1, "OR equal"},
        {"a SEARCH (1 2)\r\n", "a SEARCH (1)\r\n", 0, "parentheses with more keys"},
        {"a SEARCH (1 2)\r\n", "a SEARCH (1 3)\r\n", 0, "keys in parentheses differ"},
        {"a SEARCH NOT 1\r\n", "a SEARCH NOT 2\r\n", 0, "NOT operands differ"},
        {"a SEARCH MODSEQ 1\r\n", "a SEARCH MODSEQ 2\r\n", 0, "MODSEQ values differ"},
        {"a SEARCH MODSEQ 1\r\n", "a SEARCH MODSEQ \"/flags/x\" all 1\r\n", 0,
         "MODSEQ with and without entry"},
        {"a SEARCH MODSEQ \"/flags/x\" all 1\r\n", "a SEARCH MODSEQ \"/flags/y\" all 1\r\n", 0,
         "MODSEQ entry names differ"},
        {"a SEARCH MODSEQ 1\r\n", "a SEARCH MODSEQ 01\r\n", 1, "MODSEQ 1 and 01"},
        {"a SEARCH LARGER 1\r\n", "a SEARCH LARGER 2\r\n", 0, "LARGER values differ"},
        {"a SEARCH UID 1\r\n", "a SEARCH UID 2\r\n", 0, "UID sets differ"},
        {"a SEARCH KEYWORD a\r\n", "a SEARCH KEYWORD b\r\n", 0, "keywords differ"},
        {"a SEARCH ON 1-Jan-2000\r\n", "a SEARCH ON 2-Jan-2000\r\n", 0, "dates differ"},
        {"a SEARCH ALL\r\n", "a SEARCH SEEN\r\n", 0, "key kinds differ"},
        {"a SEARCH SEEN\r\n", "a SEARCH seen\r\n", 1, "keys without argument"},
        {"a SEARCH CHARSET x ALL\r\n", "a SEARCH ALL\r\n", 0, "CHARSET and none"},
        {"a SEARCH ALL SEEN\r\n", "a SEARCH ALL\r\n", 0, "programs of different length"},
        {"a SEARCH CHARSET x ALL\r\n", "a SEARCH CHARSET y ALL\r\n", 0, "charsets differ"},
        {"a SEARCH RETURN (MIN) ALL\r\n", "a SEARCH RETURN (MAX) ALL\r\n", 0,
         "RETURN options differ"},
        {"a SEARCH RETURN (X) ALL\r\n", "a SEARCH RETURN (Y) ALL\r\n", 0,
         "RETURN extensions differ"},
        {"a ESEARCH IN (selected) ALL\r\n", "a ESEARCH IN (inboxes) ALL\r\n", 0,
         "filter kinds differ"},
        {"a ESEARCH IN (subtree (a b)) ALL\r\n", "a ESEARCH IN (subtree a) ALL\r\n", 0,
         "filter mailbox counts differ"},
        {"a ESEARCH ALL\r\n", "a ESEARCH IN (selected) ALL\r\n", 0, "IN and no IN"},
        {"a ESEARCH IN (selected) ALL\r\n", "a ESEARCH IN (selected inboxes) ALL\r\n", 0,
         "filter counts differ"},
        {"a ESEARCH IN (selected (x)) ALL\r\n", "a ESEARCH IN (selected (y)) ALL\r\n", 0,
         "scope options differ"},
        {"a ESEARCH RETURN () ALL\r\n", "a ESEARCH ALL\r\n", 0, "ESEARCH RETURN and none"},
        {"a ESEARCH ALL\r\n", "a ESEARCH SEEN\r\n", 0, "ESEARCH programs differ"},
        {"a ESEARCH IN (selected (x 1)) RETURN (MIN) ALL\r\n",
         "a ESEARCH in (SELECTED (x 1)) return (min) all\r\n", 1, "ESEARCH equal"},
        {"a SORT (DATE) UTF-8 ALL\r\n", "a SORT (DATE SIZE) UTF-8 ALL\r\n", 0,
         "sort criteria counts differ"},
        {"a SORT (DATE) UTF-8 ALL\r\n", "a SORT (SIZE) UTF-8 ALL\r\n", 0, "sort keys differ"},
        {"a SORT (DATE) UTF-8 ALL\r\n", "a SORT (DATE) UTF-8 SEEN\r\n", 0,
         "SORT programs differ"},
        {"a THREAD A UTF-8 ALL\r\n", "a THREAD B UTF-8 ALL\r\n", 0, "thread algorithms differ"},
        {"a THREAD A UTF-8 ALL\r\n", "a THREAD A UTF-8 SEEN\r\n", 0, "THREAD programs differ"},
        /* FETCH */
        {"a FETCH 1 BODY[1]\r\n", "a FETCH 1 BODY[1.2]\r\n", 0, "section part counts differ"},
        {"a FETCH 1 BODY[1]\r\n", "a FETCH 1 BODY[2]\r\n", 0, "section parts differ"},
        {"a FETCH 1 BODY[1]\r\n", "a FETCH 1 BODY[1.TEXT]\r\n", 0, "section texts differ"},
        {"a FETCH 1 BODY[HEADER.FIELDS (a)]\r\n", "a FETCH 1 BODY[HEADER.FIELDS (b)]\r\n", 0,
         "header names differ"},
        {"a FETCH 1 BODY[]\r\n", "a FETCH 1 BINARY[]\r\n", 0, "item kinds differ"},
        {"a FETCH 1 BODY[]\r\n", "a FETCH 1 BODY.PEEK[]\r\n", 0, "PEEK differs"},
        {"a FETCH 1 BODY[]\r\n", "a FETCH 1 BODY[]<0.1>\r\n", 0, "partial and none"},
        {"a FETCH 1 BODY[]<0.1>\r\n", "a FETCH 1 BODY[]<1.1>\r\n", 0, "partial offsets differ"},
        {"a FETCH 1 BODY[]<0.1>\r\n", "a FETCH 1 BODY[]<0.2>\r\n", 0, "partial counts differ"},
        {"a FETCH 1 BODY[1.2]<0.1>\r\n", "a fetch 1 body[1.2]<00.01>\r\n", 0,
         "partial count 01 is refused (nz-number), so no command"},
        {"a FETCH 1 BODY[1.2]<0.1>\r\n", "a fetch 1 body[1.2]<00.1>\r\n", 1, "FETCH equal"},
        {"a FETCH 1 FLAGS\r\n", "a FETCH 2 FLAGS\r\n", 0, "FETCH sets differ"},
        {"a FETCH 1 ALL\r\n", "a FETCH 1 FAST\r\n", 0, "macros differ"},
        {"a FETCH 1 FLAGS\r\n", "a FETCH 1 (FLAGS)\r\n", 0, "list and single item"},
        {"a FETCH 1 (FLAGS)\r\n", "a FETCH 1 (FLAGS UID)\r\n", 0, "item counts differ"},
        {"a FETCH 1 FLAGS\r\n", "a FETCH 1 FLAGS (X)\r\n", 0, "modifiers and none"},
        {"a FETCH 1 FLAGS (X)\r\n", "a FETCH 1 FLAGS (CHANGEDSINCE 1)\r\n", 0,
         "modifier bits differ"},
        {"a FETCH 1 FLAGS (X)\r\n", "a FETCH 1 FLAGS (Y)\r\n", 0, "other modifiers differ"},
        {"a FETCH 1 FLAGS (CHANGEDSINCE 1)\r\n", "a FETCH 1 FLAGS (CHANGEDSINCE 2)\r\n", 0,
         "CHANGEDSINCE values differ"},
        /* STORE */
        {"a STORE 1 FLAGS x\r\n", "a STORE 2 FLAGS x\r\n", 0, "STORE sets differ"},
        {"a STORE 1 FLAGS x\r\n", "a STORE 1 (X) FLAGS x\r\n", 0, "STORE modifiers and none"},
        {"a STORE 1 (X) FLAGS x\r\n", "a STORE 1 (UNCHANGEDSINCE 1) FLAGS x\r\n", 0,
         "STORE modifier bits differ"},
        {"a STORE 1 (X) FLAGS x\r\n", "a STORE 1 (Y) FLAGS x\r\n", 0, "STORE others differ"},
        {"a STORE 1 FLAGS x\r\n", "a STORE 1 +FLAGS x\r\n", 0, "STORE operations differ"},
        {"a STORE 1 FLAGS x\r\n", "a STORE 1 FLAGS.SILENT x\r\n", 0, ".SILENT differs"},
        {"a STORE 1 FLAGS x\r\n", "a STORE 1 FLAGS (x)\r\n", 0, "flag list and bare flags"},
        {"a STORE 1 FLAGS x\r\n", "a STORE 1 FLAGS y\r\n", 0, "flags differ"},
        {"a STORE 1 (UNCHANGEDSINCE 1) FLAGS x\r\n", "a STORE 1 (UNCHANGEDSINCE 2) FLAGS x\r\n",
         0, "UNCHANGEDSINCE values differ"},
        {"a STORE 1 (UNCHANGEDSINCE 1) FLAGS x\r\n", "a store 1 (unchangedsince 01) flags X\r\n",
         1, "STORE equal"},
    };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        struct ig_parser pa, pb;
        const struct ig_command *a = parse1(&pa, mem_a, pairs[i].a, 0);
        const struct ig_command *b = parse1(&pb, mem_b, pairs[i].b, 0);
        if (b == NULL && strstr(pairs[i].what, "so no command")) {
            ok(a != NULL, pairs[i].what);
            continue;
        }
        ok(a && b && ig_command_equal(a, b) == pairs[i].eq && ig_command_equal(b, a) == pairs[i].eq,
           pairs[i].what);
    }

    /* trees a caller built: a missing operand equals only a missing operand */
    struct ig_parser pa, pb;
    const struct ig_command *a = parse1(&pa, mem_a, "a SEARCH NOT 1\r\n", 0);
    const struct ig_command *b = parse1(&pb, mem_b, "a SEARCH NOT 1\r\n", 0);
    if (ok(a && b && ig_command_equal(a, b), "NOT 1 equals NOT 1")) {
        struct ig_command ca = *a, cb = *b;
        struct ig_search_key ka = a->u.search.prog.keys[0], kb = b->u.search.prog.keys[0];
        ca.u.search.prog.keys = &ka;
        cb.u.search.prog.keys = &kb;
        ka.u.not_key = NULL;
        ok(!ig_command_equal(&ca, &cb) && !ig_command_equal(&cb, &ca),
           "NOT without operand differs from NOT 1");
        kb.u.not_key = NULL;
        ok(ig_command_equal(&ca, &cb), "NOT without operand equals NOT without operand");
    }
}

int main(int argc, char **argv)
{
    const char *seeds = seed_dir_arg(argc, argv);
    run_tables(seeds);
    if (seeds)
        return 0;
    test_api();
    test_error_names();
    test_literal_minus();
    test_sweeps();
    test_search_emit();
    test_fetch_emit();
    test_equality();
    return done();
}
