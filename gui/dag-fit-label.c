/* dag-fit-label.c — a one-line label that shows its long text where it
 * fits and its short text (cut in the middle with "…" at worst) where
 * it does not. */

#include "config.h"

#include "dag-fit-label.h"

struct _DagFitLabel
{
  GtkWidget    parent_instance;

  char        *text;
  char        *short_text;
  PangoLayout *layout;        /* of text */
  PangoLayout *short_layout;  /* of short_text, ellipsized to the width */
  gboolean     long_shown;
  int          min_width;     /* of about six characters, -1 unknown */
};

G_DEFINE_FINAL_TYPE (DagFitLabel, dag_fit_label, GTK_TYPE_WIDGET)

/* Below its short text's width a label may shrink to about six
 * characters ("Alexandra van den B." to "Alexa…"): a week of ten
 * columns must fit a laptop's screen. */
#define MIN_CHARS 6

static void
ensure_layouts (DagFitLabel *self)
{
  if (self->min_width < 0)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                                             NULL, NULL);

      self->min_width = MIN_CHARS * PANGO_PIXELS (pango_font_metrics_get_approximate_char_width (metrics));
      pango_font_metrics_unref (metrics);
    }
  if (self->layout == NULL)
    self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
  if (self->short_layout == NULL)
    {
      self->short_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->short_text);
      /* In the middle: a name's end ("v.d. B.", "’50") tells it apart. */
      pango_layout_set_ellipsize (self->short_layout, PANGO_ELLIPSIZE_MIDDLE);
    }
}

/* The font changed (a CSS class, the theme): measured again. */
static void
drop_layouts (DagFitLabel *self)
{
  g_clear_object (&self->layout);
  g_clear_object (&self->short_layout);
  self->min_width = -1;
}

static void
dag_fit_label_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  DagFitLabel *self = DAG_FIT_LABEL (widget);
  int width, height, short_width;

  ensure_layouts (self);
  pango_layout_set_width (self->short_layout, -1);
  pango_layout_get_pixel_size (self->layout, &width, &height);
  pango_layout_get_pixel_size (self->short_layout, &short_width, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN (short_width, self->min_width);
      *natural = MAX (width, short_width);
    }
  else
    {
      *minimum = *natural = height;
      *minimum_baseline = *natural_baseline = PANGO_PIXELS (pango_layout_get_baseline (self->layout));
    }
}

static void
dag_fit_label_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  DagFitLabel *self = DAG_FIT_LABEL (widget);
  int long_width;

  ensure_layouts (self);
  pango_layout_get_pixel_size (self->layout, &long_width, NULL);
  self->long_shown = long_width <= width;
  pango_layout_set_width (self->short_layout, width * PANGO_SCALE);
}

static void
dag_fit_label_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DagFitLabel *self = DAG_FIT_LABEL (widget);
  GtkStyleContext *context;

  ensure_layouts (self);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  gtk_snapshot_render_layout (snapshot, context, 0, 0, self->long_shown ? self->layout : self->short_layout);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
dag_fit_label_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (dag_fit_label_parent_class)->css_changed (widget, change);
  drop_layouts (DAG_FIT_LABEL (widget));
  gtk_widget_queue_resize (widget);
}

static void
dag_fit_label_finalize (GObject *object)
{
  DagFitLabel *self = DAG_FIT_LABEL (object);

  drop_layouts (self);
  g_free (self->text);
  g_free (self->short_text);
  G_OBJECT_CLASS (dag_fit_label_parent_class)->finalize (object);
}

static void
dag_fit_label_class_init (DagFitLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dag_fit_label_finalize;
  widget_class->measure = dag_fit_label_measure;
  widget_class->size_allocate = dag_fit_label_size_allocate;
  widget_class->snapshot = dag_fit_label_snapshot;
  widget_class->css_changed = dag_fit_label_css_changed;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
dag_fit_label_init (DagFitLabel *self)
{
  self->long_shown = TRUE;
  self->min_width = -1;
}

GtkWidget *
dag_fit_label_new (const char *text,
                   const char *short_text)
{
  DagFitLabel *self = g_object_new (DAG_TYPE_FIT_LABEL, NULL);

  dag_fit_label_set_texts (self, text, short_text);
  return GTK_WIDGET (self);
}

void
dag_fit_label_set_texts (DagFitLabel *self,
                         const char  *text,
                         const char  *short_text)
{
  g_return_if_fail (DAG_IS_FIT_LABEL (self));

  if (text == NULL)
    text = "";
  if (short_text == NULL)
    short_text = text;
  if (g_strcmp0 (self->text, text) == 0 && g_strcmp0 (self->short_text, short_text) == 0)
    return;
  g_free (self->text);
  g_free (self->short_text);
  self->text = g_strdup (text);
  self->short_text = g_strdup (short_text);
  drop_layouts (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
dag_fit_label_get_text (DagFitLabel *self)
{
  g_return_val_if_fail (DAG_IS_FIT_LABEL (self), NULL);
  return self->text;
}

const char *
dag_fit_label_get_short_text (DagFitLabel *self)
{
  g_return_val_if_fail (DAG_IS_FIT_LABEL (self), NULL);
  return self->short_text;
}

const char *
dag_fit_label_get_shown_text (DagFitLabel *self)
{
  g_return_val_if_fail (DAG_IS_FIT_LABEL (self), NULL);
  return self->long_shown ? self->text : self->short_text;
}
