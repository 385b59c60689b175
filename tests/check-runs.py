#!/usr/bin/env python3
# check-runs.py — checks the transport runs of one date in an organisation
# file (INTERFACES.md §1, written by `dagritme export organisation`) without
# the C code: travel times from the coordinates, boarding, ride limits,
# seats and wheelchair places, arrival windows, vehicles and drivers that
# are in one place at a time, riders who are in one run at a time, and
# riders who are planned at the run's location that dagdeel.
#
# Usage: check-runs.py ORGANISATION.json YYYY-MM-DD
#        check-runs.py --self-test
# Prints one line per violation and exits 1 when there is any; else prints
# a summary and exits 0.  2: the command line or the file is wrong.
#
# Travel times mirror model/planner/dag-travel.c: haversine on a sphere of
# 6371.0 km × road_factor ÷ speed_kmh × 60, a leg rounded up to whole
# minutes after taking 1e-9 off (dag_transport_leg_minutes, leg() in
# dag-transport-check.c).  An imported travel-time matrix is not in the
# file, so organisations with one cannot be checked here.
#
# Python 3 standard library only.

import datetime
import json
import math
import sys

EARTH_RADIUS_KM = 6371.0
EPSILON = 1e-9
PARTS = ('am', 'pm', 'ev')
DAYS = ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')


def parse_time(text):
    """"HH:MM" → minutes after midnight ("24:00" is the day's end)."""
    hours, minutes = text.split(':')
    return int(hours) * 60 + int(minutes)


def format_time(minutes):
    return '%02d:%02d' % divmod(minutes, 60)


class Org:
    """The parts of an organisation file the runs are checked against."""

    def __init__(self, data):
        s = data.get('settings', {})
        # The C defaults for values that are missing or not positive.
        self.max_ride = s.get('max_ride_minutes', 30)
        if self.max_ride <= 0:
            self.max_ride = 30
        self.early = max(0, s.get('early_arrival_minutes', 30))
        self.road_factor = s.get('road_factor', 1.3)
        if self.road_factor <= 0:
            self.road_factor = 1.3
        self.speed = s.get('speed_kmh', 40)
        if self.speed <= 0:
            self.speed = 40
        self.ride_factor = s.get('ride_factor', 0)
        self.ride_extra = s.get('ride_extra_minutes', 0)
        self.boarding_minutes = s.get('boarding_minutes', 0)
        self.boarding_wheelchair = s.get('boarding_wheelchair_minutes', 0)

        self.locations = {l['id']: l for l in data.get('locations', [])}
        self.groups = {g['id']: g for g in data.get('groups', [])}
        self.staff = {x['id']: x for x in data.get('staff', [])}
        self.vehicles = {v['id']: v for v in data.get('vehicles', [])}
        self.participants = {p['id']: p for p in data.get('participants', [])}
        self.plan = {}
        for e in data.get('plan', []):
            self.plan.setdefault(e['participant'], []).append(e)
        self.changes = [c for c in data.get('changes', []) if 'participant' in c]
        self.absences = data.get('absences', [])
        self.runs = data.get('runs', [])
        # Per place: (lat, lon, cos lat) in radians, as dag_travel_new().
        self._places = {}

    # ---- travel ---------------------------------------------------------

    def _place(self, place):
        if place not in self._places:
            kind, ident = place
            record = (self.locations if kind == 'L' else self.participants).get(ident)
            if record is None or 'lat' not in record or 'lon' not in record:
                self._places[place] = None
            else:
                lat = record['lat'] * math.pi / 180
                lon = record['lon'] * math.pi / 180
                self._places[place] = (lat, lon, math.cos(lat))
        return self._places[place]

    def minutes(self, a, b):
        """dag_travel_get(): the estimated minutes from place a to place b."""
        if a == b:
            return 0.0
        pa, pb = self._place(a), self._place(b)
        if pa is None or pb is None:
            return 0.0
        sp = math.sin((pb[0] - pa[0]) / 2)
        sl = math.sin((pb[1] - pa[1]) / 2)
        h = sp * sp + pa[2] * pb[2] * sl * sl
        d = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h))) * self.road_factor
        return d / self.speed * 60.0

    def leg(self, a, b):
        return math.ceil(self.minutes(a, b) - EPSILON)

    # ---- the ride rule --------------------------------------------------

    def boarding(self, pid):
        p = self.participants[pid]
        return self.boarding_wheelchair if p.get('wheelchair') else self.boarding_minutes

    def ride_limit(self, direct):
        limit = self.max_ride
        if self.ride_factor > 0:
            rule = direct * self.ride_factor + self.ride_extra
            limit = min(limit, math.ceil(rule - EPSILON))
        return limit

    # ---- the plan -------------------------------------------------------

    def attends(self, pid, date, part, location):
        """Whether pid is planned at location on date in part: a standing
        plan entry in force that is not cancelled, or a one-off addition;
        not on an absence or a closure day."""
        iso = date.isoformat()
        for a in self.absences:
            if a.get('participant') == pid and a['from'] <= iso <= a['to']:
                return False
        if iso in self.locations[location].get('closures', []):
            return False
        slot = DAYS[date.weekday()] + '-' + part
        for e in self.plan.get(pid, []):
            if e['slot'] != slot:
                continue
            if ('from' in e and e['from'] > iso) or ('until' in e and e['until'] < iso):
                continue
            if self.groups[e['group']]['location'] != location:
                continue
            if not any(c['participant'] == pid and c['date'] == iso and c['slot'] == part
                       and c['change'] == 'cancel' and c.get('group', e['group']) == e['group']
                       for c in self.changes):
                return True
        return any(c['participant'] == pid and c['date'] == iso and c['slot'] == part
                   and c['change'] == 'add' and 'group' in c
                   and self.groups[c['group']]['location'] == location
                   for c in self.changes)


def check(data, date_text):
    """Returns (violations, summary) for the runs of date_text."""
    org = Org(data)
    date = datetime.date.fromisoformat(date_text)
    bad = []
    spans = []              # (start, end, first place, last place, run id, vehicle, driver, index)
    trips = {}              # rider → [(pick-up, drop-off end, run id)]
    rides_of = {}           # (rider, direction, part) → run id
    n_runs = 0
    longest = (0, None, None)

    for index, run in enumerate(org.runs):
        if run.get('date') != date_text:
            continue
        n_runs += 1
        rid = run.get('id', 'runs[%d]' % index)
        stops = run.get('stops', [])
        vehicle = org.vehicles.get(run.get('vehicle'))
        loc_id = run.get('location')
        location = org.locations.get(loc_id)
        to = run.get('direction') == 'to'
        key = 'arrive' if to else 'depart'
        if vehicle is None or location is None or not stops or key not in run:
            bad.append('%s: has no vehicle, location, stops or %s time' % (rid, key))
            continue
        unknown = [s.get('participant') for s in stops if s.get('participant') not in org.participants]
        if unknown:
            bad.append('%s: unknown participants %s' % (rid, ', '.join(map(str, unknown))))
            continue
        driver = run.get('driver')
        if driver is not None and not org.staff.get(driver, {}).get('driver', False):
            bad.append('%s: driver %s is not a staff member who drives' % (rid, driver))

        here = ('L', loc_id)
        ids = [s['participant'] for s in stops]
        homes = [('P', p) for p in ids]
        times = [parse_time(s['time']) for s in stops]
        board = [org.boarding(p) for p in ids]
        when = parse_time(run[key])
        k = len(stops)

        # Stop times against the travel times and boarding.
        if to:
            for i in range(k - 1):
                need = times[i] + board[i] + org.leg(homes[i], homes[i + 1])
                if times[i + 1] < need:
                    bad.append('%s: stop %d (%s) at %s, but stop %d at %s + boarding %d + %d min driving is %s'
                               % (rid, i + 2, ids[i + 1], format_time(times[i + 1]), i + 1,
                                  format_time(times[i]), board[i], org.leg(homes[i], homes[i + 1]),
                                  format_time(need)))
            need = times[-1] + board[-1] + org.leg(homes[-1], here)
            if when < need:
                bad.append('%s: arrives at %s, but the last stop at %s + boarding %d + %d min driving is %s'
                           % (rid, format_time(when), format_time(times[-1]), board[-1],
                              org.leg(homes[-1], here), format_time(need)))
            rides = [when - t for t in times]
            directs = [org.leg(h, here) for h in homes]
        else:
            need = when + org.leg(here, homes[0])
            if times[0] < need:
                bad.append('%s: stop 1 (%s) at %s, but departing %s + %d min driving is %s'
                           % (rid, ids[0], format_time(times[0]), format_time(when),
                              org.leg(here, homes[0]), format_time(need)))
            for i in range(k - 1):
                need = times[i] + board[i] + org.leg(homes[i], homes[i + 1])
                if times[i + 1] < need:
                    bad.append('%s: stop %d (%s) at %s, but stop %d at %s + boarding %d + %d min driving is %s'
                               % (rid, i + 2, ids[i + 1], format_time(times[i + 1]), i + 1,
                                  format_time(times[i]), board[i], org.leg(homes[i], homes[i + 1]),
                                  format_time(need)))
            rides = [t + b - when for t, b in zip(times, board)]
            directs = [org.leg(here, h) for h in homes]

        # Ride times: the limit of the direct leg, or riding alone.
        for i in range(k):
            limit = org.ride_limit(directs[i])
            alone = directs[i] + board[i]
            if alone > limit:
                if k > 1:
                    bad.append('%s: %s must ride alone (direct %d min + boarding %d is over the limit %d), '
                               'but the run has %d riders' % (rid, ids[i], directs[i], board[i], limit, k))
                limit = alone
            if rides[i] > limit:
                bad.append('%s: %s rides %d min; the limit is %d (direct %d min)'
                           % (rid, ids[i], rides[i], limit, directs[i]))
            if rides[i] < 0:
                bad.append('%s: %s rides %d min' % (rid, ids[i], rides[i]))
            if rides[i] > longest[0]:
                longest = (rides[i], ids[i], rid)

        # Seats and wheelchair places at every moment.  Riders get in one by
        # one on the way to the location and out one by one on the way home:
        # the most on board is all of them.
        peak_chairs = sum(bool(org.participants[p].get('wheelchair')) for p in ids)
        peak_seats = k - peak_chairs
        if peak_seats > vehicle.get('seats', 0):
            bad.append('%s: %d seated riders on board; vehicle %s has %d seats'
                       % (rid, peak_seats, vehicle['id'], vehicle.get('seats', 0)))
        if peak_chairs > vehicle.get('wheelchair_places', 0):
            bad.append('%s: %d wheelchair users on board; vehicle %s has %d wheelchair places'
                       % (rid, peak_chairs, vehicle['id'], vehicle.get('wheelchair_places', 0)))

        # The window of a dagdeel of the location, and the riders planned then.
        windows = []
        for part in PARTS:
            slot = location.get('slots', {}).get(part)
            if not slot:
                continue
            start, end = parse_time(slot[0]), parse_time(slot[1])
            if to and start - org.early <= when <= start:
                windows.append(part)
            if not to and end <= when <= end + org.early:
                windows.append(part)
        if not windows:
            bad.append('%s: %s %s is outside the window of every dagdeel of %s'
                       % (rid, key, format_time(when), loc_id))
            part = None
        else:
            attending = {p: [w for w in windows if org.attends(p, date, w, loc_id)] for p in ids}
            common = [w for w in windows if all(w in attending[p] for p in ids)]
            part = common[0] if common else windows[0]
            for p in ids:
                if part not in attending[p]:
                    bad.append('%s: %s is not planned at %s on %s %s'
                               % (rid, p, loc_id, date_text, part))

        # One trip per rider, direction and dagdeel; the rider's day.
        for i, p in enumerate(ids):
            if part is not None:
                trip = (p, 'to' if to else 'from', part)
                if trip in rides_of:
                    bad.append('%s: %s rides %s %s %s a second time (also on %s)'
                               % (rid, p, trip[1], loc_id, part, rides_of[trip]))
                rides_of[trip] = rid
            if to:
                trips.setdefault(p, []).append((times[i], when, rid))
            else:
                trips.setdefault(p, []).append((when, times[i] + board[i], rid))

        if to:
            spans.append((times[0], when, homes[0], here, rid, vehicle['id'], driver, index))
        else:
            spans.append((when, times[-1] + board[-1], here, homes[-1], rid, vehicle['id'], driver, index))

    # Vehicles and drivers: one run after the other, with time to drive
    # from the end of one to the start of the next; a vehicle within its hours.
    for what, field in (('vehicle', 5), ('driver', 6)):
        mine = {}
        for s in spans:
            if s[field] is not None:
                mine.setdefault(s[field], []).append(s)
        for who in sorted(mine):
            runs = sorted(mine[who], key=lambda s: (s[0], s[7]))
            for a, b in zip(runs, runs[1:]):
                need = a[1] + org.leg(a[3], b[2])
                if b[0] < need:
                    bad.append('%s %s: run %s starts at %s, but run %s ends at %s + %d min driving = %s'
                               % (what, who, b[4], format_time(b[0]), a[4], format_time(a[1]),
                                  org.leg(a[3], b[2]), format_time(need)))
            if what == 'vehicle' and 'hours' in org.vehicles[who]:
                hours = org.vehicles[who]['hours']
                home = ('L', org.vehicles[who]['location'])
                leaves = runs[0][0] - org.leg(home, runs[0][2])
                back = runs[-1][1] + org.leg(runs[-1][3], home)
                if leaves < parse_time(hours[0]):
                    bad.append('vehicle %s: leaves home at %s for run %s, before its hours %s–%s'
                               % (who, format_time(leaves), runs[0][4], hours[0], hours[1]))
                if back > parse_time(hours[1]):
                    bad.append('vehicle %s: is home at %s after run %s, after its hours %s–%s'
                               % (who, format_time(back), runs[-1][4], hours[0], hours[1]))

    # Riders: in one run at a time.
    for p in sorted(trips):
        mine = sorted(trips[p])
        for a, b in zip(mine, mine[1:]):
            if b[0] < a[1]:
                bad.append('%s: picked up at %s for run %s before run %s ends at %s'
                           % (p, format_time(b[0]), b[2], a[2], format_time(a[1])))

    summary = ('%s: %d runs, %d riders, %d trips, longest ride %d min%s'
               % (date_text, n_runs, len(trips), sum(len(t) for t in trips.values()), longest[0],
                  ' (%s on %s)' % (longest[1], longest[2]) if longest[1] else ''))
    return bad, summary


# ---- self-test --------------------------------------------------------------

def sample():
    """A small correct day (Monday 2026-11-02) to break one rule at a time.

    L1 and the homes lie on one meridian, so the legs are known: P1→L1 7,
    P2→P1 5, P3→L1 5, P3→P1 3, P2→L1 11, P4→L1 55 minutes (either way).
    Boarding 1 minute, 3 for a wheelchair user (P2)."""
    def run(rid, direction, time, stops, vehicle, driver):
        return {'id': rid, 'date': '2026-11-02', 'vehicle': vehicle, 'driver': driver,
                'location': 'L1', 'direction': direction,
                'stops': [{'participant': p, 'time': t} for p, t in stops],
                ('arrive' if direction == 'to' else 'depart'): time}

    return {
        'format': 'dagritme-organisation', 'version': 1,
        'settings': {'max_ride_minutes': 30, 'early_arrival_minutes': 30,
                     'road_factor': 1.3, 'speed_kmh': 40,
                     'boarding_minutes': 1, 'boarding_wheelchair_minutes': 3},
        'locations': [{'id': 'L1', 'lat': 52.0, 'lon': 5.9,
                       'slots': {'am': ['09:00', '13:00'], 'pm': ['13:00', '17:00']},
                       'closures': ['2026-12-24']}],
        'groups': [{'id': 'G1', 'location': 'L1'}],
        'staff': [{'id': 'S1', 'driver': True}, {'id': 'S2', 'driver': False}],
        'vehicles': [
            {'id': 'V1', 'seats': 2, 'wheelchair_places': 1, 'location': 'L1',
             'cost_per_km_cents': 50, 'hours': ['07:00', '18:30']},
            {'id': 'V2', 'seats': 4, 'wheelchair_places': 0, 'location': 'L1', 'cost_per_km_cents': 40},
            {'id': 'V3', 'seats': 4, 'wheelchair_places': 0, 'location': 'L1', 'cost_per_km_cents': 40},
        ],
        'participants': [
            {'id': 'P1', 'lat': 52.03, 'lon': 5.9, 'wheelchair': False},
            {'id': 'P2', 'lat': 52.05, 'lon': 5.9, 'wheelchair': True},
            {'id': 'P3', 'lat': 52.02, 'lon': 5.9, 'wheelchair': False},
            {'id': 'P4', 'lat': 52.25, 'lon': 5.9, 'wheelchair': False},
            {'id': 'P5', 'lat': 52.25, 'lon': 5.9, 'wheelchair': False},    # P4's neighbour
        ],
        'plan': [{'participant': p, 'group': 'G1', 'slot': s}
                 for p in ('P1', 'P2', 'P3', 'P4', 'P5') for s in ('mon-am', 'mon-pm')],
        'changes': [],
        'absences': [],
        'runs': [
            # P2 08:20 + 3 + 5 → P1 08:28 (08:40) + 1 + 7 → 08:48 (08:50):
            # P2 rides 30, the limit.  V1 leaves home at 08:20 − 11 = 08:09.
            run('R1', 'to', '08:50', [('P2', '08:20'), ('P1', '08:40')], 'V1', 'S1'),
            # P3 08:52 + 1 + 5 = 08:58.
            run('R2', 'to', '08:58', [('P3', '08:52')], 'V2', None),
            # 17:00 + 5 → P3 17:05 + 1 + 3 → P1 17:09; rides 6 and 10.
            run('R3', 'from', '17:00', [('P3', '17:05'), ('P1', '17:09')], 'V1', 'S1'),
            # R3 ends 17:10 at P1's home, + 7 back = 17:17 (17:20); P2 at
            # 17:31 rides 17:31 + 3 − 17:20 = 14; V1 is home at 17:34 + 11 = 17:45.
            run('R4', 'from', '17:20', [('P2', '17:31')], 'V1', 'S1'),
            # P4: direct 55 + boarding 1 is over 30: alone, at most 56.
            run('R5', 'to', '08:56', [('P4', '08:00')], 'V3', None),
            run('R6', 'from', '17:00', [('P4', '17:55')], 'V3', None),
        ],
    }


def self_test():
    import copy

    good = sample()
    org = Org(good)
    L, P = (lambda i: ('L', i)), (lambda i: ('P', i))

    # The great circle along a meridian is R × Δφ: 0.03° is 3.3358 km.
    expected = EARTH_RADIUS_KM * (0.03 * math.pi / 180) * 1.3 / 40 * 60
    assert abs(org.minutes(P('P1'), L('L1')) - expected) < 1e-9, org.minutes(P('P1'), L('L1'))
    legs = [org.leg(P('P1'), L('L1')), org.leg(P('P2'), P('P1')), org.leg(P('P3'), L('L1')),
            org.leg(L('L1'), P('P3')), org.leg(P('P3'), P('P1')), org.leg(P('P2'), L('L1')),
            org.leg(P('P4'), L('L1'))]
    assert legs == [7, 5, 5, 5, 3, 11, 55], legs
    # Rounding up, but not for a hair over a whole minute (dag-travel.c).
    org.minutes = lambda a, b: 5.0000000001
    assert org.leg(None, None) == 5
    org.minutes = lambda a, b: 5.001
    assert org.leg(None, None) == 6

    bad, summary = check(good, '2026-11-02')
    assert bad == [], bad
    assert summary == '2026-11-02: 6 runs, 4 riders, 8 trips, longest ride 56 min (P4 on R5)', summary
    # Runs of other dates are not looked at.
    assert check(good, '2026-11-04') == ([], '2026-11-04: 0 runs, 0 riders, 0 trips, longest ride 0 min')

    def runs(data, rid):
        return next(r for r in data['runs'] if r['id'] == rid)

    def stop(rid, i, time):
        return lambda d: runs(d, rid)['stops'][i].update(time=time)

    def field(rid, name, value):
        return lambda d: runs(d, rid).update({name: value})

    def both(*changes):
        return lambda d: [c(d) for c in changes]

    def add_run(rid, direction, time, stops, vehicle, driver):
        def change(d):
            d['runs'].append(copy.deepcopy(runs(d, 'R2')))
            d['runs'][-1].update(id=rid, direction=direction, vehicle=vehicle, driver=driver,
                                 stops=[{'participant': p, 'time': t} for p, t in stops])
            d['runs'][-1].pop('arrive', None)
            d['runs'][-1]['arrive' if direction == 'to' else 'depart'] = time
        return change

    # One broken case per rule: (what breaks it, a text the violation has).
    cases = [
        # travel between pick-ups: P2 08:20 + 3 + 5 = 08:28
        (stop('R1', 1, '08:27'), 'R1: stop 2 (P1) at 08:27, but stop 1 at 08:20 + boarding 3 + 5 min'),
        # travel to the location: P3 08:52 + 1 + 5 = 08:58
        (field('R2', 'arrive', '08:57'), 'R2: arrives at 08:57'),
        # travel from the location: 17:00 + 5 = 17:05
        (stop('R3', 0, '17:04'), 'R3: stop 1 (P3) at 17:04'),
        # travel between drop-offs: 17:05 + 1 + 3 = 17:09
        (stop('R3', 1, '17:08'), 'R3: stop 2 (P1) at 17:08'),
        # a pick-up's ride: 08:50 − 08:19 = 31
        (stop('R1', 0, '08:19'), 'R1: P2 rides 31 min; the limit is 30'),
        # a drop-off's ride counts its boarding: 17:48 + 3 − 17:20 = 31
        (stop('R4', 0, '17:48'), 'R4: P2 rides 31 min; the limit is 30'),
        # the carriers' rule: P2 direct 11 × 1.5 + 2 = 18.5 → 19
        (lambda d: d['settings'].update(ride_factor=1.5, ride_extra_minutes=2),
         'R1: P2 rides 30 min; the limit is 19'),
        # riding alone when the direct ride is over the limit (without
        # boarding P4's neighbour P5 would make P4's ride no longer)
        (both(lambda d: d['settings'].update(boarding_minutes=0), field('R5', 'arrive', '08:55'),
              lambda d: runs(d, 'R6')['stops'].insert(0, {'participant': 'P5', 'time': '17:55'})),
         'R6: P4 must ride alone (direct 55 min + boarding 0 is over the limit 30), but the run has 2 riders'),
        # riding alone, at most direct + boarding: 08:57 − 08:00 = 57
        (field('R5', 'arrive', '08:57'), 'R5: P4 rides 57 min; the limit is 56'),
        # seats
        (lambda d: d['vehicles'][0].update(seats=1), 'R3: 2 seated riders on board; vehicle V1 has 1 seats'),
        # wheelchair places
        (lambda d: d['vehicles'][0].update(wheelchair_places=0),
         'R1: 1 wheelchair users on board; vehicle V1 has 0 wheelchair places'),
        # arrival window: 08:29 is more than 30 minutes before 09:00
        (both(field('R2', 'arrive', '08:29'), stop('R2', 0, '08:23')),
         'R2: arrive 08:29 is outside the window of every dagdeel of L1'),
        # departure window: 17:31 is more than 30 minutes after 17:00
        (both(field('R6', 'depart', '17:31'), stop('R6', 0, '18:26')),
         'R6: depart 17:31 is outside the window'),
        # one vehicle: R1 ends 08:50 at L1, P3's home is 5 minutes away
        (field('R2', 'vehicle', 'V1'), 'vehicle V1: run R2 starts at 08:52, but run R1 ends at 08:50 + 5 min'),
        # one driver
        (field('R2', 'driver', 'S1'), 'driver S1: run R2 starts at 08:52, but run R1 ends at 08:50'),
        # a driver must drive
        (field('R2', 'driver', 'S2'), 'R2: driver S2 is not a staff member who drives'),
        # vehicle hours: V1 leaves home at 08:09 …
        (lambda d: d['vehicles'][0].update(hours=['08:15', '18:30']), 'vehicle V1: leaves home at 08:09'),
        # … and is home at 17:45
        (lambda d: d['vehicles'][0].update(hours=['07:00', '17:40']), 'vehicle V1: is home at 17:45'),
        # a rider in two runs at once: P1 on R1 until 08:50, on R2 from 08:45
        (lambda d: runs(d, 'R2')['stops'].insert(0, {'participant': 'P1', 'time': '08:45'}),
         'P1: picked up at 08:45 for run R2 before run R1 ends at 08:50'),
        # twice home after the afternoon (after one another)
        (add_run('R7', 'from', '17:20', [('P3', '17:25')], 'V2', None), 'R7: P3 rides from L1 pm a second time'),
        # not planned that dagdeel
        (lambda d: d.update(plan=[e for e in d['plan'] if (e['participant'], e['slot']) != ('P3', 'mon-am')]),
         'R2: P3 is not planned at L1 on 2026-11-02 am'),
        # absent that day
        (lambda d: d['absences'].append({'participant': 'P3', 'from': '2026-11-01', 'to': '2026-11-02'}),
         'R2: P3 is not planned'),
        # a one-off cancellation
        (lambda d: d['changes'].append({'participant': 'P3', 'date': '2026-11-02', 'slot': 'am',
                                        'change': 'cancel'}), 'R2: P3 is not planned'),
        # a dated plan entry that ended
        (lambda d: [e.update(until='2026-11-01') for e in d['plan'] if e['participant'] == 'P3'],
         'R2: P3 is not planned'),
        # a closure day
        (lambda d: d['locations'][0]['closures'].append('2026-11-02'), 'R1: P2 is not planned'),
    ]
    for change, expect in cases:
        data = copy.deepcopy(good)
        change(data)
        bad, _ = check(data, '2026-11-02')
        assert any(expect in line for line in bad), 'expected a violation with “%s”, found %s' % (expect, bad)

    # A one-off addition plans a rider who has no standing entry.
    data = copy.deepcopy(good)
    data['plan'] = [e for e in data['plan'] if (e['participant'], e['slot']) != ('P3', 'mon-am')]
    data['changes'].append({'participant': 'P3', 'date': '2026-11-02', 'slot': 'am', 'change': 'add',
                            'group': 'G1'})
    assert check(data, '2026-11-02')[0] == []
    print('self-test: the correct day passes; %d broken days each show their violation' % len(cases))
    return 0


def main(argv):
    if len(argv) == 2 and argv[1] == '--self-test':
        return self_test()
    if len(argv) != 3:
        print('usage: check-runs.py ORGANISATION.json YYYY-MM-DD | --self-test', file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding='utf-8') as f:
            data = json.load(f)
        datetime.date.fromisoformat(argv[2])
    except (OSError, ValueError) as e:
        print('check-runs.py: %s' % e, file=sys.stderr)
        return 2
    bad, summary = check(data, argv[2])
    for line in bad:
        print(line)
    if bad:
        print('%s: %d violations' % (argv[2], len(bad)))
        return 1
    print(summary)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
