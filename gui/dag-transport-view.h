/* dag-transport-view.h — the Transport view: per day the stored runs of
 * every vehicle with their stops, a schematic map, and planning the day's
 * runs in the background. */

#pragma once

#include <adwaita.h>

#include "dag-route-map.h"
#include "dag-store.h"

G_BEGIN_DECLS

#define DAG_TYPE_TRANSPORT_VIEW (dag_transport_view_get_type ())
G_DECLARE_FINAL_TYPE (DagTransportView, dag_transport_view, DAG, TRANSPORT_VIEW, AdwBin)

/* Shows the organisation in org_box (a g_rc_box of a DagOrg *, acquired:
 * a planning thread keeps it alive); planned runs are saved in store and
 * org->runs is kept in step.  NULL clears the view. */
void         dag_transport_view_set_org      (DagTransportView *self,
                                              DagStore         *store,
                                              DagOrg          **org_box);
void         dag_transport_view_set_date     (DagTransportView *self,
                                              DagDate           date);
DagDate      dag_transport_view_get_date     (DagTransportView *self);
/* Plans the shown day's runs on a worker thread, then saves that day's runs
 * in one transaction and records it on the window's undo stack ("Plan the
 * runs of Monday 2 November"; undo puts the day's previous runs back); the
 * same as the "Plan runs" button (action transport.plan). */
void         dag_transport_view_plan         (DagTransportView *self);
void         dag_transport_view_cancel       (DagTransportView *self);
gboolean     dag_transport_view_is_planning  (DagTransportView *self);
/* The runs shown (of the shown date), and the selected one (-1: none). */
guint        dag_transport_view_get_n_runs   (DagTransportView *self);
void         dag_transport_view_select_run   (DagTransportView *self,
                                              int               position);
int          dag_transport_view_get_selected (DagTransportView *self);
/* Trips of the last planning that got no run. */
guint        dag_transport_view_get_n_unserved (DagTransportView *self);
DagRouteMap *dag_transport_view_get_map      (DagTransportView *self);

G_END_DECLS
