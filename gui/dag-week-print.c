/* dag-week-print.c — the week plan of one location and week drawn with
 * cairo and Pango: the same drawing serves the print dialog, the PDF export
 * and previews.  The sheet hangs on a wall, so it holds names only: no BSN,
 * no intensity level, no wheelchair or other health data, no absence
 * reason. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "dag-holidays.h"
#include "dag-print.h"
#include "dag-schedule.h"
#include "dag-week-print.h"

#define N_PARTS      2          /* morning and afternoon */
#define NAME_SIZE    6.5
#define HEAD_SIZE    8.0
#define GROUP_WIDTH  92.0
#define PAD          2.5
#define MARK_WIDTH   8.0        /* room for the transport mark */
#define TAG_SIZE     5.5        /* "HBO", "MBO" beside a staff name */

typedef struct {
  char    *name;
  gboolean bus;
  gboolean absent;              /* reported absent: struck through */
} Person;

typedef struct {
  char            *name;
  DagQualification qualification;
  gboolean         lead;
} Worker;

typedef struct {
  gboolean   runs;              /* the group meets in this slot */
  GPtrArray *people;            /* of Person */
  GPtrArray *staff;             /* of Worker */
  int        coming;
} Cell;

typedef struct {
  char  *name;
  int    capacity;
  Cell   cells[DAG_N_DAYS][N_PARTS];
  double height;
} Row;

struct _DagWeekPrint
{
  char      *title;
  char      *week_title;
  int        n_days;
  char      *day_label[DAG_N_DAYS];
  char      *day_note[DAG_N_DAYS];  /* holiday or closure, else NULL */
  GPtrArray *rows;                  /* of Row */
  GDateTime *printed;

  /* layout */
  double     width, height;
  double     line;                  /* height of a name line */
  double     head;                  /* title block */
  double     table_head;            /* day and part headings */
  GArray    *page_start;            /* of guint: first row of each page */
};

static void
person_free (gpointer data)
{
  Person *p = data;

  g_free (p->name);
  g_free (p);
}

static void
worker_free (gpointer data)
{
  Worker *w = data;

  g_free (w->name);
  g_free (w);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->name);
  for (int d = 0; d < DAG_N_DAYS; d++)
    for (int p = 0; p < N_PARTS; p++)
      {
        g_clear_pointer (&row->cells[d][p].people, g_ptr_array_unref);
        g_clear_pointer (&row->cells[d][p].staff, g_ptr_array_unref);
      }
  g_free (row);
}

void
dag_week_print_free (DagWeekPrint *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->week_title);
  for (int d = 0; d < DAG_N_DAYS; d++)
    {
      g_free (self->day_label[d]);
      g_free (self->day_note[d]);
    }
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->printed, g_date_time_unref);
  g_clear_pointer (&self->page_start, g_array_unref);
  g_free (self);
}

/* ---- what the sheet shows ----------------------------------------------- */

static GDateTime *
date_time_of (DagDate date)
{
  int y, m, d;

  dag_date_to_ymd (date, &y, &m, &d);
  return g_date_time_new_local (y, m, d, 12, 0, 0);
}

static char *
format_date (DagDate     date,
             const char *format)
{
  g_autoptr(GDateTime) dt = date_time_of (date);

  return g_date_time_format (dt, format);
}

/* "23–27 November 2026", "30 November – 4 December 2026",
 * "28 December 2026 – 1 January 2027". */
static char *
format_range (DagDate first,
              DagDate last)
{
  int y1, m1, d1, y2, m2, d2;
  /* Translators: a full date in the week plan's title, see
   * g_date_time_format(). */
  g_autofree char *end = format_date (last, _("%-d %B %Y"));
  g_autofree char *start = NULL;

  dag_date_to_ymd (first, &y1, &m1, &d1);
  dag_date_to_ymd (last, &y2, &m2, &d2);
  if (y1 == y2 && m1 == m2)
    /* Translators: a range of days in one month, "23–27 November 2026". */
    return g_strdup_printf (_("%d–%s"), d1, end);
  if (y1 == y2)
    /* Translators: a day and month without the year, see g_date_time_format(). */
    start = format_date (first, _("%-d %B"));
  else
    start = format_date (first, _("%-d %B %Y"));
  /* Translators: a range of dates, "30 November – 4 December 2026". */
  return g_strdup_printf (_("%s – %s"), start, end);
}

static int
iso_week (DagDate date)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, date);
  return (int) g_date_get_iso8601_week_of_year (&d);
}

static int
compare_people (gconstpointer a,
                gconstpointer b)
{
  const Person *x = *(Person * const *) a, *y = *(Person * const *) b;

  return g_utf8_collate (x->name, y->name);
}

static int
compare_workers (gconstpointer a,
                 gconstpointer b)
{
  const Worker *x = *(Worker * const *) a, *y = *(Worker * const *) b;

  if (x->qualification != y->qualification)
    return (int) x->qualification - (int) y->qualification;
  return g_utf8_collate (x->name, y->name);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *x = *(Row * const *) a, *y = *(Row * const *) b;

  return g_utf8_collate (x->name, y->name);
}

typedef struct {
  DagWeekPrint *self;
  const DagOrg *org;
  Row         **row_of;         /* per group, NULL when at another location */
  DagDate       monday;
} Collect;

static gboolean
collect_session (const DagSession *s,
                 gpointer          user_data)
{
  Collect *c = user_data;
  Row *row = c->row_of[s->group];
  int day = (int) (s->date - c->monday);
  const DagParticipant *p;
  Person *person;
  Cell *cell;

  /* Sessions not on: a holiday or closure marks the whole column; without
   * a valid indication the participant does not come and is left out. */
  if (row == NULL || s->part >= N_PARTS || day >= c->self->n_days ||
      (s->state != DAG_SESSION_ON && s->state != DAG_SESSION_ABSENT))
    return TRUE;
  cell = &row->cells[day][s->part];
  p = DAG_AT (c->org->participants, DagParticipant, s->participant);
  person = g_new0 (Person, 1);
  person->name = g_strdup (p->name);
  person->bus = p->transport == DAG_TRANSPORT_BUS;
  person->absent = s->state == DAG_SESSION_ABSENT;
  g_ptr_array_add (cell->people, person);
  if (!person->absent)
    cell->coming++;
  return TRUE;
}

static gboolean
collect_staff (const DagStaffSession *s,
               gpointer               user_data)
{
  Collect *c = user_data;
  int day = (int) (s->date - c->monday);
  const DagStaff *st;
  Worker *w;

  /* Holidays and closures mark the whole column (day_note). */
  if (s->state != DAG_SESSION_ON || s->group < 0 || (guint) s->group >= c->org->groups->len ||
      c->row_of[s->group] == NULL || s->staff < 0 || (guint) s->staff >= c->org->staff->len ||
      s->part >= N_PARTS || day < 0 || day >= c->self->n_days || c->self->day_note[day] != NULL)
    return TRUE;
  st = DAG_AT (c->org->staff, DagStaff, s->staff);
  w = g_new0 (Worker, 1);
  w->name = g_strdup (st->name);
  w->qualification = st->qualification;
  g_ptr_array_add (c->row_of[s->group]->cells[day][s->part].staff, w);
  return TRUE;
}

DagWeekPrint *
dag_week_print_new (const DagOrg *org,
                    int           location,
                    DagDate       monday)
{
  DagWeekPrint *self;
  const DagLocation *loc;
  g_autoptr(DagSchedule) schedule = NULL;
  g_autofree Row **row_of = NULL;
  g_autofree char *range = NULL;
  Collect c;

  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (location >= 0 && (guint) location < org->locations->len, NULL);
  g_return_val_if_fail (dag_date_weekday (monday) == 0, NULL);

  loc = DAG_AT (org->locations, DagLocation, location);
  self = g_new0 (DagWeekPrint, 1);
  self->printed = g_date_time_new_now_local ();
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->page_start = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Translators: the week plan's heading, "Zorgboerderij De Linde — De Linde". */
  self->title = g_strdup_printf (_("%s — %s"), org->name ? org->name : "", loc->name);

  /* Saturday only where a group of the location meets then. */
  self->n_days = 5;
  row_of = g_new0 (Row *, MAX (org->groups->len, 1));
  for (guint g = 0; g < org->groups->len; g++)
    {
      const DagGroup *group = DAG_AT (org->groups, DagGroup, g);
      Row *row;

      if (group->location != location)
        continue;
      row = g_new0 (Row, 1);
      row->name = g_strdup (group->name);
      row->capacity = group->capacity;
      for (int d = 0; d < DAG_N_DAYS; d++)
        for (int p = 0; p < N_PARTS; p++)
          {
            row->cells[d][p].runs = (group->slots & DAG_SLOT_BIT (DAG_SLOT (d, p))) != 0;
            row->cells[d][p].people = g_ptr_array_new_with_free_func (person_free);
            row->cells[d][p].staff = g_ptr_array_new_with_free_func (worker_free);
          }
      if (group->slots & (DAG_SLOT_BIT (DAG_SLOT (5, DAG_PART_AM)) | DAG_SLOT_BIT (DAG_SLOT (5, DAG_PART_PM))))
        self->n_days = 6;
      row_of[g] = row;
      g_ptr_array_add (self->rows, row);
    }

  range = format_range (monday, monday + self->n_days - 1);
  /* Translators: the week of the week plan, "Week 48, 23–27 November 2026". */
  self->week_title = g_strdup_printf (_("Week %d, %s"), iso_week (monday), range);

  for (int d = 0; d < self->n_days; d++)
    {
      const char *holiday = NULL;

      /* Translators: a day heading of the week plan, see g_date_time_format(). */
      self->day_label[d] = format_date (monday + d, _("%A %-d %B"));
      if (dag_holiday_check (&org->settings, monday + d, &holiday))
        /* Translators: a public holiday in the week plan; %s is its Dutch name. */
        self->day_note[d] = g_strdup_printf (_("Holiday: %s"), holiday);
      else if (dag_location_is_closed (loc, monday + d))
        self->day_note[d] = g_strdup (_("Location closed"));
    }

  schedule = dag_schedule_new (org);
  c.self = self;
  c.org = org;
  c.row_of = row_of;
  c.monday = monday;
  dag_schedule_foreach (schedule, monday, monday + self->n_days - 1, collect_session, &c);

  /* The staff who work each slot of the week: the staffing that applies
   * on each date with that date's one-off changes; staff who are absent
   * or whose session was cancelled for the date are left out. */
  dag_schedule_foreach_staff (schedule, monday, monday + self->n_days - 1, collect_staff, &c);

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);

      for (int d = 0; d < self->n_days; d++)
        for (int p = 0; p < N_PARTS; p++)
          {
            Cell *cell = &row->cells[d][p];
            int counted = 0;

            g_ptr_array_sort (cell->people, compare_people);
            g_ptr_array_sort (cell->staff, compare_workers);
            /* The HBO member holds the lead (regie) where two or more
             * staff who count work the slot (DOMAIN.md, duo rule);
             * HBO sort first. */
            for (guint k = 0; k < cell->staff->len; k++)
              counted += ((Worker *) g_ptr_array_index (cell->staff, k))->qualification != DAG_QUAL_VOLUNTEER;
            if (counted >= 2 && cell->staff->len > 0)
              {
                Worker *first = g_ptr_array_index (cell->staff, 0);

                first->lead = first->qualification == DAG_QUAL_HBO;
              }
          }
    }
  g_ptr_array_sort (self->rows, compare_rows);
  return self;
}

const char *
dag_week_print_get_week_title (DagWeekPrint *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->week_title;
}

/* ---- layout ------------------------------------------------------------- */

static double
cell_width (DagWeekPrint *self)
{
  return (self->width - GROUP_WIDTH) / (self->n_days * N_PARTS);
}

static double
row_height (DagWeekPrint *self,
            cairo_t      *cr,
            const Row    *row)
{
  double h = dag_print_text_height (cr, GROUP_WIDTH - 2 * PAD, HEAD_SIZE, DAG_PRINT_BOLD | DAG_PRINT_WRAP, row->name)
             + self->line;
  int lines = 0;

  for (int d = 0; d < self->n_days; d++)
    for (int p = 0; p < N_PARTS; p++)
      {
        const Cell *cell = &row->cells[d][p];
        int n = 1 + (int) cell->people->len;

        if (cell->staff->len > 0)
          n += 1 + (int) cell->staff->len;
        lines = MAX (lines, n);
      }
  return MAX (h, lines * self->line) + 2 * PAD + 2;
}

int
dag_week_print_paginate (DagWeekPrint *self,
                         cairo_t      *cr,
                         double        width,
                         double        height)
{
  double room, used = 0;

  g_return_val_if_fail (self != NULL, 0);

  self->width = width;
  self->height = height;
  self->line = dag_print_text_height (cr, 0, NAME_SIZE, 0, "Ág") * 1.05;
  self->head = 44;
  self->table_head = dag_print_text_height (cr, 0, HEAD_SIZE, DAG_PRINT_BOLD, "Ág")
                     + dag_print_text_height (cr, 0, NAME_SIZE, 0, "Ág") + 4 * PAD;
  room = height - self->head - self->table_head - dag_print_footer_height () - 4;
  g_array_set_size (self->page_start, 0);
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);

      row->height = row_height (self, cr, row);
      /* A group that does not fit goes to the next page, with the
       * headings again; one taller than a page is cut off. */
      if (r == 0 || used + row->height > room)
        {
          g_array_append_val (self->page_start, r);
          used = 0;
        }
      used += row->height;
    }
  if (self->page_start->len == 0)
    {
      guint zero = 0;

      g_array_append_val (self->page_start, zero);
    }
  return (int) self->page_start->len;
}

/* ---- drawing ------------------------------------------------------------ */

/* A small bus: the mark of a participant who comes by bus. */
static void
draw_bus (cairo_t *cr,
          double   x,
          double   y,
          double   size)
{
  double w = size * 0.95, h = size * 0.55;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.1, 0.3, 0.6);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  cairo_arc (cr, x + w * 0.22, y + h, size * 0.12, 0, 2 * G_PI);
  cairo_arc (cr, x + w * 0.78, y + h, size * 0.12, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  for (int i = 0; i < 3; i++)
    cairo_rectangle (cr, x + w * (0.1 + i * 0.3), y + h * 0.2, w * 0.2, h * 0.3);
  cairo_fill (cr);
  cairo_restore (cr);
}

static const char *
qualification_tag (const Worker *w)
{
  switch (w->qualification)
    {
    case DAG_QUAL_HBO:
      /* Translators: a lead (regie) HBO staff member on the printed week plan. */
      return w->lead ? _("HBO ★") : _("HBO");
    case DAG_QUAL_MBO:
      return _("MBO");
    default:
      /* Translators: a volunteer on the printed week plan, short. */
      return _("vol.");
    }
}

static void
draw_cell (DagWeekPrint *self,
           cairo_t      *cr,
           const Row    *row,
           const Cell   *cell,
           double        x,
           double        y,
           double        w)
{
  double ty = y + PAD;
  g_autofree char *occupancy = NULL;

  if (!cell->runs && cell->people->len == 0 && cell->staff->len == 0)
    {
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      dag_print_text (cr, x + PAD, ty, w - 2 * PAD, NAME_SIZE, DAG_PRINT_CENTER, "—");
      return;
    }
  /* Translators: the occupancy of a group's dagdeel on the printed week
   * plan: participants coming / the group's capacity. */
  occupancy = g_strdup_printf (_("%d/%d"), cell->coming, row->capacity);
  if (cell->coming > row->capacity)
    cairo_set_source_rgb (cr, 0.75, 0.1, 0.1);
  else
    cairo_set_source_rgb (cr, 0, 0, 0);
  dag_print_text (cr, x + PAD, ty, w - 2 * PAD, NAME_SIZE, DAG_PRINT_BOLD, occupancy);
  ty += self->line;

  for (guint k = 0; k < cell->people->len; k++)
    {
      const Person *p = g_ptr_array_index (cell->people, k);

      if (p->bus)
        draw_bus (cr, x + PAD, ty + self->line * 0.25, MARK_WIDTH * 0.8);
      if (p->absent)
        cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
      else
        cairo_set_source_rgb (cr, 0, 0, 0);
      dag_print_text (cr, x + PAD + MARK_WIDTH, ty, w - 2 * PAD - MARK_WIDTH, NAME_SIZE,
                      p->absent ? DAG_PRINT_STRIKE : 0, p->name);
      ty += self->line;
    }

  if (cell->staff->len == 0)
    return;
  /* The staff under a thin rule. */
  ty += self->line * 0.5;
  cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, x + PAD, ty - self->line * 0.25);
  cairo_line_to (cr, x + w - PAD, ty - self->line * 0.25);
  cairo_stroke (cr);
  for (guint k = 0; k < cell->staff->len; k++)
    {
      const Worker *s = g_ptr_array_index (cell->staff, k);
      DagPrintFlags bold = s->lead ? DAG_PRINT_BOLD : 0;
      /* The name gets what the tag leaves. */
      double tag = dag_print_text_width (cr, TAG_SIZE, bold, qualification_tag (s));

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      dag_print_text (cr, x + PAD, ty, w - 2 * PAD - tag - 2, NAME_SIZE, DAG_PRINT_ITALIC | bold, s->name);
      dag_print_text (cr, x + w - PAD - tag, ty + (NAME_SIZE - TAG_SIZE) * 0.8, tag, TAG_SIZE,
                      DAG_PRINT_RIGHT | bold, qualification_tag (s));
      ty += self->line;
    }
}

static void
draw_legend (DagWeekPrint *self,
             cairo_t      *cr,
             double        x,
             double        y)
{
  double lw = 150;

  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  draw_bus (cr, x, y + self->line * 0.25, MARK_WIDTH * 0.8);
  y += dag_print_text (cr, x + MARK_WIDTH, y, lw, NAME_SIZE, 0, _("comes by bus"));
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  y += dag_print_text (cr, x, y, lw, NAME_SIZE, 0, _("★ lead (regie) of a duo"));
  dag_print_text (cr, x, y, lw, NAME_SIZE, DAG_PRINT_STRIKE, _("reported absent"));
}

void
dag_week_print_draw_page (DagWeekPrint *self,
                          cairo_t      *cr,
                          int           page)
{
  double cw, y;
  guint first, last;

  g_return_if_fail (self != NULL);
  g_return_if_fail (page >= 0 && (guint) page < self->page_start->len);

  cw = cell_width (self);
  first = g_array_index (self->page_start, guint, page);
  last = (guint) page + 1 < self->page_start->len ? g_array_index (self->page_start, guint, page + 1)
                                                  : self->rows->len;

  cairo_save (cr);
  /* Title. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  y = dag_print_text (cr, 0, 0, self->width - 170, 14, DAG_PRINT_BOLD, self->title);
  dag_print_text (cr, 0, y + 2, self->width - 170, 11, 0, self->week_title);
  draw_legend (self, cr, self->width - 150, 0);

  /* Day and part headings. */
  y = self->head;
  cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
  cairo_rectangle (cr, 0, y, self->width, self->table_head);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  dag_print_text (cr, PAD, y + PAD, GROUP_WIDTH - 2 * PAD, HEAD_SIZE, DAG_PRINT_BOLD, _("Group"));
  for (int d = 0; d < self->n_days; d++)
    {
      double dx = GROUP_WIDTH + d * N_PARTS * cw;
      double h = dag_print_text (cr, dx + PAD, y + PAD, N_PARTS * cw - 2 * PAD, HEAD_SIZE,
                                 DAG_PRINT_BOLD | DAG_PRINT_CENTER, self->day_label[d]);

      for (int p = 0; p < N_PARTS; p++)
        dag_print_text (cr, dx + p * cw + PAD, y + 2 * PAD + h, cw - 2 * PAD, NAME_SIZE, DAG_PRINT_CENTER,
                        p == 0 ? _("Morning") : _("Afternoon"));
    }
  y += self->table_head;

  /* The groups. */
  for (guint r = first; r < last; r++)
    {
      const Row *row = g_ptr_array_index (self->rows, r);
      g_autofree char *capacity = g_strdup_printf (_("Capacity %d"), row->capacity);
      double h;

      cairo_save (cr);
      cairo_rectangle (cr, 0, y, self->width, row->height);
      cairo_clip (cr);
      for (int d = 0; d < self->n_days; d++)
        {
          double dx = GROUP_WIDTH + d * N_PARTS * cw;

          if (self->day_note[d] != NULL)
            {
              cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
              cairo_rectangle (cr, dx, y, N_PARTS * cw, row->height);
              cairo_fill (cr);
              cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
              dag_print_text (cr, dx + PAD, y + PAD, N_PARTS * cw - 2 * PAD, NAME_SIZE + 0.5,
                              DAG_PRINT_ITALIC | DAG_PRINT_CENTER | DAG_PRINT_WRAP, self->day_note[d]);
              continue;
            }
          for (int p = 0; p < N_PARTS; p++)
            {
              if (!row->cells[d][p].runs)
                {
                  cairo_set_source_rgb (cr, 0.96, 0.96, 0.96);
                  cairo_rectangle (cr, dx + p * cw, y, cw, row->height);
                  cairo_fill (cr);
                }
              draw_cell (self, cr, row, &row->cells[d][p], dx + p * cw, y, cw);
            }
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      h = dag_print_text (cr, PAD, y + PAD, GROUP_WIDTH - 2 * PAD, HEAD_SIZE,
                          DAG_PRINT_BOLD | DAG_PRINT_WRAP, row->name);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      dag_print_text (cr, PAD, y + PAD + h, GROUP_WIDTH - 2 * PAD, NAME_SIZE, 0, capacity);
      cairo_restore (cr);
      y += row->height;
    }
  if (self->rows->len == 0)
    {
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      dag_print_text (cr, PAD, y + 3 * PAD, self->width, HEAD_SIZE, DAG_PRINT_ITALIC,
                      _("No groups at this location."));
      y += 20;
    }

  /* The grid: thin lines between the cells, darker between the days. */
  cairo_set_line_width (cr, 0.4);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  {
    double yy = self->head + self->table_head;

    cairo_move_to (cr, 0, self->head);
    cairo_line_to (cr, self->width, self->head);
    for (guint r = first; r <= last && r <= self->rows->len; r++)
      {
        cairo_move_to (cr, 0, yy);
        cairo_line_to (cr, self->width, yy);
        if (r < last)
          yy += ((const Row *) g_ptr_array_index (self->rows, r))->height;
      }
    cairo_stroke (cr);
    for (int c = 0; c <= self->n_days * N_PARTS; c++)
      {
        double cx = GROUP_WIDTH + c * cw;

        int day = c / N_PARTS;

        cairo_set_line_width (cr, c % N_PARTS == 0 ? 0.9 : 0.3);
        /* A day's parts share the day heading, and a holiday's note. */
        cairo_move_to (cr, cx, c % N_PARTS == 0 ? self->head : self->head + self->table_head / 2);
        if (c % N_PARTS != 0 && day < self->n_days && self->day_note[day] != NULL)
          cairo_line_to (cr, cx, self->head + self->table_head);
        else
          cairo_line_to (cr, cx, yy);
        cairo_stroke (cr);
      }
    cairo_set_line_width (cr, 0.9);
    cairo_move_to (cr, 0, self->head);
    cairo_line_to (cr, 0, yy);
    cairo_stroke (cr);
  }

  dag_print_footer (cr, self->width, self->height, page, (int) self->page_start->len, self->printed,
                    _("For internal use: names only"));
  cairo_restore (cr);
}

/* ---- PDF and printing --------------------------------------------------- */

static int
paginate_cb (gpointer doc,
             cairo_t *cr,
             double   width,
             double   height)
{
  return dag_week_print_paginate (doc, cr, width, height);
}

static void
draw_page_cb (gpointer doc,
              cairo_t *cr,
              int      page)
{
  dag_week_print_draw_page (doc, cr, page);
}

gboolean
dag_week_print_write_pdf (DagWeekPrint *self,
                          const char   *path,
                          int          *n_pages,
                          GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return dag_print_write_pdf (path, paginate_cb, draw_page_cb, self, n_pages, error);
}

cairo_surface_t *
dag_week_print_render_page (DagWeekPrint *self,
                            int           page,
                            double        scale)
{
  g_return_val_if_fail (self != NULL, NULL);
  return dag_print_render_page (paginate_cb, draw_page_cb, self, page, scale);
}

gboolean
dag_week_print_to_pdf (const DagOrg *org,
                       int           location,
                       DagDate       monday,
                       const char   *path,
                       GError      **error)
{
  g_autoptr(DagWeekPrint) sheet = dag_week_print_new (org, location, monday);

  g_return_val_if_fail (sheet != NULL, FALSE);
  return dag_week_print_write_pdf (sheet, path, NULL, error);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                DagWeekPrint      *sheet)
{
  int n = dag_week_print_paginate (sheet, gtk_print_context_get_cairo_context (context),
                                   gtk_print_context_get_width (context),
                                   gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, MAX (n, 1));
}

static void
draw_print_page_cb (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page,
                    DagWeekPrint      *sheet)
{
  dag_week_print_draw_page (sheet, gtk_print_context_get_cairo_context (context), page);
}

GtkPrintOperation *
dag_week_print_operation_new (const DagOrg *org,
                              int           location,
                              DagDate       monday)
{
  DagWeekPrint *sheet = dag_week_print_new (org, location, monday);
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (sheet != NULL, NULL);

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  name = dag_week_print_file_name (org, location, monday);
  /* The job name, without ".pdf". */
  if (g_str_has_suffix (name, ".pdf"))
    name[strlen (name) - 4] = '\0';
  gtk_print_operation_set_job_name (operation, name);
  /* The sheet lives as long as the operation: the organisation may be
   * reloaded while the dialog is open. */
  g_object_set_data_full (G_OBJECT (operation), "dag-week-print", sheet, (GDestroyNotify) dag_week_print_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), sheet);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_print_page_cb), sheet);
  return operation;
}

static void
show_print_error (GtkWindow    *parent,
                  const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("The Week Plan Could Not Be Printed"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               GtkWindow               *parent)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  if (error != NULL)
    show_print_error (parent, error);
}

void
dag_week_print_run (GtkWindow    *parent,
                    const DagOrg *org,
                    int           location,
                    DagDate       monday)
{
  g_autoptr(GtkPrintOperation) operation = dag_week_print_operation_new (org, location, monday);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (operation != NULL);
  /* The operation keeps itself alive while its dialog is open. */
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), parent, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    show_print_error (parent, error);
}

char *
dag_week_print_file_name (const DagOrg *org,
                          int           location,
                          DagDate       monday)
{
  int year, month, day;
  const char *id;

  g_return_val_if_fail (location >= 0 && (guint) location < org->locations->len, NULL);
  /* The ISO week's year is that of its Thursday. */
  dag_date_to_ymd (monday + 3, &year, &month, &day);
  id = DAG_AT (org->locations, DagLocation, location)->id;
  /* Translators: the suggested file name of the week plan PDF; keep the
   * %04d-W%02d and %s (the location's id). */
  return g_strdup_printf (_("week-plan-%04d-W%02d-%s.pdf"), year, iso_week (monday), id);
}
