/*
 * dovecot_driver.h - the benchmark's second parser: Dovecot's imap_parser (libdovecot,
 * from Debian's dovecot-dev), driven over a whole client stream the way imapd drives
 * it. Only built where dovecot-dev is installed (BENCH_DOVECOT); no Dovecot type shows
 * here, so bench_parse.c builds without its headers.
 */
#ifndef BENCH_DOVECOT_DRIVER_H
#define BENCH_DOVECOT_DRIVER_H

#include <stddef.h>

struct dovecot_result {
    unsigned long ok;     /* tagged commands whose arguments were read to the line end */
    unsigned long done;   /* DONE lines read after IDLE */
    unsigned long errors; /* tags, command names or argument lines refused */
    size_t data_octets;   /* APPEND message octets skipped over (as imapd streams them) */
    size_t err_offset;    /* stream offset of the first refused command */
    char first_error[128];
};

/* lib_init() once; 0 on success. */
int dovecot_driver_init(void);

/* One pass over in[0..len): every command read (tag, name, arguments), APPEND messages
 * passed by their literal size, DONE read after IDLE. */
void dovecot_parse_pass(const unsigned char *in, size_t len, struct dovecot_result *r);

#endif
