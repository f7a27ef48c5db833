* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN] Dovecot (Debian) ready.
* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN
a1 OK Pre-login capabilities listed, post-login capabilities have more.
* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY SPECIAL-USE
a2 OK Logged in
* ENABLED CONDSTORE
a3 OK Enabled (0.001 + 0.000 secs).
* LIST (\HasNoChildren \Sent) "/" Sent
* LIST (\HasNoChildren) "/" INBOX
a4 OK List completed (0.002 + 0.000 + 0.001 secs).
* LIST (\Sent) "/" Sent
* STATUS Sent (MESSAGES 0 UIDNEXT 1)
a5 OK List completed (0.094 + 0.000 + 0.093 secs).
a6 OK Lsub completed (0.001 + 0.000 secs).
* STATUS INBOX (MESSAGES 2 RECENT 2 UIDNEXT 3 UIDVALIDITY 1796465990 UNSEEN 2 HIGHESTMODSEQ 3)
a7 OK Status completed (0.002 + 0.000 + 0.002 secs).
* FLAGS (\Answered \Flagged \Deleted \Seen \Draft)
* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft \*)] Flags permitted.
* 2 EXISTS
* 2 RECENT
* OK [UNSEEN 1] First unseen.
* OK [UIDVALIDITY 1796465990] UIDs valid
* OK [UIDNEXT 3] Predicted next UID
* OK [HIGHESTMODSEQ 3] Highest
a8 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).
* 1 FETCH (FLAGS (\Recent) UID 1 MODSEQ (3) RFC822.SIZE 277 INTERNALDATE "05-Dec-2026 10:19:50 +0000" ENVELOPE ("Mon, 7 Feb 1994 21:52:25 -0800" "=?UTF-8?Q?caf=C3=A9?= plans" (("Alice" NIL "alice" "example.org")) (("Alice" NIL "alice" "example.org")) (("Alice" NIL "alice" "example.org")) (("Bob" NIL "bob" "example.org")) NIL NIL NIL "<B27397-0100000@example.org>") BODYSTRUCTURE ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 34 2 NIL NIL NIL NIL))
* 2 FETCH (FLAGS (\Recent) UID 2 MODSEQ (3) RFC822.SIZE 412 INTERNALDATE "05-Dec-2026 10:19:51 +0000" ENVELOPE ("Tue, 8 Feb 1994 10:00:00 +0100" "report [draft] (v2)" (({17}
Carol "C" Example NIL "carol" "example.org")) (({17}
Carol "C" Example NIL "carol" "example.org")) (({17}
Carol "C" Example NIL "carol" "example.org")) ((NIL NIL "alice" "example.org")(NIL NIL "bob" "example.org")) NIL NIL NIL NIL) BODYSTRUCTURE (("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 14 0 NIL NIL NIL NIL)("application" "octet-stream" ("name" "a.bin") NIL NIL "base64" 16 NIL NIL NIL NIL) "mixed" ("boundary" "b1") NIL NIL NIL))
a9 OK Fetch completed (0.002 + 0.000 + 0.001 secs).
* 1 FETCH (FLAGS (\Seen \Recent) BODY[HEADER.FIELDS (SUBJECT FROM)] {73}
From: Alice <alice@example.org>
Subject: =?UTF-8?Q?caf=C3=A9?= plans

 BODY[TEXT]<0> {8}
Hello Bo)
* 1 FETCH (MODSEQ (4))
a10 OK Fetch completed (0.002 + 0.000 + 0.001 secs).
* 1 FETCH (UID 1 BODY[] {277}
From: Alice <alice@example.org>
To: Bob <bob@example.org>
Subject: =?UTF-8?Q?caf=C3=A9?= plans
Date: Mon, 7 Feb 1994 21:52:25 -0800
Message-ID: <B27397-0100000@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Hello Bob,
see you at the cafe.
)
* 2 FETCH (UID 2 FLAGS (\Seen \Recent) BODY[] {412}
From: "Carol \"C\" Example" <carol@example.org>
To: alice@example.org, bob@example.org
Subject: report [draft] (v2)
Date: Tue, 8 Feb 1994 10:00:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Body part one.
--b1
Content-Type: application/octet-stream; name="a.bin"
Content-Transfer-Encoding: base64

AAECAwQFBgcICQ==
--b1--
)
* 2 FETCH (MODSEQ (5))
a11 OK Fetch completed (0.002 + 0.000 + 0.001 secs).
* SEARCH
a12 OK Search completed (0.001 + 0.000 secs).
* ESEARCH (TAG "a13") UID MIN 1 MAX 2 ALL 1:2 COUNT 2
a13 OK Search completed (0.001 + 0.000 secs).
* FLAGS (\Answered \Flagged \Deleted \Seen \Draft $Work)
* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft $Work \*)] Flags permitted.
* 1 FETCH (MODSEQ (7) FLAGS (\Flagged \Seen \Recent $Work))
a14 OK Store completed (0.010 + 0.000 + 0.009 secs).
a15 OK [MODIFIED 2] Conditional store failed (0.001 + 0.000 secs).
a16 OK [COPYUID 1796465991 1 1] Copy completed (0.031 + 0.000 + 0.030 secs).
+ OK
a17 OK [APPENDUID 1796465991 2] Append completed (0.032 + 0.001 + 0.031 secs).
* NAMESPACE (("" "/")) NIL NIL
a18 OK Namespace completed (0.001 + 0.000 secs).
* ID ("name" "Dovecot")
a19 OK ID completed (0.001 + 0.000 secs).
a20 OK Create completed (0.025 + 0.000 + 0.024 secs).
* LIST (\HasNoChildren) "/" "a \"quoted\" name"
a21 OK List completed (0.001 + 0.000 secs).
a22 BAD Error in IMAP command FETCH: Invalid messageset (0.001 + 0.000 secs).
a23 BAD Error in IMAP command BOGUS: Unknown command (0.001 + 0.000 secs).
+ idling
a24 OK Idle completed (0.001 + 0.001 secs).
a25 OK Expunge completed (0.001 + 0.000 secs).
* BYE Logging out
a26 OK Logout completed (0.001 + 0.000 secs).
