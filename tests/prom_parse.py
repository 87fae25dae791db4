#!/usr/bin/python3
"""
prom_parse.py -- read a Prometheus text exposition (format 0.0.4) on
stdin with the reference parser (Debian's python3-prometheus-client) and
print what it found, one sample a line, for tests/test_cmd_check.c:

    FAMILY TYPE                        once per family, in input order
    NAME{label="value",...} VALUE      its samples, labels sorted

VALUE is Python's repr of the float.  Exits 1 (a message on stderr) when
the parser refuses the input, a family comes twice (its samples were not
contiguous), or a family has no HELP.
"""
import sys

from prometheus_client.parser import text_string_to_metric_families


def main():
    text = sys.stdin.buffer.read().decode('utf-8')
    seen = set()
    out = []
    try:
        for family in text_string_to_metric_families(text):
            if family.name in seen:
                print('family %s comes twice' % family.name, file=sys.stderr)
                return 1
            seen.add(family.name)
            if not family.documentation:
                print('family %s has no HELP' % family.name, file=sys.stderr)
                return 1
            out.append('%s %s' % (family.name, family.type))
            for s in family.samples:
                labels = ','.join('%s=%s' % (k, repr(v)) for k, v in
                                  sorted(s.labels.items()))
                out.append('%s{%s} %r' % (s.name, labels, s.value))
    except ValueError as e:
        print('not a valid exposition: %s' % e, file=sys.stderr)
        return 1
    sys.stdout.write(''.join(line + '\n' for line in out))
    return 0


if __name__ == '__main__':
    sys.exit(main())
