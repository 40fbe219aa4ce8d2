/*
 * Typed hypercall wrappers. Each hypercall is a call into the 32-byte
 * stub Xen wrote at hypercall_page + nr * 32; arguments go in
 * rdi, rsi, rdx, r10, r8 and the stub clobbers rcx and r11.
 */
#ifndef ARCH_HYPERCALL_H
#define ARCH_HYPERCALL_H

#include <stdint.h>
#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/event_channel.h>
#include <xen/vcpu.h>
#include <xen/callback.h>
#include <xen/memory.h>
#include <xen/grant_table.h>
#include <xen/hvm/hvm_op.h>
#include <xen/version.h>

extern char hypercall_page[];

static inline long hypercall2(unsigned int nr, unsigned long a1,
			      unsigned long a2)
{
	register unsigned long rdi asm("rdi") = a1;
	register unsigned long rsi asm("rsi") = a2;
	long ret;

	asm volatile("call *%[stub]"
		     : "=a"(ret), "+r"(rdi), "+r"(rsi)
		     : [stub] "r"(hypercall_page + nr * 32)
		     : "rcx", "r11", "rdx", "r10", "r8", "memory");
	return ret;
}

static inline long hypercall3(unsigned int nr, unsigned long a1,
			      unsigned long a2, unsigned long a3)
{
	register unsigned long rdi asm("rdi") = a1;
	register unsigned long rsi asm("rsi") = a2;
	register unsigned long rdx asm("rdx") = a3;
	long ret;

	asm volatile("call *%[stub]"
		     : "=a"(ret), "+r"(rdi), "+r"(rsi), "+r"(rdx)
		     : [stub] "r"(hypercall_page + nr * 32)
		     : "rcx", "r11", "r10", "r8", "memory");
	return ret;
}

static inline long hypercall4(unsigned int nr, unsigned long a1,
			      unsigned long a2, unsigned long a3,
			      unsigned long a4)
{
	register unsigned long rdi asm("rdi") = a1;
	register unsigned long rsi asm("rsi") = a2;
	register unsigned long rdx asm("rdx") = a3;
	register unsigned long r10 asm("r10") = a4;
	long ret;

	asm volatile("call *%[stub]"
		     : "=a"(ret), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(r10)
		     : [stub] "r"(hypercall_page + nr * 32)
		     : "rcx", "r11", "r8", "memory");
	return ret;
}

static inline long hypercall5(unsigned int nr, unsigned long a1,
			      unsigned long a2, unsigned long a3,
			      unsigned long a4, unsigned long a5)
{
	register unsigned long rdi asm("rdi") = a1;
	register unsigned long rsi asm("rsi") = a2;
	register unsigned long rdx asm("rdx") = a3;
	register unsigned long r10 asm("r10") = a4;
	register unsigned long r8 asm("r8") = a5;
	long ret;

	asm volatile("call *%[stub]"
		     : "=a"(ret), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(r10),
		       "+r"(r8)
		     : [stub] "r"(hypercall_page + nr * 32)
		     : "rcx", "r11", "memory");
	return ret;
}

static inline long hyp_set_trap_table(const struct trap_info *table)
{
	return hypercall2(__HYPERVISOR_set_trap_table, (unsigned long)table, 0);
}

static inline long hyp_mmu_update(mmu_update_t *req, unsigned int count,
				  unsigned int *done)
{
	return hypercall4(__HYPERVISOR_mmu_update, (unsigned long)req, count,
			  (unsigned long)done, DOMID_SELF);
}

static inline long hyp_mmuext_op(struct mmuext_op *op, unsigned int count)
{
	return hypercall4(__HYPERVISOR_mmuext_op, (unsigned long)op, count, 0,
			  DOMID_SELF);
}

static inline long hyp_update_va_mapping(unsigned long va, uint64_t pte,
					 unsigned long flags)
{
	return hypercall3(__HYPERVISOR_update_va_mapping, va, pte, flags);
}

static inline long hyp_console_write(const char *buf, unsigned long len)
{
	return hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, len,
			  (unsigned long)buf);
}

static inline long hyp_sched_op(int cmd, void *arg)
{
	return hypercall2(__HYPERVISOR_sched_op, cmd, (unsigned long)arg);
}

static inline long hyp_event_channel_op(int cmd, void *arg)
{
	return hypercall2(__HYPERVISOR_event_channel_op, cmd,
			  (unsigned long)arg);
}

static inline long hyp_xen_version(int cmd, void *arg)
{
	return hypercall2(__HYPERVISOR_xen_version, cmd, (unsigned long)arg);
}

static inline long hyp_set_segment_base(unsigned int which, unsigned long base)
{
	return hypercall2(__HYPERVISOR_set_segment_base, which, base);
}

static inline long hyp_vm_assist(unsigned int cmd, unsigned int type)
{
	return hypercall2(__HYPERVISOR_vm_assist, cmd, type);
}

#endif
