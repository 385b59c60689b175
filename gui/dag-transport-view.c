/* dag-transport-view.c — the Transport view: the stored runs of one day per
 * vehicle with their stops, ride times and load beside a schematic map,
 * and "Plan Runs", which plans the day on a worker thread and saves the
 * runs in one transaction. */

#include "config.h"

#include <glib/gi18n.h>

#include "dag-transport-view.h"
#include "planner/dag-transport.h"
#include "planner/dag-travel.h"

struct _DagTransportView
{
  AdwBin            parent_instance;

  DagStore         *store;
  DagOrg          **box;
  DagOrg           *org;
  DagTravel        *travel;      /* for km; built on first use */
  DagDate           date;
  GArray           *runs;        /* of guint: the shown runs, indices into org->runs */
  GCancellable     *cancellable; /* non-NULL while planning */
  guint             n_unserved;

  /* template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkMenuButton    *date_button;
  GtkPopover       *date_popover;
  GtkCalendar      *calendar;
  GtkLabel         *summary_label;
  GtkSpinner       *spinner;
  GtkButton        *cancel_button;
  GtkStack         *stack;
  GtkListBox       *run_list;
  GtkLabel         *unserved_label;
  AdwStatusPage    *empty_page;
  DagRouteMap      *map;
};

G_DEFINE_FINAL_TYPE (DagTransportView, dag_transport_view, ADW_TYPE_BIN)

static void
clear_org_box (gpointer data)
{
  dag_org_free (*(DagOrg **) data);
}

/* The last holder of the box (the window, this view or a planning
 * thread) frees the organisation. */
static void
org_box_release (DagOrg **box)
{
  g_rc_box_release_full (box, clear_org_box);
}

static void
toast (DagTransportView *self,
       const char       *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static char *
format_time (int minutes)
{
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

/* ---- showing the day ---------------------------------------------------- */

/* When the vehicle leaves: the first pickup, or the departure home. */
static int
run_start (const DagRun *run)
{
  if (run->direction == DAG_DIRECTION_TO && run->stops->len > 0)
    return DAG_AT (run->stops, DagStop, 0)->time;
  return run->time;
}

static int
compare_runs (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const DagOrg *org = data;
  const DagRun *ra = DAG_AT (org->runs, DagRun, *(const guint *) a);
  const DagRun *rb = DAG_AT (org->runs, DagRun, *(const guint *) b);
  int c = g_strcmp0 (DAG_AT (org->vehicles, DagVehicle, ra->vehicle)->name,
                     DAG_AT (org->vehicles, DagVehicle, rb->vehicle)->name);

  if (c != 0)
    return c;
  if (run_start (ra) != run_start (rb))
    return run_start (ra) < run_start (rb) ? -1 : 1;
  return g_strcmp0 (ra->id, rb->id);
}

/* km from the first place of the run to its last, by the travel times. */
static double
run_km (DagTransportView *self,
        const DagRun     *run)
{
  int loc = dag_travel_place_location (self->travel, run->location);
  int prev = run->direction == DAG_DIRECTION_FROM ? loc : -1;
  double km = 0, leg;

  for (guint s = 0; s < run->stops->len; s++)
    {
      int place = dag_travel_place_participant (self->travel, DAG_AT (run->stops, DagStop, s)->participant);

      if (prev >= 0)
        {
          dag_travel_get (self->travel, prev, place, NULL, &leg);
          km += leg;
        }
      prev = place;
    }
  if (run->direction == DAG_DIRECTION_TO && prev >= 0)
    {
      dag_travel_get (self->travel, prev, loc, NULL, &leg);
      km += leg;
    }
  return km;
}

static GtkWidget *
run_row_new (DagTransportView *self,
             const DagRun     *run)
{
  const DagOrg *org = self->org;
  const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, run->vehicle);
  const DagLocation *loc = DAG_AT (org->locations, DagLocation, run->location);
  GtkWidget *box, *head, *swatch, *label;
  g_autoptr(GString) stops = g_string_new (NULL);
  g_autofree char *title = NULL, *detail = NULL, *dep = NULL, *arr = NULL;
  int seats = 0, chairs = 0, first, last;
  GdkRGBA color;
  g_autofree char *css_color = NULL;
  g_autofree char *markup = NULL;

  first = run->stops->len > 0 ? DAG_AT (run->stops, DagStop, 0)->time : run->time;
  last = run->stops->len > 0 ? DAG_AT (run->stops, DagStop, run->stops->len - 1)->time : run->time;
  dep = format_time (run->direction == DAG_DIRECTION_TO ? first : run->time);
  arr = format_time (run->direction == DAG_DIRECTION_TO ? run->time : last);

  for (guint s = 0; s < run->stops->len; s++)
    {
      const DagStop *stop = DAG_AT (run->stops, DagStop, s);
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, stop->participant);
      g_autofree char *at = format_time (stop->time);
      int ride = run->direction == DAG_DIRECTION_TO ? run->time - stop->time : stop->time - run->time;

      if (pa->wheelchair)
        chairs++;
      else
        seats++;
      if (s > 0)
        g_string_append_c (stops, '\n');
      /* Translators: a stop: the planned time, the participant's name, a
       * mark for a wheelchair and the minutes in the bus. */
      g_string_append_printf (stops, _("%s  %s%s — %d min ride"), at, pa->name,
                              pa->wheelchair ? " ♿" : "", ride);
    }

  if (run->direction == DAG_DIRECTION_TO)
    /* Translators: vehicle name, then the location the run goes to. */
    title = g_strdup_printf (_("%s to %s"), veh->name, loc->name);
  else
    /* Translators: vehicle name, then the location the run leaves from. */
    title = g_strdup_printf (_("%s from %s"), veh->name, loc->name);
  /* Translators: departure – arrival, driver, km, then the seats and
   * wheelchair places used of the vehicle's. */
  detail = g_strdup_printf (_("%s–%s · driver %s · %.1f km · seats %d/%d · wheelchair places %d/%d"),
                            dep, arr,
                            run->driver >= 0 ? DAG_AT (org->staff, DagStaff, run->driver)->name : _("external"),
                            run_km (self, run), seats, veh->seats, chairs, veh->wheelchair_places);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  dag_route_map_vehicle_color (run->vehicle, &color);
  css_color = g_strdup_printf ("#%02x%02x%02x", (int) (color.red * 255 + 0.5),
                               (int) (color.green * 255 + 0.5), (int) (color.blue * 255 + 0.5));
  swatch = gtk_label_new (NULL);
  markup = g_strdup_printf ("<span foreground=\"%s\">■</span>", css_color);
  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  gtk_box_append (GTK_BOX (head), swatch);
  label = gtk_label_new (title);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (head), label);
  gtk_box_append (GTK_BOX (box), head);
  label = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (stops->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
update_date_label (DagTransportView *self)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  dag_date_to_ymd (self->date, &y, &m, &d);
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  /* Translators: the date shown in the Attendance and Transport views, see strftime. */
  text = g_date_time_format (dt, _("%A %-d %B %Y"));
  gtk_menu_button_set_label (self->date_button, text);
  g_signal_handlers_block_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_calendar_select_day (self->calendar, dt);
  g_signal_handlers_unblock_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
show_day (DagTransportView *self)
{
  GtkWidget *child;
  guint n_stops = 0;
  gint64 t0 = g_get_monotonic_time ();
  g_autofree char *summary = NULL;

  update_date_label (self);
  g_array_set_size (self->runs, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->run_list))) != NULL)
    gtk_list_box_remove (self->run_list, child);

  if (self->org != NULL)
    {
      for (guint i = 0; i < self->org->runs->len; i++)
        if (DAG_AT (self->org->runs, DagRun, i)->date == self->date)
          g_array_append_val (self->runs, i);
      g_array_sort_with_data (self->runs, compare_runs, self->org);
      if (self->travel == NULL && self->runs->len > 0)
        self->travel = dag_travel_new (self->org, NULL);
      for (guint i = 0; i < self->runs->len; i++)
        {
          const DagRun *run = DAG_AT (self->org->runs, DagRun, g_array_index (self->runs, guint, i));

          n_stops += run->stops->len;
          gtk_list_box_append (self->run_list, run_row_new (self, run));
        }
    }
  dag_route_map_set_runs (self->map, self->org, self->runs);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run, %u stops", "%u runs, %u stops",
                                          self->runs->len),
                             self->runs->len, n_stops);
  gtk_label_set_text (self->summary_label, self->runs->len > 0 ? summary : "");
  gtk_stack_set_visible_child_name (self->stack,
                                    self->runs->len > 0 || gtk_widget_get_visible (GTK_WIDGET (self->unserved_label))
                                    ? "runs" : "empty");
  g_debug ("Transport day shown in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
}

static void
run_selected_cb (DagTransportView *self,
                 GtkListBoxRow    *row)
{
  dag_route_map_set_selected (self->map, row ? gtk_list_box_row_get_index (row) : -1);
}

/* ---- planning ----------------------------------------------------------- */

static void
update_actions (DagTransportView *self)
{
  gboolean planning = self->cancellable != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), planning);
  gtk_spinner_set_spinning (self->spinner, planning);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), planning);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transport.plan", self->org != NULL && !planning);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transport.cancel", planning);
}

typedef struct {
  /* Weak: a view that is gone (its window closed) is not kept alive to
   * save runs nobody asked for any more; its dispose cancels. */
  GWeakRef          self;
  DagOrg          **box;       /* acquired: keeps org alive for the thread */
  DagTravel        *travel;
  GCancellable     *cancellable;
} Planning;

static void
planning_free (Planning *p)
{
  g_clear_pointer (&p->travel, dag_travel_free);
  org_box_release (p->box);
  g_object_unref (p->cancellable);
  g_weak_ref_clear (&p->self);
  g_free (p);
}

static void
show_unserved (DagTransportView         *self,
               const DagTransportResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);

  self->n_unserved = result->unserved->len;
  if (result->unserved->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->unserved_label), FALSE);
      return;
    }
  g_string_append_printf (text, "<b>%s</b>", _("Not transported"));
  for (guint i = 0; i < result->unserved->len; i++)
    {
      const DagTransportUnserved *u = DAG_AT (result->unserved, DagTransportUnserved, i);
      g_autofree char *line = NULL;

      /* Translators: a participant's name, the location, then why. */
      line = g_markup_printf_escaped (u->direction == DAG_DIRECTION_TO ? _("%s to %s: %s") : _("%s from %s: %s"),
                                      DAG_AT (self->org->participants, DagParticipant, u->participant)->name,
                                      DAG_AT (self->org->locations, DagLocation, u->location)->name,
                                      dag_transport_reason_to_string (u->reason));
      g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  gtk_label_set_markup (self->unserved_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->unserved_label), TRUE);
}

static void
run_copy_clear (gpointer data)
{
  DagRun *run = data;

  g_free (run->id);
  g_array_unref (run->stops);
}

/* Copies of the runs of date in org, to put back when saving fails. */
static GArray *
copy_runs (const DagOrg *org,
           DagDate       date)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (DagRun));

  g_array_set_clear_func (runs, run_copy_clear);
  for (guint i = 0; i < org->runs->len; i++)
    {
      DagRun run = *DAG_AT (org->runs, DagRun, i);

      if (run.date != date)
        continue;
      run.id = g_strdup (run.id);
      run.stops = g_array_copy (run.stops);
      g_array_append_val (runs, run);
    }
  return runs;
}

static void
plan_done (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Planning *p = user_data;
  g_autoptr(DagTransportView) self = g_weak_ref_get (&p->self);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagTransportResult) result = dag_transport_plan_finish (res, &error);

  /* A planning of an organisation or a view that is gone. */
  if (self == NULL || self->cancellable != p->cancellable || self->box != p->box)
    {
      planning_free (p);
      return;
    }
  g_clear_object (&self->cancellable);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      else
        toast (self, _("Planning cancelled"));
    }
  else
    {
      g_autofree char *message = NULL;

      g_autoptr(GArray) previous = copy_runs (self->org, result->date);

      dag_transport_apply (self->org, result);
      if (!dag_store_save (self->store, self->org, DAG_SECTION_RUNS, "transport", &error))
        {
          g_autofree char *text = g_strdup_printf (_("The runs could not be saved: %s"), error->message);
          DagTransportResult back = { .date = result->date, .runs = previous };

          /* Nothing changed in the database, so nothing changes here. */
          dag_transport_apply (self->org, &back);
          toast (self, text);
        }
      else
        {
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Planned %u run", "Planned %u runs",
                                                  result->runs->len),
                                     result->runs->len);
          toast (self, message);
        }
      if (result->date == self->date)
        {
          show_unserved (self, result);
          show_day (self);
        }
    }
  update_actions (self);
  planning_free (p);
}

void
dag_transport_view_plan (DagTransportView *self)
{
  DagTransportOptions options;
  Planning *p;

  g_return_if_fail (DAG_IS_TRANSPORT_VIEW (self));
  if (self->org == NULL || self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  p = g_new0 (Planning, 1);
  g_weak_ref_init (&p->self, self);
  p->box = g_rc_box_acquire (self->box);
  p->cancellable = g_object_ref (self->cancellable);
  /* Its own travel table: the thread must not share the view's. */
  p->travel = dag_travel_new (self->org, NULL);
  dag_transport_options_init (&options);
  /* Only participants, plan, indications, absences, locations, staff and
   * vehicles are read, which nothing changes on the main thread while the
   * window holds this organisation. */
  dag_transport_plan_async (self->org, p->travel, self->date, &options, p->cancellable, plan_done, p);
  update_actions (self);
}

void
dag_transport_view_cancel (DagTransportView *self)
{
  g_return_if_fail (DAG_IS_TRANSPORT_VIEW (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
dag_transport_view_is_planning (DagTransportView *self)
{
  g_return_val_if_fail (DAG_IS_TRANSPORT_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

/* ---- actions ------------------------------------------------------------ */

static void
plan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dag_transport_view_plan (DAG_TRANSPORT_VIEW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  dag_transport_view_cancel (DAG_TRANSPORT_VIEW (widget));
}

static void
previous_day_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DagTransportView *self = DAG_TRANSPORT_VIEW (widget);

  dag_transport_view_set_date (self, self->date - 1);
}

static void
next_day_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DagTransportView *self = DAG_TRANSPORT_VIEW (widget);

  dag_transport_view_set_date (self, self->date + 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  dag_transport_view_set_date (DAG_TRANSPORT_VIEW (widget), dag_date_today ());
}

static void
calendar_day_selected_cb (DagTransportView *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (self->calendar);

  gtk_popover_popdown (self->date_popover);
  dag_transport_view_set_date (self, dag_date_from_ymd (g_date_time_get_year (dt),
                                                        g_date_time_get_month (dt),
                                                        g_date_time_get_day_of_month (dt)));
}

/* ---- GObject ------------------------------------------------------------ */

static void
dag_transport_view_dispose (GObject *object)
{
  DagTransportView *self = DAG_TRANSPORT_VIEW (object);

  dag_transport_view_cancel (self);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DAG_TYPE_TRANSPORT_VIEW);
  G_OBJECT_CLASS (dag_transport_view_parent_class)->dispose (object);
}

static void
dag_transport_view_finalize (GObject *object)
{
  DagTransportView *self = DAG_TRANSPORT_VIEW (object);

  g_clear_pointer (&self->travel, dag_travel_free);
  g_clear_pointer (&self->box, org_box_release);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->runs, g_array_unref);
  G_OBJECT_CLASS (dag_transport_view_parent_class)->finalize (object);
}

static void
dag_transport_view_class_init (DagTransportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dag_transport_view_dispose;
  object_class->finalize = dag_transport_view_finalize;

  g_type_ensure (DAG_TYPE_ROUTE_MAP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dagritme/Dagritme/dag-transport-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, date_button);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, date_popover);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, calendar);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, spinner);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, stack);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, run_list);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, unserved_label);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, map);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, run_selected_cb);

  gtk_widget_class_install_action (widget_class, "transport.plan", NULL, plan_action);
  gtk_widget_class_install_action (widget_class, "transport.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "transport.previous-day", NULL, previous_day_action);
  gtk_widget_class_install_action (widget_class, "transport.next-day", NULL, next_day_action);
  gtk_widget_class_install_action (widget_class, "transport.today", NULL, today_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "transport.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "transport.next-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "transport.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "transport.cancel", NULL);
}

static void
dag_transport_view_init (DagTransportView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: AdwBin unparents its child itself. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->runs = g_array_new (FALSE, FALSE, sizeof (guint));
  self->date = dag_date_today ();
  update_actions (self);
  update_date_label (self);
}

void
dag_transport_view_set_org (DagTransportView *self,
                            DagStore         *store,
                            DagOrg          **org_box)
{
  g_return_if_fail (DAG_IS_TRANSPORT_VIEW (self));

  dag_transport_view_cancel (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->travel, dag_travel_free);
  g_clear_pointer (&self->box, org_box_release);
  self->box = org_box ? g_rc_box_acquire (org_box) : NULL;
  self->org = org_box ? *org_box : NULL;
  g_set_object (&self->store, store);
  self->n_unserved = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->unserved_label), FALSE);
  update_actions (self);
  show_day (self);
}

void
dag_transport_view_set_date (DagTransportView *self,
                             DagDate           date)
{
  g_return_if_fail (DAG_IS_TRANSPORT_VIEW (self));
  if (date == self->date)
    return;
  self->date = date;
  self->n_unserved = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->unserved_label), FALSE);
  show_day (self);
}

DagDate
dag_transport_view_get_date (DagTransportView *self)
{
  g_return_val_if_fail (DAG_IS_TRANSPORT_VIEW (self), 0);
  return self->date;
}

guint
dag_transport_view_get_n_runs (DagTransportView *self)
{
  g_return_val_if_fail (DAG_IS_TRANSPORT_VIEW (self), 0);
  return self->runs->len;
}

void
dag_transport_view_select_run (DagTransportView *self,
                               int               position)
{
  GtkListBoxRow *row;

  g_return_if_fail (DAG_IS_TRANSPORT_VIEW (self));
  row = position >= 0 ? gtk_list_box_get_row_at_index (self->run_list, position) : NULL;
  if (row != NULL)
    gtk_list_box_select_row (self->run_list, row);
  else
    gtk_list_box_unselect_all (self->run_list);
}

int
dag_transport_view_get_selected (DagTransportView *self)
{
  g_return_val_if_fail (DAG_IS_TRANSPORT_VIEW (self), -1);
  return dag_route_map_get_selected (self->map);
}

guint
dag_transport_view_get_n_unserved (DagTransportView *self)
{
  g_return_val_if_fail (DAG_IS_TRANSPORT_VIEW (self), 0);
  return self->n_unserved;
}

DagRouteMap *
dag_transport_view_get_map (DagTransportView *self)
{
  g_return_val_if_fail (DAG_IS_TRANSPORT_VIEW (self), NULL);
  return self->map;
}
