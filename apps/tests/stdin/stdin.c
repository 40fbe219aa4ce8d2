/*
 * Test app: reading stdin reads the Xen console. The dom0 side of the
 * test types a line into the guest's console pty; we echo it back.
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char line[128];

	printf("stdin: waiting for a line\n");
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin)) {
		printf("stdin: FAILED: end of input\n");
		return 1;
	}
	line[strcspn(line, "\r\n")] = '\0';
	printf("stdin: got [%s]\n", line);
	return strcmp(line, "hello petrel") ? 1 : 0;
}
