/* dag-new-org-assistant.h — a short assistant for a new organisation: the
 * organisation, one location, one group and one contract. */

#pragma once

#include <adwaita.h>

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_TYPE_NEW_ORG_ASSISTANT (dag_new_org_assistant_get_type ())
G_DECLARE_FINAL_TYPE (DagNewOrgAssistant, dag_new_org_assistant, DAG, NEW_ORG_ASSISTANT, AdwWindow)

/* The pages, in order. */
typedef enum {
  DAG_NEW_ORG_PAGE_ORGANISATION,
  DAG_NEW_ORG_PAGE_LOCATION,
  DAG_NEW_ORG_PAGE_GROUP,
  DAG_NEW_ORG_PAGE_CONTRACT,
  DAG_NEW_ORG_N_PAGES,
} DagNewOrgPage;

/* A new assistant, modal over parent.  When the last page is accepted and
 * the whole organisation passes the import's checks it emits "create";
 * the handler takes the organisation with
 * dag_new_org_assistant_steal_org() and closes the assistant. */
DagNewOrgAssistant *dag_new_org_assistant_new       (GtkWindow          *parent);
DagNewOrgPage       dag_new_org_assistant_get_page  (DagNewOrgAssistant *self);
/* The message shown over the page, or NULL when the fields are fine. */
const char         *dag_new_org_assistant_get_error (DagNewOrgAssistant *self);
/* The organisation file the fields make (newly allocated JSON text, as
 * INTERFACES.md §1). */
char               *dag_new_org_assistant_to_json   (DagNewOrgAssistant *self);
/* The checked organisation of the last "create" (the caller owns it), or
 * NULL. */
DagOrg             *dag_new_org_assistant_steal_org (DagNewOrgAssistant *self);

G_END_DECLS
