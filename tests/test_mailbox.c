/*
 * test_mailbox.c - the mailbox commands of parser/cmd_mailbox.c: SELECT, EXAMINE
 * (CONDSTORE, QRESYNC), CREATE (USE), RENAME, STATUS, LIST (LIST-EXTENDED, LIST-STATUS,
 * SPECIAL-USE, MYRIGHTS) and LSUB. The table holds every client example line of the
 * RFCs in /work/shared/rfc for these commands (lines the RFCs wrap are joined into the
 * wire form, one stream per RFC section), then the rules one at a time, accepted and
 * rejected, then limits. Every case runs whole, byte by byte and split at every offset,
 * flush against a guard page, and every accepted command also goes through
 * emit -> parse -> equal (tests/harness.c). The C checks after the table look at the
 * typed values, equality and the serializer's refusals directly.
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
    int small; /* max_depth 3, max_items 6 */
};

/* An input with its length, so that inputs may hold NUL. */
#define S(x) x, sizeof(x) - 1

static const struct tcase cases[] = {
    {"RFC 9051 §6.3.2-§6.3.6 examples (SELECT EXAMINE CREATE RENAME)",
     S("A142 SELECT INBOX\r\n"
       "A143 SELECT Drafts\r\n"
       "A932 EXAMINE blurdybloop\r\n"
       "A003 CREATE owatagusiam/\r\n"
       "A004 CREATE owatagusiam/blurdybloop\r\n"
       "A005 CREATE NonNormalized\r\n"
       "A683 RENAME blurdybloop sarasoop\r\n"
       "A684 RENAME foo zowie\r\n"
       "Z433 RENAME INBOX old-mail\r\n"
       "1001 RENAME X Y\r\n"),
     "OK A142 SELECT INBOX @0+19\n"
     "OK A143 SELECT Drafts @19+20\n"
     "OK A932 EXAMINE blurdybloop @39+26\n"
     "OK A003 CREATE owatagusiam/ @65+26\n"
     "OK A004 CREATE owatagusiam/blurdybloop @91+37\n"
     "OK A005 CREATE NonNormalized @128+27\n"
     "OK A683 RENAME blurdybloop sarasoop @155+34\n"
     "OK A684 RENAME foo zowie @189+23\n"
     "OK Z433 RENAME INBOX old-mail @212+28\n"
     "OK 1001 RENAME X Y @240+17\n"
     "END idle\n",
     0, 0},
    {"RFC 9051 §6.3.5-§6.3.6 LIST examples",
     S("A682 LIST \"\" *\r\n"
       "A686 LIST \"\" *\r\n"
       "A82 LIST \"\" *\r\n"
       "A85 LIST \"\" *\r\n"
       "A86 LIST \"\" %\r\n"
       "A685 LIST \"\" *\r\n"
       "Z432 LIST \"\" *\r\n"
       "Z434 LIST \"\" *\r\n"),
     "OK A682 LIST \"\" * @0+16\n"
     "OK A686 LIST \"\" * @16+16\n"
     "OK A82 LIST \"\" * @32+15\n"
     "OK A85 LIST \"\" * @47+15\n"
     "OK A86 LIST \"\" % @62+15\n"
     "OK A685 LIST \"\" * @77+16\n"
     "OK Z432 LIST \"\" * @93+16\n"
     "OK Z434 LIST \"\" * @109+16\n"
     "END idle\n",
     0, 0},
    {"RFC 9051 §6.3.9.8 LIST examples (joined: A02 RETURN (STATUS ...))",
     S("A101 LIST \"\" \"\"\r\n"
       "A102 LIST #news.comp.mail.misc \"\"\r\n"
       "A103 LIST /usr/staff/jones \"\"\r\n"
       "A202 LIST ~/Mail/ %\r\n"
       "A01 LIST \"\" \"*\"\r\n"
       "A02 LIST (SUBSCRIBED) \"\" \"*\"\r\n"
       "A03 LIST () \"\" \"%\" RETURN (CHILDREN)\r\n"
       "A04 LIST (REMOTE) \"\" \"%\" RETURN (CHILDREN)\r\n"
       "A05 LIST (REMOTE SUBSCRIBED) \"\" \"*\"\r\n"
       "A06 LIST (REMOTE) \"\" \"*\" RETURN (SUBSCRIBED)\r\n"
       "C01 LIST \"\" \"*\"\r\n"
       "CA3 LIST \"\" \"%\" RETURN (CHILDREN)\r\n"
       "C02 LIST (SUBSCRIBED) \"\" \"*\"\r\n"
       "C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\"\r\n"
       "C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\" RETURN (CHILDREN)\r\n"
       "D01 LIST \"\" \"*\"\r\n"
       "D02 LIST (SUBSCRIBED) \"\" \"*\"\r\n"
       "D03 LIST (RECURSIVEMATCH SUBSCRIBED) \"\" \"*2\"\r\n"
       "D03 LIST (RECURSIVEMATCH SUBSCRIBED) \"\" \"*\"\r\n"
       "a1 LIST \"\" (\"foo\")\r\n"
       "a2 LIST (SUBSCRIBED) \"\" \"foo/*\"\r\n"
       "a3 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" foo RETURN (CHILDREN)\r\n"
       "a1 LIST (REMOTE) \"\" *\r\n"
       "a2 LIST () \"\" %\r\n"
       "a3 LIST (REMOTE) \"\" %\r\n"
       "a3.1 LIST \"\" (% music/rock)\r\n"
       "A01 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN))\r\n"
       "A02 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" % RETURN (STATUS (MESSAGES))\r\n"),
     "OK A101 LIST \"\" \"\" @0+17\n"
     "OK A102 LIST #news.comp.mail.misc \"\" @17+35\n"
     "OK A103 LIST /usr/staff/jones \"\" @52+31\n"
     "OK A202 LIST ~/Mail/ % @83+21\n"
     "OK A01 LIST \"\" * @104+17\n"
     "OK A02 LIST (SUBSCRIBED) \"\" * @121+30\n"
     "OK A03 LIST () \"\" % RETURN (CHILDREN) @151+38\n"
     "OK A04 LIST (REMOTE) \"\" % RETURN (CHILDREN) @189+44\n"
     "OK A05 LIST (SUBSCRIBED REMOTE) \"\" * @233+37\n"
     "OK A06 LIST (REMOTE) \"\" * RETURN (SUBSCRIBED) @270+46\n"
     "OK C01 LIST \"\" * @316+17\n"
     "OK CA3 LIST \"\" % RETURN (CHILDREN) @333+35\n"
     "OK C02 LIST (SUBSCRIBED) \"\" * @368+30\n"
     "OK C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" % @398+45\n"
     "OK C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" % RETURN (CHILDREN) @443+63\n"
     "OK D01 LIST \"\" * @506+17\n"
     "OK D02 LIST (SUBSCRIBED) \"\" * @523+30\n"
     "OK D03 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" *2 @553+46\n"
     "OK D03 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" * @599+45\n"
     "OK a1 LIST \"\" (foo) @644+20\n"
     "OK a2 LIST (SUBSCRIBED) \"\" foo/* @664+33\n"
     "OK a3 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" foo RETURN (CHILDREN) @697+62\n"
     "OK a1 LIST (REMOTE) \"\" * @759+23\n"
     "OK a2 LIST () \"\" % @782+17\n"
     "OK a3 LIST (REMOTE) \"\" % @799+23\n"
     "OK a3.1 LIST \"\" (% music/rock) @822+29\n"
     "OK A01 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN)) @851+49\n"
     "OK A02 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" % RETURN (STATUS (MESSAGES)) @900+70\n"
     "END idle\n",
     0, 0},
    {"RFC 9051 §6.3.11-§6.3.13 and §8 examples (STATUS SELECT)",
     S("A042 STATUS blurdybloop (UIDNEXT MESSAGES)\r\n"
       "A007 SELECT funny\r\n"
       "A001 SELECT INBOX\r\n"
       "a002 select inbox\r\n"),
     "OK A042 STATUS blurdybloop (UIDNEXT MESSAGES) @0+44\n"
     "OK A007 SELECT funny @44+19\n"
     "OK A001 SELECT INBOX @63+19\n"
     "OK a002 SELECT inbox @82+19\n"
     "END idle\n",
     0, 0},
    {"RFC 9051 §6.3.10 examples (NAMESPACE: CREATE LIST)",
     S("A002 CREATE \"INBOX.Sent Mail\"\r\n"
       "A002 LIST (SPECIAL-USE) \"\" \"*\"\r\n"
       "A003 LIST (SPECIAL-USE) \"#mh/\" \"*\"\r\n"
       "A004 CREATE \"Sent Mail\"\r\n"
       "A005 CREATE \"Delete Items\"\r\n"
       "A006 CREATE \"#mh/Deleted Items\"\r\n"
       "A002 LIST \"\" \"Other Users/%\"\r\n"
       "A002 LIST \"\" \"#Users/%\"\r\n"
       "A003 LIST \"\" \"#Users/Mike/%\"\r\n"
       "A002 LIST \"\" \"~mark/%\"\r\n"),
     "OK A002 CREATE \"INBOX.Sent Mail\" @0+31\n"
     "OK A002 LIST (SPECIAL-USE) \"\" * @31+32\n"
     "OK A003 LIST (SPECIAL-USE) #mh/ * @63+36\n"
     "OK A004 CREATE \"Sent Mail\" @99+25\n"
     "OK A005 CREATE \"Delete Items\" @124+28\n"
     "OK A006 CREATE \"#mh/Deleted Items\" @152+33\n"
     "OK A002 LIST \"\" \"Other Users/%\" @185+30\n"
     "OK A002 LIST \"\" #Users/% @215+25\n"
     "OK A003 LIST \"\" #Users/Mike/% @240+30\n"
     "OK A002 LIST \"\" ~mark/% @270+24\n"
     "END idle\n",
     0, 0},
    {"RFC 9051 §7.1 examples (RENAME, lower-case select status create)",
     S("o356 RENAME this that\r\n"
       "l create \"///////\"\r\n"
       "k1 select \"/archive/projects/experiment-iv\"\r\n"
       "k2 status \"/archive/projects/experiment-iv\" (messages)\r\n"
       "i select \"/archive/projects/experiment-iv\"\r\n"
       "p RENAME this that\r\n"
       "f select \"/archive/projects/experiment-iv\"\r\n"
       "d select inbox\r\n"
       "j select \"/archive/projects/experiment-iv\"\r\n"),
     "OK o356 RENAME this that @0+23\n"
     "OK l CREATE /////// @23+20\n"
     "OK k1 SELECT /archive/projects/experiment-iv @43+45\n"
     "OK k2 STATUS /archive/projects/experiment-iv (MESSAGES) @88+56\n"
     "OK i SELECT /archive/projects/experiment-iv @144+44\n"
     "OK p RENAME this that @188+20\n"
     "OK f SELECT /archive/projects/experiment-iv @208+44\n"
     "OK d SELECT inbox @252+16\n"
     "OK j SELECT /archive/projects/experiment-iv @268+44\n"
     "END idle\n",
     0, 0},
    {"RFC 3501 §6.3 and §8 examples",
     S("A142 SELECT INBOX\r\n"
       "A932 EXAMINE blurdybloop\r\n"
       "A003 CREATE owatagusiam/\r\n"
       "A004 CREATE owatagusiam/blurdybloop\r\n"
       "A682 LIST \"\" *\r\n"
       "A86 LIST \"\" %\r\n"
       "A683 RENAME blurdybloop sarasoop\r\n"
       "A684 RENAME foo zowie\r\n"
       "Z433 RENAME INBOX old-mail\r\n"
       "A101 LIST \"\" \"\"\r\n"
       "A102 LIST #news.comp.mail.misc \"\"\r\n"
       "A103 LIST /usr/staff/jones \"\"\r\n"
       "A202 LIST ~/Mail/ %\r\n"
       "A002 LSUB \"#news.\" \"comp.mail.*\"\r\n"
       "A003 LSUB \"#news.\" \"comp.%\"\r\n"
       "A042 STATUS blurdybloop (UIDNEXT MESSAGES)\r\n"
       "a002 select inbox\r\n"),
     "OK A142 SELECT INBOX @0+19\n"
     "OK A932 EXAMINE blurdybloop @19+26\n"
     "OK A003 CREATE owatagusiam/ @45+26\n"
     "OK A004 CREATE owatagusiam/blurdybloop @71+37\n"
     "OK A682 LIST \"\" * @108+16\n"
     "OK A86 LIST \"\" % @124+15\n"
     "OK A683 RENAME blurdybloop sarasoop @139+34\n"
     "OK A684 RENAME foo zowie @173+23\n"
     "OK Z433 RENAME INBOX old-mail @196+28\n"
     "OK A101 LIST \"\" \"\" @224+17\n"
     "OK A102 LIST #news.comp.mail.misc \"\" @241+35\n"
     "OK A103 LIST /usr/staff/jones \"\" @276+31\n"
     "OK A202 LIST ~/Mail/ % @307+21\n"
     "OK A002 LSUB #news. comp.mail.* @328+34\n"
     "OK A003 LSUB #news. comp.% @362+29\n"
     "OK A042 STATUS blurdybloop (UIDNEXT MESSAGES) @391+44\n"
     "OK a002 SELECT inbox @435+19\n"
     "END idle\n",
     0, 0},
    {"RFC 2177 and RFC 4315 / RFC 4314 examples",
     S("A001 SELECT INBOX\r\n"
       "A007 SELECT funny\r\n"
       "A777 LIST \"\" *\r\n"
       "A006 SELECT TargetMailbox\r\n"
       "A142 SELECT INBOX\r\n"),
     "OK A001 SELECT INBOX @0+19\n"
     "OK A007 SELECT funny @19+19\n"
     "OK A777 LIST \"\" * @38+16\n"
     "OK A006 SELECT TargetMailbox @54+27\n"
     "OK A142 SELECT INBOX @81+19\n"
     "END idle\n",
     0, 0},
    {"RFC 2342 §5 examples",
     S("A002 CREATE \"INBOX.Sent Mail\"\r\n"
       "A002 CREATE \"Sent Mail\"\r\n"
       "A003 CREATE \"Delete Items\"\r\n"
       "A004 CREATE \"#mh/Deleted Items\"\r\n"
       "A002 LIST \"\" \"Other Users/%\"\r\n"
       "A002 LIST \"\" \"#Users/%\"\r\n"
       "A003 LIST \"\" \"#Users/Mike/%\"\r\n"
       "A002 LIST \"\" \"~mark/%\"\r\n"),
     "OK A002 CREATE \"INBOX.Sent Mail\" @0+31\n"
     "OK A002 CREATE \"Sent Mail\" @31+25\n"
     "OK A003 CREATE \"Delete Items\" @56+28\n"
     "OK A004 CREATE \"#mh/Deleted Items\" @84+33\n"
     "OK A002 LIST \"\" \"Other Users/%\" @117+30\n"
     "OK A002 LIST \"\" #Users/% @147+25\n"
     "OK A003 LIST \"\" #Users/Mike/% @172+30\n"
     "OK A002 LIST \"\" ~mark/% @202+24\n"
     "END idle\n",
     0, 0},
    {"RFC 4466 §2.1 examples (select-params; wrapped line joined)",
     S("a SELECT INBOX (ANNOTATE)\r\n"
       "a EXAMINE INBOX (ANNOTATE RESPONSES (\"UID Responses\") CONDSTORE)\r\n"
       "a SELECT INBOX (BLURDYBLOOP)\r\n"),
     "OK a SELECT INBOX (ANNOTATE) @0+27\n"
     "OK a EXAMINE INBOX (CONDSTORE ANNOTATE RESPONSES (\"UID Responses\")) @27+66\n"
     "OK a SELECT INBOX (BLURDYBLOOP) @93+30\n"
     "END idle\n",
     0, 0},
    {"RFC 5258 §5 examples",
     S("A01 LIST \"\" \"*\"\r\n"
       "A02 LIST (SUBSCRIBED) \"\" \"*\"\r\n"
       "A03 LIST () \"\" \"%\" RETURN (CHILDREN)\r\n"
       "A04 LIST (REMOTE) \"\" \"%\" RETURN (CHILDREN)\r\n"
       "A05 LIST (REMOTE SUBSCRIBED) \"\" \"*\"\r\n"
       "A06 LIST (REMOTE) \"\" \"*\" RETURN (SUBSCRIBED)\r\n"
       "BBB LIST \"\" (\"INBOX\" \"Drafts\" \"Sent/%\")\r\n"
       "C01 LIST \"\" \"*\"\r\n"
       "CA3 LIST \"\" \"%\" RETURN (CHILDREN)\r\n"
       "C02 LIST (SUBSCRIBED) \"\" \"*\"\r\n"
       "C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\"\r\n"
       "C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\" RETURN (CHILDREN)\r\n"
       "D01 LIST \"\" \"*\"\r\n"
       "D02 LIST (SUBSCRIBED) \"\" \"*\"\r\n"
       "D03 LIST (RECURSIVEMATCH SUBSCRIBED) \"\" \"*2\"\r\n"
       "D03 LIST (RECURSIVEMATCH SUBSCRIBED) \"\" \"*\"\r\n"
       "a1 LIST \"\" (\"foo\" \"foo/*\")\r\n"
       "a2 LIST (SUBSCRIBED) \"\" \"foo/*\"\r\n"
       "a3 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" foo RETURN (CHILDREN)\r\n"
       "a1 LIST (REMOTE) \"\" *\r\n"
       "a2 LIST () \"\" %\r\n"
       "a3 LIST (REMOTE) \"\" %\r\n"
       "a3.1 LIST \"\" (% music/rock)\r\n"),
     "OK A01 LIST \"\" * @0+17\n"
     "OK A02 LIST (SUBSCRIBED) \"\" * @17+30\n"
     "OK A03 LIST () \"\" % RETURN (CHILDREN) @47+38\n"
     "OK A04 LIST (REMOTE) \"\" % RETURN (CHILDREN) @85+44\n"
     "OK A05 LIST (SUBSCRIBED REMOTE) \"\" * @129+37\n"
     "OK A06 LIST (REMOTE) \"\" * RETURN (SUBSCRIBED) @166+46\n"
     "OK BBB LIST \"\" (INBOX Drafts Sent/%) @212+41\n"
     "OK C01 LIST \"\" * @253+17\n"
     "OK CA3 LIST \"\" % RETURN (CHILDREN) @270+35\n"
     "OK C02 LIST (SUBSCRIBED) \"\" * @305+30\n"
     "OK C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" % @335+45\n"
     "OK C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" % RETURN (CHILDREN) @380+63\n"
     "OK D01 LIST \"\" * @443+17\n"
     "OK D02 LIST (SUBSCRIBED) \"\" * @460+30\n"
     "OK D03 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" *2 @490+46\n"
     "OK D03 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" * @536+45\n"
     "OK a1 LIST \"\" (foo foo/*) @581+28\n"
     "OK a2 LIST (SUBSCRIBED) \"\" foo/* @609+33\n"
     "OK a3 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" foo RETURN (CHILDREN) @642+62\n"
     "OK a1 LIST (REMOTE) \"\" * @704+23\n"
     "OK a2 LIST () \"\" % @727+17\n"
     "OK a3 LIST (REMOTE) \"\" % @744+23\n"
     "OK a3.1 LIST \"\" (% music/rock) @767+29\n"
     "END idle\n",
     0, 0},
    {"RFC 5819 §3 examples (the second, wrapped, lacks the SP before the reference name: rejected)",
     S("A01 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN))\r\n"
       "A02 LIST (SUBSCRIBED RECURSIVEMATCH)\"\" % RETURN (STATUS (MESSAGES))\r\n"),
     "OK A01 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN)) @0+49\n"
     "ERR A02 SYNTAX @85 expected space\n"
     "END idle\n",
     0, 0},
    {"RFC 6154 §5 examples",
     S("t1 LIST \"\" \"%\"\r\n"
       "t2 LIST \"\" \"%\" RETURN (SPECIAL-USE)\r\n"
       "t3 LIST (SPECIAL-USE) \"\" \"*\"\r\n"
       "t2 CREATE MySpecial (USE (\\Drafts \\Sent))\r\n"
       "t3 CREATE Everything (USE (\\All))\r\n"
       "t5 LIST \"\" \"%\" RETURN (SPECIAL-USE)\r\n"),
     "OK t1 LIST \"\" % @0+16\n"
     "OK t2 LIST \"\" % RETURN (SPECIAL-USE) @16+37\n"
     "OK t3 LIST (SPECIAL-USE) \"\" * @53+30\n"
     "OK t2 CREATE MySpecial (USE (\\\\Drafts \\\\Sent)) @83+43\n"
     "OK t3 CREATE Everything (USE (\\\\All)) @126+35\n"
     "OK t5 LIST \"\" % RETURN (SPECIAL-USE) @161+37\n"
     "END idle\n",
     0, 0},
    {"RFC 7162 examples (CONDSTORE, QRESYNC; wrapped lines joined)",
     S("A142 SELECT INBOX\r\n"
       "A042 STATUS blurdybloop (UIDNEXT MESSAGES HIGHESTMODSEQ)\r\n"
       "A142 SELECT INBOX (CONDSTORE)\r\n"
       "A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))\r\n"
       "A03 SELECT INBOX (QRESYNC (67890007 90060115194045000 41:211,214:541))\r\n"
       "A04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997))\r\n"
       "B04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))\r\n"
       "A142 SELECT INBOX (QRESYNC (3857529045 20010715194032001 1:198))\r\n"),
     "OK A142 SELECT INBOX @0+19\n"
     "OK A042 STATUS blurdybloop (UIDNEXT MESSAGES HIGHESTMODSEQ) @19+58\n"
     "OK A142 SELECT INBOX (CONDSTORE) @77+31\n"
     "OK A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541)) @108+75\n"
     "OK A03 SELECT INBOX (QRESYNC (67890007 90060115194045000 41:211,214:541)) @183+72\n"
     "OK A04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997)) @255+65\n"
     "OK B04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997))) @320+170\n"
     "OK A142 SELECT INBOX (QRESYNC (3857529045 20010715194032001 1:198)) @490+66\n"
     "END idle\n",
     0, 0},
    {"RFC 7889, RFC 8438, RFC 9208 examples (STATUS)",
     S("t1 STATUS INBOX (APPENDLIMIT)\r\n"
       "t1 LIST \"\" % RETURN (STATUS (APPENDLIMIT))\r\n"
       "A01 STATUS frop (MESSAGES SIZE UIDNEXT)\r\n"
       "A02 SELECT \"frop\"\r\n"
       "A04 LIST \"\" % RETURN (STATUS (MESSAGES SIZE))\r\n"
       "S0003 STATUS INBOX (MESSAGES DELETED DELETED-STORAGE)\r\n"),
     "OK t1 STATUS INBOX (APPENDLIMIT) @0+31\n"
     "OK t1 LIST \"\" % RETURN (STATUS (APPENDLIMIT)) @31+44\n"
     "OK A01 STATUS frop (MESSAGES SIZE UIDNEXT) @75+41\n"
     "OK A02 SELECT frop @116+19\n"
     "OK A04 LIST \"\" % RETURN (STATUS (MESSAGES SIZE)) @135+47\n"
     "OK S0003 STATUS INBOX (MESSAGES DELETED DELETED-STORAGE) @182+55\n"
     "END idle\n",
     0, 0},
    {"RFC 8474 examples (lower case)",
     S("3 create foo\r\n"
       "4 create bar\r\n"
       "5 create foo\r\n"
       "27 select \"foo\"\r\n"
       "6 status foo (mailboxid)\r\n"
       "7 status bar (mailboxid)\r\n"
       "8 rename foo renamed\r\n"
       "9 status renamed (mailboxid)\r\n"
       "10 status bar (mailboxid)\r\n"
       "11 list \"\" \"*\" return (status (mailboxid))\r\n"
       "25 select \"foo\"\r\n"),
     "OK 3 CREATE foo @0+14\n"
     "OK 4 CREATE bar @14+14\n"
     "OK 5 CREATE foo @28+14\n"
     "OK 27 SELECT foo @42+17\n"
     "OK 6 STATUS foo (MAILBOXID) @59+26\n"
     "OK 7 STATUS bar (MAILBOXID) @85+26\n"
     "OK 8 RENAME foo renamed @111+22\n"
     "OK 9 STATUS renamed (MAILBOXID) @133+30\n"
     "OK 10 STATUS bar (MAILBOXID) @163+27\n"
     "OK 11 LIST \"\" * RETURN (STATUS (MAILBOXID)) @190+44\n"
     "OK 25 SELECT foo @234+17\n"
     "END idle\n",
     0, 0},
    {"list lower case",
     S("a list \"\" *\r\n"),
     "OK a LIST \"\" * @0+13\n"
     "END idle\n",
     0, 0},
    {"list extended canonical",
     S("a LIST (SUBSCRIBED) \"\" (\"INBOX\" \"Sent\") RETURN (CHILDREN STATUS (MESSAGES UNSEEN))\r\n"),
     "OK a LIST (SUBSCRIBED) \"\" (INBOX Sent) RETURN (CHILDREN STATUS (MESSAGES UNSEEN)) @0+84\n"
     "END idle\n",
     0, 0},
    {"select lower case keeps the mailbox",
     S("a select inbox (condstore)\r\n"),
     "OK a SELECT inbox (CONDSTORE) @0+28\n"
     "END idle\n",
     0, 0},
    {"select mailbox missing",
     S("a SELECT\r\n"),
     "ERR a SYNTAX @8 mailbox missing\n"
     "END idle\n",
     0, 0},
    {"select trailing space",
     S("a SELECT \r\n"),
     "ERR a SYNTAX @9 missing argument\n"
     "END idle\n",
     0, 0},
    {"select two spaces",
     S("a SELECT  INBOX\r\n"),
     "ERR a SYNTAX @9 unexpected space\n"
     "END idle\n",
     0, 0},
    {"select extra argument",
     S("a SELECT INBOX extra\r\n"),
     "ERR a SYNTAX @14 unexpected argument\n"
     "END idle\n",
     0, 0},
    {"select params without SP",
     S("a SELECT INBOX(CONDSTORE)\r\n"),
     "ERR a SYNTAX @14 unexpected character\n"
     "END idle\n",
     0, 0},
    {"select empty params",
     S("a SELECT INBOX ()\r\n"),
     "ERR a SYNTAX @16 empty parameter list\n"
     "END idle\n",
     0, 0},
    {"select unbalanced params",
     S("a SELECT INBOX (CONDSTORE\r\n"),
     "ERR a SYNTAX @25 unbalanced parenthesis\n"
     "END idle\n",
     0, 0},
    {"select space before )",
     S("a SELECT INBOX (CONDSTORE )\r\n"),
     "ERR a SYNTAX @25 unexpected space\n"
     "END idle\n",
     0, 0},
    {"select two spaces between params",
     S("a SELECT INBOX (CONDSTORE  X)\r\n"),
     "ERR a SYNTAX @26 unexpected space\n"
     "END idle\n",
     0, 0},
    {"select duplicate CONDSTORE",
     S("a SELECT INBOX (CONDSTORE condstore)\r\n"),
     "ERR a SYNTAX @26 duplicate CONDSTORE parameter\n"
     "END idle\n",
     0, 0},
    {"select CONDSTORE with a value",
     S("a SELECT INBOX (CONDSTORE 1)\r\n"),
     "ERR a SYNTAX @26 CONDSTORE takes no value\n"
     "END idle\n",
     0, 0},
    {"select CONDSTORE prefix is another label",
     S("a SELECT INBOX (CONDSTOREX)\r\n"),
     "OK a SELECT INBOX (CONDSTOREX) @0+29\n"
     "END idle\n",
     0, 0},
    {"select mailbox literal",
     S("a SELECT {5}\r\n"
       "INBOX (CONDSTORE)\r\n"),
     "LIT a 5 arg @9\n"
     "OK a SELECT INBOX (CONDSTORE) @0+33\n"
     "END idle\n",
     0, 0},
    {"select mailbox bad UTF-7",
     S("a SELECT a&b\r\n"),
     "ERR a SYNTAX @9 mailbox name is not valid modified UTF-7\n"
     "END idle\n",
     0, 0},
    {"examine lower-case QRESYNC with both sets",
     S("a examine inbox (condstore qresync (1 2 3:5 (1:3 3:5)))\r\n"),
     "OK a EXAMINE inbox (CONDSTORE QRESYNC (1 2 3:5 (1:3 3:5))) @0+57\n"
     "END idle\n",
     0, 0},
    {"qresync seq-match-data without known-uids",
     S("a SELECT x (QRESYNC (1 2 (1,3 5,7)))\r\n"),
     "OK a SELECT x (QRESYNC (1 2 (1,3 5,7))) @0+38\n"
     "END idle\n",
     0, 0},
    {"qresync modseq with leading zeros",
     S("a SELECT x (QRESYNC (1 007))\r\n"),
     "OK a SELECT x (QRESYNC (1 7)) @0+30\n"
     "END idle\n",
     0, 0},
    {"qresync largest values",
     S("a SELECT x (QRESYNC (4294967295 9223372036854775807))\r\n"),
     "OK a SELECT x (QRESYNC (4294967295 9223372036854775807)) @0+55\n"
     "END idle\n",
     0, 0},
    {"qresync saved search as known-uids",
     S("a SELECT x (QRESYNC (1 2 $))\r\n"),
     "OK a SELECT x (QRESYNC (1 2 $)) @0+30\n"
     "END idle\n",
     0, 0},
    {"qresync without parameters",
     S("a SELECT x (QRESYNC)\r\n"),
     "ERR a SYNTAX @19 QRESYNC parameters missing\n"
     "END idle\n",
     0, 0},
    {"qresync without list",
     S("a SELECT x (QRESYNC 1 2)\r\n"),
     "ERR a SYNTAX @20 QRESYNC parameters missing\n"
     "END idle\n",
     0, 0},
    {"qresync empty list",
     S("a SELECT x (QRESYNC ())\r\n"),
     "ERR a SYNTAX @21 UIDVALIDITY expected\n"
     "END idle\n",
     0, 0},
    {"qresync uidvalidity 0",
     S("a SELECT x (QRESYNC (0 1))\r\n"),
     "ERR a SYNTAX @21 number must not be 0\n"
     "END idle\n",
     0, 0},
    {"qresync uidvalidity 2^32",
     S("a SELECT x (QRESYNC (4294967296 1))\r\n"),
     "ERR a SYNTAX @21 number out of range\n"
     "END idle\n",
     0, 0},
    {"qresync modseq missing",
     S("a SELECT x (QRESYNC (1))\r\n"),
     "ERR a SYNTAX @22 mod-sequence missing\n"
     "END idle\n",
     0, 0},
    {"qresync modseq 0",
     S("a SELECT x (QRESYNC (1 0))\r\n"),
     "ERR a SYNTAX @23 mod-sequence must not be 0\n"
     "END idle\n",
     0, 0},
    {"qresync modseq 2^63",
     S("a SELECT x (QRESYNC (1 9223372036854775808))\r\n"),
     "ERR a SYNTAX @23 number out of range\n"
     "END idle\n",
     0, 0},
    {"qresync modseq not a number",
     S("a SELECT x (QRESYNC (1 x))\r\n"),
     "ERR a SYNTAX @23 mod-sequence expected\n"
     "END idle\n",
     0, 0},
    {"qresync star in known-uids",
     S("a SELECT x (QRESYNC (1 2 1:*))\r\n"),
     "ERR a SYNTAX @27 '*' is not allowed in a QRESYNC set\n"
     "END idle\n",
     0, 0},
    {"qresync star in known-uid-set",
     S("a SELECT x (QRESYNC (1 2 (1:5 4,*)))\r\n"),
     "ERR a SYNTAX @32 '*' is not allowed in a QRESYNC set\n"
     "END idle\n",
     0, 0},
    {"qresync zero in known-uids",
     S("a SELECT x (QRESYNC (1 2 0:5))\r\n"),
     "ERR a SYNTAX @25 message number 0 is not valid\n"
     "END idle\n",
     0, 0},
    {"qresync known-uid-set missing",
     S("a SELECT x (QRESYNC (1 2 (1:5)))\r\n"),
     "ERR a SYNTAX @29 known UIDs missing\n"
     "END idle\n",
     0, 0},
    {"qresync seq-match-data unbalanced",
     S("a SELECT x (QRESYNC (1 2 (1:5 1:5)\r\n"),
     "ERR a SYNTAX @34 unbalanced parenthesis\n"
     "END idle\n",
     0, 0},
    {"qresync extra item",
     S("a SELECT x (QRESYNC (1 2 1:5 7))\r\n"),
     "ERR a SYNTAX @29 invalid QRESYNC parameter\n"
     "END idle\n",
     0, 0},
    {"qresync extra item after seq-match-data",
     S("a SELECT x (QRESYNC (1 2 1:5 (1 2) 3))\r\n"),
     "ERR a SYNTAX @34 unexpected argument\n"
     "END idle\n",
     0, 0},
    {"qresync duplicate",
     S("a SELECT x (QRESYNC (1 2) QRESYNC (1 2))\r\n"),
     "ERR a SYNTAX @26 duplicate QRESYNC parameter\n"
     "END idle\n",
     0, 0},
    {"select other params with values",
     S("a SELECT x (X-A 1:5,7 X-B (a \"b c\" (NIL)) X-C () X-D)\r\n"),
     "OK a SELECT x (X-A 1:5,7 X-B (a \"b c\" (NIL)) X-C () X-D) @0+55\n"
     "END idle\n",
     0, 0},
    {"select param value is a set",
     S("a SELECT x (X-A $)\r\n"),
     "OK a SELECT x (X-A $) @0+20\n"
     "END idle\n",
     0, 0},
    {"select param label starts with a digit",
     S("a SELECT x (1X)\r\n"),
     "ERR a SYNTAX @12 invalid parameter\n"
     "END idle\n",
     0, 0},
    {"select param label with bad character",
     S("a SELECT x (X!Y)\r\n"),
     "ERR a SYNTAX @13 invalid parameter\n"
     "END idle\n",
     0, 0},
    {"select param quoted",
     S("a SELECT x (\"X\")\r\n"),
     "ERR a SYNTAX @12 invalid parameter\n"
     "END idle\n",
     0, 0},
    {"select param value nested empty list",
     S("a SELECT x (X (a ()))\r\n"),
     "ERR a SYNTAX @18 empty parentheses\n"
     "END idle\n",
     0, 0},
    {"select nesting at max_depth",
     S("a SELECT x (X (((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))\r\n"),
     "OK a SELECT x (X (((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))) @0+80\n"
     "END idle\n",
     0, 0},
    {"select nesting over max_depth",
     S("a SELECT x (X ((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))\r\n"
       "b NOOP\r\n"),
     "ERR a LIMIT @45 nesting too deep\n"
     "OK b NOOP @82+8\n"
     "END idle\n",
     0, 0},
    {"create mailbox missing",
     S("a CREATE\r\n"),
     "ERR a SYNTAX @8 mailbox missing\n"
     "END idle\n",
     0, 0},
    {"create extra argument",
     S("a CREATE x y\r\n"),
     "ERR a SYNTAX @10 unexpected argument\n"
     "END idle\n",
     0, 0},
    {"create empty params",
     S("a CREATE x ()\r\n"),
     "ERR a SYNTAX @12 empty parameter list\n"
     "END idle\n",
     0, 0},
    {"create USE empty",
     S("a CREATE x (USE ())\r\n"),
     "OK a CREATE x (USE ()) @0+21\n"
     "END idle\n",
     0, 0},
    {"create USE lower case with other params",
     S("a create x (use (\\sent \\X-Custom) X-P 5 X-Q)\r\n"),
     "OK a CREATE x (USE (\\\\sent \\\\X-Custom) X-P 5 X-Q) @0+46\n"
     "END idle\n",
     0, 0},
    {"create USE without list",
     S("a CREATE x (USE)\r\n"),
     "ERR a SYNTAX @15 special-use attribute list missing\n"
     "END idle\n",
     0, 0},
    {"create USE not in parentheses",
     S("a CREATE x (USE \\Drafts)\r\n"),
     "ERR a SYNTAX @16 special-use attribute list missing\n"
     "END idle\n",
     0, 0},
    {"create USE attribute without backslash",
     S("a CREATE x (USE (Drafts))\r\n"),
     "ERR a SYNTAX @17 invalid special-use attribute\n"
     "END idle\n",
     0, 0},
    {"create USE lone backslash",
     S("a CREATE x (USE (\\))\r\n"),
     "ERR a SYNTAX @18 invalid special-use attribute\n"
     "END idle\n",
     0, 0},
    {"create USE attributes without space",
     S("a CREATE x (USE (\\Drafts\\Sent))\r\n"),
     "ERR a SYNTAX @24 expected space or ')'\n"
     "END idle\n",
     0, 0},
    {"create USE duplicate",
     S("a CREATE x (USE (\\Drafts) USE (\\Sent))\r\n"),
     "ERR a SYNTAX @26 duplicate USE parameter\n"
     "END idle\n",
     0, 0},
    {"create USE unbalanced",
     S("a CREATE x (USE (\\Drafts)\r\n"),
     "ERR a SYNTAX @25 unbalanced parenthesis\n"
     "END idle\n",
     0, 0},
    {"create INBOX",
     S("a CREATE inbox\r\n"),
     "OK a CREATE inbox @0+16\n"
     "END idle\n",
     0, 0},
    {"rename new name missing",
     S("a RENAME x\r\n"),
     "ERR a SYNTAX @10 new mailbox name missing\n"
     "END idle\n",
     0, 0},
    {"rename extra argument",
     S("a RENAME x y z\r\n"),
     "ERR a SYNTAX @12 unexpected argument\n"
     "END idle\n",
     0, 0},
    {"rename with params",
     S("a RENAME x y (X-FOO X-BAR (1 2))\r\n"),
     "OK a RENAME x y (X-FOO X-BAR (1 2)) @0+34\n"
     "END idle\n",
     0, 0},
    {"rename empty params",
     S("a RENAME x y ()\r\n"),
     "ERR a SYNTAX @14 empty parameter list\n"
     "END idle\n",
     0, 0},
    {"rename literals",
     S("a RENAME {3+}\r\n"
       "a b {1+}\r\n"
       "c\r\n"),
     "OK a RENAME \"a b\" c @0+28\n"
     "END idle\n",
     0, 0},
    {"status every attribute",
     S("a status x (messages recent uidnext uidvalidity unseen deleted size highestmodseq appendlimit mailboxid deleted-storage)\r\n"),
     "OK a STATUS x (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE HIGHESTMODSEQ APPENDLIMIT MAILBOXID DELETED-STORAGE) @0+122\n"
     "END idle\n",
     0, 0},
    {"status list missing",
     S("a STATUS x\r\n"),
     "ERR a SYNTAX @10 status attribute list missing\n"
     "END idle\n",
     0, 0},
    {"status list not in parentheses",
     S("a STATUS x MESSAGES\r\n"),
     "ERR a SYNTAX @11 status attribute list expected\n"
     "END idle\n",
     0, 0},
    {"status empty list",
     S("a STATUS x ()\r\n"),
     "ERR a SYNTAX @12 empty status attribute list\n"
     "END idle\n",
     0, 0},
    {"status unbalanced",
     S("a STATUS x (MESSAGES\r\n"),
     "ERR a SYNTAX @20 unbalanced parenthesis\n"
     "END idle\n",
     0, 0},
    {"status unknown attribute",
     S("a STATUS x (MESSAGES X-FOO)\r\n"),
     "ERR a SYNTAX @21 invalid status attribute\n"
     "END idle\n",
     0, 0},
    {"status attribute with suffix",
     S("a STATUS x (MESSAGESX)\r\n"),
     "ERR a SYNTAX @12 invalid status attribute\n"
     "END idle\n",
     0, 0},
    {"status two spaces",
     S("a STATUS x (MESSAGES  UNSEEN)\r\n"),
     "ERR a SYNTAX @21 unexpected space\n"
     "END idle\n",
     0, 0},
    {"status extra argument",
     S("a STATUS x (MESSAGES) y\r\n"),
     "ERR a SYNTAX @21 unexpected argument\n"
     "END idle\n",
     0, 0},
    {"status list directly after",
     S("a STATUS x (MESSAGES)(UNSEEN)\r\n"),
     "ERR a SYNTAX @21 unexpected character\n"
     "END idle\n",
     0, 0},
    {"status nested list",
     S("a STATUS x ((MESSAGES))\r\n"),
     "ERR a SYNTAX @12 invalid status attribute\n"
     "END idle\n",
     0, 0},
    {"status quoted attribute",
     S("a STATUS x (\"MESSAGES\")\r\n"),
     "ERR a SYNTAX @12 invalid status attribute\n"
     "END idle\n",
     0, 0},
    {"list mailbox missing",
     S("a LIST\r\n"),
     "ERR a SYNTAX @6 mailbox missing\n"
     "END idle\n",
     0, 0},
    {"list pattern missing",
     S("a LIST \"\"\r\n"),
     "ERR a SYNTAX @9 mailbox pattern missing\n"
     "END idle\n",
     0, 0},
    {"list extra argument",
     S("a LIST \"\" * x\r\n"),
     "ERR a SYNTAX @11 unexpected argument\n"
     "END idle\n",
     0, 0},
    {"list RETURN-like atom",
     S("a LIST \"\" * RETURNX (CHILDREN)\r\n"),
     "ERR a SYNTAX @11 unexpected argument\n"
     "END idle\n",
     0, 0},
    {"list empty pattern list",
     S("a LIST \"\" ()\r\n"),
     "ERR a SYNTAX @11 empty pattern list\n"
     "END idle\n",
     0, 0},
    {"list unbalanced pattern list",
     S("a LIST \"\" (a\r\n"),
     "ERR a SYNTAX @12 unbalanced parenthesis\n"
     "END idle\n",
     0, 0},
    {"list space before ) in patterns",
     S("a LIST \"\" (a )\r\n"),
     "ERR a SYNTAX @12 unexpected space\n"
     "END idle\n",
     0, 0},
    {"list quoted patterns become atoms when they can",
     S("a LIST \"\" (\"a b\" \"%\" \"]x\" \"\")\r\n"),
     "OK a LIST \"\" (\"a b\" % ]x \"\") @0+31\n"
     "END idle\n",
     0, 0},
    {"list pattern literal",
     S("a LIST \"\" {3+}\r\n"
       "a*b\r\n"),
     "OK a LIST \"\" a*b @0+21\n"
     "END idle\n",
     0, 0},
    {"list pattern literal8",
     S("a LIST \"\" ~{3+}\r\n"
       "a*b\r\n"),
     "ERR a SYNTAX @10 literal8 is not allowed here\n"
     "END idle\n",
     0, 0},
    {"list pattern with bad character",
     S("a LIST \"\" a{b\r\n"),
     "ERR a SYNTAX @11 unexpected character\n"
     "END idle\n",
     0, 0},
    {"list pattern bad UTF-7",
     S("a LIST \"\" &\r\n"),
     "ERR a SYNTAX @10 mailbox name is not valid modified UTF-7\n"
     "END idle\n",
     0, 0},
    {"list pattern UTF-7",
     S("a LIST \"\" &ZeVnLIqe-/%\r\n"),
     "OK a LIST \"\" &ZeVnLIqe-/% @0+24\n"
     "END idle\n",
     0, 0},
    {"list pattern 8-bit without UTF-8",
     S("a LIST \"\" \"caf\xc3\xa9\"\r\n"),
     "ERR a SYNTAX @14 8-bit character in quoted string\n"
     "END idle\n",
     0, 0},
    {"list pattern UTF-8 with IG_OPT_UTF8",
     S("a LIST \"\" \"caf\xc3\xa9/*\"\r\n"),
     "OK a LIST \"\" \"caf\\xc3\\xa9/*\" @0+21\n"
     "END idle\n",
     IG_OPT_UTF8, 0},
    {"list pattern C1 control with IG_OPT_UTF8",
     S("a LIST \"\" \"a\xc2\x85\"\r\n"),
     "ERR a SYNTAX @10 mailbox name is not valid UTF-8 (Net-Unicode)\n"
     "END idle\n",
     IG_OPT_UTF8, 0},
    {"list reference INBOX in any case",
     S("a LIST inbox %\r\n"),
     "OK a LIST inbox % @0+16\n"
     "END idle\n",
     0, 0},
    {"list reference with wildcard",
     S("a LIST a* %\r\n"),
     "ERR a SYNTAX @8 expected space\n"
     "END idle\n",
     0, 0},
    {"list select options without SP",
     S("a LIST (SUBSCRIBED)\"\" *\r\n"),
     "ERR a SYNTAX @19 expected space\n"
     "END idle\n",
     0, 0},
    {"list select RECURSIVEMATCH alone",
     S("a LIST (RECURSIVEMATCH) \"\" *\r\n"),
     "ERR a SYNTAX @8 RECURSIVEMATCH needs a base selection option\n"
     "END idle\n",
     0, 0},
    {"list select REMOTE RECURSIVEMATCH",
     S("a LIST (REMOTE RECURSIVEMATCH) \"\" *\r\n"),
     "ERR a SYNTAX @15 RECURSIVEMATCH needs a base selection option\n"
     "END idle\n",
     0, 0},
    {"list select RECURSIVEMATCH with an extension",
     S("a LIST (RECURSIVEMATCH vendor.example-BASE) \"\" *\r\n"),
     "OK a LIST (RECURSIVEMATCH vendor.example-BASE) \"\" * @0+50\n"
     "END idle\n",
     0, 0},
    {"list select repeated options count once",
     S("a list (subscribed remote subscribed) \"\" *\r\n"),
     "OK a LIST (SUBSCRIBED REMOTE) \"\" * @0+44\n"
     "END idle\n",
     0, 0},
    {"list select every option",
     S("a LIST (SPECIAL-USE RECURSIVEMATCH REMOTE SUBSCRIBED X-OPT (a (b \"c\"))) \"\" *\r\n"),
     "OK a LIST (SUBSCRIBED REMOTE RECURSIVEMATCH SPECIAL-USE X-OPT (a (b \"c\"))) \"\" * @0+78\n"
     "END idle\n",
     0, 0},
    {"list select empty option value",
     S("a LIST (X-OPT ()) \"\" *\r\n"),
     "ERR a SYNTAX @14 empty option value\n"
     "END idle\n",
     0, 0},
    {"list select option names are atoms (\"1\" is a second option)",
     S("a LIST (X-OPT 1) \"\" *\r\n"),
     "OK a LIST (X-OPT 1) \"\" * @0+23\n"
     "END idle\n",
     0, 0},
    {"list select quoted option",
     S("a LIST (\"SUBSCRIBED\") \"\" *\r\n"),
     "ERR a SYNTAX @8 invalid selection option\n"
     "END idle\n",
     0, 0},
    {"list select unbalanced",
     S("a LIST (SUBSCRIBED \"\" *\r\n"),
     "ERR a SYNTAX @19 invalid selection option\n"
     "END idle\n",
     0, 0},
    {"list select option value nesting over max_depth",
     S("a LIST (X ((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))) \"\" *\r\n"
       "b NOOP\r\n"),
     "ERR a LIMIT @41 nesting too deep\n"
     "OK b NOOP @83+8\n"
     "END idle\n",
     0, 0},
    {"list RETURN empty",
     S("a LIST \"\" * RETURN ()\r\n"),
     "OK a LIST \"\" * RETURN () @0+23\n"
     "END idle\n",
     0, 0},
    {"list RETURN every option",
     S("a LIST \"\" * return (myrights status (size) special-use children subscribed x-ret (1))\r\n"),
     "OK a LIST \"\" * RETURN (SUBSCRIBED CHILDREN SPECIAL-USE STATUS (SIZE) MYRIGHTS x-ret (1)) @0+87\n"
     "END idle\n",
     0, 0},
    {"list RETURN missing list",
     S("a LIST \"\" * RETURN\r\n"),
     "ERR a SYNTAX @18 return options missing\n"
     "END idle\n",
     0, 0},
    {"list RETURN not in parentheses",
     S("a LIST \"\" * RETURN CHILDREN\r\n"),
     "ERR a SYNTAX @19 return options expected\n"
     "END idle\n",
     0, 0},
    {"list RETURN STATUS without list",
     S("a LIST \"\" * RETURN (STATUS)\r\n"),
     "ERR a SYNTAX @26 status attribute list missing\n"
     "END idle\n",
     0, 0},
    {"list RETURN STATUS empty",
     S("a LIST \"\" * RETURN (STATUS ())\r\n"),
     "ERR a SYNTAX @28 empty status attribute list\n"
     "END idle\n",
     0, 0},
    {"list RETURN STATUS bad attribute",
     S("a LIST \"\" * RETURN (STATUS (MESSAGES FOO))\r\n"),
     "ERR a SYNTAX @37 invalid status attribute\n"
     "END idle\n",
     0, 0},
    {"list RETURN STATUS twice",
     S("a LIST \"\" * RETURN (STATUS (MESSAGES) STATUS (UNSEEN))\r\n"),
     "ERR a SYNTAX @38 duplicate STATUS return option\n"
     "END idle\n",
     0, 0},
    {"list RETURN unbalanced",
     S("a LIST \"\" * RETURN (CHILDREN\r\n"),
     "ERR a SYNTAX @28 unbalanced parenthesis\n"
     "END idle\n",
     0, 0},
    {"list RETURN quoted option",
     S("a LIST \"\" * RETURN (\"CHILDREN\")\r\n"),
     "ERR a SYNTAX @20 invalid return option\n"
     "END idle\n",
     0, 0},
    {"list RETURN space before )",
     S("a LIST \"\" * RETURN (CHILDREN )\r\n"),
     "ERR a SYNTAX @28 unexpected space\n"
     "END idle\n",
     0, 0},
    {"list RETURN twice",
     S("a LIST \"\" * RETURN () RETURN ()\r\n"),
     "ERR a SYNTAX @21 unexpected argument\n"
     "END idle\n",
     0, 0},
    {"list RETURN after pattern list",
     S("a LIST \"\" (a b) RETURN (CHILDREN)\r\n"),
     "OK a LIST \"\" (a b) RETURN (CHILDREN) @0+35\n"
     "END idle\n",
     0, 0},
    {"lsub",
     S("a lsub \"\" *\r\n"),
     "OK a LSUB \"\" * @0+13\n"
     "END idle\n",
     0, 0},
    {"lsub pattern missing",
     S("a LSUB x\r\n"),
     "ERR a SYNTAX @8 mailbox pattern missing\n"
     "END idle\n",
     0, 0},
    {"lsub pattern list not allowed",
     S("a LSUB x (a b)\r\n"),
     "ERR a SYNTAX @9 mailbox pattern expected\n"
     "END idle\n",
     0, 0},
    {"lsub extra argument",
     S("a LSUB x y z\r\n"),
     "ERR a SYNTAX @10 unexpected argument\n"
     "END idle\n",
     0, 0},
    {"lsub mailbox missing",
     S("a LSUB\r\n"),
     "ERR a SYNTAX @6 mailbox missing\n"
     "END idle\n",
     0, 0},
    {"lsub pattern literal",
     S("a LSUB \"\" {4}\r\n"
       "%/ a\r\n"),
     "LIT a 4 arg @10\n"
     "OK a LSUB \"\" \"%/ a\" @0+21\n"
     "END idle\n",
     0, 0},
    {"lsub pattern with wildcards and bracket",
     S("a LSUB #news. comp.]*%\r\n"),
     "OK a LSUB #news. comp.]*% @0+24\n"
     "END idle\n",
     0, 0},
    {"qresync without known-uids but SP",
     S("a SELECT x (QRESYNC (1 2 ))\r\n"),
     "ERR a SYNTAX @24 unexpected space\n"
     "END idle\n",
     0, 0},
    {"create USE with INBOX and params in other order",
     S("a CREATE INBOX (X-A (1) USE (\\Junk))\r\n"),
     "OK a CREATE INBOX (USE (\\\\Junk) X-A (1)) @0+38\n"
     "END idle\n",
     0, 0},
    {"max_depth N (select param value)",
     S("a SELECT x (A ((b)))\r\n"),
     "OK a SELECT x (A ((b))) @0+22\n"
     "END idle\n",
     0, 1},
    {"max_depth N+1 (select param value)",
     S("a SELECT x (A (((b))))\r\n"
       "b NOOP\r\n"),
     "ERR a LIMIT @16 nesting too deep\n"
     "OK b NOOP @24+8\n"
     "END idle\n",
     0, 1},
    {"max_depth N (qresync seq-match-data)",
     S("a SELECT x (QRESYNC (1 2 (1 2)))\r\n"),
     "OK a SELECT x (QRESYNC (1 2 (1 2))) @0+34\n"
     "END idle\n",
     0, 1},
    {"max_depth N (list return status)",
     S("a LIST \"\" * RETURN (STATUS (SIZE))\r\n"),
     "OK a LIST \"\" * RETURN (STATUS (SIZE)) @0+36\n"
     "END idle\n",
     0, 1},
    {"max_items N (status)",
     S("a STATUS x (MESSAGES UNSEEN UIDNEXT UIDVALIDITY SIZE)\r\n"),
     "OK a STATUS x (MESSAGES UNSEEN UIDNEXT UIDVALIDITY SIZE) @0+55\n"
     "END idle\n",
     0, 1},
    {"max_items N+1 (status)",
     S("a STATUS x (MESSAGES UNSEEN UIDNEXT UIDVALIDITY SIZE DELETED)\r\n"
       "b NOOP\r\n"),
     "ERR a LIMIT @53 too many arguments\n"
     "OK b NOOP @63+8\n"
     "END idle\n",
     0, 1},
    {"max_items N+1 (list select options)",
     S("a LIST (SUBSCRIBED REMOTE X-A X-B X-C) \"\" *\r\n"
       "b NOOP\r\n"),
     "ERR a LIMIT @42 too many arguments\n"
     "OK b NOOP @45+8\n"
     "END idle\n",
     0, 1},
    {"max_items N+1 (RETURN keyword)",
     S("a LIST (SUBSCRIBED) \"\" (a b c d) RETURN ()\r\n"
       "b NOOP\r\n"),
     "ERR a LIMIT @33 too many arguments\n"
     "OK b NOOP @44+8\n"
     "END idle\n",
     0, 1},
};

/* ---- typed values, equality and the serializer's refusals, checked in C ---- */

struct slot {
    struct ig_parser p;
    void *mem;
};

static struct slot slots[2];

/* Parses one complete command in slot k (every literal accepted); NULL when the parser
 * does not accept it. The command stays valid until the slot is used again. */
static const struct ig_command *parse1(int k, const char *s, uint32_t opts)
{
    struct slot *sl = &slots[k];
    if (sl->mem == NULL)
        sl->mem = malloc(ig_parser_memsize(NULL));
    return parse_first(&sl->p, sl->mem, ig_parser_memsize(NULL), s, opts);
}


static int emits(const struct ig_command *c)
{
    char out[1024];
    return ig_command_emit(c, 0, out, sizeof(out)) != (size_t)-1;
}

static void test_select_values(void)
{
    const struct ig_command *c = parse1(
        0,
        "B04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,"
        "9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,"
        "29997)))\r\n",
        0);
    ok(c && c->typed && c->cmd == IG_CMD_SELECT, "QRESYNC: typed SELECT");
    if (!c)
        return;
    const struct ig_select *s = &c->u.select;
    ok(span_is(s->mailbox.v, "INBOX") && s->has_params && !s->condstore && s->qresync,
       "QRESYNC: mailbox and flags");
    ok(s->uidvalidity == 67890007u && s->modseq == 90060115194045000ull,
       "QRESYNC: uidvalidity and mod-sequence");
    ok(s->has_known_uids && span_is(s->known_uids.text, "1:29997") && s->known_uids.nranges == 1,
       "QRESYNC: known-uids");
    ok(s->has_seq_match && s->known_seqs.nranges == 4 && s->known_seq_uids.nranges == 13,
       "QRESYNC: seq-match-data sets");
    ok(s->other.n == 0 && (c->ext & IG_EXT_QRESYNC) && !(c->ext & IG_EXT_CONDSTORE),
       "QRESYNC: ext bit, no other parameter");

    c = parse1(0, "a examine x (condstore X-A (1 \"b\") X-B 4:7)\r\n", 0);
    ok(c && c->cmd == IG_CMD_EXAMINE && c->u.select.condstore && !c->u.select.qresync &&
           (c->ext & IG_EXT_CONDSTORE),
       "CONDSTORE: flag and ext bit");
    ok(c && c->u.select.other.n == 2 && span_is(c->u.select.other.v[0].name, "X-A") &&
           c->u.select.other.v[0].has_value &&
           c->u.select.other.v[0].value.type == IG_ARG_LIST &&
           c->u.select.other.v[0].value.n == 2 &&
           c->u.select.other.v[0].value.items[1].type == IG_ARG_STRING &&
           span_is(c->u.select.other.v[1].value.v, "4:7"),
       "select-param values: a list with a string, a set");
    c = parse1(0, "a SELECT x\r\n", 0);
    ok(c && c->typed && !c->u.select.has_params && c->ext == 0, "plain SELECT: no params, no ext");
}

static void test_create_status_values(void)
{
    const struct ig_command *c = parse1(0, "t2 CREATE MySpecial (USE (\\Drafts \\Sent))\r\n", 0);
    ok(c && c->cmd == IG_CMD_CREATE && c->u.create.has_params && c->u.create.has_use &&
           c->u.create.use.n == 2 && span_is(c->u.create.use.v[0], "\\Drafts") &&
           span_is(c->u.create.use.v[1], "\\Sent") && c->u.create.other.n == 0 &&
           (c->ext & IG_EXT_SPECIAL_USE),
       "CREATE USE: attributes as sent, ext bit");
    c = parse1(0, "a CREATE x\r\n", 0);
    ok(c && c->typed && !c->u.create.has_params && c->ext == 0, "plain CREATE");

    c = parse1(0,
               "a STATUS x (DELETED-STORAGE MAILBOXID APPENDLIMIT HIGHESTMODSEQ SIZE DELETED "
               "UNSEEN UIDVALIDITY UIDNEXT RECENT MESSAGES)\r\n",
               0);
    int order = c && c->u.status.atts.n == IG_SATT__COUNT;
    for (uint32_t i = 0; order && i < IG_SATT__COUNT; i++)
        order = c->u.status.atts.v[i] == IG_SATT__COUNT - 1 - i;
    ok(order, "STATUS: every attribute, in the order sent");
    ok(c && c->ext == (IG_EXT_QUOTA | IG_EXT_OBJECTID | IG_EXT_APPENDLIMIT | IG_EXT_CONDSTORE |
                       IG_EXT_STATUS_SIZE | IG_EXT_REV1),
       "STATUS: ext bits of the extension attributes");
    c = parse1(0, "a STATUS x (MESSAGES UIDNEXT UIDVALIDITY UNSEEN DELETED)\r\n", 0);
    ok(c && c->ext == 0, "STATUS: base attributes set no ext bit");
}

static void test_list_values(void)
{
    const struct ig_command *c = parse1(
        0,
        "a LIST (RECURSIVEMATCH SUBSCRIBED X-S (v)) \"\" (\"INBOX\" %) RETURN (CHILDREN "
        "STATUS (MESSAGES UNSEEN) X-R)\r\n",
        0);
    ok(c && c->cmd == IG_CMD_LIST && c->typed, "LIST extended: typed");
    if (!c)
        return;
    const struct ig_list *l = &c->u.list;
    ok(l->has_select && l->select == (IG_LIST_RECURSIVEMATCH | IG_LIST_SUBSCRIBED) &&
           l->select_other.n == 1 && span_is(l->select_other.v[0].name, "X-S") &&
           l->select_other.v[0].has_value,
       "LIST extended: selection options");
    ok(l->reference.v.len == 0 && l->patterns_list && l->patterns.n == 2 &&
           span_is(l->patterns.v[0].v, "INBOX") && l->patterns.v[0].form == IG_FORM_QUOTED &&
           span_is(l->patterns.v[1].v, "%"),
       "LIST extended: empty reference, two patterns");
    ok(l->has_return && l->ret == (IG_LIST_CHILDREN | IG_LIST_STATUS) && l->status.n == 2 &&
           l->status.v[0] == IG_SATT_MESSAGES && l->status.v[1] == IG_SATT_UNSEEN &&
           l->return_other.n == 1 && !l->return_other.v[0].has_value,
       "LIST extended: return options");
    ok(c->ext == (IG_EXT_LIST_EXTENDED | IG_EXT_LIST_STATUS), "LIST extended: ext bits");
    c = parse1(0, "a LIST \"\" *\r\n", 0);
    ok(c && c->ext == 0 && !c->u.list.has_select && !c->u.list.has_return &&
           !c->u.list.patterns_list && c->u.list.patterns.n == 1,
       "LIST plain: one pattern, no ext bit");
    c = parse1(0, "a LIST (SPECIAL-USE) \"\" * RETURN (MYRIGHTS)\r\n", 0);
    ok(c && c->ext == (IG_EXT_LIST_EXTENDED | IG_EXT_SPECIAL_USE | IG_EXT_ACL),
       "LIST SPECIAL-USE, MYRIGHTS: ext bits");
    c = parse1(0, "a LIST \"\" (x)\r\n", 0);
    ok(c && c->ext == IG_EXT_LIST_EXTENDED, "LIST pattern list: LIST-EXTENDED");
    c = parse1(0, "A002 LSUB \"#news.\" \"comp.mail.*\"\r\n", 0);
    ok(c && c->cmd == IG_CMD_LSUB && c->typed && c->ext == IG_EXT_REV1 &&
           span_is(c->u.list.reference.v, "#news.") && c->u.list.patterns.n == 1 &&
           span_is(c->u.list.patterns.v[0].v, "comp.mail.*"),
       "LSUB: reference and pattern, rev1");
}

static void eq(const char *a, const char *b, int want, const char *what)
{
    const struct ig_command *x = parse1(0, a, 0), *y = parse1(1, b, 0);
    ok(x && y && ig_command_equal(x, y) == want && ig_command_equal(y, x) == want, what);
}

static void test_equality(void)
{
    eq("a SELECT inbox\r\n", "a SELECT INBOX\r\n", 1, "equal: INBOX in any case");
    eq("a SELECT foo\r\n", "a SELECT Foo\r\n", 0, "equal: other mailbox names are exact");
    eq("a SELECT \"x\"\r\n", "a select {1+}\r\nx\r\n", 1, "equal: string forms do not count");
    eq("a SELECT x (CONDSTORE)\r\n", "a SELECT x\r\n", 0, "equal: CONDSTORE counts");
    eq("a SELECT x (QRESYNC (1 007))\r\n", "a SELECT x (QRESYNC (1 7))\r\n", 1,
       "equal: mod-sequence by value");
    eq("a SELECT x (X-A X-B)\r\n", "a SELECT x (X-B X-A)\r\n", 0,
       "equal: other parameters in order");
    eq("a SELECT x (x-a 1)\r\n", "a SELECT x (X-A 1)\r\n", 1, "equal: labels case-insensitive");
    eq("a CREATE x (USE (\\sent))\r\n", "a CREATE x (USE (\\Sent))\r\n", 1,
       "equal: use-attr case-insensitive");
    eq("a STATUS x (MESSAGES UNSEEN)\r\n", "a STATUS x (UNSEEN MESSAGES)\r\n", 0,
       "equal: status attributes in order");
    eq("a LIST (SUBSCRIBED REMOTE) \"\" *\r\n", "a LIST (REMOTE SUBSCRIBED) \"\" *\r\n", 1,
       "equal: LIST option order does not count");
    eq("a LIST \"\" (a)\r\n", "a LIST \"\" a\r\n", 0, "equal: pattern list form counts");
    eq("a LIST INBOX \"\"\r\n", "a LIST inbox \"\"\r\n", 1, "equal: reference INBOX in any case");
    eq("a LIST \"\" INBOX\r\n", "a LIST \"\" inbox\r\n", 0, "equal: patterns are exact");
    eq("a LIST \"\" * RETURN ()\r\n", "a LIST \"\" *\r\n", 0, "equal: empty RETURN counts");
    eq("a LSUB \"\" *\r\n", "a LIST \"\" *\r\n", 0, "equal: LSUB is not LIST");
}

static void test_emit_refusals(void)
{
    const struct ig_command *c = parse1(0, "a LIST (REMOTE SUBSCRIBED) \"\" * RETURN (CHILDREN)\r\n", 0);
    struct ig_command x;
    if (!c) {
        ok(0, "emit refusals: parse");
        return;
    }
    x = *c;
    ok(emits(&x), "emit: parsed LIST");
    x.u.list.select = IG_LIST_REMOTE | IG_LIST_RECURSIVEMATCH;
    ok(!emits(&x), "emit refuses RECURSIVEMATCH without a base option");
    x = *c;
    x.u.list.select |= IG_LIST_CHILDREN;
    ok(!emits(&x), "emit refuses a return option among the selection options");
    x = *c;
    x.u.list.has_return = 0;
    ok(!emits(&x), "emit refuses return options without RETURN");
    x = *c;
    x.u.list.ret |= IG_LIST_STATUS;
    ok(!emits(&x), "emit refuses STATUS without attributes");
    x = *c;
    x.u.list.patterns.n = 0;
    ok(!emits(&x), "emit refuses LIST without a pattern");
    x = *c;
    x.cmd = IG_CMD_LSUB;
    ok(!emits(&x), "emit refuses LSUB with LIST-EXTENDED options");

    c = parse1(0, "a STATUS x (MESSAGES)\r\n", 0);
    static const uint8_t bad_att[1] = {IG_SATT__COUNT};
    x = *c;
    x.u.status.atts.v = bad_att;
    ok(!emits(&x), "emit refuses an unknown status attribute");
    x.u.status.atts.n = 0;
    ok(!emits(&x), "emit refuses an empty status attribute list");

    c = parse1(0, "a SELECT x (X-A 1:5)\r\n", 0);
    struct ig_param pm = c->u.select.other.v[0];
    x = *c;
    x.u.select.other.v = &pm;
    ok(emits(&x), "emit: parsed SELECT with a parameter");
    pm.name = (struct ig_span){(const unsigned char *)"condstore", 9};
    ok(!emits(&x), "emit refuses an other parameter named like a decoded one");
    pm.name = (struct ig_span){(const unsigned char *)"1X", 2};
    ok(!emits(&x), "emit refuses a parameter name that is not a label");
    pm = c->u.select.other.v[0];
    pm.value.v = (struct ig_span){(const unsigned char *)"0:5", 3};
    ok(!emits(&x), "emit refuses a parameter value that is not a sequence set");
    pm.value.type = IG_ARG_NIL;
    ok(!emits(&x), "emit refuses NIL as a parameter value");
    x.u.select.other.n = 0;
    ok(!emits(&x), "emit refuses empty select-params");
    x.u.select.has_params = 0;
    ok(emits(&x), "emit: SELECT without params");
    x.u.select.condstore = 1;
    ok(!emits(&x), "emit refuses CONDSTORE without has_params");

    c = parse1(0, "a SELECT x (QRESYNC (1 2 1:5))\r\n", 0);
    const struct ig_command *cp = parse1(1, "a COPY 1:* x\r\n", 0);
    x = *c;
    x.u.select.known_uids = cp->u.copy.set;
    ok(!emits(&x), "emit refuses '*' in a QRESYNC set");
    x = *c;
    x.u.select.modseq = 0;
    ok(!emits(&x), "emit refuses mod-sequence 0");

    c = parse1(0, "a CREATE x (USE (\\Sent))\r\n", 0);
    struct ig_span attr = {(const unsigned char *)"Sent", 4};
    x = *c;
    x.u.create.use.v = &attr;
    ok(!emits(&x), "emit refuses a use-attr without backslash");
}

/* The arena: a STATUS attribute takes 8 bytes while its list is built. */
static void test_arena(void)
{
    struct ig_limits lim;
    char in[600];
    ig_limits_default(&lim);
    lim.arena = 256;
    lim.max_sasl_line = 64;
    struct run_cfg cfg = {&lim, 0, 0, 0, 0};
    strcpy(in, "a STATUS x (SIZE");
    for (int i = 1; i < 32; i++)
        strcat(in, " SIZE");
    strcat(in, ")\r\n");
    char *got = run_all_ways(&cfg, in, strlen(in));
    ok(strncmp(got, "OK a STATUS x (SIZE SIZE ", 25) == 0, "arena N (32 status attributes)");
    free(got);
    strcpy(in + strlen(in) - 3, " SIZE)\r\nb NOOP\r\n");
    got = run_all_ways(&cfg, in, strlen(in));
    is_str(got, "ERR a NOMEM @172 command too complex (arena full)\nOK b NOOP @179+8\nEND idle\n",
           "arena N+1 (33 status attributes)");
    free(got);
}

int main(int argc, char **argv)
{
    const char *seeds = seed_dir_arg(argc, argv);
    struct ig_limits small;
    ig_limits_default(&small);
    small.max_depth = 3;
    small.max_items = 6;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct tcase *c = &cases[i];
        struct run_cfg cfg = {c->small ? &small : NULL, c->options, 0, 0, 0};
        if (seeds) {
            dump_seed(seeds, c->name, &cfg, c->in, c->inlen);
            continue;
        }
        char *got = run_all_ways(&cfg, c->in, c->inlen);
        is_str(got, c->want, c->name);
        free(got);
    }
    if (seeds)
        return 0;
    test_select_values();
    test_create_status_values();
    test_list_values();
    test_equality();
    test_emit_refusals();
    test_arena();
    free(slots[0].mem);
    free(slots[1].mem);
    return done();
}
