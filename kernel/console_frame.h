/*
 * Framing on the one PV console, both ways (pure logic, unit-tested).
 *
 * Out: the guest's stdout, stderr and its kernel messages share the ring.
 * Before bytes of a stream other than the last one written, the guest puts
 * a stream switch, an APC string "ESC _ petrel:S ESC \" (S is k, 1 or 2),
 * which terminals ignore, so `xl console` stays readable. The stream is
 * the kernel's at boot. The host runner splits the streams on these.
 *
 * In: when the runner pipes stdin (petrel.stdin=pipe on the command line),
 * the bytes arrive framed: 0xFF 0xFF is a 0xFF byte, 0xFF 0x00 is the end
 * of input (it cannot be data), every other byte is itself. Text never holds 0xFF (UTF-8 does
 * not use it), so text travels unchanged. sdk/lib/petrel/streams.py is the
 * host side of both.
 */
#ifndef KERNEL_CONSOLE_FRAME_H
#define KERNEL_CONSOLE_FRAME_H

#include <stdbool.h>
#include <stddef.h>

enum console_stream {
	CONSOLE_KERNEL,
	CONSOLE_STDOUT,
	CONSOLE_STDERR,
};

/* Longest stream switch, in bytes. */
#define CONSOLE_SWITCH_MAX 12

/* Write the switch to stream s into out; returns its length. */
size_t console_stream_switch(enum console_stream s, char *out);

#define STDIN_FRAME_ESCAPE 0xFF
#define STDIN_FRAME_EOF 0x00

/* stdin_decode's results besides a data byte (0..255). */
#define STDIN_DECODE_NOTHING (-1)
#define STDIN_DECODE_EOF (-2)

struct stdin_decoder {
	bool escaped; /* the last byte was an unpaired 0xFF */
	bool eof;
};

/*
 * Feed one framed byte: the data byte it completes, STDIN_DECODE_NOTHING
 * (an escape is pending, or input after the end is dropped), or
 * STDIN_DECODE_EOF once the end mark is complete. An escape followed by
 * any other byte stands for that byte (the runner never writes one).
 */
int stdin_decode(struct stdin_decoder *d, unsigned char c);

#endif
