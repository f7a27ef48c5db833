/*
 * fuzz_loop.c - `fuzz_loop SECONDS FILE|DIR...`: runs a fuzz target's
 * LLVMFuzzerTestOneInput over the given inputs again and again for SECONDS and prints
 * "inputs N mean-bytes M exec/s R". No fuzzing engine: it measures what the harness
 * itself costs per execution in a given build (sanitizers, coverage instrumentation),
 * which is the part of a campaign's exec/s that our code decides. Used by
 * bench/fuzz_throughput.sh (`make bench-fuzz`). Each input lives in a heap block of
 * exactly its size, as under the engines.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct input {
    uint8_t *data;
    size_t size;
};

static struct input *inputs;
static size_t ninputs, capinputs;

/* Inputs are regular files (corpus entries): their size is known before reading. */
static void load_file(const char *path, off_t size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    if (ninputs == capinputs) {
        capinputs = capinputs ? capinputs * 2 : 1024;
        inputs = realloc(inputs, capinputs * sizeof(*inputs));
        if (inputs == NULL)
            exit(2);
    }
    struct input *in = &inputs[ninputs++];
    in->size = (size_t)size;
    in->data = malloc(in->size ? in->size : 1);
    if (in->data == NULL || fread(in->data, 1, in->size, f) != in->size) {
        fprintf(stderr, "fuzz_loop: cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
}

static void load(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        exit(2);
    }
    if (!S_ISDIR(st.st_mode)) {
        load_file(path, st.st_size);
        return;
    }
    DIR *d = opendir(path);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char sub[4096];
        snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
        load(sub);
    }
    if (d != NULL)
        closedir(d);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: fuzz_loop SECONDS FILE|DIR...\n");
        return 2;
    }
    double budget = atof(argv[1]);
    for (int i = 2; i < argc; i++)
        load(argv[i]);
    if (ninputs == 0) {
        fprintf(stderr, "fuzz_loop: no inputs\n");
        return 2;
    }
    size_t bytes = 0;
    for (size_t i = 0; i < ninputs; i++)
        bytes += inputs[i].size;
    unsigned long execs = 0;
    double start = now(), elapsed;
    do {
        for (size_t i = 0; i < ninputs; i++)
            LLVMFuzzerTestOneInput(inputs[i].data, inputs[i].size);
        execs += ninputs;
        elapsed = now() - start;
    } while (elapsed < budget);
    printf("inputs %zu mean-bytes %.0f exec/s %.0f\n", ninputs, (double)bytes / (double)ninputs,
           (double)execs / elapsed);
    for (size_t i = 0; i < ninputs; i++)
        free(inputs[i].data);
    free(inputs);
    return 0;
}
