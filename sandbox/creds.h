/* The OAuth clients the sandbox issues, and the .ionapi files that describe them. */
#ifndef SANDBOX_CREDS_H
#define SANDBOX_CREDS_H

#define CRED_LEN 128

struct creds {
    char pw_ci[CRED_LEN], pw_cs[CRED_LEN]; /* password-grant client (sandbox.ionapi) */
    char saak[CRED_LEN], sask[CRED_LEN]; /* its service account */
    char cc_ci[CRED_LEN], cc_cs[CRED_LEN]; /* client-credentials client (sandbox-cc.ionapi) */
};

/* Reuses the credentials in dir's .ionapi files when they are for this tenant, else makes new ones. */
void creds_load_or_create(const char *dir, const char *tenant, struct creds *c);

/* Writes sandbox.ionapi and sandbox-cc.ionapi (0600) for a gateway at base_url. 0 on success. */
int creds_write(const char *dir, const char *tenant, const char *base_url, const struct creds *c);

#endif
