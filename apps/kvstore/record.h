/*
 * record.h: kvstore's log record, encoded and decoded (pure: no I/O, no allocation).
 *
 * A record, all integers little-endian:
 *
 *   0  u32 magic     KV_REC_MAGIC
 *   4  u32 crc       CRC-32C of bytes 8..len (everything after this field)
 *   8  u32 len       the whole record's length, header included
 *  12  u32 prev      the crc of the record before it (0 for the first)
 *  16  u64 seq       1 for the first record, then one more each time
 *  24  u8  op        KV_OP_SET, KV_OP_DEL or KV_OP_PAD
 *  25  u8  flags     0
 *  26  u16 key_len
 *  28  key, then the value (len - 28 - key_len bytes)
 *
 * prev and seq chain the records, so that a record left on the disk by an older, longer log
 * (after a torn tail was skipped and overwritten) is recognised as not belonging, however
 * intact it is. PAD records fill a commit up to a sector boundary and carry no data.
 */
#ifndef KVSTORE_RECORD_H
#define KVSTORE_RECORD_H

#include <stddef.h>
#include <stdint.h>

#define KV_REC_MAGIC 0x314c564bu /* "KVL1" */
#define KV_REC_HEADER 28
/* Largest record a decoder accepts: a sanity bound on len, well past any real record. */
#define KV_REC_MAX (64 * 1024)

enum kv_op { KV_OP_SET = 1, KV_OP_DEL = 2, KV_OP_PAD = 3 };

struct kv_record {
	uint64_t seq;
	uint32_t prev; /* crc of the previous record */
	uint32_t crc; /* this record's (set by encode and decode) */
	uint32_t len; /* whole record (set by encode and decode) */
	enum kv_op op;
	const void *key;
	size_t key_len;
	const void *value; /* NULL for a PAD record: its value is zeros */
	size_t value_len;
};

/* What decoding found at an offset. */
enum kv_rec_status {
	KV_REC_OK = 0,
	KV_REC_END, /* zeros where a header would be: the log's clean end */
	KV_REC_TRUNCATED, /* the bytes end inside the record */
	KV_REC_BAD_MAGIC,
	KV_REC_BAD_LENGTH, /* len below the header or above KV_REC_MAX */
	KV_REC_BAD_CRC,
	KV_REC_BAD_FIELDS, /* crc good, but op, flags or key_len impossible */
};

/* The size of the record r would encode to (r->len is not read). */
size_t kv_record_size(size_t key_len, size_t value_len);

/*
 * Write r (seq, prev, op, key, value) into buf. Returns its length, or 0 if it does not fit
 * in room or breaks the format's limits. Sets r->crc and r->len.
 */
size_t kv_record_encode(void *buf, size_t room, struct kv_record *r);

/*
 * Decode the record at buf, of which avail bytes are readable (the rest of the log). On
 * KV_REC_OK, r points into buf. On KV_REC_TRUNCATED, *need (if not NULL) is how many bytes
 * the record needs, when known (0 if not even its header is there).
 */
enum kv_rec_status kv_record_decode(const void *buf, size_t avail,
				    struct kv_record *r, size_t *need);

/* Whether r continues a log whose last record had seq and crc (seq 0: r must be the first). */
int kv_record_follows(const struct kv_record *r, uint64_t seq, uint32_t crc);

/* A few words for a status, for messages: "bad CRC". */
const char *kv_rec_status_text(enum kv_rec_status status);

#endif
