/* dag-production.c — computes a month's billable production from the
 * registered attendance and the sessions of the standing plan. */

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

/* The participant's transport indication valid on date, preferring one
 * under contract (the contract of the day's billed care); -1 if none. */
static int
transport_indication (Run     *run,
                      int      participant,
                      DagDate  date,
                      int      contract)
{
  const DagOrg *org = run->org;
  int any = -1;

  for (guint k = run->ind_start[participant]; k < run->ind_start[participant + 1]; k++)
    {
      int i = run->ind_list[k];
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);

      if (date < ind->start || date > ind->end || !is_transport (org, ind))
        continue;
      if (ind->contract == contract)
        return i;
      if (any < 0)
        any = i;
    }
  return any;
}

typedef struct {
  int indication;
  int minutes;        /* summed registered minutes of present slots */
  int present;        /* present slots */
  int with_hours;     /* present slots with registered minutes */
  int noshow;         /* billable no-show slots */
  int length;         /* summed lengths of the present slots at their location */
} DayAcc;

/* The length of a session's part at its group's location, in minutes; the
 * organisation's slot length when the location has no times for it. */
static int
session_length (const DagOrg     *org,
                const DagSession *s,
                int               fallback)
{
  const DagGroup *g = DAG_AT (org->groups, DagGroup, s->group);
  const DagLocation *l;

  if (g->location < 0)
    return fallback;
  l = DAG_AT (org->locations, DagLocation, g->location);
  if (!l->has_part[s->part] || l->part_end[s->part] <= l->part_start[s->part])
    return fallback;
  return l->part_end[s->part] - l->part_start[s->part];
}

/* One date of one participant: the records rec[0..n) (all on date). */
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
  int billed = 0;
  int billed_contract = -1;

  for (guint r = 0; r < n; r++)
    {
      const DagAttendance *a = DAG_AT (org->attendance, DagAttendance, rec[r]);
      DagSession s;
      const DagIndication *ind;
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
      if (dag_date_weekday (date) >= DAG_N_DAYS ||
          !dag_schedule_session_at (run->schedule, participant,
                                    DAG_SLOT (dag_date_weekday (date), a->part), date, &s))
        {
          if (in_month && a->status == DAG_ATTEND_PRESENT)
            add_problem (run, DAG_PROBLEM_NOT_PLANNED, participant, -1, date, a->part, 0, FALSE);
          continue;
        }
      if (s.state != DAG_SESSION_ON)
        {
          if (!in_month || a->status != DAG_ATTEND_PRESENT)
            continue;
          if (s.state == DAG_SESSION_NO_INDICATION)
            add_problem (run, has_indication_for_group (run, participant, s.group)
                              ? DAG_PROBLEM_OUTSIDE_VALIDITY : DAG_PROBLEM_NO_INDICATION,
                         participant, -1, date, a->part, 0, FALSE);
          else
            add_problem (run, DAG_PROBLEM_NOT_PLANNED, participant, s.indication, date, a->part, 0, FALSE);
          continue;
        }

      ind = DAG_AT (org->indications, DagIndication, s.indication);
      if (a->status == DAG_ATTEND_NO_SHOW &&
          !DAG_AT (org->contracts, DagContract, ind->contract)->noshow_billable)
        continue;

      for (j = 0; j < n_acc && acc[j].indication != s.indication; j++)
        ;
      if (j == n_acc)
        {
          memset (&acc[j], 0, sizeof acc[j]);
          acc[j].indication = s.indication;
          n_acc++;
        }
      if (a->status == DAG_ATTEND_NO_SHOW)
        acc[j].noshow++;
      else
        {
          int length = session_length (org, &s, run->slot_minutes);

          acc[j].present++;
          acc[j].length += length;
          /* A present slot without hours counts as a whole slot. */
          if (a->minutes >= 0)
            {
              acc[j].minutes += a->minutes;
              acc[j].with_hours++;
            }
          else
            acc[j].minutes += length;
        }
    }

  for (guint j = 0; j < n_acc; j++)
    {
      int units = acc[j].noshow;
      int fit;

      if (acc[j].with_hours > 0)
        {
          /* DOMAIN.md counts hours in slot lengths of 4 hours (the setting),
           * but a location may run shorter parts (09:30–13:00, 13:30–16:30):
           * whoever attends both whole parts there attended two dagdelen.  So
           * the unit is the location's mean part length that day, never
           * longer than the setting. */
          int unit = MIN (run->slot_minutes, acc[j].length / acc[j].present);
          int threshold = unit == run->slot_minutes
                          ? run->threshold
                          : dag_production_threshold_minutes (org->settings.min_unit_fraction, unit);

          units += dag_production_units_for_minutes (acc[j].minutes, acc[j].present, unit, threshold);
        }
      else
        units += acc[j].present;
      if (units == 0)
        continue;
      fit = take_units (run, acc[j].indication, date, units, FALSE);
      billed += fit;
      if (fit > 0 && billed_contract < 0)
        billed_contract = DAG_AT (org->indications, DagIndication, acc[j].indication)->contract;
    }

  /* Transport: a bus passenger with billed care that day rides there and
   * back, under the VERVOER indication of the same contract if any. */
  if (billed > 0 && pa->transport == DAG_TRANSPORT_BUS)
    {
      int t = transport_indication (run, participant, date, billed_contract);

      if (t >= 0)
        take_units (run, t, date, RIDES_PER_DAY, TRUE);
      else if (in_month && contract_has_transport (DAG_AT (org->contracts, DagContract, billed_contract)))
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
    "in_future",
  };
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
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
      return g_strdup_printf (_("%s: %s (%s): attended where no session was planned; not billed"),
                              when, pa->id, pa->name);
    case DAG_PROBLEM_IN_FUTURE:
      return g_strdup_printf (_("%s: %s (%s): attendance registered for a day still to come; not billed"),
                              when, pa->id, pa->name);
    case DAG_PROBLEM_NO_INDICATION:
    default:
      if (problem->transport)
        return g_strdup_printf (_("%s: %s (%s): travelled by bus without a transport (VERVOER) indication; rides not billed"),
                                when, pa->id, pa->name);
      return g_strdup_printf (_("%s: %s (%s): attended without an indication for the group’s products; not billed"),
                              when, pa->id, pa->name);
    }
}
