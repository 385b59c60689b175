/* dag-window.h — the main window with its views. */

#pragma once

#include <adwaita.h>

#include "dag-application.h"

G_BEGIN_DECLS

#define DAG_TYPE_WINDOW (dag_window_get_type ())
G_DECLARE_FINAL_TYPE (DagWindow, dag_window, DAG, WINDOW, AdwApplicationWindow)

/* store may be NULL when it could not be opened; error then says why. */
DagWindow *dag_window_new (DagApplication *app,
                           DagStore       *store,
                           const GError   *error);

G_END_DECLS
