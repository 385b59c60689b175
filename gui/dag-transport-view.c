/* dag-transport-view.c — the Transport view: the stored runs of one day in
 * a list (recycled rows: only the visible runs have widgets) beside a
 * schematic map, the selected run's stops below the map, who needs
 * transport that day by the plan (and whether the runs still follow it),
 * staff drivers who work in a group while they drive, and "Plan Runs",
 * which plans the day on a worker thread, saves the day's runs in one
 * transaction and puts that on the window's undo stack. */

#include "config.h"

#include <glib/gi18n.h>

#include "dag-history.h"
#include "dag-holidays.h"
#include "dag-item-format.h"
#include "dag-org-snapshot.h"
#include "dag-run-item.h"
#include "dag-schedule.h"
#include "dag-store-runs.h"
#include "dag-transport-view.h"
#include "export/dag-production-export.h"
#include "planner/dag-transport-check.h"
#include "planner/dag-transport.h"
#include "planner/dag-travel.h"

struct _DagTransportView
{
  AdwBin              parent_instance;

  DagStore           *store;
  DagOrg            **box;
  DagOrg             *org;
  DagTravel          *travel;      /* for km; built on first use */
  gint64              day_cost;    /* cents of the shown day's runs, -1 unknown */
  double              day_km;
  DagDate             date;
  GArray             *runs;        /* of guint: the shown runs, indices into org->runs */
  GListStore         *items;       /* of DagRunItem, one per shown run */
  GtkSingleSelection *selection;
  GCancellable       *cancellable; /* non-NULL while planning */
  guint               n_unserved;
  GHashTable         *unserved;    /* participant + 1: in the last planning's unserved trips */
  GArray             *riders;      /* of int: who needs transport on date, ascending */
  gboolean            riders_stale; /* the plan or the date changed since they were found */
  char               *notice;      /* why the runs do not follow the plan, or NULL */
  char               *driver_notice; /* staff drivers who work in a group then, or NULL */
  char               *closed;      /* why no location is open on date, or NULL */

  /* template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkMenuButton      *date_button;
  GtkPopover         *date_popover;
  GtkCalendar        *calendar;
  GtkLabel           *summary_label;
  GtkSpinner         *spinner;
  GtkButton          *cancel_button;
  GtkWidget          *plan_box;
  GtkLabel           *plan_label;
  GtkWidget          *driver_box;
  GtkLabel           *driver_label;
  GtkStack           *stack;
  GtkScrolledWindow  *run_scroller;
  GtkListView        *run_list;
  GtkExpander        *unserved_expander;
  GtkLabel           *unserved_label;
  AdwStatusPage      *empty_page;
  DagRouteMap        *map;
  GtkRevealer        *detail_revealer;
  GtkLabel           *detail_title;
  GtkLabel           *detail_subtitle;
  GtkListBox         *stop_list;
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

/* When the vehicle is done: the arrival, or the last drop-off. */
static int
run_end (const DagRun *run)
{
  if (run->direction == DAG_DIRECTION_FROM && run->stops->len > 0)
    return DAG_AT (run->stops, DagStop, run->stops->len - 1)->time;
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

/* Built when first needed, not when the org is set: a view that is never
 * looked at costs nothing. */
static DagTravel *
get_travel (DagTransportView *self)
{
  if (self->travel == NULL)
    {
      gint64 t0 = g_get_monotonic_time ();

      self->travel = dag_travel_new (self->org, NULL);
      g_debug ("Transport: travel table built in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
    }
  return self->travel;
}

/* km from the first place of the run to its last, by the travel times. */
static double
run_km (DagTransportView *self,
        const DagRun     *run)
{
  int loc, prev;
  double km = 0, leg;

  get_travel (self);
  loc = dag_travel_place_location (self->travel, run->location);
  prev = run->direction == DAG_DIRECTION_FROM ? loc : -1;
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

static char *
run_title (const DagOrg *org,
           const DagRun *run)
{
  const char *vehicle = DAG_AT (org->vehicles, DagVehicle, run->vehicle)->name;
  const char *location = DAG_AT (org->locations, DagLocation, run->location)->name;

  if (run->direction == DAG_DIRECTION_TO)
    /* Translators: vehicle name, then the location the run goes to. */
    return g_strdup_printf (_("%s to %s"), vehicle, location);
  /* Translators: vehicle name, then the location the run leaves from. */
  return g_strdup_printf (_("%s from %s"), vehicle, location);
}

static void
run_load (const DagOrg *org,
          const DagRun *run,
          int          *seats,
          int          *chairs)
{
  *seats = *chairs = 0;
  for (guint s = 0; s < run->stops->len; s++)
    if (DAG_AT (org->participants, DagParticipant, DAG_AT (run->stops, DagStop, s)->participant)->wheelchair)
      (*chairs)++;
    else
      (*seats)++;
}

static char *
color_markup (int vehicle)
{
  GdkRGBA color;

  dag_route_map_vehicle_color (vehicle, &color);
  return g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">●</span>",
                          (int) (color.red * 255 + 0.5), (int) (color.green * 255 + 0.5),
                          (int) (color.blue * 255 + 0.5));
}

/* The widgets of one recycled row, and what it shows. */
typedef struct {
  DagTransportView *view;
  DagRunItem       *item;      /* while bound */
  gulong            notify_id;
  GtkLabel         *swatch;
  GtkLabel         *title;
  GtkLabel         *subtitle;
  GtkLabel         *seats;
  GtkWidget        *chairs_box;
  GtkLabel         *chairs;
} RunRow;

static const DagRun *
row_run (RunRow *w)
{
  const DagOrg *org = w->view->org;

  /* A row still bound to an item of an org that is being replaced. */
  if (w->item == NULL || org == NULL || dag_run_item_get_run (w->item) >= org->runs->len)
    return NULL;
  return DAG_AT (org->runs, DagRun, dag_run_item_get_run (w->item));
}

/* The load's explanation, made when asked: a tooltip set on every row
 * while binding cost a millisecond a row in GTK 4.8. */
static gboolean
load_query_tooltip_cb (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       RunRow     *w)
{
  const DagRun *run = row_run (w);
  const DagVehicle *veh;
  g_autofree char *seats = NULL, *chairs = NULL, *text = NULL;
  int n_seats, n_chairs;

  if (run == NULL)
    return FALSE;
  veh = DAG_AT (w->view->org->vehicles, DagVehicle, run->vehicle);
  run_load (w->view->org, run, &n_seats, &n_chairs);
  seats = g_strdup_printf (_("%d of %d seats taken"), n_seats, veh->seats);
  if (veh->wheelchair_places == 0)
    {
      gtk_tooltip_set_text (tooltip, seats);
      return TRUE;
    }
  chairs = g_strdup_printf (_("%d of %d wheelchair places taken"), n_chairs, veh->wheelchair_places);
  text = g_strconcat (seats, "\n", chairs, NULL);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static GtkWidget *
load_box (const char  *icon,
          GtkLabel   **label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *image = gtk_image_new_from_icon_name (icon);

  gtk_widget_add_css_class (image, "dim-label");
  *label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_width_chars (*label, 4);
  gtk_label_set_xalign (*label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (*label), "numeric");
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*label));
  return box;
}

static void
setup_run_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              DagTransportView         *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *load = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  RunRow *w = g_new0 (RunRow, 1);

  w->view = self;
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  w->swatch = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (w->swatch), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (w->swatch));

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  w->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->title, 0);
  gtk_label_set_ellipsize (w->title, PANGO_ELLIPSIZE_END);
  w->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->subtitle, 0);
  gtk_label_set_ellipsize (w->subtitle, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (w->subtitle), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (w->subtitle), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (w->subtitle), "numeric");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->title));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->subtitle));
  gtk_box_append (GTK_BOX (row), text);

  gtk_widget_set_valign (load, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (load), load_box ("system-users-symbolic", &w->seats));
  w->chairs_box = load_box ("preferences-desktop-accessibility-symbolic", &w->chairs);
  gtk_box_append (GTK_BOX (load), w->chairs_box);
  gtk_widget_set_has_tooltip (load, TRUE);
  g_signal_connect (load, "query-tooltip", G_CALLBACK (load_query_tooltip_cb), w);
  gtk_box_append (GTK_BOX (row), load);

  g_object_set_data_full (G_OBJECT (row), "run-row", w, g_free);
  gtk_list_item_set_child (list_item, row);
}

static void
fill_row (RunRow *w)
{
  DagTransportView *self = w->view;
  const DagOrg *org = self->org;
  const DagRun *run = row_run (w);
  const DagVehicle *veh;
  g_autofree char *title = NULL, *subtitle = NULL, *markup = NULL, *dep = NULL, *arr = NULL;
  g_autofree char *seats = NULL, *chairs = NULL;
  int n_seats, n_chairs;
  double km;

  if (run == NULL)
    return;
  veh = DAG_AT (org->vehicles, DagVehicle, run->vehicle);
  km = dag_run_item_get_km (w->item);
  if (km < 0)
    {
      km = run_km (self, run);
      dag_run_item_set_km (w->item, km);
    }
  run_load (org, run, &n_seats, &n_chairs);

  markup = color_markup (run->vehicle);
  gtk_label_set_markup (w->swatch, markup);
  title = run_title (org, run);
  gtk_label_set_text (w->title, title);
  dep = format_time (run_start (run));
  arr = format_time (run_end (run));
  /* Translators: departure–arrival, the driver's name and the km driven. */
  subtitle = g_strdup_printf (_("%s–%s · %s · %.1f km"), dep, arr,
                              run->driver >= 0 ? DAG_AT (org->staff, DagStaff, run->driver)->name
                                               : _("external driver"),
                              km);
  gtk_label_set_text (w->subtitle, subtitle);
  seats = g_strdup_printf ("%d/%d", n_seats, veh->seats);
  gtk_label_set_text (w->seats, seats);
  /* Kept in place, so that every row is as high. */
  gtk_widget_set_opacity (w->chairs_box, veh->wheelchair_places > 0 ? 1 : 0);
  chairs = g_strdup_printf ("%d/%d", n_chairs, veh->wheelchair_places);
  gtk_label_set_text (w->chairs, chairs);
}

static void
bind_run_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  RunRow *w = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "run-row");

  w->item = gtk_list_item_get_item (list_item);
  /* The view points its items at other runs when the day changes. */
  w->notify_id = g_signal_connect_swapped (w->item, "notify::run", G_CALLBACK (fill_row), w);
  fill_row (w);
}

static void
unbind_run_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  RunRow *w = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "run-row");

  if (w->item != NULL)
    g_clear_signal_handler (&w->notify_id, w->item);
  w->item = NULL;
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

static GtkWidget *
stop_row_new (const char *time,
              const char *name,
              gboolean    wheelchair,
              const char *detail,
              gboolean    location)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  label = gtk_label_new (time);
  gtk_widget_add_css_class (label, "numeric");
  if (location)
    gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, !wheelchair);
  if (location)
    gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  if (wheelchair)
    {
      GtkWidget *image = gtk_image_new_from_icon_name ("preferences-desktop-accessibility-symbolic");

      gtk_widget_set_hexpand (image, TRUE);
      gtk_widget_set_halign (image, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (image, _("Wheelchair"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Wheelchair"), -1);
      gtk_box_append (GTK_BOX (box), image);
    }
  label = gtk_label_new (detail);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* The selected run's stops, with the location at the start or the end:
 * one run's widgets, at most a vehicle's seats. */
static void
show_detail (DagTransportView *self,
             int               position)
{
  const DagOrg *org = self->org;
  const DagRun *run;
  const DagLocation *loc;
  g_autofree char *title = NULL, *subtitle = NULL, *at = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stop_list))) != NULL)
    gtk_list_box_remove (self->stop_list, child);
  if (org == NULL || position < 0 || (guint) position >= self->runs->len)
    {
      gtk_revealer_set_reveal_child (self->detail_revealer, FALSE);
      return;
    }
  run = DAG_AT (org->runs, DagRun, g_array_index (self->runs, guint, position));
  loc = DAG_AT (org->locations, DagLocation, run->location);
  title = run_title (org, run);
  gtk_label_set_text (self->detail_title, title);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stop", "%u stops", run->stops->len),
                              run->stops->len);
  gtk_label_set_text (self->detail_subtitle, subtitle);

  at = format_time (run->time);
  if (run->direction == DAG_DIRECTION_FROM)
    gtk_list_box_append (self->stop_list, stop_row_new (at, loc->name, FALSE, _("Departure"), TRUE));
  for (guint s = 0; s < run->stops->len; s++)
    {
      const DagStop *stop = DAG_AT (run->stops, DagStop, s);
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, stop->participant);
      int ride = run->direction == DAG_DIRECTION_TO
                 ? run->time - stop->time
                 : stop->time + dag_transport_boarding (self->org, stop->participant) - run->time;
      g_autofree char *time = format_time (stop->time);
      /* Translators: the minutes a participant is in the vehicle. */
      g_autofree char *detail = g_strdup_printf (_("%d min ride"), ride);

      gtk_list_box_append (self->stop_list, stop_row_new (time, pa->name, pa->wheelchair, detail, FALSE));
    }
  if (run->direction == DAG_DIRECTION_TO)
    gtk_list_box_append (self->stop_list, stop_row_new (at, loc->name, FALSE, _("Arrival"), TRUE));
  gtk_revealer_set_reveal_child (self->detail_revealer, TRUE);
}

static void
selection_changed_cb (DagTransportView *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  int selected = position == GTK_INVALID_LIST_POSITION ? -1 : (int) position;

  dag_route_map_set_selected (self->map, selected);
  show_detail (self, selected);
}

/* ---- who needs transport ----------------------------------------------- */

/* "3 runs, 24 stops · 18 to transport": the runs shown, and who needs
 * transport by the plan once that is known. */
static char *
format_cost (gint64 cents)
{
  return dag_format_amount (cents);
}

static void
update_summary (DagTransportView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_stops = 0;

  for (guint i = 0; self->org != NULL && i < self->runs->len; i++)
    n_stops += DAG_AT (self->org->runs, DagRun, g_array_index (self->runs, guint, i))->stops->len;
  if (self->runs->len > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u run, %u stops", "%u runs, %u stops",
                                               self->runs->len),
                            self->runs->len, n_stops);
  if (self->runs->len > 0 && self->day_cost >= 0)
    {
      g_autofree char *cost = format_cost (self->day_cost);

      /* Translators: the km the vehicles drive that day and their cost, "412.5 km, € 185.63". */
      g_string_append_printf (text, _(" · %.1f km, € %s"), self->day_km, cost);
    }
  if (self->org != NULL && !self->riders_stale && self->riders->len > 0)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: how many participants need transport on the day shown. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u to transport", "%u to transport",
                                                 self->riders->len),
                              self->riders->len);
    }
  gtk_label_set_text (self->summary_label, text->str);
}

/* "Anna de Graaf, Bert Jansen, …": the first few of who (participants). */
static char *
names_text (const DagOrg *org,
            GArray       *who)
{
  GString *text = g_string_new (NULL);
  const guint shown = 5;

  for (guint i = 0; i < MIN (who->len, shown); i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, DAG_AT (org->participants, DagParticipant, g_array_index (who, int, i))->name);
    }
  if (who->len > shown)
    g_string_append (text, ", …");
  return g_string_free (text, FALSE);
}

typedef struct {
  const DagOrg *org;
  int          *at;      /* participant × part → location, -1 */
} RiderData;

/* The planner's trips: a session that takes place, of a participant who
 * travels by bus. */
static gboolean
note_rider (const DagSession *session,
            gpointer          user_data)
{
  RiderData *d = user_data;

  if (session->state == DAG_SESSION_ON &&
      DAG_AT (d->org->participants, DagParticipant, session->participant)->transport == DAG_TRANSPORT_BUS)
    d->at[session->participant * DAG_N_PARTS + session->part] =
      DAG_AT (d->org->groups, DagGroup, session->group)->location;
  return TRUE;
}

enum { RIDES = 1 << 0, NOT_PLANNED = 1 << 1 };

/* Staff who drive a run of the shown day while they work in a group then:
 * the run checker's findings (the same the Staff view and "dagritme
 * check" show), one a line in a banner of their own. */
static void
update_drivers (DagTransportView *self,
                DagSchedule      *schedule)
{
  g_autoptr(GArray) findings = NULL;
  g_autoptr(GString) text = NULL;

  g_clear_pointer (&self->driver_notice, g_free);
  gtk_widget_set_visible (self->driver_box, FALSE);
  if (self->org == NULL || self->runs->len == 0)
    return;
  findings = dag_transport_check_drivers (self->org, get_travel (self), schedule, self->date, self->date);
  if (findings->len == 0)
    return;
  text = g_string_new (NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, DAG_AT (findings, DagFinding, i)->message);
    }
  self->driver_notice = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_label_set_text (self->driver_label, self->driver_notice);
  gtk_widget_set_visible (self->driver_box, TRUE);
}

/* Finds who needs transport on the shown date, from the one schedule (the
 * plan of that date, its one-offs and absences), and compares the stored
 * runs with it: the summary, the empty page and a banner when the runs do
 * not follow the plan any more.  One day of the schedule, a few
 * milliseconds at 5,000 participants: only for the view on screen. */
static void update_actions (DagTransportView *self);

/* Why no location is open on date (a public holiday, a day of the week no
 * group meets, every location's closure), or NULL when one is: then there
 * is nobody to drive and no runs to plan.  Newly allocated. */
static char *
closed_reason (const DagOrg *org,
               DagDate       date)
{
  const char *holiday = NULL;
  int day = dag_date_weekday (date);
  gboolean meets = FALSE;

  if (dag_holiday_check (&org->settings, date, &holiday))
    /* Translators: %s is the public holiday's name, "Tweede Kerstdag". */
    return g_strdup_printf (_("%s is a public holiday: no location is open, so there are no runs to plan."),
                            holiday);
  for (guint g = 0; day < DAG_N_DAYS && g < org->groups->len; g++)
    {
      const DagGroup *group = DAG_AT (org->groups, DagGroup, g);
      gboolean that_day = FALSE;

      for (int part = 0; part < DAG_N_PARTS; part++)
        that_day |= (group->slots & DAG_SLOT_BIT (DAG_SLOT (day, part))) != 0;
      if (!that_day || group->location < 0 || (guint) group->location >= org->locations->len)
        continue;
      meets = TRUE;
      if (!dag_location_is_closed (DAG_AT (org->locations, DagLocation, group->location), date))
        return NULL;
    }
  if (!meets)
    return g_strdup (_("No group meets on this day of the week: no location is open, so there are no runs to plan."));
  return g_strdup (_("Every location is closed on this day, so there are no runs to plan."));
}

static void
update_riders (DagTransportView *self)
{
  const DagOrg *org = self->org;
  g_autoptr(DagSchedule) schedule = NULL;
  g_autofree int *at = NULL;
  g_autofree guint8 *marks = NULL;
  g_autofree guint *per_location = NULL;
  g_autoptr(GArray) missing = NULL;
  g_autoptr(GArray) extra = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  gint64 t0 = g_get_monotonic_time ();
  gboolean empty;
  guint np;
  RiderData data;

  self->riders_stale = FALSE;
  g_array_set_size (self->riders, 0);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->closed, g_free);
  gtk_widget_set_visible (self->plan_box, FALSE);
  self->day_cost = -1;
  if (org != NULL && self->runs->len > 0)
    {
      DagTransportCheck report;

      /* The day's km and cost, when its runs still hold. */
      if (dag_transport_check (self->org, get_travel (self), self->date, &report, NULL))
        {
          self->day_cost = report.cost_cents;
          self->day_km = report.km;
        }
    }
  if (org == NULL)
    {
      update_drivers (self, NULL);
      update_summary (self);
      update_actions (self);
      return;
    }
  self->closed = closed_reason (org, self->date);
  update_actions (self);

  np = org->participants->len;
  at = g_new (int, np * DAG_N_PARTS + 1);
  for (guint i = 0; i < np * DAG_N_PARTS; i++)
    at[i] = -1;
  schedule = dag_schedule_new (org);
  data = (RiderData) { org, at };
  dag_schedule_foreach (schedule, self->date, self->date, note_rider, &data);
  update_drivers (self, schedule);

  per_location = g_new0 (guint, org->locations->len + 1);
  for (guint p = 0; p < np; p++)
    {
      const int *l = at + p * DAG_N_PARTS;
      gboolean rides = FALSE;

      for (int part = 0; part < DAG_N_PARTS; part++)
        if (l[part] >= 0)
          {
            /* Counted once at each location of the day. */
            gboolean again = FALSE;

            for (int k = 0; k < part; k++)
              again |= l[k] == l[part];
            if (!again)
              per_location[l[part]]++;
            rides = TRUE;
          }
      if (rides)
        g_array_append_val (self->riders, p);
    }

  /* The stored runs against the plan: riders no longer planned at the
   * run's location that day, and who needs transport but is in no run
   * (leaving out whom the last planning could not take: it said why). */
  marks = g_new0 (guint8, np + 1);
  extra = g_array_new (FALSE, FALSE, sizeof (int));
  missing = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < self->runs->len; i++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, g_array_index (self->runs, guint, i));

      for (guint k = 0; k < run->stops->len; k++)
        {
          int p = DAG_AT (run->stops, DagStop, k)->participant;
          const int *l;

          if (p < 0 || (guint) p >= np)
            continue;
          l = at + p * DAG_N_PARTS;
          marks[p] |= RIDES;
          if (l[DAG_PART_AM] != run->location && l[DAG_PART_PM] != run->location &&
              l[DAG_PART_EV] != run->location && !(marks[p] & NOT_PLANNED))
            {
              marks[p] |= NOT_PLANNED;
              g_array_append_val (extra, p);
            }
        }
    }
  for (guint i = 0; i < self->riders->len; i++)
    {
      int p = g_array_index (self->riders, int, i);

      if (!(marks[p] & RIDES) && !g_hash_table_contains (self->unserved, GINT_TO_POINTER (p + 1)))
        g_array_append_val (missing, p);
    }

  if (self->runs->len > 0 && (missing->len > 0 || extra->len > 0))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      if (missing->len > 0)
        {
          g_autofree char *names = names_text (org, missing);

          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u participant who needs transport is in no run: %s.",
                                                     "%u participants who need transport are in no run: %s.",
                                                     missing->len),
                                  missing->len, names);
        }
      if (extra->len > 0)
        {
          g_autofree char *names = names_text (org, extra);

          if (text->len > 0)
            g_string_append_c (text, ' ');
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u rider is no longer planned at the run’s location on this day: %s.",
                                                     "%u riders are no longer planned at their run’s location on this day: %s.",
                                                     extra->len),
                                  extra->len, names);
        }
      g_string_append_c (text, ' ');
      g_string_append (text, _("Plan the runs again to follow the plan."));
      self->notice = g_string_free (g_steal_pointer (&text), FALSE);
      gtk_label_set_text (self->plan_label, self->notice);
      gtk_widget_set_visible (self->plan_box, TRUE);
    }

  /* Without runs, the empty page says who is waiting for them.  Only then:
   * a new description makes the (homogeneous) stack measure the hidden
   * page again, which cost 10–20 ms a day shown at 5,000 participants. */
  empty = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
  if (self->closed != NULL && self->runs->len > 0)
    {
      /* Runs stored before the day closed: planning is no way to change
       * them, and the banner says why. */
      gtk_label_set_text (self->plan_label, self->closed);
      gtk_widget_set_visible (self->plan_box, TRUE);
    }
  if (empty && self->closed != NULL)
    g_string_append (description, self->closed);
  else if (empty && self->riders->len == 0)
    g_string_append (description, _("Nobody needs transport on this day."));
  else if (empty)
    {
      g_autoptr(GString) where = g_string_new (NULL);

      for (guint l = 0; l < org->locations->len; l++)
        if (per_location[l] > 0)
          {
            if (where->len > 0)
              g_string_append (where, ", ");
            /* Translators: a location and how many participants need
             * transport to it, "Atelier Arnhem: 12". */
            g_string_append_printf (where, C_("riders per location", "%s: %u"),
                                    DAG_AT (org->locations, DagLocation, l)->name, per_location[l]);
          }
      g_string_append_printf (description, g_dngettext (GETTEXT_PACKAGE,
                                                        "%u participant needs transport on this day (%s).",
                                                        "%u participants need transport on this day (%s).",
                                                        self->riders->len),
                              self->riders->len, where->str);
      g_string_append_c (description, ' ');
      g_string_append (description, _("Use “Plan Runs” to plan the runs."));
    }
  if (description->len > 0)
    adw_status_page_set_description (self->empty_page, description->str);
  update_summary (self);
  g_debug ("Transport: %u to transport found in %.1f ms", self->riders->len,
           (g_get_monotonic_time () - t0) / 1000.0);
}

static void
show_day (DagTransportView *self)
{
  gint64 t0 = g_get_monotonic_time (), t1, t2;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  update_date_label (self);
  g_array_set_size (self->runs, 0);
  if (self->org != NULL)
    {
      for (guint i = 0; i < self->org->runs->len; i++)
        if (DAG_AT (self->org->runs, DagRun, i)->date == self->date)
          g_array_append_val (self->runs, i);
      g_array_sort_with_data (self->runs, compare_runs, self->org);
    }
  t1 = g_get_monotonic_time ();
  /* The map first: the selection handler of the splice reads it. */
  dag_route_map_set_runs (self->map, self->org, self->runs);
  g_signal_handlers_block_by_func (self->selection, selection_changed_cb, self);
  /* The items there are show the new runs, and only the difference is
   * added or removed: GTK 4.8 keeps up to 200 rows of a list view, and
   * replacing every item would make and style all of them again. */
  for (guint i = 0; i < MIN (n_items, self->runs->len); i++)
    {
      g_autoptr(DagRunItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      dag_run_item_set_run (item, g_array_index (self->runs, guint, i));
    }
  for (guint i = n_items; i < self->runs->len; i++)
    g_ptr_array_add (items, dag_run_item_new (g_array_index (self->runs, guint, i)));
  if (n_items > self->runs->len)
    g_list_store_splice (self->items, self->runs->len, n_items - self->runs->len, NULL, 0);
  else if (items->len > 0)
    g_list_store_splice (self->items, n_items, 0, items->pdata, items->len);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_handlers_unblock_by_func (self->selection, selection_changed_cb, self);
  show_detail (self, -1);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->run_scroller), 0);
  t2 = g_get_monotonic_time ();

  gtk_stack_set_visible_child_name (self->stack,
                                    self->runs->len > 0 || gtk_widget_get_visible (GTK_WIDGET (self->unserved_expander))
                                    ? "runs" : "empty");
  /* Who needs transport: now on screen, else when next shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_riders (self);
  else
    {
      self->riders_stale = TRUE;
      update_summary (self);
    }
  g_debug ("Transport day shown in %.1f ms (runs found and sorted %.1f ms, list and map %.1f ms)",
           (g_get_monotonic_time () - t0) / 1000.0, (t1 - t0) / 1000.0, (t2 - t1) / 1000.0);
}

/* ---- planning ----------------------------------------------------------- */

static void
update_actions (DagTransportView *self)
{
  gboolean planning = self->cancellable != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), planning);
  gtk_spinner_set_spinning (self->spinner, planning);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), planning);
  /* Nothing to plan on a day no location is open (update_riders says why). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transport.plan",
                                 self->org != NULL && !planning && self->closed == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transport.cancel", planning);
}

typedef struct {
  /* Weak: a view that is gone (its window closed) is not kept alive to
   * save runs nobody asked for any more; its dispose cancels. */
  GWeakRef          self;
  DagOrg          **box;       /* acquired: keeps org alive for the thread */
  DagOrg           *snap;      /* what the thread plans from */
  DagTravel        *travel;
  GCancellable     *cancellable;
} Planning;

static void
planning_free (Planning *p)
{
  g_clear_pointer (&p->travel, dag_travel_free);
  g_clear_pointer (&p->snap, dag_org_snapshot_free);
  org_box_release (p->box);
  g_object_unref (p->cancellable);
  g_weak_ref_clear (&p->self);
  g_free (p);
}

/* One line of the not-transported list: who, where, and why in words. */
static void
append_trip_line (DagTransportView           *self,
                  GString                    *text,
                  const DagTransportUnserved *u)
{
  g_autofree char *why = dag_transport_unserved_describe (self->org, u);
  g_autofree char *line = NULL;

  /* Translators: a participant's name, the location, then why. */
  line = g_markup_printf_escaped (u->direction == DAG_DIRECTION_TO ? _("%s to %s: %s") : _("%s from %s: %s"),
                                  DAG_AT (self->org->participants, DagParticipant, u->participant)->name,
                                  DAG_AT (self->org->locations, DagLocation, u->location)->name,
                                  why);
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

static void
show_unserved (DagTransportView         *self,
               const DagTransportResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *label = NULL;

  self->n_unserved = result->unserved->len;
  g_hash_table_remove_all (self->unserved);
  for (guint i = 0; i < result->unserved->len; i++)
    g_hash_table_add (self->unserved,
                      GINT_TO_POINTER (DAG_AT (result->unserved, DagTransportUnserved, i)->participant + 1));
  if (result->unserved->len == 0 && result->warnings->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->unserved_expander), FALSE);
      return;
    }
  for (guint i = 0; i < result->unserved->len; i++)
    append_trip_line (self, text, DAG_AT (result->unserved, DagTransportUnserved, i));
  for (guint i = 0; i < result->warnings->len; i++)
    append_trip_line (self, text, DAG_AT (result->warnings, DagTransportUnserved, i));
  gtk_label_set_markup (self->unserved_label, text->str);
  if (result->unserved->len > 0 && result->warnings->len > 0)
    /* Translators: trips that got no run, then riders who ride alone over the ride limit. */
    label = g_strdup_printf (_("Not transported (%u) · over the ride limit (%u)"),
                             result->unserved->len, result->warnings->len);
  else if (result->unserved->len > 0)
    /* Translators: the number of trips that got no run. */
    label = g_strdup_printf (_("Not transported (%u)"), result->unserved->len);
  else
    /* Translators: riders whose direct ride is over the limit: they ride alone. */
    label = g_strdup_printf (_("Over the ride limit (%u)"), result->warnings->len);
  gtk_expander_set_label (self->unserved_expander, label);
  gtk_widget_set_visible (GTK_WIDGET (self->unserved_expander), TRUE);
}

static void
hide_unserved (DagTransportView *self)
{
  self->n_unserved = 0;
  g_hash_table_remove_all (self->unserved);
  gtk_widget_set_visible (GTK_WIDGET (self->unserved_expander), FALSE);
}

static void
run_copy_clear (gpointer data)
{
  DagRun *run = data;

  g_free (run->id);
  g_array_unref (run->stops);
}

static GArray *
runs_new (void)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (DagRun));

  g_array_set_clear_func (runs, run_copy_clear);
  return runs;
}

static void
append_run_copy (GArray       *runs,
                 const DagRun *src)
{
  DagRun run = *src;

  run.id = g_strdup (run.id);
  run.stops = g_array_copy (run.stops);
  g_array_append_val (runs, run);
}

/* Copies of the runs of date in org: what undo puts back. */
static GArray *
copy_runs (const DagOrg *org,
           DagDate       date)
{
  GArray *runs = runs_new ();

  for (guint i = 0; i < org->runs->len; i++)
    if (DAG_AT (org->runs, DagRun, i)->date == date)
      append_run_copy (runs, DAG_AT (org->runs, DagRun, i));
  return runs;
}

/* ---- undo --------------------------------------------------------------- */

/* One planning of a day on the window's undo stack: the day's runs before
 * and after, as copies (indices into the org in box). */
typedef struct {
  GWeakRef   self;
  DagStore  *store;
  DagOrg   **box;      /* acquired */
  DagDate    date;
  GArray    *before;
  GArray    *after;
} PlanStep;

static void
plan_step_free (gpointer data)
{
  PlanStep *step = data;

  g_weak_ref_clear (&step->self);
  g_clear_object (&step->store);
  org_box_release (step->box);
  g_array_unref (step->before);
  g_array_unref (step->after);
  g_free (step);
}

/* Saves the day's runs (one transaction), then puts them in the org and
 * shows them; on error nothing changed. */
static gboolean
plan_step_apply (gpointer   data,
                 gboolean   undo,
                 GError   **error)
{
  PlanStep *step = data;
  g_autoptr(DagTransportView) self = g_weak_ref_get (&step->self);
  DagTransportResult back = { .date = step->date, .runs = undo ? step->before : step->after };
  gint64 t0 = g_get_monotonic_time ();

  if (!dag_store_replace_day_runs (step->store, *step->box, step->date, back.runs, "transport", error))
    return FALSE;
  g_debug ("Transport: %u runs saved in %.1f ms", back.runs->len, (g_get_monotonic_time () - t0) / 1000.0);
  dag_transport_apply (*step->box, &back);
  if (self != NULL && self->box == step->box && self->date == step->date)
    {
      /* The list of trips without a run was the planning's, not the runs'. */
      hide_unserved (self);
      show_day (self);
    }
  return TRUE;
}

static void
push_plan_step (DagTransportView *self,
                DagDate           date,
                GArray           *before)
{
  DagHistory *history = dag_history_for_widget (GTK_WIDGET (self));
  PlanStep *step;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *day = NULL, *label = NULL;
  int y, m, d;

  if (history == NULL)
    return;
  step = g_new0 (PlanStep, 1);
  g_weak_ref_init (&step->self, self);
  step->store = g_object_ref (self->store);
  step->box = g_rc_box_acquire (self->box);
  step->date = date;
  step->before = g_array_ref (before);
  step->after = copy_runs (self->org, date);
  dag_date_to_ymd (date, &y, &m, &d);
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  /* Translators: a day in an undo label, see strftime. */
  day = g_date_time_format (dt, _("%A %-d %B"));
  /* Translators: what Undo undoes, with the day, e.g. "Plan the runs of Monday 2 November". */
  label = g_strdup_printf (_("Plan the runs of %s"), day);
  dag_history_push (history, self, label, "transport", plan_step_apply, step, plan_step_free);
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
  else if (!dag_store_replace_day_runs (self->store, self->org, result->date, result->runs, "transport", &error))
    {
      g_autofree char *text = g_strdup_printf (_("The runs could not be saved: %s"), error->message);

      /* Nothing changed in the database, so nothing changes here. */
      toast (self, text);
    }
  else
    {
      g_autofree char *message = NULL;
      g_autoptr(GArray) previous = copy_runs (self->org, result->date);

      dag_transport_apply (self->org, result);
      push_plan_step (self, result->date, previous);
      g_autofree char *cost = format_cost (result->cost_cents);

      /* Translators: runs, vehicles and the day's cost of the km in euros. */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Planned %u run with %u vehicles, € %s",
                                              "Planned %u runs with %u vehicles, € %s", result->runs->len),
                                 result->runs->len, result->n_vehicles, cost);
      if (result->n_times_changed > 0)
        {
          g_autofree char *more = NULL;

          /* Translators: appended to "Planned … runs …": pick-up times that moved more than 5 minutes. */
          more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u pick-up time changed",
                                               "%s; %u pick-up times changed", result->n_times_changed),
                                  message, result->n_times_changed);
          g_free (message);
          message = g_steal_pointer (&more);
        }
      toast (self, message);
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
  g_autofree char *closed = NULL;
  Planning *p;

  g_return_if_fail (DAG_IS_TRANSPORT_VIEW (self));
  if (self->org == NULL || self->cancellable != NULL)
    return;
  /* Asked for directly too (the view may be hidden, its reason stale). */
  closed = closed_reason (self->org, self->date);
  if (closed != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  p = g_new0 (Planning, 1);
  g_weak_ref_init (&p->self, self);
  p->box = g_rc_box_acquire (self->box);
  p->cancellable = g_object_ref (self->cancellable);
  /* Its own travel table: the thread must not share the view's. */
  p->travel = dag_travel_new (self->org, NULL);
  dag_transport_options_init (&options);
  /* The other views change the plan, the staffing, the one-offs and the
   * absences in place meanwhile (a move, an accepted plan, an undo): the
   * thread plans from copies of them, as they were when asked. */
  p->snap = dag_org_snapshot_new (self->org);
  dag_transport_plan_async (p->snap, p->travel, self->date, &options, p->cancellable, plan_done, p);
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

/* Shown: who needs transport is found, if the plan or the day changed
 * since. */
static void
dag_transport_view_map (GtkWidget *widget)
{
  DagTransportView *self = DAG_TRANSPORT_VIEW (widget);

  GTK_WIDGET_CLASS (dag_transport_view_parent_class)->map (widget);
  if (self->riders_stale)
    update_riders (self);
}

static void
dag_transport_view_dispose (GObject *object)
{
  DagTransportView *self = DAG_TRANSPORT_VIEW (object);

  dag_transport_view_cancel (self);
  g_clear_object (&self->cancellable);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
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
  g_clear_pointer (&self->riders, g_array_unref);
  g_clear_pointer (&self->unserved, g_hash_table_unref);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->closed, g_free);
  g_clear_pointer (&self->driver_notice, g_free);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (dag_transport_view_parent_class)->finalize (object);
}

static void
dag_transport_view_class_init (DagTransportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dag_transport_view_dispose;
  object_class->finalize = dag_transport_view_finalize;
  widget_class->map = dag_transport_view_map;

  g_type_ensure (DAG_TYPE_ROUTE_MAP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dagritme/Dagritme/dag-transport-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, date_button);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, date_popover);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, calendar);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, spinner);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, plan_box);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, plan_label);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, driver_box);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, driver_label);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, stack);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, run_scroller);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, run_list);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, unserved_expander);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, unserved_label);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, map);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, detail_revealer);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, DagTransportView, stop_list);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);

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

static const char css[] =
  ".transport-banner { padding: 6px 12px; background-color: alpha(@warning_color, 0.15); }\n"
  ".transport-banner.error { background-color: alpha(@error_color, 0.15); }\n";

static void
dag_transport_view_init (DagTransportView *self)
{
  static gsize css_loaded = 0;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: AdwBin unparents its child itself. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->runs = g_array_new (FALSE, FALSE, sizeof (guint));
  self->riders = g_array_new (FALSE, FALSE, sizeof (int));
  self->unserved = g_hash_table_new (NULL, NULL);
  self->day_cost = -1;
  self->riders_stale = TRUE;
  self->date = dag_date_today ();
  self->items = g_list_store_new (DAG_TYPE_RUN_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_run_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_run_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_run_cb), NULL);
  gtk_list_view_set_factory (self->run_list, factory);
  gtk_list_view_set_model (self->run_list, GTK_SELECTION_MODEL (self->selection));
  if (g_once_init_enter (&css_loaded))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_unref (provider);
      g_once_init_leave (&css_loaded, 1);
    }
  update_actions (self);
  update_date_label (self);
}

void
dag_transport_view_set_org (DagTransportView *self,
                            DagStore         *store,
                            DagOrg          **org_box)
{
  DagHistory *history;

  g_return_if_fail (DAG_IS_TRANSPORT_VIEW (self));

  /* The steps of the old organisation cannot be undone in the new one;
   * given the same one again (records edited in place), they still hold. */
  history = dag_history_for_widget (GTK_WIDGET (self));
  if (history != NULL && (org_box == NULL || org_box != self->box))
    dag_history_forget (history, self);
  dag_transport_view_cancel (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->travel, dag_travel_free);
  g_clear_pointer (&self->box, org_box_release);
  self->box = org_box ? g_rc_box_acquire (org_box) : NULL;
  self->org = org_box ? *org_box : NULL;
  g_set_object (&self->store, store);
  hide_unserved (self);
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
  hide_unserved (self);
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
  g_return_if_fail (DAG_IS_TRANSPORT_VIEW (self));
  if (position >= 0 && (guint) position < self->runs->len)
    {
      gtk_single_selection_set_selected (self->selection, position);
      /* GTK 4.8 has no gtk_list_view_scroll_to(); the list's own action
       * brings the row into view. */
      gtk_widget_activate_action (GTK_WIDGET (self->run_list), "list.scroll-to-item", "u", (guint) position);
    }
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
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

void
dag_transport_view_invalidate (DagTransportView *self)
{
  g_return_if_fail (DAG_IS_TRANSPORT_VIEW (self));

  self->riders_stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_riders (self);
}

const int *
dag_transport_view_get_riders (DagTransportView *self,
                               guint            *n_riders)
{
  g_return_val_if_fail (DAG_IS_TRANSPORT_VIEW (self), NULL);
  g_return_val_if_fail (n_riders != NULL, NULL);

  *n_riders = self->riders->len;
  return (const int *) (void *) self->riders->data;
}

const char *
dag_transport_view_get_closed_message (DagTransportView *self)
{
  g_return_val_if_fail (DAG_IS_TRANSPORT_VIEW (self), NULL);
  return self->closed;
}

const char *
dag_transport_view_get_notice (DagTransportView *self)
{
  g_return_val_if_fail (DAG_IS_TRANSPORT_VIEW (self), NULL);
  return self->notice;
}

const char *
dag_transport_view_get_driver_notice (DagTransportView *self)
{
  g_return_val_if_fail (DAG_IS_TRANSPORT_VIEW (self), NULL);
  return self->driver_notice;
}

gboolean
dag_transport_view_is_current (DagTransportView *self)
{
  g_return_val_if_fail (DAG_IS_TRANSPORT_VIEW (self), FALSE);
  return !self->riders_stale;
}
