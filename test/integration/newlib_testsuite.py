"""newlib 3.3.0's own test programs, as integration tests.

The programs are those of newlib/testsuite in the Debian source that
images/bootstrap/fetch-sources.sh unpacks (never copied into this tree).
Each is built with sdk/bin/petrel-cc into build/newlib-testsuite/ and
booted as one job, and judged the way its DejaGnu .exp file judges it:

- newlib_pass_fail_all (lib/passfail.exp): every .c of the folder but
  those in the .exp's exclude_list passes when it exits with status 0;
- newlib_check_output FILE $list (lib/checkoutput.exp): FILE's first
  output lines match the Tcl glob patterns of $list, in order (its exit
  status is not looked at).

A program no .exp runs here is skipped, and an expectation newlib itself
has outgrown is brought up to date, each with the reason printed.
"""
import fnmatch
import os
import re
import subprocess

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
SRC = os.path.join(TOP, 'build', 'cache', 'src', 'newlib-3.3.0', 'newlib',
                   'testsuite')
OUT = os.path.join(TOP, 'build', 'newlib-testsuite')
NEWLIB_H = os.path.join(TOP, 'build', 'sysroot', 'include', 'newlib.h')
PETREL_CC = os.path.join(TOP, 'sdk', 'bin', 'petrel-cc')

# Folders whose .exp runs nothing on this target, and why.
SKIPPED_DIRS = {
    'newlib.elix': 'elix.exp runs it on i386 Linux targets only; tmmap '
                   'creates a file and maps it MAP_SHARED, and a unikernel '
                   'has no file system to create it in nor mmap of files',
}


def _utf8_ends_at_10ffff(patterns):
    """UTF-8.exp (2002) expects 5- and 6-byte forms and code points past
    U+10FFFF to decode; RFC 3629 (2003) ended UTF-8 at U+10FFFF, and
    newlib 3.3.0 (like glibc) refuses the rest: expect "Invalid" there."""
    def fixed(pattern):
        m = re.match(r'^\* U-([0-9a-f]{8})$', pattern)
        return '* Invalid' if m and int(m.group(1), 16) > 0x10ffff \
            else pattern
    return [fixed(p) for p in patterns]


# Expectations newlib itself changed since the .exp was written: (why,
# how to bring the .exp's patterns up to date).
UPDATED_EXPECTATIONS = {
    'newlib.locale.UTF-8': ('UTF-8 ends at U+10FFFF (RFC 3629): lines '
                            'for longer forms expect "Invalid"',
                            _utf8_ends_at_10ffff),
}


def _quoted(text):
    return re.findall(r'"([^"]*)"', text)


def _tcl_list(exp, var):
    """The quoted items of `set var { ... }` or `set var [list ...]`."""
    m = re.search(r'set\s+%s\s+(\{.*?\n?\}|\[list[^\]]*\])' % var, exp,
                  re.S)
    return _quoted(m.group(1)) if m else []


def _plan(folder):
    """{source: None (pass/fail) or [patterns] (output check)} for the
    programs folder's .exp files run, and {source: reason} for the rest."""
    exp = ''.join(open(os.path.join(SRC, folder, f)).read()
                  for f in sorted(os.listdir(os.path.join(SRC, folder)))
                  if f.endswith('.exp'))
    sources = sorted(f for f in os.listdir(os.path.join(SRC, folder))
                     if f.endswith('.c'))
    run, skip = {}, {}
    for src, var in re.findall(
            r'newlib_check_output\s+"?([\w.-]+)"?\s+"?\$(\w+)"?', exp):
        run[src] = _tcl_list(exp, var)
    excluded = set(_tcl_list(exp, 'exclude_list'))
    for src in sources:
        if src in run:
            continue
        if 'newlib_pass_fail_all' in exp and src not in excluded:
            run[src] = None
        else:
            skip[src] = 'excluded by its .exp and not checked otherwise'
    return run, skip


def _iconv_converters():
    """newlib 3.3.0's iconv tests still test the _ICONV_CONVERTER_*
    macros of older newlibs, which its newlib.h no longer defines (they
    would print "SKIP" and pass): define one for every encoding built in
    both ways."""
    text = open(NEWLIB_H).read()
    to = set(re.findall(r'#define _ICONV_TO_ENCODING_(\w+) 1', text))
    frm = set(re.findall(r'#define _ICONV_FROM_ENCODING_(\w+) 1', text))
    return ['-D_ICONV_CONVERTER_%s' % e for e in sorted(to & frm)]


class Program:
    def __init__(self, folder, src, patterns):
        self.folder, self.src, self.patterns = folder, src, patterns
        stem = src[:-2]
        self.name = '%s.%s' % (folder, stem)
        self.image = os.path.join(OUT, folder, stem)
        self.note = None
        if self.name in UPDATED_EXPECTATIONS:
            self.note, update = UPDATED_EXPECTATIONS[self.name]
            self.patterns = update(patterns)

    def build(self):
        """Build the image unless it is newer than its inputs; None, or
        why the build failed."""
        src = os.path.join(SRC, self.folder, self.src)
        inputs = [src, NEWLIB_H, PETREL_CC] + [
            os.path.join(TOP, 'build', 'sysroot', 'lib', lib)
            for lib in ('libc.a', 'libm.a', 'libpetrel.a')]
        if os.path.isfile(self.image) and all(
                os.path.getmtime(self.image) > os.path.getmtime(f)
                for f in inputs if os.path.exists(f)):
            return None
        os.makedirs(os.path.dirname(self.image), exist_ok=True)
        flags = ['-O2', '-g', '-I', os.path.join(SRC, 'include')]
        if self.folder == 'newlib.iconv':
            flags += _iconv_converters()
        cc = subprocess.run([PETREL_CC] + flags + [src, '-o', self.image],
                            capture_output=True, text=True)
        if cc.returncode != 0:
            return 'petrel-cc failed: ' + cc.stderr.strip()[-400:]
        return None

    def check(self, job):
        """checkoutput.exp's rule; pass/fail programs need only the exit
        status the suite already checks."""
        if self.patterns is None:
            return None
        # The kernel's own messages share the console: not the program's.
        out = [line for line in job.console if not line.startswith('petrel: ')]
        for i, pattern in enumerate(self.patterns):
            got = out[i] if i < len(out) else None
            if got is None or not fnmatch.fnmatchcase(got, pattern):
                return 'output line %d is %r, expected %r' % (i + 1, got,
                                                             pattern)
        return None


def programs():
    """(programs to run, [(name, reason)] skipped), in folder order; the
    second is None when the source is missing."""
    if not os.path.isdir(SRC):
        return [], None
    run, skipped = [], []
    for folder in sorted(os.listdir(SRC)):
        if not folder.startswith('newlib.'):
            continue
        if folder in SKIPPED_DIRS:
            skipped += [('%s.%s' % (folder, f[:-2]), SKIPPED_DIRS[folder])
                        for f in sorted(os.listdir(os.path.join(SRC, folder)))
                        if f.endswith('.c')]
            continue
        plan, skip = _plan(folder)
        run += [Program(folder, src, patterns)
                for src, patterns in sorted(plan.items())]
        skipped += [('%s.%s' % (folder, src[:-2]), why)
                    for src, why in sorted(skip.items())]
    return run, skipped


def tests(test_class):
    """The programs as suite.py Tests (test_class is suite.Test), and the
    lines to print about them: (name, "SKIP" or "NOTE", why)."""
    run, skipped = programs()
    if skipped is None:
        return [], [('newlib', 'FAIL', 'no newlib source in %s (make '
                     'sources unpacks it)' % SRC)]
    notes = [(name, 'SKIP', why) for name, why in skipped]
    notes += [(p.name, 'NOTE', p.note) for p in run if p.note]
    out = []
    for p in run:
        what = ('exits 0' if p.patterns is None else
                'prints what its .exp expects')
        t = test_class(p.name, 'newlib testsuite: %s/%s %s' % (
            p.folder, p.src, what), os.path.relpath(p.image, TOP),
            check=p.check)
        t.build = p.build
        out.append(t)
    return out, notes
