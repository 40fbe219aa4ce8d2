"""Jobs: one guest boot each, written as a job folder for the dom0 agent.

A job folder holds the image, a complete xl config (guest.cfg), the
guest timeout, and optionally a dom0 script (see images/testbed/README.md
for the agent protocol).
"""
import os
import re
import shutil
from dataclasses import dataclass, field

from .cmdline import guest_cmdline, xl_string

GUEST_DIR = '/petrel/jobs'


def _assignment(word):
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
    net: bool = False
    env: list = field(default_factory=list)   # "NAME=value" strings

    def command_line(self):
        """Words for the domain command line: "NAME=value ... -- args"
        when there is an environment (see kernel/main.c), and also when
        the args alone would be read that way."""
        lead = self.args[:self.args.index('--')] if '--' in self.args \
            else None
        if self.env or (lead is not None and all(map(_assignment, lead))):
            return self.env + ['--'] + self.args
        return list(self.args)

    def validate(self):
        if not re.match(r'^[A-Za-z0-9_.-]+$', self.name):
            raise ValueError('bad job name %r' % self.name)
        if not os.path.isfile(self.image):
            raise ValueError('image not found: %s' % self.image)
        if self.mode not in ('pv', 'pvh'):
            raise ValueError('--mode must be pv or pvh, not %r' % self.mode)
        if not 1 <= self.mem_mb <= 65536:
            raise ValueError('--mem must be 1..65536 MB, not %r' % self.mem_mb)
        if not 1 <= self.vcpus <= 64:
            raise ValueError('--vcpus must be 1..64, not %r' % self.vcpus)
        if not 1 <= self.timeout <= 86400:
            raise ValueError('--timeout must be 1..86400 s, not %r'
                             % self.timeout)
        if self.dom0_script and not os.path.isfile(self.dom0_script):
            raise ValueError('dom0 script not found: %s' % self.dom0_script)
        for e in self.env:
            if not _assignment(e):
                raise ValueError('--env wants NAME=VALUE, not %r' % e)
        guest_cmdline(self.command_line())

    def xl_config(self, image_path):
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
        if self.net:
            lines.append("vif = ['bridge=xenbr0']")
        return '\n'.join(lines) + '\n'

    def write(self, jobs_dir, image_dir=GUEST_DIR):
        """Write the job folder; image_dir is where dom0 will see it."""
        self.validate()
        path = os.path.join(jobs_dir, self.name)
        os.makedirs(path)
        shutil.copy(self.image, os.path.join(path, 'image'))
        with open(os.path.join(path, 'guest.cfg'), 'w') as f:
            f.write(self.xl_config(os.path.join(image_dir, self.name,
                                                'image')))
        with open(os.path.join(path, 'timeout'), 'w') as f:
            f.write('%d\n' % self.timeout)
        if self.dom0_script:
            shutil.copy(self.dom0_script, os.path.join(path, 'dom0.sh'))
        return path
