/*
 * standalone.c - main() for the fuzz targets without a fuzzing engine: replays files,
 * directories of files, or stdin through LLVMFuzzerTestOneInput. Each input is copied
 * into a heap block of exactly its size, so ASan sees a read one byte past the end.
 * `make check` builds every target this way and replays corpus/ and corpus/regress/.
 * Under afl-clang-fast (__AFL_FUZZ_TESTCASE_LEN defined) it runs AFL++'s persistent
 * loop instead, again over exact-size copies.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef __AFL_FUZZ_TESTCASE_LEN
__AFL_FUZZ_INIT();
#endif

static int run_one(const uint8_t *buf, size_t n)
{
    uint8_t *copy = malloc(n ? n : 1);
    if (copy == NULL)
        return -1;
    memcpy(copy, buf, n);
    LLVMFuzzerTestOneInput(copy, n);
    free(copy);
    return 0;
}

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
    }
    fclose(f);
    int r = run_one(buf, n);
    free(buf);
    return r;
}

static int run_path(const char *path, unsigned long *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*count)++;
        return run_file(path);
    }
    struct dirent **names;
    int k = scandir(path, &names, NULL, alphasort);
    if (k < 0) {
        perror(path);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < k; i++) {
        if (names[i]->d_name[0] != '.') {
            char sub[4096];
            snprintf(sub, sizeof(sub), "%s/%s", path, names[i]->d_name);
            rc |= run_path(sub, count);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
#ifdef __AFL_FUZZ_TESTCASE_LEN
    if (argc < 2) {
        __AFL_INIT();
        uint8_t *buf = __AFL_FUZZ_TESTCASE_BUF;
        while (__AFL_LOOP(100000))
            run_one(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);
        return 0;
    }
#endif
    unsigned long count = 0;
    int rc = 0;
    if (argc < 2) {
        static uint8_t buf[1 << 20];
        size_t n = fread(buf, 1, sizeof(buf), stdin);
        return run_one(buf, n) ? 1 : 0;
    }
    for (int i = 1; i < argc; i++)
        rc |= run_path(argv[i], &count);
    fprintf(stderr, "%s: replayed %lu input(s)\n", argv[0], count);
    return rc ? 1 : 0;
}
