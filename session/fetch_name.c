/*
 * fetch_name.c - the spelling of one FETCH item: as a request writes it
 * (BODY.PEEK[1.2.HEADER.FIELDS (FROM TO)]<0.100>) and as a response repeats it
 * (RFC 9051 §7.5.2: BODY[1.2.HEADER.FIELDS (FROM TO)]<0>, never ".PEEK", the partial
 * reduced to its origin).
 */
#include "session_internal.h"

static const char *const simple_names[IG_FETCH__COUNT] = {
    [IG_FETCH_ENVELOPE] = "ENVELOPE",
    [IG_FETCH_FLAGS] = "FLAGS",
    [IG_FETCH_INTERNALDATE] = "INTERNALDATE",
    [IG_FETCH_RFC822_SIZE] = "RFC822.SIZE",
    [IG_FETCH_BODY] = "BODY",
    [IG_FETCH_BODYSTRUCTURE] = "BODYSTRUCTURE",
    [IG_FETCH_UID] = "UID",
    [IG_FETCH_RFC822] = "RFC822",
    [IG_FETCH_RFC822_HEADER] = "RFC822.HEADER",
    [IG_FETCH_RFC822_TEXT] = "RFC822.TEXT",
    [IG_FETCH_MODSEQ] = "MODSEQ",
    [IG_FETCH_EMAILID] = "EMAILID",
    [IG_FETCH_THREADID] = "THREADID",
};

static void put_section(struct ig__writer *w, const struct ig_section *sec, int binary)
{
    static const char *const texts[] = {"", "HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT",
                                        "TEXT", "MIME"};
    ig__putc(w, '[');
    for (uint32_t i = 0; i < sec->nparts; i++) {
        if (i)
            ig__putc(w, '.');
        if (sec->parts[i] == 0)
            w->bad = 1;
        ig__put_u64(w, sec->parts[i]);
    }
    if (sec->text > IG_SECTION_MIME || (binary && sec->text != IG_SECTION_NONE) ||
        (sec->text == IG_SECTION_MIME && sec->nparts == 0)) {
        w->bad = 1;
    } else if (sec->text != IG_SECTION_NONE) {
        if (sec->nparts)
            ig__putc(w, '.');
        ig__puts(w, texts[sec->text]);
        if (sec->text == IG_SECTION_HEADER_FIELDS || sec->text == IG_SECTION_HEADER_FIELDS_NOT) {
            if (sec->fields.n == 0)
                w->bad = 1;
            ig__puts(w, " (");
            for (uint32_t i = 0; i < sec->fields.n; i++) {
                if (i)
                    ig__putc(w, ' ');
                ig__put_astring(w, sec->fields.v[i].v);
            }
            ig__putc(w, ')');
        }
    }
    ig__putc(w, ']');
}

void ig__put_fetch_att_name(struct ig__writer *w, const struct ig_fetch_att *att, int response)
{
    switch (att->kind) {
    case IG_FETCH_BODY_SECTION:
        ig__puts(w, att->peek && !response ? "BODY.PEEK" : "BODY");
        put_section(w, &att->section, 0);
        break;
    case IG_FETCH_BINARY:
        ig__puts(w, att->peek && !response ? "BINARY.PEEK" : "BINARY");
        put_section(w, &att->section, 1);
        break;
    case IG_FETCH_BINARY_SIZE:
        ig__puts(w, "BINARY.SIZE");
        put_section(w, &att->section, 1);
        return; /* no partial */
    default:
        if (att->kind >= IG_FETCH__COUNT || simple_names[att->kind] == NULL) {
            w->bad = 1;
            return;
        }
        ig__puts(w, simple_names[att->kind]);
        return;
    }
    if (att->partial.present) {
        ig__putc(w, '<');
        ig__put_u64(w, att->partial.offset);
        if (!response) {
            ig__putc(w, '.');
            if (att->partial.count == 0)
                w->bad = 1;
            ig__put_u64(w, att->partial.count);
        }
        ig__putc(w, '>');
    }
}
