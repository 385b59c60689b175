/* dag-production-view.c — the Production view: dag_production_compute on a
 * worker thread over a snapshot of the plan and the attendance (recomputed
 * when the window says the organisation changed), shown as totals per
 * municipality and product, the problems and two charts; the exports call
 * the functions of the command line and write atomically. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dag-bar-chart.h"
#include "dag-item-format.h"
#include "dag-org-snapshot.h"
#include "dag-print.h"
#include "dag-production-pdf.h"
#include "dag-production-view.h"
#include "dag-schedule.h"
#include "dag-window.h"
#include "export/dag-declare.h"
#include "export/dag-ical.h"
#include "export/dag-iwmo-check.h"
#include "export/dag-production-export.h"
#include "import/dag-iwmo-import.h"

/* ---- one total ---------------------------------------------------------- */

struct _DagProductionTotal
{
  GObject  parent_instance;

  char    *municipality;
  char    *product;
  int      indications;
  int      units;
  gint64   amount_cents;
};

G_DEFINE_FINAL_TYPE (DagProductionTotal, dag_production_total, G_TYPE_OBJECT)

static void
dag_production_total_finalize (GObject *object)
{
  DagProductionTotal *self = DAG_PRODUCTION_TOTAL (object);

  g_free (self->municipality);
  g_free (self->product);
  G_OBJECT_CLASS (dag_production_total_parent_class)->finalize (object);
}

static void
dag_production_total_class_init (DagProductionTotalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dag_production_total_finalize;
}

static void
dag_production_total_init (DagProductionTotal *self)
{
}

const char *
dag_production_total_get_municipality (DagProductionTotal *self)
{
  g_return_val_if_fail (DAG_IS_PRODUCTION_TOTAL (self), NULL);
  return self->municipality;
}

const char *
dag_production_total_get_product (DagProductionTotal *self)
{
  g_return_val_if_fail (DAG_IS_PRODUCTION_TOTAL (self), NULL);
  return self->product;
}

int
dag_production_total_get_units (DagProductionTotal *self)
{
  g_return_val_if_fail (DAG_IS_PRODUCTION_TOTAL (self), 0);
  return self->units;
}

gint64
dag_production_total_get_amount_cents (DagProductionTotal *self)
{
  g_return_val_if_fail (DAG_IS_PRODUCTION_TOTAL (self), 0);
  return self->amount_cents;
}

/* ---- the organisation, shared with the worker --------------------------- */

static void
clear_org_box (gpointer data)
{
  dag_org_free (*(DagOrg **) data);
}

static void
org_box_release (DagOrg **box)
{
  g_rc_box_release_full (box, clear_org_box);
}

/* ---- a computation ------------------------------------------------------ */

typedef struct {
  DagOrg       **box;
  DagOrg        *snap;
  int            year, month;
  DagDate        today;
  guint          generation;
  /* results */
  DagProduction *production;
  GPtrArray     *totals;        /* of DagProductionTotal */
  GPtrArray     *problems;      /* of char * */
  GPtrArray     *week_labels;   /* of char * */
  GArray        *week_values;   /* of double */
  GPtrArray     *group_labels;
  GArray        *group_values;
  int            units;
  gint64         amount_cents;
  double         seconds;
  gboolean       shown;         /* the view owns it, not the task */
} Computation;

static void
computation_free (Computation *c)
{
  g_clear_pointer (&c->production, dag_production_free);
  g_clear_pointer (&c->totals, g_ptr_array_unref);
  g_clear_pointer (&c->problems, g_ptr_array_unref);
  g_clear_pointer (&c->week_labels, g_ptr_array_unref);
  g_clear_pointer (&c->week_values, g_array_unref);
  g_clear_pointer (&c->group_labels, g_ptr_array_unref);
  g_clear_pointer (&c->group_values, g_array_unref);
  g_clear_pointer (&c->snap, dag_org_snapshot_free);
  g_clear_pointer (&c->box, org_box_release);
  g_free (c);
}

static void
computation_release (Computation *c)
{
  if (!c->shown)
    computation_free (c);
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const DagProductionTotal *x = *(DagProductionTotal * const *) a;
  const DagProductionTotal *y = *(DagProductionTotal * const *) b;
  int c = g_utf8_collate (x->municipality, y->municipality);

  return c != 0 ? c : g_utf8_collate (x->product, y->product);
}

static void
compute_totals (Computation *c)
{
  const DagOrg *org = c->snap;
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  c->totals = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < c->production->lines->len; i++)
    {
      const DagProductionLine *l = DAG_AT (c->production->lines, DagProductionLine, i);
      const DagContract *contract = DAG_AT (org->contracts, DagContract, l->contract);
      const DagProduct *product = DAG_AT (contract->products, DagProduct, l->product);
      g_autofree char *key = g_strdup_printf ("%d\x1f%s\x1f%s", l->municipality, product->code, product->product);
      DagProductionTotal *total = g_hash_table_lookup (by_key, key);

      if (total == NULL)
        {
          total = g_object_new (DAG_TYPE_PRODUCTION_TOTAL, NULL);
          total->municipality = g_strdup (DAG_AT (org->municipalities, DagMunicipality, l->municipality)->name);
          /* Translators: a contract product in the totals, "04A03 · Dagbesteding". */
          total->product = g_strdup_printf (_("%s · %s"), product->code, product->name);
          g_hash_table_insert (by_key, g_steal_pointer (&key), total);
          g_ptr_array_add (c->totals, total);
        }
      total->indications++;
      total->units += l->units;
      total->amount_cents += l->amount_cents;
      c->units += l->units;
      c->amount_cents += l->amount_cents;
    }
  g_ptr_array_sort (c->totals, compare_totals);
}

static guint
iso_week (DagDate date)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, date);
  return g_date_get_iso8601_week_of_year (&d);
}

/* Present dagdelen per ISO week of the month (a week that starts in the
 * previous month counts only its days in this month). */
static void
compute_weeks (Computation *c)
{
  const DagProduction *p = c->production;
  guint n = (p->last - p->first + 7) / 7 + 1;
  g_autofree int *weeks = g_new0 (int, n);
  g_autofree double *counts = g_new0 (double, n);
  guint used = 0;

  /* Weeks in date order; the week number wraps at the year's end. */
  for (DagDate d = p->first; d <= p->last; d++)
    {
      guint w = iso_week (d);

      if (used == 0 || weeks[used - 1] != (int) w)
        weeks[used++] = (int) w;
    }
  for (guint i = 0; i < c->snap->attendance->len; i++)
    {
      const DagAttendance *a = DAG_AT (c->snap->attendance, DagAttendance, i);

      if (a->date < p->first || a->date > p->last || a->status != DAG_ATTEND_PRESENT)
        continue;
      for (guint k = 0; k < used; k++)
        if (weeks[k] == (int) iso_week (a->date))
          {
            counts[k]++;
            break;
          }
    }
  c->week_labels = g_ptr_array_new_with_free_func (g_free);
  c->week_values = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint k = 0; k < used; k++)
    {
      /* Translators: an ISO week number under a bar of a chart. */
      g_ptr_array_add (c->week_labels, g_strdup_printf (_("Week %d"), weeks[k]));
      g_array_append_val (c->week_values, counts[k]);
    }
}

typedef struct {
  int *sessions;
} OccupancyData;

static gboolean
count_session (const DagSession *session,
               gpointer          user_data)
{
  OccupancyData *d = user_data;

  if (session->state == DAG_SESSION_ON)
    d->sessions[session->group]++;
  return TRUE;
}

/* Per group: the sessions that took place as a share of the places
 * offered (capacity × the group's dagdelen in the month on which its
 * location was open and it was no public holiday). */
static void
compute_occupancy (Computation *c)
{
  const DagOrg *org = c->snap;
  const DagProduction *p = c->production;
  g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
  guint n = org->groups->len;
  g_autofree int *sessions = g_new0 (int, MAX (n, 1));
  g_autofree gint64 *places = g_new0 (gint64, MAX (n, 1));
  OccupancyData data = { sessions };

  dag_schedule_foreach (schedule, p->first, p->last, count_session, &data);
  for (DagDate d = p->first; d <= p->last; d++)
    {
      int day = dag_date_weekday (d);

      if (day >= DAG_N_DAYS || dag_schedule_is_holiday (schedule, d, NULL))
        continue;
      for (guint g = 0; g < n; g++)
        {
          const DagGroup *group = DAG_AT (org->groups, DagGroup, g);

          if (dag_location_is_closed (DAG_AT (org->locations, DagLocation, group->location), d))
            continue;
          for (int part = 0; part < DAG_N_PARTS; part++)
            if (group->slots & DAG_SLOT_BIT (DAG_SLOT (day, part)))
              places[g] += group->capacity;
        }
    }
  c->group_labels = g_ptr_array_new_with_free_func (g_free);
  c->group_values = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint g = 0; g < n; g++)
    {
      double v = places[g] > 0 ? 100.0 * sessions[g] / places[g] : 0;

      g_ptr_array_add (c->group_labels, g_strdup (DAG_AT (org->groups, DagGroup, g)->name));
      g_array_append_val (c->group_values, v);
    }
}

/* An allocation this month goes past: a problem each, after the others
 * ("Jan Jansen: the 14 units of this month go past the 10 left of
 * allocation 26000123"). */
static void
compute_remaining (Computation *c)
{
  g_autofree DagRemaining *left = dag_production_remaining_all (c->snap, c->production);

  for (guint i = 0; i < c->production->lines->len; i++)
    {
      const DagProductionLine *l = DAG_AT (c->production->lines, DagProductionLine, i);
      const DagRemaining *r = &left[l->indication];
      const DagIndication *ind = DAG_AT (c->snap->indications, DagIndication, l->indication);
      const DagParticipant *p = DAG_AT (c->snap->participants, DagParticipant, ind->participant);
      gint64 before = r->remaining + r->this_month;

      if (!r->over || (i > 0 && DAG_AT (c->production->lines, DagProductionLine, i - 1)->indication == l->indication))
        continue;
      g_ptr_array_add (c->problems,
                       /* Translators: a participant's name, this month's units, the units
                        * the allocation had left before the month, its number. */
                       g_strdup_printf (_("%s: the %lld units of this month go past the %lld left of allocation %s"),
                                        p->name, (long long) r->this_month, (long long) MAX (before, 0),
                                        ind->allocation_number));
    }
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Computation *c = task_data;
  gint64 t0 = g_get_monotonic_time ();

  c->production = dag_production_compute (c->snap, c->year, c->month, c->today);
  compute_totals (c);
  c->problems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < c->production->problems->len; i++)
    g_ptr_array_add (c->problems,
                     dag_production_problem_describe (c->snap, DAG_AT (c->production->problems, DagProductionProblem, i)));
  compute_remaining (c);
  compute_weeks (c);
  compute_occupancy (c);
  c->seconds = (g_get_monotonic_time () - t0) / 1e6;
  g_task_return_boolean (task, TRUE);
}

/* ---- the view ----------------------------------------------------------- */

typedef enum {
  EXPORT_CSV,
  EXPORT_XML,              /* WMO323 messages (recorded, as EXPORT_DECLARE) */
  EXPORT_DECLARE,          /* WMO323 messages recorded in the ledger */
  EXPORT_SUMMARY,
  EXPORT_PDF,
  EXPORT_CALENDAR,         /* one record's .ics */
  EXPORT_STAFF_CALENDARS,  /* every staff member's .ics into a folder */
  IMPORT_IWMO,             /* a WMO301 or WMO325 from the municipality */
} ExportKind;

struct _DagProductionView
{
  AdwBin          parent_instance;

  DagOrg        **box;
  int             year, month;
  gboolean        dirty;         /* to compute when next shown */
  guint           started;       /* generation of the last computation started */
  Computation    *shown;         /* the computation shown, or NULL */
  GCancellable   *cancellable;
  GListStore     *totals;
  GtkStringList  *problems;
  GtkNativeDialog *chooser;
  DagStore       *store;         /* for the calendars' SEQUENCE; may be NULL */
  GtkWindow      *calendar_dialog;
  guint           calendar_jobs; /* calendar exports running */
  gboolean        disposed;      /* a job may finish after the widgets went */

  /* template widgets */
  AdwToastOverlay *toast_overlay;  /* the child */
  GtkLabel       *month_label;
  GtkSpinner     *spinner;
  GtkLabel       *total_label;
  GtkColumnView  *totals_view;
  GtkColumnViewColumn *municipality_column;
  GtkColumnViewColumn *product_column;
  GtkColumnViewColumn *indications_column;
  GtkColumnViewColumn *units_column;
  GtkColumnViewColumn *amount_column;
  GtkLabel       *problems_label;
  GtkListView    *problems_view;
  GtkWidget      *problems_scroller;
  GtkListBox     *ledger_list;
  GtkWidget      *ledger_scroller;
  DagBarChart    *week_chart;
  DagBarChart    *occupancy_chart;
};

G_DEFINE_FINAL_TYPE (DagProductionView, dag_production_view, ADW_TYPE_BIN)

static void start_computation (DagProductionView *self);
static void update_ledger (DagProductionView *self);

/* "12,345.67", "12.345,67" in Dutch: the amounts shown, never the files
 * written (those keep dag_cents_format). */
static char *
format_amount (gint64 cents)
{
  return dag_format_amount (cents);
}

static void
update_actions (DagProductionView *self)
{
  gboolean ready = self->shown != NULL && !dag_production_view_is_busy (self);
  gboolean any = self->shown != NULL && self->shown->production->lines->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "production.export-csv", ready && any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "production.export-xml", ready && any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "production.declare", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "production.import-iwmo", ready && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "production.export-summary", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "production.export-pdf", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "production.export-calendar",
                                 self->store != NULL && self->box != NULL && self->calendar_jobs == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "production.export-staff-calendars",
                                 self->store != NULL && self->box != NULL && self->calendar_jobs == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "production.previous-month", self->box != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "production.next-month", self->box != NULL);
  gtk_spinner_set_spinning (self->spinner, dag_production_view_is_busy (self) && self->box != NULL);
}

static void
update_month_label (DagProductionView *self)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (self->year, self->month, 1, 12, 0, 0);
  /* Translators: the month shown in the Production view, see strftime. */
  g_autofree char *text = dt ? g_date_time_format (dt, _("%B %Y")) : NULL;

  gtk_label_set_text (self->month_label, text ? text : "");
}

static void
show_computation (DagProductionView *self,
                  Computation       *c)
{
  g_autofree char *amount = format_amount (c->amount_cents);
  g_autofree char *units_text = dag_format_count (c->units);
  /* Translators: %s is a count, "1,234" */
  g_autofree char *units = g_strdup_printf (ngettext ("%s unit", "%s units", c->units), units_text);
  g_autofree char *total = NULL;
  g_autofree char *problems = NULL;
  g_auto(GStrv) problem_texts = NULL;

  g_clear_pointer (&self->shown, computation_free);
  self->shown = c;

  /* Translators: the month's total, "1234 units, € 45678.90". */
  total = g_strdup_printf (_("%s, € %s"), units, amount);
  gtk_label_set_text (self->total_label, total);
  /* The label gives way at the start in a narrow window, so the amount
   * stays; the whole sentence is in the tooltip. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->total_label), total);
  g_list_store_splice (self->totals, 0, g_list_model_get_n_items (G_LIST_MODEL (self->totals)),
                       c->totals->pdata, c->totals->len);

  g_ptr_array_add (c->problems, NULL);
  gtk_string_list_splice (self->problems, 0, g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                          (const char * const *) c->problems->pdata);
  g_ptr_array_remove_index (c->problems, c->problems->len - 1);
  if (c->problems->len == 0)
    problems = g_strdup (_("No Problems"));
  else
    problems = g_strdup_printf (ngettext ("%u Problem", "%u Problems", c->problems->len), c->problems->len);
  gtk_label_set_text (self->problems_label, problems);
  /* No empty card: the totals get the room. */
  gtk_widget_set_visible (self->problems_scroller, c->problems->len > 0);

  dag_bar_chart_set_bars (self->week_chart, (const char * const *) c->week_labels->pdata,
                          (const double *) (void *) c->week_values->data, c->week_values->len, "", 0);
  dag_bar_chart_set_bars (self->occupancy_chart, (const char * const *) c->group_labels->pdata,
                          (const double *) (void *) c->group_values->data, c->group_values->len, "%", 100);
  update_ledger (self);
  g_debug ("Production of %04d-%02d computed in %.0f ms", c->year, c->month, c->seconds * 1000);
}

static void
compute_done (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = G_TASK (res);
  Computation *c = g_task_get_task_data (task);
  DagProductionView *self;

  if (!g_task_propagate_boolean (task, NULL))
    return;  /* cancelled: the view is going away */
  self = DAG_PRODUCTION_VIEW (object);
  if (c->generation != self->started)
    return;  /* a newer computation is under way */
  /* The view keeps the results (for the exports); the task lets go now,
   * as it may outlive the view (it holds the last reference) and must not
   * touch them after the view freed them. */
  c->shown = TRUE;
  g_task_set_task_data (task, c, NULL);
  show_computation (self, c);
  update_actions (self);
}

static void
start_computation (DagProductionView *self)
{
  g_autoptr(GTask) task = NULL;
  Computation *c;

  self->dirty = FALSE;
  if (self->box == NULL)
    return;
  c = g_new0 (Computation, 1);
  c->box = g_rc_box_acquire (self->box);
  c->snap = dag_org_snapshot_new (*self->box);
  c->year = self->year;
  c->month = self->month;
  c->today = dag_date_today ();
  c->generation = ++self->started;
  task = g_task_new (self, self->cancellable, compute_done, NULL);
  g_task_set_source_tag (task, start_computation);
  g_task_set_task_data (task, c, (GDestroyNotify) computation_release);
  g_task_run_in_thread (task, compute_thread);
  update_actions (self);
}

static void
dag_production_view_map (GtkWidget *widget)
{
  DagProductionView *self = DAG_PRODUCTION_VIEW (widget);

  GTK_WIDGET_CLASS (dag_production_view_parent_class)->map (widget);
  if (self->dirty)
    start_computation (self);
}

/* ---- month -------------------------------------------------------------- */

static void
step_month (DagProductionView *self,
            int                step)
{
  int m = self->year * 12 + (self->month - 1) + step;

  dag_production_view_set_month (self, m / 12, m % 12 + 1);
}

static void
previous_month_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  step_month (DAG_PRODUCTION_VIEW (widget), -1);
}

static void
next_month_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  step_month (DAG_PRODUCTION_VIEW (widget), 1);
}

/* ---- exports ------------------------------------------------------------ */

static gboolean
write_file (const char  *path,
            const char  *contents,
            gsize        length,
            GError     **error)
{
  /* Atomic, and owner-only: the CSV and the declarations hold BSNs. */
  return g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* ---- declarations ------------------------------------------------------ */

static guint signal_changed;

/* Saves the ledger of the window's organisation; on failure the window
 * loads the organisation again, so what is shown is what is stored.  The
 * other views learn of the change ("changed"). */
static gboolean
save_ledger (DagProductionView *self,
             GError           **error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean ok = self->store == NULL ||
                dag_store_save (self->store, *self->box, DAG_SECTION_DECLARATIONS, "declare", error);

  if (!ok && DAG_IS_WINDOW (root))
    dag_window_reload_async (DAG_WINDOW (root), NULL, NULL, NULL);
  g_signal_emit (self, signal_changed, 0);
  return ok;
}

/* Declares the month shown into folder as "dagritme declare" does: one
 * WMO323 per municipality, checked against the schema and the technical
 * rules first (nothing is written when any message has a finding), and,
 * when record, kept in the ledger and the store.  The ledger is changed
 * only while no computation reads it (the actions wait for them). */
static gboolean
declare (DagProductionView *self,
         gboolean           record,
         const char        *folder,
         guint             *n_files,
         GError           **error)
{
  const DagOrg *org = self->shown->snap;
  g_autoptr(DagDeclareResult) result = NULL;
  g_autoptr(GString) findings = g_string_new (NULL);
  guint n_findings = 0;

  result = dag_declare_month (org, self->shown->production, -1, dag_date_today (), error);
  if (result == NULL)
    return FALSE;
  for (guint i = 0; i < result->messages->len; i++)
    {
      DagDeclareMessage *m = g_ptr_array_index (result->messages, i);

      for (guint j = 0; j < m->findings->len; j++, n_findings++)
        if (n_findings < 20)
          {
            g_autofree char *text = dag_iwmo_finding_describe (g_ptr_array_index (m->findings, j));

            g_string_append_printf (findings, "\n%s", text);
          }
    }
  if (n_findings > 0)
    {
      g_set_error (error, DAG_DECLARE_ERROR, DAG_DECLARE_ERROR_INVALID,
                   /* Translators: %u findings of the local check, then a list of them. */
                   ngettext ("The local check found %u problem; nothing was written:%s",
                             "The local check found %u problems; nothing was written:%s", n_findings),
                   n_findings, findings->str);
      return FALSE;
    }
  if (!dag_declare_result_write (result, folder, error))
    return FALSE;
  *n_files = result->messages->len;
  if (record && (result->messages->len > 0 || result->withdrawn->len > 0))
    {
      DagOrg *live = *self->box;

      dag_declare_result_apply (result, live);
      if (!save_ledger (self, error))
        {
          g_prefix_error (error, _("The declarations were written but could not be recorded: "));
          return FALSE;
        }
    }
  return TRUE;
}

/* "2026-11-03" (dates in the ledger are ISO, as in the file). */
static char *
date_text (DagDate date)
{
  char buf[DAG_DATE_BUF];

  return g_strdup (dag_date_format (date, buf));
}

/* The state of one declaration in words: "D02022611: 212 lines, € 7,420.00,
 * sent 2026-12-03; 210 accepted, 2 rejected". */
static char *
declaration_state (const DagDeclaration *d)
{
  g_autofree char *amount = NULL;
  g_autofree char *written = date_text (d->written);
  g_autofree char *state = NULL;
  gint64 total = 0;
  guint accepted = 0, rejected = 0;

  for (guint i = 0; i < d->lines->len; i++)
    {
      const DagDeclarationLine *l = DAG_AT (d->lines, DagDeclarationLine, i);

      total += l->debit_credit == 'C' ? -l->amount_cents : l->amount_cents;
      if (l->has_response && l->response_accepted)
        accepted++;
      else if (l->has_response)
        rejected++;
    }
  amount = format_amount (total);
  if (accepted + rejected > 0)
    /* Translators: the municipality's answer (WMO325) to a declaration. */
    state = g_strdup_printf (_("answered: %u accepted, %u rejected"), accepted, rejected);
  else if (d->sent != DAG_DATE_NONE)
    {
      g_autofree char *sent = date_text (d->sent);
      /* Translators: %s is a date. */
      state = g_strdup_printf (_("sent %s"), sent);
    }
  else
    /* Translators: %s is a date. */
    state = g_strdup_printf (_("written %s, not sent"), written);
  /* Translators: a declaration: its number, lines, total and state. */
  return g_strdup_printf (ngettext ("%s: %u line, € %s, %s", "%s: %u lines, € %s, %s", d->lines->len),
                          d->number, d->lines->len, amount, state);
}

/* The lines the municipality rejected, a line each with the participant,
 * the return code and what it means (at most five, then how many more). */
static void
append_rejected (GString              *text,
                 const DagOrg         *org,
                 const DagDeclaration *d)
{
  guint n = 0;

  for (guint i = 0; i < d->lines->len; i++)
    {
      const DagDeclarationLine *l = DAG_AT (d->lines, DagDeclarationLine, i);
      const DagIndication *ind;
      const char *meaning;

      if (!l->has_response || l->response_accepted)
        continue;
      if (n++ >= 5)
        continue;
      ind = DAG_AT (org->indications, DagIndication, l->indication);
      meaning = dag_iwmo_return_code_text (l->response_code);
      /* Translators: a rejected declaration line: the participant, the
       * line's reference, the return code and its meaning. */
      g_string_append_printf (text, _("\nRejected: %s, line %s: %s %s"),
                              DAG_AT (org->participants, DagParticipant, ind->participant)->name,
                              l->reference, l->response_code ? l->response_code : "",
                              meaning ? meaning : "");
    }
  if (n > 5)
    g_string_append_printf (text, ngettext ("\nand %u more rejected line", "\nand %u more rejected lines", n - 5),
                            n - 5);
}

static void mark_sent_clicked_cb (GtkButton *button, DagProductionView *self);

/* One row per municipality with production or a declaration in the month
 * shown: not declared, or each of its declarations with its state. */
static void
update_ledger (DagProductionView *self)
{
  GtkWidget *child;
  const DagOrg *org = self->box ? *self->box : NULL;
  DagDate first;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ledger_list))) != NULL)
    gtk_list_box_remove (self->ledger_list, child);
  if (org == NULL || self->shown == NULL)
    {
      gtk_widget_set_visible (self->ledger_scroller, FALSE);
      return;
    }
  first = dag_date_from_ymd (self->shown->year, self->shown->month, 1);
  for (guint m = 0; m < org->municipalities->len; m++)
    {
      const DagMunicipality *mu = DAG_AT (org->municipalities, DagMunicipality, m);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const DagDeclaration *unsent = NULL;
      GtkWidget *row;
      g_autofree char *title = NULL;

      for (guint i = 0; i < org->declarations->len; i++)
        {
          const DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);
          g_autofree char *state = NULL;

          if (d->municipality != (int) m || d->month != first)
            continue;
          state = declaration_state (d);
          if (subtitle->len > 0)
            g_string_append_c (subtitle, '\n');
          g_string_append (subtitle, state);
          append_rejected (subtitle, org, d);
          if (d->sent == DAG_DATE_NONE)
            unsent = d;
        }
      if (subtitle->len == 0)
        {
          if (!dag_production_has_lines (self->shown->production, (int) m))
            continue;
          g_string_append (subtitle, _("Not declared"));
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* Translators: a municipality and its code, "Arnhem (0202)". */
      title = g_strdup_printf (_("%s (%s)"), mu->name, mu->code);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 10);
      if (unsent != NULL)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("Mark as _Sent"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("The municipality received the declaration: its month becomes final"));
          g_object_set_data_full (G_OBJECT (button), "number", g_strdup (unsent->number), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (mark_sent_clicked_cb), self, 0);
          gtk_widget_set_sensitive (button, !dag_production_view_is_busy (self));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->ledger_list, row);
    }
  gtk_widget_set_visible (self->ledger_scroller,
                          gtk_widget_get_first_child (GTK_WIDGET (self->ledger_list)) != NULL);
}

static void
mark_sent_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       DagProductionView *self)
{
  const char *number = g_object_get_data (G_OBJECT (dialog), "number");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "sent") || self->box == NULL || dag_production_view_is_busy (self))
    return;
  if (!dag_declaration_mark_sent (*self->box, number, dag_date_today (), &error) ||
      !save_ledger (self, &error))
    message = g_strdup_printf (_("The declaration could not be marked as sent: %s"), error->message);
  else
    /* Translators: %s is the number of a declaration. */
    message = g_strdup_printf (_("Declaration %s marked as sent"), number);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  update_ledger (self);
}

static void
mark_sent_clicked_cb (GtkButton         *button,
                      DagProductionView *self)
{
  const char *number = g_object_get_data (G_OBJECT (button), "number");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Mark the Declaration as Sent?"),
                                   _("Its month becomes final: the plan of its weeks can no longer change, and "
                                     "later changes to its attendance are declared as corrections."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sent", _("Mark as _Sent"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sent", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "number", g_strdup (number), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (mark_sent_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
save_export (DagProductionView *self,
             ExportKind         kind,
             const char        *path,
             guint             *n_files,
             GError           **error)
{
  const DagOrg *org = self->shown->snap;
  const DagProduction *production = self->shown->production;
  g_autofree char *contents = NULL;
  gsize length = 0;

  *n_files = 0;
  switch (kind)
    {
    case EXPORT_CSV:
      contents = dag_production_to_csv (org, production, -1, DAG_CSV_DIALECT_RFC4180, &length);
      break;
    case EXPORT_SUMMARY:
      contents = dag_production_summary (org, production, -1);
      length = strlen (contents);
      break;
    case EXPORT_PDF:
      {
        g_autoptr(DagProductionPdf) pdf = dag_production_pdf_new (org, production);

        if (!dag_production_pdf_write (pdf, path, NULL, error))
          return FALSE;
        *n_files = 1;
        return TRUE;
      }
    case EXPORT_XML:
    case EXPORT_DECLARE:
      /* As the command line's export: a message written is recorded, so
       * its numbers are never used twice. */
      return declare (self, TRUE, path, n_files, error);
    default:
      g_assert_not_reached ();
    }
  if (!write_file (path, contents, length, error))
    return FALSE;
  *n_files = 1;
  return TRUE;
}

/* ---- PDF and calendars on a worker thread -------------------------------- */

typedef struct {
  DagProductionPdf *pdf;
  char             *path;
} PdfJob;

static void
pdf_job_free (PdfJob *job)
{
  g_clear_pointer (&job->pdf, dag_production_pdf_free);
  g_free (job->path);
  g_free (job);
}

static void
pdf_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PdfJob *job = task_data;
  GError *error = NULL;

  if (dag_production_pdf_write (job->pdf, job->path, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
pdf_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  DagProductionView *self = DAG_PRODUCTION_VIEW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    message = g_strdup (_("PDF saved"));
  else if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    message = g_strdup_printf (_("The export could not be saved: %s"), error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Drawn from the month shown here, written on a worker thread. */
static void
start_pdf (DagProductionView *self,
           const char        *path)
{
  /* No cancellable: a reload must not hide that the file was written. */
  g_autoptr(GTask) task = g_task_new (self, NULL, pdf_done, NULL);
  PdfJob *job = g_new0 (PdfJob, 1);

  job->pdf = dag_production_pdf_new (self->shown->snap, self->shown->production);
  job->path = g_strdup (path);
  g_task_set_source_tag (task, start_pdf);
  g_task_set_task_data (task, job, (GDestroyNotify) pdf_job_free);
  g_task_run_in_thread (task, pdf_thread);
}

typedef struct {
  char    *database;
  DagKind  kind;
  char    *id;                 /* NULL: every record of kind */
  char    *path;
  guint    n_files;
} CalendarJob;

static void
calendar_job_free (CalendarJob *job)
{
  g_free (job->database);
  g_free (job->id);
  g_free (job->path);
  g_free (job);
}

/* The id of record i of kind, or NULL past the last. */
static const char *
record_id (const DagOrg *org,
           DagKind       kind,
           guint         i)
{
  switch (kind)
    {
    case DAG_KIND_STAFF:
      return i < org->staff->len ? DAG_AT (org->staff, DagStaff, i)->id : NULL;
    case DAG_KIND_PARTICIPANT:
      return i < org->participants->len ? DAG_AT (org->participants, DagParticipant, i)->id : NULL;
    case DAG_KIND_GROUP:
      return i < org->groups->len ? DAG_AT (org->groups, DagGroup, i)->id : NULL;
    case DAG_KIND_LOCATION:
      return i < org->locations->len ? DAG_AT (org->locations, DagLocation, i)->id : NULL;
    case DAG_KIND_VEHICLE:
      return i < org->vehicles->len ? DAG_AT (org->vehicles, DagVehicle, i)->id : NULL;
    default:
      return NULL;
    }
}

static const char *
record_name (const DagOrg *org,
             DagKind       kind,
             guint         i)
{
  switch (kind)
    {
    case DAG_KIND_STAFF:
      return DAG_AT (org->staff, DagStaff, i)->name;
    case DAG_KIND_PARTICIPANT:
      return DAG_AT (org->participants, DagParticipant, i)->name;
    case DAG_KIND_GROUP:
      return DAG_AT (org->groups, DagGroup, i)->name;
    case DAG_KIND_LOCATION:
      return DAG_AT (org->locations, DagLocation, i)->name;
    case DAG_KIND_VEHICLE:
      return DAG_AT (org->vehicles, DagVehicle, i)->name;
    default:
      return "";
    }
}

/* As "dagritme export ical" does: the organisation as stored (its own
 * connection, so the window's stays free), the default range, SEQUENCE
 * kept in the store, and atomic owner-only files. */
static void
calendar_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CalendarJob *job = task_data;
  GError *error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagIcalExport) export = NULL;

  if (job->id != NULL)
    {
      if (!dag_print_save_calendar (job->database, job->kind, job->id, job->path, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      job->n_files = 1;
      g_task_return_boolean (task, TRUE);
      return;
    }
  store = dag_store_open (job->database, &error);
  org = store ? dag_store_load (store, &error) : NULL;
  export = org ? dag_ical_export_new (org, DAG_DATE_NONE, DAG_DATE_NONE, &error) : NULL;
  if (export == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Into the folder chosen: never a new tree of folders. */
  if (!dag_print_check_folder (job->path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; record_id (org, job->kind, i) != NULL; i++)
    if (dag_ical_export_add (export, job->kind, record_id (org, job->kind, i), &error) < 0)
      {
        g_task_return_error (task, error);
        return;
      }
  if (!dag_ical_export_build (export, store, -1, &error) ||
      !dag_ical_export_write_all (export, job->path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->n_files = dag_ical_export_get_n_calendars (export);
  g_task_return_boolean (task, TRUE);
}

static void
calendar_job_done (GTask      *task,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  DagProductionView *self = DAG_PRODUCTION_VIEW (g_task_get_source_object (task));

  self->calendar_jobs--;
  if (!self->disposed)
    update_actions (self);
}

void
dag_production_view_export_calendar_async (DagProductionView   *self,
                                           DagKind              kind,
                                           const char          *id,
                                           const char          *path,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CalendarJob *job;

  g_return_if_fail (DAG_IS_PRODUCTION_VIEW (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dag_production_view_export_calendar_async);
  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The database is not open"));
      return;
    }
  job = g_new0 (CalendarJob, 1);
  job->database = g_strdup (dag_store_get_location (self->store));
  job->kind = kind;
  job->id = g_strdup (id);
  job->path = g_strdup (path);
  g_task_set_task_data (task, job, (GDestroyNotify) calendar_job_free);
  self->calendar_jobs++;
  update_actions (self);
  /* The actions come back once the task is done. */
  g_signal_connect (task, "notify::completed", G_CALLBACK (calendar_job_done), NULL);
  g_task_run_in_thread (task, calendar_thread);
}

gboolean
dag_production_view_export_calendar_finish (DagProductionView  *self,
                                            GAsyncResult       *result,
                                            guint              *n_files,
                                            GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (n_files != NULL)
    *n_files = ((CalendarJob *) g_task_get_task_data (G_TASK (result)))->n_files;
  return TRUE;
}

static void
calendar_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DagProductionView *self = DAG_PRODUCTION_VIEW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!dag_production_view_export_calendar_finish (self, result, &n, &error) &&
      (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    return;
  if (error != NULL)
    message = g_strdup_printf (_("The calendar could not be saved: %s"), error->message);
  else if (GPOINTER_TO_INT (user_data))
    message = g_strdup_printf (ngettext ("%u calendar saved", "%u calendars saved", n), n);
  else
    message = g_strdup (_("Calendar saved"));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* ---- messages from the municipality ------------------------------------ */

static void show_declare_error (DagProductionView *self, const char *heading, const GError *error);

static void
wmo301_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    DagProductionView *self)
{
  DagWmo301 *import = g_object_get_data (G_OBJECT (dialog), "import");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "apply") || self->box == NULL)
    return;
  if (dag_production_view_is_busy (self) || self->store == NULL)
    message = g_strdup (_("The allocations could not be applied: the production is still being computed"));
  else if (!dag_wmo301_apply (import, self->store, *self->box, &error))
    message = g_strdup_printf (_("The allocations could not be applied: %s"), error->message);
  else
    {
      message = g_strdup (_("Allocations applied"));
      /* Indications were added and changed: every view reads them anew. */
      if (DAG_IS_WINDOW (root))
        dag_window_reload_async (DAG_WINDOW (root), NULL, NULL, NULL);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The differences a WMO301 makes, listed before they are applied. */
static void
show_wmo301 (DagProductionView *self,
             DagWmo301         *import)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_changes = 0;
  GtkWidget *dialog, *scroller, *label;
  g_autofree char *heading = NULL;

  for (guint i = 0; i < import->differences->len; i++)
    {
      const DagWmo301Difference *d = g_ptr_array_index (import->differences, i);
      g_autofree char *line = NULL;

      if (d->kind == DAG_WMO301_UNCHANGED || d->kind == DAG_WMO301_IGNORED)
        continue;
      line = dag_wmo301_describe (d, *self->box);
      g_string_append_printf (text, "%s%s", n_changes ? "\n" : "", line);
      n_changes++;
    }
  /* Translators: %s is a masked BSN ("*****1234"). */
  heading = g_strdup_printf (_("Allocations for client %s"), import->client);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   n_changes == 0 ? _("The stored indications already say what the message says.")
                                                  : _("Applying the message changes these indications:"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (n_changes > 0)
    {
      scroller = gtk_scrolled_window_new ();
      label = gtk_label_new (text->str);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "apply", _("_Apply"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "import", import, (GDestroyNotify) dag_wmo301_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (wmo301_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Reads the WMO301 (allocations) or WMO325 (an answer) at path: the
 * first asks before it changes indications, the second is stored on the
 * ledger at once.  Returns a message for a toast, or NULL. */
static char *
import_iwmo (DagProductionView *self,
             const char        *path)
{
  g_autofree char *xml = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(DagWmo325) answer = NULL;
  DagWmo301 *allocations;

  if (self->box == NULL || self->store == NULL || dag_production_view_is_busy (self))
    return g_strdup (_("The production is still being computed"));
  if (!g_file_get_contents (path, &xml, &length, &error))
    return g_strdup_printf (_("The message could not be read: %s"), error->message);
  /* The root element says which message it is. */
  if (g_strstr_len (xml, MIN (length, 4096), "wmo301") != NULL)
    {
      allocations = dag_wmo301_read (xml, length, *self->box, &error);
      if (allocations == NULL)
        {
          show_declare_error (self, _("The Allocations Could Not Be Read"), error);
          return NULL;
        }
      show_wmo301 (self, allocations);
      return NULL;
    }
  answer = dag_wmo325_read (xml, length, *self->box, &error);
  if (answer == NULL || !dag_wmo325_apply (answer, self->store, *self->box, &error))
    {
      show_declare_error (self, _("The Answer Could Not Be Read"), error);
      return NULL;
    }
  g_signal_emit (self, signal_changed, 0);
  update_ledger (self);
  /* Translators: a declaration number, then counts of lines. */
  return g_strdup_printf (_("Answer to declaration %s: %u accepted, %u rejected"),
                          answer->number, answer->n_accepted, answer->n_rejected);
}

/* What keeps a month from being declared is often long (every indication
 * without an allocation number): a dialog, not a toast. */
static void
show_declare_error (DagProductionView *self,
                    const char        *heading,
                    const GError      *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *label = gtk_label_new (error->message);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     DagProductionView *self)
{
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "export-kind"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_files;

  if (response == GTK_RESPONSE_ACCEPT &&
      (self->shown != NULL || kind == EXPORT_CALENDAR || kind == EXPORT_STAFF_CALENDARS || kind == IMPORT_IWMO))
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;
      if (path == NULL)
        message = g_strdup (_("The export could not be saved: choose a local file or folder"));
      else if (kind == IMPORT_IWMO)
        message = import_iwmo (self, path);
      else if (kind == EXPORT_PDF)
        start_pdf (self, path);
      else if (kind == EXPORT_CALENDAR || kind == EXPORT_STAFF_CALENDARS)
        dag_production_view_export_calendar_async (self, kind == EXPORT_CALENDAR
                                                         ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "calendar-kind"))
                                                         : DAG_KIND_STAFF,
                                                   g_object_get_data (G_OBJECT (chooser), "calendar-id"),
                                                   path, NULL, calendar_saved_cb,
                                                   GINT_TO_POINTER (kind == EXPORT_STAFF_CALENDARS));
      else if (!save_export (self, kind, path, &n_files, &error))
        {
          if (kind == EXPORT_DECLARE || kind == EXPORT_XML)
            show_declare_error (self, _("The Month Could Not Be Declared"), error);
          else
            message = g_strdup_printf (_("The export could not be saved: %s"), error->message);
        }
      else if (kind == EXPORT_DECLARE && n_files == 0)
        message = g_strdup (_("Nothing to declare: the sent declarations of the month are still right"));
      else if (kind == EXPORT_XML || kind == EXPORT_DECLARE)
        message = g_strdup_printf (ngettext ("%u declaration saved", "%u declarations saved", n_files), n_files);
      else
        {
          /* The file saved, to look at in its own application. */
          g_autofree char *uri = g_file_get_uri (file);
          AdwToast *toast = adw_toast_new (_("Export saved"));

          adw_toast_set_button_label (toast, _("_Open"));
          adw_toast_set_action_name (toast, "production.open-export");
          adw_toast_set_action_target (toast, "s", uri);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
      if (message != NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

/* Opens the file chooser of an export; ckind and id say which calendar
 * (EXPORT_CALENDAR). */
static void
open_chooser (DagProductionView *self,
              ExportKind         kind,
              DagKind            ckind,
              const char        *id)
{
  gboolean folder = kind == EXPORT_XML || kind == EXPORT_DECLARE || kind == EXPORT_STAFF_CALENDARS;
  GtkFileChooserAction action = folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                : kind == IMPORT_IWMO ? GTK_FILE_CHOOSER_ACTION_OPEN
                                : GTK_FILE_CHOOSER_ACTION_SAVE;
  const char *title;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  if (self->shown == NULL && kind != EXPORT_CALENDAR && kind != EXPORT_STAFF_CALENDARS && kind != IMPORT_IWMO)
    return;
  switch (kind)
    {
    case EXPORT_CSV:
      title = _("Export the Production as CSV");
      /* Translators: the suggested file name; keep the %04d-%02d. */
      name = g_strdup_printf (_("production-%04d-%02d.csv"), self->shown->year, self->shown->month);
      break;
    case EXPORT_XML:
    case EXPORT_DECLARE:
      title = _("Choose a Folder for the Declarations");
      break;
    case EXPORT_PDF:
      title = _("Export the Production Report as PDF");
      name = g_strdup_printf (_("production-%04d-%02d.pdf"), self->shown->year, self->shown->month);
      break;
    case EXPORT_CALENDAR:
      title = _("Export the Calendar");
      /* A suggestion only: the user names the file. */
      name = g_strdelimit (g_strdup_printf ("%s.ics", id), "/\\:", '-');
      break;
    case EXPORT_STAFF_CALENDARS:
      title = _("Choose a Folder for the Staff Calendars");
      break;
    case IMPORT_IWMO:
      title = _("Open a Message from the Municipality");
      break;
    default:
      title = _("Export the Production Summary");
      name = g_strdup_printf (_("production-%04d-%02d.txt"), self->shown->year, self->shown->month);
      break;
    }
  /* The portal's file chooser in the Flatpak. */
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         action, folder ? _("_Select") : kind == IMPORT_IWMO ? _("_Open") : _("_Save"),
                                         NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "export-kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (chooser), "calendar-kind", GINT_TO_POINTER (ckind));
  g_object_set_data_full (G_OBJECT (chooser), "calendar-id", g_strdup (id), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
export (DagProductionView *self,
        ExportKind         kind)
{
  open_chooser (self, kind, DAG_KIND_STAFF, NULL);
}

/* ---- choosing a calendar ------------------------------------------------ */

static const struct { DagKind kind; const char *label; } calendar_kinds[] = {
  { DAG_KIND_STAFF, N_("Staff member") },
  { DAG_KIND_PARTICIPANT, N_("Participant") },
  { DAG_KIND_GROUP, N_("Group") },
  { DAG_KIND_LOCATION, N_("Location") },
  { DAG_KIND_VEHICLE, N_("Vehicle") },
};

/* Fills the names of the kind chosen: "Anouk de Vries (S1)". */
static void
calendar_kind_changed_cb (GtkDropDown       *kinds,
                          GParamSpec        *pspec,
                          DagProductionView *self)
{
  GtkDropDown *names = g_object_get_data (G_OBJECT (kinds), "names");
  guint k = gtk_drop_down_get_selected (kinds);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  const DagOrg *org = self->box ? *self->box : NULL;

  if (org != NULL && k < G_N_ELEMENTS (calendar_kinds))
    for (guint i = 0; record_id (org, calendar_kinds[k].kind, i) != NULL; i++)
      {
        const char *id = record_id (org, calendar_kinds[k].kind, i);
        /* Translators: a record in the calendar dialog, "Anouk de Vries (S1)". */
        g_autofree char *label = g_strdup_printf (_("%s (%s)"), record_name (org, calendar_kinds[k].kind, i), id);

        gtk_string_list_append (list, label);
        g_ptr_array_add (ids, g_strdup (id));
      }
  g_object_set_data_full (G_OBJECT (names), "ids", ids, (GDestroyNotify) g_ptr_array_unref);
  gtk_drop_down_set_model (names, G_LIST_MODEL (list));
}

static void
calendar_response_cb (AdwMessageDialog  *dialog,
                      const char        *response,
                      DagProductionView *self)
{
  GtkDropDown *kinds = g_object_get_data (G_OBJECT (dialog), "kinds");
  GtkDropDown *names = g_object_get_data (G_OBJECT (kinds), "names");
  GPtrArray *ids = g_object_get_data (G_OBJECT (names), "ids");
  guint k = gtk_drop_down_get_selected (kinds);
  guint n = gtk_drop_down_get_selected (names);

  self->calendar_dialog = NULL;
  if (!g_str_equal (response, "export") || ids == NULL || n >= ids->len || k >= G_N_ELEMENTS (calendar_kinds))
    return;
  open_chooser (self, EXPORT_CALENDAR, calendar_kinds[k].kind, g_ptr_array_index (ids, n));
}

static void
choose_calendar (DagProductionView *self)
{
  GtkWidget *dialog, *box, *kinds, *names;
  g_autoptr(GtkStringList) kind_list = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;

  if (self->box == NULL || self->calendar_dialog != NULL)
    return;
  for (guint k = 0; k < G_N_ELEMENTS (calendar_kinds); k++)
    gtk_string_list_append (kind_list, _(calendar_kinds[k].label));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Export a Calendar"),
                                   _("The weekly dagdelen of the coming 52 weeks as an iCalendar file, "
                                     "to subscribe to in a calendar program."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  kinds = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kind_list)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (kinds), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Calendar of"), -1);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  names = gtk_drop_down_new (NULL, g_steal_pointer (&expression));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (names), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (names), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_box_append (GTK_BOX (box), kinds);
  gtk_box_append (GTK_BOX (box), names);
  g_object_set_data (G_OBJECT (kinds), "names", names);
  g_object_set_data (G_OBJECT (dialog), "kinds", kinds);
  g_signal_connect_object (kinds, "notify::selected", G_CALLBACK (calendar_kind_changed_cb), self, 0);
  calendar_kind_changed_cb (GTK_DROP_DOWN (kinds), NULL, self);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (calendar_response_cb), self, 0);
  self->calendar_dialog = GTK_WINDOW (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DagProductionView *self = DAG_PRODUCTION_VIEW (widget);

  if (g_str_equal (action_name, "production.export-csv"))
    export (self, EXPORT_CSV);
  else if (g_str_equal (action_name, "production.export-pdf"))
    export (self, EXPORT_PDF);
  else if (g_str_equal (action_name, "production.export-calendar"))
    choose_calendar (self);
  else if (g_str_equal (action_name, "production.export-staff-calendars"))
    export (self, EXPORT_STAFF_CALENDARS);
  else if (g_str_equal (action_name, "production.export-xml"))
    export (self, EXPORT_XML);
  else if (g_str_equal (action_name, "production.declare"))
    export (self, EXPORT_DECLARE);
  else if (g_str_equal (action_name, "production.import-iwmo"))
    export (self, IMPORT_IWMO);
  else
    export (self, EXPORT_SUMMARY);
}

/* ---- cells -------------------------------------------------------------- */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_total_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  column)
{
  DagProductionTotal *t = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  g_autofree char *text = NULL;

  switch (GPOINTER_TO_INT (column))
    {
    case 0:
      gtk_label_set_text (label, t->municipality);
      return;
    case 1:
      gtk_label_set_text (label, t->product);
      return;
    case 2:
      text = g_strdup_printf ("%d", t->indications);
      break;
    case 3:
      text = g_strdup_printf ("%d", t->units);
      break;
    default:
      {
        g_autofree char *amount = format_amount (t->amount_cents);

        text = g_strdup_printf ("€ %s", amount);
      }
      break;
    }
  gtk_label_set_text (label, text);
}

static void
setup_problem_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_problem_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkStringObject *s = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), gtk_string_object_get_string (s));
}

static GtkListItemFactory *
label_factory (GCallback bind,
               gboolean  numeric,
               gpointer  data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", bind, data);
  return factory;
}

/* ---- GObject ------------------------------------------------------------ */

static void
dag_production_view_dispose (GObject *object)
{
  DagProductionView *self = DAG_PRODUCTION_VIEW (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->calendar_dialog != NULL)
    gtk_window_destroy (self->calendar_dialog);
  self->calendar_dialog = NULL;
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), DAG_TYPE_PRODUCTION_VIEW);
  G_OBJECT_CLASS (dag_production_view_parent_class)->dispose (object);
}

static void
dag_production_view_finalize (GObject *object)
{
  DagProductionView *self = DAG_PRODUCTION_VIEW (object);

  g_clear_pointer (&self->shown, computation_free);
  g_clear_pointer (&self->box, org_box_release);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->totals);
  g_clear_object (&self->problems);
  G_OBJECT_CLASS (dag_production_view_parent_class)->finalize (object);
}

static void
open_export_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DagProductionView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The export could not be opened: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

/* "Open" on the "Export saved" toast (GtkFileLauncher needs GTK 4.10). */
static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GAppLaunchContext) context =
    G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));

  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter, NULL), context,
                                           NULL, open_export_done, g_object_ref (widget));
}

static void
dag_production_view_class_init (DagProductionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* The view changed the organisation: its ledger (a declaration
   * recorded or marked as sent). */
  signal_changed = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  object_class->dispose = dag_production_view_dispose;
  object_class->finalize = dag_production_view_finalize;
  widget_class->map = dag_production_view_map;

  g_type_ensure (DAG_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dagritme/Dagritme/dag-production-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, month_label);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, spinner);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, total_label);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, totals_view);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, municipality_column);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, product_column);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, indications_column);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, units_column);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, amount_column);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, problems_label);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, problems_view);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, problems_scroller);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, ledger_list);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, ledger_scroller);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, week_chart);
  gtk_widget_class_bind_template_child (widget_class, DagProductionView, occupancy_chart);

  gtk_widget_class_install_action (widget_class, "production.previous-month", NULL, previous_month_action);
  gtk_widget_class_install_action (widget_class, "production.next-month", NULL, next_month_action);
  gtk_widget_class_install_action (widget_class, "production.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "production.open-export", "s", open_export_action);
  gtk_widget_class_install_action (widget_class, "production.export-xml", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "production.declare", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "production.import-iwmo", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "production.export-summary", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "production.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "production.export-calendar", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "production.export-staff-calendars", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "production.previous-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "production.next-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "production.export-csv", NULL);
}

static void
dag_production_view_init (DagProductionView *self)
{
  GtkColumnViewColumn *columns[5];
  g_autoptr(GtkListItemFactory) problem_factory = NULL;
  int y, m, d;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not bound: AdwBin unparents its own child. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->cancellable = g_cancellable_new ();
  self->totals = g_list_store_new (DAG_TYPE_PRODUCTION_TOTAL);
  self->problems = gtk_string_list_new (NULL);

  columns[0] = self->municipality_column;
  columns[1] = self->product_column;
  columns[2] = self->indications_column;
  columns[3] = self->units_column;
  columns[4] = self->amount_column;
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GtkListItemFactory) factory = label_factory (G_CALLBACK (bind_total_cb), i >= 2, GINT_TO_POINTER (i));

      gtk_column_view_column_set_factory (columns[i], factory);
    }
  gtk_column_view_set_model (self->totals_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->totals)))));
  problem_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (problem_factory, "setup", G_CALLBACK (setup_problem_cb), NULL);
  g_signal_connect (problem_factory, "bind", G_CALLBACK (bind_problem_cb), NULL);
  gtk_list_view_set_factory (self->problems_view, problem_factory);
  gtk_list_view_set_model (self->problems_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->problems)))));

  dag_bar_chart_set_title (self->week_chart, _("Dagdelen Attended per ISO Week"));
  dag_bar_chart_set_title (self->occupancy_chart, _("Occupancy per Group"));
  dag_bar_chart_set_horizontal (self->occupancy_chart, TRUE);

  /* The last full month: the one to declare. */
  dag_date_to_ymd (dag_date_today (), &y, &m, &d);
  self->year = m == 1 ? y - 1 : y;
  self->month = m == 1 ? 12 : m - 1;
  update_month_label (self);
  gtk_label_set_text (self->problems_label, _("Problems"));
  update_actions (self);
}

/* ---- public ------------------------------------------------------------- */

void
dag_production_view_set_org (DagProductionView *self,
                             DagOrg           **org_box)
{
  g_return_if_fail (DAG_IS_PRODUCTION_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->shown, computation_free);
  g_clear_pointer (&self->box, org_box_release);
  if (org_box != NULL)
    self->box = g_rc_box_acquire (org_box);
  dag_production_view_invalidate (self);
}

void
dag_production_view_set_month (DagProductionView *self,
                               int                year,
                               int                month)
{
  g_return_if_fail (DAG_IS_PRODUCTION_VIEW (self));
  g_return_if_fail (month >= 1 && month <= 12 && year >= 1);

  self->year = year;
  self->month = month;
  update_month_label (self);
  dag_production_view_invalidate (self);
}

void
dag_production_view_get_month (DagProductionView *self,
                               int               *year,
                               int               *month)
{
  g_return_if_fail (DAG_IS_PRODUCTION_VIEW (self));
  *year = self->year;
  *month = self->month;
}

void
dag_production_view_invalidate (DagProductionView *self)
{
  g_return_if_fail (DAG_IS_PRODUCTION_VIEW (self));

  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_computation (self);
  update_actions (self);
}

gboolean
dag_production_view_is_busy (DagProductionView *self)
{
  g_return_val_if_fail (DAG_IS_PRODUCTION_VIEW (self), FALSE);
  return self->dirty || self->shown == NULL || self->shown->generation != self->started;
}

GListModel *
dag_production_view_get_totals (DagProductionView *self)
{
  g_return_val_if_fail (DAG_IS_PRODUCTION_VIEW (self), NULL);
  return G_LIST_MODEL (self->totals);
}

gboolean
dag_production_view_save (DagProductionView  *self,
                          const char         *format,
                          const char         *path,
                          guint              *n_files,
                          GError            **error)
{
  ExportKind kind;
  guint n;

  g_return_val_if_fail (DAG_IS_PRODUCTION_VIEW (self), FALSE);
  g_return_val_if_fail (format != NULL && path != NULL, FALSE);

  if (g_str_equal (format, "csv"))
    kind = EXPORT_CSV;
  else if (g_str_equal (format, "xml"))
    kind = EXPORT_XML;
  else if (g_str_equal (format, "declare"))
    kind = EXPORT_DECLARE;
  else if (g_str_equal (format, "summary"))
    kind = EXPORT_SUMMARY;
  else if (g_str_equal (format, "pdf"))
    kind = EXPORT_PDF;
  else
    g_return_val_if_reached (FALSE);
  if (self->shown == NULL || dag_production_view_is_busy (self))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("The production is still being computed"));
      return FALSE;
    }
  if (!save_export (self, kind, path, &n, error))
    return FALSE;
  if (n_files != NULL)
    *n_files = n;
  return TRUE;
}

GListModel *
dag_production_view_get_problems (DagProductionView *self)
{
  g_return_val_if_fail (DAG_IS_PRODUCTION_VIEW (self), NULL);
  return G_LIST_MODEL (self->problems);
}

const double *
dag_production_view_get_occupancy (DagProductionView *self,
                                   guint             *n_groups)
{
  g_return_val_if_fail (DAG_IS_PRODUCTION_VIEW (self), NULL);
  g_return_val_if_fail (n_groups != NULL, NULL);

  *n_groups = self->shown ? self->shown->group_values->len : 0;
  return self->shown ? (const double *) (void *) self->shown->group_values->data : NULL;
}

void
dag_production_view_set_store (DagProductionView *self,
                               DagStore          *store)
{
  g_return_if_fail (DAG_IS_PRODUCTION_VIEW (self));
  g_return_if_fail (store == NULL || DAG_IS_STORE (store));

  g_set_object (&self->store, store);
  update_actions (self);
}

GtkWindow *
dag_production_view_get_calendar_dialog (DagProductionView *self)
{
  g_return_val_if_fail (DAG_IS_PRODUCTION_VIEW (self), NULL);
  return self->calendar_dialog;
}
