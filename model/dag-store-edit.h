/* dag-store-edit.h — editing one record of the organisation in place, as a
 * person does in the GUI: validate every field, write it in one
 * transaction, and leave an audit entry.  Participants and their
 * indications can also be added and deleted, and a deletion put back. */

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

/* A participant can only be deleted while no attendance is registered for
 * them and none of their indications was declared: that is the history
 * the invoices were built on.  Errors are DAG_STORE_ERROR_CONSTRAINT and
 * name the year of the last registration or the declaration. */
gboolean dag_store_check_delete_participant (DagStore *store, const char *id, GError **error);

/* The rows a deletion removed, kept to put them back as they were. */
typedef struct _DagDeleted DagDeleted;

void     dag_deleted_free             (DagDeleted *deleted);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagDeleted, dag_deleted_free)

/* Deletes participant id after dag_store_check_delete_participant(), with
 * their indications, standing plan, absences and transport stops (a run
 * left without stops goes too), in one transaction with an audit entry
 * "delete participant".  On error nothing changes.  When deleted is not
 * NULL it receives what was removed (free with dag_deleted_free()). */
gboolean dag_store_delete_participant (DagStore    *store,
                                       const char  *id,
                                       DagDeleted **deleted,
                                       GError     **error);
/* Puts the rows of a deletion back in their old places (their old order),
 * in one transaction with an audit entry "restore participant" or
 * "restore indication".  On error nothing changes. */
gboolean dag_store_restore_deleted    (DagStore         *store,
                                       const DagDeleted *deleted,
                                       GError          **error);

/* Index of the product named product ("M3") in contract, or -1. */
int      dag_contract_find_product    (const DagContract *contract,
                                       const char        *product);
/* A weekly band minimum (min_units, -1 for none) fits the volume: only
 * with a volume per week, and not above units.  Errors name no field. */
gboolean dag_validate_volume_band     (int           units,
                                       DagVolumePer  per,
                                       int           min_units,
                                       GError      **error);

/* Checks every field of ind against org (the snapshot the store holds):
 * the participant, a product of a contract of the participant's
 * municipality, a level of the settings, the allocation number, the
 * period and the volume.  Errors are DAG_VALIDATE_ERROR and start with the
 * name of the field. */
gboolean dag_store_check_indication   (const DagOrg        *org,
                                       const DagIndication *ind,
                                       GError             **error);
/* Adds ind (its id must be new) after dag_store_check_indication(), in one
 * transaction with an audit entry "add indication".  On error nothing
 * changes. */
gboolean dag_store_add_indication     (DagStore            *store,
                                       const DagOrg        *org,
                                       const DagIndication *ind,
                                       GError             **error);
/* Replaces the indication with ind->id (DAG_STORE_ERROR_NOT_FOUND when
 * there is none) the same way (audit action "edit indication"). */
gboolean dag_store_update_indication  (DagStore            *store,
                                       const DagOrg        *org,
                                       const DagIndication *ind,
                                       GError             **error);
/* Deletes indication id in one transaction with an audit entry "delete
 * indication"; deleted as for dag_store_delete_participant().  A declared
 * indication stays (DAG_STORE_ERROR_CONSTRAINT naming the declaration). */
gboolean dag_store_delete_indication  (DagStore    *store,
                                       const char  *id,
                                       DagDeleted **deleted,
                                       GError     **error);

/* An id of kind that org does not use yet: prefix and the lowest number
 * above the count of records, zero-padded to width ("P00151").  Newly
 * allocated. */
char    *dag_edit_unused_id           (DagOrg     *org,
                                       DagKind     kind,
                                       const char *prefix,
                                       int         width);

G_END_DECLS
