"""jobchecks.py: combinators for the check functions of integration tests
(a check takes a finished job and returns None, or why it failed)."""


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
