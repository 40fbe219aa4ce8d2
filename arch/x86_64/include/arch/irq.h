/*
 * Event delivery control. In PV the "interrupt flag" is the vcpu_info
 * event upcall mask Xen reads before delivering an upcall; the saved
 * flag is 1 when events were masked.
 */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

/* Vector number the upcall entry stub reports to trap_dispatch. */
#define ARCH_EVENT_VECTOR 256

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <xen/xen.h>

extern struct shared_info *pv_shared_info;

static inline struct vcpu_info *arch_vcpu_info(void)
{
	return &pv_shared_info->vcpu_info[0];
}

static inline unsigned long arch_irq_save(void)
{
	struct vcpu_info *v = arch_vcpu_info();
	unsigned long was_masked = v->evtchn_upcall_mask;

	v->evtchn_upcall_mask = 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	return was_masked;
}

/* Re-enable events; deliver any that arrived while masked. */
void arch_irq_enable(void);

static inline void arch_irq_restore(unsigned long was_masked)
{
	if (!was_masked)
		arch_irq_enable();
}

static inline void arch_irq_disable(void)
{
	arch_irq_save();
}

/* With events masked: unmask and sleep until an event arrives. */
void arch_block(void);

typedef void (*arch_event_fn)(void);

/* Register the upcall; fn runs with events masked. */
int arch_events_init(arch_event_fn fn);

#endif
#endif
