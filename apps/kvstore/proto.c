/* proto.c: parsing kvstore's command lines (the protocol is in proto.h). */
#include "proto.h"

#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	enum kv_verb verb;
	int args; /* 0: none; 1: a key; 2: a key and a value */
	const char *usage;
} verbs[] = {
	{ "SET", KV_SET, 2, "usage: SET key value" },
	{ "GET", KV_GET, 1, "usage: GET key" },
	{ "DEL", KV_DEL, 1, "usage: DEL key" },
	{ "QUIT", KV_QUIT, 0, "usage: QUIT" },
	{ "SHUTDOWN", KV_SHUTDOWN, 0, "usage: SHUTDOWN" },
};

static int key_byte(unsigned char b)
{
	return b > ' ' && b != 0x7f;
}

static int bad(struct kv_command *c, const char *why)
{
	c->verb = KV_BAD;
	c->error = why;
	return -1;
}

/* The key at line[*pos..], up to a space or the end; advances *pos. */
static int take_key(const char *line, size_t len, size_t *pos,
		    struct kv_command *c)
{
	size_t start = *pos;

	while (*pos < len && line[*pos] != ' ') {
		if (!key_byte(line[*pos]))
			return bad(c, "bad key: control bytes are not allowed");
		(*pos)++;
	}
	if (*pos == start)
		return bad(c, "empty key");
	if (*pos - start > KV_KEY_MAX)
		return bad(c, "key too long (at most 256 bytes)");
	c->key = line + start;
	c->key_len = *pos - start;
	return 0;
}

/* Parse into c; returns 0, or -1 once c says what is wrong. */
static int parse(const char *line, size_t len, struct kv_command *c)
{
	size_t verb_len, pos, i, n = sizeof(verbs) / sizeof(verbs[0]);

	if (!len)
		return bad(c, "empty line");
	for (verb_len = 0; verb_len < len && line[verb_len] != ' '; verb_len++)
		;
	for (i = 0; i < n; i++)
		if (strlen(verbs[i].name) == verb_len &&
		    !strncasecmp(line, verbs[i].name, verb_len))
			break;
	if (i == n)
		return bad(c, "unknown command (SET, GET, DEL, QUIT)");
	c->verb = verbs[i].verb;
	pos = verb_len;
	if (verbs[i].args == 0)
		return pos == len ? 0 : bad(c, verbs[i].usage);
	if (pos++ == len || take_key(line, len, &pos, c) < 0)
		return c->verb == KV_BAD ? -1 : bad(c, verbs[i].usage);
	if (verbs[i].args == 1)
		return pos == len ? 0 : bad(c, verbs[i].usage);
	if (pos++ == len)
		return bad(c, verbs[i].usage);
	if (len - pos > KV_VALUE_MAX)
		return bad(c, "value too long (at most 4096 bytes)");
	c->value = line + pos;
	c->value_len = len - pos;
	return 0;
}

void kv_parse(const char *line, size_t len, struct kv_command *c)
{
	memset(c, 0, sizeof(*c));
	if (len && line[len - 1] == '\r')
		len--;
	parse(line, len, c);
}
