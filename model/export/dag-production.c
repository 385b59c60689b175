/* dag-production.c — computes a month's billable production from the
 * registered attendance (the care delivered, also outside the plan) and
 * the sessions of the dated plan, and the volume an allocation has left. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dag-attendance.h"
#include "dag-production.h"
#include "dag-schedule.h"

#define TRANSPORT_PRODUCT "VERVOER"
#define RIDES_PER_DAY 2

int
dag_production_threshold_minutes (double fraction,
                                  int    slot_minutes)
{
  gint64 micro;

  /* The setting is a double; take it to millionths once (0.75 is exactly
   * 750000) and do the rest in integers, rounding up. */
  if (!(fraction > 0))
    micro = 0;
  else if (fraction >= 1)
    micro = 1000000;
  else
    micro = llround (fraction * 1000000.0);
  return (int) ((micro * slot_minutes + 999999) / 1000000);
}

int
dag_production_units_for_minutes (int minutes,
                                  int present_slots,
                                  int slot_minutes,
                                  int threshold_minutes)
{
  int units, rest;

  if (minutes <= 0 || slot_minutes <= 0 || present_slots <= 0)
    return 0;
  units = minutes / slot_minutes;
  rest = minutes % slot_minutes;
  if (rest > 0 && rest >= threshold_minutes)
    units++;
  return MIN (units, present_slots);
}

gint64
dag_production_price (const DagProduct *product,
                      int               units)
{
  gint64 amount = 0;
  gint64 tariff = product->tariff_cents;
  int unit = 1;   /* the first unit not yet priced */

  /* Tiers are ascending by from_unit: units before a tier's from_unit go
   * at the tariff in force, then the tier's tariff applies. */
  for (guint i = 0; product->staffel != NULL && i < product->staffel->len && unit <= units; i++)
    {
      const DagStaffel *tier = DAG_AT (product->staffel, DagStaffel, i);
      int last = MIN (units, tier->from_unit - 1);

      if (last >= unit)
        {
          amount += (gint64) (last - unit + 1) * tariff;
          unit = last + 1;
        }
      tariff = tier->tariff_cents;
    }
  if (units >= unit)
    amount += (gint64) (units - unit + 1) * tariff;
  return amount;
}

/* ---- the computation ---------------------------------------------------- */

typedef struct {
  gint64 key;        /* the volume period counted in `used` */
  int    used;       /* units billed in that period so far */
  int    month_units;
} Counter;

typedef struct {
  const DagOrg       *org;
  DagSchedule        *schedule;
  DagAttendanceIndex *attendance;
  DagProduction      *result;
  int                 slot_minutes;
  int                 threshold;
  DagDate             today;
  guint              *ind_start;   /* indications per participant (CSR) */
  guint              *ind_list;
  guint              *plan_start;  /* plan entries per participant (CSR) */
  guint              *plan_list;
  Counter            *counters;    /* per indication */
} Run;

static void
add_problem (Run           *run,
             DagProblemKind kind,
             int            participant,
             int            indication,
             DagDate        date,
             int            part,
             int            units,
             gboolean       transport)
{
  DagProductionProblem p = { kind, participant, indication, date, part, units, transport };

  g_array_append_val (run->result->problems, p);
}

static const DagProduct *
indication_product (const DagOrg        *org,
                    const DagIndication *ind)
{
  const DagContract *c = DAG_AT (org->contracts, DagContract, ind->contract);
  return DAG_AT (c->products, DagProduct, ind->product);
}

static gboolean
is_transport (const DagOrg        *org,
              const DagIndication *ind)
{
  return ind->contract >= 0 && ind->product >= 0 &&
         strcmp (indication_product (org, ind)->product, TRANSPORT_PRODUCT) == 0;
}

static gboolean
contract_has_transport (const DagContract *c)
{
  for (guint i = 0; i < c->products->len; i++)
    if (strcmp (DAG_AT (c->products, DagProduct, i)->product, TRANSPORT_PRODUCT) == 0)
      return TRUE;
  return FALSE;
}

/* The period a volume is counted over: the ISO week (its Monday), the
 * calendar month, or the whole indication. */
static gint64
volume_key (const DagIndication *ind,
            DagDate              date)
{
  int y, m, d;

  switch (ind->per)
    {
    case DAG_PER_WEEK:
      return (gint64) date - dag_date_weekday (date);
    case DAG_PER_MONTH:
      dag_date_to_ymd (date, &y, &m, &d);
      return (gint64) y * 12 + m;
    case DAG_PER_PERIOD:
    default:
      return 0;
    }
}

/* Takes units of the indication on date (in date order): returns how many
 * fit in the volume; the rest is listed when date is in the month. */
static int
take_units (Run     *run,
            int      indication,
            DagDate  date,
            int      units,
            gboolean transport)
{
  const DagIndication *ind = DAG_AT (run->org->indications, DagIndication, indication);
  Counter *c = &run->counters[indication];
  gint64 key = volume_key (ind, date);
  int fit;

  if (c->key != key)
    {
      c->key = key;
      c->used = 0;
    }
  fit = CLAMP (ind->units - c->used, 0, units);
  c->used += fit;
  if (date >= run->result->first && date <= run->result->last)
    {
      c->month_units += fit;
      if (fit < units)
        add_problem (run, DAG_PROBLEM_ABOVE_VOLUME, ind->participant, indication, date, -1,
                     units - fit, transport);
    }
  return fit;
}

/* Whether the participant has any indication, at any time, for a product
 * the group takes: then attending outside it is "outside the validity". */
static gboolean
has_indication_for_group (Run *run,
                          int  participant,
                          int  group)
{
  const DagOrg *org = run->org;
  const DagGroup *g = DAG_AT (org->groups, DagGroup, group);

  for (guint k = run->ind_start[participant]; k < run->ind_start[participant + 1]; k++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, run->ind_list[k]);
      const char *product;

      if (ind->contract < 0 || ind->product < 0)
        continue;
      product = indication_product (org, ind)->product;
      for (guint j = 0; j < g->products->len; j++)
        if (strcmp (g_ptr_array_index (g->products, j), product) == 0)
          return TRUE;
    }
  return FALSE;
}

static int
contract_municipality (const DagOrg *org,
                       int           contract)
{
  return DAG_AT (org->contracts, DagContract, contract)->municipality;
}

/* The participant's transport indication valid on date under a contract
 * of the same municipality as contract (the contract of the day's billed
 * care), preferring contract itself; -1 if none.  Rides are never billed
 * to another municipality: *elsewhere says whether a transport indication
 * of another one was valid that day. */
static int
transport_indication (Run      *run,
                      int       participant,
                      DagDate   date,
                      int       contract,
                      gboolean *elsewhere)
{
  const DagOrg *org = run->org;
  int municipality = contract_municipality (org, contract);
  int same = -1;

  *elsewhere = FALSE;
  for (guint k = run->ind_start[participant]; k < run->ind_start[participant + 1]; k++)
    {
      int i = run->ind_list[k];
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);

      if (date < ind->start || date > ind->end || !is_transport (org, ind))
        continue;
      if (ind->contract == contract)
        return i;
      if (contract_municipality (org, ind->contract) != municipality)
        *elsewhere = TRUE;
      else if (same < 0)
        same = i;
    }
  return same;
}

/* The group a participant attended on a dagdeel that has no session of
 * theirs: the group of their session in another part of that date, else
 * that of the plan entry in force that week in the same part, else in the
 * first slot; -1 when none of their plan is in force. */
static int
unplanned_group (Run     *run,
                 int      participant,
                 DagDate  date,
                 int      part)
{
  const DagOrg *org = run->org;
  int day = dag_date_weekday (date);
  int best = -1, best_rank = G_MAXINT;
  DagSession s;

  if (day < DAG_N_DAYS)
    for (int p = 0; p < DAG_N_PARTS; p++)
      if (p != part && dag_schedule_session_at (run->schedule, participant, DAG_SLOT (day, p), date, &s))
        return s.group;
  for (guint k = run->plan_start[participant]; k < run->plan_start[participant + 1]; k++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, run->plan_list[k]);
      int rank;

      if (!DAG_DATED_APPLIES (e->from, e->until, date) || e->group < 0)
        continue;
      rank = (DAG_SLOT_PART (e->slot) == part ? 0 : DAG_N_SLOTS) + e->slot;
      if (rank < best_rank)
        {
          best_rank = rank;
          best = e->group;
        }
    }
  return best;
}

/* The indication under which care delivered outside the plan (no session,
 * or a session the participant had cancelled or reported absent for) in
 * group (-1: unknown) on date is billed; -1 with *why the reason it can
 * not be: a holiday or closure, or no valid indication. */
static int
unplanned_indication (Run            *run,
                      int             participant,
                      DagDate         date,
                      int             group,
                      DagProblemKind *why)
{
  const DagOrg *org = run->org;
  gboolean any = FALSE;

  if (dag_schedule_is_holiday (run->schedule, date, NULL))
    {
      *why = DAG_PROBLEM_CLOSED_DAY;
      return -1;
    }
  if (group >= 0)
    {
      const DagGroup *g = DAG_AT (org->groups, DagGroup, group);
      int i;

      if (g->location >= 0 &&
          dag_location_is_closed (DAG_AT (org->locations, DagLocation, g->location), date))
        {
          *why = DAG_PROBLEM_CLOSED_DAY;
          return -1;
        }
      i = dag_schedule_indication_for (run->schedule, participant, group, date);
      if (i < 0)
        *why = has_indication_for_group (run, participant, group)
               ? DAG_PROBLEM_OUTSIDE_VALIDITY : DAG_PROBLEM_NO_INDICATION;
      return i;
    }
  /* No group known: the first day-care indication valid that day. */
  for (guint k = run->ind_start[participant]; k < run->ind_start[participant + 1]; k++)
    {
      int i = run->ind_list[k];
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);

      if (ind->contract < 0 || ind->product < 0 || is_transport (org, ind))
        continue;
      if (date >= ind->start && date <= ind->end)
        return i;
      any = TRUE;
    }
  *why = any ? DAG_PROBLEM_OUTSIDE_VALIDITY : DAG_PROBLEM_NO_INDICATION;
  return -1;
}

typedef struct {
  int   indication;
  int   minutes;             /* summed minutes of present slots (a whole slot without hours) */
  int   present;             /* present slots */
  int   with_hours;          /* present slots with registered minutes */
  int   noshow;              /* billable no-show slots */
  int   n_slots;
  char  kind[DAG_N_PARTS];   /* 'P' present or 'N' no-show, in slot order */
  int   unplanned[DAG_N_PARTS];  /* parts of present slots outside the plan */
  int   n_unplanned;
} DayAcc;

/* One date of one participant: the records rec[0..n) (all on date, in
 * part order). */
static void
produce_date (Run         *run,
              int          participant,
              DagDate      date,
              const guint *rec,
              guint        n)
{
  const DagOrg *org = run->org;
  const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, participant);
  gboolean in_month = date >= run->result->first && date <= run->result->last;
  DayAcc acc[DAG_N_PARTS];
  guint n_acc = 0;
  int ride_contract = -1;

  for (guint r = 0; r < n; r++)
    {
      const DagAttendance *a = DAG_AT (org->attendance, DagAttendance, rec[r]);
      gboolean present = a->status == DAG_ATTEND_PRESENT;
      gboolean planned, has_session;
      const DagIndication *ind;
      DagProblemKind why = DAG_PROBLEM_NO_INDICATION;
      DagSession s;
      int indication;
      guint j;

      if (a->status == DAG_ATTEND_CANCELLED || a->part < 0 || a->part >= DAG_N_PARTS)
        continue;
      /* Production is what was delivered: a day still to come has none,
       * whatever was typed for it. */
      if (date > run->today)
        {
          if (in_month)
            add_problem (run, DAG_PROBLEM_IN_FUTURE, participant, -1, date, a->part, 0, FALSE);
          continue;
        }
      has_session = dag_date_weekday (date) < DAG_N_DAYS &&
                    dag_schedule_session_at (run->schedule, participant,
                                             DAG_SLOT (dag_date_weekday (date), a->part), date, &s);
      planned = has_session && s.state == DAG_SESSION_ON;
      if (planned)
        indication = s.indication;
      else if (has_session && (s.state == DAG_SESSION_HOLIDAY || s.state == DAG_SESSION_CLOSED))
        {
          indication = -1;
          why = DAG_PROBLEM_CLOSED_DAY;
        }
      else if (has_session && s.state == DAG_SESSION_NO_INDICATION)
        {
          indication = -1;
          why = has_indication_for_group (run, participant, s.group)
                ? DAG_PROBLEM_OUTSIDE_VALIDITY : DAG_PROBLEM_NO_INDICATION;
        }
      else
        /* Delivered outside the plan: on a dagdeel without a session, or
         * although the session was cancelled or an absence reported. */
        indication = unplanned_indication (run, participant, date,
                                           has_session ? s.group : unplanned_group (run, participant, date, a->part),
                                           &why);

      if (indication < 0)
        {
          if (in_month && present)
            add_problem (run, why, participant, -1, date, a->part, 0, FALSE);
          continue;
        }

      ind = DAG_AT (org->indications, DagIndication, indication);
      if (a->status == DAG_ATTEND_NO_SHOW)
        {
          if (!DAG_AT (org->contracts, DagContract, ind->contract)->noshow_billable)
            continue;
          /* Only a no-show of a planned dagdeel is billable: where nothing
           * was planned no place was kept and no care delivered.  (A
           * no-show of a cancelled session or during a reported absence
           * is no no-show at all.) */
          if (!planned)
            {
              if (in_month && !has_session)
                add_problem (run, DAG_PROBLEM_NOT_PLANNED, participant, indication, date, a->part, 0, FALSE);
              continue;
            }
        }

      for (j = 0; j < n_acc && acc[j].indication != indication; j++)
        ;
      if (j == n_acc)
        {
          if (n_acc == G_N_ELEMENTS (acc))
            continue;
          memset (&acc[j], 0, sizeof acc[j]);
          acc[j].indication = indication;
          n_acc++;
        }
      if (acc[j].n_slots == G_N_ELEMENTS (acc[j].kind))
        continue;   /* a part registered twice */
      if (!present)
        {
          acc[j].noshow++;
          acc[j].kind[acc[j].n_slots++] = 'N';
          continue;
        }
      acc[j].present++;
      acc[j].kind[acc[j].n_slots++] = 'P';
      if (!planned)
        acc[j].unplanned[acc[j].n_unplanned++] = a->part;
      /* A present slot without hours counts as a whole slot. */
      if (a->minutes >= 0)
        {
          acc[j].minutes += a->minutes;
          acc[j].with_hours++;
        }
      else
        acc[j].minutes += run->slot_minutes;
    }

  for (guint j = 0; j < n_acc; j++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, acc[j].indication);
      int present_units, units, fit, taken = 0, assigned = 0, billed_present = 0;

      /* DOMAIN.md: hours are counted in units of slot_minutes (the iWmo
       * "dagdeel (4 uur)"), never in a location's opening hours. */
      if (acc[j].with_hours > 0)
        present_units = dag_production_units_for_minutes (acc[j].minutes, acc[j].present,
                                                          run->slot_minutes, run->threshold);
      else
        present_units = acc[j].present;
      units = acc[j].noshow + present_units;
      if (units == 0)
        continue;
      if (in_month)
        for (int u = 0; u < acc[j].n_unplanned; u++)
          add_problem (run, DAG_PROBLEM_UNPLANNED_BILLED, participant, acc[j].indication, date,
                       acc[j].unplanned[u], 0, FALSE);
      fit = take_units (run, acc[j].indication, date, units, FALSE);

      /* Which billed units were present ones: units are taken in slot
       * order, the present units being those of the first present slots. */
      for (int k = 0; k < acc[j].n_slots && taken < fit; k++)
        if (acc[j].kind[k] == 'N')
          taken++;
        else if (assigned < present_units)
          {
            assigned++;
            taken++;
            billed_present++;
          }
      if (billed_present > 0 && ride_contract < 0)
        ride_contract = ind->contract;
    }

  /* Transport: a bus passenger present at a billed slot that day rides
   * there and back, under the VERVOER indication of the same municipality
   * (of the same contract if any).  A no-show rides nobody. */
  if (ride_contract >= 0 && pa->transport == DAG_TRANSPORT_BUS)
    {
      gboolean elsewhere;
      int t = transport_indication (run, participant, date, ride_contract, &elsewhere);

      if (t >= 0)
        take_units (run, t, date, RIDES_PER_DAY, TRUE);
      else if (in_month && (elsewhere || contract_has_transport (DAG_AT (org->contracts, DagContract, ride_contract))))
        add_problem (run, DAG_PROBLEM_NO_INDICATION, participant, -1, date, -1, RIDES_PER_DAY, TRUE);
    }
}

static void
produce_participant (Run *run,
                     int  participant)
{
  const DagOrg *org = run->org;
  DagProduction *res = run->result;
  DagDate from = res->first - dag_date_weekday (res->first);
  const guint *rec;
  guint n, i;

  /* Start early enough to know what was billed before this month in the
   * same volume period: the ISO week the month starts in, or the whole
   * indication for period volumes. */
  for (guint k = run->ind_start[participant]; k < run->ind_start[participant + 1]; k++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, run->ind_list[k]);
      if (ind->per == DAG_PER_PERIOD && ind->start <= res->last && ind->end >= res->first)
        from = MIN (from, ind->start);
    }

  rec = dag_attendance_index_records (run->attendance, participant, &n);
  for (i = 0; i < n && DAG_AT (org->attendance, DagAttendance, rec[i])->date < from; i++)
    ;
  while (i < n)
    {
      DagDate date = DAG_AT (org->attendance, DagAttendance, rec[i])->date;
      guint j = i;

      if (date > res->last)
        break;
      while (j < n && DAG_AT (org->attendance, DagAttendance, rec[j])->date == date)
        j++;
      produce_date (run, participant, date, rec + i, j - i);
      i = j;
    }
}

static gboolean
check_registered (const DagSession *s,
                  gpointer          user_data)
{
  Run *run = user_data;

  if (s->state == DAG_SESSION_ON &&
      dag_attendance_index_find (run->attendance, s->participant, s->date, s->part) < 0)
    add_problem (run, DAG_PROBLEM_UNREGISTERED, s->participant, s->indication, s->date, s->part, 0, FALSE);
  return TRUE;
}

typedef struct {
  Run *run;
  int *mix_of_group;
} MixData;

static gboolean
add_mix (const DagStaffSession *s,
         gpointer               user_data)
{
  MixData *md = user_data;
  Run *run = md->run;
  const DagOrg *org = run->org;
  DagProduction *res = run->result;
  const DagStaff *staff;
  const DagGroup *g;
  DagProductionMix *mix;
  int minutes = run->slot_minutes;

  if (s->state != DAG_SESSION_ON || s->staff < 0 || s->group < 0)
    return TRUE;
  staff = DAG_AT (org->staff, DagStaff, s->staff);
  if (staff->qualification == DAG_QUAL_VOLUNTEER)
    return TRUE;
  g = DAG_AT (org->groups, DagGroup, s->group);
  if (g->location >= 0)
    {
      const DagLocation *loc = DAG_AT (org->locations, DagLocation, g->location);
      if (loc->has_part[s->part])
        minutes = loc->part_end[s->part] - loc->part_start[s->part];
    }
  if (md->mix_of_group[s->group] < 0)
    {
      DagProductionMix m = { s->group, 0, 0 };
      md->mix_of_group[s->group] = res->mix->len;
      g_array_append_val (res->mix, m);
    }
  mix = DAG_AT (res->mix, DagProductionMix, md->mix_of_group[s->group]);
  if (staff->qualification == DAG_QUAL_HBO)
    mix->hbo_minutes += minutes;
  else
    mix->mbo_minutes += minutes;
  return TRUE;
}

/* The HBO/MBO mix of the staffed hours: the staffing that applied on each
 * date of the month (dated, with one-offs and staff absences), not counting
 * holidays and closures. */
static void
compute_mix (Run *run)
{
  const DagOrg *org = run->org;
  g_autofree int *mix_of_group = g_new (int, org->groups->len + 1);
  MixData md = { run, mix_of_group };

  for (guint g = 0; g < org->groups->len; g++)
    mix_of_group[g] = -1;
  dag_schedule_foreach_staff (run->schedule, run->result->first, run->result->last, add_mix, &md);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const DagOrg *org = user_data;
  const DagProductionLine *la = a, *lb = b;
  const DagContract *ca = DAG_AT (org->contracts, DagContract, la->contract);
  const DagContract *cb = DAG_AT (org->contracts, DagContract, lb->contract);
  int r;

  r = strcmp (DAG_AT (org->municipalities, DagMunicipality, la->municipality)->code,
              DAG_AT (org->municipalities, DagMunicipality, lb->municipality)->code);
  if (r == 0)
    r = strcmp (DAG_AT (org->participants, DagParticipant, la->participant)->bsn,
                DAG_AT (org->participants, DagParticipant, lb->participant)->bsn);
  if (r == 0)
    r = strcmp (DAG_AT (ca->products, DagProduct, la->product)->code,
                DAG_AT (cb->products, DagProduct, lb->product)->code);
  /* Two indications of one product in a month (a renewal): by date. */
  if (r == 0 && la->period_start != lb->period_start)
    r = la->period_start < lb->period_start ? -1 : 1;
  if (r == 0)
    r = strcmp (DAG_AT (org->indications, DagIndication, la->indication)->allocation_number,
                DAG_AT (org->indications, DagIndication, lb->indication)->allocation_number);
  if (r == 0)
    r = (la->indication > lb->indication) - (la->indication < lb->indication);
  return r;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const DagProductionProblem *pa = a, *pb = b;

  if (pa->date != pb->date)
    return pa->date < pb->date ? -1 : 1;
  if (pa->participant != pb->participant)
    return pa->participant < pb->participant ? -1 : 1;
  if (pa->part != pb->part)
    return pa->part < pb->part ? -1 : 1;
  if (pa->transport != pb->transport)
    return pa->transport ? 1 : -1;
  return (int) pa->kind - (int) pb->kind;
}

DagProduction *
dag_production_compute (const DagOrg *org,
                        int           year,
                        int           month,
                        DagDate       today)
{
  g_autoptr(DagSchedule) schedule = NULL;
  g_autoptr(DagAttendanceIndex) attendance = NULL;
  DagProduction *res;
  Run run = { 0 };
  guint np = org->participants->len;
  g_autofree guint *fill = NULL;

  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  res = g_new0 (DagProduction, 1);
  res->year = year;
  res->month = month;
  res->first = dag_date_from_ymd (year, month, 1);
  res->last = dag_date_from_ymd (year, month, dag_date_days_in_month (year, month));
  res->lines = g_array_new (FALSE, FALSE, sizeof (DagProductionLine));
  res->problems = g_array_new (FALSE, FALSE, sizeof (DagProductionProblem));
  res->mix = g_array_new (FALSE, FALSE, sizeof (DagProductionMix));

  schedule = dag_schedule_new (org);
  attendance = dag_attendance_index_new (org);
  run.org = org;
  run.schedule = schedule;
  run.attendance = attendance;
  run.result = res;
  run.slot_minutes = org->settings.slot_minutes > 0 ? org->settings.slot_minutes : 240;
  run.threshold = dag_production_threshold_minutes (org->settings.min_unit_fraction, run.slot_minutes);
  run.counters = g_new0 (Counter, org->indications->len + 1);
  for (guint i = 0; i < org->indications->len; i++)
    run.counters[i].key = G_MININT64;

  /* Indications per participant, in file order. */
  run.ind_start = g_new0 (guint, np + 1);
  run.ind_list = g_new (guint, org->indications->len + 1);
  for (guint i = 0; i < org->indications->len; i++)
    {
      int p = DAG_AT (org->indications, DagIndication, i)->participant;
      if (p >= 0 && (guint) p < np)
        run.ind_start[p + 1]++;
    }
  for (guint p = 0; p < np; p++)
    run.ind_start[p + 1] += run.ind_start[p];
  fill = g_memdup2 (run.ind_start, sizeof (guint) * (np + 1));
  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);
      if (ind->participant >= 0 && (guint) ind->participant < np)
        run.ind_list[fill[ind->participant]++] = i;
    }

  /* Plan entries per participant, in file order (for attendance outside
   * the plan: which group the participant was in). */
  run.plan_start = g_new0 (guint, np + 1);
  run.plan_list = g_new (guint, org->plan->len + 1);
  for (guint i = 0; i < org->plan->len; i++)
    {
      int p = DAG_AT (org->plan, DagPlanEntry, i)->participant;
      if (p >= 0 && (guint) p < np)
        run.plan_start[p + 1]++;
    }
  for (guint p = 0; p < np; p++)
    run.plan_start[p + 1] += run.plan_start[p];
  g_free (fill);
  fill = g_memdup2 (run.plan_start, sizeof (guint) * (np + 1));
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      if (e->participant >= 0 && (guint) e->participant < np)
        run.plan_list[fill[e->participant]++] = i;
    }

  run.today = today;
  for (guint p = 0; p < np; p++)
    produce_participant (&run, p);

  if (today > res->first)
    dag_schedule_foreach (schedule, res->first, MIN (res->last, today - 1), check_registered, &run);

  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);
      DagProductionLine line;

      if (run.counters[i].month_units == 0)
        continue;
      line.indication = i;
      line.participant = ind->participant;
      line.contract = ind->contract;
      line.product = ind->product;
      line.municipality = DAG_AT (org->contracts, DagContract, ind->contract)->municipality;
      line.period_start = MAX (res->first, ind->start);
      line.period_end = MIN (res->last, ind->end);
      line.units = run.counters[i].month_units;
      line.amount_cents = dag_production_price (indication_product (org, ind), line.units);
      g_array_append_val (res->lines, line);
    }
  g_array_sort_with_data (res->lines, compare_lines, (gpointer) org);
  g_array_sort (res->problems, compare_problems);

  compute_mix (&run);

  g_free (run.counters);
  g_free (run.ind_start);
  g_free (run.ind_list);
  g_free (run.plan_start);
  g_free (run.plan_list);
  return res;
}

void
dag_production_free (DagProduction *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->lines);
  g_array_unref (self->problems);
  g_array_unref (self->mix);
  g_free (self);
}

const char *
dag_production_problem_kind_name (DagProblemKind kind)
{
  static const char *const names[] = {
    "unregistered", "above_volume", "outside_validity", "not_planned", "no_indication",
    "in_future", "unplanned_billed", "closed_day",
  };
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

gboolean
dag_production_problem_is_notice (DagProblemKind kind)
{
  return kind == DAG_PROBLEM_UNPLANNED_BILLED;
}

char *
dag_production_problem_describe (const DagOrg               *org,
                                 const DagProductionProblem *problem)
{
  const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, problem->participant);
  char date[DAG_DATE_BUF];
  g_autofree char *when = NULL;
  const char *allocation = problem->indication >= 0
    ? DAG_AT (org->indications, DagIndication, problem->indication)->allocation_number : "";

  dag_date_format (problem->date, date);
  when = problem->part >= 0 ? g_strdup_printf ("%s %s", date, dag_part_name (problem->part))
                            : g_strdup (date);

  switch (problem->kind)
    {
    case DAG_PROBLEM_UNREGISTERED:
      return g_strdup_printf (_("%s: %s (%s): no attendance registered; not billed"),
                              when, pa->id, pa->name);
    case DAG_PROBLEM_ABOVE_VOLUME:
      if (problem->transport)
        return g_strdup_printf (ngettext ("%s: %s (%s): %d ride above the volume of indication %s; not billed",
                                          "%s: %s (%s): %d rides above the volume of indication %s; not billed",
                                          problem->units),
                                when, pa->id, pa->name, problem->units, allocation);
      return g_strdup_printf (ngettext ("%s: %s (%s): %d unit above the volume of indication %s; not billed",
                                        "%s: %s (%s): %d units above the volume of indication %s; not billed",
                                        problem->units),
                              when, pa->id, pa->name, problem->units, allocation);
    case DAG_PROBLEM_OUTSIDE_VALIDITY:
      return g_strdup_printf (_("%s: %s (%s): attended outside the validity of the indication; not billed"),
                              when, pa->id, pa->name);
    case DAG_PROBLEM_NOT_PLANNED:
      return g_strdup_printf (_("%s: %s (%s): no-show on a dagdeel that was not planned; not billed"),
                              when, pa->id, pa->name);
    case DAG_PROBLEM_UNPLANNED_BILLED:
      return g_strdup_printf (_("%s: %s (%s): attended outside the standing plan; billed under indication %s within its volume"),
                              when, pa->id, pa->name, allocation);
    case DAG_PROBLEM_CLOSED_DAY:
      return g_strdup_printf (_("%s: %s (%s): attended on a holiday or closure day; not billed"),
                              when, pa->id, pa->name);
    case DAG_PROBLEM_IN_FUTURE:
      return g_strdup_printf (_("%s: %s (%s): attendance registered for a day still to come; not billed"),
                              when, pa->id, pa->name);
    case DAG_PROBLEM_NO_INDICATION:
    default:
      if (problem->transport)
        return g_strdup_printf (_("%s: %s (%s): travelled by bus without a transport (VERVOER) indication of the day care’s municipality; rides not billed"),
                                when, pa->id, pa->name);
      return g_strdup_printf (_("%s: %s (%s): attended without an indication for the group’s products; not billed"),
                              when, pa->id, pa->name);
    }
}

/* ---- the volume an allocation has left ---------------------------------- */

static DagDate
monday_of (DagDate date)
{
  return date - dag_date_weekday (date);
}

static gint64
months_touched (DagDate first,
                DagDate last)
{
  int y1, m1, y2, m2, d;

  dag_date_to_ymd (first, &y1, &m1, &d);
  dag_date_to_ymd (last, &y2, &m2, &d);
  return ((gint64) y2 * 12 + m2) - ((gint64) y1 * 12 + m1) + 1;
}

/* The volume of ind over first..last (within its validity): per week, the
 * ISO weeks touched × units, per month the months touched × units, per
 * period the units. */
static gint64
volume_over (const DagIndication *ind,
             DagDate              first,
             DagDate              last)
{
  if (first == DAG_DATE_NONE || last == DAG_DATE_NONE || last < first || ind->units <= 0)
    return 0;
  switch (ind->per)
    {
    case DAG_PER_WEEK:
      return ((gint64) (monday_of (last) - monday_of (first)) / 7 + 1) * ind->units;
    case DAG_PER_MONTH:
      return months_touched (first, last) * ind->units;
    case DAG_PER_PERIOD:
    default:
      return ind->units;
    }
}

gint64
dag_production_indicated_units (const DagIndication *ind)
{
  g_return_val_if_fail (ind != NULL, 0);

  return volume_over (ind, ind->start, ind->end);
}

int
dag_production_month_max_units (const DagIndication *ind,
                                DagDate              period_start,
                                DagDate              period_end)
{
  g_return_val_if_fail (ind != NULL, 0);

  return (int) MIN (volume_over (ind, MAX (period_start, ind->start), MIN (period_end, ind->end)),
                    G_MAXINT);
}

/* Adds, per indication (only: that one, else all), the units declared in
 * the ledger to declared[] (indexed by indication, or declared[0] for
 * only): debit lines add, credit lines take off, rejected lines and lines
 * of production's own month do not count. */
static void
add_declared (const DagOrg        *org,
              const DagProduction *production,
              int                  only,
              gint64              *declared)
{
  for (guint i = 0; org->declarations != NULL && i < org->declarations->len; i++)
    {
      const DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);

      for (guint j = 0; d->lines != NULL && j < d->lines->len; j++)
        {
          const DagDeclarationLine *l = DAG_AT (d->lines, DagDeclarationLine, j);

          if (l->indication < 0 || (only >= 0 && l->indication != only))
            continue;
          /* A rejected line was never accepted: it is declared again. */
          if (l->has_response && !l->response_accepted)
            continue;
          /* The month computed counts as it is now, not as declared. */
          if (production != NULL && l->period_start >= production->first && l->period_start <= production->last)
            continue;
          declared[only >= 0 ? 0 : l->indication] += l->debit_credit == 'C' ? -(gint64) l->units
                                                                             : (gint64) l->units;
        }
    }
}

void
dag_production_remaining (const DagOrg        *org,
                          const DagProduction *production,
                          int                  indication,
                          DagRemaining        *out)
{
  const DagIndication *ind;

  g_return_if_fail (org != NULL && out != NULL);
  memset (out, 0, sizeof *out);
  g_return_if_fail (indication >= 0 && (guint) indication < org->indications->len);

  ind = DAG_AT (org->indications, DagIndication, indication);
  out->indicated = dag_production_indicated_units (ind);
  add_declared (org, production, indication, &out->declared);
  for (guint i = 0; production != NULL && i < production->lines->len; i++)
    {
      const DagProductionLine *l = DAG_AT (production->lines, DagProductionLine, i);

      if (l->indication == indication)
        out->this_month += l->units;
    }
  out->remaining = out->indicated - out->declared - out->this_month;
  out->over = out->remaining < 0;
}

DagRemaining *
dag_production_remaining_all (const DagOrg        *org,
                              const DagProduction *production)
{
  guint n = org->indications->len;
  DagRemaining *out = g_new0 (DagRemaining, MAX (n, 1));
  g_autofree gint64 *declared = g_new0 (gint64, MAX (n, 1));

  add_declared (org, production, -1, declared);
  for (guint i = 0; production != NULL && i < production->lines->len; i++)
    {
      const DagProductionLine *l = DAG_AT (production->lines, DagProductionLine, i);

      if (l->indication >= 0 && (guint) l->indication < n)
        out[l->indication].this_month += l->units;
    }
  for (guint i = 0; i < n; i++)
    {
      out[i].indicated = dag_production_indicated_units (DAG_AT (org->indications, DagIndication, i));
      out[i].declared = declared[i];
      out[i].remaining = out[i].indicated - out[i].declared - out[i].this_month;
      out[i].over = out[i].remaining < 0;
    }
  return out;
}
