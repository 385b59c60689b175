/* dag-org.c — the in-memory organisation snapshot: records, slot and date
 * helpers, and id lookups. */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "dag-org.h"

static const char *const day_names[DAG_N_DAYS] = { "mon", "tue", "wed", "thu", "fri", "sat" };
static const char *const part_names[DAG_N_PARTS] = { "am", "pm", "ev" };
static const char *const slot_names[DAG_N_SLOTS] = {
  "mon-am", "mon-pm", "mon-ev", "tue-am", "tue-pm", "tue-ev",
  "wed-am", "wed-pm", "wed-ev", "thu-am", "thu-pm", "thu-ev",
  "fri-am", "fri-pm", "fri-ev", "sat-am", "sat-pm", "sat-ev",
};

/* Finds text in names[0..n): its index in *index. */
static gboolean
parse_name (const char * const *names,
            int                 n,
            const char         *text,
            int                *index)
{
  for (int i = 0; text != NULL && i < n; i++)
    if (strcmp (text, names[i]) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
dag_day_parse (const char *text,
               int        *day)
{
  return parse_name (day_names, DAG_N_DAYS, text, day);
}

const char *
dag_day_name (int day)
{
  g_return_val_if_fail (day >= 0 && day < DAG_N_DAYS, NULL);
  return day_names[day];
}

gboolean
dag_part_parse (const char *text,
                int        *part)
{
  return parse_name (part_names, DAG_N_PARTS, text, part);
}

const char *
dag_part_name (int part)
{
  g_return_val_if_fail (part >= 0 && part < DAG_N_PARTS, NULL);
  return part_names[part];
}

gboolean
dag_slot_parse (const char *text,
                int        *slot)
{
  return parse_name (slot_names, DAG_N_SLOTS, text, slot);
}

const char *
dag_slot_name (int slot)
{
  g_return_val_if_fail (slot >= 0 && slot < DAG_N_SLOTS, NULL);
  return slot_names[slot];
}

const char *
dag_slot_label (int slot)
{
  static const char * const labels[DAG_N_SLOTS] = {
    N_("Monday morning"), N_("Monday afternoon"), N_("Monday evening"),
    N_("Tuesday morning"), N_("Tuesday afternoon"), N_("Tuesday evening"),
    N_("Wednesday morning"), N_("Wednesday afternoon"), N_("Wednesday evening"),
    N_("Thursday morning"), N_("Thursday afternoon"), N_("Thursday evening"),
    N_("Friday morning"), N_("Friday afternoon"), N_("Friday evening"),
    N_("Saturday morning"), N_("Saturday afternoon"), N_("Saturday evening"),
  };

  g_return_val_if_fail (slot >= 0 && slot < DAG_N_SLOTS, "");
  return _(labels[slot]);
}

char *
dag_slot_mask_to_string (DagSlotMask mask)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < DAG_N_SLOTS; i++)
    if (mask & DAG_SLOT_BIT (i))
      {
        if (s->len > 0)
          g_string_append_c (s, ',');
        g_string_append (s, slot_names[i]);
      }
  return g_string_free (s, FALSE);
}

/* ---- dates -------------------------------------------------------------- */

DagDate
dag_date_from_ymd (int year,
                   int month,
                   int day)
{
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year))
    return DAG_DATE_NONE;

  GDate d;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, month, year);
  return g_date_get_julian (&d);
}

void
dag_date_to_ymd (DagDate date,
                 int    *year,
                 int    *month,
                 int    *day)
{
  GDate d;

  g_return_if_fail (date != DAG_DATE_NONE);
  g_date_clear (&d, 1);
  g_date_set_julian (&d, date);
  if (year)
    *year = g_date_get_year (&d);
  if (month)
    *month = g_date_get_month (&d);
  if (day)
    *day = g_date_get_day (&d);
}

gboolean
dag_date_parse (const char *text,
                DagDate    *date)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[5] - '0') * 10 + (text[6] - '0');
  d = (text[8] - '0') * 10 + (text[9] - '0');
  *date = dag_date_from_ymd (y, m, d);
  return *date != DAG_DATE_NONE;
}

gboolean
dag_week_parse (const char *text,
                DagDate    *date)
{
  int year, week;
  DagDate jan4, monday, last;

  if (dag_date_parse (text, date))
    return TRUE;
  if (text == NULL || strlen (text) < 7 || strlen (text) > 8 || text[4] != '-' || text[5] != 'W')
    return FALSE;
  for (int i = 0; text[i]; i++)
    if (i != 4 && i != 5 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = atoi (text);
  week = atoi (text + 6);
  if (year < 2 || year > 9998 || week < 1)
    return FALSE;
  /* 4 January is always in week 1; 28 December always in the last week. */
  jan4 = dag_date_from_ymd (year, 1, 4);
  monday = jan4 - dag_date_weekday (jan4) + (week - 1) * 7;
  last = dag_date_from_ymd (year, 12, 28);
  if (monday > last)
    return FALSE;
  *date = monday;
  return TRUE;
}

const char *
dag_date_format (DagDate date,
                 char   *buf)
{
  int y, m, d;

  if (date == DAG_DATE_NONE)
    {
      buf[0] = '\0';
      return buf;
    }
  dag_date_to_ymd (date, &y, &m, &d);
  g_snprintf (buf, DAG_DATE_BUF, "%04d-%02d-%02d", y, m, d);
  return buf;
}

int
dag_date_weekday (DagDate date)
{
  /* Julian day 1 (0001-01-01) was a Monday. */
  return (int) ((date - 1) % 7);
}

int
dag_date_days_in_month (int year,
                        int month)
{
  return g_date_get_days_in_month (month, year);
}

DagDate
dag_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *fixed = g_getenv ("DAGRITME_TODAY");
  DagDate date;

  /* A fixed "today" for tests and demonstrations of a past month. */
  if (fixed != NULL && dag_date_parse (fixed, &date))
    return date;

  return dag_date_from_ymd (g_date_time_get_year (now),
                            g_date_time_get_month (now),
                            g_date_time_get_day_of_month (now));
}

gboolean
dag_time_parse (const char *text,
                int        *minutes)
{
  int h, m;

  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  h = (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 23 || m > 59)
    return FALSE;
  *minutes = h * 60 + m;
  return TRUE;
}

const char *
dag_time_format (int   minutes,
                 char *buf)
{
  g_snprintf (buf, 6, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
  return buf;
}

/* ---- records ------------------------------------------------------------ */

static void
clear_level (gpointer p)
{
  DagLevel *l = p;
  g_free (l->name);
}

static void
clear_municipality (gpointer p)
{
  DagMunicipality *m = p;
  g_free (m->code);
  g_free (m->name);
}

static void
clear_product (gpointer p)
{
  DagProduct *pr = p;
  g_free (pr->product);
  g_free (pr->code);
  g_free (pr->name);
  g_free (pr->unit);
  g_clear_pointer (&pr->staffel, g_array_unref);
}

static void
clear_contract (gpointer p)
{
  DagContract *c = p;
  g_free (c->id);
  g_clear_pointer (&c->products, g_array_unref);
}

static void
clear_location (gpointer p)
{
  DagLocation *l = p;
  g_free (l->id);
  g_free (l->name);
  g_free (l->address);
  g_clear_pointer (&l->closures, g_array_unref);
}

static void
clear_group (gpointer p)
{
  DagGroup *g = p;
  g_free (g->id);
  g_free (g->name);
  g_clear_pointer (&g->products, g_ptr_array_unref);
}

static void
clear_staff (gpointer p)
{
  DagStaff *s = p;
  g_free (s->id);
  g_free (s->name);
  g_free (s->email);
}

static void
clear_vehicle (gpointer p)
{
  DagVehicle *v = p;
  g_free (v->id);
  g_free (v->name);
}

static void
clear_participant (gpointer p)
{
  DagParticipant *pa = p;
  g_free (pa->id);
  g_free (pa->name);
  g_free (pa->bsn);
  g_free (pa->address);
}

static void
clear_indication (gpointer p)
{
  DagIndication *i = p;
  g_free (i->id);
  g_free (i->allocation_number);
}

static void
clear_absence (gpointer p)
{
  DagAbsence *a = p;
  g_free (a->reason);
}

static void
clear_one_off (gpointer p)
{
  DagOneOff *c = p;
  g_free (c->reason);
}

static void
clear_staff_absence (gpointer p)
{
  DagStaffAbsence *a = p;
  g_free (a->reason);
}

static void
clear_attendance (gpointer p)
{
  DagAttendance *a = p;
  g_free (a->reason);
}

static void
clear_run (gpointer p)
{
  DagRun *r = p;
  g_free (r->id);
  g_clear_pointer (&r->stops, g_array_unref);
}

static void
clear_declaration_line (gpointer p)
{
  DagDeclarationLine *l = p;
  g_free (l->reference);
  g_free (l->product_code);
  g_free (l->corrects);
  g_free (l->response_code);
}

static void
clear_declaration (gpointer p)
{
  DagDeclaration *d = p;
  g_free (d->number);
  g_clear_pointer (&d->lines, g_array_unref);
}

static GArray *
new_array (gsize          size,
           GDestroyNotify clear)
{
  GArray *a = g_array_new (FALSE, TRUE, size);

  if (clear)
    g_array_set_clear_func (a, clear);
  return a;
}

void
dag_settings_reset (DagSettings *settings)
{
  static const struct { int level; const char *name; int ratio; } levels[] = {
    { 1, "licht", 8 }, { 2, "midden", 6 }, { 3, "zwaar", 5 }, { 4, "intensief", 3 },
  };

  settings->slot_minutes = 240;
  settings->max_ride_minutes = 30;
  settings->ride_factor = 0;
  settings->ride_extra_minutes = 0;
  settings->boarding_minutes = 0;
  settings->boarding_wheelchair_minutes = 0;
  settings->early_arrival_minutes = 30;
  settings->road_factor = 1.3;
  settings->speed_kmh = 40;
  settings->hbo_from_level = 3;
  settings->min_unit_fraction = 0.75;
  settings->holiday_good_friday = FALSE;
  settings->holiday_liberation_day = FALSE;

  if (settings->levels == NULL)
    settings->levels = new_array (sizeof (DagLevel), clear_level);
  g_array_set_size (settings->levels, 0);
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      DagLevel l = { levels[i].level, g_strdup (levels[i].name), levels[i].ratio };
      g_array_append_val (settings->levels, l);
    }
}

DagOrg *
dag_org_new (void)
{
  DagOrg *org = g_new0 (DagOrg, 1);

  org->name = g_strdup ("");
  org->agb_code = g_strdup ("");
  dag_settings_reset (&org->settings);
  org->municipalities = new_array (sizeof (DagMunicipality), clear_municipality);
  org->contracts = new_array (sizeof (DagContract), clear_contract);
  org->locations = new_array (sizeof (DagLocation), clear_location);
  org->groups = new_array (sizeof (DagGroup), clear_group);
  org->staff = new_array (sizeof (DagStaff), clear_staff);
  org->vehicles = new_array (sizeof (DagVehicle), clear_vehicle);
  org->participants = new_array (sizeof (DagParticipant), clear_participant);
  org->indications = new_array (sizeof (DagIndication), clear_indication);
  org->plan = new_array (sizeof (DagPlanEntry), NULL);
  org->staffing = new_array (sizeof (DagStaffing), NULL);
  org->absences = new_array (sizeof (DagAbsence), clear_absence);
  org->one_offs = new_array (sizeof (DagOneOff), clear_one_off);
  org->staff_absences = new_array (sizeof (DagStaffAbsence), clear_staff_absence);
  org->attendance = new_array (sizeof (DagAttendance), clear_attendance);
  org->runs = new_array (sizeof (DagRun), clear_run);
  org->declarations = new_array (sizeof (DagDeclaration), clear_declaration);
  return org;
}

void
dag_org_free (DagOrg *org)
{
  if (org == NULL)
    return;

  g_free (org->name);
  g_free (org->agb_code);
  g_clear_pointer (&org->settings.levels, g_array_unref);
  g_array_unref (org->municipalities);
  g_array_unref (org->contracts);
  g_array_unref (org->locations);
  g_array_unref (org->groups);
  g_array_unref (org->staff);
  g_array_unref (org->vehicles);
  g_array_unref (org->participants);
  g_array_unref (org->indications);
  g_array_unref (org->plan);
  g_array_unref (org->staffing);
  g_array_unref (org->absences);
  g_array_unref (org->one_offs);
  g_array_unref (org->staff_absences);
  g_array_unref (org->attendance);
  g_array_unref (org->runs);
  g_array_unref (org->declarations);
  dag_org_invalidate_index (org);
  g_free (org);
}

DagOrg *
dag_org_for_week (const DagOrg *org,
                  DagDate       monday)
{
  DagOrg *week = g_new0 (DagOrg, 1);
  DagDate sunday = monday + 6;

  week->name = g_strdup (org->name);
  week->agb_code = g_strdup (org->agb_code);
  week->settings = org->settings;
  week->settings.levels = g_array_ref (org->settings.levels);
  week->municipalities = g_array_ref (org->municipalities);
  week->contracts = g_array_ref (org->contracts);
  week->locations = g_array_ref (org->locations);
  week->groups = g_array_ref (org->groups);
  week->staff = g_array_ref (org->staff);
  week->vehicles = g_array_ref (org->vehicles);
  week->participants = g_array_ref (org->participants);
  week->indications = g_array_ref (org->indications);
  week->absences = g_array_ref (org->absences);
  week->one_offs = g_array_ref (org->one_offs);
  week->staff_absences = g_array_ref (org->staff_absences);
  week->attendance = g_array_ref (org->attendance);
  week->runs = g_array_ref (org->runs);
  week->declarations = g_array_ref (org->declarations);
  week->plan = new_array (sizeof (DagPlanEntry), NULL);
  week->staffing = new_array (sizeof (DagStaffing), NULL);
  /* Entries start on a Monday and end on a Sunday, so one that applies on
   * any day of the week applies on all of them; testing the whole range
   * keeps hand-made mid-week dates from disappearing. */
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      if ((e->from == DAG_DATE_NONE || e->from <= sunday) &&
          (e->until == DAG_DATE_NONE || e->until >= monday))
        g_array_append_val (week->plan, *e);
    }
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, i);
      if ((e->from == DAG_DATE_NONE || e->from <= sunday) &&
          (e->until == DAG_DATE_NONE || e->until >= monday))
        g_array_append_val (week->staffing, *e);
    }
  return week;
}

void
dag_org_invalidate_index (DagOrg *org)
{
  for (int k = 0; k < DAG_N_KINDS; k++)
    g_clear_pointer (&org->index[k], g_hash_table_unref);
}

static const char *
record_id (DagOrg *org,
           DagKind kind,
           guint   i)
{
  switch (kind)
    {
    case DAG_KIND_MUNICIPALITY: return DAG_AT (org->municipalities, DagMunicipality, i)->code;
    case DAG_KIND_CONTRACT:     return DAG_AT (org->contracts, DagContract, i)->id;
    case DAG_KIND_LOCATION:     return DAG_AT (org->locations, DagLocation, i)->id;
    case DAG_KIND_GROUP:        return DAG_AT (org->groups, DagGroup, i)->id;
    case DAG_KIND_STAFF:        return DAG_AT (org->staff, DagStaff, i)->id;
    case DAG_KIND_VEHICLE:      return DAG_AT (org->vehicles, DagVehicle, i)->id;
    case DAG_KIND_PARTICIPANT:  return DAG_AT (org->participants, DagParticipant, i)->id;
    case DAG_KIND_INDICATION:   return DAG_AT (org->indications, DagIndication, i)->id;
    case DAG_KIND_RUN:          return DAG_AT (org->runs, DagRun, i)->id;
    case DAG_N_KINDS:
    default:                    g_assert_not_reached ();
    }
}

static guint
kind_len (DagOrg *org,
          DagKind kind)
{
  GArray *arrays[DAG_N_KINDS] = {
    org->municipalities, org->contracts, org->locations, org->groups, org->staff,
    org->vehicles, org->participants, org->indications, org->runs,
  };
  return arrays[kind]->len;
}

int
dag_org_lookup (DagOrg     *org,
                DagKind     kind,
                const char *id)
{
  gpointer value;

  g_return_val_if_fail (kind < DAG_N_KINDS, -1);
  if (id == NULL)
    return -1;

  if (org->index[kind] == NULL)
    {
      guint n = kind_len (org, kind);

      org->index[kind] = g_hash_table_new (g_str_hash, g_str_equal);
      /* The first record with an id wins, so duplicates stay detectable. */
      for (guint i = 0; i < n; i++)
        {
          const char *rid = record_id (org, kind, i);
          if (rid != NULL && !g_hash_table_contains (org->index[kind], rid))
            g_hash_table_insert (org->index[kind], (gpointer) rid, GUINT_TO_POINTER (i + 1));
        }
    }

  value = g_hash_table_lookup (org->index[kind], id);
  return value ? (int) GPOINTER_TO_UINT (value) - 1 : -1;
}

const DagLevel *
dag_org_find_level (const DagOrg *org,
                    int           level)
{
  GArray *levels = org->settings.levels;

  for (guint i = 0; i < levels->len; i++)
    if (DAG_AT (levels, DagLevel, i)->level == level)
      return DAG_AT (levels, DagLevel, i);
  return NULL;
}

int
dag_org_level_ratio (const DagOrg *org,
                     int           level)
{
  const DagLevel *l = dag_org_find_level (org, level);
  return l ? l->ratio : 0;
}

DagContract *
dag_org_add_contract (DagOrg *org)
{
  DagContract c = { 0 };

  c.products = new_array (sizeof (DagProduct), clear_product);
  g_array_append_val (org->contracts, c);
  return DAG_AT (org->contracts, DagContract, org->contracts->len - 1);
}

DagProduct *
dag_contract_add_product (DagContract *contract)
{
  DagProduct p = { 0 };

  p.staffel = new_array (sizeof (DagStaffel), NULL);
  g_array_append_val (contract->products, p);
  return DAG_AT (contract->products, DagProduct, contract->products->len - 1);
}

DagLocation *
dag_org_add_location (DagOrg *org)
{
  DagLocation l = { 0 };

  l.closures = new_array (sizeof (DagDate), NULL);
  g_array_append_val (org->locations, l);
  return DAG_AT (org->locations, DagLocation, org->locations->len - 1);
}

DagGroup *
dag_org_add_group (DagOrg *org)
{
  DagGroup g = { 0 };

  g.products = g_ptr_array_new_with_free_func (g_free);
  g_array_append_val (org->groups, g);
  return DAG_AT (org->groups, DagGroup, org->groups->len - 1);
}

DagRun *
dag_org_add_run (DagOrg *org)
{
  DagRun r = { 0 };

  r.driver = -1;
  r.stops = new_array (sizeof (DagStop), NULL);
  g_array_append_val (org->runs, r);
  return DAG_AT (org->runs, DagRun, org->runs->len - 1);
}

DagDeclaration *
dag_org_add_declaration (DagOrg *org)
{
  DagDeclaration d = { 0 };

  d.municipality = -1;
  d.lines = new_array (sizeof (DagDeclarationLine), clear_declaration_line);
  g_array_append_val (org->declarations, d);
  return DAG_AT (org->declarations, DagDeclaration, org->declarations->len - 1);
}

gboolean
dag_org_month_declared (const DagOrg *org,
                        DagDate       date)
{
  int year, month;
  DagDate first;

  g_return_val_if_fail (org != NULL, FALSE);

  if (date == DAG_DATE_NONE || org->declarations->len == 0)
    return FALSE;
  dag_date_to_ymd (date, &year, &month, NULL);
  first = dag_date_from_ymd (year, month, 1);
  for (guint i = 0; i < org->declarations->len; i++)
    {
      const DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);

      if (d->month == first && d->sent != DAG_DATE_NONE)
        return TRUE;
    }
  return FALSE;
}

gboolean
dag_location_is_closed (const DagLocation *location,
                        DagDate            date)
{
  GArray *c = location->closures;
  guint lo = 0, hi = c->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      DagDate v = g_array_index (c, DagDate, mid);

      if (v == date)
        return TRUE;
      if (v < date)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

void
dag_org_remap_products (DagOrg            *org,
                        int                contract,
                        const DagContract *old)
{
  const DagContract *c;

  g_return_if_fail (org != NULL && old != NULL);
  g_return_if_fail (contract >= 0 && (guint) contract < org->contracts->len);

  c = DAG_AT (org->contracts, DagContract, contract);
  for (guint i = 0; i < org->indications->len; i++)
    {
      DagIndication *ind = DAG_AT (org->indications, DagIndication, i);
      const char *name;

      if (ind->contract != contract || ind->product < 0 || (guint) ind->product >= old->products->len)
        continue;
      name = DAG_AT (old->products, DagProduct, ind->product)->product;
      for (guint k = 0; k < c->products->len; k++)
        if (g_strcmp0 (DAG_AT (c->products, DagProduct, k)->product, name) == 0)
          {
            ind->product = k;
            break;
          }
    }
}
