#include "connectors/status_map.h"

#include <stdio.h>
#include <string.h>

const char *const isync_xc_payment_codes[ISYNC_XC_PAYMENT_CODE_COUNT + 1] = {"Q", "A", "PP", "P", "D", "C", "R", NULL};
const char *const isync_xc_shipping_codes[ISYNC_XC_SHIPPING_CODE_COUNT + 1] = {"N", "P",   "S",   "D", "WND",
                                                                               "R", "WFA", "NBA", NULL};

/* Defaults: a declined, cancelled or refunded payment cancels the Infor
 * order; shipping statuses change nothing in Infor; Infor's line statuses
 * 22/33/44 (reserved, allocated, picking) read as processing, 66/77
 * (delivered, invoiced) as shipped, 90 as delivered. */
static const char *const default_payment_cancel[] = {"D", "C", "R", NULL};
static const struct {
    const char *infor, *shipping;
} default_infor[] = {
    {"22", "P"}, {"33", "P"}, {"44", "P"}, {"66", "S"}, {"77", "S"}, {"90", "D"},
};

int isync_status_code_index(const char *const *codes, const char *code)
{
    for (int i = 0; code && codes[i]; i++) {
        if (strcmp(codes[i], code) == 0) {
            return i;
        }
    }
    return -1;
}

const char *isync_status_action_name(isync_status_action action)
{
    return action == ISYNC_ACTION_CANCEL ? "cancel" : "none";
}

static int two_digits(const char *text)
{
    return text && strlen(text) == 2 && text[0] >= '0' && text[0] <= '9' && text[1] >= '0' && text[1] <= '9';
}

static void actions_from_json(json_t *value, const char *part, const char *const *codes, unsigned char *actions,
                              isync_problems *problems)
{
    char path[128];
    const char *key;
    json_t *action;
    snprintf(path, sizeof path, "status_map.%s", part);
    if (!json_is_object(value)) {
        isync_problems_add(problems, path, "must be an array of X-Cart status code => \"cancel\" or \"none\"");
        return;
    }
    json_object_foreach(value, key, action)
    {
        int index = isync_status_code_index(codes, key);
        snprintf(path, sizeof path, "status_map.%s.%.40s", part, key);
        if (index < 0) {
            isync_problems_add(problems, path, "is not an X-Cart %s status code", part);
        } else if (json_is_string(action) && strcmp(json_string_value(action), "cancel") == 0) {
            actions[index] = ISYNC_ACTION_CANCEL;
        } else if (json_is_string(action) && strcmp(json_string_value(action), "none") == 0) {
            actions[index] = ISYNC_ACTION_NONE;
        } else {
            isync_problems_add(problems, path, "must be \"cancel\" or \"none\"");
        }
    }
}

static void infor_from_json(json_t *value, isync_status_map *map, isync_problems *problems)
{
    char path[128];
    const char *key;
    json_t *code;
    if (!json_is_object(value)) {
        isync_problems_add(problems, "status_map.infor_to_shipping",
                           "must be an array of Infor status (two digits) => X-Cart shipping status code");
        return;
    }
    json_object_foreach(value, key, code)
    {
        snprintf(path, sizeof path, "status_map.infor_to_shipping.%.40s", key);
        if (!two_digits(key)) {
            isync_problems_add(problems, path, "is not an Infor order status (two digits like \"66\")");
        } else if (!json_is_string(code) ||
                   isync_status_code_index(isync_xc_shipping_codes, json_string_value(code)) < 0) {
            isync_problems_add(problems, path, "must be an X-Cart shipping status code (N P S D WND R WFA NBA)");
        } else {
            snprintf(map->infor_to_shipping[(key[0] - '0') * 10 + (key[1] - '0')], 4, "%s", json_string_value(code));
        }
    }
}

void isync_status_map_from_json(json_t *value, isync_status_map *map, isync_problems *problems)
{
    const char *key;
    json_t *part;
    memset(map, 0, sizeof *map);
    if (!value || json_is_null(value)) {
        return;
    }
    if (!json_is_object(value)) {
        isync_problems_add(problems, "status_map", "must be an array with keys payment, shipping, infor_to_shipping");
        return;
    }
    json_object_foreach(value, key, part)
    {
        if (strcmp(key, "payment") == 0) {
            map->payment_set = 1;
            actions_from_json(part, "payment", isync_xc_payment_codes, map->payment, problems);
        } else if (strcmp(key, "shipping") == 0) {
            map->shipping_set = 1;
            actions_from_json(part, "shipping", isync_xc_shipping_codes, map->shipping, problems);
        } else if (strcmp(key, "infor_to_shipping") == 0) {
            map->infor_set = 1;
            infor_from_json(part, map, problems);
        } else {
            char path[128];
            snprintf(path, sizeof path, "status_map.%.40s", key);
            isync_problems_add(problems, path, "is not known (payment, shipping, infor_to_shipping)");
        }
    }
}

static json_t *actions_to_json(const char *const *codes, const unsigned char *actions)
{
    json_t *obj = json_object();
    for (size_t i = 0; codes[i]; i++) {
        if (actions[i] == ISYNC_ACTION_CANCEL) {
            json_object_set_new(obj, codes[i], json_string("cancel"));
        }
    }
    return obj;
}

json_t *isync_status_map_to_json(const isync_status_map *map)
{
    if (!map->payment_set && !map->shipping_set && !map->infor_set) {
        return json_null();
    }
    json_t *obj = json_object();
    if (map->payment_set) {
        json_object_set_new(obj, "payment", actions_to_json(isync_xc_payment_codes, map->payment));
    }
    if (map->shipping_set) {
        json_object_set_new(obj, "shipping", actions_to_json(isync_xc_shipping_codes, map->shipping));
    }
    if (map->infor_set) {
        json_t *infor = json_object();
        for (int i = 0; i < 100; i++) {
            if (map->infor_to_shipping[i][0]) {
                char key[3] = {(char)('0' + i / 10), (char)('0' + i % 10), '\0'};
                json_object_set_new(infor, key, json_string(map->infor_to_shipping[i]));
            }
        }
        json_object_set_new(obj, "infor_to_shipping", infor);
    }
    return obj;
}

isync_status_action isync_status_map_action(const isync_status_map *map, int shipping, const char *code)
{
    int index = isync_status_code_index(shipping ? isync_xc_shipping_codes : isync_xc_payment_codes, code);
    if (index < 0) {
        return ISYNC_ACTION_NONE;
    }
    if (shipping) {
        return map->shipping_set ? (isync_status_action)map->shipping[index] : ISYNC_ACTION_NONE;
    }
    if (map->payment_set) {
        return (isync_status_action)map->payment[index];
    }
    return isync_status_code_index(default_payment_cancel, code) >= 0 ? ISYNC_ACTION_CANCEL : ISYNC_ACTION_NONE;
}

const char *isync_status_map_shipping_for(const isync_status_map *map, const char *infor_status)
{
    if (!two_digits(infor_status)) {
        return NULL;
    }
    if (map->infor_set) {
        const char *code = map->infor_to_shipping[(infor_status[0] - '0') * 10 + (infor_status[1] - '0')];
        return code[0] ? code : NULL;
    }
    for (size_t i = 0; i < sizeof default_infor / sizeof default_infor[0]; i++) {
        if (strcmp(default_infor[i].infor, infor_status) == 0) {
            return default_infor[i].shipping;
        }
    }
    return NULL;
}
