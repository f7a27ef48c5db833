/*
 * test_numbers.c - every number of the command grammar at its bounds (issue 9: a
 * 20-digit UNCHANGEDSINCE wrapped to 0 and was accepted). Each numeric field is tried at
 * its maximum, maximum + 1, 2^32, 2^63, 2^64 and 2^64 + 1 and with leading zeros. A row
 * is the command text, the verdict (the canonical form, or the error offset and its
 * fixed reason) and, when accepted, the typed value, all written here as literals:
 * nothing is computed by the parser's code. Ranges (RFC 9051 §9 unless named): number
 * and nz-number 32-bit, number64 and nz-number64 0 / 1 to 2^63-1, mod-sequence-value
 * 1 to 2^63-1 and mod-sequence-valzer 0 to 2^63-1 (RFC 7162 §7), resource-limit
 * number64 (RFC 9208), MAXSIZE number (RFC 5464); literal sizes as in grammar/imap.abnf
 * D1 and D2. Every row runs whole, byte by byte and split at every offset
 * (tests/harness.c), and its accepted commands pass the number oracle there.
 */
#include "harness.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(x) x, sizeof(x) - 1

/* Which typed value a row checks (its text in the row's value). */
enum field {
    F_NONE,
    F_SET_MAX,             /* the largest number of the command's sequence set */
    F_KNOWN_UIDS_MAX,      /* QRESYNC known-uids */
    F_KNOWN_SEQ_UIDS_MAX,  /* QRESYNC seq-match-data: its known-uid-set */
    F_PART_LAST,           /* the last section part of the first fetch-att */
    F_PARTIAL_OFFSET,
    F_PARTIAL_COUNT,
    F_CHANGEDSINCE,
    F_UNCHANGEDSINCE,
    F_SEARCH_MODSEQ,       /* the first search key's MODSEQ value */
    F_SEARCH_NUMBER,       /* the first search key's LARGER / SMALLER number */
    F_UIDVALIDITY,
    F_QRESYNC_MODSEQ,
    F_QUOTA_LIMIT,         /* the first SETQUOTA limit */
    F_MAXSIZE,             /* GETMETADATA MAXSIZE */
    F_EXT_VALUE,           /* the first other parameter's value, as sent */
    F_GENERIC,             /* the first generic argument, as sent */
    F_DATE,                /* the first search key's date: "day-month-year" */
    F_DATETIME,            /* the first APPEND message's date-time */
};

/* A row expects one accepted command (canon, and value for field), or one refused
 * command (at, reason: "ERR a SYNTAX @at reason"), or, when log is set, exactly that
 * log of the stream. */
struct ncase {
    const char *name;
    const char *in;
    size_t inlen;
    const char *canon;
    int at;
    const char *reason;
    const char *log;
    enum field field;
    const char *value;
};

#define OKV(name, in, canon, field, value) {name, S(in), canon, 0, NULL, NULL, field, value}
#define BAD(name, in, at, reason) {name, S(in), NULL, at, reason, NULL, F_NONE, NULL}
#define LOG(name, in, log, field, value) {name, S(in), NULL, 0, NULL, log, field, value}

static const struct ncase cases[] = {
    OKV("FETCH set max",
        "a FETCH 4294967295 FLAGS\r\n",
        "a FETCH 4294967295 FLAGS", F_SET_MAX, "4294967295"),
    BAD("FETCH set max+1 = 2^32",
        "a FETCH 4294967296 FLAGS\r\n", 8, "number out of range"),
    BAD("FETCH set 2^63",
        "a FETCH 9223372036854775808 FLAGS\r\n", 8, "number out of range"),
    BAD("FETCH set 2^64",
        "a FETCH 18446744073709551616 FLAGS\r\n", 8, "number out of range"),
    BAD("FETCH set 2^64+1",
        "a FETCH 18446744073709551617 FLAGS\r\n", 8, "number out of range"),
    BAD("FETCH set max with leading zeros",
        "a FETCH 0004294967295 FLAGS\r\n", 8, "message number 0 is not valid"),
    OKV("FETCH range end max",
        "a FETCH 1:4294967295 FLAGS\r\n",
        "a FETCH 1:4294967295 FLAGS", F_SET_MAX, "4294967295"),
    BAD("FETCH range end max+1 = 2^32",
        "a FETCH 1:4294967296 FLAGS\r\n", 10, "number out of range"),
    BAD("FETCH range end 2^63",
        "a FETCH 1:9223372036854775808 FLAGS\r\n", 10, "number out of range"),
    BAD("FETCH range end 2^64",
        "a FETCH 1:18446744073709551616 FLAGS\r\n", 10, "number out of range"),
    BAD("FETCH range end 2^64+1",
        "a FETCH 1:18446744073709551617 FLAGS\r\n", 10, "number out of range"),
    BAD("FETCH range end max with leading zeros",
        "a FETCH 1:0004294967295 FLAGS\r\n", 10, "message number 0 is not valid"),
    OKV("FETCH set after short numbers (SWAR path) max",
        "a FETCH 1,22,333,4444,4294967295,7 FLAGS\r\n",
        "a FETCH 1,22,333,4444,4294967295,7 FLAGS", F_SET_MAX, "4294967295"),
    BAD("FETCH set after short numbers (SWAR path) max+1 = 2^32",
        "a FETCH 1,22,333,4444,4294967296,7 FLAGS\r\n", 22, "number out of range"),
    BAD("FETCH set after short numbers (SWAR path) 2^63",
        "a FETCH 1,22,333,4444,9223372036854775808,7 FLAGS\r\n", 22, "number out of range"),
    BAD("FETCH set after short numbers (SWAR path) 2^64",
        "a FETCH 1,22,333,4444,18446744073709551616,7 FLAGS\r\n", 22, "number out of range"),
    BAD("FETCH set after short numbers (SWAR path) 2^64+1",
        "a FETCH 1,22,333,4444,18446744073709551617,7 FLAGS\r\n", 22, "number out of range"),
    BAD("FETCH set after short numbers (SWAR path) max with leading zeros",
        "a FETCH 1,22,333,4444,0004294967295,7 FLAGS\r\n", 22, "message number 0 is not valid"),
    OKV("UID FETCH set max",
        "a UID FETCH 4294967295:* UID\r\n",
        "a UID FETCH 4294967295:* UID", F_SET_MAX, "4294967295"),
    BAD("UID FETCH set max+1 = 2^32",
        "a UID FETCH 4294967296:* UID\r\n", 12, "number out of range"),
    BAD("UID FETCH set 2^63",
        "a UID FETCH 9223372036854775808:* UID\r\n", 12, "number out of range"),
    BAD("UID FETCH set 2^64",
        "a UID FETCH 18446744073709551616:* UID\r\n", 12, "number out of range"),
    BAD("UID FETCH set 2^64+1",
        "a UID FETCH 18446744073709551617:* UID\r\n", 12, "number out of range"),
    BAD("UID FETCH set max with leading zeros",
        "a UID FETCH 0004294967295:* UID\r\n", 12, "message number 0 is not valid"),
    OKV("STORE set max",
        "a STORE 4294967295 +FLAGS (\\Seen)\r\n",
        "a STORE 4294967295 +FLAGS (\\Seen)", F_SET_MAX, "4294967295"),
    BAD("STORE set max+1 = 2^32",
        "a STORE 4294967296 +FLAGS (\\Seen)\r\n", 8, "number out of range"),
    BAD("STORE set 2^63",
        "a STORE 9223372036854775808 +FLAGS (\\Seen)\r\n", 8, "number out of range"),
    BAD("STORE set 2^64",
        "a STORE 18446744073709551616 +FLAGS (\\Seen)\r\n", 8, "number out of range"),
    BAD("STORE set 2^64+1",
        "a STORE 18446744073709551617 +FLAGS (\\Seen)\r\n", 8, "number out of range"),
    BAD("STORE set max with leading zeros",
        "a STORE 0004294967295 +FLAGS (\\Seen)\r\n", 8, "message number 0 is not valid"),
    OKV("COPY set max",
        "a COPY 4294967295 INBOX\r\n",
        "a COPY 4294967295 INBOX", F_SET_MAX, "4294967295"),
    BAD("COPY set max+1 = 2^32",
        "a COPY 4294967296 INBOX\r\n", 7, "number out of range"),
    BAD("COPY set 2^63",
        "a COPY 9223372036854775808 INBOX\r\n", 7, "number out of range"),
    BAD("COPY set 2^64",
        "a COPY 18446744073709551616 INBOX\r\n", 7, "number out of range"),
    BAD("COPY set 2^64+1",
        "a COPY 18446744073709551617 INBOX\r\n", 7, "number out of range"),
    BAD("COPY set max with leading zeros",
        "a COPY 0004294967295 INBOX\r\n", 7, "message number 0 is not valid"),
    OKV("UID MOVE set max",
        "a UID MOVE 7,4294967295 INBOX\r\n",
        "a UID MOVE 7,4294967295 INBOX", F_SET_MAX, "4294967295"),
    BAD("UID MOVE set max+1 = 2^32",
        "a UID MOVE 7,4294967296 INBOX\r\n", 13, "number out of range"),
    BAD("UID MOVE set 2^63",
        "a UID MOVE 7,9223372036854775808 INBOX\r\n", 13, "number out of range"),
    BAD("UID MOVE set 2^64",
        "a UID MOVE 7,18446744073709551616 INBOX\r\n", 13, "number out of range"),
    BAD("UID MOVE set 2^64+1",
        "a UID MOVE 7,18446744073709551617 INBOX\r\n", 13, "number out of range"),
    BAD("UID MOVE set max with leading zeros",
        "a UID MOVE 7,0004294967295 INBOX\r\n", 13, "message number 0 is not valid"),
    OKV("UID EXPUNGE set at the end of the line max",
        "a UID EXPUNGE 1:4294967295\r\n",
        "a UID EXPUNGE 1:4294967295", F_SET_MAX, "4294967295"),
    BAD("UID EXPUNGE set at the end of the line max+1 = 2^32",
        "a UID EXPUNGE 1:4294967296\r\n", 16, "number out of range"),
    BAD("UID EXPUNGE set at the end of the line 2^63",
        "a UID EXPUNGE 1:9223372036854775808\r\n", 16, "number out of range"),
    BAD("UID EXPUNGE set at the end of the line 2^64",
        "a UID EXPUNGE 1:18446744073709551616\r\n", 16, "number out of range"),
    BAD("UID EXPUNGE set at the end of the line 2^64+1",
        "a UID EXPUNGE 1:18446744073709551617\r\n", 16, "number out of range"),
    BAD("UID EXPUNGE set at the end of the line max with leading zeros",
        "a UID EXPUNGE 1:0004294967295\r\n", 16, "message number 0 is not valid"),
    OKV("SEARCH set key max",
        "a SEARCH 4294967295\r\n",
        "a SEARCH 4294967295", F_SET_MAX, "4294967295"),
    BAD("SEARCH set key max+1 = 2^32",
        "a SEARCH 4294967296\r\n", 9, "number out of range"),
    BAD("SEARCH set key 2^63",
        "a SEARCH 9223372036854775808\r\n", 9, "number out of range"),
    BAD("SEARCH set key 2^64",
        "a SEARCH 18446744073709551616\r\n", 9, "number out of range"),
    BAD("SEARCH set key 2^64+1",
        "a SEARCH 18446744073709551617\r\n", 9, "number out of range"),
    BAD("SEARCH set key max with leading zeros",
        "a SEARCH 0004294967295\r\n", 9, "message number 0 is not valid"),
    OKV("SEARCH UID key max",
        "a UID SEARCH UID 5:4294967295 ALL\r\n",
        "a UID SEARCH UID 5:4294967295 ALL", F_SET_MAX, "4294967295"),
    BAD("SEARCH UID key max+1 = 2^32",
        "a UID SEARCH UID 5:4294967296 ALL\r\n", 19, "number out of range"),
    BAD("SEARCH UID key 2^63",
        "a UID SEARCH UID 5:9223372036854775808 ALL\r\n", 19, "number out of range"),
    BAD("SEARCH UID key 2^64",
        "a UID SEARCH UID 5:18446744073709551616 ALL\r\n", 19, "number out of range"),
    BAD("SEARCH UID key 2^64+1",
        "a UID SEARCH UID 5:18446744073709551617 ALL\r\n", 19, "number out of range"),
    BAD("SEARCH UID key max with leading zeros",
        "a UID SEARCH UID 5:0004294967295 ALL\r\n", 19, "message number 0 is not valid"),
    OKV("QRESYNC known-uids max",
        "a SELECT INBOX (QRESYNC (1 1 4294967295))\r\n",
        "a SELECT INBOX (QRESYNC (1 1 4294967295))", F_KNOWN_UIDS_MAX, "4294967295"),
    BAD("QRESYNC known-uids max+1 = 2^32",
        "a SELECT INBOX (QRESYNC (1 1 4294967296))\r\n", 29, "number out of range"),
    BAD("QRESYNC known-uids 2^63",
        "a SELECT INBOX (QRESYNC (1 1 9223372036854775808))\r\n", 29, "number out of range"),
    BAD("QRESYNC known-uids 2^64",
        "a SELECT INBOX (QRESYNC (1 1 18446744073709551616))\r\n", 29, "number out of range"),
    BAD("QRESYNC known-uids 2^64+1",
        "a SELECT INBOX (QRESYNC (1 1 18446744073709551617))\r\n", 29, "number out of range"),
    BAD("QRESYNC known-uids max with leading zeros",
        "a SELECT INBOX (QRESYNC (1 1 0004294967295))\r\n", 29, "message number 0 is not valid"),
    OKV("QRESYNC seq-match-data max",
        "a SELECT INBOX (QRESYNC (1 1 1:9 (1 4294967295)))\r\n",
        "a SELECT INBOX (QRESYNC (1 1 1:9 (1 4294967295)))", F_KNOWN_SEQ_UIDS_MAX, "4294967295"),
    BAD("QRESYNC seq-match-data max+1 = 2^32",
        "a SELECT INBOX (QRESYNC (1 1 1:9 (1 4294967296)))\r\n", 36, "number out of range"),
    BAD("QRESYNC seq-match-data 2^63",
        "a SELECT INBOX (QRESYNC (1 1 1:9 (1 9223372036854775808)))\r\n", 36,
        "number out of range"),
    BAD("QRESYNC seq-match-data 2^64",
        "a SELECT INBOX (QRESYNC (1 1 1:9 (1 18446744073709551616)))\r\n", 36,
        "number out of range"),
    BAD("QRESYNC seq-match-data 2^64+1",
        "a SELECT INBOX (QRESYNC (1 1 1:9 (1 18446744073709551617)))\r\n", 36,
        "number out of range"),
    BAD("QRESYNC seq-match-data max with leading zeros",
        "a SELECT INBOX (QRESYNC (1 1 1:9 (1 0004294967295)))\r\n", 36,
        "message number 0 is not valid"),
    OKV("BODY section part max",
        "a FETCH 1 BODY[4294967295]\r\n",
        "a FETCH 1 BODY[4294967295]", F_PART_LAST, "4294967295"),
    BAD("BODY section part max+1 = 2^32",
        "a FETCH 1 BODY[4294967296]\r\n", 15, "number out of range"),
    BAD("BODY section part 2^63",
        "a FETCH 1 BODY[9223372036854775808]\r\n", 15, "number out of range"),
    BAD("BODY section part 2^64",
        "a FETCH 1 BODY[18446744073709551616]\r\n", 15, "number out of range"),
    BAD("BODY section part 2^64+1",
        "a FETCH 1 BODY[18446744073709551617]\r\n", 15, "number out of range"),
    BAD("BODY section part max with leading zeros",
        "a FETCH 1 BODY[0004294967295]\r\n", 15, "section part must not be 0"),
    OKV("BINARY.PEEK second section part max",
        "a FETCH 1 BINARY.PEEK[1.4294967295]\r\n",
        "a FETCH 1 BINARY.PEEK[1.4294967295]", F_PART_LAST, "4294967295"),
    BAD("BINARY.PEEK second section part max+1 = 2^32",
        "a FETCH 1 BINARY.PEEK[1.4294967296]\r\n", 24, "number out of range"),
    BAD("BINARY.PEEK second section part 2^63",
        "a FETCH 1 BINARY.PEEK[1.9223372036854775808]\r\n", 24, "number out of range"),
    BAD("BINARY.PEEK second section part 2^64",
        "a FETCH 1 BINARY.PEEK[1.18446744073709551616]\r\n", 24, "number out of range"),
    BAD("BINARY.PEEK second section part 2^64+1",
        "a FETCH 1 BINARY.PEEK[1.18446744073709551617]\r\n", 24, "number out of range"),
    BAD("BINARY.PEEK second section part max with leading zeros",
        "a FETCH 1 BINARY.PEEK[1.0004294967295]\r\n", 24, "section part must not be 0"),
    OKV("partial offset max",
        "a FETCH 1 BODY[]<9223372036854775807.1>\r\n",
        "a FETCH 1 BODY[]<9223372036854775807.1>", F_PARTIAL_OFFSET, "9223372036854775807"),
    OKV("partial offset 2^32",
        "a FETCH 1 BODY[]<4294967296.1>\r\n",
        "a FETCH 1 BODY[]<4294967296.1>", F_PARTIAL_OFFSET, "4294967296"),
    BAD("partial offset max+1 = 2^63",
        "a FETCH 1 BODY[]<9223372036854775808.1>\r\n", 17, "number out of range"),
    BAD("partial offset 2^64",
        "a FETCH 1 BODY[]<18446744073709551616.1>\r\n", 17, "number out of range"),
    BAD("partial offset 2^64+1",
        "a FETCH 1 BODY[]<18446744073709551617.1>\r\n", 17, "number out of range"),
    OKV("partial offset max with leading zeros",
        "a FETCH 1 BODY[]<0009223372036854775807.1>\r\n",
        "a FETCH 1 BODY[]<9223372036854775807.1>", F_PARTIAL_OFFSET, "9223372036854775807"),
    OKV("partial offset 1 after 30 zeros",
        "a FETCH 1 BODY[]<0000000000000000000000000000001.1>\r\n",
        "a FETCH 1 BODY[]<1.1>", F_PARTIAL_OFFSET, "1"),
    OKV("partial count max",
        "a FETCH 1 BODY.PEEK[TEXT]<0.9223372036854775807>\r\n",
        "a FETCH 1 BODY.PEEK[TEXT]<0.9223372036854775807>", F_PARTIAL_COUNT, "9223372036854775807"),
    OKV("partial count 2^32",
        "a FETCH 1 BODY.PEEK[TEXT]<0.4294967296>\r\n",
        "a FETCH 1 BODY.PEEK[TEXT]<0.4294967296>", F_PARTIAL_COUNT, "4294967296"),
    BAD("partial count max+1 = 2^63",
        "a FETCH 1 BODY.PEEK[TEXT]<0.9223372036854775808>\r\n", 28, "number out of range"),
    BAD("partial count 2^64",
        "a FETCH 1 BODY.PEEK[TEXT]<0.18446744073709551616>\r\n", 28, "number out of range"),
    BAD("partial count 2^64+1",
        "a FETCH 1 BODY.PEEK[TEXT]<0.18446744073709551617>\r\n", 28, "number out of range"),
    BAD("partial count max with leading zeros",
        "a FETCH 1 BODY.PEEK[TEXT]<0.0009223372036854775807>\r\n", 28,
        "partial length must not be 0"),
    OKV("CHANGEDSINCE max",
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 9223372036854775807)\r\n",
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 9223372036854775807)",
        F_CHANGEDSINCE, "9223372036854775807"),
    OKV("CHANGEDSINCE 2^32",
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 4294967296)\r\n",
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 4294967296)", F_CHANGEDSINCE, "4294967296"),
    BAD("CHANGEDSINCE max+1 = 2^63",
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 9223372036854775808)\r\n", 38,
        "number out of range"),
    BAD("CHANGEDSINCE 2^64",
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 18446744073709551616)\r\n", 38,
        "number out of range"),
    BAD("CHANGEDSINCE 2^64+1",
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 18446744073709551617)\r\n", 38,
        "number out of range"),
    BAD("CHANGEDSINCE 2^65 (issue 9)",
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 36893488147419103232)\r\n", 38,
        "number out of range"),
    OKV("CHANGEDSINCE max with leading zeros",
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 0009223372036854775807)\r\n",
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 9223372036854775807)",
        F_CHANGEDSINCE, "9223372036854775807"),
    OKV("CHANGEDSINCE 1 after 30 zeros",
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 0000000000000000000000000000001)\r\n",
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1)", F_CHANGEDSINCE, "1"),
    OKV("UNCHANGEDSINCE max",
        "a STORE 1 (UNCHANGEDSINCE 9223372036854775807) FLAGS ()\r\n",
        "a STORE 1 (UNCHANGEDSINCE 9223372036854775807) FLAGS ()",
        F_UNCHANGEDSINCE, "9223372036854775807"),
    OKV("UNCHANGEDSINCE 2^32",
        "a STORE 1 (UNCHANGEDSINCE 4294967296) FLAGS ()\r\n",
        "a STORE 1 (UNCHANGEDSINCE 4294967296) FLAGS ()", F_UNCHANGEDSINCE, "4294967296"),
    BAD("UNCHANGEDSINCE max+1 = 2^63",
        "a STORE 1 (UNCHANGEDSINCE 9223372036854775808) FLAGS ()\r\n", 26, "number out of range"),
    BAD("UNCHANGEDSINCE 2^64",
        "a STORE 1 (UNCHANGEDSINCE 18446744073709551616) FLAGS ()\r\n", 26, "number out of range"),
    BAD("UNCHANGEDSINCE 2^64+1",
        "a STORE 1 (UNCHANGEDSINCE 18446744073709551617) FLAGS ()\r\n", 26, "number out of range"),
    BAD("UNCHANGEDSINCE 2^65 (issue 9)",
        "a STORE 1 (UNCHANGEDSINCE 36893488147419103232) FLAGS ()\r\n", 26, "number out of range"),
    OKV("UNCHANGEDSINCE max with leading zeros",
        "a STORE 1 (UNCHANGEDSINCE 0009223372036854775807) FLAGS ()\r\n",
        "a STORE 1 (UNCHANGEDSINCE 9223372036854775807) FLAGS ()",
        F_UNCHANGEDSINCE, "9223372036854775807"),
    OKV("UNCHANGEDSINCE 1 after 30 zeros",
        "a STORE 1 (UNCHANGEDSINCE 0000000000000000000000000000001) FLAGS ()\r\n",
        "a STORE 1 (UNCHANGEDSINCE 1) FLAGS ()", F_UNCHANGEDSINCE, "1"),
    OKV("SEARCH MODSEQ max",
        "a SEARCH MODSEQ 9223372036854775807\r\n",
        "a SEARCH MODSEQ 9223372036854775807", F_SEARCH_MODSEQ, "9223372036854775807"),
    OKV("SEARCH MODSEQ 2^32",
        "a SEARCH MODSEQ 4294967296\r\n",
        "a SEARCH MODSEQ 4294967296", F_SEARCH_MODSEQ, "4294967296"),
    BAD("SEARCH MODSEQ max+1 = 2^63",
        "a SEARCH MODSEQ 9223372036854775808\r\n", 16, "number out of range"),
    BAD("SEARCH MODSEQ 2^64",
        "a SEARCH MODSEQ 18446744073709551616\r\n", 16, "number out of range"),
    BAD("SEARCH MODSEQ 2^64+1",
        "a SEARCH MODSEQ 18446744073709551617\r\n", 16, "number out of range"),
    OKV("SEARCH MODSEQ max with leading zeros",
        "a SEARCH MODSEQ 0009223372036854775807\r\n",
        "a SEARCH MODSEQ 9223372036854775807", F_SEARCH_MODSEQ, "9223372036854775807"),
    OKV("SEARCH MODSEQ 1 after 30 zeros",
        "a SEARCH MODSEQ 0000000000000000000000000000001\r\n",
        "a SEARCH MODSEQ 1", F_SEARCH_MODSEQ, "1"),
    OKV("SEARCH MODSEQ with entry max",
        "a SEARCH MODSEQ \"/flags/\\\\Seen\" all 9223372036854775807\r\n",
        "a SEARCH MODSEQ \"/flags/\\\\Seen\" ALL 9223372036854775807",
        F_SEARCH_MODSEQ, "9223372036854775807"),
    OKV("SEARCH MODSEQ with entry 2^32",
        "a SEARCH MODSEQ \"/flags/\\\\Seen\" all 4294967296\r\n",
        "a SEARCH MODSEQ \"/flags/\\\\Seen\" ALL 4294967296", F_SEARCH_MODSEQ, "4294967296"),
    BAD("SEARCH MODSEQ with entry max+1 = 2^63",
        "a SEARCH MODSEQ \"/flags/\\\\Seen\" all 9223372036854775808\r\n", 36,
        "number out of range"),
    BAD("SEARCH MODSEQ with entry 2^64",
        "a SEARCH MODSEQ \"/flags/\\\\Seen\" all 18446744073709551616\r\n", 36,
        "number out of range"),
    BAD("SEARCH MODSEQ with entry 2^64+1",
        "a SEARCH MODSEQ \"/flags/\\\\Seen\" all 18446744073709551617\r\n", 36,
        "number out of range"),
    OKV("SEARCH MODSEQ with entry max with leading zeros",
        "a SEARCH MODSEQ \"/flags/\\\\Seen\" all 0009223372036854775807\r\n",
        "a SEARCH MODSEQ \"/flags/\\\\Seen\" ALL 9223372036854775807",
        F_SEARCH_MODSEQ, "9223372036854775807"),
    OKV("SEARCH MODSEQ with entry 1 after 30 zeros",
        "a SEARCH MODSEQ \"/flags/\\\\Seen\" all 0000000000000000000000000000001\r\n",
        "a SEARCH MODSEQ \"/flags/\\\\Seen\" ALL 1", F_SEARCH_MODSEQ, "1"),
    OKV("QRESYNC uidvalidity max",
        "a SELECT INBOX (QRESYNC (4294967295 1))\r\n",
        "a SELECT INBOX (QRESYNC (4294967295 1))", F_UIDVALIDITY, "4294967295"),
    BAD("QRESYNC uidvalidity max+1 = 2^32",
        "a SELECT INBOX (QRESYNC (4294967296 1))\r\n", 25, "number out of range"),
    BAD("QRESYNC uidvalidity 2^63",
        "a SELECT INBOX (QRESYNC (9223372036854775808 1))\r\n", 25, "number out of range"),
    BAD("QRESYNC uidvalidity 2^64",
        "a SELECT INBOX (QRESYNC (18446744073709551616 1))\r\n", 25, "number out of range"),
    BAD("QRESYNC uidvalidity 2^64+1",
        "a SELECT INBOX (QRESYNC (18446744073709551617 1))\r\n", 25, "number out of range"),
    BAD("QRESYNC uidvalidity max with leading zeros",
        "a SELECT INBOX (QRESYNC (0004294967295 1))\r\n", 25, "number must not be 0"),
    OKV("QRESYNC mod-sequence max",
        "a EXAMINE INBOX (QRESYNC (1 9223372036854775807))\r\n",
        "a EXAMINE INBOX (QRESYNC (1 9223372036854775807))",
        F_QRESYNC_MODSEQ, "9223372036854775807"),
    OKV("QRESYNC mod-sequence 2^32",
        "a EXAMINE INBOX (QRESYNC (1 4294967296))\r\n",
        "a EXAMINE INBOX (QRESYNC (1 4294967296))", F_QRESYNC_MODSEQ, "4294967296"),
    BAD("QRESYNC mod-sequence max+1 = 2^63",
        "a EXAMINE INBOX (QRESYNC (1 9223372036854775808))\r\n", 28, "number out of range"),
    BAD("QRESYNC mod-sequence 2^64",
        "a EXAMINE INBOX (QRESYNC (1 18446744073709551616))\r\n", 28, "number out of range"),
    BAD("QRESYNC mod-sequence 2^64+1",
        "a EXAMINE INBOX (QRESYNC (1 18446744073709551617))\r\n", 28, "number out of range"),
    OKV("QRESYNC mod-sequence max with leading zeros",
        "a EXAMINE INBOX (QRESYNC (1 0009223372036854775807))\r\n",
        "a EXAMINE INBOX (QRESYNC (1 9223372036854775807))",
        F_QRESYNC_MODSEQ, "9223372036854775807"),
    OKV("QRESYNC mod-sequence 1 after 30 zeros",
        "a EXAMINE INBOX (QRESYNC (1 0000000000000000000000000000001))\r\n",
        "a EXAMINE INBOX (QRESYNC (1 1))", F_QRESYNC_MODSEQ, "1"),
    OKV("SEARCH LARGER max",
        "a SEARCH LARGER 9223372036854775807\r\n",
        "a SEARCH LARGER 9223372036854775807", F_SEARCH_NUMBER, "9223372036854775807"),
    OKV("SEARCH LARGER 2^32",
        "a SEARCH LARGER 4294967296\r\n",
        "a SEARCH LARGER 4294967296", F_SEARCH_NUMBER, "4294967296"),
    BAD("SEARCH LARGER max+1 = 2^63",
        "a SEARCH LARGER 9223372036854775808\r\n", 16, "number out of range"),
    BAD("SEARCH LARGER 2^64",
        "a SEARCH LARGER 18446744073709551616\r\n", 16, "number out of range"),
    BAD("SEARCH LARGER 2^64+1",
        "a SEARCH LARGER 18446744073709551617\r\n", 16, "number out of range"),
    OKV("SEARCH LARGER max with leading zeros",
        "a SEARCH LARGER 0009223372036854775807\r\n",
        "a SEARCH LARGER 9223372036854775807", F_SEARCH_NUMBER, "9223372036854775807"),
    OKV("SEARCH LARGER 1 after 30 zeros",
        "a SEARCH LARGER 0000000000000000000000000000001\r\n",
        "a SEARCH LARGER 1", F_SEARCH_NUMBER, "1"),
    OKV("SEARCH SMALLER max",
        "a UID SEARCH SMALLER 9223372036854775807\r\n",
        "a UID SEARCH SMALLER 9223372036854775807", F_SEARCH_NUMBER, "9223372036854775807"),
    OKV("SEARCH SMALLER 2^32",
        "a UID SEARCH SMALLER 4294967296\r\n",
        "a UID SEARCH SMALLER 4294967296", F_SEARCH_NUMBER, "4294967296"),
    BAD("SEARCH SMALLER max+1 = 2^63",
        "a UID SEARCH SMALLER 9223372036854775808\r\n", 21, "number out of range"),
    BAD("SEARCH SMALLER 2^64",
        "a UID SEARCH SMALLER 18446744073709551616\r\n", 21, "number out of range"),
    BAD("SEARCH SMALLER 2^64+1",
        "a UID SEARCH SMALLER 18446744073709551617\r\n", 21, "number out of range"),
    OKV("SEARCH SMALLER max with leading zeros",
        "a UID SEARCH SMALLER 0009223372036854775807\r\n",
        "a UID SEARCH SMALLER 9223372036854775807", F_SEARCH_NUMBER, "9223372036854775807"),
    OKV("SEARCH SMALLER 1 after 30 zeros",
        "a UID SEARCH SMALLER 0000000000000000000000000000001\r\n",
        "a UID SEARCH SMALLER 1", F_SEARCH_NUMBER, "1"),
    OKV("SETQUOTA limit max",
        "a SETQUOTA \"\" (STORAGE 9223372036854775807)\r\n",
        "a SETQUOTA \"\" (STORAGE 9223372036854775807)", F_QUOTA_LIMIT, "9223372036854775807"),
    OKV("SETQUOTA limit 2^32",
        "a SETQUOTA \"\" (STORAGE 4294967296)\r\n",
        "a SETQUOTA \"\" (STORAGE 4294967296)", F_QUOTA_LIMIT, "4294967296"),
    BAD("SETQUOTA limit max+1 = 2^63",
        "a SETQUOTA \"\" (STORAGE 9223372036854775808)\r\n", 23, "number out of range"),
    BAD("SETQUOTA limit 2^64",
        "a SETQUOTA \"\" (STORAGE 18446744073709551616)\r\n", 23, "number out of range"),
    BAD("SETQUOTA limit 2^64+1",
        "a SETQUOTA \"\" (STORAGE 18446744073709551617)\r\n", 23, "number out of range"),
    OKV("SETQUOTA limit max with leading zeros",
        "a SETQUOTA \"\" (STORAGE 0009223372036854775807)\r\n",
        "a SETQUOTA \"\" (STORAGE 9223372036854775807)", F_QUOTA_LIMIT, "9223372036854775807"),
    OKV("SETQUOTA limit 1 after 30 zeros",
        "a SETQUOTA \"\" (STORAGE 0000000000000000000000000000001)\r\n",
        "a SETQUOTA \"\" (STORAGE 1)", F_QUOTA_LIMIT, "1"),
    OKV("GETMETADATA MAXSIZE max",
        "a GETMETADATA (MAXSIZE 4294967295) INBOX /shared/comment\r\n",
        "a GETMETADATA (MAXSIZE 4294967295) INBOX /shared/comment", F_MAXSIZE, "4294967295"),
    BAD("GETMETADATA MAXSIZE max+1 = 2^32",
        "a GETMETADATA (MAXSIZE 4294967296) INBOX /shared/comment\r\n", 23, "number out of range"),
    BAD("GETMETADATA MAXSIZE 2^63",
        "a GETMETADATA (MAXSIZE 9223372036854775808) INBOX /shared/comment\r\n", 23,
        "number out of range"),
    BAD("GETMETADATA MAXSIZE 2^64",
        "a GETMETADATA (MAXSIZE 18446744073709551616) INBOX /shared/comment\r\n", 23,
        "number out of range"),
    BAD("GETMETADATA MAXSIZE 2^64+1",
        "a GETMETADATA (MAXSIZE 18446744073709551617) INBOX /shared/comment\r\n", 23,
        "number out of range"),
    OKV("GETMETADATA MAXSIZE max with leading zeros",
        "a GETMETADATA (MAXSIZE 0004294967295) INBOX /shared/comment\r\n",
        "a GETMETADATA (MAXSIZE 4294967295) INBOX /shared/comment", F_MAXSIZE, "4294967295"),
    OKV("GETMETADATA MAXSIZE 1 after 30 zeros",
        "a GETMETADATA (MAXSIZE 0000000000000000000000000000001) INBOX /shared/comment\r\n",
        "a GETMETADATA (MAXSIZE 1) INBOX /shared/comment", F_MAXSIZE, "1"),
    OKV("SELECT parameter value max",
        "a SELECT INBOX (X-P 9223372036854775807)\r\n",
        "a SELECT INBOX (X-P 9223372036854775807)", F_EXT_VALUE, "9223372036854775807"),
    OKV("SELECT parameter value 2^32",
        "a SELECT INBOX (X-P 4294967296)\r\n",
        "a SELECT INBOX (X-P 4294967296)", F_EXT_VALUE, "4294967296"),
    BAD("SELECT parameter value max+1 = 2^63",
        "a SELECT INBOX (X-P 9223372036854775808)\r\n", 20, "number out of range"),
    BAD("SELECT parameter value 2^64",
        "a SELECT INBOX (X-P 18446744073709551616)\r\n", 20, "number out of range"),
    BAD("SELECT parameter value 2^64+1",
        "a SELECT INBOX (X-P 18446744073709551617)\r\n", 20, "number out of range"),
    OKV("SELECT parameter value max with leading zeros",
        "a SELECT INBOX (X-P 0009223372036854775807)\r\n",
        "a SELECT INBOX (X-P 0009223372036854775807)", F_EXT_VALUE, "0009223372036854775807"),
    OKV("SELECT parameter value 1 after 30 zeros",
        "a SELECT INBOX (X-P 0000000000000000000000000000001)\r\n",
        "a SELECT INBOX (X-P 0000000000000000000000000000001)",
        F_EXT_VALUE, "0000000000000000000000000000001"),
    OKV("FETCH modifier value max",
        "a FETCH 1 FLAGS (X-M 9223372036854775807)\r\n",
        "a FETCH 1 FLAGS (X-M 9223372036854775807)", F_EXT_VALUE, "9223372036854775807"),
    OKV("FETCH modifier value 2^32",
        "a FETCH 1 FLAGS (X-M 4294967296)\r\n",
        "a FETCH 1 FLAGS (X-M 4294967296)", F_EXT_VALUE, "4294967296"),
    BAD("FETCH modifier value max+1 = 2^63",
        "a FETCH 1 FLAGS (X-M 9223372036854775808)\r\n", 21, "number out of range"),
    BAD("FETCH modifier value 2^64",
        "a FETCH 1 FLAGS (X-M 18446744073709551616)\r\n", 21, "number out of range"),
    BAD("FETCH modifier value 2^64+1",
        "a FETCH 1 FLAGS (X-M 18446744073709551617)\r\n", 21, "number out of range"),
    OKV("FETCH modifier value max with leading zeros",
        "a FETCH 1 FLAGS (X-M 0009223372036854775807)\r\n",
        "a FETCH 1 FLAGS (X-M 0009223372036854775807)", F_EXT_VALUE, "0009223372036854775807"),
    OKV("FETCH modifier value 1 after 30 zeros",
        "a FETCH 1 FLAGS (X-M 0000000000000000000000000000001)\r\n",
        "a FETCH 1 FLAGS (X-M 0000000000000000000000000000001)",
        F_EXT_VALUE, "0000000000000000000000000000001"),
    OKV("STORE modifier value max",
        "a STORE 1 (X-M 9223372036854775807) FLAGS ()\r\n",
        "a STORE 1 (X-M 9223372036854775807) FLAGS ()", F_EXT_VALUE, "9223372036854775807"),
    OKV("STORE modifier value 2^32",
        "a STORE 1 (X-M 4294967296) FLAGS ()\r\n",
        "a STORE 1 (X-M 4294967296) FLAGS ()", F_EXT_VALUE, "4294967296"),
    BAD("STORE modifier value max+1 = 2^63",
        "a STORE 1 (X-M 9223372036854775808) FLAGS ()\r\n", 15, "number out of range"),
    BAD("STORE modifier value 2^64",
        "a STORE 1 (X-M 18446744073709551616) FLAGS ()\r\n", 15, "number out of range"),
    BAD("STORE modifier value 2^64+1",
        "a STORE 1 (X-M 18446744073709551617) FLAGS ()\r\n", 15, "number out of range"),
    OKV("STORE modifier value max with leading zeros",
        "a STORE 1 (X-M 0009223372036854775807) FLAGS ()\r\n",
        "a STORE 1 (X-M 0009223372036854775807) FLAGS ()", F_EXT_VALUE, "0009223372036854775807"),
    OKV("STORE modifier value 1 after 30 zeros",
        "a STORE 1 (X-M 0000000000000000000000000000001) FLAGS ()\r\n",
        "a STORE 1 (X-M 0000000000000000000000000000001) FLAGS ()",
        F_EXT_VALUE, "0000000000000000000000000000001"),
    OKV("SEARCH return option value max",
        "a SEARCH RETURN (X-R 9223372036854775807) ALL\r\n",
        "a SEARCH RETURN (X-R 9223372036854775807) ALL", F_EXT_VALUE, "9223372036854775807"),
    OKV("SEARCH return option value 2^32",
        "a SEARCH RETURN (X-R 4294967296) ALL\r\n",
        "a SEARCH RETURN (X-R 4294967296) ALL", F_EXT_VALUE, "4294967296"),
    BAD("SEARCH return option value max+1 = 2^63",
        "a SEARCH RETURN (X-R 9223372036854775808) ALL\r\n", 21, "number out of range"),
    BAD("SEARCH return option value 2^64",
        "a SEARCH RETURN (X-R 18446744073709551616) ALL\r\n", 21, "number out of range"),
    BAD("SEARCH return option value 2^64+1",
        "a SEARCH RETURN (X-R 18446744073709551617) ALL\r\n", 21, "number out of range"),
    OKV("SEARCH return option value max with leading zeros",
        "a SEARCH RETURN (X-R 0009223372036854775807) ALL\r\n",
        "a SEARCH RETURN (X-R 0009223372036854775807) ALL", F_EXT_VALUE, "0009223372036854775807"),
    OKV("SEARCH return option value 1 after 30 zeros",
        "a SEARCH RETURN (X-R 0000000000000000000000000000001) ALL\r\n",
        "a SEARCH RETURN (X-R 0000000000000000000000000000001) ALL",
        F_EXT_VALUE, "0000000000000000000000000000001"),
    OKV("CREATE parameter value max",
        "a CREATE x (X-C 9223372036854775807)\r\n",
        "a CREATE x (X-C 9223372036854775807)", F_EXT_VALUE, "9223372036854775807"),
    OKV("CREATE parameter value 2^32",
        "a CREATE x (X-C 4294967296)\r\n",
        "a CREATE x (X-C 4294967296)", F_EXT_VALUE, "4294967296"),
    BAD("CREATE parameter value max+1 = 2^63",
        "a CREATE x (X-C 9223372036854775808)\r\n", 16, "number out of range"),
    BAD("CREATE parameter value 2^64",
        "a CREATE x (X-C 18446744073709551616)\r\n", 16, "number out of range"),
    BAD("CREATE parameter value 2^64+1",
        "a CREATE x (X-C 18446744073709551617)\r\n", 16, "number out of range"),
    OKV("CREATE parameter value max with leading zeros",
        "a CREATE x (X-C 0009223372036854775807)\r\n",
        "a CREATE x (X-C 0009223372036854775807)", F_EXT_VALUE, "0009223372036854775807"),
    OKV("CREATE parameter value 1 after 30 zeros",
        "a CREATE x (X-C 0000000000000000000000000000001)\r\n",
        "a CREATE x (X-C 0000000000000000000000000000001)",
        F_EXT_VALUE, "0000000000000000000000000000001"),
    OKV("SELECT parameter sequence set max",
        "a SELECT INBOX (X-P 1:4294967295)\r\n",
        "a SELECT INBOX (X-P 1:4294967295)", F_EXT_VALUE, "1:4294967295"),
    BAD("SELECT parameter sequence set max+1 = 2^32",
        "a SELECT INBOX (X-P 1:4294967296)\r\n", 22, "number out of range"),
    BAD("SELECT parameter sequence set 2^63",
        "a SELECT INBOX (X-P 1:9223372036854775808)\r\n", 22, "number out of range"),
    BAD("SELECT parameter sequence set 2^64",
        "a SELECT INBOX (X-P 1:18446744073709551616)\r\n", 22, "number out of range"),
    BAD("SELECT parameter sequence set 2^64+1",
        "a SELECT INBOX (X-P 1:18446744073709551617)\r\n", 22, "number out of range"),
    BAD("SELECT parameter sequence set max with leading zeros",
        "a SELECT INBOX (X-P 1:0004294967295)\r\n", 22, "message number 0 is not valid"),

    /* ---- the same fields in the other commands that carry them ---- */
    OKV("ESEARCH LARGER max",
        "a ESEARCH LARGER 9223372036854775807\r\n",
        "a ESEARCH LARGER 9223372036854775807",
        F_SEARCH_NUMBER, "9223372036854775807"),
    BAD("ESEARCH MODSEQ max+1 = 2^63",
        "a ESEARCH IN (MAILBOXES INBOX) MODSEQ 9223372036854775808\r\n", 38,
        "number out of range"),
    OKV("SORT SMALLER max",
        "a SORT (DATE) UTF-8 SMALLER 9223372036854775807\r\n",
        "a SORT (DATE) UTF-8 SMALLER 9223372036854775807",
        F_SEARCH_NUMBER, "9223372036854775807"),
    BAD("UID SORT SMALLER 2^64",
        "a UID SORT (ARRIVAL) US-ASCII SMALLER 18446744073709551616\r\n", 38,
        "number out of range"),
    OKV("UID THREAD UID max",
        "a UID THREAD REFERENCES UTF-8 UID 1:4294967295\r\n",
        "a UID THREAD REFERENCES UTF-8 UID 1:4294967295",
        F_SET_MAX, "4294967295"),
    BAD("THREAD set 2^32",
        "a THREAD ORDEREDSUBJECT UTF-8 4294967296\r\n", 30,
        "number out of range"),
    OKV("UID STORE UNCHANGEDSINCE max",
        "a UID STORE 1:* (UNCHANGEDSINCE 9223372036854775807) -FLAGS.SILENT (\\Seen)\r\n",
        "a UID STORE 1:* (UNCHANGEDSINCE 9223372036854775807) -FLAGS.SILENT (\\Seen)",
        F_UNCHANGEDSINCE, "9223372036854775807"),
    BAD("UID STORE UNCHANGEDSINCE 2^64+1",
        "a UID STORE 1:* (UNCHANGEDSINCE 18446744073709551617) -FLAGS.SILENT (\\Seen)\r\n", 32,
        "number out of range"),

    /* ---- tagged-ext-val and generic arguments (number / number64 atoms) ---- */
    /* An unknown command's arguments carry no number of the grammar: kept as atoms. */
    OKV("generic argument 2^64+1 stays an atom", "a XCMD 18446744073709551617 (4294967296)\r\n",
        "a XCMD 18446744073709551617 (4294967296)", F_GENERIC, "18446744073709551617"),

    /* ---- date (RFC 9051 §9: date-day 1*2DIGIT, date-year 4DIGIT) ---- */
    OKV("SEARCH date day max (31 in January)", "a SEARCH SINCE 31-Jan-2024\r\n",
        "a SEARCH SINCE 31-Jan-2024", F_DATE, "31-1-2024"),
    BAD("SEARCH date day max+1", "a SEARCH SINCE 32-Jan-2024\r\n", 15, "invalid day of month"),
    BAD("SEARCH date day 0", "a SEARCH SINCE 0-Jan-2024\r\n", 15, "invalid day of month"),
    OKV("SEARCH date day with a leading zero", "a SEARCH SINCE 01-Jan-2024\r\n",
        "a SEARCH SINCE 1-Jan-2024", F_DATE, "1-1-2024"),
    BAD("SEARCH date day with three digits", "a SEARCH SINCE 001-Jan-2024\r\n", 15,
        "invalid date"),
    BAD("SEARCH date day 2^32+1", "a SEARCH SINCE 4294967297-Jan-2024\r\n", 15, "invalid date"),
    BAD("SEARCH date day 2^64+1", "a SEARCH SINCE 18446744073709551617-Jan-2024\r\n", 15,
        "invalid date"),
    OKV("SEARCH date year max", "a SEARCH SENTON \"9-Dec-9999\"\r\n",
        "a SEARCH SENTON 9-Dec-9999", F_DATE, "9-12-9999"),
    OKV("SEARCH date year 0000", "a SEARCH BEFORE 1-Jan-0000\r\n", "a SEARCH BEFORE 1-Jan-0000",
        F_DATE, "1-1-0"),
    BAD("SEARCH date year max+1", "a SEARCH SINCE 1-Jan-10000\r\n", 15, "invalid date"),
    BAD("SEARCH date year 2^64+1", "a SEARCH SINCE 1-Jan-18446744073709551617\r\n", 15,
        "invalid date"),

    /* ---- date-time (APPEND): day, hour 0-23, minute 0-59, second 0-60, zone ±2359 ---- */
    LOG("APPEND date-time at every maximum",
        "a APPEND INBOX \"31-Dec-9999 23:59:60 +2359\" {1}\r\nx\r\n",
        "LIT a 1 msg @44\nDATA 1\n"
        "OK a APPEND INBOX \"31-Dec-9999 23:59:60 +2359\" {1}\\r\\nx @0+52\nEND idle\n",
        F_DATETIME, "31-12-9999 23:59:60 1439"),
    LOG("APPEND date-time at every minimum",
        "a APPEND INBOX \" 1-Jan-0000 00:00:00 -2359\" {1}\r\nx\r\n",
        "LIT a 1 msg @44\nDATA 1\n"
        "OK a APPEND INBOX \"01-Jan-0000 00:00:00 -2359\" {1}\\r\\nx @0+52\nEND idle\n",
        F_DATETIME, "1-1-0 0:0:0 -1439"),
    BAD("APPEND date-time day max+1", "a APPEND INBOX \"32-Jan-2024 00:00:00 +0000\" {1}\r\n", 16,
        "invalid day of month"),
    BAD("APPEND date-time hour max+1", "a APPEND INBOX \"01-Jan-2024 24:00:00 +0000\" {1}\r\n", 28,
        "invalid time of day"),
    BAD("APPEND date-time minute max+1", "a APPEND INBOX \"01-Jan-2024 23:60:00 +0000\" {1}\r\n",
        28, "invalid time of day"),
    BAD("APPEND date-time second max+1", "a APPEND INBOX \"01-Jan-2024 23:59:61 +0000\" {1}\r\n",
        28, "invalid time of day"),
    BAD("APPEND date-time zone hours max+1",
        "a APPEND INBOX \"01-Jan-2024 00:00:00 +2400\" {1}\r\n", 37, "invalid time zone"),
    BAD("APPEND date-time zone minutes max+1",
        "a APPEND INBOX \"01-Jan-2024 00:00:00 -0060\" {1}\r\n", 37, "invalid time zone"),
    BAD("APPEND date-time year with five digits",
        "a APPEND INBOX \"01-Jan-10000 00:00:00 +0000\" {1}\r\n", 15, "invalid date-time"),

    /* ---- literal sizes (grammar/imap.abnf D1, D2): never wrapped into a small size ---- */
    LOG("literal size max (over the string limit)", "a LOGIN {4294967295}\r\nb NOOP\r\n",
        "ERR a LIMIT @8 [TOOBIG] literal too large\nOK b NOOP @22+8\nEND idle\n", F_NONE, NULL),
    LOG("literal size max+1 = 2^32", "a LOGIN {4294967296}\r\nb NOOP\r\n",
        "ERR a LIMIT @8 [TOOBIG] literal size out of range\nOK b NOOP @22+8\nEND idle\n", F_NONE,
        NULL),
    LOG("literal size 2^63", "a LOGIN {9223372036854775808}\r\nb NOOP\r\n",
        "ERR a LIMIT @8 [TOOBIG] literal size out of range\nOK b NOOP @31+8\nEND idle\n", F_NONE,
        NULL),
    /* Wrapped, 2^64 would be {0} (" y": the password) and 2^64+1 {1} ("x" the user, "y"
     * the password); refused, the next line is a command of its own. */
    LOG("literal size 2^64", "a LOGIN {18446744073709551616}\r\n y\r\n",
        "ERR a LIMIT @8 [TOOBIG] literal size out of range\n"
        "ERR * SYNTAX @32 empty tag\nEND idle\n", F_NONE, NULL),
    LOG("literal size 2^64+1", "a LOGIN {18446744073709551617}\r\nx y\r\n",
        "ERR a LIMIT @8 [TOOBIG] literal size out of range\n"
        "OK x y @32+5\nEND idle\n", F_NONE, NULL),
    LOG("literal8 size 2^64+1", "a APPEND INBOX ~{18446744073709551617}\r\nx\r\n",
        "ERR a LIMIT @15 [TOOBIG] literal size out of range\n"
        "ERR x SYNTAX @41 command name missing\nEND idle\n", F_NONE, NULL),
    LOG("APPEND message size max (over the APPEND limit)", "a APPEND INBOX {4294967295}\r\n",
        "ERR a LIMIT @15 [TOOBIG] message too large\nEND idle\n", F_NONE, NULL),
    LOG("APPEND message size max+1 = 2^32", "a APPEND INBOX {4294967296}\r\n",
        "ERR a LIMIT @15 [TOOBIG] literal size out of range\nEND idle\n", F_NONE, NULL),
    /* Non-synchronizing: the octets follow whatever the answer. A size that fits in 64
     * bits is skipped; one that does not fit cannot be skipped: the documented fatal
     * path (D1), never a wrap to a small size. */
    LOG("non-synchronizing literal size 2^64-1 is skipped",
        "a LOGIN {18446744073709551615+}\r\nx\r\n",
        "ERR a LIMIT @8 [TOOBIG] literal size out of range\nEND inside\n", F_NONE, NULL),
    LOG("non-synchronizing literal size 2^64 is fatal", "a LOGIN {18446744073709551616+}\r\nx\r\n",
        "ERR a FATAL @8 [TOOBIG] literal size out of range; the stream cannot be resynchronized\n"
        "END inside\n", F_NONE, NULL),
    LOG("non-synchronizing literal size 2^64+1 is fatal",
        "a LOGIN {18446744073709551617+}\r\nx y\r\n",
        "ERR a FATAL @8 [TOOBIG] literal size out of range; the stream cannot be resynchronized\n"
        "END inside\n", F_NONE, NULL),
    LOG("literal size with leading zeros (20 digits)", "a LOGIN {00000000000000000001}\r\nx y\r\n",
        "LIT a 1 arg @8\nOK a LOGIN x y @0+37\nEND idle\n", F_NONE, NULL),
    /* number64 = 1*DIGIT (RFC 9051 §9): leading zeros carry no value, so 21 digits of
     * which 20 are zeros announce 1 octet ("b"), and the command reads on */
    LOG("literal size with leading zeros (21 digits)",
        "a LOGIN {000000000000000000001}\r\nb NOOP\r\n",
        "LIT a 1 arg @8\nOK a LOGIN b NOOP @0+41\nEND idle\n", F_NONE, NULL),
    LOG("literal size with 21 significant digits",
        "a LOGIN {100000000000000000001}\r\nb NOOP\r\n",
        "ERR a LIMIT @8 [TOOBIG] literal size out of range\nOK b NOOP @33+8\nEND idle\n", F_NONE,
        NULL),
};

/* The largest number of a set (0 when it holds only "*"); -1 when the walk ends early. */
static long long set_max(const struct ig_seqset *set)
{
    size_t pos = 0;
    struct ig_range r;
    uint32_t max = 0, n = 0;
    while (ig_seqset_next(set, &pos, &r)) {
        n++;
        if (r.first > max)
            max = r.first;
        if (r.last > max)
            max = r.last;
    }
    return n == set->nranges ? (long long)max : -1;
}

/* The search program of SEARCH, ESEARCH, SORT and THREAD (and their UID forms). */
static const struct ig_search_program *command_prog(const struct ig_command *c)
{
    switch (c->cmd) {
    case IG_CMD_SEARCH: case IG_CMD_UID_SEARCH: return &c->u.search.prog;
    case IG_CMD_ESEARCH: return &c->u.esearch.prog;
    case IG_CMD_SORT: case IG_CMD_UID_SORT: return &c->u.sort.prog;
    case IG_CMD_THREAD: case IG_CMD_UID_THREAD: return &c->u.thread.prog;
    default: return NULL;
    }
}

static const struct ig_seqset *command_set(const struct ig_command *c)
{
    switch (c->cmd) {
    case IG_CMD_FETCH: case IG_CMD_UID_FETCH: return &c->u.fetch.set;
    case IG_CMD_STORE: case IG_CMD_UID_STORE: return &c->u.store.set;
    case IG_CMD_COPY: case IG_CMD_MOVE: case IG_CMD_UID_COPY: case IG_CMD_UID_MOVE:
        return &c->u.copy.set;
    case IG_CMD_UID_EXPUNGE: return &c->u.uid_expunge;
    default: {
        const struct ig_search_program *prog = command_prog(c);
        if (prog != NULL && prog->n > 0 &&
            (prog->keys[0].kind == IG_SK_SET || prog->keys[0].kind == IG_SK_UID))
            return &prog->keys[0].u.set;
        return NULL;
    }
    }
}

/* The first other parameter of the command (SELECT, CREATE, FETCH, STORE, SEARCH). */
static const struct ig_params *command_params(const struct ig_command *c)
{
    switch (c->cmd) {
    case IG_CMD_SELECT: case IG_CMD_EXAMINE: return &c->u.select.other;
    case IG_CMD_CREATE: return &c->u.create.other;
    case IG_CMD_FETCH: case IG_CMD_UID_FETCH: return &c->u.fetch.other;
    case IG_CMD_STORE: case IG_CMD_UID_STORE: return &c->u.store.other;
    case IG_CMD_SEARCH: case IG_CMD_UID_SEARCH: return &c->u.search.ret.other;
    default: return NULL;
    }
}

static void put_span(char *buf, size_t n, struct ig_span s)
{
    snprintf(buf, n, "%.*s", (int)s.len, s.ptr ? (const char *)s.ptr : "");
}

/* The typed value f of c as text in buf ("?" when the command has no such value). */
static void typed_value(const struct ig_command *c, enum field f, char *buf, size_t n)
{
    const struct ig_fetch_att *a = c->u.fetch.n > 0 ? &c->u.fetch.atts[0] : NULL;
    const struct ig_search_program *prog = command_prog(c);
    const struct ig_search_key *k = prog && prog->n > 0 ? &prog->keys[0] : NULL;
    const struct ig_seqset *set;
    const struct ig_params *pa;
    unsigned long long v = 0;
    snprintf(buf, n, "?");
    switch (f) {
    case F_NONE: return;
    case F_SET_MAX:
        if ((set = command_set(c)) == NULL || set_max(set) < 0)
            return;
        v = (unsigned long long)set_max(set);
        break;
    case F_KNOWN_UIDS_MAX:
        if (!c->u.select.has_known_uids || set_max(&c->u.select.known_uids) < 0)
            return;
        v = (unsigned long long)set_max(&c->u.select.known_uids);
        break;
    case F_KNOWN_SEQ_UIDS_MAX:
        if (!c->u.select.has_seq_match || set_max(&c->u.select.known_seq_uids) < 0)
            return;
        v = (unsigned long long)set_max(&c->u.select.known_seq_uids);
        break;
    case F_PART_LAST:
        if (a == NULL || a->section.nparts == 0)
            return;
        v = a->section.parts[a->section.nparts - 1];
        break;
    case F_PARTIAL_OFFSET:
    case F_PARTIAL_COUNT:
        if (a == NULL || !a->partial.present)
            return;
        v = f == F_PARTIAL_OFFSET ? a->partial.offset : a->partial.count;
        break;
    case F_CHANGEDSINCE:
        if (!(c->u.fetch.mods & IG_MOD_CHANGEDSINCE))
            return;
        v = c->u.fetch.changedsince;
        break;
    case F_UNCHANGEDSINCE:
        if (!(c->u.store.mods & IG_MOD_UNCHANGEDSINCE))
            return;
        v = c->u.store.unchangedsince;
        break;
    case F_SEARCH_MODSEQ:
        if (k == NULL || k->kind != IG_SK_MODSEQ)
            return;
        v = k->u.modseq.value;
        break;
    case F_SEARCH_NUMBER:
        if (k == NULL || (k->kind != IG_SK_LARGER && k->kind != IG_SK_SMALLER))
            return;
        v = k->u.number;
        break;
    case F_UIDVALIDITY:
    case F_QRESYNC_MODSEQ:
        if (!c->u.select.qresync)
            return;
        v = f == F_UIDVALIDITY ? c->u.select.uidvalidity : c->u.select.modseq;
        break;
    case F_QUOTA_LIMIT:
        if (c->u.setquota.n == 0)
            return;
        v = c->u.setquota.v[0].limit;
        break;
    case F_MAXSIZE:
        if (!c->u.getmetadata.has_maxsize)
            return;
        v = c->u.getmetadata.maxsize;
        break;
    case F_EXT_VALUE:
        if ((pa = command_params(c)) == NULL || pa->n == 0 || !pa->v[0].has_value)
            return;
        put_span(buf, n, pa->v[0].value.v);
        return;
    case F_GENERIC:
        if (c->u.generic.n == 0)
            return;
        put_span(buf, n, c->u.generic.v[0].v);
        return;
    case F_DATE:
        if (k == NULL)
            return;
        snprintf(buf, n, "%u-%u-%u", (unsigned)k->u.date.day, (unsigned)k->u.date.month,
                 (unsigned)k->u.date.year);
        return;
    case F_DATETIME: {
        if (c->u.append.n == 0 || !c->u.append.msgs[0].has_date)
            return;
        const struct ig_datetime *d = &c->u.append.msgs[0].date;
        snprintf(buf, n, "%u-%u-%u %u:%u:%u %d", (unsigned)d->day, (unsigned)d->month,
                 (unsigned)d->year, (unsigned)d->hour, (unsigned)d->minute,
                 (unsigned)d->second, (int)d->zone);
        return;
    }
    }
    snprintf(buf, n, "%llu", v);
}

/* The log of a row that is not written out (the harness log doubles each backslash). */
static char *expected(const struct ncase *c)
{
    size_t n = 200 + strlen(c->in) + (c->canon ? 2 * strlen(c->canon) : 0) +
               (c->reason ? strlen(c->reason) : 0);
    char *s = malloc(n);
    if (c->canon) {
        size_t k = (size_t)snprintf(s, n, "OK ");
        for (const char *p = c->canon; *p; p++) {
            if (*p == '\\')
                s[k++] = '\\';
            s[k++] = *p;
        }
        snprintf(s + k, n - k, " @0+%zu\nEND idle\n", c->inlen);
    } else
        snprintf(s, n, "ERR a SYNTAX @%d %s\nEND idle\n", c->at, c->reason);
    return s;
}

int main(int argc, char **argv)
{
    const char *seeds = seed_dir_arg(argc, argv);
    struct run_cfg cfg = {NULL, 0, 0, 0, 0};
    char name[300], got[200];
    size_t ms = ig_parser_memsize(NULL);
    void *mem = malloc(ms);

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct ncase *c = &cases[i];
        if (seeds) {
            snprintf(name, sizeof(name), "numbers %s", c->name);
            dump_seed(seeds, name, &cfg, c->in, c->inlen);
            continue;
        }
        char *want = c->log ? NULL : expected(c);
        char *log = run_all_ways(&cfg, c->in, c->inlen);
        is_str(log, c->log ? c->log : want, c->name);
        free(log);
        free(want);
        if (c->field != F_NONE) {
            struct ig_parser p;
            const struct ig_command *cmd = parse_first_n(&p, mem, ms, c->in, c->inlen, 0);
            if (cmd == NULL)
                snprintf(got, sizeof(got), "(refused)");
            else
                typed_value(cmd, c->field, got, sizeof(got));
            snprintf(name, sizeof(name), "%s: typed value", c->name);
            is_str(got, c->value, name);
        }
    }
    free(mem);
    return seeds ? 0 : done();
}
