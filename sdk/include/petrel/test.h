/*
 * The conformance test framework, in the spirit of Xen's XTF. One image
 * holds many tests; the runner (petrel test) boots it once per test
 * instance with the instance name as its argument, e.g.
 * "test-pv64-xen_version". The image's main is just
 *     int main(int argc, char **argv) { return petrel_test_main(argc, argv); }
 * and each test file registers its tests at file scope:
 *     PETREL_TEST(xen_version, "XENVER_version and friends succeed")
 *     {
 *             PETREL_CHECK_EQ(petrel_hypercall(...), 0);
 *     }
 * A test reports problems through the helpers below; returning without
 * any report is SUCCESS. Several reports keep the most severe (SUCCESS <
 * SKIP < ERROR < FAILURE). The console ends with XTF's line
 * "Test result: SUCCESS|SKIP|ERROR|FAILURE", after "Skip: ", "Error: "
 * and "Failure: " detail lines, so xtf-runner's parsing can read it.
 * With "--list" as the argument the image lists "NAME TITLE" lines.
 */
#ifndef PETREL_TEST_H
#define PETREL_TEST_H

struct petrel_test {
	const char *name;
	const char *title;
	void (*fn)(void);
};

/* Define and register a test function named test_NAME. */
#define PETREL_TEST(tname, ttitle)                                             \
	static void test_##tname(void);                                        \
	static const struct petrel_test petrel_test_##tname                    \
		__attribute__((used, section("petrel_tests"), aligned(8))) = { \
			.name = #tname,                                        \
			.title = ttitle,                                       \
			.fn = test_##tname,                                    \
		};                                                             \
	static void test_##tname(void)

enum petrel_test_status {
	PETREL_TEST_SUCCESS,
	PETREL_TEST_SKIP,
	PETREL_TEST_ERROR,
	PETREL_TEST_FAILURE,
};

/* Run the test argv[1] names (an instance name or a bare test name). */
int petrel_test_main(int argc, char **argv);

/* The code under test misbehaved. */
void petrel_test_fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* The test itself or its environment is broken. */
void petrel_test_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* The test cannot run here (e.g. a PV-only check in PVH). */
void petrel_test_skip(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* An informational line in the test's log. */
void petrel_test_note(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
enum petrel_test_status petrel_test_status(void);

/* "pv" or "pvh": the mode the guest booted in. */
const char *petrel_test_mode(void);
/* 1 when the guest booted as PV, 0 as PVH. */
int petrel_test_is_pv(void);

/* Checks: on a mismatch, a FAILURE naming file:line, the expression and
 * both values (as signed decimal and hex). They evaluate to whether the
 * check held, so a test can stop early: if (!PETREL_CHECK...) return; */
int petrel_test_check_eq(long got, long want, const char *expr,
			 const char *file, int line);
int petrel_test_check(int cond, const char *expr, const char *file, int line);
#define PETREL_CHECK_EQ(got, want)                                      \
	petrel_test_check_eq((long)(got), (long)(want), #got, __FILE__, \
			     __LINE__)
#define PETREL_CHECK(cond) \
	petrel_test_check(!!(cond), #cond, __FILE__, __LINE__)

/*
 * Expected faults. petrel_test_run_faulting calls fn(arg) with a fault
 * catcher armed; it returns 1 and fills *f when fn took a CPU exception
 * (fn is abandoned at that point), 0 when fn returned normally. fn must
 * not sleep or yield while the catcher is armed.
 */
struct petrel_fault {
	unsigned long vector; /* 13 #GP, 14 #PF, ... */
	unsigned long error_code; /* as the guest saw it */
	unsigned long address; /* #PF: the faulting address (CR2) */
	unsigned long rip; /* the faulting instruction */
};
int petrel_test_run_faulting(void (*fn)(void *), void *arg,
			     struct petrel_fault *f);

/* Vectors and #PF error-code bits (Intel SDM vol. 3, 4.7). */
#define PETREL_VEC_GP 13
#define PETREL_VEC_PF 14
#define PETREL_PFEC_PRESENT 0x01
#define PETREL_PFEC_WRITE 0x02
#define PETREL_PFEC_USER 0x04
#define PETREL_PFEC_RSVD 0x08
#define PETREL_PFEC_INSN 0x10

/*
 * Run fn(arg) and check that it faults with vector and, when
 * error_code >= 0, exactly that error code; and for #PF at address
 * when address is not 0. A FAILURE (file:line, what happened instead)
 * otherwise. Evaluates to whether the check held.
 */
int petrel_test_expect_fault(void (*fn)(void *), void *arg,
			     unsigned long vector, long error_code,
			     unsigned long address, const char *what,
			     const char *file, int line);
#define PETREL_EXPECT_FAULT(fn, arg, vector, error_code, address)           \
	petrel_test_expect_fault(fn, arg, vector, error_code, address, #fn, \
				 __FILE__, __LINE__)

#endif
