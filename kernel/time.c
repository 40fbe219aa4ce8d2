/*
 * pvclock and wall clock readers, and the one-shot timer. Both records
 * are written by Xen at any time, so each read is version-locked: an
 * odd or changed version means Xen was mid-update and we retry.
 */
#include <stddef.h>
#include "arch/hypercall.h"
#include "arch/irq.h"
#include "kernel/evtchn.h"
#include "kernel/lib/errno.h"
#include "kernel/time.h"

static void (*timer_callback)(void);
/* The deadline Xen's one-shot timer is set for; 0 once it has fired. A
 * hypercall costs (over 100 us in PVH under TCG), so a timer already
 * set for the deadline asked is left alone. */
static uint64_t armed_deadline;

static inline uint64_t rdtsc_ordered(void)
{
	uint32_t lo, hi;

	/* lfence keeps rdtsc from running ahead of the version read. */
	asm volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t scale_delta(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t monotonic_ns(void)
{
	const volatile struct vcpu_time_info *t = &arch_vcpu_info()->time;
	uint32_t version;
	uint64_t ns;

	do {
		version = t->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		ns = t->system_time +
		     scale_delta(rdtsc_ordered() - t->tsc_timestamp,
				 t->tsc_to_system_mul, t->tsc_shift);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != t->version);
	return ns;
}

uint64_t wallclock_ns(void)
{
	const volatile struct shared_info *s = arch_shared_info();
	uint32_t version;
	uint64_t sec, nsec;

	do {
		version = s->wc_version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		sec = ((uint64_t)s->xen_wc_sec_hi << 32) | s->wc_sec;
		nsec = s->wc_nsec;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != s->wc_version);
	/* wc_* is the wall time at system time 0. */
	return sec * NSEC_PER_SEC + nsec + monotonic_ns();
}

/*
 * Xen accounts the time the vcpu spent in each runstate; while it is
 * running (as it is when it asks), the current stint has not been added
 * yet, so it is counted from state_entry_time.
 */
uint64_t cpu_time_ns(void)
{
	struct vcpu_runstate_info info;
	uint64_t ns, entered, now;

	if (hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_get_runstate_info, 0,
		       (unsigned long)&info) < 0)
		return 0;
	ns = info.time[RUNSTATE_running];
	entered = info.state_entry_time & ~XEN_RUNSTATE_UPDATE;
	now = monotonic_ns();
	if (info.state == RUNSTATE_running && now > entered)
		ns += now - entered;
	return ns;
}

int time_set_timer(uint64_t deadline_ns)
{
	struct vcpu_set_singleshot_timer t = {
		.timeout_abs_ns = deadline_ns,
		.flags = 0, /* a past deadline fires at once */
	};
	int rc;

	if (deadline_ns == armed_deadline)
		return 0;
	rc = xen_errno(hypercall3(__HYPERVISOR_vcpu_op,
				  VCPUOP_set_singleshot_timer, 0,
				  (unsigned long)&t));
	if (!rc)
		armed_deadline = deadline_ns;
	return rc;
}

static void timer_event(evtchn_port_t port, void *arg)
{
	(void)port;
	(void)arg;
	armed_deadline = 0;
	if (timer_callback)
		timer_callback();
}

/* The timer virq, with no periodic tick. A new domain (after a restore)
 * has neither our binding nor our one-shot timer. */
static int timer_setup(void)
{
	long rc;

	armed_deadline = 0;
	/* Xen starts PV vcpus with a 100 Hz tick: idle must not wake. */
	rc = hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_stop_periodic_timer, 0, 0);
	if (rc < 0)
		return xen_errno(rc);
	rc = evtchn_bind_virq(VIRQ_TIMER, timer_event, NULL);
	return rc < 0 ? (int)rc : 0;
}

int time_init(void (*on_timer)(void))
{
	timer_callback = on_timer;
	return timer_setup();
}

int time_resume(void)
{
	return timer_setup();
}
