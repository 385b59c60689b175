/* dag-slot-grid.c — headings and group names of the groups × dagdelen grid. */

#include "config.h"

#include <glib/gi18n.h>

#include "dag-org.h"
#include "dag-slot-grid.h"

const char *
dag_slot_grid_day_name (int day)
{
  static const char * const names[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
  };
  return day >= 0 && day < DAG_SLOT_GRID_DAYS ? _(names[day]) : "";
}

const char *
dag_slot_grid_part_name (int part)
{
  return part == DAG_PART_AM ? C_("dagdeel", "Morning") : C_("dagdeel", "Afternoon");
}

void
dag_slot_grid_reset (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);

  for (int day = 0; day < DAG_SLOT_GRID_DAYS; day++)
    {
      gtk_grid_attach (grid, g_object_new (GTK_TYPE_LABEL, "label", dag_slot_grid_day_name (day),
                                           "css-classes", (const char *[]) { "heading", NULL }, NULL),
                       DAG_SLOT_GRID_COLUMN (day, 0), 0, DAG_SLOT_GRID_PARTS, 1);
      for (int part = 0; part < DAG_SLOT_GRID_PARTS; part++)
        gtk_grid_attach (grid, g_object_new (GTK_TYPE_LABEL, "label", dag_slot_grid_part_name (part),
                                             "css-classes", (const char *[]) { "caption", "dim-label", NULL },
                                             NULL),
                         DAG_SLOT_GRID_COLUMN (day, part), 1, 1, 1);
    }
}

void
dag_slot_grid_add_group (GtkGrid    *grid,
                         const char *name,
                         int         row,
                         int         max_width_chars)
{
  gtk_grid_attach (grid, g_object_new (GTK_TYPE_LABEL, "label", name, "xalign", 0.0f,
                                       "valign", GTK_ALIGN_START, "wrap", TRUE,
                                       /* "Fietsenwerkplaats" too: a long word
                                        * must not widen the whole week. */
                                       "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                       "width-chars", MIN (max_width_chars, 9),
                                       "max-width-chars", max_width_chars,
                                       "css-classes", (const char *[]) { "heading", NULL }, NULL),
                   0, row, 1, 1);
}

void
dag_slot_grid_set_day_note (GtkGrid    *grid,
                            int         day,
                            const char *note)
{
  GtkWidget *heading;
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_GRID (grid));
  g_return_if_fail (day >= 0 && day < DAG_SLOT_GRID_DAYS);
  heading = gtk_grid_get_child_at (grid, DAG_SLOT_GRID_COLUMN (day, 0), 0);
  if (!GTK_IS_LABEL (heading))
    return;
  text = note ? g_strdup_printf ("%s\n%s", dag_slot_grid_day_name (day), note) : NULL;
  gtk_label_set_text (GTK_LABEL (heading), text ? text : dag_slot_grid_day_name (day));
  gtk_label_set_justify (GTK_LABEL (heading), GTK_JUSTIFY_CENTER);
  /* Setting a tooltip asks the X server where the pointer is: only when
   * it changes. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (heading), note) != 0)
    gtk_widget_set_tooltip_text (heading, note);
  /* The dagdeel headings below are dim already. */
  if (note)
    gtk_widget_add_css_class (heading, "dim-label");
  else
    gtk_widget_remove_css_class (heading, "dim-label");
}
