/*
 * maildir.c - loads a Maildir++ folder into the reference store (Dovecot layout): DIR
 * itself is INBOX, DIR/.A.B is mailbox "A/B"; the files of new/ and cur/ become
 * messages in file-name order (UIDs are deterministic), flags come from the ":2,"
 * info suffix (D F R S T, and a-z through dovecot-keywords), the internal date from the
 * mtime or the fixed clock. Read only: nothing is ever written back to the disk, and
 * nothing outside DIR is read (symbolic links below DIR are skipped).
 */
#define _POSIX_C_SOURCE 200809L
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

struct entry {
    char *name;          /* file name */
    int cur;             /* in cur/ (else new/) */
};

static void set_err(char *err, size_t errlen, const char *what, const char *path)
{
    if (err && errlen)
        snprintf(err, errlen, "%s: %s", path, what);
}

static char *path_join(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + (c ? strlen(c) : 0) + 3;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s%s%s", a, b, c ? "/" : "", c ? c : "");
    return p;
}

/* Below DIR, folders and message files must be themselves, never symbolic links
 * (lstat): a link would let a mailbox of the store read a path outside DIR. DIR itself
 * may be a link (follow: 1), the caller named it. */
static int is_dir(const char *path, int follow)
{
    struct stat sb;
    return (follow ? stat(path, &sb) : lstat(path, &sb)) == 0 && S_ISDIR(sb.st_mode);
}

static int is_maildir(const char *path, int follow)
{
    char *cur = path_join(path, "cur", NULL), *nw = path_join(path, "new", NULL);
    int r = cur && nw && is_dir(path, follow) && (is_dir(cur, 0) || is_dir(nw, 0));
    free(cur);
    free(nw);
    return r;
}

static int entry_cmp(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    /* by the unique part of the name (before ":2,"), so a message keeps its place when
       its flags change */
    size_t xl = strcspn(x->name, ":"), yl = strcspn(y->name, ":");
    size_t n = xl < yl ? xl : yl;
    int c = memcmp(x->name, y->name, n);
    if (c)
        return c;
    if (xl != yl)
        return xl < yl ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int list_dir(const char *dir, int cur, struct entry **v, uint32_t *n, uint32_t *cap)
{
    if (!is_dir(dir, 0))
        return 0; /* absent, or a symbolic link (see is_dir) */
    DIR *d = opendir(dir);
    if (d == NULL)
        return errno == ENOENT ? 0 : -1;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (ig_ref__grow((void **)v, cap, *n + 1, sizeof(**v))) {
            rc = -1;
            break;
        }
        size_t len = strlen(de->d_name);
        char *name = malloc(len + 1);
        if (name == NULL) {
            rc = -1;
            break;
        }
        memcpy(name, de->d_name, len + 1);
        (*v)[*n].name = name;
        (*v)[*n].cur = cur;
        (*n)++;
    }
    closedir(d);
    return rc;
}

/* dovecot-keywords: "N name" lines; letter 'a' + N in the info suffix. */
static void load_keywords(struct ig_ref_store *st, const char *folder, int map[26])
{
    for (int i = 0; i < 26; i++)
        map[i] = -1;
    char *path = path_join(folder, "dovecot-keywords", NULL);
    FILE *f = path ? fopen(path, "r") : NULL;
    free(path);
    if (f == NULL)
        return;
    char line[300];
    while (fgets(line, sizeof(line), f)) {
        char *sp = strchr(line, ' ');
        if (sp == NULL || line[0] < '0' || line[0] > '9')
            continue;
        /* N is one or two digits (26 letters). Not atoi(): it overflows on a long run,
         * and glibc's atoi("4294967297") is 1, which would give this name to letter b
         * (issue 9: a number must never wrap into range). */
        int idx = 0;
        const char *d = line;
        for (; *d >= '0' && *d <= '9' && idx < 26; d++)
            idx = idx * 10 + (*d - '0');
        size_t len = strcspn(sp + 1, "\r\n");
        if (d != sp || idx >= 26 || len == 0)
            continue;
        struct ig_span k = {(const unsigned char *)sp + 1, len};
        int bad = 0;
        for (size_t i = 0; i < len; i++)
            bad |= k.ptr[i] <= ' ' || k.ptr[i] >= 0x7f || strchr("(){%*\"\\]", k.ptr[i]) != NULL;
        if (!bad)
            map[idx] = ig_ref__keyword(st, k, 1);
    }
    fclose(f);
}

static void info_flags(const char *name, const int map[26], uint32_t *flags, uint64_t *kw)
{
    const char *info = strstr(name, ":2,");
    *flags = 0;
    *kw = 0;
    if (info == NULL)
        return;
    for (const char *p = info + 3; *p; p++) {
        switch (*p) {
        case 'D':
            *flags |= REF_F_DRAFT;
            break;
        case 'F':
            *flags |= REF_F_FLAGGED;
            break;
        case 'R':
            *flags |= REF_F_ANSWERED;
            break;
        case 'S':
            *flags |= REF_F_SEEN;
            break;
        case 'T':
            *flags |= REF_F_DELETED;
            break;
        default:
            if (*p >= 'a' && *p <= 'z' && map[*p - 'a'] >= 0)
                *kw |= (uint64_t)1 << map[*p - 'a'];
            break;
        }
    }
}

static int read_file(const char *path, uint64_t max, unsigned char **data, size_t *len,
                     int64_t *mtime)
{
    struct stat sb;
    if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size > max)
        return 1; /* skipped: not a regular file (a symbolic link included), too big */
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 1;
    size_t n = (size_t)sb.st_size;
    unsigned char *buf = malloc(n ? n : 1);
    if (buf == NULL) {
        fclose(f);
        return -1;
    }
    size_t got = fread(buf, 1, n, f);
    fclose(f);
    *data = buf;
    *len = got;
    *mtime = (int64_t)sb.st_mtime;
    return 0;
}

static int load_folder(struct ig_ref_store *st, struct ig_ref_mbox *b, const char *folder,
                       char *err, size_t errlen)
{
    struct entry *v = NULL;
    uint32_t n = 0, cap = 0;
    int map[26], rc = 0;
    char *nw = path_join(folder, "new", NULL), *cur = path_join(folder, "cur", NULL);
    if (nw == NULL || cur == NULL || list_dir(nw, 0, &v, &n, &cap) || list_dir(cur, 1, &v, &n, &cap)) {
        set_err(err, errlen, "cannot read the folder", folder);
        rc = -1;
        goto out;
    }
    load_keywords(st, folder, map);
    if (n > 1)
        qsort(v, n, sizeof(*v), entry_cmp);
    for (uint32_t i = 0; i < n && rc == 0; i++) {
        char *path = path_join(v[i].cur ? cur : nw, v[i].name, NULL);
        unsigned char *data = NULL;
        size_t len = 0;
        int64_t mtime = 0;
        int r = path ? read_file(path, st->cfg.max_message, &data, &len, &mtime) : -1;
        free(path);
        if (r > 0)
            continue;
        uint32_t flags = 0;
        uint64_t kw = 0;
        if (v[i].cur)
            info_flags(v[i].name, map, &flags, &kw);
        struct ig_datetime date;
        if (st->cfg.deterministic)
            ig_ref__now(st, &date);
        else
            ig_ref__epoch_to_dt(mtime, &date);
        if (r < 0 || ig_ref__add_raw(st, b, data, len, flags, kw, &date)) {
            set_err(err, errlen, "out of memory or over the store limits", folder);
            rc = -1;
        }
        free(data);
    }
out:
    for (uint32_t i = 0; i < n; i++)
        free(v[i].name);
    free(v);
    free(nw);
    free(cur);
    return rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static uint32_t use_of(const unsigned char *name, size_t len)
{
    static const struct {
        const char *name;
        uint32_t use;
    } known[] = {{"Sent", REF_USE_SENT},   {"Drafts", REF_USE_DRAFTS}, {"Trash", REF_USE_TRASH},
                 {"Junk", REF_USE_JUNK},   {"Spam", REF_USE_JUNK},     {"Archive", REF_USE_ARCHIVE}};
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (ig_ref__ci_eq(name, len, known[i].name, strlen(known[i].name)))
            return known[i].use;
    return 0;
}

int ig_ref_load_maildir(struct ig_ref_store *st, struct ig_ref_user *u, const char *dir,
                        char *err, size_t errlen)
{
    if (st == NULL || u == NULL || dir == NULL)
        return -1;
    if (!is_maildir(dir, 1)) {
        set_err(err, errlen, "not a Maildir (no cur/ or new/)", dir);
        return -1;
    }
    struct ig_ref_mbox *inbox = ig_ref__find(u, (const unsigned char *)"INBOX", 5);
    if (inbox == NULL || load_folder(st, inbox, dir, err, errlen))
        return -1;
    DIR *d = opendir(dir);
    if (d == NULL) {
        set_err(err, errlen, strerror(errno), dir);
        return -1;
    }
    char **names = NULL;
    uint32_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *nm = de->d_name;
        if (nm[0] != '.' || nm[1] == 0 || (nm[1] == '.' && nm[2] == 0))
            continue;
        if (ig_ref__grow((void **)&names, &cap, n + 1, sizeof(*names))) {
            rc = -1;
            break;
        }
        size_t len = strlen(nm);
        if ((names[n] = malloc(len + 1)) == NULL) {
            rc = -1;
            break;
        }
        memcpy(names[n++], nm, len + 1);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof(*names), name_cmp);
    for (uint32_t i = 0; i < n && rc == 0; i++) {
        char *folder = path_join(dir, names[i], NULL);
        if (folder == NULL) {
            rc = -1;
            break;
        }
        if (!is_maildir(folder, 0)) {
            free(folder);
            continue;
        }
        /* ".Lists.imap" is "Lists/imap" (Maildir++ stores the separator as ".") */
        unsigned char buf[REF_MAX_NAME];
        size_t len = strlen(names[i] + 1);
        unsigned char raw[REF_MAX_NAME];
        if (len > REF_MAX_NAME) {
            free(folder);
            continue;
        }
        for (size_t k = 0; k < len; k++)
            raw[k] = names[i][1 + k] == '.' ? '/' : (unsigned char)names[i][1 + k];
        struct ig_span s = {raw, len};
        /* Names from disk pass the same rules as CREATE (ig_ref__name_problem): a
         * folder ".a..b" or a level over IG_REF_MAX_LEVEL bytes is left out. */
        size_t cl = ig_ref__canon_name(s, buf, 0, NULL);
        if (cl == 0) {
            free(folder);
            continue; /* not a valid mailbox name */
        }
        int created;
        struct ig_ref_mbox *b = ig_ref__create(st, u, buf, cl, &created);
        if (b == NULL || load_folder(st, b, folder, err, errlen)) {
            if (b == NULL)
                set_err(err, errlen, "too many mailboxes", dir);
            rc = -1;
        } else if (memchr(buf, '/', cl) == NULL) {
            b->use = use_of(buf, cl);
        }
        free(folder);
    }
    for (uint32_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (rc)
        return -1;
    /* every mailbox is subscribed */
    for (uint32_t i = 0; i < u->n; i++)
        if (ig_ref__subscribe(st, u, u->boxes[i]->name.p, u->boxes[i]->name.len, 1))
            break;
    return 0;
}
