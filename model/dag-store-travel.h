/* dag-store-travel.h — the imported travel-time matrix in the store
 * (table travel_time), read by the transport planner. */

#pragma once

#include "dag-store.h"

G_BEGIN_DECLS

/* Reads every stored pair into a new GArray of DagTravelEntry (see
 * dag-travel.h; free it with g_array_unref). */
GArray   *dag_store_load_travel_times    (DagStore     *self,
                                          GError      **error);

/* Replaces the whole matrix with entries (a GArray of DagTravelEntry) in
 * one transaction with an audit entry; on error nothing changes. */
gboolean  dag_store_replace_travel_times (DagStore     *self,
                                          const GArray *entries,
                                          const char   *action,
                                          GError      **error);

/* Number of stored pairs. */
gint64    dag_store_count_travel_times   (DagStore     *self,
                                          GError      **error);

G_END_DECLS
