/* http.c: the HTTP/1.x request-head parser (RFC 9112 syntax, the subset httpd needs). */
#include "http.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* RFC 9110 token characters. */
static int is_tchar(int c)
{
	return isalnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* Length of the line at s (up to n bytes) without its LF or CRLF, or -1 when no LF yet. */
static long line_length(const char *s, size_t n)
{
	const char *lf = memchr(s, '\n', n);

	if (!lf)
		return -1;
	return lf - s - (lf > s && lf[-1] == '\r');
}

/* Bytes the line at s takes, its line end included (it has one). */
static size_t line_span(const char *s, size_t n)
{
	return (const char *)memchr(s, '\n', n) - s + 1;
}

/*
 * "METHOD SP target SP HTTP/1.x" in s[0..n): fills req, returns 1 or an error status. When the
 * line is not complete yet, returns 0 if what has come could still start a good one.
 */
static int parse_request_line(const char *s, size_t n, int complete,
			      struct http_request *req)
{
	size_t i = 0, t;

	while (i < n && is_tchar((unsigned char)s[i]))
		i++;
	if (i > HTTP_MAX_METHOD || (i < n && (i == 0 || s[i] != ' ')))
		return 400;
	if (i == n)
		return complete ? 400 : 0;
	memcpy(req->method, s, i);
	req->method[i] = '\0';
	t = ++i;
	while (i < n && s[i] != ' ') {
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return 400;
		i++;
	}
	if (i - t > HTTP_MAX_TARGET)
		return 414;
	memcpy(req->target, s + t, i - t);
	req->target[i - t] = '\0';
	if (i > t && s[t] != '/')
		return 400;
	if (!complete)
		return 0;
	if (i == t || i >= n)
		return 400;
	i++;
	if (n - i != 8 || memcmp(s + i, "HTTP/", 5) ||
	    !isdigit((unsigned char)s[i + 5]) || s[i + 6] != '.' ||
	    !isdigit((unsigned char)s[i + 7]))
		return 400;
	if (s[i + 5] != '1')
		return 505;
	req->minor = s[i + 7] - '0';
	req->keep_alive = req->minor >= 1;
	return 1;
}

/* Does a comma-separated header value hold the token tok (case-insensitively)? */
static int has_token(const char *v, size_t n, const char *tok)
{
	size_t k = strlen(tok), i = 0;

	while (i < n) {
		size_t b, e;

		while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == ','))
			i++;
		b = i;
		while (i < n && v[i] != ',')
			i++;
		e = i;
		while (e > b && (v[e - 1] == ' ' || v[e - 1] == '\t'))
			e--;
		if (e - b == k && !strncasecmp(v + b, tok, k))
			return 1;
	}
	return 0;
}

/* One header field line "Name: value": applies what httpd cares about. */
static int parse_header(const char *s, size_t n, struct http_request *req,
			int *seen_host, int *seen_length)
{
	size_t name = 0, v;
	char digits[24];

	while (name < n && is_tchar((unsigned char)s[name]))
		name++;
	if (name == 0 || name >= n || s[name] != ':')
		return 400;
	for (v = name + 1; v < n && (s[v] == ' ' || s[v] == '\t'); v++)
		;
	while (n > v && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (size_t i = v; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
			return 400;
	if (name == 4 && !strncasecmp(s, "Host", 4)) {
		if ((*seen_host)++)
			return 400;
	} else if (name == 10 && !strncasecmp(s, "Connection", 10)) {
		if (has_token(s + v, n - v, "close"))
			req->keep_alive = 0;
		else if (has_token(s + v, n - v, "keep-alive"))
			req->keep_alive = 1;
	} else if (name == 17 && !strncasecmp(s, "Transfer-Encoding", 17)) {
		return 501;
	} else if (name == 14 && !strncasecmp(s, "Content-Length", 14)) {
		unsigned long len;

		if (n == v || n - v >= sizeof(digits))
			return n - v >= sizeof(digits) ? 413 : 400;
		memcpy(digits, s + v, n - v);
		digits[n - v] = '\0';
		for (size_t i = 0; digits[i]; i++)
			if (!isdigit((unsigned char)digits[i]))
				return 400;
		len = strtoul(digits, NULL, 10);
		if (*seen_length && len != req->content_length)
			return 400;
		*seen_length = 1;
		req->content_length = len;
		if (len > HTTP_MAX_BODY)
			return 413;
	}
	return 1;
}

/* Where the head that starts with a line of first bytes ends (after its blank line), or 0
 * when that has not arrived yet. */
static size_t head_end(const char *buf, size_t len, size_t first)
{
	size_t off = first;

	for (;;) {
		long n = line_length(buf + off, len - off);

		if (n < 0)
			return 0;
		off += line_span(buf + off, len - off);
		if (n == 0)
			return off;
	}
}

int http_parse(const char *buf, size_t len, struct http_request *req)
{
	int seen_host = 0, seen_length = 0, rc;
	long n = line_length(buf, len);
	size_t off, end;

	memset(req, 0, sizeof(*req));
	if (n < 0) {
		/* Not even the request line yet: judge it by what has come. */
		rc = parse_request_line(buf, len, 0, req);
		if (rc)
			return rc;
		return len >= HTTP_MAX_HEAD ? 431 : 0;
	}
	rc = parse_request_line(buf, n, 1, req);
	if (rc != 1)
		return rc;
	off = line_span(buf, len);
	end = head_end(buf, len, off);
	if (!end)
		return len >= HTTP_MAX_HEAD ? 431 : 0;
	if (end > HTTP_MAX_HEAD)
		return 431;
	while (off < end) {
		long h = line_length(buf + off, end - off);

		if (h == 0)
			break;
		rc = parse_header(buf + off, h, req, &seen_host, &seen_length);
		if (rc != 1)
			return rc;
		off += line_span(buf + off, end - off);
	}
	/* HTTP/1.1 requires exactly one Host header. */
	if (req->minor >= 1 && !seen_host)
		return 400;
	req->head_len = end;
	return 1;
}

const char *http_reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 400:
		return "Bad Request";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 413:
		return "Content Too Large";
	case 414:
		return "URI Too Long";
	case 431:
		return "Request Header Fields Too Large";
	case 501:
		return "Not Implemented";
	case 503:
		return "Service Unavailable";
	case 505:
		return "HTTP Version Not Supported";
	default:
		return "Error";
	}
}
