/* UTF-8 text, the one home of its helpers: counting characters, cutting at a
 * character boundary, decoding and encoding code points, and the case
 * mapping of European scripts. Text is NUL-terminated. Malformed bytes are
 * never repaired: they count as characters and are copied as they are. */
#ifndef ISYNC_UTF8_H
#define ISYNC_UTF8_H

#include <stddef.h>

/* What isync_utf8_decode gives for a malformed character. */
#define ISYNC_UTF8_INVALID 0xFFFFFFFFu

/* 1 when byte continues a character (10xxxxxx). */
int isync_utf8_is_continuation(unsigned char byte);

/* Characters in text: the bytes that do not continue a character. */
size_t isync_utf8_length(const char *text);

/* Bytes taken by the first chars characters of text (all of it when it is
 * shorter): where to cut without splitting a character. */
size_t isync_utf8_prefix(const char *text, size_t chars);

/* Bytes of the character at p (not at the end of text): its first byte and
 * the continuation bytes after it. */
size_t isync_utf8_char_bytes(const char *p);

/* Decodes the character at p (not at the end of text) into *cp and returns
 * its bytes. A malformed character is ISYNC_UTF8_INVALID and takes its first
 * byte and the continuation bytes after it. */
size_t isync_utf8_decode(const char *p, unsigned *cp);

/* Writes cp as UTF-8 into out; returns the bytes written, 0 when cp is
 * beyond U+10FFFF. */
size_t isync_utf8_encode(unsigned cp, char out[4]);

/* The upper (upper = 1) or lower case counterpart of a code point for
 * Latin-1, Latin Extended-A, Greek and Cyrillic (the letters of European
 * names and addresses); any other code point as it is. */
unsigned isync_utf8_change_case(unsigned cp, int upper);

/* A malloc'ed copy of text in upper or lower case (isync_utf8_change_case);
 * characters whose counterpart has another length stay as they are. NULL
 * when out of memory. */
char *isync_utf8_set_case(const char *text, int upper);

#endif
