/* json.h - the few JSON writing helpers the CLI needs (stdio, no allocation). */
#ifndef IG_TOOLS_JSON_H
#define IG_TOOLS_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..n) as a JSON string with quotes. Valid UTF-8 passes through; every other
 * byte >= 0x80 is written as \u00XX (so the output is always valid UTF-8). */
void json_string(FILE *f, const void *s, size_t n);
void json_cstring(FILE *f, const char *s);

#endif
