/* dag-route-map.c — a schematic map of a day's transport runs: an
 * equirectangular projection of the locations and the riders' homes scaled
 * to fit the widget, with a line per run in its vehicle's colour. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dag-route-map.h"

#define MARGIN 28.0

/* One point of a run's line, in widget coordinates. */
typedef struct {
  float x, y;
  int   participant;                   /* -1 for the location */
} MapPoint;

struct _DagRouteMap
{
  GtkWidget      parent_instance;

  const DagOrg  *org;
  GArray        *runs;                 /* of guint, indices into org->runs */
  int            selected;
  char          *summary;

  /* The bounds of every place of the day, in degrees: they change with the
   * runs, not with the size or the selection. */
  double         min_lat, max_lat, min_lon, max_lon;
  gboolean       has_bounds;

  /* The day projected for one size: each run's points (starts[i] to
   * starts[i + 1]), rebuilt when the runs or the size change. */
  int            proj_width, proj_height;
  GArray        *points;               /* of MapPoint */
  GArray        *starts;               /* of guint, runs->len + 1 */

  /* What does not change from frame to frame, drawn once into textures
   * for one size, scale and foreground colour: every run's line with the
   * homes, and the locations.  Selecting a run only draws that run. */
  GdkRGBA        node_fg;
  int            node_scale;
  GskRenderNode *runs_node;            /* the lines and the homes */
  GskRenderNode *locations_node;
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

static void
clear_nodes (DagRouteMap *self)
{
  g_clear_pointer (&self->runs_node, gsk_render_node_unref);
  g_clear_pointer (&self->locations_node, gsk_render_node_unref);
}

/* Forgets the projection (and so the nodes drawn with it). */
static void
clear_projection (DagRouteMap *self)
{
  self->proj_width = self->proj_height = -1;
  clear_nodes (self);
}

static void
extend (DagRouteMap *self,
        double       lat,
        double       lon)
{
  self->min_lat = MIN (self->min_lat, lat);
  self->max_lat = MAX (self->max_lat, lat);
  self->min_lon = MIN (self->min_lon, lon);
  self->max_lon = MAX (self->max_lon, lon);
}

/* Every run's places, so that selecting a run does not move the map. */
static void
compute_bounds (DagRouteMap *self)
{
  self->min_lat = self->min_lon = G_MAXDOUBLE;
  self->max_lat = self->max_lon = -G_MAXDOUBLE;
  for (guint i = 0; self->org && i < self->runs->len; i++)
    {
      const DagRun *run = run_at (self, i);
      const DagLocation *loc = DAG_AT (self->org->locations, DagLocation, run->location);

      extend (self, loc->lat, loc->lon);
      for (guint s = 0; s < run->stops->len; s++)
        {
          const DagParticipant *pa = DAG_AT (self->org->participants, DagParticipant,
                                             DAG_AT (run->stops, DagStop, s)->participant);
          if (pa->has_coords)
            extend (self, pa->lat, pa->lon);
        }
    }
  self->has_bounds = self->min_lat <= self->max_lat;
}

/* Projects every run's line for width × height; FALSE when there is
 * nothing to draw. */
static gboolean
ensure_projection (DagRouteMap *self,
                   int          width,
                   int          height)
{
  double kx, w, h, scale, x0, y0;

  if (!self->has_bounds)
    return FALSE;
  if (width == self->proj_width && height == self->proj_height)
    return self->points->len > 0;

  clear_nodes (self);
  self->proj_width = width;
  self->proj_height = height;
  g_array_set_size (self->points, 0);
  g_array_set_size (self->starts, 0);
  /* Equirectangular: a degree of longitude is cos(latitude) of one of
   * latitude, so the map is not stretched east–west. */
  kx = cos ((self->min_lat + self->max_lat) / 2 * G_PI / 180);
  w = MAX ((self->max_lon - self->min_lon) * kx, 1e-4);
  h = MAX (self->max_lat - self->min_lat, 1e-4);
  scale = MIN ((width - 2 * MARGIN) / w, (height - 2 * MARGIN) / h);
  if (scale <= 0)
    return FALSE;
  x0 = (width - w * scale) / 2;
  y0 = (height - h * scale) / 2;

#define PROJECT(lat, lon, who) \
  G_STMT_START { \
    MapPoint mp = { x0 + ((lon) - self->min_lon) * kx * scale, y0 + (self->max_lat - (lat)) * scale, (who) }; \
    g_array_append_val (self->points, mp); \
  } G_STMT_END

  for (guint i = 0; i < self->runs->len; i++)
    {
      const DagRun *run = run_at (self, i);
      const DagLocation *loc = DAG_AT (self->org->locations, DagLocation, run->location);
      guint start = self->points->len;

      g_array_append_val (self->starts, start);
      if (run->direction == DAG_DIRECTION_FROM)
        PROJECT (loc->lat, loc->lon, -1);
      for (guint s = 0; s < run->stops->len; s++)
        {
          int who = DAG_AT (run->stops, DagStop, s)->participant;
          const DagParticipant *pa = DAG_AT (self->org->participants, DagParticipant, who);

          if (pa->has_coords)
            PROJECT (pa->lat, pa->lon, who);
        }
      if (run->direction == DAG_DIRECTION_TO)
        PROJECT (loc->lat, loc->lon, -1);
    }
#undef PROJECT
  {
    guint end = self->points->len;

    g_array_append_val (self->starts, end);
  }
  return self->points->len > 0;
}

static const MapPoint *
run_points (DagRouteMap *self,
            guint        position,
            guint       *n)
{
  guint start = g_array_index (self->starts, guint, position);

  *n = g_array_index (self->starts, guint, position + 1) - start;
  return &g_array_index (self->points, MapPoint, start);
}

/* Adds the run's line to the current path; FALSE when it has none. */
static gboolean
add_run_path (DagRouteMap *self,
              cairo_t     *cr,
              guint        position)
{
  const MapPoint *pt;
  guint n;

  pt = run_points (self, position, &n);
  if (n == 0)
    return FALSE;
  cairo_move_to (cr, pt[0].x, pt[0].y);
  for (guint k = 1; k < n; k++)
    cairo_line_to (cr, pt[k].x, pt[k].y);
  return TRUE;
}

static void
stroke_run (DagRouteMap *self,
            cairo_t     *cr,
            guint        position,
            double       width)
{
  GdkRGBA color;

  cairo_new_path (cr);
  if (!add_run_path (self, cr, position))
    return;
  dag_route_map_vehicle_color (run_at (self, position)->vehicle, &color);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
fill_homes (DagRouteMap *self,
            cairo_t     *cr,
            guint        position,
            double       radius)
{
  const MapPoint *pt;
  guint n;

  pt = run_points (self, position, &n);
  for (guint k = 0; k < n; k++)
    if (pt[k].participant >= 0)
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, pt[k].x, pt[k].y, radius, 0, 2 * G_PI);
      }
}

/* A layer of the map drawn once into an image: replaying hundreds of
 * lines and thousands of dots every frame is what made the view slow to
 * draw; an image is only copied. */
typedef struct {
  cairo_surface_t *surface;
  cairo_t         *cr;
  int              width, height;
} Layer;

static void
layer_begin (Layer *layer,
             int    width,
             int    height,
             int    scale)
{
  layer->width = width;
  layer->height = height;
  layer->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_surface_set_device_scale (layer->surface, scale, scale);
  layer->cr = cairo_create (layer->surface);
  cairo_set_line_join (layer->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (layer->cr, CAIRO_LINE_CAP_ROUND);
}

static GskRenderNode *
layer_end (Layer *layer)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  cairo_t *cr;

  cairo_destroy (layer->cr);
  /* A cairo node that paints the image: the cairo renderer copies it in
   * one blit, and the GL renderer uploads it only when the map changed. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, layer->width, layer->height));
  cairo_set_source_surface (cr, layer->surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (layer->surface);
  return gtk_snapshot_free_to_node (snapshot);
}

static void
build_nodes (DagRouteMap   *self,
             const GdkRGBA *fg,
             int            width,
             int            height,
             int            scale)
{
  g_autoptr(GHashTable) drawn = g_hash_table_new (NULL, NULL);
  g_autoptr(PangoLayout) layout = NULL;
  gint64 t0 = g_get_monotonic_time ();
  GtkSnapshot *snapshot;
  Layer layer;
  cairo_t *cr;

  /* Every run's line, and the homes over them as dots in one path: a
   * rider on two runs is one dot. */
  layer_begin (&layer, width, height, scale);
  cr = layer.cr;
  /* One path per colour, and the fast antialiasing: a stroke each for
   * hundreds of runs took most of the time.  Thin lines need no round
   * joins. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_set_line_width (cr, 1.5);
  for (guint c = 0; c < G_N_ELEMENTS (palette); c++)
    {
      GdkRGBA color;
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (guint i = 0; i < self->runs->len; i++)
        {
          int vehicle = run_at (self, i)->vehicle;

          if ((guint) MAX (vehicle, 0) % G_N_ELEMENTS (palette) == c)
            any |= add_run_path (self, cr, i);
        }
      if (!any)
        continue;
      gdk_rgba_parse (&color, palette[c]);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
  for (guint k = 0; k < self->points->len; k++)
    {
      const MapPoint *pt = &g_array_index (self->points, MapPoint, k);

      if (pt->participant < 0 || !g_hash_table_add (drawn, GINT_TO_POINTER (pt->participant + 1)))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, pt->x, pt->y, 2.5, 0, 2 * G_PI);
    }
  gdk_cairo_set_source_rgba (cr, fg);
  cairo_fill (cr);
  self->runs_node = layer_end (&layer);

  /* Locations as squares with their names, on top of everything: a few
   * of them, recorded rather than drawn into a second image. */
  snapshot = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_hash_table_remove_all (drawn);
  for (guint i = 0; i < self->runs->len; i++)
    {
      const DagRun *run = run_at (self, i);
      const DagLocation *loc = DAG_AT (self->org->locations, DagLocation, run->location);
      const MapPoint *pt;
      guint n;
      int tw, th;

      if (!g_hash_table_add (drawn, GINT_TO_POINTER (run->location + 1)))
        continue;
      pt = run_points (self, i, &n);
      /* The location is the first point of a run from it, the last of a
       * run to it. */
      pt = run->direction == DAG_DIRECTION_FROM ? &pt[0] : &pt[n - 1];
      gdk_cairo_set_source_rgba (cr, fg);
      cairo_rectangle (cr, pt->x - 6, pt->y - 6, 12, 12);
      cairo_fill (cr);
      pango_layout_set_text (layout, loc->name, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      /* Names near the right edge go to the left of their square. */
      cairo_move_to (cr, pt->x + 9 + tw > width ? pt->x - 9 - tw : pt->x + 9, pt->y - 9 - th / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);
  self->locations_node = gtk_snapshot_free_to_node (snapshot);
  self->node_fg = *fg;
  self->node_scale = scale;
  g_debug ("Route map: %u runs drawn for %d×%d in %.1f ms", self->runs->len, width, height,
           (g_get_monotonic_time () - t0) / 1000.0);
}

static void
dag_route_map_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DagRouteMap *self = DAG_ROUTE_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  GdkRGBA fg;

  if (self->org == NULL || self->runs->len == 0 || !ensure_projection (self, width, height))
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  /* A new style (dark, high contrast) or scale draws the layers again. */
  if (self->runs_node != NULL && (!gdk_rgba_equal (&fg, &self->node_fg) || scale != self->node_scale))
    clear_nodes (self);
  if (self->runs_node == NULL)
    build_nodes (self, &fg, width, height, scale);

  if (self->selected < 0)
    gtk_snapshot_append_node (snapshot, self->runs_node);
  else
    {
      cairo_t *cr;

      /* The other runs faded; only the selected one is drawn anew. */
      gtk_snapshot_push_opacity (snapshot, 0.3);
      gtk_snapshot_append_node (snapshot, self->runs_node);
      gtk_snapshot_pop (snapshot);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      stroke_run (self, cr, self->selected, 4.0);
      cairo_new_path (cr);
      fill_homes (self, cr, self->selected, 4.5);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_fill (cr);
      cairo_destroy (cr);
    }
  gtk_snapshot_append_node (snapshot, self->locations_node);
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

  clear_nodes (self);
  g_clear_pointer (&self->runs, g_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->starts, g_array_unref);
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
  self->points = g_array_new (FALSE, FALSE, sizeof (MapPoint));
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->selected = -1;
  clear_projection (self);
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
  compute_bounds (self);
  clear_projection (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dag_route_map_set_selected (DagRouteMap *self,
                            int          position)
{
  g_return_if_fail (DAG_IS_ROUTE_MAP (self));

  position = position >= 0 && (guint) position < self->runs->len ? position : -1;
  if (position == self->selected)
    return;
  self->selected = position;
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
