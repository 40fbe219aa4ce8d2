"""The conformance runner's logic (petrel test), apart from booting.

A conformance image (apps/conformance, built on sdk/include/petrel/test.h)
holds many tests; each runs as its own domU, an *instance* named
test-MODE64-NAME, booted with that name as its only argument. The guest
ends its console with XTF's "Test result: SUCCESS|SKIP|ERROR|FAILURE"
line (after "Skip: ", "Error: ", "Failure: " detail lines) and exits
with xtf-runner's code for it. Here: the test list read from the image,
instance names, judging one instance's outcome, and the exit code.
"""
import fnmatch
import re
import struct

# Most severe last; the exit codes are xtf-runner's.
RESULTS = ('SUCCESS', 'SKIP', 'ERROR', 'FAILURE', 'CRASH')
EXIT_CODES = {'SUCCESS': 0, 'SKIP': 3, 'ERROR': 4, 'FAILURE': 5, 'CRASH': 6}
SECTION = b'petrel_tests'
_PT_LOAD = 1

_RESULT_LINE = re.compile(r'^Test result: (SUCCESS|SKIP|ERROR|FAILURE)\s*$')
_DETAIL_LINE = re.compile(r'^(Skip|Error|Failure): (.*)$')


def instance_name(mode, test):
    return 'test-%s64-%s' % (mode, test)


def _sections(data):
    shoff, = struct.unpack_from('<Q', data, 40)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 58)

    def header(i):
        return struct.unpack_from('<IIQQQQ', data, shoff + i * shentsize)
    strtab_off = header(shstrndx)[4]
    for i in range(shnum):
        name, _, _, addr, offset, size = header(i)
        end = data.index(b'\0', strtab_off + name)
        yield data[strtab_off + name:end], addr, offset, size


def _segments(data):
    phoff, = struct.unpack_from('<Q', data, 32)
    phentsize, phnum = struct.unpack_from('<HH', data, 54)
    for i in range(phnum):
        ptype, _, offset, vaddr, _, filesz = struct.unpack_from(
            '<IIQQQQ', data, phoff + i * phentsize)
        if ptype == _PT_LOAD:
            yield vaddr, offset, filesz


def _string_at(data, segments, vaddr):
    for base, offset, size in segments:
        if base <= vaddr < base + size:
            start = offset + vaddr - base
            return data[start:data.index(b'\0', start)].decode()
    raise ValueError('address %#x is not in the image' % vaddr)


def list_tests(image):
    """[(name, title)] registered in a conformance image, in link order
    (each entry of section petrel_tests is struct petrel_test: name,
    title and function pointers)."""
    with open(image, 'rb') as f:
        data = f.read()
    if data[:4] != b'\x7fELF':
        raise ValueError('%s is not an ELF image' % image)
    segments = list(_segments(data))
    for name, _, offset, size in _sections(data):
        if name != SECTION:
            continue
        tests = []
        for pos in range(offset, offset + size - 23, 24):
            name_p, title_p, _ = struct.unpack_from('<QQQ', data, pos)
            tests.append((_string_at(data, segments, name_p),
                          _string_at(data, segments, title_p)))
        return tests
    raise ValueError('%s has no conformance tests (no %s section; '
                     'register them with PETREL_TEST)'
                     % (image, SECTION.decode()))


def select(tests, pattern, modes):
    """[(instance, mode, name, title)] for the tests and modes asked. A
    pattern with glob characters must match the test or instance name;
    a plain word matches names containing it."""
    if pattern and not any(c in pattern for c in '*?['):
        pattern = '*%s*' % pattern
    out = []
    for mode in modes:
        for name, title in tests:
            inst = instance_name(mode, name)
            if pattern and not (fnmatch.fnmatchcase(name, pattern) or
                                fnmatch.fnmatchcase(inst, pattern)):
                continue
            out.append((inst, mode, name, title))
    return out


def judge(result, status, stdout, crash_reason=''):
    """(RESULT, reason) for one finished instance, from the runner's
    job result ('exit', 'crash', 'timeout', ...), the guest's exit
    status and its stdout lines. The console line decides; the exit
    status must agree with it, or the outcome is an ERROR."""
    if result == 'crash':
        return 'CRASH', 'guest crashed: %s' % (crash_reason or 'no report')
    if result == 'timeout':
        return 'CRASH', 'guest timed out (no result)'
    if result != 'exit':
        return 'CRASH', 'guest did not finish (%s)' % result
    found, details = None, []
    for line in stdout:
        m = _RESULT_LINE.match(line)
        if m:
            found = m.group(1)
        m = _DETAIL_LINE.match(line)
        if m:
            details.append((m.group(1).upper(), m.group(2)))
    if found is None:
        return 'CRASH', 'no "Test result:" line (exit status %d)' % status
    if EXIT_CODES[found] != status:
        return 'ERROR', ('console says %s but the exit status is %d'
                         % (found, status))
    # The reason: the first detail line of the kind that decided.
    reasons = [text for k, text in details if k == found]
    return found, reasons[0] if reasons else ''


def worst(results):
    """The most severe of results (SUCCESS when there are none)."""
    return max(results, key=RESULTS.index, default='SUCCESS')


def exit_code(results):
    return EXIT_CODES[worst(results)]


def table(rows):
    """The result table: one line per (instance, RESULT, reason)."""
    width = max([len(r[0]) for r in rows] + [len('instance')])
    lines = ['%-*s  %-7s  %s' % (width, 'instance', 'result', 'reason')]
    for inst, res, reason in rows:
        lines.append(('%-*s  %-7s  %s' % (width, inst, res, reason)).rstrip())
    counts = ', '.join('%d %s' % (sum(1 for r in rows if r[1] == name),
                                  name)
                       for name in RESULTS
                       if any(r[1] == name for r in rows))
    lines.append('%d instances: %s; combined result: %s'
                 % (len(rows), counts or 'none',
                    worst([r[1] for r in rows])))
    return lines
