#!/usr/bin/env bash
# export-checks.sh: `petrel export` without booting anything (the libvirt integration test boots
# its XML): the domain XML says what the xl config of `petrel run` says for the same options
# (kernel, command line, memory, vCPUs, vifs, disks, ramdisk, TSC mode), PVH is os type xenpvh,
# bad input is refused with exit status 2 and a message, and the help names every option.
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

# same_as_xl MODE XML: the XML and the xl config petrel run writes for the same guest agree.
same_as_xl() {
	PYTHONPATH=$top/sdk/lib python3 - "$hello" "$tmp" "$1" "$2" <<'PY'
import os, re, sys
import xml.etree.ElementTree as ET
from petrel.jobs import Job
hello, tmp, mode, xml = sys.argv[1:]
job = Job(name='x', image=hello, mode=mode, mem_mb=24, net=['static', 'dhcp'],
          host=42, env=['GREETING=a<b&c'], args=['-v', "it's"],
          disks=[(tmp + '/a.img', False), (tmp + '/b.img', True)],
          ramdisk=tmp + '/rd.cpio')
cfg = dict(re.match(r'^(\w+) = (.*)$', l).groups()
           for l in job.xl_config('/guest/hello', testbed=True).splitlines())
dom = ET.parse(xml).getroot()
t = dom.find('os/type')
want_type = {'pv': ('xen', 'xenpv'), 'pvh': ('xenpvh', 'xenpvh')}[mode]
assert (t.text, t.get('machine'), t.get('arch')) == want_type + ('x86_64',), t.attrib
assert dom.get('type') == 'xen' and dom.findtext('name') == 'petrel-hello'
assert dom.findtext('os/kernel') == '/guest/hello'
assert dom.findtext('os/initrd') == tmp + '/rd.cpio'
# xl's extra= is a quoted xl string of the same command line.
extra = cfg['extra'][1:-1].replace('\\"', '"').replace('\\\\', '\\')
assert dom.findtext('os/cmdline') == extra, (dom.findtext('os/cmdline'), extra)
assert dom.findtext('memory') == cfg['memory'] == '24'
assert dom.find('memory').get('unit') == 'MiB'
assert dom.findtext('vcpu') == cfg['vcpus'] == '1'
assert dom.find('clock/timer').attrib == {'name': 'tsc', 'mode': 'native'}
assert cfg['tsc_mode'] == '"native"'
vifs = ["bridge=%s,mac=%s%s" % (
    i.find('source').get('bridge'), i.find('mac').get('address'),
    ',ip=' + i.find('ip').get('address') if i.find('ip') is not None else '')
    for i in dom.findall('devices/interface')]
assert cfg['vif'] == '[%s]' % ', '.join("'%s'" % v for v in vifs), (cfg['vif'], vifs)
disks = ['format=raw,vdev=%s,access=%s,target=%s' % (
    d.find('target').get('dev'), 'ro' if d.find('readonly') is not None else 'rw',
    d.find('source').get('file')) for d in dom.findall('devices/disk')]
assert cfg['disk'] == '[%s]' % ', '.join('"%s"' % d for d in disks), (cfg['disk'], disks)
assert [d.find('target').get('bus') for d in dom.findall('devices/disk')] == ['xen'] * 2
assert dom.find('devices/console/target').attrib == {'type': 'xen', 'port': '0'}
assert [dom.findtext(k) for k in ('on_poweroff', 'on_reboot', 'on_crash')] == \
    ['destroy', 'restart', 'destroy']
PY
}

export_both() {
	local mode
	truncate -s 1M "$tmp/a.img" "$tmp/b.img" && : >"$tmp/rd.cpio" || return 1
	for mode in pv pvh; do
		"$petrel" export "$hello" --mode "$mode" --mem 24 --net --net dhcp --host 42 \
			--env 'GREETING=a<b&c' --disk "$tmp/a.img" --disk "$tmp/b.img:ro" \
			--ramdisk "$tmp/rd.cpio" --testbed --image-path /guest/hello \
			-o "$tmp/$mode.xml" -- -v "it's" || { echo "export --mode $mode failed"; return 1; }
		same_as_xl "$mode" "$tmp/$mode.xml" || return 1
	done
	# Without -o the XML goes to stdout, the same.
	"$petrel" export "$hello" --mode pvh --mem 24 --net --net dhcp --host 42 \
		--env 'GREETING=a<b&c' --disk "$tmp/a.img" --disk "$tmp/b.img:ro" \
		--ramdisk "$tmp/rd.cpio" --testbed --image-path /guest/hello -- -v "it's" >"$tmp/out.xml" ||
		return 1
	cmp -s "$tmp/out.xml" "$tmp/pvh.xml" || { echo "stdout differs from -o FILE"; return 1; }
}

# Defaults: named after the image, its own absolute path, no TSC mode, no devices.
t_defaults() {
	(cd "$(dirname "$hello")" && "$petrel" export hello) >"$tmp/d.xml" || return 1
	python3 - "$tmp/d.xml" "$hello" <<'PY'
import sys
import xml.etree.ElementTree as ET
dom = ET.parse(sys.argv[1]).getroot()
assert dom.findtext('name') == 'petrel-hello'
assert dom.findtext('os/kernel') == sys.argv[2], dom.findtext('os/kernel')
assert dom.findtext('memory') == '16' and dom.find('clock/timer') is None
assert dom.find('devices/interface') is None and dom.find('devices/disk') is None
assert dom.findtext('os/cmdline') == 'petrel.tty=0,1,2 --'
PY
}

# refused PATTERN ARGS...: `petrel export ARGS` exits 2 at once, saying PATTERN on stderr.
refused() {
	local pattern=$1 st
	shift
	timeout 30 "$petrel" export "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -ne 2 ]; then
		echo "petrel export $*: status $st, expected 2: $(tail -n 2 "$tmp/err")"
		return 1
	fi
	[ ! -s "$tmp/out" ] || { echo "petrel export $*: wrote to stdout"; return 1; }
	grep -q -- "$pattern" "$tmp/err" || { echo "petrel export $*: said $(cat "$tmp/err")"; return 1; }
}

t_refused() {
	echo 'not an image' >"$tmp/text"
	truncate -s 1M "$tmp/disk.img" && printf 'odd' >"$tmp/odd.img" || return 1
	refused 'not an ELF image' "$tmp/text" &&
		refused 'no such image' "$tmp/missing" &&
		refused 'at least\|4\.\.' "$hello" --mem 3 &&
		refused 'vcpus' "$hello" --vcpus 2 &&
		refused 'invalid choice' "$hello" --mode hvm &&
		refused 'multiple of 512' "$hello" --disk "$tmp/odd.img" &&
		refused 'disk.*No such file' "$hello" --disk "$tmp/missing" &&
		refused 'host number' "$hello" --net --host 5 &&
		refused "takes 'dhcp'" "$hello" --net bogus &&
		refused 'env' "$hello" --env a.b=c &&
		refused 'ramdisk not found' "$hello" --ramdisk "$tmp/missing" &&
		refused 'bad domain name' "$hello" --name 'a b' &&
		refused 'must be absolute' "$hello" --image-path rel/hello &&
		refused 'control characters' "$hello" -- "$(printf 'a\tb')" &&
		refused 'too long' "$hello" -- "$(head -c 2000 /dev/zero | tr '\0' x)"
}

t_help() {
	local opt
	"$petrel" export --help | tr -s ' \n' '  ' >"$tmp/help" || return 1
	for opt in --mem --vcpus --mode --env --net --disk --ramdisk --name --host --image-path \
		--testbed --output; do
		grep -qP -- " \Q$opt\E((?! --).)*\(default" "$tmp/help" || { echo "no $opt with its default"; return 1; }
	done
	grep -q 'exit status' "$tmp/help" || { echo "no exit status"; return 1; }
	"$petrel" --help >"$tmp/top-help" || return 1
	grep -q '^ *petrel export IMAGE' "$tmp/top-help" || { echo "petrel --help lacks export"; return 1; }
}

check export-same-as-xl export_both
check export-defaults t_defaults
check export-refused t_refused
check export-help t_help
exit $failed
