/*
 * mix.h - a deterministic generator of a realistic client->server IMAP byte stream
 * (sessions of Thunderbird-, iOS Mail- and Outlook-like clients, concatenated) for the
 * benchmark. Same size in, same bytes out: a fixed-seed PRNG, no rand(), no clock.
 */
#ifndef BENCH_MIX_H
#define BENCH_MIX_H

#include <stddef.h>

/* Writes whole commands into buf until fewer than MIX_MIN_CAP bytes are left, ends
 * with a LOGOUT, and returns the number of bytes written (0 when cap < MIX_MIN_CAP). */
#define MIX_MIN_CAP 65536u
size_t mix_generate(unsigned char *buf, size_t cap);

/* Figures of the last mix_generate() call. */
unsigned long mix_command_count(void); /* tagged commands (DONE lines not counted) */
unsigned long mix_done_count(void);    /* IDLE ... DONE pairs */
size_t mix_message_octets(void);       /* octets of APPEND messages (literal data) */

#endif
