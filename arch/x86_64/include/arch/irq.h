/*
 * Event delivery control. In PV the "interrupt flag" is the vcpu_info
 * event upcall mask Xen reads before delivering an upcall; in PVH Xen
 * injects the upcall as an interrupt, so RFLAGS.IF gates it. Either
 * way the saved flag is 1 when events were masked.
 */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

/* Vector number the upcall entry stub reports to trap_dispatch. */
#define ARCH_EVENT_VECTOR 256

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <xen/xen.h>
#include "arch/platform.h"

#define X86_EFLAGS_IF (1UL << 9)

/* Set by arch_setup: shared_info and our (only) vCPU's vcpu_info in it. */
extern struct shared_info *arch_shared;
extern struct vcpu_info *arch_vcpu;

static inline struct shared_info *arch_shared_info(void)
{
	return arch_shared;
}

static inline struct vcpu_info *arch_vcpu_info(void)
{
	return arch_vcpu;
}

static inline unsigned long arch_irq_save(void)
{
	unsigned long was_masked;

	if (arch_platform->irq_by_flag) {
		unsigned long flags;

		asm volatile("pushfq; popq %0; cli" : "=r"(flags)::"memory");
		return !(flags & X86_EFLAGS_IF);
	}
	was_masked = arch_vcpu->evtchn_upcall_mask;
	arch_vcpu->evtchn_upcall_mask = 1;
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
