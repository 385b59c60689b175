/* dag-vehicle-item.h — one vehicle of a DagOrg snapshot as a GObject with
 * properties, for list views. */

#pragma once

#include <gio/gio.h>

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_TYPE_VEHICLE_ITEM (dag_vehicle_item_get_type ())
G_DECLARE_FINAL_TYPE (DagVehicleItem, dag_vehicle_item, DAG, VEHICLE_ITEM, GObject)

/* A new item copying vehicle index of org. */
DagVehicleItem *dag_vehicle_item_new         (const DagOrg *org, guint index);
/* All vehicles of org as DagVehicleItems, in org order (caller owns it). */
GListStore     *dag_vehicle_item_build_store (const DagOrg *org);

const char *dag_vehicle_item_get_id                (DagVehicleItem *self);
const char *dag_vehicle_item_get_name              (DagVehicleItem *self);
int         dag_vehicle_item_get_seats             (DagVehicleItem *self);
int         dag_vehicle_item_get_wheelchair_places (DagVehicleItem *self);
/* The name of its home location. */
const char *dag_vehicle_item_get_location          (DagVehicleItem *self);
gint64      dag_vehicle_item_get_cost_per_km_cents (DagVehicleItem *self);

G_END_DECLS
