/* dag-location-item.h — one location of a DagOrg snapshot as a GObject with
 * properties, for list views. */

#pragma once

#include <gio/gio.h>

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_TYPE_LOCATION_ITEM (dag_location_item_get_type ())
G_DECLARE_FINAL_TYPE (DagLocationItem, dag_location_item, DAG, LOCATION_ITEM, GObject)

/* A new item copying location index of org. */
DagLocationItem *dag_location_item_new         (const DagOrg *org, guint index);
/* All locations of org as DagLocationItems, in org order (caller owns it). */
GListStore      *dag_location_item_build_store (const DagOrg *org);

const char *dag_location_item_get_id         (DagLocationItem *self);
const char *dag_location_item_get_name       (DagLocationItem *self);
const char *dag_location_item_get_address    (DagLocationItem *self);
double      dag_location_item_get_latitude   (DagLocationItem *self);
double      dag_location_item_get_longitude  (DagLocationItem *self);
/* The opening hours of its parts of the day: "09:00–13:00, 13:00–17:00". */
const char *dag_location_item_get_hours_text (DagLocationItem *self);
guint       dag_location_item_get_n_closures (DagLocationItem *self);

G_END_DECLS
