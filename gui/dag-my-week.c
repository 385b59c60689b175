/* dag-my-week.c — fills the "My Week" page of the Staff view: a staff
 * member's weekdays with their dates, per dagdeel the group (times from its
 * location, why a session does not take place) and who else works there,
 * and the runs they drive.  What applies on a date comes from dag-schedule
 * only; this file lays it out. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-my-week.h"
#include "dag-slot-grid.h"

#define N_DAYS  DAG_SLOT_GRID_DAYS
#define N_PARTS DAG_SLOT_GRID_PARTS

typedef struct {
  GArray *sessions;   /* of DagStaffSession: everybody's, of the week */
} Collect;

static gboolean
collect_session (const DagStaffSession *session,
                 gpointer               user_data)
{
  Collect *c = user_data;

  g_array_append_vals (c->sessions, session, 1);
  return TRUE;
}

static GtkWidget *
line (GtkWidget  *column,
      const char *text,
      const char *klass,
      const char *klass2)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "label", text, "xalign", 0.0f, "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR, NULL);

  if (klass != NULL)
    gtk_widget_add_css_class (label, klass);
  if (klass2 != NULL)
    gtk_widget_add_css_class (label, klass2);
  gtk_box_append (GTK_BOX (column), label);
  return label;
}

static char *
date_heading (DagDate date)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  dag_date_to_ymd (date, &y, &m, &d);
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  /* Translators: a weekday and its date in a staff member's week, see
   * strftime, e.g. "Monday 2 November". */
  return g_date_time_format (dt, _("%A %-d %B"));
}

/* "Atelier", "Atelier at Oosterbeek", with why it does not take place. */
static char *
session_text (const DagOrg          *org,
              const DagStaffSession *s)
{
  const DagGroup *g = DAG_AT (org->groups, DagGroup, s->group);
  GString *text = g_string_new (NULL);

  if (org->locations->len > 1 && g->location >= 0 && (guint) g->location < org->locations->len)
    /* TRANSLATORS: a group and its location */
    g_string_append_printf (text, _("%s at %s"), g->name, DAG_AT (org->locations, DagLocation, g->location)->name);
  else
    g_string_append (text, g->name);
  switch (s->state)
    {
    case DAG_SESSION_ABSENT:
      /* TRANSLATORS: after a group in a staff member's week: they are sick or on leave */
      g_string_append (text, _(" (absent)"));
      break;
    case DAG_SESSION_HOLIDAY:
      /* TRANSLATORS: after a group in a staff member's week */
      g_string_append (text, _(" (holiday)"));
      break;
    case DAG_SESSION_CLOSED:
      /* TRANSLATORS: after a group in a staff member's week: the location is closed */
      g_string_append (text, _(" (closed)"));
      break;
    case DAG_SESSION_CANCELLED:
      /* TRANSLATORS: after a group in a staff member's week: cancelled for this date only */
      g_string_append (text, _(" (cancelled)"));
      break;
    default:
      if (s->staffing < 0)
        /* TRANSLATORS: after a group in a staff member's week: for this date only */
        g_string_append (text, _(" (extra)"));
      break;
    }
  return g_string_free (text, FALSE);
}

/* Who else works in the group of s that dagdeel, "Anna de Vries, Piet
 * (absent)"; NULL when nobody. */
static char *
co_workers (const DagOrg          *org,
            GArray                *sessions,
            const DagStaffSession *s)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < sessions->len; i++)
    {
      const DagStaffSession *o = &g_array_index (sessions, DagStaffSession, i);

      if (o->date != s->date || o->part != s->part || o->group != s->group || o->staff == s->staff ||
          o->staff < 0 || (guint) o->staff >= org->staff->len ||
          (o->state != DAG_SESSION_ON && o->state != DAG_SESSION_ABSENT))
        continue;
      if (text->len)
        g_string_append (text, ", ");
      if (o->state == DAG_SESSION_ABSENT)
        /* TRANSLATORS: a staff member who is sick or on leave that day */
        g_string_append_printf (text, _("%s (absent)"), DAG_AT (org->staff, DagStaff, o->staff)->name);
      else
        g_string_append (text, DAG_AT (org->staff, DagStaff, o->staff)->name);
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static int
run_start (const DagRun *run)
{
  if (run->direction == DAG_DIRECTION_TO && run->stops->len)
    return MIN (DAG_AT (run->stops, DagStop, 0)->time, run->time);
  return run->time;
}

static int
run_end (const DagRun *run)
{
  if (run->direction == DAG_DIRECTION_FROM && run->stops->len)
    return MAX (DAG_AT (run->stops, DagStop, run->stops->len - 1)->time, run->time);
  return run->time;
}

static int
compare_runs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const DagOrg *org = user_data;
  const DagRun *x = DAG_AT (org->runs, DagRun, *(const guint *) a);
  const DagRun *y = DAG_AT (org->runs, DagRun, *(const guint *) b);

  if (x->date != y->date)
    return x->date < y->date ? -1 : 1;
  return run_start (x) - run_start (y);
}

/* "Bus 1 to De Linde, 6 pick-ups". */
static char *
run_text (const DagOrg *org,
          const DagRun *run)
{
  const char *vehicle = run->vehicle >= 0 && (guint) run->vehicle < org->vehicles->len
                        ? DAG_AT (org->vehicles, DagVehicle, run->vehicle)->name : "—";
  const char *location = run->location >= 0 && (guint) run->location < org->locations->len
                         ? DAG_AT (org->locations, DagLocation, run->location)->name : "—";
  guint n = run->stops->len;

  if (run->direction == DAG_DIRECTION_TO)
    /* TRANSLATORS: a run a staff member drives: vehicle, location, number of stops */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s to %s, %u pick-up", "%s to %s, %u pick-ups", n),
                            vehicle, location, n);
  /* TRANSLATORS: a run a staff member drives: vehicle, location, number of stops */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s from %s, %u drop-off", "%s from %s, %u drop-offs", n),
                          vehicle, location, n);
}

char *
dag_my_week_fill (GtkBox       *box,
                  const DagOrg *org,
                  DagSchedule  *schedule,
                  int           staff,
                  DagDate       monday,
                  DagDate       today)
{
  g_autoptr(GArray) sessions = g_array_new (FALSE, FALSE, sizeof (DagStaffSession));
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) all = g_string_new (NULL);
  Collect collect = { sessions };
  GtkWidget *child;
  guint next_run = 0;
  DagDate saturday = monday + DAG_N_DAYS - 1;
  int n_days = N_DAYS;

  g_return_val_if_fail (GTK_IS_BOX (box), NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
  if (org == NULL || schedule == NULL || staff < 0 || (guint) staff >= org->staff->len)
    return NULL;

  /* Everybody's sessions of the week: the co-workers are among them. */
  dag_schedule_foreach_staff (schedule, monday, saturday, collect_session, &collect);
  for (guint r = 0; r < org->runs->len; r++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, r);

      if (run->driver == staff && run->date >= monday && run->date <= saturday)
        g_array_append_val (runs, r);
    }
  g_array_sort_with_data (runs, compare_runs, (gpointer) org);
  /* Saturday gets a column only when staff works or drives then: most
   * weeks it would be an empty one. */
  for (guint r = 0; r < runs->len && n_days == N_DAYS; r++)
    if (DAG_AT (org->runs, DagRun, g_array_index (runs, guint, r))->date == saturday)
      n_days = N_DAYS + 1;
  for (guint i = 0; i < sessions->len && n_days == N_DAYS; i++)
    {
      const DagStaffSession *s = &g_array_index (sessions, DagStaffSession, i);

      if (s->staff == staff && s->date == saturday)
        n_days = N_DAYS + 1;
    }

  for (int day = 0; day < n_days; day++)
    {
      DagDate date = monday + day;
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *heading = date_heading (date);
      const char *holiday = NULL;
      GtkWidget *label;

      gtk_widget_add_css_class (column, "card");
      gtk_widget_add_css_class (column, "my-week-day");
      label = line (column, heading, "heading", date == today ? "accent" : NULL);
      if (date == today)
        gtk_widget_set_tooltip_text (label, _("Today"));
      g_string_append_printf (all, "%s\n", heading);
      if (dag_schedule_staff_is_absent (schedule, staff, date))
        {
          line (column, _("Absent"), "warning", NULL);
          g_string_append_printf (all, "%s\n", _("Absent"));
        }
      else if (dag_schedule_is_holiday (schedule, date, &holiday))
        {
          line (column, holiday, "dim-label", NULL);
          g_string_append_printf (all, "%s\n", holiday);
        }

      for (int part = 0; part < N_PARTS; part++)
        {
          guint shown = 0;

          for (guint i = 0; i < sessions->len; i++)
            {
              const DagStaffSession *s = &g_array_index (sessions, DagStaffSession, i);
              const DagGroup *g;
              const DagLocation *l;
              g_autofree char *title = NULL;
              g_autofree char *what = NULL;
              g_autofree char *with = NULL;
              g_autofree char *with_text = NULL;
              char from[6], to[6];

              if (s->staff != staff || s->date != date || s->part != part ||
                  s->group < 0 || (guint) s->group >= org->groups->len)
                continue;
              g = DAG_AT (org->groups, DagGroup, s->group);
              l = g->location >= 0 && (guint) g->location < org->locations->len
                  ? DAG_AT (org->locations, DagLocation, g->location) : NULL;
              if (l != NULL && l->has_part[part])
                /* TRANSLATORS: a dagdeel and its times, "Morning 09:00–13:00" */
                title = g_strdup_printf (_("%s %s–%s"), dag_slot_grid_part_name (part),
                                         dag_time_format (l->part_start[part], from),
                                         dag_time_format (l->part_end[part], to));
              else
                title = g_strdup (dag_slot_grid_part_name (part));
              what = session_text (org, s);
              line (column, title, "caption", "dim-label");
              label = line (column, what, "my-week-group", s->state == DAG_SESSION_ON ? NULL : "dim-label");
              g_string_append_printf (all, "%s: %s", title, what);
              if (s->state == DAG_SESSION_ON)
                {
                  with = co_workers (org, sessions, s);
                  if (with != NULL)
                    /* TRANSLATORS: the co-workers in a group on a dagdeel, "With Anna, Piet" */
                    with_text = g_strdup_printf (_("With %s"), with);
                  else
                    with_text = g_strdup (_("No co-workers"));
                  line (column, with_text, "caption", NULL);
                  g_string_append_printf (all, " · %s", with_text);
                }
              g_string_append_c (all, '\n');
              shown++;
            }
          if (shown == 0)
            {
              g_autofree char *text = g_strdup_printf ("%s: —", dag_slot_grid_part_name (part));

              line (column, text, "dim-label", NULL);
              g_string_append_printf (all, "%s\n", text);
            }
        }

      /* The runs of the day, in the order they start. */
      for (; next_run < runs->len; next_run++)
        {
          const DagRun *run = DAG_AT (org->runs, DagRun, g_array_index (runs, guint, next_run));
          g_autofree char *title = NULL;
          g_autofree char *what = NULL;
          char from[6], to[6];

          if (run->date != date)
            break;
          /* TRANSLATORS: a run a staff member drives, with its times, "Driving 08:12–08:52" */
          title = g_strdup_printf (_("Driving %s–%s"), dag_time_format (run_start (run), from),
                                   dag_time_format (run_end (run), to));
          what = run_text (org, run);
          line (column, title, "caption", "my-week-duty");
          line (column, what, NULL, NULL);
          g_string_append_printf (all, "%s: %s\n", title, what);
        }
      gtk_box_append (box, column);
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}
