/* dag-record-check.h — the checks of one location, group, staff member,
 * vehicle or contract that the organisation import and the record editor
 * share, so that a field is valid by one rule wherever it is typed. */

#pragma once

#include "dag-org.h"

G_BEGIN_DECLS

/* Each check returns FALSE with a DAG_VALIDATE_ERROR whose message says
 * only what is wrong ("must be at least 1"), and sets *field to the key of
 * the field in the organisation file ("capacity", "slots.ev[1]", "email"),
 * so the import can prefix its JSON path and the editor its label.
 * Records refer to others by index into org (locations, municipalities,
 * levels).  Ids are checked for their form, not for being unique. */
gboolean    dag_record_check_location (const DagLocation *l,
                                       const char       **field,
                                       GError           **error);
gboolean    dag_record_check_group    (const DagOrg      *org,
                                       const DagGroup    *g,
                                       const char       **field,
                                       GError           **error);
gboolean    dag_record_check_staff    (const DagStaff    *s,
                                       const char       **field,
                                       GError           **error);
gboolean    dag_record_check_vehicle  (const DagOrg      *org,
                                       const DagVehicle  *v,
                                       const char       **field,
                                       GError           **error);
gboolean    dag_record_check_contract (const DagOrg      *org,
                                       const DagContract *c,
                                       const char       **field,
                                       GError           **error);

/* The organisation's own fields: "name" (a name, at most
 * DAG_TEXT_MAX_NAME characters) and "agb_code" (eight digits). */
gboolean    dag_record_check_organisation (const char  *name,
                                           const char  *agb_code,
                                           const char **field,
                                           GError     **error);
/* "code" (four digits) and "name". */
gboolean    dag_record_check_municipality (const DagMunicipality *m,
                                           const char           **field,
                                           GError               **error);
/* A level of the settings: "level" (1–99), "name" and "ratio" (1–100). */
gboolean    dag_record_check_level    (const DagLevel    *l,
                                       const char       **field,
                                       GError           **error);

/* The label a person reads for a field key of a record of kind, translated
 * ("capacity" → "Capacity", "slots.ev[1]" → "Evening"). */
const char *dag_record_field_label    (DagKind     kind,
                                       const char *field);

G_END_DECLS
