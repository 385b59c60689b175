/* dag-record-form.h — the editable form of one location, group, staff
 * member, vehicle or contract, built from a table of its fields and
 * checked with the store's own checks on every change. */

#pragma once

#include <adwaita.h>

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_TYPE_RECORD_FORM (dag_record_form_get_type ())
G_DECLARE_FINAL_TYPE (DagRecordForm, dag_record_form, DAG, RECORD_FORM, GtkBox)

GtkWidget    *dag_record_form_new          (void);

/* Shows a copy of record (of kind, whose references are indices into org)
 * for editing; a new record's id can be typed, an existing one's cannot.
 * org must outlive the form's use of it. */
void          dag_record_form_set_record   (DagRecordForm *self,
                                            const DagOrg  *org,
                                            DagKind        kind,
                                            gconstpointer  record,
                                            gboolean       is_new);
DagKind       dag_record_form_get_kind     (DagRecordForm *self);
gboolean      dag_record_form_is_new       (DagRecordForm *self);
/* The record as typed (owned by the form; meaningful while valid). */
gconstpointer dag_record_form_get_record   (DagRecordForm *self);
gboolean      dag_record_form_is_valid     (DagRecordForm *self);
/* Whether anything was typed since the record was set. */
gboolean      dag_record_form_is_dirty     (DagRecordForm *self);
/* What is wrong ("Capacity: must be at least 1"), or NULL when valid. */
const char   *dag_record_form_get_message  (DagRecordForm *self);
/* The row of the field with that key ("capacity", "address"), or NULL. */
GtkWidget    *dag_record_form_get_row      (DagRecordForm *self,
                                            const char    *key);
/* The widget a person types into for that field: the entry row itself,
 * or the spin button or switch at the end of the row.  Both also take a
 * contract's "products[i]" (its expander row), "products[i].product",
 * ".code", ".name", ".unit", ".price", ".staffel" (entry rows), ".remove" (a button)
 * and "products.add" (the Add Product button); a location's
 * "closures" is the field to add a closure, "closures[i]" the row of the
 * i-th date listed, "closures[i].remove" its button and "closures.add"
 * the button that adds the date typed. */
GtkWidget    *dag_record_form_get_editor   (DagRecordForm *self,
                                            const char    *key);
/* Adds empty rows for a new product to a contract's form (as the Add
 * Product button does) and returns its index. */
guint         dag_record_form_add_product  (DagRecordForm *self);
/* Adds the date typed in a location's "closures" field to its list of
 * closures (as its add button does); FALSE, with the field kept, when the
 * text is no date. */
gboolean      dag_record_form_add_closure  (DagRecordForm *self);
/* How many closures a location's form lists. */
guint         dag_record_form_get_n_closures (DagRecordForm *self);

/* Deep copies of the five kinds of record (a union big enough for each),
 * for the undo steps and the form. */
gpointer      dag_record_dup               (DagKind        kind,
                                            gconstpointer  record);
void          dag_record_free              (DagKind        kind,
                                            gpointer       record);
/* Moves the strings and arrays of the record at *dest into a retired
 * copy (returned, free with dag_record_free) and fills *dest with a deep
 * copy of src. */
gpointer      dag_record_replace           (DagKind        kind,
                                            gpointer       dest,
                                            gconstpointer  src);
const char   *dag_record_get_id            (DagKind        kind,
                                            gconstpointer  record);
const char   *dag_record_get_name          (DagKind        kind,
                                            gconstpointer  record);

G_END_DECLS
