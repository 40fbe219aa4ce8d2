"""jobchecks.py: combinators for the check functions of integration tests
(a check takes a finished job and returns None, or why it failed)."""
import difflib


def both(*checks):
    """A check that passes when every one of checks passes; the first
    failure's reason otherwise."""
    def check(job):
        for c in checks:
            why = c(job)
            if why:
                return why
        return None
    return check


def lines_differ(native, guest):
    """None when the guest printed the native build's lines, else why:
    a diff of the two (for differential tests)."""
    if guest == native:
        return None
    diff = difflib.unified_diff(native, guest, 'native', 'petrel',
                                lineterm='', n=1)
    return 'output differs from the native build:\n' + '\n'.join(diff)
