/* dag-store-plan.h — changing one entry of the standing week plan in place,
 * as the Week Plan view does for every move, without rewriting the plan. */

#pragma once

#include "dag-store.h"

G_BEGIN_DECLS

/* Moves participant_id's plan entry in from_group_id on from_slot to
 * to_group_id on to_slot, in one transaction with an audit entry action.
 * from_group_id NULL adds the entry (from the waiting list), to_group_id
 * NULL removes it (to the waiting list).  An entry that is not there is
 * DAG_STORE_ERROR_NOT_FOUND, a participant already planned on to_slot is
 * DAG_STORE_ERROR_CONSTRAINT; on error nothing changes. */
gboolean dag_store_move_plan_entry (DagStore   *store,
                                    const char *participant_id,
                                    const char *from_group_id,
                                    int         from_slot,
                                    const char *to_group_id,
                                    int         to_slot,
                                    const char *action,
                                    GError    **error);

G_END_DECLS
