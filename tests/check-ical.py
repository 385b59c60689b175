#!/usr/bin/env python3
# check-ical.py — reads the calendars test-ical writes with an independent
# parser (python3-icalendar), expands their recurrences with dateutil and
# compares them with the sessions the schedule says take place.
#
# Usage: check-ical.py PATH/TO/test-ical
# Exit status: 0 all well, 1 a check failed, 77 (skip) without
# python3-icalendar or python3-dateutil.

import datetime
import os
import subprocess
import sys
import tempfile

try:
    import icalendar
    from dateutil import rrule
except ImportError:
    # A python3 of its own (pyenv, venv) may lack Debian's packages.
    if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != os.path.realpath('/usr/bin/python3') \
            and not os.environ.get('DAG_CHECK_ICAL_REEXEC'):
        os.environ['DAG_CHECK_ICAL_REEXEC'] = '1'
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    print('SKIP: python3-icalendar or python3-dateutil is not installed')
    sys.exit(77)

failures = []


def fail(message):
    failures.append(message)
    print('not ok: ' + message)


def check_lines(name, raw):
    """RFC 5545 §3.1: CRLF line ends, lines of at most 75 octets."""
    if not raw.endswith(b'\r\n'):
        fail(f'{name}: does not end with CRLF')
    for number, line in enumerate(raw.split(b'\r\n'), 1):
        if b'\n' in line or b'\r' in line:
            fail(f'{name}: line {number} has a bare CR or LF')
        if len(line) > 75:
            fail(f'{name}: line {number} is {len(line)} octets long')
    raw.decode('utf-8')


def unfold(raw):
    return raw.decode('utf-8').replace('\r\n ', '').replace('\r\n\t', '')


def naive(dt):
    return dt.replace(tzinfo=None)


def exdates(event):
    value = event.get('EXDATE')
    if value is None:
        return []
    lists = value if isinstance(value, list) else [value]
    return [naive(d.dt) for lst in lists for d in lst.dts]


def occurrences(name, event, tz):
    start_prop = event['DTSTART']
    end_prop = event['DTEND']
    if start_prop.params.get('TZID') != 'Europe/Amsterdam':
        fail(f'{name}: DTSTART has no TZID=Europe/Amsterdam')
    start = naive(start_prop.dt)
    end = naive(end_prop.dt)
    length = end - start
    if length <= datetime.timedelta(0):
        fail(f'{name}: DTEND is not after DTSTART')
    # Extra dates (RDATE), should an event carry them.
    extra = []
    value = event.get('RDATE')
    if value is not None:
        lists = value if isinstance(value, list) else [value]
        extra = [naive(d.dt) for lst in lists for d in lst.dts]
    if 'RRULE' not in event:
        return [(d, length) for d in sorted(set([start] + extra))]
    rule = event['RRULE']
    if rule.get('FREQ') != ['WEEKLY']:
        fail(f'{name}: RRULE is not weekly: {rule.to_ical()}')
    until = rule['UNTIL'][0]
    if until.utcoffset() != datetime.timedelta(0):
        fail(f'{name}: UNTIL is not in UTC')
    if not rule.to_ical().decode().split('UNTIL=')[1].split(';')[0].endswith('Z'):
        fail(f'{name}: UNTIL is written without Z')
    # UNTIL is UTC; the rule runs in local time: convert with the file's own
    # VTIMEZONE.
    until_local = naive(until.astimezone(tz))
    rs = rrule.rruleset()
    rs.rrule(rrule.rrule(rrule.WEEKLY, dtstart=start, until=until_local))
    for d in extra:
        rs.rdate(d)
    for d in exdates(event):
        rs.exdate(d)
    return [(d, length) for d in rs]


def key(start, length):
    end = start + length
    return f'{start:%Y-%m-%dT%H:%M}-{end:%H:%M}'


def check_file(directory, base, forbidden):
    name = base + '.ics'
    with open(os.path.join(directory, name), 'rb') as f:
        raw = f.read()
    with open(os.path.join(directory, base + '.expected')) as f:
        expected = sorted(line.strip() for line in f if line.strip())

    check_lines(name, raw)
    text = unfold(raw)
    for word in forbidden:
        if word in text:
            fail(f'{name}: contains the private value “{word}”')

    cal = icalendar.Calendar.from_ical(raw)
    if str(cal.get('VERSION')) != '2.0':
        fail(f'{name}: VERSION is not 2.0')
    if not cal.get('PRODID'):
        fail(f'{name}: no PRODID')
    if str(cal.get('CALSCALE')) != 'GREGORIAN':
        fail(f'{name}: CALSCALE is not GREGORIAN')
    zones = [c for c in cal.walk('VTIMEZONE')]
    if len(zones) != 1 or str(zones[0]['TZID']) != 'Europe/Amsterdam':
        fail(f'{name}: not exactly one VTIMEZONE Europe/Amsterdam')
        return
    tz = zones[0].to_tz()

    got = []
    uids = set()
    for event in cal.walk('VEVENT'):
        uid = str(event['UID'])
        if uid in uids:
            fail(f'{name}: UID {uid} twice')
        uids.add(uid)
        for field in ('DTSTAMP', 'SEQUENCE', 'SUMMARY', 'LOCATION'):
            if field not in event:
                fail(f'{name}: event {uid} has no {field}')
        for start, length in occurrences(f'{name} {uid}', event, tz):
            got.append(key(start, length))
            # Summer and winter time: the wall-clock time stays, the UTC
            # offset follows the EU rules.
            offset = tz.localize(start).utcoffset()
            summer = (datetime.datetime(start.year, 3, 31) - datetime.timedelta(
                days=(datetime.datetime(start.year, 3, 31).weekday() + 1) % 7)).date() \
                <= start.date() < (datetime.datetime(start.year, 10, 31) - datetime.timedelta(
                    days=(datetime.datetime(start.year, 10, 31).weekday() + 1) % 7)).date()
            want = datetime.timedelta(hours=2 if summer else 1)
            if offset != want:
                fail(f'{name}: {start} has UTC offset {offset}, expected {want}')
    got.sort()
    if got != expected:
        missing = sorted(set(expected) - set(got))[:5]
        extra = sorted(set(got) - set(expected))[:5]
        fail(f'{name}: {len(got)} occurrences, the schedule has {len(expected)}; '
             f'missing {missing}, extra {extra}')
    return got


def main():
    if len(sys.argv) != 2:
        print('usage: check-ical.py PATH/TO/test-ical', file=sys.stderr)
        return 2
    program = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix='dagritme-ical-') as top:
        first = os.path.join(top, 'a')
        second = os.path.join(top, 'b')
        for d in (first, second):
            subprocess.run([program, '--write-fixtures', d], check=True)
        with open(os.path.join(first, 'forbidden.txt')) as f:
            forbidden = [line.strip() for line in f if line.strip()]
        bases = sorted(n[:-4] for n in os.listdir(first) if n.endswith('.ics'))
        if len(bases) < 5:
            fail(f'only {len(bases)} calendars written')
        checked = 0
        occurrences_of = {}
        for base in bases:
            got = check_file(first, base, forbidden) or []
            occurrences_of[base] = set(g[:16] for g in got)
            checked += len(got)
            with open(os.path.join(first, base + '.ics'), 'rb') as f1, \
                    open(os.path.join(second, base + '.ics'), 'rb') as f2:
                if f1.read() != f2.read():
                    fail(f'{base}.ics: a second export differs')
        # Hand-picked, as this parser reads the files: holidays, the closure,
        # the absence, the indication that ends on 30 June 2027, and Monday
        # mornings around both changes of summer time in 2027.
        cases = (
            ('participant-P1', '2027-03-22T09:00', True),
            ('participant-P1', '2027-03-29T09:00', False),   # Easter Monday
            ('participant-P1', '2027-04-05T09:00', True),
            ('participant-P1', '2027-04-27T09:00', False),   # Koningsdag
            ('participant-P1', '2027-05-06T13:00', False),   # Ascension Day
            ('participant-P1', '2026-12-24T13:00', False),   # closure of L1
            ('participant-P1', '2026-12-17T13:00', True),
            ('participant-P1', '2027-02-15T09:00', False),   # absence
            ('participant-P1', '2027-02-22T09:00', True),
            ('participant-P1', '2027-10-25T09:00', True),
            ('participant-P1', '2027-11-01T09:00', True),
            ('participant-P2', '2026-12-25T09:00', False),   # Christmas Day
            ('participant-P2', '2027-06-25T09:00', True),
            ('participant-P2', '2027-07-02T09:00', False),   # indication ended
            ('participant-P3', '2027-01-06T09:30', False),   # indication not started
            ('participant-P3', '2027-01-13T09:30', True),
            ('group-G1', '2026-12-25T09:00', False),
            ('group-G1', '2027-04-27T09:00', False),
            ('group-G1', '2027-05-04T09:00', True),
            # The dated plan: P1 leaves Monday mornings for Fridays from 8
            # March 2027 and comes back on 7 June; one-off changes; S1's
            # absence and hand-over to S2.
            ('dated-participant-P1', '2027-03-01T09:00', True),
            ('dated-participant-P1', '2027-03-08T09:00', False),   # moved to Friday
            ('dated-participant-P1', '2027-03-12T09:00', True),
            ('dated-participant-P1', '2027-03-05T09:00', False),   # not yet on Fridays
            ('dated-participant-P1', '2027-06-07T09:00', True),    # back on Mondays
            ('dated-participant-P1', '2027-01-11T09:00', False),   # one-off cancellation
            ('dated-participant-P1', '2027-01-13T09:30', True),    # one-off addition at L2
            ('dated-participant-P1', '2027-01-20T09:30', False),
            ('dated-participant-P2', '2027-01-15T09:00', False),   # swapped …
            ('dated-participant-P2', '2027-01-14T13:00', True),    # … to Thursday afternoon
            ('dated-staff-S1', '2027-01-25T09:00', True),
            ('dated-staff-S1', '2027-02-01T09:00', False),         # staff absence
            ('dated-staff-S1', '2027-02-02T09:00', False),
            ('dated-staff-S1', '2027-01-19T09:00', False),         # one-off cancellation
            ('dated-staff-S1', '2027-03-08T09:00', False),         # handed over
            ('dated-staff-S2', '2027-03-08T09:00', True),
            ('dated-staff-S2', '2027-01-18T13:00', True),          # one-off addition
            ('dated-group-G1', '2027-03-08T09:00', True),
        )
        for base, when, present in cases:
            if (when in occurrences_of.get(base, set())) != present:
                fail(f'{base}: {when} should {"" if present else "not "}take place')
        print(f'{len(bases)} calendars, {checked} occurrences compared')
    print(f'{1 if not failures else 0} passed, {1 if failures else 0} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
