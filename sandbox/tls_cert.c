#include "tls_cert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "util.h"

#define VALID_SECONDS (365L * 24 * 3600)

static int add_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value)
{
    X509_EXTENSION *ext = X509V3_EXT_nconf_nid(NULL, ctx, nid, value);
    int ok;

    if (!ext)
        return 0;
    ok = X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
    return ok;
}

static int set_serial(X509 *x)
{
    BIGNUM *bn = BN_new();
    int ok = bn && BN_rand(bn, 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) &&
        BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));

    BN_free(bn);
    return ok;
}

static int set_name(X509 *x, const char *cn)
{
    X509_NAME *name = X509_get_subject_name(x);

    return X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, (const unsigned char *)"Infor CloudSuite sandbox", -1,
                                      -1, 0) &&
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
}

static int add_extensions(X509 *x, X509 *issuer)
{
    X509V3_CTX ctx;
    int ca = issuer == NULL;

    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, ca ? x : issuer, x, NULL, NULL, 0);
    if (!add_ext(x, &ctx, NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE") ||
        !add_ext(x, &ctx, NID_key_usage, ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature") ||
        !add_ext(x, &ctx, NID_subject_key_identifier, "hash"))
        return 0;
    if (ca)
        return 1;
    return add_ext(x, &ctx, NID_authority_key_identifier, "keyid:always") &&
        add_ext(x, &ctx, NID_ext_key_usage, "serverAuth") &&
        add_ext(x, &ctx, NID_subject_alt_name, "IP:127.0.0.1,IP:::1,DNS:localhost");
}

/* A certificate for key, signed by issuer (self-signed when issuer is NULL). */
static X509 *make_cert(EVP_PKEY *key, const char *cn, X509 *issuer, EVP_PKEY *issuer_key)
{
    X509 *x = X509_new();

    if (!x || !X509_set_version(x, 2) || !set_serial(x) || !X509_gmtime_adj(X509_getm_notBefore(x), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(x), VALID_SECONDS) || !X509_set_pubkey(x, key) || !set_name(x, cn) ||
        !X509_set_issuer_name(x, X509_get_subject_name(issuer ? issuer : x)) || !add_extensions(x, issuer) ||
        !X509_sign(x, issuer ? issuer_key : key, EVP_sha256())) {
        X509_free(x);
        return NULL;
    }
    return x;
}

static char *bio_string(BIO *b)
{
    char *data = NULL;
    long n = BIO_get_mem_data(b, &data);

    return n > 0 ? strndup(data, (size_t)n) : NULL;
}

static char *cert_pem(X509 *x)
{
    BIO *b = BIO_new(BIO_s_mem());
    char *s = b && PEM_write_bio_X509(b, x) ? bio_string(b) : NULL;

    BIO_free(b);
    return s;
}

static char *key_pem(EVP_PKEY *k)
{
    BIO *b = BIO_new(BIO_s_mem());
    char *s = b && PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL) ? bio_string(b) : NULL;

    BIO_free(b);
    return s;
}

static int write_pem(const char *dir, const char *name, const char *pem, mode_t mode)
{
    if (pem && file_write(dir, name, pem, strlen(pem), mode) == 0)
        return 1;
    fprintf(stderr, "infor-sandbox: cannot write %s/%s\n", dir, name);
    return 0;
}

static int generate(const char *dir, struct tls_pair *out)
{
    EVP_PKEY *ca_key = EVP_EC_gen("P-256"), *srv_key = EVP_EC_gen("P-256");
    X509 *ca = ca_key ? make_cert(ca_key, "Infor sandbox local CA", NULL, NULL) : NULL;
    X509 *srv = ca && srv_key ? make_cert(srv_key, "localhost", ca, ca_key) : NULL;
    char *ca_pem = ca ? cert_pem(ca) : NULL, *ca_key_pem = ca_key ? key_pem(ca_key) : NULL;
    int ok = 0;

    if (srv) {
        out->cert_pem = cert_pem(srv);
        out->key_pem = key_pem(srv_key);
    }
    if (!out->cert_pem || !out->key_pem || !ca_pem || !ca_key_pem) {
        ERR_print_errors_fp(stderr);
        fprintf(stderr, "infor-sandbox: certificate generation failed\n");
    } else {
        /* ca.pem last: its presence tells a reader the set is complete. */
        ok = write_pem(dir, "ca.key", ca_key_pem, 0600) && write_pem(dir, "server.key", out->key_pem, 0600) &&
            write_pem(dir, "server.pem", out->cert_pem, 0644) && write_pem(dir, "ca.pem", ca_pem, 0644);
    }
    free(ca_pem);
    free(ca_key_pem);
    X509_free(ca);
    X509_free(srv);
    EVP_PKEY_free(ca_key);
    EVP_PKEY_free(srv_key);
    return ok ? 0 : -1;
}

static int load(const char *cert_path, const char *key_path, struct tls_pair *out)
{
    out->cert_pem = file_read(cert_path);
    out->key_pem = file_read(key_path);
    if (out->cert_pem && out->key_pem)
        return 0;
    fprintf(stderr, "infor-sandbox: cannot read %s or %s\n", cert_path, key_path);
    return -1;
}

int tls_load_or_create(const char *dir, const char *cert_file, const char *key_file, struct tls_pair *out)
{
    char *cert_path, *key_path;
    int rc;

    memset(out, 0, sizeof *out);
    if (cert_file && key_file)
        return load(cert_file, key_file, out);
    if (!file_exists(dir, "ca.pem") || !file_exists(dir, "ca.key") || !file_exists(dir, "server.pem") ||
        !file_exists(dir, "server.key"))
        return generate(dir, out);
    cert_path = path_join(dir, "server.pem");
    key_path = path_join(dir, "server.key");
    rc = cert_path && key_path ? load(cert_path, key_path, out) : -1;
    free(cert_path);
    free(key_path);
    return rc;
}

void tls_pair_free(struct tls_pair *p)
{
    free(p->cert_pem);
    free(p->key_pem);
    p->cert_pem = p->key_pem = NULL;
}
