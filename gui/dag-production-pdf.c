/* dag-production-pdf.c — the month's production report drawn with cairo
 * and Pango into a PDF; the numbers are those of the summary export
 * (dag_production_sums), amounts in integer cents throughout. */

#include "config.h"

#include <glib/gi18n.h>

#include "dag-print.h"
#include "dag-production-pdf.h"
#include "export/dag-production-export.h"

#define ROW_HEIGHT 14.0
#define TEXT_SIZE  8.0
#define N_COLUMNS  8

typedef enum {
  ROW_SUM,
  ROW_SUBTOTAL,
  ROW_TOTAL,
  ROW_HEADING,                 /* a section heading: the problems */
  ROW_PROBLEM,
  ROW_NOTE,
} RowKind;

typedef struct {
  RowKind kind;
  char   *cells[N_COLUMNS];
} Row;

struct _DagProductionPdf
{
  char      *title;
  char      *subtitle;
  GPtrArray *rows;             /* of Row */
  GDateTime *printed;

  /* layout */
  double     width, height;
  guint      per_page;
};

/* Columns: left edge as a share of the width, right aligned or not. */
static const struct { double x; gboolean right; } columns[N_COLUMNS] = {
  { 0.00, FALSE },  /* municipality code */
  { 0.07, FALSE },  /* municipality */
  { 0.25, FALSE },  /* product */
  { 0.50, FALSE },  /* product code */
  { 0.60, TRUE },   /* indications */
  { 0.70, TRUE },   /* units */
  { 0.80, FALSE },  /* unit */
  { 0.88, TRUE },   /* amount */
};

static void
row_free (gpointer data)
{
  Row *row = data;

  for (int i = 0; i < N_COLUMNS; i++)
    g_free (row->cells[i]);
  g_free (row);
}

static Row *
add_row (DagProductionPdf *self,
         RowKind           kind)
{
  Row *row = g_new0 (Row, 1);

  row->kind = kind;
  g_ptr_array_add (self->rows, row);
  return row;
}

void
dag_production_pdf_free (DagProductionPdf *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->subtitle);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->printed, g_date_time_unref);
  g_free (self);
}

static const char *
problem_kind_label (DagProblemKind kind)
{
  switch (kind)
    {
    case DAG_PROBLEM_UNREGISTERED:
      return _("Past dagdelen without registered attendance");
    case DAG_PROBLEM_ABOVE_VOLUME:
      return _("Units above the indicated volume");
    case DAG_PROBLEM_OUTSIDE_VALIDITY:
      return _("Attended outside the indication’s validity");
    case DAG_PROBLEM_NOT_PLANNED:
      return _("No-shows on a dagdeel that was not planned");
    case DAG_PROBLEM_NO_INDICATION:
      return _("Attended without an indication for the product");
    case DAG_PROBLEM_IN_FUTURE:
      return _("Registered for a day after today");
    case DAG_PROBLEM_UNPLANNED_BILLED:
      return _("Attended outside the standing plan (billed within the indication)");
    case DAG_PROBLEM_CLOSED_DAY:
      return _("Attended on a holiday or closure day");
    default:
      return "";
    }
}

#define N_PROBLEM_KINDS (DAG_PROBLEM_CLOSED_DAY + 1)

static void
add_sums (DagProductionPdf    *self,
          const DagOrg        *org,
          const DagProduction *production)
{
  g_autoptr(GArray) sums = dag_production_sums (org, production, -1);
  gint64 grand = 0, municipality_total = 0;

  for (guint i = 0; i < sums->len; i++)
    {
      const DagProductionSum *s = DAG_AT (sums, DagProductionSum, i);
      const DagMunicipality *m = DAG_AT (org->municipalities, DagMunicipality, s->municipality);
      const DagContract *c = DAG_AT (org->contracts, DagContract, s->contract);
      const DagProduct *p = DAG_AT (c->products, DagProduct, s->product);
      Row *row = add_row (self, ROW_SUM);

      row->cells[0] = g_strdup (m->code);
      row->cells[1] = g_strdup (m->name);
      /* Translators: a product in the production report, "M3 · Dagbesteding". */
      row->cells[2] = g_strdup_printf (_("%s · %s"), p->product, p->name);
      row->cells[3] = g_strdup (p->code);
      row->cells[4] = g_strdup_printf ("%d", s->lines);
      row->cells[5] = g_strdup_printf ("%" G_GINT64_FORMAT, s->units);
      row->cells[6] = g_strdup (p->unit);
      row->cells[7] = dag_print_format_euros (s->cents);
      municipality_total += s->cents;
      grand += s->cents;
      if (i + 1 == sums->len || DAG_AT (sums, DagProductionSum, i + 1)->municipality != s->municipality)
        {
          row = add_row (self, ROW_SUBTOTAL);
          row->cells[0] = g_strdup (m->code);
          /* Translators: a municipality's total in the production report. */
          row->cells[1] = g_strdup_printf (_("Total %s"), m->name);
          row->cells[7] = dag_print_format_euros (municipality_total);
          municipality_total = 0;
        }
    }
  if (sums->len == 0)
    {
      Row *row = add_row (self, ROW_NOTE);

      row->cells[1] = g_strdup (_("No production in this month."));
    }
  {
    Row *row = add_row (self, ROW_TOTAL);

    row->cells[1] = g_strdup (_("Total"));
    row->cells[7] = dag_print_format_euros (grand);
  }
}

static void
add_problems (DagProductionPdf    *self,
              const DagProduction *production)
{
  int count[N_PROBLEM_KINDS] = { 0 };
  int units[N_PROBLEM_KINDS] = { 0 };
  Row *row;

  for (guint i = 0; i < production->problems->len; i++)
    {
      const DagProductionProblem *p = DAG_AT (production->problems, DagProductionProblem, i);

      if ((int) p->kind < 0 || p->kind >= N_PROBLEM_KINDS)
        continue;
      count[p->kind]++;
      units[p->kind] += p->units;
    }
  add_row (self, ROW_NOTE);
  row = add_row (self, ROW_HEADING);
  row->cells[1] = g_strdup (_("Problems and notices"));
  row->cells[4] = g_strdup (_("Count"));
  row->cells[5] = g_strdup (_("Units"));
  for (int k = 0; k < N_PROBLEM_KINDS; k++)
    {
      if (count[k] == 0)
        continue;
      row = add_row (self, ROW_PROBLEM);
      row->cells[1] = g_strdup (problem_kind_label (k));
      row->cells[4] = g_strdup_printf ("%d", count[k]);
      row->cells[5] = k == DAG_PROBLEM_ABOVE_VOLUME ? g_strdup_printf ("%d", units[k]) : g_strdup ("");
    }
  if (production->problems->len == 0)
    {
      row = add_row (self, ROW_NOTE);
      row->cells[1] = g_strdup (_("No problems."));
    }
}

DagProductionPdf *
dag_production_pdf_new (const DagOrg        *org,
                        const DagProduction *production)
{
  DagProductionPdf *self;
  g_autoptr(GDateTime) month = NULL;
  g_autofree char *month_name = NULL;
  char first[DAG_DATE_BUF], last[DAG_DATE_BUF];

  g_return_val_if_fail (org != NULL && production != NULL, NULL);

  self = g_new0 (DagProductionPdf, 1);
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->printed = g_date_time_new_now_local ();
  month = g_date_time_new_local (production->year, production->month, 1, 12, 0, 0);
  /* Translators: the month of the production report, see g_date_time_format(). */
  month_name = g_date_time_format (month, _("%B %Y"));
  /* Translators: the title of the production report, "Production November 2026". */
  self->title = g_strdup_printf (_("Production %s"), month_name);
  /* Translators: the production report's organisation and period:
   * "Zorgboerderij De Linde (AGB 98765432), 2026-11-01 – 2026-11-30". */
  self->subtitle = g_strdup_printf (_("%s (AGB %s), %s – %s"), org->name ? org->name : "",
                                    org->agb_code ? org->agb_code : "–",
                                    dag_date_format (production->first, first),
                                    dag_date_format (production->last, last));
  add_sums (self, org, production);
  add_problems (self, production);
  return self;
}

/* ---- layout and drawing ------------------------------------------------- */

static double
header_height (void)
{
  return 50 + ROW_HEIGHT + 4;
}

static int
paginate_cb (gpointer doc,
             cairo_t *cr,
             double   width,
             double   height)
{
  DagProductionPdf *self = doc;
  /* The half row after the total included. */
  double room = height - header_height () - dag_print_footer_height () - 4 - ROW_HEIGHT / 2;

  self->width = width;
  self->height = height;
  self->per_page = MAX ((guint) (room / ROW_HEIGHT), 1);
  return MAX ((int) ((self->rows->len + self->per_page - 1) / self->per_page), 1);
}

static void
draw_cells (DagProductionPdf *self,
            cairo_t          *cr,
            double            y,
            char            **cells,
            DagPrintFlags     flags)
{
  for (int i = 0; i < N_COLUMNS; i++)
    {
      double x = columns[i].x * self->width;
      double next = i + 1 < N_COLUMNS ? columns[i + 1].x * self->width : self->width;

      if (cells[i] == NULL)
        continue;
      /* A heading or note may run on over empty columns. */
      if (i == 1 && cells[2] == NULL && cells[3] == NULL)
        next = columns[4].x * self->width;
      dag_print_text (cr, x, y, next - x - 6, TEXT_SIZE, flags | (columns[i].right ? DAG_PRINT_RIGHT : 0),
                      cells[i]);
    }
}

static void
draw_page_cb (gpointer doc,
              cairo_t *cr,
              int      page)
{
  DagProductionPdf *self = doc;
  char *headings[N_COLUMNS] = {
    _("Code"), _("Municipality"), _("Product"), _("Product code"),
    _("Indications"), _("Units"), _("Unit"), _("Amount"),
  };
  guint first = page * self->per_page;
  guint last = MIN (first + self->per_page, self->rows->len);
  double y;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  y = dag_print_text (cr, 0, 0, self->width, 16, DAG_PRINT_BOLD, self->title);
  dag_print_text (cr, 0, y + 4, self->width, 10, 0, self->subtitle);

  y = 50;
  cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
  cairo_rectangle (cr, 0, y - 2, self->width, ROW_HEIGHT + 2);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_cells (self, cr, y, headings, DAG_PRINT_BOLD);
  y = header_height ();

  cairo_set_line_width (cr, 0.5);
  for (guint r = first; r < last; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);
      DagPrintFlags flags = 0;

      switch (row->kind)
        {
        case ROW_SUBTOTAL:
        case ROW_TOTAL:
          cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
          cairo_move_to (cr, columns[1].x * self->width, y - 1);
          cairo_line_to (cr, self->width, y - 1);
          cairo_stroke (cr);
          flags = DAG_PRINT_BOLD;
          break;
        case ROW_HEADING:
          flags = DAG_PRINT_BOLD;
          break;
        case ROW_NOTE:
          flags = DAG_PRINT_ITALIC;
          break;
        default:
          break;
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_cells (self, cr, y + 2, row->cells, flags);
      y += ROW_HEIGHT;
      if (row->kind == ROW_TOTAL)
        y += ROW_HEIGHT / 2;
    }
  dag_print_footer (cr, self->width, self->height, page, paginate_cb (self, cr, self->width, self->height),
                    self->printed, _("Amounts in euros; the CSV and declarations hold the lines per indication"));
  cairo_restore (cr);
}

gboolean
dag_production_pdf_write (DagProductionPdf *self,
                          const char       *path,
                          int              *n_pages,
                          GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return dag_print_write_pdf (path, paginate_cb, draw_page_cb, self, n_pages, error);
}

cairo_surface_t *
dag_production_pdf_render_page (DagProductionPdf *self,
                                int               page,
                                double            scale)
{
  g_return_val_if_fail (self != NULL, NULL);
  return dag_print_render_page (paginate_cb, draw_page_cb, self, page, scale);
}
