/*
 * uname and gethostname. The host name is the Xen domain's name (its
 * xenstore "name" key), what `xl list` shows; it is read on each call,
 * so a renamed domain is seen. Without xenstore it is "petrel".
 */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "kernel/xenstore.h"
#include "lib/libc/errno.h"
#include "petrel/version.h"

#define XS_NAME_MAX 256

/* The domain name, cut to fit a utsname field. */
static void domain_name(char out[_UTSNAME_LENGTH])
{
	char name[XS_NAME_MAX];

	if (xenstore_read("name", name, sizeof(name)) <= 0)
		strcpy(name, "petrel");
	strncpy(out, name, _UTSNAME_LENGTH - 1);
	out[_UTSNAME_LENGTH - 1] = 0;
}

int uname(struct utsname *u)
{
	if (!u) {
		libc_set_errno(EFAULT);
		return -1;
	}
	memset(u, 0, sizeof(*u));
	strcpy(u->sysname, "Petrel");
	domain_name(u->nodename);
	strcpy(u->release, PETREL_VERSION);
	strcpy(u->version, "Petrel " PETREL_VERSION " (Xen PV unikernel)");
	strcpy(u->machine, "x86_64");
	strcpy(u->domainname, "(none)");
	return 0;
}

/* As glibc: a buffer too small for the name and its NUL is ENAMETOOLONG
 * (with as much of the name as fits). */
int gethostname(char *buf, size_t len)
{
	char name[_UTSNAME_LENGTH];
	size_t need;

	domain_name(name);
	need = strlen(name) + 1;
	memcpy(buf, name, need < len ? need : len);
	if (need > len) {
		libc_set_errno(ENAMETOOLONG);
		return -1;
	}
	return 0;
}
