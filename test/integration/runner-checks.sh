#!/usr/bin/env bash
# runner-checks.sh: `petrel run` without booting anything: what can be checked before booting
# is refused at once with exit status 2 (not an image, --mem under the PV floor, --vcpus above
# 1, a bad --disk, a bad --mode, --mem 0 for PVH, PVH for an image without its entry, a bad --net), a compile error under `petrel run DIR` exits 1, the help describes
# every option with its default and lists only what works, the domain command line always
# has the one form the kernel parses, and the job boots the stripped image.
# Prints PASS/FAIL lines; exits non-zero if any failed. Needs `make` done; no root, no network.
# shellcheck disable=SC2317 # the t_* functions run through check
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/test/integration/sdk-lib.sh"
petrel=$top/sdk/bin/petrel
hello=$top/build/apps/hello/hello
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# refused STATUS PATTERN ARGS...: `petrel run ARGS` exits STATUS at once (no boot: a 30 s cap)
# with a message matching PATTERN on stderr.
refused() {
	local want=$1 pattern=$2 st
	shift 2
	timeout 30 "$petrel" run "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -ne "$want" ]; then
		echo "petrel run $*: status $st, expected $want: $(tail -n 2 "$tmp/err")"
		return 1
	fi
	grep -q -- "$pattern" "$tmp/err" || { echo "petrel run $*: said $(cat "$tmp/err")"; return 1; }
}

t_not_image() {
	echo 'not an image' >"$tmp/text"
	refused 2 'not an ELF image' "$tmp/text" || return 1
	# A host program: ELF, but no Xen PV notes.
	printf 'int main(void) { return 0; }\n' >"$tmp/host.c"
	gcc -static -no-pie -o "$tmp/host" "$tmp/host.c" || return 1
	refused 2 'not a Petrel image' "$tmp/host"
}

# A copy of an image whose PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY, type
# 18) is renamed away, as an image built before PVH existed.
no_pvh_entry() {
	python3 "$top/test/integration/no_pvh_entry.py" "$1" "$2"
}

t_limits() {
	truncate -s 1M "$tmp/disk.img" && printf 'odd' >"$tmp/odd.img" || return 1
	refused 2 'at least\|4\.\.' "$hello" --mem 3 &&
		refused 2 'vcpus' "$hello" --vcpus 2 &&
		refused 2 'disk.*No such file' "$hello" --disk "$tmp/missing" &&
		refused 2 'unknown suffix' "$hello" --disk "$tmp/disk.img:rx" &&
		refused 2 'multiple of 512' "$hello" --disk "$tmp/odd.img" &&
		refused 2 'is a directory' "$hello" --disk "$tmp" &&
		refused 2 'at most 8' "$hello" $(for _ in $(seq 9); do echo --disk "$tmp/disk.img"; done) &&
		refused 2 'invalid choice' "$hello" --mode hvm &&
		refused 2 'at least\|1\.\.' "$hello" --mode pvh --mem 0 &&
		no_pvh_entry "$hello" "$tmp/no-pvh" &&
		refused 2 'no PVH entry' "$tmp/no-pvh" --mode pvh &&
		refused 2 'env' "$hello" --env a.b=c
}

t_compile_error() {
	"$petrel" new "$tmp/broken" 2>/dev/null || return 1
	printf 'int main(void) { return missing; }\n' >"$tmp/broken/main.c"
	refused 1 'building .* failed' "$tmp/broken"
}

# Both helps name every option with its default; what does not work is not offered.
t_help() {
	local h opt
	for h in "--help" "run --help"; do
		# shellcheck disable=SC2086 # two words
		"$petrel" $h >"$tmp/help.raw" || { echo "petrel $h failed"; return 1; }
		# One line, blanks squeezed: argparse wraps the option texts.
		tr -s ' \n' '  ' <"$tmp/help.raw" >"$tmp/help"
		for opt in --mem --vcpus --mode --env --net --disk --ramdisk --dom0 --timeout --quiet --verbose; do
			grep -qP -- " \Q$opt\E((?! --).)*\(default" "$tmp/help" || { echo "petrel $h: no $opt with its default"; return 1; }
		done
		for opt in 'default: 16' 'default: 1;' 'default: 60' 'exit status'; do
			grep -q -- "$opt" "$tmp/help" || { echo "petrel $h: no '$opt'"; return 1; }
		done
	done
}

# The runner's side of the one command-line rule, and the stripped image in the job folder.
t_job() {
	PYTHONPATH=$top/sdk/lib python3 - "$hello" "$tmp/jobs" <<'PY'
import os, sys
from petrel.jobs import Job
image, jobs = sys.argv[1], sys.argv[2]
job = Job(name='j', image=image, args=['a.b=c', '--', 'x'], ttys=(1,))
words = job.command_line()
assert words == ['petrel.tty=1', '--', 'a.b=c', '--', 'x'], words
job.env = ['A=1']
job.stdin = b''
assert job.command_line() == ['petrel.tty=1', 'petrel.stdin=pipe', 'A=1',
                              '--', 'a.b=c', '--', 'x'], job.command_line()
path = job.write(jobs)
booted = os.path.getsize(os.path.join(path, 'image'))
full = os.path.getsize(image)
assert booted < full / 3, (booted, full)
assert open(os.path.join(path, 'stdin'), 'rb').read() == b'\xff\x00'
print('boots %d bytes instead of %d' % (booted, full))
PY
}

# --ramdisk FILE: a missing FILE is refused before booting; FILE is copied into the job
# folder as "ramdisk", and the xl config names it there.
t_ramdisk() {
	refused 2 'ramdisk not found: .*nosuch' "$hello" --ramdisk "$tmp/nosuch" || return 1
	echo 'an archive' >"$tmp/rd.cpio"
	PYTHONPATH=$top/sdk/lib python3 - "$hello" "$tmp/rd.cpio" "$tmp/rdjobs" <<'PY'
import os, sys
from petrel.jobs import Job
image, ramdisk, jobs = sys.argv[1:]
path = Job(name='r', image=image, ramdisk=ramdisk).write(jobs, '/guest')
assert open(os.path.join(path, 'ramdisk')).read() == 'an archive\n'
cfg = open(os.path.join(path, 'guest.cfg')).read()
assert 'ramdisk = "/guest/r/ramdisk"\n' in cfg, cfg
assert 'ramdisk' not in Job(name='n', image=image).xl_config('/guest/n/image')
# The emulated testbed runs the TSC natively; a real host keeps Xen's choice.
assert 'tsc_mode = "native"\n' in cfg, cfg
host = Job(name='h', image=image).write(jobs, jobs, testbed=False)
assert 'tsc_mode' not in open(os.path.join(host, 'guest.cfg')).read()
PY
}

# --net [dhcp], at most twice: bad values are refused before booting (`--net IMAGE` takes
# IMAGE as the image, not as --net's value); the vif lines put the
# first vif on xenbr0 and the second on xenbr1, static ones with ip= and a HOST (10..99) of
# their own per job of a session, dhcp ones without ip=; MACs differ between all vifs.
t_net() {
	refused 2 "--net takes 'dhcp'" "$hello" --net static6 &&
		refused 2 "--net takes 'dhcp'" "$hello" --net=10.0.0.1 &&
		refused 2 "--net takes 'dhcp'" "$hello" --net ip=198.18.0.7 &&
		refused 2 'at most 2 times' "$hello" --net --net dhcp --net &&
		refused 2 'at most 2 times' --net dhcp --net --net "$hello" &&
		refused 2 'no such image or app folder: nosuch' --net nosuch || return 1
	PYTHONPATH=$top/sdk/lib python3 - "$hello" <<'PY'
import re, sys
from petrel.jobs import Job, number_hosts
image = sys.argv[1]
jobs = [Job(name='a', image=image, net=['static', 'dhcp']),
        Job(name='none', image=image),
        Job(name='b', image=image, net=['dhcp', 'static']),
        Job(name='c', image=image, net=True)]
number_hosts(jobs)
vifs = {}
for job in jobs:
    job.validate()
    cfg = job.xl_config('/x')
    m = re.search(r"^vif = \[(.*)\]$", cfg, re.M)
    if not job.net:
        assert m is None, cfg
        continue
    vifs[job.name] = re.findall(r"'([^']*)'", m.group(1))
assert vifs['a'][0].startswith('bridge=xenbr0,') and \
    vifs['a'][0].endswith(',ip=198.18.0.10'), vifs
assert vifs['a'][1].startswith('bridge=xenbr1,') and 'ip=' not in vifs['a'][1]
assert 'ip=' not in vifs['b'][0] and vifs['b'][1].endswith(',ip=198.19.0.11')
assert vifs['c'] == [vifs['c'][0]] and vifs['c'][0].endswith('ip=198.18.0.12')
macs = [re.search(r'mac=([0-9a-f:]{17})', v).group(1)
        for vs in vifs.values() for v in vs]
assert len(set(macs)) == len(macs) == 5, macs
many = [Job(name='j%d' % i, image=image, net=['dhcp']) for i in range(91)]
try:
    number_hosts(many)
    raise SystemExit('91 jobs with a vif were numbered')
except ValueError as e:
    assert 'more than 90' in str(e), e
PY
}

# The host side of the console framing: the agent's escaped lines back into exact streams.
t_demux() {
	PYTHONPATH=$top/sdk/lib python3 - <<'PY'
from petrel.streams import ConsoleDemux, frame_stdin
d = ConsoleDemux()
# As the agent sends them: ESC as \x1b, a backslash as \\, CR as \x0d.
for line in [r'petrel: boot', r'\x1b_petrel:1\x1b\\out \\ one\x0d',
             r'\x1b_petrel:2\x1b\\err\x1b_petrel:1\x1b\\tw',
             r'o\x1b_petrel:k\x1b\\CRASH: x',
             r'\x1b_petrel:1\x1b\\last\x1b_petrel:nonl\x1b\\']:
    merged, _ = d.feed(line)
d.finish()
assert d.text('stdout') == 'out \\ one\r\ntw\nolast', repr(d.text('stdout'))
assert d.text('stderr') == 'err', repr(d.text('stderr'))
assert d.lines['kernel'] == ['petrel: boot', 'CRASH: x'], d.lines['kernel']
assert merged == 'last'
assert frame_stdin(b'a\xff\x00') == b'a\xff\xff\x00\xff\x00'
PY
}

# The "resumed" protocol line (the agent followed the guest to a new domid across a save and
# restore or a migration): the job's domid follows, each move is recorded, `petrel run` notes it
# on stderr, and a job without one prints exactly what it did before.
t_resumed() {
	PYTHONPATH=$top/sdk/lib python3 - "$top/sdk/bin/petrel" <<'PY'
import contextlib, importlib.machinery, importlib.util, io, sys
from petrel.session import Session
from petrel.symbolize import Symbolizer
loader = importlib.machinery.SourceFileLoader('petrel_cli', sys.argv[1])
cli = importlib.util.module_from_spec(
    importlib.util.spec_from_loader('petrel_cli', loader))
loader.exec_module(cli)

class Proc:
    def __init__(self, lines):
        self.stdout = [(x + '\n').encode() for x in lines]

class Job:
    def __init__(self, name):
        self.name = name

def run(name, moves):
    lines = ['@@petrel dom0-ready t=9.50', '@@petrel job-start ' + name,
             '@@petrel created %s domid=3 t=20.00 create_s=5.00' % name,
             '@@petrel console %s| \\x1b_petrel:1\\x1b\\\\tick 1' % name]
    lines += ['@@petrel resumed %s domid=%d t=%d.25' % (name, d, 30 + d)
              for d in moves]
    lines += ['@@petrel console %s| tick 2' % name,
              '@@petrel job-end %s result=exit status=7 t=60.00 run_s=40.00'
              % name, '@@petrel all-done']
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        res = Session(False, cli.printer(False, False))._consume(
            Proc(lines), [Job(name)], {name: Symbolizer(None)})
    return res, err.getvalue()

res, err = run('moved', [4, 6])
job = res.jobs['moved']
assert res.completed and (job.result, job.status) == ('exit', 7), job
assert job.domid == 6 and job.resumed == [(4, 34.25), (6, 36.25)], job.resumed
assert job.stdout == ['tick 1', 'tick 2'], job.stdout
assert err.count('petrel: guest resumed (domid 4)') == 1, err
assert 'petrel: guest resumed (domid 6)' in err, err
res, plain = run('still', [])
assert res.jobs['still'].domid == 3 and res.jobs['still'].resumed == []
assert plain == err.replace('petrel: guest resumed (domid 4)\n', '').replace(
    'petrel: guest resumed (domid 6)\n', ''), (plain, err)
assert 'resumed' not in plain, plain
PY
}

check run-not-an-image t_not_image
check run-limits t_limits
check run-compile-error t_compile_error
check run-help t_help
check run-job-folder t_job
check run-console-demux t_demux
check run-net t_net
check run-ramdisk t_ramdisk
check run-resumed t_resumed
exit $failed
