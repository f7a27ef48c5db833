/*
 * dovecot_driver.c - drives Dovecot's imap_parser over a client stream as imapd does
 * (src/imap/imap-client.c: read the tag, the command name and a second word after
 * "UID", then the arguments; skip to the line end after each command; APPEND reads the
 * mailbox, then its flags, date and message literal with a second parser that returns
 * the literal's size so the octets are streamed past, not parsed; IDLE reads lines
 * until DONE). Written from Dovecot's public API in imap-parser.h and istream.h only.
 *
 * Where it is lighter than imapd, on purpose (so the comparison never flatters
 * imapguard): the whole stream is one in-memory istream (no read() refills, no buffer
 * compaction), no "+ OK" continuation is written (no ostream), no per-command pool,
 * and the APPEND parser is created once and reset, where imapd creates one per APPEND.
 * Dovecot's parser only tokenizes here: the typed checks imapd does later (sequence
 * sets, FETCH items, search keys, dates) are not run, while imapguard's figures include
 * them.
 */
#include "lib.h"
#include "imap-parser.h"
#include "istream.h"

#include "dovecot_driver.h"

#include <stdio.h>
#include <strings.h>

/* imapd's default imap_max_line_length (64 KiB), the same as imapguard's max_line. */
#define MAX_LINE 65536

int dovecot_driver_init(void)
{
    lib_init();
    return 0;
}

/* client_skip_line(): the rest of the line, through its LF. */
static void skip_line(struct istream *input)
{
    size_t size, i;
    const unsigned char *data = i_stream_get_data(input, &size);
    for (i = 0; i < size && data[i] != '\n'; i++)
        ;
    i_stream_skip(input, i < size ? i + 1 : i);
}

/* A refused command: counted, the first one kept, and (for a parser error) the rest of
 * its line skipped, as imapd does after a BAD. */
static void refused(struct dovecot_result *r, size_t at, const char *what,
                    struct imap_parser *parser, struct istream *input)
{
    if (parser != NULL)
        skip_line(input);
    if (r->errors++ > 0)
        return;
    r->err_offset = at;
    enum imap_parser_error code = IMAP_PARSE_ERROR_NONE;
    const char *msg = parser != NULL ? imap_parser_get_error(parser, &code) : NULL;
    if (code == IMAP_PARSE_ERROR_NONE || msg == NULL) /* a tag or name: no parser error */
        msg = "";
    snprintf(r->first_error, sizeof(r->first_error), "%s%s%s", what, *msg ? ": " : "", msg);
}

/* APPEND after its mailbox: [flags] [date] literal-size, the message octets passed
 * over, then the line end (cmd-append.c reads with LITERAL_SIZE so the literal is not
 * copied into an argument). Returns 0 when the command was read whole. */
static int append_rest(struct imap_parser *save, struct istream *input,
                       struct dovecot_result *r)
{
    const struct imap_arg *args;
    uoff_t size = 0;
    imap_parser_reset(save);
    int ret = imap_parser_read_args(save, 0, IMAP_PARSE_FLAG_LITERAL_SIZE |
                                             IMAP_PARSE_FLAG_LITERAL8, &args);
    if (ret <= 0)
        return -1;
    if (!imap_arg_get_literal_size(&args[ret - 1], &size) ||
        i_stream_get_data_size(input) < size)
        return -1;
    i_stream_skip(input, size);
    r->data_octets += size;
    imap_parser_reset(save);
    ret = imap_parser_read_args(save, 0, IMAP_PARSE_FLAG_LITERAL_SIZE, &args);
    return ret == 0 ? 0 : -1; /* only the CRLF after the message */
}

static void one_command(struct imap_parser *parser, struct imap_parser *save,
                        struct istream *input, size_t len, struct dovecot_result *r)
{
    size_t at = len - i_stream_get_data_size(input);
    const char *tag, *name;
    const struct imap_arg *args;

    imap_parser_reset(parser);
    if (imap_parser_read_tag(parser, &tag) != 1) {
        refused(r, at, "invalid tag", parser, input);
        return;
    }
    if (imap_parser_read_command_name(parser, &name) != 1) {
        refused(r, at, "invalid command name", parser, input);
        return;
    }
    if (strcasecmp(name, "UID") == 0 && imap_parser_read_command_name(parser, &name) != 1) {
        refused(r, at, "invalid UID command name", parser, input);
        return;
    }
    if (strcasecmp(name, "APPEND") == 0) {
        if (imap_parser_read_args(parser, 1, 0, &args) < 1 || append_rest(save, input, r)) {
            refused(r, at, "APPEND", save, input);
            return;
        }
    } else if (imap_parser_read_args(parser, 0, 0, &args) < 0) {
        refused(r, at, name, parser, input);
        return;
    }
    r->ok++;
    skip_line(input);
    if (strcasecmp(name, "IDLE") == 0) { /* cmd-idle.c: lines until DONE */
        const char *line = i_stream_next_line(input);
        if (line == NULL || strcasecmp(line, "DONE") != 0)
            refused(r, at, "IDLE without DONE", NULL, input);
        else
            r->done++;
    }
}

void dovecot_parse_pass(const unsigned char *in, size_t len, struct dovecot_result *r)
{
    memset(r, 0, sizeof(*r));
    struct istream *input = i_stream_create_from_data(in, len);
    struct imap_parser *parser = imap_parser_create(input, NULL, MAX_LINE, NULL);
    struct imap_parser *save = imap_parser_create(input, NULL, MAX_LINE, NULL);
    (void)i_stream_read(input); /* a data stream: everything is buffered at once */
    while (i_stream_get_data_size(input) > 0) {
        T_BEGIN {
            one_command(parser, save, input, len, r);
        } T_END;
    }
    imap_parser_unref(&save);
    imap_parser_unref(&parser);
    i_stream_unref(&input);
}
