/* dag-store-runs.h — saving the transport runs of one day, without
 * rewriting the runs of every other day. */

#pragma once

#include "dag-store.h"

G_BEGIN_DECLS

/* Replaces the stored runs of date (and their stops) by runs (of DagRun,
 * whose vehicles, drivers, locations and participants are indices into
 * org; every run must be of date) in one transaction with an audit entry
 * with action (e.g. "transport").  Runs of other dates stay.  On error
 * nothing changes; a run of another date is DAG_STORE_ERROR_CONSTRAINT.
 * When another process changed what the runs were planned from since
 * store last read it (the plan, staffing, absences, changes, attendance,
 * master data, or this date's runs; not other dates' runs) it is
 * DAG_STORE_ERROR_CHANGED: read again and plan again. */
gboolean dag_store_replace_day_runs (DagStore     *store,
                                     const DagOrg *org,
                                     DagDate       date,
                                     const GArray *runs,
                                     const char   *action,
                                     GError      **error);

G_END_DECLS
