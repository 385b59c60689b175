/* dag-bar-chart.h — a small bar chart drawn with GtkSnapshot: a title and
 * one labelled bar per value, vertical (few bars) or horizontal (many). */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DAG_TYPE_BAR_CHART (dag_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (DagBarChart, dag_bar_chart, DAG, BAR_CHART, GtkWidget)

GtkWidget  *dag_bar_chart_new        (void);
/* The title is drawn above the bars and is the chart's accessible name. */
void        dag_bar_chart_set_title  (DagBarChart *self,
                                      const char  *title);
/* n bars: labels[i] under (or before) the bar of values[i]; the value is
 * drawn at the bar, rounded, followed by suffix ("" or "%").  max is the
 * value of a full bar, 0 for the largest value.  The bars are also the
 * accessible description, for screen readers. */
void        dag_bar_chart_set_bars   (DagBarChart        *self,
                                      const char * const *labels,
                                      const double       *values,
                                      guint               n,
                                      const char         *suffix,
                                      double              max);
void        dag_bar_chart_set_horizontal (DagBarChart *self,
                                          gboolean     horizontal);
guint       dag_bar_chart_get_n_bars (DagBarChart *self);
double      dag_bar_chart_get_value  (DagBarChart *self,
                                      guint        i);

G_END_DECLS
