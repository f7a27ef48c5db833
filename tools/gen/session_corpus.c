/*
 * session_corpus.c - the seed corpus of the `session` fuzz target, generated from the
 * command x state table (ig_cmd_rule) and one valid and one invalid example line per
 * command, and the matrix that shows it covers every cell.
 *
 *   session_corpus gen DIR      writes DIR/<state>.<command>.<valid|invalid>: a prefix
 *                               that reaches the state for real (LOGIN, SELECT, EXAMINE,
 *                               AUTHENTICATE or IDLE in progress, inside APPEND, after
 *                               LOGOUT), then the command
 *   session_corpus matrix DIR   replays every file through the session and the reference
 *                               backend, records the (state, command) of every command
 *                               the trace reports, prints the state x command table with
 *                               the seed count of each cell, and exits 1 when a cell is
 *                               empty
 *
 * The seed format is fuzz/fuzz_session.c's: a flags byte, a feed-size byte, the stream.
 */
#include "imapguard_session.h"
#include "ref.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One valid and one invalid line per command (the invalid one breaks the grammar:
 * missing or extra arguments). %T is where the tag goes. */
struct example {
    enum ig_cmd cmd;
    const char *valid;
    const char *invalid;
};

static const struct example examples[] = {
    {IG_CMD_CAPABILITY, "c1 CAPABILITY\r\n", "c1 CAPABILITY now\r\n"},
    {IG_CMD_NOOP, "c1 NOOP\r\n", "c1 NOOP 1\r\n"},
    {IG_CMD_LOGOUT, "c1 LOGOUT\r\n", "c1 LOGOUT now\r\n"},
    {IG_CMD_STARTTLS, "c1 STARTTLS\r\n", "c1 STARTTLS now\r\n"},
    {IG_CMD_AUTHENTICATE, "c1 AUTHENTICATE PLAIN AGRlbW8AZGVtbw==\r\n", "c1 AUTHENTICATE\r\n"},
    {IG_CMD_LOGIN, "c1 LOGIN demo demo\r\n", "c1 LOGIN demo\r\n"},
    {IG_CMD_ENABLE, "c1 ENABLE CONDSTORE UTF8=ACCEPT\r\n", "c1 ENABLE\r\n"},
    {IG_CMD_SELECT, "c1 SELECT INBOX\r\n", "c1 SELECT\r\n"},
    {IG_CMD_EXAMINE, "c1 EXAMINE INBOX\r\n", "c1 EXAMINE INBOX (\r\n"},
    {IG_CMD_CREATE, "c1 CREATE Projects/2024\r\n", "c1 CREATE\r\n"},
    {IG_CMD_DELETE, "c1 DELETE Drafts\r\n", "c1 DELETE Drafts x\r\n"},
    {IG_CMD_RENAME, "c1 RENAME Drafts Old-Drafts\r\n", "c1 RENAME Drafts\r\n"},
    {IG_CMD_SUBSCRIBE, "c1 SUBSCRIBE Sent\r\n", "c1 SUBSCRIBE\r\n"},
    {IG_CMD_UNSUBSCRIBE, "c1 UNSUBSCRIBE Sent\r\n", "c1 UNSUBSCRIBE\r\n"},
    {IG_CMD_LIST, "c1 LIST \"\" *\r\n", "c1 LIST \"\"\r\n"},
    {IG_CMD_LSUB, "c1 LSUB \"\" *\r\n", "c1 LSUB\r\n"},
    {IG_CMD_NAMESPACE, "c1 NAMESPACE\r\n", "c1 NAMESPACE x\r\n"},
    {IG_CMD_STATUS, "c1 STATUS INBOX (MESSAGES UIDNEXT UNSEEN)\r\n", "c1 STATUS INBOX\r\n"},
    {IG_CMD_APPEND, "c1 APPEND INBOX (\\Seen) {22+}\r\nSubject: hi\r\n\r\nhello\r\n\r\n",
     "c1 APPEND INBOX\r\n"},
    {IG_CMD_IDLE, "c1 IDLE\r\nDONE\r\n", "c1 IDLE now\r\n"},
    {IG_CMD_CHECK, "c1 CHECK\r\n", "c1 CHECK x\r\n"},
    {IG_CMD_CLOSE, "c1 CLOSE\r\n", "c1 CLOSE x\r\n"},
    {IG_CMD_UNSELECT, "c1 UNSELECT\r\n", "c1 UNSELECT x\r\n"},
    {IG_CMD_EXPUNGE, "c1 EXPUNGE\r\n", "c1 EXPUNGE x\r\n"},
    {IG_CMD_SEARCH, "c1 SEARCH OR (FROM alice) (SUBJECT report) SINCE 1-Jan-2020\r\n",
     "c1 SEARCH (ALL\r\n"},
    {IG_CMD_FETCH, "c1 FETCH 1:* (FLAGS UID BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])\r\n",
     "c1 FETCH 1\r\n"},
    {IG_CMD_STORE, "c1 STORE 1 +FLAGS.SILENT (\\Seen)\r\n", "c1 STORE 1 FLAGS\r\n"},
    {IG_CMD_COPY, "c1 COPY 1:2 Sent\r\n", "c1 COPY 1:2\r\n"},
    {IG_CMD_MOVE, "c1 MOVE 1 Sent\r\n", "c1 MOVE 0 Sent\r\n"},
    {IG_CMD_UID_FETCH, "c1 UID FETCH 1:* (FLAGS RFC822.SIZE BODY.PEEK[1]<0.10>)\r\n",
     "c1 UID FETCH 1:* (FLAGS\r\n"},
    {IG_CMD_UID_STORE, "c1 UID STORE 1:* -FLAGS (\\Deleted)\r\n", "c1 UID STORE 1:*\r\n"},
    {IG_CMD_UID_COPY, "c1 UID COPY 1 Drafts\r\n", "c1 UID COPY Drafts\r\n"},
    {IG_CMD_UID_MOVE, "c1 UID MOVE 2 Drafts\r\n", "c1 UID MOVE\r\n"},
    {IG_CMD_UID_SEARCH, "c1 UID SEARCH RETURN (MIN MAX COUNT) NOT SEEN\r\n",
     "c1 UID SEARCH RETURN (\r\n"},
    {IG_CMD_UID_EXPUNGE, "c1 UID EXPUNGE 1:*\r\n", "c1 UID EXPUNGE\r\n"},
    {IG_CMD_ID, "c1 ID (\"name\" \"fuzz\")\r\n", "c1 ID (\"name\")\r\n"},
    {IG_CMD_COMPRESS, "c1 COMPRESS DEFLATE\r\n", "c1 COMPRESS\r\n"},
    {IG_CMD_GETQUOTA, "c1 GETQUOTA \"\"\r\n", "c1 GETQUOTA\r\n"},
    {IG_CMD_GETQUOTAROOT, "c1 GETQUOTAROOT INBOX\r\n", "c1 GETQUOTAROOT\r\n"},
    {IG_CMD_SETQUOTA, "c1 SETQUOTA \"\" (STORAGE 512)\r\n", "c1 SETQUOTA \"\"\r\n"},
    {IG_CMD_SETACL, "c1 SETACL INBOX bob +lr\r\n", "c1 SETACL INBOX bob\r\n"},
    {IG_CMD_DELETEACL, "c1 DELETEACL INBOX bob\r\n", "c1 DELETEACL INBOX\r\n"},
    {IG_CMD_GETACL, "c1 GETACL INBOX\r\n", "c1 GETACL\r\n"},
    {IG_CMD_LISTRIGHTS, "c1 LISTRIGHTS INBOX bob\r\n", "c1 LISTRIGHTS INBOX\r\n"},
    {IG_CMD_MYRIGHTS, "c1 MYRIGHTS INBOX\r\n", "c1 MYRIGHTS\r\n"},
    {IG_CMD_GETMETADATA, "c1 GETMETADATA INBOX /private/comment\r\n", "c1 GETMETADATA INBOX\r\n"},
    {IG_CMD_SETMETADATA, "c1 SETMETADATA INBOX (/private/comment \"hi\")\r\n",
     "c1 SETMETADATA INBOX\r\n"},
    {IG_CMD_SORT, "c1 SORT (REVERSE DATE) UTF-8 ALL\r\n", "c1 SORT (DATE) ALL\r\n"},
    {IG_CMD_UID_SORT, "c1 UID SORT (SUBJECT) UTF-8 SINCE 1-Jan-2020\r\n", "c1 UID SORT\r\n"},
    {IG_CMD_THREAD, "c1 THREAD REFERENCES UTF-8 ALL\r\n", "c1 THREAD REFERENCES\r\n"},
    {IG_CMD_UID_THREAD, "c1 UID THREAD ORDEREDSUBJECT UTF-8 ALL\r\n", "c1 UID THREAD\r\n"},
    {IG_CMD_ESEARCH, "c1 ESEARCH IN (personal) RETURN (COUNT) ALL\r\n", "c1 ESEARCH IN\r\n"},
    {IG_CMD_OTHER, "c1 XYZZY plugh\r\n", "c1 X\"Y\r\n"},
};

/* How each state is reached. "rw"/"ro": SELECT / EXAMINE. The sub-exchanges put the
 * command where a SASL response, a DONE or APPEND octets are expected. */
struct state {
    const char *name;
    const char *prefix;
    uint8_t flags;  /* fuzz_session flags byte: bit 0 plaintext login allowed */
};

static const struct state states[] = {
    {"not-auth", "", 1},
    {"auth", "p1 LOGIN demo demo\r\n", 1},
    {"selected-rw", "p1 LOGIN demo demo\r\np2 SELECT INBOX\r\n", 1},
    {"selected-ro", "p1 LOGIN demo demo\r\np2 EXAMINE INBOX\r\n", 1},
    {"authenticate", "p1 AUTHENTICATE PLAIN\r\n", 1},
    {"idle", "p1 LOGIN demo demo\r\np2 SELECT INBOX\r\np3 IDLE\r\n", 1},
    {"append", "p1 LOGIN demo demo\r\np2 APPEND INBOX {5+}\r\nhello ", 1},
    {"logout", "p1 LOGOUT\r\n", 1},
    {"not-auth-no-tls", "", 0},
};

static void lower(char *out, const char *in, size_t cap)
{
    size_t k = 0;
    for (; *in && k + 1 < cap; in++)
        out[k++] = (*in == ' ') ? '-' : (char)((*in >= 'A' && *in <= 'Z') ? *in + 32 : *in);
    out[k] = 0;
}

static int gen(const char *dir)
{
    int files = 0;
    for (size_t s = 0; s < sizeof(states) / sizeof(states[0]); s++) {
        for (size_t e = 0; e < sizeof(examples) / sizeof(examples[0]); e++) {
            for (int form = 0; form < 2; form++) {
                char name[64], path[512];
                lower(name, ig_cmd_name(examples[e].cmd), sizeof(name));
                snprintf(path, sizeof(path), "%s/%s.%s.%s", dir, states[s].name, name,
                         form ? "invalid" : "valid");
                FILE *f = fopen(path, "wb");
                if (f == NULL) {
                    perror(path);
                    return 1;
                }
                fputc(states[s].flags, f);
                fputc(0, f); /* one feed */
                fputs(states[s].prefix, f);
                fputs(form ? examples[e].invalid : examples[e].valid, f);
                fclose(f);
                files++;
            }
        }
    }
    printf("session corpus: %d seeds in %s\n", files, dir);
    return 0;
}

/* ---- matrix ---- */

static unsigned counts[IG_STATE__COUNT][IG_CMD__COUNT];
static int seen_in_file[IG_STATE__COUNT][IG_CMD__COUNT];

static void on_trace(void *ctx, const struct ig_trace *t)
{
    (void)ctx;
    if (!t->is_action && (unsigned)t->before < IG_STATE__COUNT && (unsigned)t->cmd < IG_CMD__COUNT)
        seen_in_file[t->before][t->cmd] = 1;
}

static void replay(const unsigned char *data, size_t len)
{
    struct ig_session s;
    struct ig_session_config cfg;
    struct ig_ref_store *store;
    struct ig_ref_conn *conn;
    if (len < 2)
        return;
    ig_session_config_default(&cfg);
    cfg.plaintext_login = data[0] & 1;
    struct ig_ref_config rc;
    ig_ref_config_default(&rc);
    rc.deterministic = 1;
    store = ig_ref_store_new(&rc);
    struct ig_ref_user *u = ig_ref_add_user(store, IG_REF_DEMO_USER, strlen(IG_REF_DEMO_USER),
                                            IG_REF_DEMO_PASS, strlen(IG_REF_DEMO_PASS));
    if (store == NULL || u == NULL || ig_ref_load_samples(store, u) != 0)
        return;
    conn = ig_ref_conn_new(store);
    size_t ms = ig_session_memsize(&cfg);
    void *mem = malloc(ms);
    ig_session_init(&s, &cfg, &ig_ref_backend, conn, mem, ms);
    ig_session_set_trace(&s, on_trace, NULL);
    size_t pos = 2;
    for (int guard = 0; guard < 100000 && pos < len; guard++) {
        struct ig_span o;
        while ((o = ig_session_output(&s)).len)
            ig_session_sent(&s, o.len);
        enum ig_action a = ig_session_action(&s);
        if (a == IG_ACT_CLOSE)
            break;
        if (a == IG_ACT_STARTTLS)
            ig_session_tls_started(&s);
        size_t used = 0;
        ig_session_feed(&s, data + pos, len - pos, &used);
        pos += used;
    }
    free(mem);
    ig_ref_conn_free(conn);
    ig_ref_store_free(store);
}

static int matrix(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    if (d == NULL) {
        perror(dir);
        return 2;
    }
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        FILE *f = fopen(path, "rb");
        if (f == NULL)
            continue;
        unsigned char buf[65536];
        size_t n = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        memset(seen_in_file, 0, sizeof(seen_in_file));
        replay(buf, n);
        for (int st = 0; st < IG_STATE__COUNT; st++)
            for (int c = 0; c < IG_CMD__COUNT; c++)
                counts[st][c] += (unsigned)seen_in_file[st][c];
    }
    closedir(d);
    int empty = 0;
    printf("%-14s %9s %9s %9s %9s\n", "command", "NOT_AUTH", "AUTH", "SELECTED", "LOGOUT");
    for (int c = 0; c < IG_CMD_DONE; c++) {
        printf("%-14s", ig_cmd_name((enum ig_cmd)c));
        for (int st = 0; st < IG_STATE__COUNT; st++) {
            /* Nothing is ever read in Logout: that column only reports. */
            if (st != IG_STATE_LOGOUT && counts[st][c] == 0)
                empty++;
            printf(" %9u", counts[st][c]);
        }
        printf("\n");
    }
    if (empty) {
        printf("corpus-matrix: %d empty cell(s) (state x command without a seed)\n", empty);
        return 1;
    }
    printf("corpus-matrix: every (state, command) cell has seeds\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "gen") == 0)
        return gen(argv[2]);
    if (argc == 3 && strcmp(argv[1], "matrix") == 0)
        return matrix(argv[2]);
    fprintf(stderr, "usage: session_corpus gen|matrix DIR\n");
    return 2;
}
