/* dag-week-legend.c — the Week Plan's legend popover: a sample of each
 * colour, mark and chip of the grid (drawn with the grid's own style
 * classes, so that it always matches) beside what it means. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-week-legend.h"

struct _DagWeekLegend
{
  GtkPopover  parent_instance;

  GtkGrid    *grid;
  guint       n_entries;
  int         row;
};

G_DEFINE_FINAL_TYPE (DagWeekLegend, dag_week_legend, GTK_TYPE_POPOVER)

static void
add_heading (DagWeekLegend *self, const char *text)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "label", text, "xalign", 0.0f,
                                   "css-classes", (const char *[]) { "heading", NULL }, NULL);

  if (self->n_entries > 0)
    gtk_widget_set_margin_top (label, 6);
  gtk_grid_attach (self->grid, label, 0, self->row++, 2, 1);
}

static void
add_entry (DagWeekLegend *self, GtkWidget *sample, const char *meaning)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "label", meaning, "xalign", 0.0f, "wrap", TRUE,
                                   "max-width-chars", 40, "width-chars", 28, NULL);

  gtk_widget_set_valign (sample, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (sample, GTK_ALIGN_START);
  gtk_grid_attach (self->grid, sample, 0, self->row, 1, 1);
  gtk_grid_attach (self->grid, label, 1, self->row++, 1, 1);
  self->n_entries++;
}

/* A sample cell: "7/8" in a cell of the given style class. */
static GtkWidget *
cell_sample (const char *css_class, const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "label", text, "xalign", 1.0f,
                                   "css-classes", (const char *[]) { "caption", "numeric", NULL }, NULL);

  gtk_widget_add_css_class (box, "week-cell");
  if (css_class)
    gtk_widget_add_css_class (box, css_class);
  gtk_widget_set_size_request (box, 64, -1);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* A sample chip with an optional icon before and after the name. */
static GtkWidget *
chip_sample (const char *css_class, const char *before, const char *name, const char *after)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

  gtk_widget_add_css_class (box, "week-chip");
  if (css_class)
    gtk_widget_add_css_class (box, css_class);
  if (before)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (before));
  gtk_box_append (GTK_BOX (box), gtk_label_new (name));
  if (after)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (after));
  return box;
}

static GtkWidget *
staff_sample (const char *name, const char *badge, gboolean lead)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);
  GtkWidget *label = gtk_label_new (badge);

  gtk_widget_add_css_class (box, "week-staff-chip");
  gtk_box_append (GTK_BOX (box), gtk_label_new (name));
  gtk_widget_add_css_class (label, "week-badge");
  gtk_box_append (GTK_BOX (box), label);
  if (lead)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("starred-symbolic"));
  return box;
}

static void
dag_week_legend_class_init (DagWeekLegendClass *klass)
{
}

static void
dag_week_legend_init (DagWeekLegend *self)
{
  self->grid = g_object_new (GTK_TYPE_GRID, "row-spacing", 6, "column-spacing", 12,
                             "margin-start", 6, "margin-end", 6, "margin-top", 6, "margin-bottom", 6, NULL);
  gtk_popover_set_child (GTK_POPOVER (self), GTK_WIDGET (self->grid));

  add_heading (self, _("Cells"));
  add_entry (self, cell_sample (NULL, "7/8"),
             _("A group on a dagdeel: participants planned / places"));
  add_entry (self, cell_sample ("error", "9/8"),
             _("Red: a planning rule is broken here (too many participants, too few staff, no valid indication…). "
               "Point at the cell or see Plan Problems."));
  add_entry (self, cell_sample ("warning", "6/8"),
             _("Yellow: something to look at (a staff member absent, an indication ending)"));
  add_entry (self, cell_sample ("closed", "6/8"),
             _("Dashed and pale: a holiday or closure, the group does not meet"));

  add_heading (self, _("Participants"));
  /* Translators: a sample name in the legend, shortened as in the grid */
  add_entry (self, chip_sample (NULL, NULL, _("Anna de V."), NULL),
             _("A participant: the whole name where it fits, else a short form that still tells namesakes apart; "
               "point at it for the whole name"));
  add_entry (self, chip_sample (NULL, NULL, _("Bus"), "emoji-travel-symbolic"), _("Comes by bus"));
  add_entry (self, chip_sample (NULL, NULL, _("Chair"), "preferences-desktop-accessibility-symbolic"),
             _("Uses a wheelchair"));

  add_heading (self, _("Staff"));
  add_entry (self, staff_sample (_("Jan B."), C_("qualification", "HBO"), TRUE),
             _("Staff member with an HBO qualification who has the lead (regie) on this dagdeel"));
  add_entry (self, staff_sample (_("Sara Y."), C_("qualification", "MBO"), FALSE),
             _("Staff member with an MBO qualification"));

  add_heading (self, _("Proposed by the planner"));
  add_entry (self, chip_sample ("proposed-add", "list-add-symbolic", _("Anna de V."), NULL),
             _("Would be planned here"));
  add_entry (self, chip_sample ("proposed-move", "go-next-symbolic", _("Anna de V."), NULL),
             _("Would move here from another dagdeel"));
  add_entry (self, chip_sample ("proposed-remove", "list-remove-symbolic", _("Anna de V."), NULL),
             _("Would leave this dagdeel"));
}

GtkWidget *
dag_week_legend_new (void)
{
  return g_object_new (DAG_TYPE_WEEK_LEGEND, NULL);
}

guint
dag_week_legend_get_n_entries (DagWeekLegend *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_LEGEND (self), 0);
  return self->n_entries;
}
