/* dag-rules.c — checks a standing week plan against every rule of DOMAIN.md
 * ("Slots", "Products and intensity", "Staffing rules", "Indications",
 * "Week planning"). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-holidays.h"
#include "dag-rules.h"
#include "dag-schedule.h"

/* ---- building blocks ----------------------------------------------------- */

DagDate
dag_rules_week_start (DagDate date)
{
  return date - dag_date_weekday (date);
}

const char *
dag_rules_indication_product (const DagOrg        *org,
                              const DagIndication *ind)
{
  const DagContract *c;

  if (ind->contract < 0 || (guint) ind->contract >= org->contracts->len)
    return NULL;
  c = DAG_AT (org->contracts, DagContract, ind->contract);
  if (ind->product < 0 || (guint) ind->product >= c->products->len)
    return NULL;
  return DAG_AT (c->products, DagProduct, ind->product)->product;
}

gboolean
dag_rules_is_day_activity (const DagOrg        *org,
                           const DagIndication *ind)
{
  const char *product = dag_rules_indication_product (org, ind);

  /* Transport is indicated separately (DOMAIN.md "Indications") as the
   * contract's VERVOER product; it is not planned in groups. */
  return product != NULL && strcmp (product, "VERVOER") != 0;
}

gboolean
dag_rules_group_takes (const DagGroup *group,
                       const char     *product)
{
  if (product == NULL)
    return FALSE;
  for (guint i = 0; i < group->products->len; i++)
    if (strcmp (g_ptr_array_index (group->products, i), product) == 0)
      return TRUE;
  return FALSE;
}

gboolean
dag_rules_group_level_fits (const DagGroup *group,
                            int             level)
{
  return level >= group->min_level && level <= group->max_level;
}

void
dag_rules_weekly_volume (const DagIndication *ind,
                         int                 *max,
                         int                 *min)
{
  int hi = MAX (ind->units, 0);
  int lo = ind->min_units > 0 ? ind->min_units : 0;

  switch (ind->per)
    {
    case DAG_PER_MONTH:
      /* A month is 52/12 weeks on average; rounding up lets the plan reach
       * the monthly volume, production caps what is billed. */
      hi = (hi * 12 + 51) / 52;
      lo = lo * 12 / 52;
      break;
    case DAG_PER_PERIOD:
      {
        gint64 days = (gint64) ind->end - ind->start + 1;
        if (days < 1)
          days = 1;
        hi = (int) MIN ((gint64) hi, ((gint64) hi * 7 + days - 1) / days);
        lo = (int) ((gint64) lo * 7 / days);
      }
      break;
    case DAG_PER_WEEK:
    default:
      break;
    }
  if (lo > hi)
    lo = hi;
  if (max)
    *max = hi;
  if (min)
    *min = lo;
}

gboolean
dag_rules_valid_on (const DagIndication *ind,
                    DagDate              date)
{
  return date >= ind->start && date <= ind->end;
}

static guint
gcd (guint a,
     guint b)
{
  while (b != 0)
    {
      guint t = a % b;
      a = b;
      b = t;
    }
  return a;
}

guint
dag_rules_load_unit (const DagSettings *settings)
{
  guint unit = 1;

  for (guint i = 0; settings->levels && i < settings->levels->len; i++)
    {
      int ratio = DAG_AT (settings->levels, DagLevel, i)->ratio;
      if (ratio > 0)
        unit = unit / gcd (unit, ratio) * ratio;
    }
  return unit;
}

guint
dag_rules_share (const DagSettings *settings,
                 guint              unit,
                 int                level)
{
  for (guint i = 0; settings->levels && i < settings->levels->len; i++)
    {
      const DagLevel *l = DAG_AT (settings->levels, DagLevel, i);
      if (l->level == level && l->ratio > 0)
        return unit / l->ratio;
    }
  /* An unknown level needs the most care we can name: one staff member. */
  return unit;
}

gboolean
dag_rules_needs_hbo (const DagSettings *settings,
                     int                level)
{
  return settings->hbo_from_level > 0 && level >= settings->hbo_from_level;
}

gboolean
dag_rules_staff_covers (const DagStaffNeed *need,
                        int                 n_hbo,
                        int                 n_mbo)
{
  return n_hbo + n_mbo >= need->total && n_hbo >= need->hbo && n_mbo >= need->mbo;
}

int
dag_rules_staff_max_slots (const DagSettings *settings,
                           const DagStaff    *staff)
{
  int minutes = settings->slot_minutes > 0 ? settings->slot_minutes : 240;

  return MAX (0, staff->contract_hours) * 60 / minutes;
}

const char *
dag_severity_name (DagSeverity severity)
{
  return severity == DAG_SEVERITY_ERROR ? _("error") : _("warning");
}

/* ---- the check ---------------------------------------------------------- */

typedef struct {
  const DagOrg *org;
  GArray       *findings;
  GStringChunk *names;      /* "Name (ID)" strings while the check runs */
} Check;

static void
clear_finding (gpointer p)
{
  g_free (((DagFinding *) p)->message);
}

static DagFinding *
add (Check       *c,
     const char  *rule,
     DagSeverity  severity,
     char        *message)
{
  DagFinding f = { rule, severity, -1, -1, -1, -1, -1, DAG_DATE_NONE, message };

  g_array_append_val (c->findings, f);
  return DAG_AT (c->findings, DagFinding, c->findings->len - 1);
}

/* Messages name people and groups as a coordinator knows them, with the
 * id that tells two of the same name apart; never a BSN. */
static const char *
name_and_id (Check      *c,
             const char *name,
             const char *id)
{
  g_autofree char *text = g_strdup_printf ("%s (%s)", name, id);

  return g_string_chunk_insert_const (c->names, text);
}

static const char *
pname (Check *c, int i)
{
  const DagParticipant *p = DAG_AT (c->org->participants, DagParticipant, i);

  return name_and_id (c, p->name, p->id);
}

static const char *
gname (Check *c, int i)
{
  const DagGroup *g = DAG_AT (c->org->groups, DagGroup, i);

  return name_and_id (c, g->name, g->id);
}

static const char *
sname (Check *c, int i)
{
  const DagStaff *s = DAG_AT (c->org->staff, DagStaff, i);

  return name_and_id (c, s->name, s->id);
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const DagFinding *fa = a, *fb = b;

  if (fa->severity != fb->severity)
    return fa->severity == DAG_SEVERITY_ERROR ? -1 : 1;
  if (fa->participant != fb->participant)
    return fa->participant < fb->participant ? -1 : 1;
  if (fa->group != fb->group)
    return fa->group < fb->group ? -1 : 1;
  if (fa->staff != fb->staff)
    return fa->staff < fb->staff ? -1 : 1;
  if (fa->slot != fb->slot)
    return fa->slot < fb->slot ? -1 : 1;
  return strcmp (fa->rule, fb->rule);
}

/* Without a week: the first indication of the participant, in file order,
 * of a product the group takes (the same choice dag-schedule makes per date). */
static int
any_indication_for (const DagOrg *org,
                    const guint  *ind_start,
                    const guint  *ind_list,
                    int           participant,
                    const DagGroup *group)
{
  for (guint k = ind_start[participant]; k < ind_start[participant + 1]; k++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, ind_list[k]);
      if (dag_rules_group_takes (group, dag_rules_indication_product (org, ind)))
        return ind_list[k];
    }
  return -1;
}

/* cells: NULL checks everything; else a flag per group slot
 * (group * DAG_N_SLOTS + slot), and only the findings about flagged group
 * slots are made.  Entries outside them still count where the order of the
 * plan decides (who is planned twice), so each finding is the same one the
 * whole check makes. */
static GArray *
check (const DagOrg *org,
       DagDate       week,
       const guint8 *cells)
{
  Check c = { org, dag_rules_findings_new (), g_string_chunk_new (256) };
  guint np = org->participants->len, ng = org->groups->len, ns = org->staff->len;
  guint ni = org->indications->len;
  guint unit = dag_rules_load_unit (&org->settings);
  g_autofree DagSlotMask *p_used = g_new0 (DagSlotMask, np + 1);
  g_autofree DagSlotMask *s_used = g_new0 (DagSlotMask, ns + 1);
  g_autofree int *s_slots = g_new0 (int, ns + 1);
  g_autofree guint *gs_count = g_new0 (guint, ng * DAG_N_SLOTS + 1);
  g_autofree guint *gs_load = g_new0 (guint, ng * DAG_N_SLOTS + 1);
  g_autofree guint8 *gs_high = g_new0 (guint8, ng * DAG_N_SLOTS + 1);
  g_autofree int *gs_hbo = g_new0 (int, ng * DAG_N_SLOTS + 1);
  g_autofree int *gs_mbo = g_new0 (int, ng * DAG_N_SLOTS + 1);
  g_autofree int *ind_count = g_new0 (int, ni + 1);
  g_autofree guint *ind_start = g_new0 (guint, np + 2);
  g_autofree guint *ind_list = g_new (guint, ni + 1);
  g_autoptr(DagSchedule) schedule = NULL;
  g_autofree guint8 *absent_days = NULL;

  /* Staff absences of the week, as a day mask per staff member. */
  if (week != DAG_DATE_NONE && org->staff_absences->len > 0)
    {
      absent_days = g_new0 (guint8, ns + 1);
      for (guint i = 0; i < org->staff_absences->len; i++)
        {
          const DagStaffAbsence *a = DAG_AT (org->staff_absences, DagStaffAbsence, i);

          if (a->staff < 0 || (guint) a->staff >= ns)
            continue;
          for (int d = 0; d < DAG_N_DAYS; d++)
            if (week + d >= a->from && week + d <= a->to)
              absent_days[a->staff] |= 1u << d;
        }
    }

  /* Indications per participant (CSR), in file order. */
  for (guint i = 0; i < ni; i++)
    {
      int p = DAG_AT (org->indications, DagIndication, i)->participant;
      if (p >= 0 && (guint) p < np)
        ind_start[p + 1]++;
    }
  for (guint p = 0; p < np; p++)
    ind_start[p + 1] += ind_start[p];
  {
    g_autofree guint *fill = g_memdup2 (ind_start, sizeof (guint) * (np + 1));
    for (guint i = 0; i < ni; i++)
      {
        int p = DAG_AT (org->indications, DagIndication, i)->participant;
        if (p >= 0 && (guint) p < np)
          ind_list[fill[p]++] = i;
      }
  }
  if (week != DAG_DATE_NONE)
    {
      week = dag_rules_week_start (week);
      schedule = dag_schedule_new (org);
    }

  /* Participants in groups. */
  for (guint e = 0; e < org->plan->len; e++)
    {
      const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, e);
      const DagParticipant *p;
      const DagGroup *g;
      DagFinding *f;
      int ind;
      guint gs;

      if (pe->participant < 0 || (guint) pe->participant >= np ||
          pe->group < 0 || (guint) pe->group >= ng ||
          pe->slot < 0 || pe->slot >= DAG_N_SLOTS)
        {
          if (cells == NULL)
            add (&c, DAG_RULE_PLAN_REFERENCE, DAG_SEVERITY_ERROR,
                 g_strdup_printf (_("Week plan entry %u refers to a participant, group or dagdeel that does not exist"),
                                  e + 1));
          continue;
        }
      p = DAG_AT (org->participants, DagParticipant, pe->participant);
      g = DAG_AT (org->groups, DagGroup, pe->group);
      gs = pe->group * DAG_N_SLOTS + pe->slot;
      if (cells != NULL && !cells[gs])
        {
          p_used[pe->participant] |= DAG_SLOT_BIT (pe->slot);
          continue;
        }

      if (!(g->slots & DAG_SLOT_BIT (pe->slot)))
        {
          f = add (&c, DAG_RULE_GROUP_SLOT, DAG_SEVERITY_ERROR,
                   g_strdup_printf (_("Participant %s is planned in group %s on %s, a dagdeel the group does not run"),
                                    pname (&c, pe->participant), gname (&c, pe->group), dag_slot_label (pe->slot)));
          f->participant = pe->participant;
          f->group = pe->group;
          f->slot = pe->slot;
        }
      if (p->unavailable & DAG_SLOT_BIT (pe->slot))
        {
          f = add (&c, DAG_RULE_UNAVAILABLE, DAG_SEVERITY_ERROR,
                   g_strdup_printf (_("Participant %s is planned on %s, which they marked unavailable"),
                                    pname (&c, pe->participant), dag_slot_label (pe->slot)));
          f->participant = pe->participant;
          f->group = pe->group;
          f->slot = pe->slot;
        }
      if (p_used[pe->participant] & DAG_SLOT_BIT (pe->slot))
        {
          f = add (&c, DAG_RULE_PARTICIPANT_DOUBLE, DAG_SEVERITY_ERROR,
                   g_strdup_printf (_("Participant %s is planned more than once on %s"),
                                    pname (&c, pe->participant), dag_slot_label (pe->slot)));
          f->participant = pe->participant;
          f->group = pe->group;
          f->slot = pe->slot;
        }
      p_used[pe->participant] |= DAG_SLOT_BIT (pe->slot);

      if (schedule != NULL)
        {
          DagDate date = week + DAG_SLOT_DAY (pe->slot);
          ind = dag_schedule_indication_for (schedule, pe->participant, pe->group, date);
          if (ind < 0 && any_indication_for (org, ind_start, ind_list, pe->participant, g) >= 0)
            {
              char buf[DAG_DATE_BUF];
              f = add (&c, DAG_RULE_VALIDITY, DAG_SEVERITY_ERROR,
                       g_strdup_printf (_("Participant %s is planned in group %s on %s (%s) without an indication valid that day"),
                                        pname (&c, pe->participant), gname (&c, pe->group), dag_slot_label (pe->slot), dag_date_format (date, buf)));
              f->participant = pe->participant;
              f->group = pe->group;
              f->slot = pe->slot;
              f->date = date;
              /* The care still needs staff as planned; count it at its level. */
              ind = any_indication_for (org, ind_start, ind_list, pe->participant, g);
              g_assert (ind >= 0);
              gs_count[gs]++;
              {
                int level = DAG_AT (org->indications, DagIndication, ind)->level;
                gs_load[gs] += dag_rules_share (&org->settings, unit, level);
                gs_high[gs] |= dag_rules_needs_hbo (&org->settings, level);
              }
              continue;
            }
        }
      else
        ind = any_indication_for (org, ind_start, ind_list, pe->participant, g);

      gs_count[gs]++;
      if (ind < 0)
        {
          f = add (&c, DAG_RULE_GROUP_PRODUCT, DAG_SEVERITY_ERROR,
                   g_strdup_printf (_("Participant %s has no indication for a product group %s offers"),
                                    pname (&c, pe->participant), gname (&c, pe->group)));
          f->participant = pe->participant;
          f->group = pe->group;
          f->slot = pe->slot;
          /* The care need is that of the participant's first indication;
           * without any, count it as one whole staff member. */
          if (ind_start[pe->participant] < ind_start[pe->participant + 1])
            {
              int level = DAG_AT (org->indications, DagIndication,
                                  ind_list[ind_start[pe->participant]])->level;
              gs_load[gs] += dag_rules_share (&org->settings, unit, level);
              gs_high[gs] |= dag_rules_needs_hbo (&org->settings, level);
            }
          else
            gs_load[gs] += unit;
          continue;
        }
      else
        {
          const DagIndication *in = DAG_AT (org->indications, DagIndication, ind);

          ind_count[ind]++;
          gs_load[gs] += dag_rules_share (&org->settings, unit, in->level);
          gs_high[gs] |= dag_rules_needs_hbo (&org->settings, in->level);
          if (!dag_rules_group_level_fits (g, in->level))
            {
              f = add (&c, DAG_RULE_GROUP_LEVEL, DAG_SEVERITY_ERROR,
                       g_strdup_printf (_("Participant %s has intensity level %d, outside the range %d–%d of group %s"),
                                        pname (&c, pe->participant), in->level, g->min_level, g->max_level, gname (&c, pe->group)));
              f->participant = pe->participant;
              f->indication = ind;
              f->group = pe->group;
              f->slot = pe->slot;
            }
        }
    }

  /* Weekly volume per indication (about no group slot). */
  for (guint i = 0; cells == NULL && i < ni; i++)
    {
      const DagIndication *in = DAG_AT (org->indications, DagIndication, i);
      int max, min;
      DagFinding *f;

      if (in->participant < 0 || (guint) in->participant >= np)
        continue;
      dag_rules_weekly_volume (in, &max, &min);
      if (ind_count[i] > max)
        {
          f = add (&c, DAG_RULE_VOLUME, DAG_SEVERITY_ERROR,
                   g_strdup_printf (_("Participant %s is planned %d dagdelen a week under indication %s, which allows %d"),
                                    pname (&c, in->participant), ind_count[i], in->id, max));
          f->participant = in->participant;
          f->indication = i;
        }
      else if (ind_count[i] < min &&
               (week == DAG_DATE_NONE || (in->start <= week + 6 && in->end >= week)))
        {
          f = add (&c, DAG_RULE_VOLUME_BAND, DAG_SEVERITY_WARNING,
                   g_strdup_printf (_("Participant %s is planned %d dagdelen a week under indication %s, below its minimum of %d"),
                                    pname (&c, in->participant), ind_count[i], in->id, min));
          f->participant = in->participant;
          f->indication = i;
        }
      if (week != DAG_DATE_NONE && in->end >= week && in->end < week + DAG_RULES_EXPIRY_DAYS)
        {
          char buf[DAG_DATE_BUF];
          f = add (&c, DAG_RULE_EXPIRING, DAG_SEVERITY_WARNING,
                   g_strdup_printf (_("Indication %s of participant %s ends on %s: the evaluation is due"),
                                    in->id, pname (&c, in->participant), dag_date_format (in->end, buf)));
          f->participant = in->participant;
          f->indication = i;
          f->date = in->end;
        }
    }

  /* Staff. */
  for (guint e = 0; e < org->staffing->len; e++)
    {
      const DagStaffing *se = DAG_AT (org->staffing, DagStaffing, e);
      const DagStaff *s;
      DagFinding *f;
      guint gs;

      if (se->staff < 0 || (guint) se->staff >= ns || se->group < 0 || (guint) se->group >= ng ||
          se->slot < 0 || se->slot >= DAG_N_SLOTS)
        {
          if (cells == NULL)
            add (&c, DAG_RULE_PLAN_REFERENCE, DAG_SEVERITY_ERROR,
                 g_strdup_printf (_("Staffing entry %u refers to a staff member, group or dagdeel that does not exist"),
                                  e + 1));
          continue;
        }
      s = DAG_AT (org->staff, DagStaff, se->staff);
      gs = se->group * DAG_N_SLOTS + se->slot;
      if (cells != NULL && !cells[gs])
        {
          s_used[se->staff] |= DAG_SLOT_BIT (se->slot);
          continue;
        }
      if (!(s->available & DAG_SLOT_BIT (se->slot)))
        {
          f = add (&c, DAG_RULE_STAFF_UNAVAILABLE, DAG_SEVERITY_ERROR,
                   g_strdup_printf (_("Staff member %s works group %s on %s, when they are not available"),
                                    sname (&c, se->staff), gname (&c, se->group), dag_slot_label (se->slot)));
          f->staff = se->staff;
          f->group = se->group;
          f->slot = se->slot;
        }
      if (absent_days != NULL && (absent_days[se->staff] & (1u << DAG_SLOT_DAY (se->slot))))
        {
          char buf[DAG_DATE_BUF];

          f = add (&c, DAG_RULE_STAFF_ABSENT, DAG_SEVERITY_WARNING,
                   g_strdup_printf (_("Staff member %s is absent on %s (%s): group %s needs cover"),
                                    sname (&c, se->staff), dag_slot_label (se->slot),
                                    dag_date_format (week + DAG_SLOT_DAY (se->slot), buf),
                                    gname (&c, se->group)));
          f->staff = se->staff;
          f->group = se->group;
          f->slot = se->slot;
          f->date = week + DAG_SLOT_DAY (se->slot);
        }
      if (s_used[se->staff] & DAG_SLOT_BIT (se->slot))
        {
          f = add (&c, DAG_RULE_STAFF_DOUBLE, DAG_SEVERITY_ERROR,
                   g_strdup_printf (_("Staff member %s works more than one group on %s"),
                                    sname (&c, se->staff), dag_slot_label (se->slot)));
          f->staff = se->staff;
          f->group = se->group;
          f->slot = se->slot;
        }
      else
        s_slots[se->staff]++;
      s_used[se->staff] |= DAG_SLOT_BIT (se->slot);
      if (s->qualification == DAG_QUAL_HBO)
        gs_hbo[gs]++;
      else if (s->qualification == DAG_QUAL_MBO)
        gs_mbo[gs]++;
    }
  for (guint s = 0; cells == NULL && s < ns; s++)
    {
      const DagStaff *st = DAG_AT (org->staff, DagStaff, s);
      int max = dag_rules_staff_max_slots (&org->settings, st);
      if (s_slots[s] > max)
        {
          DagFinding *f = add (&c, DAG_RULE_STAFF_CONTRACT, DAG_SEVERITY_ERROR,
                               g_strdup_printf (_("Staff member %s works %d dagdelen a week; the contract of %d hours allows %d"),
                                                sname (&c, s), s_slots[s], st->contract_hours, max));
          f->staff = s;
        }
    }

  /* Group slots: capacity, staffing, and the week's holidays and closures. */
  for (guint g = 0; g < ng; g++)
    {
      const DagGroup *gr = DAG_AT (org->groups, DagGroup, g);
      for (int slot = 0; slot < DAG_N_SLOTS; slot++)
        {
          guint gs = g * DAG_N_SLOTS + slot;
          DagStaffNeed need;
          DagFinding *f;

          if (gs_count[gs] == 0 || (cells != NULL && !cells[gs]))
            continue;
          if ((int) gs_count[gs] > gr->capacity)
            {
              f = add (&c, DAG_RULE_GROUP_CAPACITY, DAG_SEVERITY_ERROR,
                       g_strdup_printf (_("Group %s has %u participants on %s; its capacity is %d"),
                                        gname (&c, g), gs_count[gs], dag_slot_label (slot), gr->capacity));
              f->group = g;
              f->slot = slot;
            }
          dag_rules_staff_need (unit, gs_load[gs], gs_count[gs], gs_high[gs], &need);
          if (gs_hbo[gs] + gs_mbo[gs] < need.total)
            {
              f = add (&c, DAG_RULE_STAFF_SHORTAGE, DAG_SEVERITY_ERROR,
                       g_strdup_printf (_("Group %s needs %d staff on %s and has %d"),
                                        gname (&c, g), need.total, dag_slot_label (slot), gs_hbo[gs] + gs_mbo[gs]));
              f->group = g;
              f->slot = slot;
            }
          if (need.total >= 2 && (gs_hbo[gs] == 0 || gs_mbo[gs] == 0))
            {
              f = add (&c, DAG_RULE_STAFF_DUO, DAG_SEVERITY_ERROR,
                       g_strdup_printf (_("Group %s needs %d staff on %s, so at least one HBO and one MBO staff member"),
                                        gname (&c, g), need.total, dag_slot_label (slot)));
              f->group = g;
              f->slot = slot;
            }
          if (gs_high[gs] && gs_hbo[gs] == 0)
            {
              f = add (&c, DAG_RULE_STAFF_HBO, DAG_SEVERITY_ERROR,
                       g_strdup_printf (_("Group %s has a participant of level %d or higher on %s and no HBO staff member"),
                                        gname (&c, g), org->settings.hbo_from_level, dag_slot_label (slot)));
              f->group = g;
              f->slot = slot;
            }
          if (week != DAG_DATE_NONE)
            {
              DagDate date = week + DAG_SLOT_DAY (slot);
              const char *name = NULL;
              char buf[DAG_DATE_BUF];

              if (dag_holiday_check (&org->settings, date, &name))
                {
                  f = add (&c, DAG_RULE_HOLIDAY, DAG_SEVERITY_WARNING,
                           g_strdup_printf (_("Group %s does not meet on %s (%s): %s"),
                                            gname (&c, g), dag_slot_label (slot), dag_date_format (date, buf), name));
                  f->group = g;
                  f->slot = slot;
                  f->date = date;
                }
              else if (gr->location >= 0 && (guint) gr->location < org->locations->len &&
                       dag_location_is_closed (DAG_AT (org->locations, DagLocation, gr->location), date))
                {
                  f = add (&c, DAG_RULE_CLOSURE, DAG_SEVERITY_WARNING,
                           g_strdup_printf (_("Group %s does not meet on %s (%s): the location is closed"),
                                            gname (&c, g), dag_slot_label (slot), dag_date_format (date, buf)));
                  f->group = g;
                  f->slot = slot;
                  f->date = date;
                }
            }
        }
    }

  g_array_sort (c.findings, compare_findings);
  g_string_chunk_free (c.names);
  return c.findings;
}

/* Whether any plan or staffing entry has a date. */
static gboolean
is_dated (const DagOrg *org)
{
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      if (e->from != DAG_DATE_NONE || e->until != DAG_DATE_NONE)
        return TRUE;
    }
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, i);
      if (e->from != DAG_DATE_NONE || e->until != DAG_DATE_NONE)
        return TRUE;
    }
  return FALSE;
}

/* The rules check the week plan of one week (this week without a week):
 * the entries of the dated plan that apply in it (dag_org_for_week). */
static DagOrg *
week_of (const DagOrg *org,
         DagDate       week)
{
  if (!is_dated (org))
    return NULL;
  return dag_org_for_week (org, week != DAG_DATE_NONE ? dag_rules_week_start (week)
                                                      : dag_rules_week_start (dag_date_today ()));
}

GArray *
dag_rules_check (const DagOrg *org,
                 DagDate       week)
{
  g_autoptr(DagOrg) week_org = week_of (org, week);

  return check (week_org != NULL ? week_org : org, week, NULL);
}

GArray *
dag_rules_check_cells (const DagOrg *org,
                       DagDate       week,
                       const int    *cells,
                       guint         n_cells)
{
  guint n = org->groups->len * DAG_N_SLOTS;
  g_autofree guint8 *flags = g_new0 (guint8, n + 1);

  g_autoptr(DagOrg) week_org = week_of (org, week);

  for (guint i = 0; i < n_cells; i++)
    if (cells[i] >= 0 && (guint) cells[i] < n)
      flags[cells[i]] = 1;
  return check (week_org != NULL ? week_org : org, week, flags);
}

guint
dag_rules_count_errors (GArray *findings)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (DAG_AT (findings, DagFinding, i)->severity == DAG_SEVERITY_ERROR)
      n++;
  return n;
}

GArray *
dag_rules_findings_new (void)
{
  GArray *findings = g_array_new (FALSE, FALSE, sizeof (DagFinding));

  g_array_set_clear_func (findings, clear_finding);
  return findings;
}

void
dag_rules_merge (GArray *findings,
                 GArray *more)
{
  g_return_if_fail (findings != NULL && more != NULL);

  if (more->len == 0)
    return;
  g_array_append_vals (findings, more->data, more->len);
  /* The messages now belong to findings. */
  for (guint i = 0; i < more->len; i++)
    DAG_AT (more, DagFinding, i)->message = NULL;
  g_array_set_size (more, 0);
  /* Stable (GLib ≥ 2.32): findings that compare equal keep their order. */
  g_array_sort (findings, compare_findings);
}
