/* dag-group-item.h — one group of a DagOrg snapshot as a GObject with
 * properties, for list views. */

#pragma once

#include <gio/gio.h>

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_TYPE_GROUP_ITEM (dag_group_item_get_type ())
G_DECLARE_FINAL_TYPE (DagGroupItem, dag_group_item, DAG, GROUP_ITEM, GObject)

/* A new item copying group index of org. */
DagGroupItem *dag_group_item_new         (const DagOrg *org, guint index);
/* All groups of org as DagGroupItems, in org order (caller owns it). */
GListStore   *dag_group_item_build_store (const DagOrg *org);

const char  *dag_group_item_get_id         (DagGroupItem *self);
const char  *dag_group_item_get_name       (DagGroupItem *self);
const char  *dag_group_item_get_location   (DagGroupItem *self);
/* "M1, M3". */
const char  *dag_group_item_get_products   (DagGroupItem *self);
int          dag_group_item_get_min_level  (DagGroupItem *self);
int          dag_group_item_get_max_level  (DagGroupItem *self);
int          dag_group_item_get_capacity   (DagGroupItem *self);
DagSlotMask  dag_group_item_get_slots      (DagGroupItem *self);
/* "mon-am,mon-pm". */
const char  *dag_group_item_get_slots_text (DagGroupItem *self);

G_END_DECLS
