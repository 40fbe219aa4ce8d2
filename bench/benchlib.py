"""benchlib.py: what the benchmark scripts share: their command line (an
optional output file, and --help from the script's own docstring), the
median cells of their tables, and the JSON file each writes next to its
table for bench/report.py."""
import argparse
import datetime
import json
import os
import statistics


def output_path(doc, default):
    """The OUT file named on the command line, or default; --help prints
    doc. Exits 2 on anything else, as argparse does."""
    ap = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('out', nargs='?', default=default,
                    help='where the table goes (default: %(default)s)')
    return ap.parse_args().out


def median(values):
    return statistics.median(values) if values else None


def cell(values):
    """(median or None, its table text)."""
    if not values:
        return None, 'no run'
    med = statistics.median(values)
    return med, '%.4g (%d runs)' % (med, len(values))


def ratio_text(petrel, linux):
    return '%.2f' % (petrel / linux) if petrel is not None and linux else '-'


def json_path(out_md):
    """The results file that goes with a table: OUT.md -> OUT.json."""
    return os.path.splitext(out_md)[0] + '.json'


def save_json(out_md, results, problems=()):
    """Write results (plain data) to the JSON file next to out_md, with
    the date and the problems seen, for bench/report.py."""
    data = {'measured': datetime.datetime.now(datetime.timezone.utc)
            .strftime('%Y-%m-%d %H:%M UTC'),
            'problems': list(problems), 'results': results}
    with open(json_path(out_md), 'w') as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write('\n')


def write_results(out_md, text, results, problems=(), limit=None):
    """The bench's table, with its problems (the first limit of them)
    under it, to out_md, and its figures to the JSON file next to it.
    Returns the text written."""
    if problems:
        text += '\n\nProblems:\n' + '\n'.join(
            '- ' + p for p in list(problems)[:limit])
    with open(out_md, 'w') as f:
        f.write(text + '\n')
    save_json(out_md, results, problems)
    return text


def side_by_side(label, unit, petrel_runs, linux_runs, better='higher'):
    """One metric measured on both guests: the runs of each, for JSON."""
    return {'label': label, 'unit': unit, 'better': better,
            'petrel': list(petrel_runs or []), 'linux': list(linux_runs or [])}
