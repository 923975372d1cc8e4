#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

int isync_utf8_is_continuation(unsigned char byte)
{
    return (byte & 0xC0) == 0x80;
}

size_t isync_utf8_length(const char *text)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        chars += !isync_utf8_is_continuation(*p);
    }
    return chars;
}

size_t isync_utf8_prefix(const char *text, size_t chars)
{
    size_t bytes = 0;
    while (text[bytes] && chars > 0) {
        bytes += isync_utf8_char_bytes(text + bytes);
        chars--;
    }
    return bytes;
}

size_t isync_utf8_char_bytes(const char *p)
{
    size_t bytes = 1;
    while (isync_utf8_is_continuation((unsigned char)p[bytes])) {
        bytes++;
    }
    return bytes;
}

/* The bytes a character with this first byte takes; 0 when it cannot start one. */
static size_t sequence_bytes(unsigned char lead)
{
    if (lead < 0x80) {
        return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
        return 2;
    }
    if ((lead & 0xF0) == 0xE0) {
        return 3;
    }
    return (lead & 0xF8) == 0xF0 ? 4 : 0;
}

size_t isync_utf8_decode(const char *p, unsigned *cp)
{
    const unsigned char *s = (const unsigned char *)p;
    static const unsigned char lead_bits[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    size_t want = sequence_bytes(s[0]);
    for (size_t i = 1; i < want; i++) {
        if (!isync_utf8_is_continuation(s[i])) {
            want = 0;
        }
    }
    if (want == 0) {
        *cp = ISYNC_UTF8_INVALID;
        return isync_utf8_char_bytes(p);
    }
    unsigned value = s[0] & lead_bits[want];
    for (size_t i = 1; i < want; i++) {
        value = value << 6 | (s[i] & 0x3Fu);
    }
    *cp = value;
    return want;
}

size_t isync_utf8_encode(unsigned cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp > 0x10FFFF) {
        return 0;
    }
    size_t bytes = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    static const unsigned char lead_mark[] = {0, 0, 0xC0, 0xE0, 0xF0};
    for (size_t i = bytes - 1; i > 0; i--) {
        out[i] = (char)(0x80 | (cp & 0x3F));
        cp >>= 6;
    }
    out[0] = (char)(lead_mark[bytes] | cp);
    return bytes;
}

static unsigned ascii_case(unsigned cp, int upper)
{
    if (upper) {
        return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
    }
    return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
}

/* Latin-1 and Latin Extended-A; cp unchanged when not a letter there. */
static unsigned latin_case(unsigned cp, int upper)
{
    if (cp >= 0xC0 && cp <= 0xFE && cp != 0xD7 && cp != 0xF7 && cp != 0xDF) {
        return upper ? (cp >= 0xE0 ? cp - 32 : cp) : (cp <= 0xDE ? cp + 32 : cp);
    }
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) {
        return upper ? (cp & ~1u) : (cp | 1u);
    }
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
        return upper ? (cp % 2 == 0 ? cp - 1 : cp) : (cp % 2 == 1 ? cp + 1 : cp);
    }
    return cp;
}

static unsigned greek_case(unsigned cp, int upper)
{
    static const unsigned accented[][2] = {
        /* lower, upper */
        {0x3AC, 0x386}, {0x3AD, 0x388}, {0x3AE, 0x389}, {0x3AF, 0x38A},
        {0x3CC, 0x38C}, {0x3CD, 0x38E}, {0x3CE, 0x38F}, {0x3C2, 0x3A3},
    };
    for (size_t i = 0; i < sizeof accented / sizeof accented[0]; i++) {
        if (upper && cp == accented[i][0]) {
            return accented[i][1];
        }
        if (!upper && cp == accented[i][1] && cp != 0x3A3) {
            return accented[i][0];
        }
    }
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2 && !upper) {
        return cp + 32;
    }
    if (cp >= 0x3B1 && cp <= 0x3C9 && cp != 0x3C2 && upper) {
        return cp - 32;
    }
    return cp;
}

static unsigned cyrillic_case(unsigned cp, int upper)
{
    if (cp >= 0x400 && cp <= 0x40F) {
        return upper ? cp : cp + 80;
    }
    if (cp >= 0x410 && cp <= 0x42F) {
        return upper ? cp : cp + 32;
    }
    if (cp >= 0x430 && cp <= 0x44F) {
        return upper ? cp - 32 : cp;
    }
    if (cp >= 0x450 && cp <= 0x45F) {
        return upper ? cp - 80 : cp;
    }
    return cp;
}

unsigned isync_utf8_change_case(unsigned cp, int upper)
{
    if (cp < 0x80) {
        return ascii_case(cp, upper);
    }
    if (cp < 0x180) {
        return latin_case(cp, upper);
    }
    if (cp >= 0x370 && cp < 0x400) {
        return greek_case(cp, upper);
    }
    return cp < 0x460 ? cyrillic_case(cp, upper) : cp;
}

char *isync_utf8_set_case(const char *text, int upper)
{
    size_t used = 0;
    char *out = malloc(strlen(text) + 1);
    while (out && *text) {
        unsigned cp;
        char mapped[4];
        size_t bytes = isync_utf8_decode(text, &cp);
        size_t mapped_bytes = cp == ISYNC_UTF8_INVALID ? 0
                                                       : isync_utf8_encode(isync_utf8_change_case(cp, upper), mapped);
        /* the same length keeps the copy within strlen(text) */
        memcpy(out + used, mapped_bytes == bytes ? mapped : text, bytes);
        used += bytes;
        text += bytes;
    }
    if (out) {
        out[used] = '\0';
    }
    return out;
}
