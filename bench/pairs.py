"""pairs.py: the job folders of a side-by-side benchmark: the same app as
a Petrel image and built natively in the Linux PV domU
(test/integration/linux_guest.py), in one testbed boot. Used by
bench/net.py, bench/first_response.py and bench/density.py."""
import os
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(TOP, 'sdk', 'lib'))
sys.path.insert(0, os.path.join(TOP, 'test', 'integration'))
from petrel.jobs import number_hosts  # noqa: E402
import linux_guest  # noqa: E402


def write_jobs(tmp, plan):
    """plan: (os_name, job, app, args) in run order: job a petrel Job,
    which for os_name 'linux' gives the Linux domU its vifs, timeout, dom0
    script and files, and app and args what it runs. Writes the folders,
    named "NN-<job name>", the Linux ones sharing one kernel and initrd;
    returns their names, in run order."""
    number_hosts([job for _, job, _, _ in plan])
    names, shared = [], None
    for i, (os_name, job, app, args) in enumerate(plan):
        name = '%02d-%s' % (i, job.name)
        if os_name == 'petrel':
            job.name = name
            job.write(tmp)
        else:
            linux_guest.write_job(tmp, name, job, app, args, shared)
            shared = shared or name
        names.append(name)
    return names


def boot(tmp, names, log):
    """Boot the testbed on the folders; the Session result."""
    return linux_guest.boot(tmp, names, log)
