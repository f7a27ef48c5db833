/*
 * samples.c - the bundled sample mail of the reference backend (used by `imapguard
 * replay` without --maildir, with the demo account "demo" / "demo"): INBOX with a plain
 * text message (the one of the RFC 3501 / RFC 9051 §8 sample sessions), a
 * multipart/alternative, a multipart/mixed with an attachment and a forwarded
 * message/rfc822, and one with encoded words and a group address; Sent, Drafts, Lists
 * and Lists/imap. Written with CRLF line ends, as IMAP sends them and the store keeps
 * them, so that loading them copies and converts nothing per line (the session fuzz
 * target loads them for every input).
 */
#include "store.h"

struct sample {
    const char *mailbox;
    struct ig_datetime date;  /* internal date */
    uint32_t flags;
    const char *keyword;      /* one keyword or NULL */
    const char *text;
};

static const struct sample samples[] = {
    {"INBOX", {1996, 7, 17, 2, 44, 25, -420}, REF_F_SEEN, NULL,
     "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n"
     "From: Terry Gray <gray@cac.washington.edu>\r\n"
     "Subject: IMAP4rev1 WG mtg summary and minutes\r\n"
     "To: imap@cac.washington.edu\r\n"
     "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n"
     "Message-Id: <B27397-0100000@cac.washington.edu>\r\n"
     "MIME-Version: 1.0\r\n"
     "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n"
     "\r\n"
     "Minutes of the IMAP4rev1 working group meeting, Montreal.\r\n"
     "\r\n"
     "Attendees: about forty, including most implementors of the protocol.\r\n"
     "\r\n"
     "1. The draft was reviewed section by section. The FETCH BODY[section]\r\n"
     "   syntax was clarified: part numbers, HEADER, HEADER.FIELDS, TEXT and MIME.\r\n"
     "2. There was consensus that UIDs must be strictly ascending and that\r\n"
     "   UIDVALIDITY must change whenever they cannot be preserved.\r\n"
     "3. The SEARCH command keeps its keys; CHARSET support stays optional.\r\n"
     "\r\n"
     "Action items: editors to publish a revised draft within two weeks.\r\n"
     "\r\n"
     "-- Terry\r\n"},
    {"INBOX", {2024, 3, 1, 9, 15, 0, 60}, 0, NULL,
     "Return-Path: <alice@example.org>\r\n"
     "Date: Fri, 1 Mar 2024 09:14:51 +0100\r\n"
     "From: Alice Example <alice@example.org>\r\n"
     "To: Demo User <demo@example.com>\r\n"
     "Subject: Lunch on Friday?\r\n"
     "Message-ID: <lunch-2024-03-01@example.org>\r\n"
     "MIME-Version: 1.0\r\n"
     "Content-Type: multipart/alternative; boundary=\"=_alt_7f3a\"\r\n"
     "\r\n"
     "This is a multi-part message in MIME format.\r\n"
     "\r\n"
     "--=_alt_7f3a\r\n"
     "Content-Type: text/plain; charset=utf-8\r\n"
     "Content-Transfer-Encoding: quoted-printable\r\n"
     "\r\n"
     "Hi,\r\n"
     "\r\n"
     "shall we have lunch on Friday =E2=80=94 the new place near the station?\r\n"
     "Noon would suit me.\r\n"
     "\r\n"
     "Alice\r\n"
     "\r\n"
     "--=_alt_7f3a\r\n"
     "Content-Type: text/html; charset=utf-8\r\n"
     "Content-Transfer-Encoding: quoted-printable\r\n"
     "\r\n"
     "<html><body><p>Hi,</p><p>shall we have lunch on Friday =E2=80=94 the new pl=\r\n"
     "ace near the station? Noon would suit me.</p><p>Alice</p></body></html>\r\n"
     "\r\n"
     "--=_alt_7f3a--\r\n"},
    {"INBOX", {2024, 3, 4, 16, 30, 0, 0}, REF_F_FLAGGED, NULL,
     "Date: Mon, 4 Mar 2024 16:29:40 +0000\r\n"
     "From: Bob Builder <bob@example.net>\r\n"
     "To: Demo User <demo@example.com>\r\n"
     "Cc: Alice Example <alice@example.org>\r\n"
     "Subject: Quarterly report (and a forwarded note)\r\n"
     "Message-ID: <q1-report@example.net>\r\n"
     "MIME-Version: 1.0\r\n"
     "Content-Type: multipart/mixed; boundary=\"outer-b0b\"\r\n"
     "\r\n"
     "--outer-b0b\r\n"
     "Content-Type: text/plain; charset=us-ascii\r\n"
     "\r\n"
     "Here is the quarterly report, and Carol's note about the figures.\r\n"
     "\r\n"
     "Bob\r\n"
     "\r\n"
     "--outer-b0b\r\n"
     "Content-Type: application/pdf; name=\"report.pdf\"\r\n"
     "Content-Transfer-Encoding: base64\r\n"
     "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
     "Content-Description: Quarterly report\r\n"
     "\r\n"
     "JVBERi0xLjQKMSAwIG9iaiA8PCAvVHlwZSAvQ2F0YWxvZyAvUGFnZXMgMiAwIFIgPj4gZW5kb2Jq\r\n"
     "CjIgMCBvYmogPDwgL1R5cGUgL1BhZ2VzIC9LaWRzIFtdIC9Db3VudCAwID4+IGVuZG9iagp0cmFp\r\n"
     "bGVyIDw8IC9Sb290IDEgMCBSID4+CiUlRU9GCg==\r\n"
     "\r\n"
     "--outer-b0b\r\n"
     "Content-Type: message/rfc822\r\n"
     "\r\n"
     "Date: Sun, 3 Mar 2024 20:02:11 +0100\r\n"
     "From: Carol <carol@example.com>\r\n"
     "To: Bob Builder <bob@example.net>\r\n"
     "Subject: Re: figures\r\n"
     "Message-ID: <figures-re@example.com>\r\n"
     "\r\n"
     "Bob, the figures for February look right to me.\r\n"
     "Carol\r\n"
     "\r\n"
     "--outer-b0b--\r\n"},
    {"INBOX", {2024, 3, 5, 7, 0, 0, 60}, REF_F_ANSWERED | REF_F_SEEN, "$Important",
     "Date: Tue, 5 Mar 2024 06:58:02 +0100\r\n"
     "From: =?UTF-8?Q?Ren=C3=A9e_Dupont?= <renee@example.org>\r\n"
     "To: undisclosed-recipients:;\r\n"
     "Subject: =?UTF-8?B?UsOpdW5pb24gZOKAmcOpcXVpcGU6IG9yZHJlIGR1IGpvdXI=?=\r\n"
     "Message-ID: <agenda-0305@example.org>\r\n"
     "In-Reply-To: <lunch-2024-03-01@example.org>\r\n"
     "MIME-Version: 1.0\r\n"
     "Content-Type: text/plain; charset=utf-8\r\n"
     "Content-Transfer-Encoding: 8bit\r\n"
     "\r\n"
     "Bonjour \xc3\xa0 tous,\r\n"
     "\r\n"
     "l'ordre du jour de la r\xc3\xa9union de jeudi : budget, planning, divers.\r\n"
     "\r\n"
     "Ren\xc3\xa9" "e\r\n"},
    {"Sent", {2024, 3, 1, 10, 2, 0, 0}, REF_F_SEEN, NULL,
     "Date: Fri, 1 Mar 2024 10:01:58 +0000\r\n"
     "From: Demo User <demo@example.com>\r\n"
     "To: Alice Example <alice@example.org>\r\n"
     "Subject: Re: Lunch on Friday?\r\n"
     "Message-ID: <re-lunch@example.com>\r\n"
     "In-Reply-To: <lunch-2024-03-01@example.org>\r\n"
     "\r\n"
     "Noon at the new place is perfect. See you there.\r\n"},
    {"Drafts", {2024, 3, 6, 18, 45, 0, 0}, REF_F_DRAFT | REF_F_SEEN, NULL,
     "Date: Wed, 6 Mar 2024 18:44:30 +0000\r\n"
     "From: Demo User <demo@example.com>\r\n"
     "To: Bob Builder <bob@example.net>\r\n"
     "Subject: Notes on the report (draft)\r\n"
     "\r\n"
     "Bob, two remarks on the report: the totals on page 2 and\r\n"},
    {"Lists/imap", {2024, 2, 20, 12, 0, 0, 0}, REF_F_SEEN, NULL,
     "Date: Tue, 20 Feb 2024 11:59:12 +0000\r\n"
     "From: List Member <member@example.edu>\r\n"
     "To: imap-list@example.org\r\n"
     "Subject: [imap] Question about UID EXPUNGE\r\n"
     "List-Id: IMAP protocol discussion <imap.example.org>\r\n"
     "Message-ID: <uid-expunge-q@example.edu>\r\n"
     "\r\n"
     "Does UID EXPUNGE only remove the messages of the set that have \\Deleted?\r\n"},
    {"Lists/imap", {2024, 2, 20, 14, 30, 0, 0}, 0, NULL,
     "Date: Tue, 20 Feb 2024 14:29:55 +0000\r\n"
     "From: Another Member <other@example.com>\r\n"
     "To: imap-list@example.org\r\n"
     "Subject: Re: [imap] Question about UID EXPUNGE\r\n"
     "List-Id: IMAP protocol discussion <imap.example.org>\r\n"
     "Message-ID: <uid-expunge-a@example.com>\r\n"
     "In-Reply-To: <uid-expunge-q@example.edu>\r\n"
     "\r\n"
     "Yes: RFC 4315 says only messages in the set that also have \\Deleted.\r\n"},
};

unsigned char *ig_ref__crlf(const void *data, size_t len, size_t *outlen)
{
    const unsigned char *in = data;
    size_t extra = 0;
    for (size_t i = 0; i < len; i++)
        extra += in[i] == '\n' && (i == 0 || in[i - 1] != '\r');
    if (len > SIZE_MAX - extra - 1)
        return NULL;
    unsigned char *out = malloc(len + extra + 1);
    if (out == NULL)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r'))
            out[n++] = '\r';
        out[n++] = in[i];
    }
    *outlen = n;
    return out;
}

int ig_ref__add_crlf(struct ig_ref_store *st, struct ig_ref_mbox *b, const void *data,
                     size_t len, uint32_t flags, uint64_t kw, const struct ig_datetime *date)
{
    struct ig_ref_blob *blob = ig_ref__blob_new(st, data, len);
    if (blob == NULL)
        return -1;
    struct ig_ref_msg *m = ig_ref__add_msg(st, b, blob, flags, kw, date);
    ig_ref__blob_unref(st, blob);
    return m ? 0 : -1;
}

int ig_ref__add_raw(struct ig_ref_store *st, struct ig_ref_mbox *b, const void *data, size_t len,
                    uint32_t flags, uint64_t kw, const struct ig_datetime *date)
{
    size_t n;
    unsigned char *crlf = ig_ref__crlf(data, len, &n);
    if (crlf == NULL)
        return -1;
    int r = ig_ref__add_crlf(st, b, crlf, n, flags, kw, date);
    free(crlf);
    return r;
}

int ig_ref_load_samples(struct ig_ref_store *st, struct ig_ref_user *u)
{
    static const char *const subscribed[] = {"INBOX", "Sent", "Drafts", "Lists/imap"};
    if (st == NULL || u == NULL)
        return -1;
    for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
        const struct sample *s = &samples[i];
        int created;
        struct ig_ref_mbox *b = ig_ref__create(st, u, (const unsigned char *)s->mailbox,
                                               strlen(s->mailbox), &created);
        if (b == NULL)
            return -1;
        if (strcmp(s->mailbox, "Sent") == 0)
            b->use = REF_USE_SENT;
        if (strcmp(s->mailbox, "Drafts") == 0)
            b->use = REF_USE_DRAFTS;
        uint64_t kw = 0;
        if (s->keyword) {
            struct ig_span k = {(const unsigned char *)s->keyword, strlen(s->keyword)};
            int x = ig_ref__keyword(st, k, 1);
            if (x < 0)
                return -1;
            kw = (uint64_t)1 << x;
        }
        if (ig_ref__add_crlf(st, b, s->text, strlen(s->text), s->flags, kw, &s->date))
            return -1;
    }
    for (size_t i = 0; i < sizeof(subscribed) / sizeof(subscribed[0]); i++)
        if (ig_ref__subscribe(st, u, (const unsigned char *)subscribed[i], strlen(subscribed[i]), 1))
            return -1;
    return 0;
}
