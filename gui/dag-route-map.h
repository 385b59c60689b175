/* dag-route-map.h — a schematic map of a day's transport runs, drawn with
 * GtkSnapshot: locations, the riders' homes and the run lines, without
 * map tiles. */

#pragma once

#include <gtk/gtk.h>

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_TYPE_ROUTE_MAP (dag_route_map_get_type ())
G_DECLARE_FINAL_TYPE (DagRouteMap, dag_route_map, DAG, ROUTE_MAP, GtkWidget)

GtkWidget  *dag_route_map_new          (void);
/* Shows the runs (indices into org->runs; copied) of org, which the caller
 * keeps alive and unchanged until the next call or NULL. */
void        dag_route_map_set_runs     (DagRouteMap  *self,
                                        const DagOrg *org,
                                        const GArray *runs);
/* Emphasises one run (a position in the runs given), -1 for none: then
 * only that run's homes are drawn. */
void        dag_route_map_set_selected (DagRouteMap  *self,
                                        int           position);
int         dag_route_map_get_selected (DagRouteMap  *self);
/* The accessible name, e.g. "Map of 12 runs to 3 locations". */
const char *dag_route_map_get_summary  (DagRouteMap  *self);
/* The colour of a vehicle's lines (also used by the view's list). */
void        dag_route_map_vehicle_color (int           vehicle,
                                         GdkRGBA      *color);

G_END_DECLS
