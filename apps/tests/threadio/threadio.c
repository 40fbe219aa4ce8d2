/*
 * stdio from threads that end: each thread prints (to its own buffered
 * stdout, over fd 1) and is joined; main then prints. A thread's end must
 * flush its output and leave fd 1 open, so main's last lines arrive too.
 * Compared line for line with the native build (stdout not a terminal,
 * so fully buffered on both).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *work(void *arg)
{
	printf("threadio: thread %ld prints\n", (long)arg);
	return NULL;
}

int main(void)
{
	for (long i = 0; i < 3; i++) {
		pthread_t t;

		pthread_create(&t, NULL, work, (void *)i);
		pthread_join(t, NULL);
	}
	errno = 0;
	printf("threadio: fd 1 %s\n",
	       write(1, "", 0) == 0 ? "still open" : "CLOSED");
	printf("threadio: joined\n");
	return 0;
}
