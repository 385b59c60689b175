/* dag-bar-chart.c — a small bar chart widget: measures itself from the
 * number of bars and draws them with GtkSnapshot in the theme's colours. */

#include "config.h"

#include <glib/gi18n.h>

#include "dag-bar-chart.h"

#define BAR_THICKNESS 18   /* px per horizontal bar */
#define BAR_GAP       6
#define LABEL_WIDTH   160  /* px for the labels of horizontal bars */
#define CHART_HEIGHT  160  /* px of the vertical bars' area */

struct _DagBarChart
{
  GtkWidget  parent_instance;

  char      *title;
  GPtrArray *labels;       /* of char * */
  GArray    *values;       /* of double */
  char      *suffix;
  double     max;
  gboolean   horizontal;
};

G_DEFINE_FINAL_TYPE (DagBarChart, dag_bar_chart, GTK_TYPE_WIDGET)

static int
title_height (DagBarChart *self)
{
  return self->title ? 28 : 0;
}

static void
dag_bar_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  DagBarChart *self = DAG_BAR_CHART (widget);
  int n = (int) self->values->len;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->horizontal ? LABEL_WIDTH + 120 : MAX (n, 1) * 36;
      *natural = self->horizontal ? LABEL_WIDTH + 320 : MAX (n, 1) * 72;
    }
  else
    {
      *minimum = *natural = title_height (self)
                            + (self->horizontal ? MAX (n, 1) * (BAR_THICKNESS + BAR_GAP)
                                                : CHART_HEIGHT + 40);
    }
}

static void
get_colors (GtkWidget *widget,
            GdkRGBA   *fg,
            GdkRGBA   *bar)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (context, fg);
  /* The accent colour of libadwaita's stylesheet, light and dark. */
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", bar))
    gdk_rgba_parse (bar, "#3584e4");
}

static void
draw_text (GtkSnapshot  *snapshot,
           PangoLayout  *layout,
           const char   *text,
           int           x,
           int           y,
           int           width,
           PangoAlignment align,
           const GdkRGBA *color)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static double
scale_max (DagBarChart *self)
{
  double max = self->max;

  if (max <= 0)
    for (guint i = 0; i < self->values->len; i++)
      max = MAX (max, g_array_index (self->values, double, i));
  return max > 0 ? max : 1;
}

static void
dag_bar_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DagBarChart *self = DAG_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA fg, bar, dim;
  double max = scale_max (self);
  int top = title_height (self);
  guint n = self->values->len;

  get_colors (widget, &fg, &bar);
  dim = fg;
  dim.alpha *= 0.55;
  if (self->title)
    {
      g_autoptr(PangoLayout) bold = gtk_widget_create_pango_layout (widget, NULL);
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (bold, attrs);
      pango_attr_list_unref (attrs);
      draw_text (snapshot, bold, self->title, 0, 0, width, PANGO_ALIGN_LEFT, &fg);
    }
  if (n == 0)
    return;

  if (self->horizontal)
    {
      int bar_x = LABEL_WIDTH + 8;
      int bar_w = MAX (width - bar_x - 56, 10);

      for (guint i = 0; i < n; i++)
        {
          double v = g_array_index (self->values, double, i);
          int y = top + (int) i * (BAR_THICKNESS + BAR_GAP);
          int w = (int) (bar_w * MIN (v / max, 1.0) + 0.5);
          g_autofree char *value = g_strdup_printf ("%.0f%s", v, self->suffix);

          draw_text (snapshot, layout, g_ptr_array_index (self->labels, i), 0, y, LABEL_WIDTH,
                     PANGO_ALIGN_RIGHT, &fg);
          gtk_snapshot_append_color (snapshot, &dim, &GRAPHENE_RECT_INIT (bar_x, y + BAR_THICKNESS - 1, bar_w, 1));
          gtk_snapshot_append_color (snapshot, &bar, &GRAPHENE_RECT_INIT (bar_x, y + 2, w, BAR_THICKNESS - 4));
          draw_text (snapshot, layout, value, bar_x + w + 4, y, 52, PANGO_ALIGN_LEFT, &dim);
        }
    }
  else
    {
      int area = MAX (height - top - 40, 10);
      int slot = width / (int) n;
      int bar_w = MAX (slot * 3 / 5, 4);
      int base = top + 20 + area;

      gtk_snapshot_append_color (snapshot, &dim, &GRAPHENE_RECT_INIT (0, base, width, 1));
      for (guint i = 0; i < n; i++)
        {
          double v = g_array_index (self->values, double, i);
          int h = (int) (area * MIN (v / max, 1.0) + 0.5);
          int x = (int) i * slot;
          g_autofree char *value = g_strdup_printf ("%.0f%s", v, self->suffix);

          gtk_snapshot_append_color (snapshot, &bar,
                                     &GRAPHENE_RECT_INIT (x + (slot - bar_w) / 2, base - h, bar_w, h));
          draw_text (snapshot, layout, value, x, base - h - 18, slot, PANGO_ALIGN_CENTER, &dim);
          draw_text (snapshot, layout, g_ptr_array_index (self->labels, i), x, base + 4, slot,
                     PANGO_ALIGN_CENTER, &fg);
        }
    }
}

static void
update_accessible (DagBarChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->values->len; i++)
    {
      g_autofree char *value = g_strdup_printf ("%.0f%s", g_array_index (self->values, double, i), self->suffix);

      if (i > 0)
        g_string_append (text, ", ");
      /* Translators: one bar of a chart for screen readers: "week 41: 120". */
      g_string_append_printf (text, _("%s: %s"), (char *) g_ptr_array_index (self->labels, i), value);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

static void
dag_bar_chart_finalize (GObject *object)
{
  DagBarChart *self = DAG_BAR_CHART (object);

  g_free (self->title);
  g_free (self->suffix);
  g_ptr_array_unref (self->labels);
  g_array_unref (self->values);
  G_OBJECT_CLASS (dag_bar_chart_parent_class)->finalize (object);
}

static void
dag_bar_chart_class_init (DagBarChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = dag_bar_chart_finalize;
  widget_class->measure = dag_bar_chart_measure;
  widget_class->snapshot = dag_bar_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dag_bar_chart_init (DagBarChart *self)
{
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->suffix = g_strdup ("");
}

GtkWidget *
dag_bar_chart_new (void)
{
  return g_object_new (DAG_TYPE_BAR_CHART, NULL);
}

void
dag_bar_chart_set_title (DagBarChart *self,
                         const char  *title)
{
  g_return_if_fail (DAG_IS_BAR_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
dag_bar_chart_set_bars (DagBarChart        *self,
                        const char * const *labels,
                        const double       *values,
                        guint               n,
                        const char         *suffix,
                        double              max)
{
  g_return_if_fail (DAG_IS_BAR_CHART (self));
  g_return_if_fail (n == 0 || (labels != NULL && values != NULL));

  g_ptr_array_set_size (self->labels, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->labels, g_strdup (labels[i]));
  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, values, n);
  g_free (self->suffix);
  self->suffix = g_strdup (suffix ? suffix : "");
  self->max = max;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
dag_bar_chart_set_horizontal (DagBarChart *self,
                              gboolean     horizontal)
{
  g_return_if_fail (DAG_IS_BAR_CHART (self));

  self->horizontal = !!horizontal;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
dag_bar_chart_get_n_bars (DagBarChart *self)
{
  g_return_val_if_fail (DAG_IS_BAR_CHART (self), 0);
  return self->values->len;
}

double
dag_bar_chart_get_value (DagBarChart *self,
                         guint        i)
{
  g_return_val_if_fail (DAG_IS_BAR_CHART (self), 0);
  g_return_val_if_fail (i < self->values->len, 0);
  return g_array_index (self->values, double, i);
}
