"""Quoting of guest arguments into the domain command line and xl config.

The guest splits its command line with POSIX-shell-like rules (see
kernel/cmdline.c), so each argument is single-quoted when it holds
anything but plain characters. The xl config string then needs its own
backslash escaping.
"""
import re

MAX_CMDLINE = 1023  # start_info.cmd_line is 1024 bytes with the NUL
_PLAIN = re.compile(r'^[A-Za-z0-9_@%+=:,./-]+$')


def quote_arg(arg):
    if _PLAIN.match(arg):
        return arg
    return "'" + arg.replace("'", "'\\''") + "'"


def guest_cmdline(args):
    line = ' '.join(quote_arg(a) for a in args)
    if len(line.encode()) > MAX_CMDLINE:
        raise ValueError('guest arguments too long: %d bytes, the limit is %d'
                         % (len(line.encode()), MAX_CMDLINE))
    return line


def xl_string(value):
    """A double-quoted xl config string literal."""
    if any(ord(c) < 0x20 or ord(c) == 0x7f for c in value):
        raise ValueError('control characters are not allowed in guest '
                         'arguments: %r' % value)
    return '"' + value.replace('\\', '\\\\').replace('"', '\\"') + '"'
