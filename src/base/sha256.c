#include "base/sha256.h"

#include <openssl/evp.h>
#include <string.h>

static isync_status digest_parts(const void *const *parts, const size_t *lens, size_t count,
                                 unsigned char digest[ISYNC_SHA256_SIZE])
{
    unsigned int digest_len = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    for (size_t i = 0; ok && i < count; i++) {
        ok = EVP_DigestUpdate(ctx, parts[i], lens[i]);
    }
    ok = ok && EVP_DigestFinal_ex(ctx, digest, &digest_len) && digest_len == ISYNC_SHA256_SIZE;
    EVP_MD_CTX_free(ctx);
    if (!ok) {
        memset(digest, 0, ISYNC_SHA256_SIZE);
        return ISYNC_ERR_NOMEM;
    }
    return ISYNC_OK;
}

isync_status isync_sha256(const void *data, size_t len, unsigned char digest[ISYNC_SHA256_SIZE])
{
    const void *parts[] = {data};
    return digest_parts(parts, &len, 1, digest);
}

isync_status isync_sha256_texts(const char *first, const char *second, unsigned char digest[ISYNC_SHA256_SIZE])
{
    const void *parts[] = {first, second};
    size_t lens[] = {strlen(first), strlen(second)};
    return digest_parts(parts, lens, 2, digest);
}

void isync_hex(const unsigned char *bytes, size_t count, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < count; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    out[2 * count] = '\0';
}

isync_status isync_sha256_hex(const void *data, size_t len, char out[ISYNC_SHA256_HEX_SIZE])
{
    unsigned char digest[ISYNC_SHA256_SIZE];
    isync_status st = isync_sha256(data, len, digest);
    isync_hex(digest, ISYNC_SHA256_SIZE, out);
    return st;
}
