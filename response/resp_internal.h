/*
 * resp_internal.h - symbols shared by the response reader's .c files (prefix ig__r),
 * never installed. resp_reader.c frames the stream (lines, literal headers, literal octets)
 * into the reader's buffer; resp_parse.c runs the grammar over one buffered response with
 * the tokens of resp_lex.gen.c (grammar/response/resp_lex.re); resp_typed.c derives the typed forms
 * from the generic tree. Nothing here includes parser/ or session/ headers.
 */
#ifndef IG_RESP_INTERNAL_H
#define IG_RESP_INTERNAL_H

#include "imapguard_response.h"

#include <assert.h>
#include <string.h>

/* Response words (ig__rlex_word). */
enum ig__rword {
    IG__W_NONE = 0, IG__W_OK, IG__W_NO, IG__W_BAD, IG__W_PREAUTH, IG__W_BYE,
    IG__W_CAPABILITY, IG__W_ENABLED, IG__W_FLAGS, IG__W_LIST, IG__W_LSUB, IG__W_STATUS,
    IG__W_SEARCH, IG__W_ESEARCH, IG__W_VANISHED, IG__W_EXISTS, IG__W_EXPUNGE,
    IG__W_RECENT, IG__W_FETCH, IG__W_NUMBER, IG__W_ATOM
};

/* Tokens of the generic tree (ig__rlex_token). */
enum ig__rtok {
    IG__T_BAD = 0, IG__T_SP, IG__T_LPAR, IG__T_RPAR, IG__T_CRLF, IG__T_NIL, IG__T_QUOTED,
    IG__T_QNUL, IG__T_LITERAL, IG__T_LITERAL8, IG__T_ATOM
};

int ig__rlex_tag(const unsigned char *cur, size_t *len);
size_t ig__rlex_text(const unsigned char *cur);
size_t ig__rlex_codetext(const unsigned char *cur);
int ig__rlex_word(const unsigned char *cur, size_t *len);
int ig__rlex_code(const unsigned char *cur, size_t *len);
int ig__rlex_token(const unsigned char *cur, size_t *len);

/* One literal of the response in progress, as framed. */
struct ig__rlit {
    size_t hdr;          /* buffer index of the header's "{" (or "~") */
    size_t hdr_end;      /* buffer index just after the header's LF */
    size_t resume;       /* buffer index where the text after the literal starts */
    uint64_t resume_off; /* its stream offset */
    uint64_t size;
    uint8_t kept, lit8;
};

/* Outcome of a grammar pass. */
enum ig__rres { IG__R_DONE = 0, IG__R_PENDING = 1, IG__R_FAIL = 2 };

/* One grammar pass over _buf[0.._len). */
struct ig__rps {
    struct ig_response_reader *r;
    const unsigned char *buf, *cur;
    struct ig_response *resp;
    int prefix;            /* the text ends in a literal header not yet framed */
    uint32_t lit;          /* literals met so far */
    uint32_t items;
    size_t lo, hi;         /* arena marks */
    const unsigned char *last_atom; /* the atom before the last SP (literal item) */
    size_t last_atom_len;
    enum ig_status code;
    const char *reason;
    const unsigned char *errpos;
};

/* Runs the grammar; prefix: stop with IG__R_PENDING at the unframed literal. */
enum ig__rres ig__rparse(struct ig_response_reader *r, struct ig__rps *ps, int prefix);

/* Failure helpers: record code / reason / position, return -1. */
int ig__rfail(struct ig__rps *ps, enum ig_status code, const unsigned char *pos,
              const char *reason);

/* Arena (bottom: results) for typed arrays and decoded strings; NULL when full
 * (the caller reports IG_E_NOMEM). */
void *ig__ralloc(struct ig__rps *ps, size_t size);

/* Typed forms of untagged data and of response codes (resp_typed.c); -1 on failure. */
int ig__rtyped_data(struct ig__rps *ps, struct ig_response *resp, int word);
int ig__rtyped_code(struct ig__rps *ps, struct ig_resp_code *code);

/* Value checks shared by resp_typed.c and resp_emit.c. */
int ig__rnumber(struct ig_span s, uint64_t max, int nz, uint64_t *out);
int ig__rseqset(struct ig_span s, int allow_star);
int ig__rdatetime(struct ig_span s, struct ig_datetime *out);
int ig__rspan_ieq(struct ig_span s, const char *word);

#endif
