/* dag-org-export.c — writes a DagOrg as the organisation file of
 * INTERFACES.md §1.
 *
 * The text is written directly rather than through JsonGenerator: the
 * generator prints doubles with %.17g (1.3 becomes 1.3000000000000000444),
 * cannot keep short lists such as slots on one line, and a 20,000
 * participant organisation would first be built as a tree of nodes.  The
 * importer (json-glib) is what checks that the result is valid JSON. */

#include "config.h"

#include <string.h>

#include "dag-org-export.h"

typedef struct {
  GString *s;
  int      depth;
  gboolean first;   /* nothing written yet in the open object or array */
  gboolean flat;    /* the open object is written on one line */
} Writer;

static void
append_string (GString    *s,
               const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (s, '"');
  for (p = text; *p; p++)
    {
      unsigned char c = (unsigned char) *p;
      const char *escape = NULL;
      char buf[8];

      switch (c)
        {
        case '"':  escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          if (c < 0x20)
            {
              g_snprintf (buf, sizeof buf, "\\u%04x", c);
              escape = buf;
            }
          break;
        }
      if (escape)
        {
          g_string_append_len (s, run, p - run);
          g_string_append (s, escape);
          run = p + 1;
        }
    }
  g_string_append_len (s, run, p - run);
  g_string_append_c (s, '"');
}

const char *
dag_export_format_double (double value,
                          char  *buf)
{
  /* The shortest precision that reads back as the same double. */
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return buf;
}

/* Starts a member ("key": …) or, with key NULL, an array element. */
static void
w_member (Writer     *w,
          const char *key)
{
  if (w->flat)
    g_string_append (w->s, w->first ? " " : ", ");
  else
    {
      if (!w->first)
        g_string_append_c (w->s, ',');
      g_string_append_c (w->s, '\n');
      for (int i = 0; i < w->depth; i++)
        g_string_append (w->s, "  ");
    }
  if (key)
    {
      append_string (w->s, key);
      g_string_append (w->s, ": ");
    }
  w->first = FALSE;
}

static void
w_open (Writer     *w,
        const char *key,
        char        bracket)
{
  if (w->depth > 0)
    w_member (w, key);
  g_string_append_c (w->s, bracket);
  w->depth++;
  w->first = TRUE;
}

static void
w_close (Writer *w,
         char    bracket)
{
  w->depth--;
  if (!w->first)
    {
      g_string_append_c (w->s, '\n');
      for (int i = 0; i < w->depth; i++)
        g_string_append (w->s, "  ");
    }
  g_string_append_c (w->s, bracket);
  w->first = FALSE;
}

/* An object of scalars and short lists, on one line as in INTERFACES.md:
 * { "participant": "P1", "group": "G1", "slot": "mon-am" }.  The many
 * small records (plan, attendance) stay readable and the file small. */
static void
w_open_flat (Writer     *w,
             const char *key)
{
  w_member (w, key);
  g_string_append_c (w->s, '{');
  w->first = TRUE;
  w->flat = TRUE;
}

static void
w_close_flat (Writer *w)
{
  g_string_append (w->s, w->first ? "}" : " }");
  w->first = FALSE;
  w->flat = FALSE;
}

static void
w_string (Writer     *w,
          const char *key,
          const char *value)
{
  w_member (w, key);
  if (value)
    append_string (w->s, value);
  else
    g_string_append (w->s, "null");
}

static void
w_int (Writer     *w,
       const char *key,
       gint64      value)
{
  w_member (w, key);
  g_string_append_printf (w->s, "%" G_GINT64_FORMAT, value);
}

static void
w_double (Writer     *w,
          const char *key,
          double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  w_member (w, key);
  g_string_append (w->s, dag_export_format_double (value, buf));
}

static void
w_bool (Writer     *w,
        const char *key,
        gboolean    value)
{
  w_member (w, key);
  g_string_append (w->s, value ? "true" : "false");
}

static void
w_date (Writer     *w,
        const char *key,
        DagDate     date)
{
  char buf[DAG_DATE_BUF];

  w_string (w, key, dag_date_format (date, buf));
}

static void
w_time (Writer     *w,
        const char *key,
        int         minutes)
{
  char buf[6];

  w_string (w, key, dag_time_format (minutes, buf));
}

/* Short lists of strings stay on one line: ["mon-am", "mon-pm"]. */
static void
w_inline_list (Writer            *w,
               const char        *key,
               const char *const *items,
               guint              n)
{
  w_member (w, key);
  g_string_append_c (w->s, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (w->s, ", ");
      append_string (w->s, items[i]);
    }
  g_string_append_c (w->s, ']');
}

static void
w_slots (Writer      *w,
         const char  *key,
         DagSlotMask  mask)
{
  const char *names[DAG_N_SLOTS];
  guint n = 0;

  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    if (mask & DAG_SLOT_BIT (slot))
      names[n++] = dag_slot_name (slot);
  w_inline_list (w, key, names, n);
}

static void
w_days (Writer     *w,
        const char *key,
        guint8      days)
{
  const char *names[DAG_N_DAYS];
  guint n = 0;

  for (int day = 0; day < DAG_N_DAYS; day++)
    if (days & (1u << day))
      names[n++] = dag_day_name (day);
  w_inline_list (w, key, names, n);
}

/* ---- sections ----------------------------------------------------------- */

static void
write_settings (Writer            *w,
                const DagSettings *s)
{
  w_open (w, "settings", '{');
  w_int (w, "slot_minutes", s->slot_minutes);
  w_int (w, "max_ride_minutes", s->max_ride_minutes);
  w_int (w, "early_arrival_minutes", s->early_arrival_minutes);
  w_double (w, "road_factor", s->road_factor);
  w_double (w, "speed_kmh", s->speed_kmh);
  w_int (w, "hbo_from_level", s->hbo_from_level);
  w_double (w, "min_unit_fraction", s->min_unit_fraction);
  if (s->holiday_good_friday)
    w_bool (w, "holiday_good_friday", TRUE);
  if (s->holiday_liberation_day)
    w_bool (w, "holiday_liberation_day", TRUE);
  /* Only what differs from the default, so files from before these
   * settings come back byte for byte. */
  if (s->ride_factor > 0)
    w_double (w, "ride_factor", s->ride_factor);
  if (s->ride_extra_minutes != 0)
    w_int (w, "ride_extra_minutes", s->ride_extra_minutes);
  if (s->boarding_minutes != 0)
    w_int (w, "boarding_minutes", s->boarding_minutes);
  if (s->boarding_wheelchair_minutes != 0)
    w_int (w, "boarding_wheelchair_minutes", s->boarding_wheelchair_minutes);
  w_open (w, "levels", '[');
  for (guint i = 0; i < s->levels->len; i++)
    {
      const DagLevel *l = DAG_AT (s->levels, DagLevel, i);

      w_open_flat (w, NULL);
      w_int (w, "level", l->level);
      w_string (w, "name", l->name);
      w_int (w, "ratio", l->ratio);
      w_close_flat (w);
    }
  w_close (w, ']');
  w_close (w, '}');
}

static void
write_contracts (Writer       *w,
                 const DagOrg *org)
{
  w_open (w, "contracts", '[');
  for (guint i = 0; i < org->contracts->len; i++)
    {
      const DagContract *c = DAG_AT (org->contracts, DagContract, i);

      w_open (w, NULL, '{');
      w_string (w, "id", c->id);
      w_string (w, "municipality", DAG_AT (org->municipalities, DagMunicipality, c->municipality)->code);
      w_bool (w, "noshow_billable", c->noshow_billable);
      w_open (w, "products", '[');
      for (guint j = 0; j < c->products->len; j++)
        {
          const DagProduct *p = DAG_AT (c->products, DagProduct, j);

          w_open (w, NULL, '{');
          w_string (w, "product", p->product);
          w_string (w, "code", p->code);
          w_string (w, "name", p->name);
          w_string (w, "unit", p->unit);
          w_int (w, "tariff_cents", p->tariff_cents);
          if (p->category[0] != '\0')
            w_string (w, "category", p->category);
          if (p->unit_code[0] != '\0')
            w_string (w, "unit_code", p->unit_code);
          if (p->staffel && p->staffel->len > 0)
            {
              w_open (w, "staffel", '[');
              for (guint k = 0; k < p->staffel->len; k++)
                {
                  const DagStaffel *st = DAG_AT (p->staffel, DagStaffel, k);

                  w_open_flat (w, NULL);
                  w_int (w, "from_unit", st->from_unit);
                  w_int (w, "tariff_cents", st->tariff_cents);
                  if (st->code[0] != '\0')
                    w_string (w, "code", st->code);
                  w_close_flat (w);
                }
              w_close (w, ']');
            }
          w_close (w, '}');
        }
      w_close (w, ']');
      w_close (w, '}');
    }
  w_close (w, ']');
}

static void
write_locations (Writer       *w,
                 const DagOrg *org)
{
  w_open (w, "locations", '[');
  for (guint i = 0; i < org->locations->len; i++)
    {
      const DagLocation *l = DAG_AT (org->locations, DagLocation, i);
      g_autofree const char **closures = g_new0 (const char *, l->closures->len + 1);
      g_autofree char *dates = g_new0 (char, (gsize) l->closures->len * DAG_DATE_BUF + 1);

      w_open (w, NULL, '{');
      w_string (w, "id", l->id);
      w_string (w, "name", l->name);
      w_string (w, "address", l->address);
      w_double (w, "lat", l->lat);
      w_double (w, "lon", l->lon);
      w_open (w, "slots", '{');
      for (int part = 0; part < DAG_N_PARTS; part++)
        if (l->has_part[part])
          {
            char start[6], end[6];
            const char *pair[2] = { dag_time_format (l->part_start[part], start),
                                    dag_time_format (l->part_end[part], end) };

            w_inline_list (w, dag_part_name (part), pair, 2);
          }
      w_close (w, '}');
      for (guint j = 0; j < l->closures->len; j++)
        closures[j] = dag_date_format (g_array_index (l->closures, DagDate, j), dates + j * DAG_DATE_BUF);
      w_inline_list (w, "closures", closures, l->closures->len);
      w_close (w, '}');
    }
  w_close (w, ']');
}

static void
write_groups (Writer       *w,
              const DagOrg *org)
{
  w_open (w, "groups", '[');
  for (guint i = 0; i < org->groups->len; i++)
    {
      const DagGroup *g = DAG_AT (org->groups, DagGroup, i);

      w_open (w, NULL, '{');
      w_string (w, "id", g->id);
      w_string (w, "location", DAG_AT (org->locations, DagLocation, g->location)->id);
      w_string (w, "name", g->name);
      w_inline_list (w, "products", (const char *const *) g->products->pdata, g->products->len);
      w_int (w, "min_level", g->min_level);
      w_int (w, "max_level", g->max_level);
      w_int (w, "capacity", g->capacity);
      w_slots (w, "slots", g->slots);
      w_close (w, '}');
    }
  w_close (w, ']');
}

static void
write_staff (Writer       *w,
             const DagOrg *org)
{
  static const char *const qualifications[] = { "HBO", "MBO", "volunteer" };

  w_open (w, "staff", '[');
  for (guint i = 0; i < org->staff->len; i++)
    {
      const DagStaff *s = DAG_AT (org->staff, DagStaff, i);

      w_open (w, NULL, '{');
      w_string (w, "id", s->id);
      w_string (w, "name", s->name);
      w_string (w, "qualification", qualifications[s->qualification]);
      w_int (w, "contract_hours", s->contract_hours);
      w_slots (w, "available", s->available);
      w_bool (w, "driver", s->driver);
      if (s->email)
        w_string (w, "email", s->email);
      w_close (w, '}');
    }
  w_close (w, ']');
}

static void
write_vehicles (Writer       *w,
                const DagOrg *org)
{
  w_open (w, "vehicles", '[');
  for (guint i = 0; i < org->vehicles->len; i++)
    {
      const DagVehicle *v = DAG_AT (org->vehicles, DagVehicle, i);

      w_open (w, NULL, '{');
      w_string (w, "id", v->id);
      w_string (w, "name", v->name);
      w_int (w, "seats", v->seats);
      w_int (w, "wheelchair_places", v->wheelchair_places);
      w_string (w, "location", DAG_AT (org->locations, DagLocation, v->location)->id);
      w_int (w, "cost_per_km_cents", v->cost_per_km_cents);
      /* 0 is no limit: from the day's start, until its end ("24:00"). */
      if (v->available_from != 0 || v->available_until != 0)
        {
          char from[6], until[6];
          const char *pair[2] = { dag_time_format (v->available_from, from),
                                  v->available_until != 0 ? dag_time_format (v->available_until, until)
                                                          : "24:00" };

          w_inline_list (w, "hours", pair, 2);
        }
      w_close (w, '}');
    }
  w_close (w, ']');
}

static void
write_participants (Writer       *w,
                    const DagOrg *org)
{
  w_open (w, "participants", '[');
  for (guint i = 0; i < org->participants->len; i++)
    {
      const DagParticipant *p = DAG_AT (org->participants, DagParticipant, i);

      w_open (w, NULL, '{');
      w_string (w, "id", p->id);
      w_string (w, "name", p->name);
      w_date (w, "birth_date", p->birth_date);
      w_string (w, "bsn", p->bsn);
      w_string (w, "address", p->address);
      if (p->has_coords)
        {
          w_double (w, "lat", p->lat);
          w_double (w, "lon", p->lon);
        }
      w_string (w, "municipality", DAG_AT (org->municipalities, DagMunicipality, p->municipality)->code);
      w_string (w, "transport", p->transport == DAG_TRANSPORT_BUS ? "bus" : "own");
      w_bool (w, "wheelchair", p->wheelchair);
      w_slots (w, "unavailable", p->unavailable);
      w_days (w, "preferred_days", p->preferred_days);
      w_close (w, '}');
    }
  w_close (w, ']');
}

static void
write_indications (Writer       *w,
                   const DagOrg *org)
{
  static const char *const pers[] = { "week", "month", "period" };

  w_open (w, "indications", '[');
  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);
      const DagContract *c = DAG_AT (org->contracts, DagContract, ind->contract);

      w_open (w, NULL, '{');
      w_string (w, "id", ind->id);
      w_string (w, "participant", DAG_AT (org->participants, DagParticipant, ind->participant)->id);
      w_string (w, "contract", c->id);
      w_string (w, "product", DAG_AT (c->products, DagProduct, ind->product)->product);
      w_int (w, "level", ind->level);
      w_string (w, "allocation_number", ind->allocation_number);
      w_date (w, "start", ind->start);
      w_date (w, "end", ind->end);
      w_open_flat (w, "volume");
      w_int (w, "units", ind->units);
      w_string (w, "per", pers[ind->per]);
      if (ind->min_units >= 0)
        w_int (w, "min_units", ind->min_units);
      w_close_flat (w);
      w_close (w, '}');
    }
  w_close (w, ']');
}

/* The optional dates of a plan or staffing entry: absent means open. */
static void
w_dates (Writer *w,
         DagDate from,
         DagDate until)
{
  if (from != DAG_DATE_NONE)
    w_date (w, "from", from);
  if (until != DAG_DATE_NONE)
    w_date (w, "until", until);
}

static void
write_week (Writer       *w,
            const DagOrg *org)
{
  w_open (w, "plan", '[');
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);

      w_open_flat (w, NULL);
      w_string (w, "participant", DAG_AT (org->participants, DagParticipant, e->participant)->id);
      w_string (w, "group", DAG_AT (org->groups, DagGroup, e->group)->id);
      w_string (w, "slot", dag_slot_name (e->slot));
      w_dates (w, e->from, e->until);
      w_close_flat (w);
    }
  w_close (w, ']');

  w_open (w, "staffing", '[');
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, i);

      w_open_flat (w, NULL);
      w_string (w, "staff", DAG_AT (org->staff, DagStaff, e->staff)->id);
      w_string (w, "group", DAG_AT (org->groups, DagGroup, e->group)->id);
      w_string (w, "slot", dag_slot_name (e->slot));
      w_dates (w, e->from, e->until);
      w_close_flat (w);
    }
  w_close (w, ']');
}

static void
write_absences (Writer       *w,
                const DagOrg *org)
{
  w_open (w, "absences", '[');
  for (guint i = 0; i < org->absences->len; i++)
    {
      const DagAbsence *a = DAG_AT (org->absences, DagAbsence, i);

      w_open_flat (w, NULL);
      w_string (w, "participant", DAG_AT (org->participants, DagParticipant, a->participant)->id);
      w_date (w, "from", a->from);
      w_date (w, "to", a->to);
      if (a->reason)
        w_string (w, "reason", a->reason);
      w_close_flat (w);
    }
  w_close (w, ']');
}

/* Staff absences and one-off changes: written only when there are any,
 * so a file without them exports as it was imported. */
static void
write_staff_absences (Writer       *w,
                      const DagOrg *org)
{
  if (org->staff_absences->len == 0)
    return;
  w_open (w, "staff_absences", '[');
  for (guint i = 0; i < org->staff_absences->len; i++)
    {
      const DagStaffAbsence *a = DAG_AT (org->staff_absences, DagStaffAbsence, i);

      w_open_flat (w, NULL);
      w_string (w, "staff", DAG_AT (org->staff, DagStaff, a->staff)->id);
      w_date (w, "from", a->from);
      w_date (w, "to", a->to);
      if (a->reason)
        w_string (w, "reason", a->reason);
      w_close_flat (w);
    }
  w_close (w, ']');
}

static void
write_one_offs (Writer       *w,
                const DagOrg *org)
{
  if (org->one_offs->len == 0)
    return;
  w_open (w, "changes", '[');
  for (guint i = 0; i < org->one_offs->len; i++)
    {
      const DagOneOff *c = DAG_AT (org->one_offs, DagOneOff, i);

      w_open_flat (w, NULL);
      if (c->participant >= 0)
        w_string (w, "participant", DAG_AT (org->participants, DagParticipant, c->participant)->id);
      else
        w_string (w, "staff", DAG_AT (org->staff, DagStaff, c->staff)->id);
      w_date (w, "date", c->date);
      w_string (w, "slot", dag_part_name (c->part));
      w_string (w, "change", c->kind == DAG_ONE_OFF_ADD ? "add" : "cancel");
      if (c->group >= 0)
        w_string (w, "group", DAG_AT (org->groups, DagGroup, c->group)->id);
      if (c->reason)
        w_string (w, "reason", c->reason);
      w_close_flat (w);
    }
  w_close (w, ']');
}

static void
write_attendance (Writer       *w,
                  const DagOrg *org)
{
  static const char *const statuses[] = { "present", "cancelled", "no_show" };

  w_open (w, "attendance", '[');
  for (guint i = 0; i < org->attendance->len; i++)
    {
      const DagAttendance *a = DAG_AT (org->attendance, DagAttendance, i);

      w_open_flat (w, NULL);
      w_string (w, "participant", DAG_AT (org->participants, DagParticipant, a->participant)->id);
      w_date (w, "date", a->date);
      w_string (w, "slot", dag_part_name (a->part));
      w_string (w, "status", statuses[a->status]);
      if (a->minutes >= 0)
        w_double (w, "hours", a->minutes / 60.0);
      if (a->reason)
        w_string (w, "reason", a->reason);
      w_close_flat (w);
    }
  w_close (w, ']');
}

static void
write_runs (Writer       *w,
            const DagOrg *org)
{
  w_open (w, "runs", '[');
  for (guint i = 0; i < org->runs->len; i++)
    {
      const DagRun *r = DAG_AT (org->runs, DagRun, i);

      w_open (w, NULL, '{');
      w_string (w, "id", r->id);
      w_date (w, "date", r->date);
      w_string (w, "vehicle", DAG_AT (org->vehicles, DagVehicle, r->vehicle)->id);
      w_string (w, "driver", r->driver >= 0 ? DAG_AT (org->staff, DagStaff, r->driver)->id : NULL);
      w_string (w, "location", DAG_AT (org->locations, DagLocation, r->location)->id);
      w_string (w, "direction", r->direction == DAG_DIRECTION_FROM ? "from" : "to");
      w_open (w, "stops", '[');
      for (guint j = 0; j < r->stops->len; j++)
        {
          const DagStop *stop = DAG_AT (r->stops, DagStop, j);

          w_open_flat (w, NULL);
          w_string (w, "participant", DAG_AT (org->participants, DagParticipant, stop->participant)->id);
          w_time (w, "time", stop->time);
          w_close_flat (w);
        }
      w_close (w, ']');
      w_time (w, r->direction == DAG_DIRECTION_FROM ? "depart" : "arrive", r->time);
      w_close (w, '}');
    }
  w_close (w, ']');
}

/* "YYYY-MM" of a month's first day. */
static void
w_month (Writer     *w,
         const char *key,
         DagDate     month)
{
  char buf[DAG_DATE_BUF];

  dag_date_format (month, buf);
  buf[7] = '\0';
  w_string (w, key, buf);
}

/* Written only when there are any, so a file without them exports as it
 * was imported.  Each line is one line of text, its response inline. */
static void
write_declarations (Writer       *w,
                    const DagOrg *org)
{
  if (org->declarations->len == 0)
    return;
  w_open (w, "declarations", '[');
  for (guint i = 0; i < org->declarations->len; i++)
    {
      const DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);

      w_open (w, NULL, '{');
      w_string (w, "number", d->number);
      w_string (w, "municipality", DAG_AT (org->municipalities, DagMunicipality, d->municipality)->code);
      w_month (w, "month", d->month);
      w_date (w, "written", d->written);
      if (d->sent != DAG_DATE_NONE)
        w_date (w, "sent", d->sent);
      else
        w_string (w, "sent", NULL);
      w_open (w, "lines", '[');
      for (guint j = 0; j < d->lines->len; j++)
        {
          const DagDeclarationLine *l = DAG_AT (d->lines, DagDeclarationLine, j);
          char side[2] = { l->debit_credit, '\0' };

          w_open_flat (w, NULL);
          w_string (w, "reference", l->reference);
          w_string (w, "indication", DAG_AT (org->indications, DagIndication, l->indication)->id);
          w_string (w, "product_code", l->product_code);
          w_date (w, "period_start", l->period_start);
          w_date (w, "period_end", l->period_end);
          w_int (w, "units", l->units);
          w_int (w, "tariff_cents", l->tariff_cents);
          w_int (w, "amount_cents", l->amount_cents);
          w_string (w, "debit_credit", side);
          w_string (w, "corrects", l->corrects);
          w_member (w, "response");
          if (l->has_response)
            {
              g_string_append (w->s, "{ \"code\": ");
              append_string (w->s, l->response_code ? l->response_code : "");
              g_string_append (w->s, l->response_accepted ? ", \"accepted\": true }" : ", \"accepted\": false }");
            }
          else
            g_string_append (w->s, "null");
          w_close_flat (w);
        }
      w_close (w, ']');
      w_close (w, '}');
    }
  w_close (w, ']');
}

char *
dag_org_export_json (const DagOrg *org,
                     gsize        *length)
{
  Writer w = { NULL, 0, TRUE };

  g_return_val_if_fail (org != NULL, NULL);

  /* About 600 bytes a participant with their indication and plan. */
  w.s = g_string_sized_new (4096 + (gsize) org->participants->len * 600);
  w_open (&w, NULL, '{');
  w_string (&w, "format", "dagritme-organisation");
  w_int (&w, "version", 1);

  w_open_flat (&w, "organisation");
  w_string (&w, "name", org->name);
  w_string (&w, "agb_code", org->agb_code);
  w_close_flat (&w);

  write_settings (&w, &org->settings);

  w_open (&w, "municipalities", '[');
  for (guint i = 0; i < org->municipalities->len; i++)
    {
      const DagMunicipality *m = DAG_AT (org->municipalities, DagMunicipality, i);

      w_open_flat (&w, NULL);
      w_string (&w, "code", m->code);
      w_string (&w, "name", m->name);
      w_close_flat (&w);
    }
  w_close (&w, ']');

  write_contracts (&w, org);
  write_locations (&w, org);
  write_groups (&w, org);
  write_staff (&w, org);
  write_vehicles (&w, org);
  write_participants (&w, org);
  write_indications (&w, org);
  write_week (&w, org);
  write_absences (&w, org);
  write_staff_absences (&w, org);
  write_one_offs (&w, org);
  write_attendance (&w, org);
  write_runs (&w, org);
  write_declarations (&w, org);
  w_close (&w, '}');
  g_string_append_c (w.s, '\n');

  if (length)
    *length = w.s->len;
  return g_string_free (w.s, FALSE);
}
