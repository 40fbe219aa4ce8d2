/* Value <-> neutral id lookups for the socket tables (socket_stack.h). */
#include "lib/libc/socket_stack.h"

int socket_value_id(int value, const int *values, int count)
{
	for (int i = 0; i < count; i++)
		if (values[i] == value)
			return i;
	return -1;
}

/* The ids of the flags set in flags; bits no table entry covers go to
 * *unknown. */
unsigned int socket_flags_to_ids(int flags, const int *values, int count,
				 int *unknown)
{
	unsigned int ids = 0;

	for (int i = 0; i < count; i++) {
		if (flags & values[i]) {
			ids |= 1u << i;
			flags &= ~values[i];
		}
	}
	*unknown = flags;
	return ids;
}

int socket_ids_to_flags(unsigned int ids, const int *values, int count)
{
	int flags = 0;

	for (int i = 0; i < count; i++)
		if (ids & (1u << i))
			flags |= values[i];
	return flags;
}
