"""libvirt: a Petrel guest as a libvirt domain XML (`petrel export`).

The XML is for libvirt's Xen driver (libxl: `virsh -c xen:///system`) and
says what the xl config of `petrel run` says (jobs.py): the same kernel,
command line (Job.command_line), memory, vCPUs, vifs (bridge, MAC, ip=)
and disks (disks.disk_attachments). Only the lifecycle differs: the
runner preserves a stopped domain to read its exit status, a libvirt
domain is destroyed on power-off and crash and restarted on reboot, as
libvirt users expect.

PV is os type "xen" (libvirt's name; "linux" is its older alias), PVH is
"xenpvh" (libvirt 4.7 and later; Debian 12 has 9.0).
"""
import xml.etree.ElementTree as ET

from .cmdline import guest_cmdline, xl_string
from .disks import disk_attachments
from .jobs import TESTBED_TSC_MODE

OS_TYPES = {'pv': ('xenpv', 'xen'), 'pvh': ('xenpvh', 'xenpvh')}
# <on_poweroff>, <on_reboot>, <on_crash>.
LIFECYCLE = (('on_poweroff', 'destroy'), ('on_reboot', 'restart'),
             ('on_crash', 'destroy'))


def _add(parent, tag, text=None, **attrs):
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _os(dom, job, kernel, ramdisk):
    machine, ostype = OS_TYPES[job.mode]
    os_el = _add(dom, 'os')
    _add(os_el, 'type', ostype, arch='x86_64', machine=machine)
    _add(os_el, 'kernel', kernel)
    if ramdisk:
        _add(os_el, 'initrd', ramdisk)
    cmdline = guest_cmdline(job.command_line())
    # XML cannot carry most control characters; xl refuses them all.
    xl_string(cmdline)
    _add(os_el, 'cmdline', cmdline)


def _clock(dom, testbed):
    clock = _add(dom, 'clock', offset='utc')
    # The same TSC mode the runner gives testbed guests (jobs.py says why).
    if testbed:
        mode = TESTBED_TSC_MODE.split('"')[1]
        _add(clock, 'timer', name='tsc', mode=mode)


def _interfaces(devices, job):
    for bridge, mac, ip in job.vifs():
        iface = _add(devices, 'interface', type='bridge')
        _add(iface, 'source', bridge=bridge)
        _add(iface, 'mac', address=mac)
        # libxl writes it as the vif's ip= (xenstore), which the guest reads.
        if ip:
            _add(iface, 'ip', address=ip, prefix='24')


def _disks(devices, job):
    for dev, ro, target, is_drive in disk_attachments(job.disks,
                                                      job.disk_targets):
        disk = _add(devices, 'disk', type='block' if is_drive else 'file',
                    device='disk')
        # A block device goes to blkback as phy, as the xl config says; a
        # file's backend is left to libxl, as xl leaves it.
        if is_drive:
            _add(disk, 'driver', name='phy', type='raw')
            _add(disk, 'source', dev=target)
        else:
            _add(disk, 'driver', type='raw')
            _add(disk, 'source', file=target)
        _add(disk, 'target', dev=dev, bus='xen')
        if ro:
            _add(disk, 'readonly')


def domain_xml(job, name, kernel, ramdisk=None, testbed=False):
    """The domain XML (text) of a validated Job, named name, booting the
    image at kernel (its path where libvirtd runs) with the ramdisk at
    ramdisk; testbed: for the bundled testbed (as Job.xl_config's)."""
    dom = ET.Element('domain', type='xen')
    _add(dom, 'name', name)
    _add(dom, 'memory', str(job.mem_mb), unit='MiB')
    _add(dom, 'currentMemory', str(job.mem_mb), unit='MiB')
    _add(dom, 'vcpu', str(job.vcpus))
    _os(dom, job, kernel, ramdisk)
    _clock(dom, testbed)
    for tag, action in LIFECYCLE:
        _add(dom, tag, action)
    devices = _add(dom, 'devices')
    _disks(devices, job)
    _interfaces(devices, job)
    console = _add(devices, 'console', type='pty')
    _add(console, 'target', type='xen', port='0')
    ET.indent(dom)
    return ET.tostring(dom, encoding='unicode') + '\n'
