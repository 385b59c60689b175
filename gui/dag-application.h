/* dag-application.h — the Dagritme GtkApplication. */

#pragma once

#include <adwaita.h>

#include "dag-store.h"

G_BEGIN_DECLS

#define DAG_TYPE_APPLICATION (dag_application_get_type ())
G_DECLARE_FINAL_TYPE (DagApplication, dag_application, DAG, APPLICATION, AdwApplication)

DagApplication *dag_application_new          (void);
/* The open database; owned by the application. */
DagStore       *dag_application_get_store    (DagApplication *self);
/* Opens the database at where (a postgresql:// URI, or a file), and on
 * success makes it the application's: remembered in GSettings
 * (shared-database; a file clears it) and shown in a new window instead
 * of the open ones.  On error nothing changes. */
gboolean        dag_application_connect      (DagApplication *self,
                                              const char     *where,
                                              GError        **error);

G_END_DECLS
