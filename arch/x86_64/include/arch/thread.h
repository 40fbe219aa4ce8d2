/* Per-thread CPU context: a saved stack pointer and the switch to it. */
#ifndef ARCH_THREAD_H
#define ARCH_THREAD_H

void arch_switch(unsigned long *save_sp, unsigned long load_sp);

/*
 * Prime a fresh stack whose highest address is top (16-byte aligned) so
 * that switching to the returned sp calls fn(arg), which never returns.
 */
unsigned long arch_thread_stack_init(void *top, void (*fn)(void *), void *arg);

/* Load the thread pointer (FS base) that TLS accesses are relative to. */
int arch_set_tls_base(unsigned long base);

/* Map va back into the linear map (undoing a guard page). */
int arch_remap_page(unsigned long va);

#endif
