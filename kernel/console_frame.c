/* Console framing: stream switches out, framed stdin in (see the header). */
#include "kernel/console_frame.h"

size_t console_stream_switch(enum console_stream s, char *out)
{
	static const char prefix[] = "\x1b_petrel:";
	static const char code[] = { 'k', '1', '2' };
	size_t n = 0;

	for (const char *p = prefix; *p; p++)
		out[n++] = *p;
	out[n++] = code[s];
	out[n++] = '\x1b';
	out[n++] = '\\';
	return n;
}

int stdin_decode(struct stdin_decoder *d, unsigned char c)
{
	if (d->eof)
		return STDIN_DECODE_NOTHING;
	if (!d->escaped && c == STDIN_FRAME_ESCAPE) {
		d->escaped = true;
		return STDIN_DECODE_NOTHING;
	}
	if (d->escaped && c == STDIN_FRAME_EOF) {
		d->escaped = false;
		d->eof = true;
		return STDIN_DECODE_EOF;
	}
	/* Plain data, or the byte after an escape (0xFF 0xFF is 0xFF). */
	d->escaped = false;
	return c;
}
