/* TLS material: a local CA and a server certificate for 127.0.0.1, ::1 and localhost. */
#ifndef SANDBOX_TLS_CERT_H
#define SANDBOX_TLS_CERT_H

struct tls_pair {
    char *cert_pem;
    char *key_pem;
};

/*
 * With cert_file and key_file, loads those. Otherwise reuses ca.pem, ca.key, server.pem and
 * server.key from dir when all four exist, or generates and writes new ones.
 * 0 on success; errors are printed to stderr.
 */
int tls_load_or_create(const char *dir, const char *cert_file, const char *key_file, struct tls_pair *out);
void tls_pair_free(struct tls_pair *p);

#endif
