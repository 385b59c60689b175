/* dag-participant-item.h — one participant of a DagOrg snapshot as a GObject
 * with properties and a list of its indications, for list views. */

#pragma once

#include <gio/gio.h>

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_TYPE_PARTICIPANT_ITEM (dag_participant_item_get_type ())
G_DECLARE_FINAL_TYPE (DagParticipantItem, dag_participant_item, DAG, PARTICIPANT_ITEM, GObject)

/* A new item copying participant index of org, with the indications of
 * indications (a list of DagIndicationItem; may be NULL for none, the item
 * takes a reference).  Expiry is judged on today. */
DagParticipantItem *dag_participant_item_new (const DagOrg *org,
                                              guint         index,
                                              GListModel   *indications,
                                              DagDate       today);

/* Builds, in one pass over org, a list of DagParticipantItem in the order of
 * org->participants, each with its indications (in the order of
 * org->indications).  The caller owns the result.  Safe to call on a worker
 * thread. */
GListStore *dag_participant_item_build_store (const DagOrg *org,
                                              DagDate       today);

const char *dag_participant_item_get_id               (DagParticipantItem *self);
const char *dag_participant_item_get_name             (DagParticipantItem *self);
DagDate     dag_participant_item_get_birth_date       (DagParticipantItem *self);
const char *dag_participant_item_get_birth_date_text  (DagParticipantItem *self);
/* "*****2333": never the whole BSN. */
const char *dag_participant_item_get_bsn_masked       (DagParticipantItem *self);
const char *dag_participant_item_get_address          (DagParticipantItem *self);
const char *dag_participant_item_get_municipality     (DagParticipantItem *self);
DagTransport dag_participant_item_get_transport       (DagParticipantItem *self);
/* "Bus" or "Own", translated. */
const char *dag_participant_item_get_transport_label  (DagParticipantItem *self);
gboolean    dag_participant_item_get_wheelchair       (DagParticipantItem *self);
/* The DagIndicationItems of this participant (owned by the item). */
GListModel *dag_participant_item_get_indications      (DagParticipantItem *self);
/* "M3, VERVOER": the products of the indications valid today, or "". */
const char *dag_participant_item_get_active_products  (DagParticipantItem *self);
/* The first end date among indications not yet ended (the next one to
 * expire); when all have ended, the last end; DAG_DATE_NONE without any. */
DagDate     dag_participant_item_get_indication_end   (DagParticipantItem *self);
const char *dag_participant_item_get_indication_end_text (DagParticipantItem *self);
/* Whether an indication that has not ended ends within six weeks. */
gboolean    dag_participant_item_get_expiring         (DagParticipantItem *self);
/* Whether the participant has indications and every one of them has ended. */
gboolean    dag_participant_item_get_ended            (DagParticipantItem *self);
/* Name, id and municipality folded for searching (see
 * dag_item_fold_for_search()). */
const char *dag_participant_item_get_search_key       (DagParticipantItem *self);

G_END_DECLS
