/* One HTTP request as the handlers see it, and the reply they fill in. */
#ifndef SANDBOX_HTTP_H
#define SANDBOX_HTTP_H

#include <stddef.h>
#include <jansson.h>
#include <microhttpd.h>

#define MAX_BODY (1024 * 1024)
#define REPLY_MAX_HEADERS 4

struct request {
    struct MHD_Connection *conn;
    char *method;
    char *path; /* URL path as libmicrohttpd decoded it, matrix params included */
    char *body; /* NUL-terminated */
    size_t body_len;
    int too_large;
    double start_ms;
    unsigned status; /* status sent, 0 if the connection was dropped */
};

struct reply_header {
    const char *name;
    char value[128];
};

struct reply {
    unsigned status;
    char *body; /* malloc'd */
    const char *ctype;
    int nhdr;
    struct reply_header hdr[REPLY_MAX_HEADERS];
};

struct request *request_new(struct MHD_Connection *conn, const char *method, const char *url);
void request_append(struct request *rq, const char *data, size_t len);
void request_free(struct request *rq);

/* Query arguments, decoded, as a JSON object of strings (later duplicates win). */
json_t *request_query(const struct request *rq);
const char *request_header(const struct request *rq, const char *name);
int request_is_form(const struct request *rq);
/* HTTP Basic credentials, malloc'd; 0 when there are none. */
int request_basic_auth(const struct request *rq, char **user, char **pass);
int request_from_loopback(const struct request *rq);

/* application/x-www-form-urlencoded body as a JSON object of strings. */
json_t *form_parse(const char *body, size_t len);

void reply_json(struct reply *rp, unsigned status, json_t *j); /* steals j */
void reply_text(struct reply *rp, unsigned status, const char *text);
void reply_error(struct reply *rp, unsigned status, const char *error, const char *desc);
void reply_header(struct reply *rp, const char *name, const char *value);
void reply_method_not_allowed(struct reply *rp, const char *allow);
void reply_clear(struct reply *rp);

/* Queues the reply on the connection and records the status in rq. */
enum MHD_Result reply_send(struct request *rq, struct reply *rp);

#endif
