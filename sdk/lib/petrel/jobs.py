"""Jobs: one guest boot each, written as a job folder for the dom0 agent.

A job folder holds the (stripped) image, a complete xl config
(guest.cfg), the guest timeout, and optionally a dom0 script, stdin to
type into the guest console, and extra files (see images/testbed/README.md
for the agent protocol).
"""
import os
import re
import shutil
from dataclasses import dataclass, field

from . import postmortem
from .disks import check_disks, xl_disk_specs
from .cmdline import guest_cmdline, xl_string
from .image import boot_copy, check_image
from .streams import frame_stdin

GUEST_DIR = '/petrel/jobs'
# The testbed's TSC is QEMU's virtual clock, in step on every vCPU, but
# TCG offers no invariant-TSC CPUID bit, so Xen's default would trap and
# emulate every guest rdtsc: about 30 us each in PV and 165 us in PVH,
# against 0.1-0.5 us native (measured). Every clock read, and so every
# context switch, pays it. Guests the testbed boots (Petrel and the Linux
# reference alike) run the TSC natively; on a real host, Xen's default
# already does when the hardware TSC is reliable.
TESTBED_TSC_MODE = 'tsc_mode = "native"'

# The smallest guest xl can build, per mode: the PV builder pads the
# initial mapping to 4 MB (TESTBED-NOTES); xl builds a PVH guest of 1 MB.
MIN_MEM_MB = {'pv': 4, 'pvh': 1}
MODES = tuple(MIN_MEM_MB)
# The kernel runs one vCPU until SMP exists.
MAX_VCPUS = 1
# Piped stdin is carried in the job folder: it is read whole first.
MAX_STDIN = 16 << 20


# Guest networks (images/testbed/README.md): a job's first vif goes on the
# testbed's bridge xenbr0, its second on xenbr1. A static vif gets the
# address HOST in the bridge's /24 as the vif's ip= (the guest reads it from
# xenstore); a dhcp vif gets none, and dnsmasq in dom0 leases it one from
# .100-.199. Each job of a session has its own HOST (10..99), which also
# makes its vifs' MACs unique, so DHCP leases never mix jobs up.
NET_MODES = ('static', 'dhcp')
BRIDGES = (('xenbr0', '198.18.0'), ('xenbr1', '198.19.0'))
FIRST_HOST, LAST_HOST = 10, 99

# What the agent reads from a job folder (images/testbed/README.md).
_JOB_FILES = ('image', 'guest.cfg', 'timeout', 'dom0.sh', 'stdin',
              'ramdisk')


def _env_word(word):
    return re.match(r'^[A-Za-z_][A-Za-z0-9_]*=', word) is not None


@dataclass
class Job:
    name: str
    image: str
    args: list = field(default_factory=list)
    mem_mb: int = 16
    vcpus: int = 1
    mode: str = 'pv'
    timeout: int = 60
    dom0_script: str = None
    net: list = field(default_factory=list)   # NET_MODES, one per vif
    host: int = None           # HOST of its static addresses (see above)
    env: list = field(default_factory=list)   # "NAME=value" strings
    ttys: tuple = (0, 1, 2)    # the guest's fds that are terminals
    stdin: bytes = None        # piped stdin (then EOF), or None: typed
    files: dict = field(default_factory=dict)  # job-folder path -> source
    disks: list = field(default_factory=list)  # (path, ro): xvda, xvdb...
    # A disk file's real path -> what dom0 names it (see disks.py); None:
    # the file itself (a real dom0).
    disk_targets: dict = None
    ramdisk: str = None        # a file given as the PV module (xl ramdisk=)

    def __post_init__(self):
        # net=True (one static vif) is the short form callers used before
        # vifs could be chosen.
        if self.net is True:
            self.net = ['static']
        elif not self.net:
            self.net = []

    def vifs(self):
        """(bridge, MAC, static address or None) per vif: the MAC is made
        from the vif's index and the job's HOST (xl and libvirt alike)."""
        host = FIRST_HOST if self.host is None else self.host
        vifs = []
        for i, mode in enumerate(self.net):
            bridge, subnet = BRIDGES[i]
            ip = '%s.%d' % (subnet, host) if mode == 'static' else None
            vifs.append((bridge, '00:16:3e:5e:%02x:%02x' % (i, host), ip))
        return vifs

    def vif_specs(self):
        """The xl vif specs: bridge, MAC, and ip= for a static vif."""
        return ['bridge=%s,mac=%s' % (bridge, mac) +
                (',ip=' + ip if ip else '')
                for bridge, mac, ip in self.vifs()]

    def command_line(self):
        """Words for the domain command line, always in the one form the
        kernel parses (kernel/cmdline.h): settings, "--", then the app's
        arguments, which are never looked at."""
        settings = ['petrel.tty=' + ','.join(str(fd) for fd in
                                             sorted(self.ttys))]
        if self.stdin is not None:
            settings.append('petrel.stdin=pipe')
        return settings + list(self.env) + ['--'] + list(self.args)

    def validate(self):
        if not re.match(r'^[A-Za-z0-9_.-]+$', self.name):
            raise ValueError('bad job name %r' % self.name)
        if not os.path.isfile(self.image):
            raise ValueError('image not found: %s' % self.image)
        if self.mode not in MIN_MEM_MB:
            raise ValueError('--mode must be pv or pvh, not %r'
                             % self.mode)
        check_image(self.image, self.mode)
        if not MIN_MEM_MB[self.mode] <= self.mem_mb <= 65536:
            raise ValueError('--mem must be %d..65536 MB for %s, not %r'
                             % (MIN_MEM_MB[self.mode], self.mode.upper(),
                                self.mem_mb))
        if not 1 <= self.vcpus <= MAX_VCPUS:
            raise ValueError('--vcpus must be 1: the kernel runs one vCPU '
                             '(no SMP yet), not %r' % self.vcpus)
        if not 1 <= self.timeout <= 86400:
            raise ValueError('--timeout must be 1..86400 s, not %r'
                             % self.timeout)
        if len(self.net) > len(BRIDGES):
            raise ValueError('--net may be given at most %d times (one vif '
                             'per testbed bridge), not %d'
                             % (len(BRIDGES), len(self.net)))
        for mode in self.net:
            if mode not in NET_MODES:
                raise ValueError("--net takes 'dhcp' or nothing (a static "
                                 'address), not %r (IMAGE goes before the '
                                 'options)' % mode)
        if self.host is not None and \
                not FIRST_HOST <= self.host <= LAST_HOST:
            raise ValueError('job host number %r is not %d..%d'
                             % (self.host, FIRST_HOST, LAST_HOST))
        if self.dom0_script and not os.path.isfile(self.dom0_script):
            raise ValueError('dom0 script not found: %s' % self.dom0_script)
        for e in self.env:
            if not _env_word(e):
                raise ValueError('--env wants NAME=VALUE (NAME: letters, '
                                 'digits, _), not %r' % e)
        for rel in self.files:
            if os.path.isabs(rel) or '..' in rel.split('/') or \
                    rel.split('/')[0] in _JOB_FILES:
                raise ValueError('bad extra job file name %r' % rel)
        if self.ramdisk and not os.path.isfile(self.ramdisk):
            raise ValueError('ramdisk not found: %s' % self.ramdisk)
        if self.stdin is not None and len(self.stdin) > MAX_STDIN:
            raise ValueError('piped stdin is over %d MB' % (MAX_STDIN >> 20))
        check_disks(self.disks)
        guest_cmdline(self.command_line())

    def xl_config(self, image_path, testbed=False):
        job_dir = os.path.dirname(image_path)
        lines = [
            'name = %s' % xl_string('petrel-' + self.name),
            'type = %s' % xl_string(self.mode),
            'kernel = %s' % xl_string(image_path),
            'memory = %d' % self.mem_mb,
            'vcpus = %d' % self.vcpus,
            'extra = %s' % xl_string(guest_cmdline(self.command_line())),
            'on_poweroff = "preserve"',
            'on_crash = "preserve"',
            'on_reboot = "preserve"',
        ]
        if testbed:
            lines.append(TESTBED_TSC_MODE)
        if self.ramdisk:
            lines.append('ramdisk = %s' % xl_string(
                os.path.join(job_dir, 'ramdisk')))
        if self.net:
            lines.append('vif = [%s]' % ', '.join(
                "'%s'" % spec for spec in self.vif_specs()))
        if self.disks:
            lines.append('disk = [%s]' % ', '.join(
                xl_string(spec) for spec in
                xl_disk_specs(self.disks, self.disk_targets)))
        return '\n'.join(lines) + '\n'

    def write(self, jobs_dir, image_dir=GUEST_DIR, testbed=True):
        """Write the job folder; image_dir is where dom0 will see it.
        testbed: the guest boots in the bundled (emulated) testbed."""
        self.validate()
        path = os.path.join(jobs_dir, self.name)
        os.makedirs(path)
        boot_copy(self.image, os.path.join(path, 'image'))
        with open(os.path.join(path, 'guest.cfg'), 'w') as f:
            f.write(self.xl_config(os.path.join(image_dir, self.name,
                                                'image'), testbed))
        with open(os.path.join(path, 'timeout'), 'w') as f:
            f.write('%d\n' % self.timeout)
        if self.dom0_script:
            shutil.copy(self.dom0_script, os.path.join(path, 'dom0.sh'))
        if self.ramdisk:
            shutil.copy(self.ramdisk, os.path.join(path, 'ramdisk'))
        if self.stdin is not None:
            with open(os.path.join(path, 'stdin'), 'wb') as f:
                f.write(frame_stdin(self.stdin))
        reads = postmortem.read_addresses(self.image)
        if reads:
            with open(os.path.join(path, 'postmortem'), 'w') as f:
                f.write('\n'.join(reads) + '\n')
        for rel, src in self.files.items():
            dest = os.path.join(path, rel)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copy(src, dest)
        return path


def number_hosts(jobs):
    """Give each job with a vif its own HOST, FIRST_HOST up, so that the
    static addresses and MACs of one testbed session are all different."""
    host = FIRST_HOST
    for job in jobs:
        if not job.net:
            continue
        if host > LAST_HOST:
            raise ValueError('more than %d jobs with --net in one session'
                             % (LAST_HOST - FIRST_HOST + 1))
        job.host = host
        host += 1
