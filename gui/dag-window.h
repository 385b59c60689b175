/* dag-window.h — the main window with its views. */

#pragma once

#include <adwaita.h>

#include "dag-application.h"
#include "dag-history.h"
#include "dag-attendance-view.h"
#include "dag-participants-view.h"
#include "dag-production-view.h"
#include "dag-records-view.h"
#include "dag-staff-view.h"
#include "dag-week-view.h"
#include "dag-transport-view.h"

G_BEGIN_DECLS

#define DAG_TYPE_WINDOW (dag_window_get_type ())
G_DECLARE_FINAL_TYPE (DagWindow, dag_window, DAG, WINDOW, AdwApplicationWindow)

/* store may be NULL when it could not be opened; error then says why. */
DagWindow *dag_window_new (DagApplication *app,
                           DagStore       *store,
                           const GError   *error);

/* What the window shows: "loading", "error", "empty" or "views". */
const char          *dag_window_get_state             (DagWindow *self);
/* The view shown when the state is "views": "week", "participants",
 * "staff", "transport", "attendance", "production" or "organisation". */
const char          *dag_window_get_view              (DagWindow *self);
void                 dag_window_set_view              (DagWindow  *self,
                                                       const char *view);
DagParticipantsView *dag_window_get_participants_view (DagWindow *self);
DagAttendanceView   *dag_window_get_attendance_view   (DagWindow *self);
DagProductionView   *dag_window_get_production_view   (DagWindow *self);
DagStaffView        *dag_window_get_staff_view        (DagWindow *self);
DagWeekView         *dag_window_get_week_view         (DagWindow *self);
DagTransportView    *dag_window_get_transport_view    (DagWindow *self);
DagRecordsView      *dag_window_get_records_view      (DagWindow *self);
/* The loaded organisation, or NULL before it is loaded (owned by the
 * window). */
const DagOrg        *dag_window_get_org               (DagWindow *self);

/* Whether a save waits for another Dagritme's write lock: the window then
 * says so and takes no input ("waiting" notifies). */
gboolean             dag_window_is_waiting            (DagWindow *self);
/* The one undo stack of every view. */
DagHistory          *dag_window_get_history           (DagWindow *self);
/* Shows a toast over the whole window. */
void                 dag_window_add_toast             (DagWindow *self,
                                                       AdwToast  *toast);
/* From the empty state only: reads the organisation file on a thread,
 * checks it as `dagritme import` does, saves it in one transaction and
 * shows it.  A bad file changes nothing: a dialog names the file and the
 * JSON path of what is wrong. */
void                 dag_window_import_file           (DagWindow *self,
                                                       GFile     *file);
/* Loads the organisation from the store again and gives every view the
 * new one (after adding or deleting records, whose indices move).  The
 * views stay on screen meanwhile; the undo stack is cleared, as its steps
 * refer to the old organisation.  Calls that come while a load runs are
 * served by it. */
void                 dag_window_reload_async          (DagWindow           *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean             dag_window_reload_finish         (DagWindow     *self,
                                                       GAsyncResult  *result,
                                                       GError       **error);

G_END_DECLS
