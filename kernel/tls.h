/*
 * Thread-local storage (__thread, _Thread_local): every thread gets its
 * own copy of the image's TLS segment, laid out as the x86_64 ELF ABI
 * (variant II) expects, so code the compiler emits for the local-exec
 * model (%fs:-offset, %fs:0 = the thread pointer) works unchanged.
 */
#ifndef KERNEL_TLS_H
#define KERNEL_TLS_H

#include <stddef.h>

/* Bytes a thread's TLS area needs (block, TCB, alignment); 0 without TLS. */
size_t tls_area_size(void);

/*
 * Lay out a TLS block and TCB in the tls_area_size() bytes that end at
 * area_end: copy .tdata, zero .tbss, point the TCB at itself. Returns
 * the thread pointer (the FS base), or 0 when the image has no TLS.
 */
unsigned long tls_area_init(void *area_end);

#endif
