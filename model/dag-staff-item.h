/* dag-staff-item.h — one staff member (begeleider) of a DagOrg snapshot as a
 * GObject with properties, for list views. */

#pragma once

#include <gio/gio.h>

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_TYPE_STAFF_ITEM (dag_staff_item_get_type ())
G_DECLARE_FINAL_TYPE (DagStaffItem, dag_staff_item, DAG, STAFF_ITEM, GObject)

/* A new item copying staff member index of org. */
DagStaffItem *dag_staff_item_new         (const DagOrg *org, guint index);
/* All staff of org as DagStaffItems, in org order (caller owns it). */
GListStore   *dag_staff_item_build_store (const DagOrg *org);

const char      *dag_staff_item_get_id                  (DagStaffItem *self);
const char      *dag_staff_item_get_name                (DagStaffItem *self);
DagQualification dag_staff_item_get_qualification       (DagStaffItem *self);
/* "HBO", "MBO" or "Volunteer", translated. */
const char      *dag_staff_item_get_qualification_label (DagStaffItem *self);
int              dag_staff_item_get_contract_hours      (DagStaffItem *self);
DagSlotMask      dag_staff_item_get_available           (DagStaffItem *self);
/* "mon-am,mon-pm". */
const char      *dag_staff_item_get_available_text      (DagStaffItem *self);
gboolean         dag_staff_item_get_driver              (DagStaffItem *self);
/* "" when unknown. */
const char      *dag_staff_item_get_email               (DagStaffItem *self);

G_END_DECLS
