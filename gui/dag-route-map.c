/* dag-route-map.c — a schematic map of a day's transport runs: an
 * equirectangular projection of the locations and the riders' homes scaled
 * to fit the widget, with a line per run in its vehicle's colour. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dag-route-map.h"

#define MARGIN 28.0

struct _DagRouteMap
{
  GtkWidget     parent_instance;

  const DagOrg *org;
  GArray       *runs;          /* of guint, indices into org->runs */
  int           selected;
  char         *summary;
};

G_DEFINE_FINAL_TYPE (DagRouteMap, dag_route_map, GTK_TYPE_WIDGET)

/* Distinct hues that read on light and dark backgrounds alike. */
static const char * const palette[] = {
  "#e01b24", "#3584e4", "#2ec27e", "#f6d32d", "#9141ac",
  "#ff7800", "#1c71d8", "#c64600", "#26a269", "#c061cb",
};

void
dag_route_map_vehicle_color (int      vehicle,
                             GdkRGBA *color)
{
  gdk_rgba_parse (color, palette[(guint) MAX (vehicle, 0) % G_N_ELEMENTS (palette)]);
}

static const DagRun *
run_at (DagRouteMap *self,
        guint        position)
{
  return DAG_AT (self->org->runs, DagRun, g_array_index (self->runs, guint, position));
}

static gboolean
shown (DagRouteMap *self,
       guint        position)
{
  return self->selected < 0 || (guint) self->selected == position;
}

/* The bounds of every drawn place, in degrees. */
typedef struct {
  double min_lat, max_lat, min_lon, max_lon;
  double x0, y0, scale, kx;
} Projection;

static void
extend (Projection *p,
        double      lat,
        double      lon)
{
  p->min_lat = MIN (p->min_lat, lat);
  p->max_lat = MAX (p->max_lat, lat);
  p->min_lon = MIN (p->min_lon, lon);
  p->max_lon = MAX (p->max_lon, lon);
}

static gboolean
project_setup (DagRouteMap *self,
               Projection  *p,
               double       width,
               double       height)
{
  double w, h;

  p->min_lat = p->min_lon = G_MAXDOUBLE;
  p->max_lat = p->max_lon = -G_MAXDOUBLE;
  for (guint i = 0; i < self->runs->len; i++)
    {
      const DagRun *run = run_at (self, i);
      const DagLocation *loc = DAG_AT (self->org->locations, DagLocation, run->location);

      /* Every run's places, so that selecting a run does not move the map. */
      extend (p, loc->lat, loc->lon);
      for (guint s = 0; s < run->stops->len; s++)
        {
          const DagParticipant *pa = DAG_AT (self->org->participants, DagParticipant,
                                             DAG_AT (run->stops, DagStop, s)->participant);
          if (pa->has_coords)
            extend (p, pa->lat, pa->lon);
        }
    }
  if (p->min_lat > p->max_lat)
    return FALSE;
  /* Equirectangular: a degree of longitude is cos(latitude) of one of
   * latitude, so the map is not stretched east–west. */
  p->kx = cos ((p->min_lat + p->max_lat) / 2 * G_PI / 180);
  w = MAX ((p->max_lon - p->min_lon) * p->kx, 1e-4);
  h = MAX (p->max_lat - p->min_lat, 1e-4);
  p->scale = MIN ((width - 2 * MARGIN) / w, (height - 2 * MARGIN) / h);
  p->x0 = (width - w * p->scale) / 2;
  p->y0 = (height - h * p->scale) / 2;
  return p->scale > 0;
}

static void
project (const Projection *p,
         double            lat,
         double            lon,
         double           *x,
         double           *y)
{
  *x = p->x0 + (lon - p->min_lon) * p->kx * p->scale;
  *y = p->y0 + (p->max_lat - lat) * p->scale;
}

static void
draw_run (DagRouteMap      *self,
          cairo_t          *cr,
          const Projection *p,
          guint             position,
          gboolean          emphasised)
{
  const DagRun *run = run_at (self, position);
  const DagLocation *loc = DAG_AT (self->org->locations, DagLocation, run->location);
  GdkRGBA color;
  double x, y;
  gboolean started = FALSE;

  dag_route_map_vehicle_color (run->vehicle, &color);
  if (self->selected >= 0 && !emphasised)
    color.alpha = 0.25;
  cairo_new_path (cr);
  if (run->direction == DAG_DIRECTION_FROM)
    {
      project (p, loc->lat, loc->lon, &x, &y);
      cairo_move_to (cr, x, y);
      started = TRUE;
    }
  for (guint s = 0; s < run->stops->len; s++)
    {
      const DagParticipant *pa = DAG_AT (self->org->participants, DagParticipant,
                                         DAG_AT (run->stops, DagStop, s)->participant);
      if (!pa->has_coords)
        continue;
      project (p, pa->lat, pa->lon, &x, &y);
      if (started)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      started = TRUE;
    }
  if (run->direction == DAG_DIRECTION_TO)
    {
      project (p, loc->lat, loc->lon, &x, &y);
      cairo_line_to (cr, x, y);
    }
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, emphasised ? 4.0 : 1.5);
  cairo_stroke (cr);
}

static void
dag_route_map_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DagRouteMap *self = DAG_ROUTE_MAP (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autoptr(GHashTable) drawn = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  Projection p;
  GdkRGBA fg;
  cairo_t *cr;

  if (self->org == NULL || self->runs->len == 0 || !project_setup (self, &p, width, height))
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < self->runs->len; i++)
    if ((int) i != self->selected)
      draw_run (self, cr, &p, i, FALSE);
  if (self->selected >= 0)
    draw_run (self, cr, &p, self->selected, TRUE);

  /* Homes as dots, each once. */
  drawn = g_hash_table_new (NULL, NULL);
  /* The selected run's homes first, so that they are drawn emphasised. */
  for (guint k = 0; k <= self->runs->len; k++)
    {
      guint i = k == 0 ? (guint) MAX (self->selected, 0) : k - 1;
      const DagRun *run;

      if (k == 0 && self->selected < 0)
        continue;
      run = run_at (self, i);
      for (guint s = 0; s < run->stops->len; s++)
        {
          int who = DAG_AT (run->stops, DagStop, s)->participant;
          const DagParticipant *pa = DAG_AT (self->org->participants, DagParticipant, who);
          double x, y;

          GdkRGBA dot = fg;

          if (!pa->has_coords || !g_hash_table_add (drawn, GINT_TO_POINTER (who + 1)))
            continue;
          if (!shown (self, i))
            dot.alpha = 0.35;
          project (&p, pa->lat, pa->lon, &x, &y);
          cairo_new_path (cr);
          cairo_arc (cr, x, y, shown (self, i) && self->selected >= 0 ? 4.5 : 2.5, 0, 2 * G_PI);
          gdk_cairo_set_source_rgba (cr, &dot);
          cairo_fill (cr);
        }
    }

  /* Locations as squares with their names, on top. */
  layout = gtk_widget_create_pango_layout (widget, NULL);
  g_hash_table_remove_all (drawn);
  for (guint i = 0; i < self->runs->len; i++)
    {
      const DagRun *run = run_at (self, i);
      const DagLocation *loc = DAG_AT (self->org->locations, DagLocation, run->location);
      double x, y;
      int tw, th;

      if (!g_hash_table_add (drawn, GINT_TO_POINTER (run->location + 1)))
        continue;
      project (&p, loc->lat, loc->lon, &x, &y);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_rectangle (cr, x - 6, y - 6, 12, 12);
      cairo_fill (cr);
      pango_layout_set_text (layout, loc->name, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      /* Names near the right edge go to the left of their square. */
      cairo_move_to (cr, x + 9 + tw > width ? x - 9 - tw : x + 9, y - 9 - th / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);
}

static void
update_accessible (DagRouteMap *self)
{
  g_autoptr(GHashTable) locations = g_hash_table_new (NULL, NULL);
  g_autofree char *runs = NULL;
  guint n_runs = self->runs->len;

  for (guint i = 0; self->org && i < n_runs; i++)
    g_hash_table_add (locations, GINT_TO_POINTER (run_at (self, i)->location + 1));
  runs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", n_runs), n_runs);
  g_free (self->summary);
  /* Translators: the first %s is "%u run(s)", the second the number of locations. */
  self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Map of %s to %u location",
                                                "Map of %s to %u locations",
                                                g_hash_table_size (locations)),
                                   runs, g_hash_table_size (locations));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Locations are squares, the riders’ homes dots, and each run a line in its vehicle’s colour"),
                                  -1);
}

static void
dag_route_map_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = 200;
  *natural = 400;
}

static void
dag_route_map_finalize (GObject *object)
{
  DagRouteMap *self = DAG_ROUTE_MAP (object);

  g_clear_pointer (&self->runs, g_array_unref);
  g_free (self->summary);
  G_OBJECT_CLASS (dag_route_map_parent_class)->finalize (object);
}

static void
dag_route_map_class_init (DagRouteMapClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = dag_route_map_finalize;
  widget_class->snapshot = dag_route_map_snapshot;
  widget_class->measure = dag_route_map_measure;
  gtk_widget_class_set_css_name (widget_class, "routemap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dag_route_map_init (DagRouteMap *self)
{
  self->runs = g_array_new (FALSE, FALSE, sizeof (guint));
  self->selected = -1;
  update_accessible (self);
}

GtkWidget *
dag_route_map_new (void)
{
  return g_object_new (DAG_TYPE_ROUTE_MAP, NULL);
}

void
dag_route_map_set_runs (DagRouteMap  *self,
                        const DagOrg *org,
                        const GArray *runs)
{
  g_return_if_fail (DAG_IS_ROUTE_MAP (self));

  self->org = org;
  g_array_set_size (self->runs, 0);
  if (org != NULL && runs != NULL)
    g_array_append_vals (self->runs, runs->data, runs->len);
  self->selected = -1;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dag_route_map_set_selected (DagRouteMap *self,
                            int          position)
{
  g_return_if_fail (DAG_IS_ROUTE_MAP (self));

  self->selected = position >= 0 && (guint) position < self->runs->len ? position : -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
dag_route_map_get_selected (DagRouteMap *self)
{
  g_return_val_if_fail (DAG_IS_ROUTE_MAP (self), -1);
  return self->selected;
}

const char *
dag_route_map_get_summary (DagRouteMap *self)
{
  g_return_val_if_fail (DAG_IS_ROUTE_MAP (self), NULL);
  return self->summary;
}
