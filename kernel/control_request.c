/*
 * What a control/shutdown value asks for. The value comes from
 * xenstore, so it is anything at all: only the exact words the
 * toolstack writes count.
 */
#include "kernel/control_request.h"
#include "kernel/lib/string.h"

static const struct {
	const char *word;
	enum control_request request;
} words[] = {
	{ "", CONTROL_NONE },		{ "poweroff", CONTROL_POWEROFF },
	{ "halt", CONTROL_POWEROFF },	{ "reboot", CONTROL_REBOOT },
	{ "suspend", CONTROL_SUSPEND },
};

enum control_request control_request_parse(const char *value)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(value, words[i].word))
			return words[i].request;
	return CONTROL_UNKNOWN;
}

void control_printable(char *out, size_t size, const char *value)
{
	size_t n = 0;

	if (!size)
		return;
	for (; value[n] && n + 1 < size; n++)
		out[n] = value[n] >= 0x20 && value[n] < 0x7f ? value[n] : '?';
	out[n] = '\0';
}
