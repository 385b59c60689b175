/* dag-transport-check.h — what the independent checker of stored runs
 * (dag-transport-check.c) offers besides dag_transport_check() (declared
 * in dag-transport.h): the rules' findings about staff drivers. */

#pragma once

#include "dag-org.h"
#include "dag-rules.h"
#include "dag-schedule.h"
#include "dag-travel.h"

G_BEGIN_DECLS

/* A DAG_RULE_DRIVER_CLASH error finding (dag-rules.h; group, staff, slot
 * and date set) for each stored run of the dates from..to (inclusive)
 * whose staff driver works in a group that date while the run, with the
 * way between it and the group's location, overlaps the group's dagdeel.
 * schedule is of org, or NULL to build one when needed.  Returns a new
 * array (dag_rules_findings_new); merge it with dag_rules_merge(). */
GArray *dag_transport_check_drivers (const DagOrg    *org,
                                     const DagTravel *travel,
                                     DagSchedule     *schedule,
                                     DagDate          from,
                                     DagDate          to);

G_END_DECLS
