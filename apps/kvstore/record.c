/*
 * record.c: kvstore's log record codec (format in record.h). Decoding trusts nothing: every
 * length is checked against what is there before it is used, and the checksum before any
 * field is believed.
 */
#include "record.h"

#include <string.h>

#include "crc32c.h"

#define KV_KEY_LEN_MAX 0xffff

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

static void put64(unsigned char *p, uint64_t v)
{
	put32(p, v);
	put32(p + 4, v >> 32);
}

static uint16_t get16(const unsigned char *p)
{
	return p[0] | p[1] << 8;
}

static uint32_t get32(const unsigned char *p)
{
	return get16(p) | (uint32_t)get16(p + 2) << 16;
}

static uint64_t get64(const unsigned char *p)
{
	return get32(p) | (uint64_t)get32(p + 4) << 32;
}

size_t kv_record_size(size_t key_len, size_t value_len)
{
	return KV_REC_HEADER + key_len + value_len;
}

size_t kv_record_encode(void *buf, size_t room, struct kv_record *r)
{
	unsigned char *p = buf;
	size_t len;

	if (r->key_len > KV_KEY_LEN_MAX ||
	    r->value_len > KV_REC_MAX - KV_REC_HEADER - r->key_len)
		return 0;
	len = kv_record_size(r->key_len, r->value_len);
	if (len > room)
		return 0;
	put32(p, KV_REC_MAGIC);
	put32(p + 8, len);
	put32(p + 12, r->prev);
	put64(p + 16, r->seq);
	p[24] = r->op;
	p[25] = 0;
	put16(p + 26, r->key_len);
	if (r->key_len)
		memcpy(p + KV_REC_HEADER, r->key, r->key_len);
	if (r->value)
		memcpy(p + KV_REC_HEADER + r->key_len, r->value, r->value_len);
	else
		memset(p + KV_REC_HEADER + r->key_len, 0, r->value_len);
	r->len = len;
	r->crc = crc32c(0, p + 8, len - 8);
	put32(p + 4, r->crc);
	return len;
}

static int all_zero(const unsigned char *p, size_t n)
{
	while (n--)
		if (*p++)
			return 0;
	return 1;
}

/* Once the crc holds: do the fields make sense? */
static int fields_valid(const unsigned char *p, uint32_t len)
{
	int op = p[24];
	uint16_t key_len = get16(p + 26);

	if (p[25] != 0 || key_len > len - KV_REC_HEADER)
		return 0;
	if (op == KV_OP_PAD)
		return key_len == 0;
	if (op == KV_OP_DEL)
		return key_len > 0 && key_len == len - KV_REC_HEADER;
	return op == KV_OP_SET && key_len > 0;
}

enum kv_rec_status kv_record_decode(const void *buf, size_t avail,
				    struct kv_record *r, size_t *need)
{
	const unsigned char *p = buf;
	uint32_t len;

	if (need)
		*need = 0;
	if (all_zero(p, avail < KV_REC_HEADER ? avail : KV_REC_HEADER))
		return KV_REC_END;
	if (avail < 4 || get32(p) != KV_REC_MAGIC)
		return avail < 4 ? KV_REC_TRUNCATED : KV_REC_BAD_MAGIC;
	if (avail < KV_REC_HEADER)
		return KV_REC_TRUNCATED;
	len = get32(p + 8);
	if (len < KV_REC_HEADER || len > KV_REC_MAX)
		return KV_REC_BAD_LENGTH;
	if (len > avail) {
		if (need)
			*need = len;
		return KV_REC_TRUNCATED;
	}
	if (crc32c(0, p + 8, len - 8) != get32(p + 4))
		return KV_REC_BAD_CRC;
	if (!fields_valid(p, len))
		return KV_REC_BAD_FIELDS;
	r->crc = get32(p + 4);
	r->len = len;
	r->prev = get32(p + 12);
	r->seq = get64(p + 16);
	r->op = p[24];
	r->key_len = get16(p + 26);
	r->key = p + KV_REC_HEADER;
	r->value_len = len - KV_REC_HEADER - r->key_len;
	r->value = r->op == KV_OP_PAD ? NULL : p + KV_REC_HEADER + r->key_len;
	return KV_REC_OK;
}

int kv_record_follows(const struct kv_record *r, uint64_t seq, uint32_t crc)
{
	return r->seq == seq + 1 && r->prev == (seq ? crc : 0);
}

const char *kv_rec_status_text(enum kv_rec_status status)
{
	switch (status) {
	case KV_REC_OK:
		return "valid";
	case KV_REC_END:
		return "end of log";
	case KV_REC_TRUNCATED:
		return "torn record (the log ends inside it)";
	case KV_REC_BAD_MAGIC:
		return "bad magic";
	case KV_REC_BAD_LENGTH:
		return "impossible length";
	case KV_REC_BAD_CRC:
		return "bad CRC";
	case KV_REC_BAD_FIELDS:
		return "impossible fields";
	}
	return "unknown";
}
