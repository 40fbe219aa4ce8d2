"""benchlib.py: what the benchmark scripts share: their command line (an
optional output file, and --help from the script's own docstring)."""
import argparse


def output_path(doc, default):
    """The OUT file named on the command line, or default; --help prints
    doc. Exits 2 on anything else, as argparse does."""
    ap = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('out', nargs='?', default=default,
                    help='where the table goes (default: %(default)s)')
    return ap.parse_args().out
