/* http.h: parsing an HTTP/1.x request head (pure: no I/O), for httpd. */
#ifndef HTTPD_HTTP_H
#define HTTPD_HTTP_H

#include <stddef.h>

/* A request head (request line and headers) may be at most this long, its target at most
 * HTTP_MAX_TARGET bytes, and a request body (read and thrown away) at most HTTP_MAX_BODY. */
#define HTTP_MAX_HEAD 8192
#define HTTP_MAX_TARGET 2048
#define HTTP_MAX_BODY 65536
#define HTTP_MAX_METHOD 15

struct http_request {
	char method[HTTP_MAX_METHOD + 1];
	char target[HTTP_MAX_TARGET + 1];
	int minor; /* HTTP/1.<minor> */
	int keep_alive; /* the client lets the connection stay open */
	unsigned long content_length;
	size_t head_len; /* bytes of the head, its blank line included */
};

/*
 * Parse the request head at the start of buf. Returns 1 when a whole, valid head is there
 * (req filled in), 0 when more bytes are needed, or the HTTP error status that answers it:
 * 400 (malformed), 413 (body too large), 414 (target too long), 431 (head too large),
 * 501 (a transfer coding), 505 (not HTTP/1.x). req->method, target and minor are filled in
 * as far as they could be parsed, for the log.
 */
int http_parse(const char *buf, size_t len, struct http_request *req);

/* The reason phrase of a status code this server sends. */
const char *http_reason(int status);

#endif
