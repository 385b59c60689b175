/* dag-indication-item.h — one indication (beschikking) of a DagOrg snapshot
 * as a GObject with properties, for list views. */

#pragma once

#include <glib-object.h>

#include "dag-org.h"

G_BEGIN_DECLS

/* The program warns this many days before an indication ends (DOMAIN.md:
 * six weeks, the evaluation report is due). */
#define DAG_INDICATION_WARN_DAYS 42

#define DAG_TYPE_INDICATION_ITEM (dag_indication_item_get_type ())
G_DECLARE_FINAL_TYPE (DagIndicationItem, dag_indication_item, DAG, INDICATION_ITEM, GObject)

/* A new item copying indication index of org; expiry is judged on today. */
DagIndicationItem *dag_indication_item_new (const DagOrg *org,
                                            guint         index,
                                            DagDate       today);

const char *dag_indication_item_get_id                (DagIndicationItem *self);
const char *dag_indication_item_get_product           (DagIndicationItem *self);
const char *dag_indication_item_get_product_name      (DagIndicationItem *self);
int         dag_indication_item_get_level             (DagIndicationItem *self);
const char *dag_indication_item_get_level_name        (DagIndicationItem *self);
const char *dag_indication_item_get_allocation_number (DagIndicationItem *self);
DagDate     dag_indication_item_get_start             (DagIndicationItem *self);
DagDate     dag_indication_item_get_end               (DagIndicationItem *self);
/* "1 Jan 2026 – 31 Dec 2026". */
const char *dag_indication_item_get_validity_text     (DagIndicationItem *self);
/* "4 per week". */
const char *dag_indication_item_get_volume_text       (DagIndicationItem *self);
/* "Declared 32 of 208 · 176 left" (the ledger against the volume over the
 * whole validity), or NULL when not set. */
const char *dag_indication_item_get_remaining_text    (DagIndicationItem *self);
void        dag_indication_item_set_remaining         (DagIndicationItem *self,
                                                       gint64             indicated,
                                                       gint64             declared);
/* Days from today to the end date; negative once it has ended. */
int         dag_indication_item_get_days_until_end    (DagIndicationItem *self);
/* Valid today (start ≤ today ≤ end). */
gboolean    dag_indication_item_get_active            (DagIndicationItem *self);
/* Not ended, and ending within DAG_INDICATION_WARN_DAYS of today. */
gboolean    dag_indication_item_get_expiring          (DagIndicationItem *self);
/* Ended before today. */
gboolean    dag_indication_item_get_expired           (DagIndicationItem *self);

G_END_DECLS
