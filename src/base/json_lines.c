#include "base/json_lines.h"

#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 64
#define PATH_SIZE 512

typedef struct {
    char kind; /* '{' or '[' */
    size_t path_len; /* length of the container's own path */
    size_t index; /* arrays: the next element's index */
    int expect_key; /* objects: the next string is a key */
} level;

typedef struct {
    const char *text;
    size_t len, pos;
    int line;
    char path[PATH_SIZE];
    level stack[MAX_DEPTH];
    int depth;
    json_t *lines;
} scanner;

static void record(scanner *s)
{
    json_object_set_new(s->lines, s->path, json_integer(s->line));
}

/* Reads a JSON string starting at the quote into out (escapes kept raw:
 * template keys are plain ASCII). */
static void read_string(scanner *s, char *out, size_t size)
{
    size_t used = 0;
    s->pos++;
    while (s->pos < s->len && s->text[s->pos] != '"') {
        if (s->text[s->pos] == '\\' && s->pos + 1 < s->len) {
            s->pos++;
        }
        if (used + 1 < size) {
            out[used++] = s->text[s->pos];
        }
        s->pos++;
    }
    out[used] = '\0';
    s->pos++;
}

/* A value starts: extend the path for an array element and record it. */
static void value_starts(scanner *s)
{
    if (s->depth > 0 && s->stack[s->depth - 1].kind == '[') {
        level *top = &s->stack[s->depth - 1];
        snprintf(s->path + top->path_len, PATH_SIZE - top->path_len, "[%zu]", top->index++);
    }
    record(s);
}

static void after_value(scanner *s)
{
    if (s->depth > 0) {
        s->path[s->stack[s->depth - 1].path_len] = '\0';
    }
}

static void open_container(scanner *s, char kind)
{
    value_starts(s);
    if (s->depth < MAX_DEPTH) {
        s->stack[s->depth++] = (level){kind, strlen(s->path), 0, kind == '{'};
    }
    s->pos++;
}

static void close_container(scanner *s)
{
    if (s->depth > 0) {
        s->depth--;
        s->path[s->stack[s->depth].path_len] = '\0';
    }
    s->pos++;
    after_value(s);
}

static void key_or_string(scanner *s)
{
    level *top = s->depth > 0 ? &s->stack[s->depth - 1] : NULL;
    char key[128];
    if (top && top->kind == '{' && top->expect_key) {
        read_string(s, key, sizeof key);
        snprintf(s->path + top->path_len, PATH_SIZE - top->path_len, "%s%s", top->path_len ? "." : "", key);
        top->expect_key = 0;
        return;
    }
    value_starts(s);
    read_string(s, key, sizeof key);
    after_value(s);
}

/* memchr, not strchr: strchr finds the terminator when asked for a NUL. */
static int ends_scalar(char c)
{
    return memchr(",]} \t\r\n", c, 7) != NULL;
}

static void scalar(scanner *s)
{
    size_t start = s->pos;
    value_starts(s);
    while (s->pos < s->len && !ends_scalar(s->text[s->pos])) {
        s->pos++;
    }
    if (s->pos == start) {
        s->pos++; /* never stay on a byte the scanner does not know */
    }
    after_value(s);
}

json_t *isync_json_lines(const char *text, size_t len)
{
    scanner s = {.text = text, .len = len, .line = 1, .lines = json_object()};
    if (!s.lines) {
        return NULL;
    }
    while (s.pos < s.len) {
        char c = text[s.pos];
        if (c == '\n') {
            s.line++;
            s.pos++;
        } else if (c == '{' || c == '[') {
            open_container(&s, c);
        } else if (c == '}' || c == ']') {
            close_container(&s);
        } else if (c == '"') {
            key_or_string(&s);
        } else if (c == ',') {
            if (s.depth > 0 && s.stack[s.depth - 1].kind == '{') {
                s.stack[s.depth - 1].expect_key = 1;
            }
            s.pos++;
        } else if (c == ':' || c == ' ' || c == '\t' || c == '\r') {
            s.pos++;
        } else {
            scalar(&s);
        }
    }
    return s.lines;
}

int isync_json_line(json_t *lines, const char *path)
{
    char copy[PATH_SIZE];
    snprintf(copy, sizeof copy, "%s", path);
    for (;;) {
        json_t *line = json_object_get(lines, copy);
        if (line) {
            return (int)json_integer_value(line);
        }
        char *cut = strrchr(copy, '.');
        char *bracket = strrchr(copy, '[');
        if (bracket && (!cut || bracket > cut)) {
            cut = bracket;
        }
        if (!cut) {
            line = json_object_get(lines, "");
            return line ? (int)json_integer_value(line) : 0;
        }
        *cut = '\0';
    }
}
