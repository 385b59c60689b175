/* dag-week-legend.h — the Week Plan's legend: what the colours, marks and
 * chips of its grid mean, in a popover. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DAG_TYPE_WEEK_LEGEND (dag_week_legend_get_type ())
G_DECLARE_FINAL_TYPE (DagWeekLegend, dag_week_legend, DAG, WEEK_LEGEND, GtkPopover)

GtkWidget *dag_week_legend_new      (void);
/* How many entries the legend explains (for tests). */
guint      dag_week_legend_get_n_entries (DagWeekLegend *self);

G_END_DECLS
