/* server.h: httpd's event loop: non-blocking sockets, one poll() for every connection. */
#ifndef HTTPD_SERVER_H
#define HTTPD_SERVER_H

struct server_options {
	int quiet; /* no log line per request */
	long max_requests; /* exit after this many requests (0: never) */
	int max_conns; /* open connections at most; the longest idle goes first */
	const char *
		quit_path; /* a GET of this path is answered, then the server exits */
};

/* Serve on the listening sockets fds[0..n) until max_requests. Returns 0, or -errno. */
int server_run(const int *fds, int n, const struct server_options *opt);

#endif
