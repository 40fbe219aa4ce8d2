/*
 * proto.h: kvstore's text protocol, one command a line (LF or CRLF), one reply line each:
 *
 *   SET key value     OK                      (value: the rest of the line, spaces and all)
 *   GET key           VALUE value | NOTFOUND
 *   DEL key           OK | NOTFOUND
 *   QUIT              BYE, and the server closes the connection
 *   SHUTDOWN          OK, and the server exits (only when started with -x)
 *
 * Verbs are case-insensitive; a key is 1..KV_KEY_MAX bytes with no space or control byte.
 * Anything else is answered "ERR why", and the connection stays usable.
 */
#ifndef KVSTORE_PROTO_H
#define KVSTORE_PROTO_H

#include <stddef.h>

#define KV_KEY_MAX 256
#define KV_VALUE_MAX 4096
/* The longest line that can be a valid command ("SET k v" at its limits, CRLF). */
#define KV_LINE_MAX (4 + KV_KEY_MAX + 1 + KV_VALUE_MAX + 2)
/* The longest reply ("VALUE v\n"). */
#define KV_REPLY_MAX (6 + KV_VALUE_MAX + 1)

enum kv_verb { KV_SET, KV_GET, KV_DEL, KV_QUIT, KV_SHUTDOWN, KV_BAD };

struct kv_command {
	enum kv_verb verb;
	const char *key, *value;
	size_t key_len, value_len;
	const char *error; /* KV_BAD: why, for "ERR why" */
};

/* Parse one line (without its LF; a CR before it is dropped). Points into line. */
void kv_parse(const char *line, size_t len, struct kv_command *c);

#endif
