#include "creds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util.h"

static json_t *load_ionapi(const char *dir, const char *name, const char *tenant)
{
    char *path = path_join(dir, name);
    json_t *j = path ? json_load_file(path, 0, NULL) : NULL;

    free(path);
    if (j && strcmp(jstr(j, "ti"), tenant) != 0) {
        json_decref(j);
        return NULL;
    }
    return j;
}

/* Copies obj[key] into dst; 0 when missing or empty. */
static int take(char *dst, const json_t *obj, const char *key)
{
    copy_str(dst, CRED_LEN, jstr(obj, key));
    return dst[0] != '\0';
}

static int load(const char *dir, const char *tenant, struct creds *c)
{
    json_t *pw = load_ionapi(dir, "sandbox.ionapi", tenant);
    json_t *cc = load_ionapi(dir, "sandbox-cc.ionapi", tenant);
    int ok = pw && cc && take(c->pw_ci, pw, "ci") && take(c->pw_cs, pw, "cs") && take(c->saak, pw, "saak") &&
        take(c->sask, pw, "sask") && take(c->cc_ci, cc, "ci") && take(c->cc_cs, cc, "cs");

    json_decref(pw);
    json_decref(cc);
    return ok;
}

/* Shapes like real Infor values: "TENANT~<random>" client ids, "TENANT#<random>" access key. */
static void generate(const char *tenant, struct creds *c)
{
    char r[64];

    random_alnum(r, 40);
    snprintf(c->pw_ci, CRED_LEN, "%s~%s", tenant, r);
    random_alnum(c->pw_cs, 60);
    random_alnum(r, 60);
    snprintf(c->saak, CRED_LEN, "%s#%s", tenant, r);
    random_alnum(c->sask, 80);
    random_alnum(r, 40);
    snprintf(c->cc_ci, CRED_LEN, "%s~%s", tenant, r);
    random_alnum(c->cc_cs, 60);
}

void creds_load_or_create(const char *dir, const char *tenant, struct creds *c)
{
    memset(c, 0, sizeof *c);
    if (!load(dir, tenant, c))
        generate(tenant, c);
}

static json_t *ionapi(const char *tenant, const char *base_url, const char *ci, const char *cs)
{
    char pu[512];

    snprintf(pu, sizeof pu, "%s/%s/as/", base_url, tenant);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "ti", tenant, "cn",
                     "xcart-infor-sync", "dt", "12", "ci", ci, "cs", cs, "iu", base_url, "pu", pu, "oa",
                     "authorization.oauth2", "ot", "token.oauth2", "or", "revoke_token.oauth2", "ev", "U1", "v", "1.0");
}

static int write_json(const char *dir, const char *name, json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2));
    int rc = s ? file_write(dir, name, s, strlen(s), 0600) : -1;

    free(s);
    json_decref(j);
    if (rc != 0)
        fprintf(stderr, "infor-sandbox: cannot write %s/%s\n", dir, name);
    return rc;
}

int creds_write(const char *dir, const char *tenant, const char *base_url, const struct creds *c)
{
    json_t *pw = ionapi(tenant, base_url, c->pw_ci, c->pw_cs);
    json_t *cc = ionapi(tenant, base_url, c->cc_ci, c->cc_cs);

    json_object_set_new(pw, "saak", json_string(c->saak));
    json_object_set_new(pw, "sask", json_string(c->sask));
    if (write_json(dir, "sandbox.ionapi", pw) != 0) {
        json_decref(cc);
        return -1;
    }
    return write_json(dir, "sandbox-cc.ionapi", cc);
}
