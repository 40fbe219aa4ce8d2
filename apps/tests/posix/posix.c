/*
 * The POSIX that ordinary programs use, checked differentially: this one
 * program is built for Petrel and natively (gcc -O2 -pthread posix.c) and
 * the integration test compares the two outputs line for line. So every
 * "posix: " line is deterministic: values, return codes and errno names,
 * never addresses or times (those print as properties, "...: yes").
 * Lines that may differ by platform (uname's sysname, the host name)
 * start with "posix: [platform]" and are checked separately.
 *
 * Modes (argv[1]): none runs everything and exits 0; "sigterm" and
 * "sigusr1" end by a fatal signal; "err" and "errx" end through err(3);
 * "unsupported" (Petrel only) calls fork, exec and friends.
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define say(...) printf("posix: " __VA_ARGS__), putchar('\n')

static const char *yes(int cond)
{
	return cond ? "yes" : "no";
}

#define NAMED(e)      \
	{             \
		e, #e \
	}
static const struct {
	int value;
	const char *name;
} errnos[] = {
	NAMED(EPERM),	  NAMED(ENOENT),    NAMED(ESRCH),	 NAMED(EINTR),
	NAMED(EIO),	  NAMED(EBADF),	    NAMED(ECHILD),	 NAMED(EAGAIN),
	NAMED(ENOMEM),	  NAMED(EACCES),    NAMED(EFAULT),	 NAMED(EBUSY),
	NAMED(EEXIST),	  NAMED(ENODEV),    NAMED(ENOTDIR),	 NAMED(EINVAL),
	NAMED(ENOSPC),	  NAMED(ERANGE),    NAMED(EDEADLK),	 NAMED(ENOSYS),
	NAMED(EOVERFLOW), NAMED(ETIMEDOUT), NAMED(ENAMETOOLONG), NAMED(ESPIPE),
	NAMED(EPIPE),	  NAMED(ENOTTY),
};

/* errno values differ between newlib and Linux: print names. */
static const char *errname(int e)
{
	static char other[32];

	if (!e)
		return "0";
	for (size_t i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (errnos[i].value == e)
			return errnos[i].name;
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
}

/* A call returning -1 on error: its result, and errno when it failed. */
#define TRY(label, expr)                                       \
	do {                                                   \
		errno = 0;                                     \
		long rc_ = (long)(expr);                       \
		int e_ = errno;                                \
		if (rc_ == -1)                                 \
			say("%s = -1 %s", label, errname(e_)); \
		else                                           \
			say("%s = %ld", label, rc_);           \
	} while (0)

/* A call returning an error number (pthreads, posix_memalign). */
#define TRYE(label, expr) say("%s = %s", label, errname(expr))

static double now_s(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct timespec realtime_in(long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += ms % 1000 * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

static void test_sysconf(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	long conf = sysconf(_SC_NPROCESSORS_CONF);
	long phys = sysconf(_SC_PHYS_PAGES), avail = sysconf(_SC_AVPHYS_PAGES);

	TRY("sysconf(_SC_PAGESIZE)", sysconf(_SC_PAGESIZE));
	TRY("sysconf(_SC_PAGE_SIZE)", sysconf(_SC_PAGE_SIZE));
	TRY("getpagesize()", getpagesize());
	TRY("sysconf(_SC_CLK_TCK)", sysconf(_SC_CLK_TCK));
	TRY("sysconf(_SC_HOST_NAME_MAX)", sysconf(_SC_HOST_NAME_MAX));
	TRY("sysconf(_SC_LINE_MAX)", sysconf(_SC_LINE_MAX));
	TRY("sysconf(_SC_IOV_MAX)", sysconf(_SC_IOV_MAX));
	TRY("sysconf(_SC_SEM_VALUE_MAX)", sysconf(_SC_SEM_VALUE_MAX));
	TRY("sysconf(_SC_VERSION)", sysconf(_SC_VERSION));
	TRY("sysconf(_SC_THREADS)", sysconf(_SC_THREADS));
	TRY("sysconf(_SC_SEMAPHORES)", sysconf(_SC_SEMAPHORES));
	TRY("sysconf(_SC_MONOTONIC_CLOCK)", sysconf(_SC_MONOTONIC_CLOCK));
	TRY("sysconf(_SC_TRACE)", sysconf(_SC_TRACE));
	TRY("sysconf(-1)", sysconf(-1));
	TRY("sysconf(100000)", sysconf(100000));
	say("sysconf cpus: online >= 1: %s, online <= configured: %s",
	    yes(cpus >= 1), yes(cpus <= conf));
	say("sysconf open max >= 256: %s", yes(sysconf(_SC_OPEN_MAX) >= 256));
	say("sysconf pages: physical > 0: %s, available in (0, physical]: %s",
	    yes(phys > 0), yes(avail > 0 && avail <= phys));
}

static void test_getline(void)
{
	char text[] = "first line\n\nthird,with,commas\nno newline";
	FILE *f = fmemopen(text, strlen(text), "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, f)) != -1)
		say("getline %zd [%.*s]", n, (int)strcspn(line, "\n"), line);
	say("getline at end: eof %s", yes(feof(f)));
	rewind(f);
	while ((n = getdelim(&line, &cap, ',', f)) != -1)
		say("getdelim %zd [%.*s]", n, (int)strcspn(line, ",\n"), line);
	fclose(f);
	free(line);
	TRY("getline(NULL, ...)", getline(NULL, &cap, stdin));
}

static void test_memalign(void)
{
	void *p = NULL;
	size_t aligns[] = { 8, 64, 4096, 65536 };
	volatile size_t huge = SIZE_MAX - 4096;

	for (size_t i = 0; i < sizeof(aligns) / sizeof(aligns[0]); i++) {
		int rc = posix_memalign(&p, aligns[i], 1000);

		say("posix_memalign(%zu) = %s, aligned: %s", aligns[i],
		    errname(rc), yes(!rc && (uintptr_t)p % aligns[i] == 0));
		if (!rc) {
			memset(p, 0xa5, 1000);
			free(p);
		}
	}
	p = (void *)1;
	TRYE("posix_memalign(align 3)", posix_memalign(&p, 3, 16));
	TRYE("posix_memalign(align 4)", posix_memalign(&p, 4, 16));
	say("posix_memalign failure leaves pointer: %s", yes(p == (void *)1));
	TRYE("posix_memalign(huge)", posix_memalign(&p, 64, huge));
	p = aligned_alloc(256, 512);
	say("aligned_alloc(256, 512): aligned %s",
	    yes(p && (uintptr_t)p % 256 == 0));
	free(p);
	errno = 0;
	p = aligned_alloc(64, huge);
	say("aligned_alloc(huge): %s %s", p ? "ptr" : "NULL", errname(errno));
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void test_entropy(void)
{
	unsigned char a[300], b[300];
	uint32_t first = arc4random(), differ = 0, in_range = 1;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	TRY("getentropy(32)", getentropy(a, 32));
	TRY("getentropy(256)", getentropy(b, 256));
	say("getentropy 32 bytes nonzero: %s, two calls differ: %s",
	    yes(!all_zero(a, 32)), yes(memcmp(a, b, 32) != 0));
	TRY("getentropy(257)", getentropy(b, 257));
	TRY("getentropy(0)", getentropy(b, 0));
	for (int i = 0; i < 1000; i++) {
		differ |= arc4random() != first;
		in_range &= arc4random_uniform(10) < 10;
	}
	memset(a, 0, 64);
	arc4random_buf(a, 64);
	say("arc4random varies: %s, uniform(10) < 10: %s, buf filled: %s",
	    yes(differ), yes(in_range), yes(!all_zero(a, 64)));
	TRY("arc4random_uniform(1)", arc4random_uniform(1));
}

static void test_uname(void)
{
	struct utsname u;
	char host[256], tiny[1];

	TRY("uname", uname(&u));
	say("uname machine=%s", u.machine);
	say("[platform] uname sysname=%s release=%s", u.sysname, u.release);
	say("[platform] uname nodename=%s", u.nodename);
	TRY("gethostname", gethostname(host, sizeof(host)));
	say("gethostname equals nodename: %s, nonempty: %s",
	    yes(!strcmp(host, u.nodename)), yes(host[0] != 0));
	TRY("gethostname(len 1)", gethostname(tiny, sizeof(tiny)));
}

static void test_cwd(void)
{
	char buf[PATH_MAX], *p;
	char longname[300];

	TRY("chdir(/)", chdir("/"));
	say("getcwd = [%s]", getcwd(buf, sizeof(buf)));
	TRY("getcwd(buf, 1)", getcwd(buf, 1) ? 0 : -1);
	TRY("getcwd(buf, 0)", getcwd(buf, 0) ? 0 : -1);
	p = getcwd(NULL, 0);
	say("getcwd(NULL, 0) = [%s]", p);
	free(p);
	TRY("chdir(/petrel-no-such-dir)", chdir("/petrel-no-such-dir"));
	TRY("chdir(empty)", chdir(""));
	TRY("chdir(.)", chdir("."));
	TRY("chdir(/..//./)", chdir("/..//./"));
	say("getcwd still = [%s]", getcwd(buf, sizeof(buf)));
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	TRY("chdir(300-char name)", chdir(longname));
	say("realpath(/) = [%s]", realpath("/", buf));
	say("realpath(/./..//.) = [%s]", realpath("/./..//.", buf));
	say("realpath(.) = [%s]", realpath(".", buf));
	p = realpath("/", NULL);
	say("realpath(/, NULL) = [%s]", p);
	free(p);
	TRY("realpath(/petrel-no-such-file)",
	    realpath("/petrel-no-such-file", buf) ? 0 : -1);
	TRY("realpath(empty)", realpath("", buf) ? 0 : -1);
	TRY("realpath(NULL)", realpath(NULL, buf) ? 0 : -1);
}

static void vwarn_wrapper(int x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (x)
		vwarnx(fmt, ap);
	else
		vwarn(fmt, ap);
	va_end(ap);
}

static void test_err(void)
{
	errno = ENOENT;
	warn("warn %d", 1);
	errno = EINVAL;
	warnx("warnx %s", "two");
	errno = ENOENT;
	vwarn_wrapper(0, "vwarn %d", 3);
	vwarn_wrapper(1, "vwarnx %d", 4);
	errno = EINVAL;
	warn(NULL);
	say("err: errno kept by warn: %s", errname(errno));
}

/* Signal handlers append to a log the test then prints. */
static char sig_log[256];
static volatile sig_atomic_t usr1_count;

static const char *signame(int sig)
{
	switch (sig) {
	case SIGHUP:
		return "HUP";
	case SIGUSR1:
		return "USR1";
	case SIGUSR2:
		return "USR2";
	case SIGTERM:
		return "TERM";
	case SIGALRM:
		return "ALRM";
	}
	return "?";
}

static void log_sig(const char *what, int sig)
{
	size_t len = strlen(sig_log);

	snprintf(sig_log + len, sizeof(sig_log) - len, "%s%s%s", len ? " " : "",
		 what, signame(sig));
}

static void on_signal(int sig)
{
	if (sig == SIGUSR1)
		usr1_count++;
	log_sig("", sig);
}

static int blocked_now(int sig)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, sig);
}

/* A handler that raises USR2 (deferred by sa_mask) and checks masks. */
static void on_usr1_raising(int sig)
{
	log_sig(blocked_now(sig) ? "masked-in-handler:" : "open-in-handler:",
		sig);
	raise(SIGUSR2);
	log_sig("end:", sig);
}

static int info_ok;
static void on_siginfo(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	info_ok = info && info->si_signo == sig && info->si_code == SI_USER;
}

static void print_log(const char *what)
{
	say("signals: %s: [%s]", what, sig_log);
	sig_log[0] = 0;
}

static void install(int sig, void (*fn)(int), int flags, int mask_sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	if (mask_sig)
		sigaddset(&sa.sa_mask, mask_sig);
	sigaction(sig, &sa, NULL);
}

static void test_signal_errors(void)
{
	struct sigaction sa, old;
	sigset_t set;
	void (*prev)(int);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	TRY("sigaction(SIGKILL)", sigaction(SIGKILL, &sa, NULL));
	TRY("sigaction(SIGSTOP)", sigaction(SIGSTOP, &sa, NULL));
	TRY("sigaction(0)", sigaction(0, &sa, NULL));
	TRY("sigaction(1000)", sigaction(1000, &sa, NULL));
	TRY("sigaction(SIGKILL, query)", sigaction(SIGKILL, NULL, &old));
	say("signals: SIGKILL action is SIG_DFL: %s",
	    yes(old.sa_handler == SIG_DFL));
	errno = 0;
	prev = signal(SIGKILL, on_signal);
	say("signals: signal(SIGKILL) is SIG_ERR: %s %s", yes(prev == SIG_ERR),
	    errname(errno));
	TRY("raise(1000)", raise(1000));
	TRY("kill(getpid(), 1000)", kill(getpid(), 1000));
	TRY("kill(getpid(), 0)", kill(getpid(), 0));
	TRY("sigprocmask(99, NULL)", sigprocmask(99, NULL, NULL));
	TRY("sigemptyset", sigemptyset(&set));
	TRY("sigprocmask(99, set)", sigprocmask(99, &set, NULL));
	TRY("sigaddset(1000)", sigaddset(&set, 1000));
	TRY("sigaddset(0)", sigaddset(&set, 0));
	TRY("sigismember(1000)", sigismember(&set, 1000));
	sigaddset(&set, SIGKILL);
	sigaddset(&set, SIGSTOP);
	TRY("sigprocmask(block SIGKILL, SIGSTOP)",
	    sigprocmask(SIG_BLOCK, &set, NULL));
	say("signals: SIGKILL blocked: %s, SIGSTOP blocked: %s",
	    yes(blocked_now(SIGKILL)), yes(blocked_now(SIGSTOP)));
}

static void test_signal_delivery(void)
{
	sigset_t set, old, pending;
	struct sigaction sa;

	install(SIGUSR1, on_signal, 0, 0);
	install(SIGUSR2, on_signal, 0, 0);
	install(SIGHUP, on_signal, 0, 0);
	TRY("raise(SIGUSR1)", raise(SIGUSR1));
	TRY("kill(getpid(), SIGUSR1)", kill(getpid(), SIGUSR1));
	say("signals: handler ran %d times", (int)usr1_count);
	print_log("direct");

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	TRY("sigprocmask(block USR1)", sigprocmask(SIG_BLOCK, &set, &old));
	raise(SIGUSR1);
	say("signals: while blocked ran %d times", (int)usr1_count);
	sigpending(&pending);
	say("signals: USR1 pending: %s, USR2 pending: %s",
	    yes(sigismember(&pending, SIGUSR1)),
	    yes(sigismember(&pending, SIGUSR2)));
	raise(SIGUSR1); /* a second one merges with the pending one */
	TRY("sigprocmask(restore)", sigprocmask(SIG_SETMASK, &old, NULL));
	say("signals: after unblock ran %d times", (int)usr1_count);
	print_log("deferred");

	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR2);
	raise(SIGUSR1);
	raise(SIGHUP);
	sigprocmask(SIG_SETMASK, &old, NULL);
	print_log("three pending, order");

	install(SIGUSR1, on_usr1_raising, 0, SIGUSR2);
	raise(SIGUSR1);
	print_log("sa_mask defers USR2");
	install(SIGUSR1, on_usr1_raising, SA_NODEFER, SIGUSR2);
	raise(SIGUSR1);
	print_log("SA_NODEFER");

	install(SIGUSR2, on_signal, SA_RESETHAND, 0);
	raise(SIGUSR2);
	sigaction(SIGUSR2, NULL, &sa);
	say("signals: SA_RESETHAND reset to SIG_DFL: %s",
	    yes(sa.sa_handler == SIG_DFL));
	print_log("resethand");

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_siginfo;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, NULL);
	kill(getpid(), SIGUSR2);
	say("signals: SA_SIGINFO handler got signo and SI_USER: %s",
	    yes(info_ok));
}

static void test_signal_dispositions(void)
{
	void (*prev)(int);

	prev = signal(SIGUSR1, SIG_IGN);
	say("signals: signal() returned previous handler: %s",
	    yes(prev == on_usr1_raising));
	TRY("raise(SIGUSR1) ignored", raise(SIGUSR1));
	prev = signal(SIGUSR1, SIG_DFL);
	say("signals: previous was SIG_IGN: %s", yes(prev == SIG_IGN));
	TRY("raise(SIGCHLD) default ignore", raise(SIGCHLD));
	TRY("raise(SIGWINCH) default ignore", raise(SIGWINCH));
	TRY("raise(SIGURG) default ignore", raise(SIGURG));
	TRY("raise(0)", raise(0));
}

static void test_signals(void)
{
	test_signal_errors();
	test_signal_delivery();
	test_signal_dispositions();
}

#define SEM_THREADS 4
#define SEM_ROUNDS 500

static sem_t work, done;

static void *sem_worker(void *arg)
{
	long got = 0;

	(void)arg;
	for (int i = 0; i < SEM_ROUNDS; i++) {
		if (sem_wait(&work) == 0)
			got++;
		if (i % 50 == 0)
			sched_yield();
	}
	sem_post(&done);
	return (void *)got;
}

static void test_sem_threads(void)
{
	pthread_t t[SEM_THREADS];
	long total = 0;
	int value = -1;

	sem_init(&work, 0, 0);
	sem_init(&done, 0, 0);
	for (int i = 0; i < SEM_THREADS; i++)
		pthread_create(&t[i], NULL, sem_worker, NULL);
	for (int i = 0; i < SEM_THREADS * SEM_ROUNDS; i++)
		sem_post(&work);
	for (int i = 0; i < SEM_THREADS; i++)
		sem_wait(&done);
	for (int i = 0; i < SEM_THREADS; i++) {
		void *got;

		pthread_join(t[i], &got);
		total += (long)got;
	}
	sem_getvalue(&work, &value);
	say("sem: %d threads took %ld posts, value left %d", SEM_THREADS, total,
	    value);
	sem_destroy(&work);
	sem_destroy(&done);
}

static void test_semaphores(void)
{
	sem_t s;
	int value = -1;
	struct timespec ts;
	double t0;

	TRY("sem_init(0)", sem_init(&s, 0, 0));
	TRY("sem_getvalue", sem_getvalue(&s, &value));
	say("sem value %d", value);
	TRY("sem_trywait(empty)", sem_trywait(&s));
	TRY("sem_post", sem_post(&s));
	sem_getvalue(&s, &value);
	say("sem value %d", value);
	TRY("sem_trywait", sem_trywait(&s));
	ts = realtime_in(50);
	t0 = now_s(CLOCK_MONOTONIC);
	TRY("sem_timedwait(+50 ms)", sem_timedwait(&s, &ts));
	say("sem_timedwait waited >= 50 ms: %s",
	    yes(now_s(CLOCK_MONOTONIC) - t0 >= 0.049));
	ts.tv_nsec = 1000000000L;
	TRY("sem_timedwait(nsec 1e9)", sem_timedwait(&s, &ts));
	ts.tv_nsec = -1;
	TRY("sem_timedwait(nsec -1)", sem_timedwait(&s, &ts));
	sem_post(&s);
	ts = realtime_in(-1000);
	TRY("sem_timedwait(past, available)", sem_timedwait(&s, &ts));
	TRY("sem_timedwait(past, empty)", sem_timedwait(&s, &ts));
	TRY("sem_wait after post", (sem_post(&s), sem_wait(&s)));
	TRY("sem_destroy", sem_destroy(&s));
	TRY("sem_init(SEM_VALUE_MAX + 1)",
	    sem_init(&s, 0, (unsigned)SEM_VALUE_MAX + 1));
	TRY("sem_init(SEM_VALUE_MAX)", sem_init(&s, 0, SEM_VALUE_MAX));
	TRY("sem_post at SEM_VALUE_MAX", sem_post(&s));
	sem_destroy(&s);
	test_sem_threads();
}

#define RW_THREADS 6
#define RW_ROUNDS 300

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long rw_a, rw_b, rw_torn;

static void *rw_worker(void *arg)
{
	long id = (long)arg;

	for (int i = 0; i < RW_ROUNDS; i++) {
		if (id % 2) {
			pthread_rwlock_wrlock(&rw);
			rw_a++;
			if (i % 10 == 0)
				sched_yield();
			rw_b++;
		} else {
			pthread_rwlock_rdlock(&rw);
			if (rw_a != rw_b)
				rw_torn++;
			if (i % 10 == 0)
				sched_yield();
		}
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

static void *rw_hold_read(void *arg)
{
	(void)arg;
	pthread_rwlock_rdlock(&rw);
	usleep(200000);
	pthread_rwlock_unlock(&rw);
	return NULL;
}

static void test_rwlock(void)
{
	pthread_t t[RW_THREADS];
	struct timespec ts;

	TRYE("rdlock", pthread_rwlock_rdlock(&rw));
	TRYE("rdlock again", pthread_rwlock_rdlock(&rw));
	TRYE("trywrlock while read", pthread_rwlock_trywrlock(&rw));
	TRYE("tryrdlock while read", pthread_rwlock_tryrdlock(&rw));
	for (int i = 0; i < 3; i++)
		pthread_rwlock_unlock(&rw);
	TRYE("wrlock", pthread_rwlock_wrlock(&rw));
	TRYE("tryrdlock while written", pthread_rwlock_tryrdlock(&rw));
	TRYE("trywrlock while written", pthread_rwlock_trywrlock(&rw));
	TRYE("rdlock by writer", pthread_rwlock_rdlock(&rw));
	TRYE("wrlock by writer", pthread_rwlock_wrlock(&rw));
	TRYE("unlock", pthread_rwlock_unlock(&rw));
	ts = realtime_in(10);
	ts.tv_nsec = 1000000000L;
	TRYE("timedwrlock(nsec 1e9)", pthread_rwlock_timedwrlock(&rw, &ts));

	pthread_create(&t[0], NULL, rw_hold_read, NULL);
	usleep(50000);
	ts = realtime_in(50);
	TRYE("timedwrlock while read-held",
	     pthread_rwlock_timedwrlock(&rw, &ts));
	ts = realtime_in(50);
	TRYE("timedrdlock while read-held",
	     pthread_rwlock_timedrdlock(&rw, &ts));
	pthread_rwlock_unlock(&rw);
	pthread_join(t[0], NULL);

	for (long i = 0; i < RW_THREADS; i++)
		pthread_create(&t[i], NULL, rw_worker, (void *)i);
	for (int i = 0; i < RW_THREADS; i++)
		pthread_join(t[i], NULL);
	say("rwlock: writes %ld/%ld, torn reads %ld", rw_a, rw_b, rw_torn);
	TRYE("rwlock_destroy", pthread_rwlock_destroy(&rw));
	TRYE("rwlock_init", pthread_rwlock_init(&rw, NULL));
	TRYE("rwlock_destroy", pthread_rwlock_destroy(&rw));
}

#define BARRIER_THREADS 4
#define BARRIER_ROUNDS 5

static pthread_barrier_t barrier;
static int serial_count[BARRIER_ROUNDS], arrived[BARRIER_ROUNDS];
static int barrier_early;

static void *barrier_worker(void *arg)
{
	(void)arg;
	for (int r = 0; r < BARRIER_ROUNDS; r++) {
		__atomic_add_fetch(&arrived[r], 1, __ATOMIC_SEQ_CST);
		if (pthread_barrier_wait(&barrier) ==
		    PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_add_fetch(&serial_count[r], 1,
					   __ATOMIC_SEQ_CST);
		/* Everyone must have arrived before anyone passes. */
		if (__atomic_load_n(&arrived[r], __ATOMIC_SEQ_CST) !=
		    BARRIER_THREADS)
			__atomic_add_fetch(&barrier_early, 1, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

static void test_barrier(void)
{
	pthread_t t[BARRIER_THREADS];
	int one_serial = 1;

	TRYE("barrier_init(count 0)", pthread_barrier_init(&barrier, NULL, 0));
	TRYE("barrier_init(4)",
	     pthread_barrier_init(&barrier, NULL, BARRIER_THREADS));
	for (int i = 0; i < BARRIER_THREADS; i++)
		pthread_create(&t[i], NULL, barrier_worker, NULL);
	for (int i = 0; i < BARRIER_THREADS; i++)
		pthread_join(t[i], NULL);
	for (int r = 0; r < BARRIER_ROUNDS; r++)
		one_serial &= serial_count[r] == 1;
	say("barrier: %d rounds, one serial thread each: %s, early passes %d",
	    BARRIER_ROUNDS, yes(one_serial), barrier_early);
	TRYE("barrier_destroy", pthread_barrier_destroy(&barrier));
	TRYE("barrier_init(1)", pthread_barrier_init(&barrier, NULL, 1));
	say("barrier of 1 returns serial: %s",
	    yes(pthread_barrier_wait(&barrier) ==
		PTHREAD_BARRIER_SERIAL_THREAD));
	pthread_barrier_destroy(&barrier);
}

#define SPIN_THREADS 4
#define SPIN_ROUNDS 2000

static pthread_spinlock_t spin;
static long spin_counter;

static void *spin_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < SPIN_ROUNDS; i++) {
		pthread_spin_lock(&spin);
		long seen = spin_counter;

		if (i % 100 == 0)
			sched_yield();
		spin_counter = seen + 1;
		pthread_spin_unlock(&spin);
	}
	return NULL;
}

static void test_spin(void)
{
	pthread_t t[SPIN_THREADS];

	TRYE("spin_init", pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE));
	TRYE("spin_trylock", pthread_spin_trylock(&spin));
	TRYE("spin_trylock held", pthread_spin_trylock(&spin));
	TRYE("spin_unlock", pthread_spin_unlock(&spin));
	for (int i = 0; i < SPIN_THREADS; i++)
		pthread_create(&t[i], NULL, spin_worker, NULL);
	for (int i = 0; i < SPIN_THREADS; i++)
		pthread_join(t[i], NULL);
	say("spin: counter %ld", spin_counter);
	TRYE("spin_destroy", pthread_spin_destroy(&spin));
}

static void test_clock(void)
{
	clock_t c0 = clock(), c1;
	struct tms tms0, tms1;
	clock_t r0 = times(&tms0), r1;
	double w0 = now_s(CLOCK_MONOTONIC), cpu0, wall, cpu;
	double p0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
	volatile unsigned long spin = 0;

	while (now_s(CLOCK_MONOTONIC) - w0 < 0.3)
		spin++;
	c1 = clock();
	r1 = times(&tms1);
	wall = now_s(CLOCK_MONOTONIC) - w0;
	cpu0 = (double)(c1 - c0) / CLOCKS_PER_SEC;
	cpu = now_s(CLOCK_PROCESS_CPUTIME_ID) - p0;
	say("clock: not -1: %s, advanced: %s", yes(c0 != (clock_t)-1),
	    yes(c1 > c0));
	say("clock: cpu seconds in (0, wall]: %s",
	    yes(cpu0 > 0 && cpu0 <= wall + 0.02));
	say("clock_gettime(CPUTIME): advanced, at most wall: %s",
	    yes(cpu > 0 && cpu <= wall + 0.02));
	say("times: not -1: %s, elapsed ticks advanced: %s, user+system "
	    "advanced: %s",
	    yes(r0 != (clock_t)-1), yes(r1 > r0),
	    yes(tms1.tms_utime + tms1.tms_stime >
		tms0.tms_utime + tms0.tms_stime));
}

static void test_mmap(void)
{
	size_t page = 4096, len = 3 * 4096 + 1;
	unsigned char *p, *q;
	int reuse_ok = 1;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	say("mmap anon: ok %s, page-aligned %s, zeroed %s",
	    yes(p != MAP_FAILED), yes((uintptr_t)p % page == 0),
	    yes(p != MAP_FAILED && all_zero(p, 4 * page)));
	memset(p, 0x5a, 4 * page);
	TRY("munmap", munmap(p, len));
	TRY("munmap again", munmap(p, len));

	p = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TRY("munmap middle pages", munmap(p + page, 2 * page));
	p[0] = 1;
	p[3 * page] = 2;
	say("mmap: edges kept after partial unmap: %s",
	    yes(p[0] == 1 && p[3 * page] == 2));
	TRY("munmap first", munmap(p, page));
	TRY("munmap last", munmap(p + 3 * page, page));

	for (int i = 0; i < 2000 && reuse_ok; i++) {
		q = mmap(NULL, 16 * page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		reuse_ok = q != MAP_FAILED && q[i % (16 * page)] == 0;
		if (reuse_ok)
			memset(q, 0xff, 16 * page);
		reuse_ok &= munmap(q, 16 * page) == 0;
	}
	say("mmap: 2000 x 64 KiB map/unmap, zeroed each time: %s",
	    yes(reuse_ok));
	q = mmap(NULL, 4 << 20, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	say("mmap 4 MiB shared anon: ok %s", yes(q != MAP_FAILED));
	if (q != MAP_FAILED) {
		memset(q, 1, 4 << 20);
		munmap(q, 4 << 20);
	}

	TRY("mmap(len 0)",
	    mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	TRY("mmap(no private/shared)",
	    mmap(NULL, page, PROT_READ, MAP_ANONYMOUS, -1, 0));
	TRY("mmap(offset 1)",
	    mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1));
	TRY("mmap(bad fd)", mmap(NULL, page, PROT_READ, MAP_PRIVATE, 99, 0));
	TRY("mmap(stdin)", mmap(NULL, page, PROT_READ, MAP_PRIVATE, 0, 0));
	TRY("mmap(huge)", mmap(NULL, SIZE_MAX - 2 * page, PROT_READ,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	TRY("munmap(unaligned)", munmap((char *)p + 1, page));
	TRY("munmap(len 0)", munmap(p, 0));
}

#define PIPE_BYTES 200000

static void *pipe_producer(void *arg)
{
	int fd = (int)(long)arg;
	char chunk[3000];
	long sent = 0;

	while (sent < PIPE_BYTES) {
		size_t n = PIPE_BYTES - sent < (long)sizeof(chunk) ?
				   (size_t)(PIPE_BYTES - sent) :
				   sizeof(chunk);

		for (size_t i = 0; i < n; i++)
			chunk[i] = (char)((sent + (long)i) * 7);
		sent += write(fd, chunk, n);
	}
	close(fd);
	return NULL;
}

static int sigpipe_count;
static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipe_count++;
}

static void test_pipe_threads(void)
{
	int fds[2];
	pthread_t t;
	char buf[5000];
	long got = 0, bad = 0;
	ssize_t n;

	pipe(fds);
	pthread_create(&t, NULL, pipe_producer, (void *)(long)fds[1]);
	while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			bad += buf[i] != (char)((got + i) * 7);
		got += n;
	}
	pthread_join(t, NULL);
	say("pipe: thread sent %d bytes, read %ld, %ld wrong, then read = %zd",
	    PIPE_BYTES, got, bad, n);
	close(fds[0]);
}

static void test_pipe(void)
{
	int fds[2];
	char buf[64];
	struct stat st;
	long filled = 0;
	ssize_t n;

	TRY("pipe", pipe(fds));
	TRY("write(pipe, hello)", write(fds[1], "hello", 5));
	memset(buf, 0, sizeof(buf));
	TRY("read(pipe)", read(fds[0], buf, sizeof(buf)));
	say("pipe: read back [%s]", buf);
	TRY("fstat(pipe)", fstat(fds[0], &st));
	say("pipe: S_ISFIFO %s", yes(S_ISFIFO(st.st_mode)));
	TRY("lseek(pipe)", lseek(fds[0], 0, SEEK_SET));
	errno = 0;
	n = isatty(fds[0]);
	say("isatty(pipe) = %zd %s", n, errname(errno));
	errno = 0;
	n = isatty(99);
	say("isatty(99) = %zd %s", n, errname(errno));
	TRY("read(write end)", read(fds[1], buf, 1));
	TRY("write(read end)", write(fds[0], "x", 1));
	TRY("close(read end)", close(fds[0]));
	signal(SIGPIPE, SIG_IGN);
	TRY("write(no reader, SIGPIPE ignored)", write(fds[1], "x", 1));
	signal(SIGPIPE, on_sigpipe);
	TRY("write(no reader, SIGPIPE caught)", write(fds[1], "x", 1));
	say("pipe: SIGPIPE handler ran %d time(s)", sigpipe_count);
	signal(SIGPIPE, SIG_DFL);
	TRY("close(write end)", close(fds[1]));
	TRY("close(write end again)", close(fds[1]));

	TRY("pipe2(O_NONBLOCK)", pipe2(fds, O_NONBLOCK));
	TRY("read(empty, nonblocking)", read(fds[0], buf, sizeof(buf)));
	memset(buf, 'z', sizeof(buf));
	while ((n = write(fds[1], buf, sizeof(buf))) > 0)
		filled += n;
	say("pipe: nonblocking writes filled %ld bytes, then %s", filled,
	    errname(errno));
	close(fds[1]);
	while ((n = read(fds[0], buf, sizeof(buf))) > 0)
		filled -= n;
	say("pipe: all read back: %s, then read = %zd", yes(filled == 0), n);
	close(fds[0]);
	TRY("pipe2(bad flags)", pipe2(fds, 0x40000000));
	test_pipe_threads();
}

/* Fatal signals and err() end the program: one mode per run. */
static int run_mode(const char *mode)
{
	if (!strcmp(mode, "sigterm")) {
		fflush(stdout);
		raise(SIGTERM);
	} else if (!strcmp(mode, "sigusr1")) {
		fflush(stdout);
		kill(getpid(), SIGUSR1);
	} else if (!strcmp(mode, "err")) {
		errno = ENOENT;
		err(3, "fatal %d", 7);
	} else if (!strcmp(mode, "errx")) {
		errx(4, "plain %s", "message");
	}
	say("mode %s: still running", mode);
	return 1;
}

/* vfork alone in its function: nothing here lives across it. */
static void try_vfork(void)
{
	TRY("vfork", vfork());
}

/* Petrel only: what a unikernel cannot do fails with a clear errno. */
static void try_unsupported(void)
{
	char *argv[] = { "sh", "-c", "true", NULL };
	int status = 0;

	TRY("fork", fork());
	try_vfork();
	TRY("execv", execv("/bin/sh", argv));
	TRY("execvp", execvp("sh", argv));
	TRY("execl", execl("/bin/sh", "sh", "-c", "true", (char *)0));
	TRY("execve", execve("/bin/sh", argv, NULL));
	TRY("waitpid", waitpid(-1, &status, 0));
	TRY("wait", wait(&status));
	TRY("system(NULL)", system(NULL));
	status = system("true");
	say("system(true) = %d: exited %s, status %d", status,
	    yes(WIFEXITED(status)), WEXITSTATUS(status));
}

static int run_unsupported(void)
{
	try_unsupported();
	try_unsupported(); /* the console notes come once per function */
	say("unsupported: done");
	return 0;
}

int main(int argc, char **argv)
{
	/* Line-buffered even into a pipe, so stdout and stderr (warn)
	 * lines interleave in program order natively too. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "unsupported"))
		return run_unsupported();
	if (argc > 1)
		return run_mode(argv[1]);
	test_sysconf();
	test_getline();
	test_memalign();
	test_entropy();
	test_uname();
	test_cwd();
	test_err();
	test_signals();
	test_semaphores();
	test_rwlock();
	test_barrier();
	test_spin();
	test_clock();
	test_mmap();
	test_pipe();
	say("done");
	return 0;
}
