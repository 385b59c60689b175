/* dag-store-records.h — editing one location, group, staff member, vehicle
 * or contract in place, as a person does in the Organisation view: check
 * every field, write it in one transaction with an audit entry, and refuse
 * to delete what other records still refer to. */

#pragma once

#include "dag-store.h"

G_BEGIN_DECLS

/* The kinds these functions take: DAG_KIND_LOCATION, DAG_KIND_GROUP,
 * DAG_KIND_STAFF, DAG_KIND_VEHICLE and DAG_KIND_CONTRACT, with record a
 * DagLocation *, DagGroup *, DagStaff *, DagVehicle * or DagContract *. */
gboolean dag_store_records_kind_supported (DagKind kind);

/* Checks every field of record as the store would before writing it; its
 * references (location, municipality) and levels are indices into org.
 * Errors are DAG_VALIDATE_ERROR and start with the translated name of the
 * field ("Capacity: must be at least 1"); *field (may be NULL) gets the
 * field's key in the organisation file ("capacity"). */
gboolean dag_store_check_record  (const DagOrg  *org,
                                  DagKind        kind,
                                  gconstpointer  record,
                                  const char   **field,
                                  GError       **error);

/* Replaces the record with the same id (DAG_STORE_ERROR_NOT_FOUND when
 * there is none) after dag_store_check_record(), in one transaction with an
 * audit entry "edit <kind>".  An edit that would strand other records is
 * refused (DAG_STORE_ERROR_CONSTRAINT): a location closing a part of the
 * day in which its groups run, a group dropping dagdelen on which
 * participants are planned or staff assigned, a contract dropping a
 * product indications use.  On error nothing changes. */
gboolean dag_store_update_record (DagStore      *store,
                                  const DagOrg  *org,
                                  DagKind        kind,
                                  gconstpointer  record,
                                  GError       **error);
/* Adds a new record (audit "add <kind>"); an id that exists already is
 * DAG_STORE_ERROR_CONSTRAINT. */
gboolean dag_store_add_record    (DagStore      *store,
                                  const DagOrg  *org,
                                  DagKind        kind,
                                  gconstpointer  record,
                                  GError       **error);
/* Deletes the record with id (audit "delete <kind>").  Refused
 * (DAG_STORE_ERROR_CONSTRAINT, the message says how many refer to it) while
 * other records still need it: groups, vehicles or runs at a location;
 * planned dagdelen in a group; runs a staff member drives or a vehicle
 * makes; indications under a contract.  What belongs to the record goes
 * with it: a location's times and closures, a group's products and its
 * staffing, a staff member's staffing, a contract's products and staffel. */
gboolean dag_store_delete_record (DagStore      *store,
                                  DagKind        kind,
                                  const char    *id,
                                  GError       **error);

/* One staffing assignment by ids, as deleting a staff member or a group
 * takes it along and undoing the delete puts it back. */
typedef struct {
  char *staff;
  char *group;
  int   slot;
} DagStaffingRow;

void       dag_staffing_row_free          (DagStaffingRow *row);
/* The staffing of the staff member or group (DAG_KIND_STAFF or
 * DAG_KIND_GROUP) with id: a new array of DagStaffingRow *, empty for other
 * kinds, NULL on an error. */
GPtrArray *dag_store_list_record_staffing (DagStore   *store,
                                           DagKind     kind,
                                           const char *id,
                                           GError    **error);
/* Puts staffing rows back in one transaction with an audit entry "restore
 * staffing" (a staff member already working that dagdeel keeps it). */
gboolean   dag_store_restore_staffing     (DagStore   *store,
                                           GPtrArray  *rows,
                                           GError    **error);

G_END_DECLS
