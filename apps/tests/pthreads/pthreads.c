/*
 * Conformance test for the pthreads subset: 8 threads incrementing a
 * counter under a mutex (yielding inside the critical section, so an
 * unprotected counter would lose updates), a producer/consumer pair on
 * a condition variable, a timed wait that must time out no earlier than
 * asked, per-thread errno, pthread_once, thread-specific data, and that
 * finished detached threads give their memory back.
 */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>

#define WORKERS 8
#define INCREMENTS 2000
#define ITEMS 1000
#define SLOTS 4

static int failures;

#define CHECK(cond, ...)                                          \
	do {                                                      \
		if (!(cond)) {                                    \
			printf("pthreads: FAILED: " __VA_ARGS__); \
			printf("\n");                             \
			failures++;                               \
		}                                                 \
	} while (0)

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *increment(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&counter_lock);
		long seen = counter;

		if (i % 7 == 0)
			sched_yield(); /* let others try to get in */
		counter = seen + 1;
		pthread_mutex_unlock(&counter_lock);
	}
	return NULL;
}

static void test_mutex(void)
{
	pthread_t t[WORKERS];

	for (int i = 0; i < WORKERS; i++)
		CHECK(pthread_create(&t[i], NULL, increment, NULL) == 0,
		      "create %d", i);
	for (int i = 0; i < WORKERS; i++)
		CHECK(pthread_join(t[i], NULL) == 0, "join %d", i);
	CHECK(counter == WORKERS * INCREMENTS, "counter %ld", counter);
	printf("pthreads: mutex counter %ld\n", counter);
}

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;

static void *try_held(void *arg)
{
	(void)arg;
	return (void *)(long)pthread_mutex_trylock(&held);
}

/* trylock on a mutex another thread holds; recursive and error-checking
 * mutexes locked twice by their owner. */
static void test_mutex_types(void)
{
	pthread_mutexattr_t attr;
	pthread_mutex_t rec, chk;
	pthread_t t;
	void *busy;

	pthread_mutex_lock(&held);
	pthread_create(&t, NULL, try_held, NULL);
	pthread_join(t, &busy);
	pthread_mutex_unlock(&held);
	CHECK((long)busy == EBUSY, "trylock of a held mutex gave %ld",
	      (long)busy);
	CHECK(pthread_mutex_trylock(&held) == 0, "trylock of a free mutex");
	pthread_mutex_unlock(&held);

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&rec, &attr);
	CHECK(pthread_mutex_lock(&rec) == 0 && pthread_mutex_lock(&rec) == 0 &&
		      pthread_mutex_trylock(&rec) == 0,
	      "recursive relock");
	for (int i = 0; i < 3; i++)
		CHECK(pthread_mutex_unlock(&rec) == 0, "recursive unlock %d",
		      i);
	CHECK(pthread_mutex_unlock(&rec) == EPERM, "unlock of a free mutex");

	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&chk, &attr);
	pthread_mutex_lock(&chk);
	CHECK(pthread_mutex_lock(&chk) == EDEADLK, "errorcheck relock");
	CHECK(pthread_mutex_trylock(&chk) == EBUSY, "errorcheck trylock");
	pthread_mutex_unlock(&chk);
	printf("pthreads: mutex types %s\n",
	       (long)busy == EBUSY ? "behave" : "misbehave");
}

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static int queue[SLOTS], head, count;

static void *produce(void *arg)
{
	(void)arg;
	for (int item = 1; item <= ITEMS; item++) {
		pthread_mutex_lock(&queue_lock);
		while (count == SLOTS)
			pthread_cond_wait(&not_full, &queue_lock);
		queue[(head + count++) % SLOTS] = item;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&queue_lock);
	}
	return NULL;
}

static void *consume(void *arg)
{
	long sum = 0;

	(void)arg;
	for (int n = 0; n < ITEMS; n++) {
		pthread_mutex_lock(&queue_lock);
		while (!count)
			pthread_cond_wait(&not_empty, &queue_lock);
		sum += queue[head];
		head = (head + 1) % SLOTS;
		count--;
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&queue_lock);
	}
	return (void *)sum;
}

static void test_producer_consumer(void)
{
	pthread_t p, c;
	void *sum;

	pthread_create(&c, NULL, consume, NULL);
	pthread_create(&p, NULL, produce, NULL);
	pthread_join(p, NULL);
	pthread_join(c, &sum);
	CHECK((long)sum == (long)ITEMS * (ITEMS + 1) / 2, "sum %ld", (long)sum);
	printf("pthreads: producer/consumer sum %ld\n", (long)sum);
}

static double elapsed_ms(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1e3 + (b->tv_nsec - a->tv_nsec) / 1e6;
}

static void test_timedwait(void)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t c = PTHREAD_COND_INITIALIZER;
	struct timespec start, end, deadline;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &start);
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_nsec += 100 * 1000 * 1000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&m);
	rc = pthread_cond_timedwait(&c, &m, &deadline);
	pthread_mutex_unlock(&m);
	clock_gettime(CLOCK_MONOTONIC, &end);
	CHECK(rc == ETIMEDOUT, "timedwait returned %d", rc);
	CHECK(elapsed_ms(&start, &end) >= 99.0, "woke after %.1f ms",
	      elapsed_ms(&start, &end));
	printf("pthreads: timedwait %s after %.0f ms\n",
	       rc == ETIMEDOUT ? "timed out" : "did not time out",
	       elapsed_ms(&start, &end));
}

static void *errno_keeper(void *arg)
{
	(void)arg;
	errno = EDOM;
	sched_yield();
	sched_yield();
	return (void *)(long)(errno == EDOM);
}

static void test_errno(void)
{
	pthread_t t;
	void *kept;

	pthread_create(&t, NULL, errno_keeper, NULL);
	errno = ERANGE;
	sched_yield();
	pthread_join(t, &kept);
	CHECK(kept && errno == ERANGE, "errno shared between threads");
	printf("pthreads: per-thread errno %s\n", kept ? "kept" : "lost");
}

static int once_runs;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t key;

static void init_once(void)
{
	once_runs++;
}

static void *use_key(void *arg)
{
	pthread_once(&once, init_once);
	pthread_setspecific(key, arg);
	sched_yield();
	return pthread_getspecific(key);
}

static void test_once_and_keys(void)
{
	pthread_t a, b;
	void *ra, *rb;

	CHECK(pthread_key_create(&key, NULL) == 0, "key_create");
	/* main too keeps one id and its own value for a key */
	pthread_setspecific(key, (void *)3);
	CHECK(pthread_equal(pthread_self(), pthread_self()), "main's id moves");
	pthread_create(&a, NULL, use_key, (void *)1);
	pthread_create(&b, NULL, use_key, (void *)2);
	pthread_join(a, &ra);
	pthread_join(b, &rb);
	CHECK(once_runs == 1, "once ran %d times", once_runs);
	CHECK(ra == (void *)1 && rb == (void *)2 &&
		      pthread_getspecific(key) == (void *)3,
	      "keys mixed up");
	printf("pthreads: once ran %d time(s), keys %s\n", once_runs,
	       ra == (void *)1 && rb == (void *)2 &&
			       pthread_getspecific(key) == (void *)3 ?
		       "per thread" :
		       "shared");
}

static void *quick(void *arg)
{
	return arg;
}

static void test_detached_reclaimed(void)
{
	pthread_attr_t attr;
	size_t before, after;
	pthread_t t;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	/* Warm up the id tables, so their growth is not counted. */
	for (int i = 0; i < 8; i++) {
		pthread_create(&t, &attr, quick, NULL);
		sched_yield();
	}
	before = mallinfo().uordblks;
	for (int i = 0; i < 500; i++) {
		CHECK(pthread_create(&t, &attr, quick, NULL) == 0,
		      "detached create %d", i);
		sched_yield(); /* let it finish */
	}
	pthread_create(&t, &attr, quick, NULL); /* frees the last ones */
	sched_yield();
	after = mallinfo().uordblks;
	CHECK(after < before + 16384, "500 detached threads kept %zu bytes",
	      after - before);
	printf("pthreads: 500 detached threads kept %zu bytes\n",
	       after > before ? after - before : 0);
}

int main(void)
{
	test_mutex();
	test_mutex_types();
	test_producer_consumer();
	test_timedwait();
	test_errno();
	test_once_and_keys();
	test_detached_reclaimed();
	printf("pthreads: %d failures\n", failures);
	return failures ? 1 : 0;
}
