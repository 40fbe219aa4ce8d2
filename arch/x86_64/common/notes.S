/*
 * Xen ELF notes: tell the domain builder how to load this image. A PV
 * build starts it at ENTRY (64-bit, paging on); a PVH build at
 * PHYS32_ENTRY (32-bit, paging off), so one image boots both ways.
 * libelf rejects the image unless LOADER starts with "generic" and
 * XEN_VERSION with "xen-3.0". The linker script puts .note.Xen in a
 * PT_NOTE segment.
 */
#include <xen/elfnote.h>

#define ELFNOTE(type, desc_directive, value)		\
	.balign 4;					\
	.long 2f - 1f;		/* name size */		\
	.long 4f - 3f;		/* desc size */		\
	.long type;					\
1:	.asciz "Xen";					\
2:	.balign 4;					\
3:	desc_directive value;				\
4:	.balign 4;

	.section .note.Xen, "a", @note
	ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz, "Petrel")
	ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz, "0.1")
	ELFNOTE(XEN_ELFNOTE_LOADER, .asciz, "generic")
	ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz, "xen-3.0")
	ELFNOTE(XEN_ELFNOTE_VIRT_BASE, .quad, 0)
	ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad, 0)
	ELFNOTE(XEN_ELFNOTE_ENTRY, .quad, _start)
	ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad, hypercall_page)
	ELFNOTE(XEN_ELFNOTE_PHYS32_ENTRY, .long, pvh_start32)

	/* No executable stack (ld warns without this note). */
	.section .note.GNU-stack, "", @progbits
