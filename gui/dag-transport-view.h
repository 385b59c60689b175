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
/* The organisation changed (the plan, absences, records): who needs
 * transport on the shown date is found anew, now when the view is shown,
 * else when it is next shown. */
void         dag_transport_view_invalidate   (DagTransportView *self);
/* Who needs transport on the shown date by the plan, as the view last
 * showed it: indices into org->participants, ascending (*n_riders of
 * them); owned by the view.  See dag_transport_view_is_current(). */
const int   *dag_transport_view_get_riders   (DagTransportView *self,
                                              guint            *n_riders);
/* Why no location is open on the shown date (a public holiday, a day no
 * group meets, closures), so that "Plan Runs" is not offered; NULL when
 * one is. */
const char  *dag_transport_view_get_closed_message (DagTransportView *self);
/* Why the stored runs of the shown date do not follow the plan (the
 * banner's text), or NULL when they do or there are none. */
const char  *dag_transport_view_get_notice   (DagTransportView *self);
/* Staff drivers of the shown date's runs who work in a group while they
 * drive (the red banner's text, a finding a line), or NULL when none. */
const char  *dag_transport_view_get_driver_notice (DagTransportView *self);
/* Whether the riders and the notice are of the shown date and the
 * organisation as it is now (FALSE while hidden after a change). */
gboolean     dag_transport_view_is_current   (DagTransportView *self);

G_END_DECLS
