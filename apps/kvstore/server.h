/* server.h: kvstore's network side: one poll() loop over every client, with group commit. */
#ifndef KVSTORE_SERVER_H
#define KVSTORE_SERVER_H

#include "store.h"

struct server_options {
	int max_conns;
	int allow_shutdown; /* the SHUTDOWN command stops the server */
};

/*
 * Serve the listening sockets fds[0..n) until SHUTDOWN. Returns 0, or -errno: a failed
 * commit (nothing of that batch was acknowledged) or a failed poll.
 */
int server_run(struct store *st, const int *fds, int n,
	       const struct server_options *opt);

#endif
