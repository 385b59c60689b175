/* dag-transport-test.h — hand-made organisations for the transport tests:
 * locations, vehicles, drivers and bus participants placed in km around
 * one point, with indications and a Monday plan. */

#pragma once

#include "dag-org.h"
#include "dag-transport.h"
#include "dag-travel.h"

G_BEGIN_DECLS

#define DAG_TEST_MON_AM DAG_SLOT_BIT (DAG_SLOT (0, DAG_PART_AM))
#define DAG_TEST_MON_PM DAG_SLOT_BIT (DAG_SLOT (0, DAG_PART_PM))
#define DAG_TEST_MON_DAY (DAG_TEST_MON_AM | DAG_TEST_MON_PM)

/* Monday 2 November 2026. */
DagDate  dag_test_monday          (void);

/* One contract (M3 and VERVOER) and no people. */
DagOrg  *dag_test_base_org        (void);

/* A location dx, dy km east and north of the centre, dagdelen 09:00–13:00
 * and 13:00–17:00, with one group G-<id>. */
int      dag_test_add_location    (DagOrg     *org,
                                   const char *id,
                                   double      dx,
                                   double      dy);

int      dag_test_add_vehicle     (DagOrg     *org,
                                   const char *id,
                                   int         seats,
                                   int         chairs,
                                   int         location);

/* A staff driver (MBO, available all week). */
int      dag_test_add_driver      (DagOrg     *org,
                                   const char *id);

/* A bus participant dx, dy km from the centre with an M3 and (when
 * transport) a VERVOER indication, planned in location's group at slots. */
int      dag_test_add_participant (DagOrg     *org,
                                   double      dx,
                                   double      dy,
                                   gboolean    wheelchair,
                                   gboolean    transport,
                                   int         location,
                                   DagSlotMask slots);

/* Plans Monday with seed 1 and the given time limit (0: until no better
 * plan is found, so repeatable), applies it and asserts that the independent checker accepts
 * the runs and agrees on their figures. */
DagTransportResult *dag_test_plan_checked (DagOrg          *org,
                                           const DagTravel *travel,
                                           double           time_limit);

/* The same with these options. */
DagTransportResult *dag_test_plan_checked_with (DagOrg                    *org,
                                                const DagTravel           *travel,
                                                const DagTransportOptions *o);

G_END_DECLS
