/*
 * Xen ELF notes: tell the PV domain builder how to load this image.
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

	/* No executable stack (ld warns without this note). */
	.section .note.GNU-stack, "", @progbits
