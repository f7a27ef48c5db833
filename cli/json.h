/* json.h - the few JSON writing helpers the CLI needs (stdio, no allocation). */
#ifndef IG_TOOLS_JSON_H
#define IG_TOOLS_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..n) as a JSON string with quotes, losslessly: valid UTF-8 passes through;
 * every other byte >= 0x80 is written as \udcXX (surrogateescape); control bytes as
 * \n, \r, \t or \u00XX (0x7f too); '"' and '\\' with a backslash. The output is
 * ASCII plus valid UTF-8. */
void json_string(FILE *f, const void *s, size_t n);
void json_cstring(FILE *f, const char *s);

#endif
