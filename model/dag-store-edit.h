/* dag-store-edit.h — editing one record of the organisation in place, as a
 * person does in the GUI: validate every field, write it in one
 * transaction, and leave an audit entry. */

#pragma once

#include "dag-store.h"

G_BEGIN_DECLS

/* Checks every field of p as the store would before writing it.  The
 * municipality is an index into the store's municipalities in the order
 * dag_store_load() returns them.  Errors are DAG_VALIDATE_ERROR and start
 * with the name of the field; they never contain the BSN. */
gboolean dag_store_check_participant  (DagStore *store, const DagParticipant *p, GError **error);

/* When the address holds something shaped like a postcode ("1234 AB"),
 * whether it is a valid one.  An address without one passes. */
gboolean dag_validate_address_postcode (const char *address, GError **error);

/* Replaces the participant with p->id (DAG_STORE_ERROR_NOT_FOUND when there
 * is none) after dag_store_check_participant(), in one transaction with an
 * audit entry "edit participant".  On error nothing changes. */
gboolean dag_store_update_participant (DagStore *store, const DagParticipant *p, GError **error);
/* Adds a new participant the same way (audit action "add participant"). */
gboolean dag_store_add_participant    (DagStore *store, const DagParticipant *p, GError **error);

G_END_DECLS
