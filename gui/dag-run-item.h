/* dag-run-item.h — one run of the Transport view's list: an index into
 * org->runs (property "run"), and the run's km once a row has shown it. */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DAG_TYPE_RUN_ITEM (dag_run_item_get_type ())
G_DECLARE_FINAL_TYPE (DagRunItem, dag_run_item, DAG, RUN_ITEM, GObject)

DagRunItem *dag_run_item_new     (guint       run);
/* The index of the run in org->runs. */
guint       dag_run_item_get_run (DagRunItem *self);
/* Points the item at another run (or the same index of a changed org->runs),
 * forgets the km and notifies "run", so that a row showing it refills. */
void        dag_run_item_set_run (DagRunItem *self,
                                  guint       run);
/* The km of the run, computed by the first row that shows it; < 0 before. */
double      dag_run_item_get_km  (DagRunItem *self);
void        dag_run_item_set_km  (DagRunItem *self,
                                  double      km);

G_END_DECLS
