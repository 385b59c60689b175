/* dag-participants-view.c — the Participants view: a GtkColumnView over
 * filter and sort models of the participant items, and a detail pane. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "dag-indication-item.h"
#include "dag-item-format.h"
#include "dag-participant-editor.h"
#include "dag-participants-view.h"
#include "dag-store-edit.h"

struct _DagParticipantsView
{
  AdwBin              parent_instance;

  GListModel         *participants;   /* the unfiltered list */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  char               *query;          /* folded search text, "" for all */
  gboolean            scroll_to_top;  /* once the new sort order is done */
  DagStore           *store;          /* NULL until set: editing is off */
  DagOrg             *org;            /* the window's, edited in place */
  DagParticipant      undo;           /* the record before the last edit */
  gboolean            has_undo;
  GPtrArray          *retired;        /* strings of edited records, kept until
                                       * the org goes: other views' worker
                                       * threads and the org's id index may
                                       * still point at them */

  AdwToastOverlay    *toast_overlay;  /* the child; not bound, as disposing
                                        * the template would unparent it twice */

  /* template widgets */
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkScrolledWindow  *list_scroller;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *municipality_column;
  GtkColumnViewColumn *transport_column;
  GtkColumnViewColumn *wheelchair_column;
  GtkColumnViewColumn *products_column;
  GtkColumnViewColumn *end_column;
  GtkStack           *detail_stack;
  GtkLabel           *name_label;
  GtkLabel           *id_label;
  GtkLabel           *bsn_value;
  GtkLabel           *birth_value;
  GtkLabel           *address_value;
  GtkLabel           *transport_value;
  GtkListBox         *indication_list;
  GtkWidget          *edit_button;
};

G_DEFINE_FINAL_TYPE (DagParticipantsView, dag_participants_view, ADW_TYPE_BIN)

/* ---- cells -------------------------------------------------------------- */

/* Every cell is a label: rows are recycled, so setup makes the label once
 * and bind only changes its text. */
static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_text_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const char               *property)
{
  GObject *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  g_object_get (item, property, &text, NULL);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
bind_wheelchair_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  DagParticipantItem *item = gtk_list_item_get_item (list_item);

  /* Translators: shown in the Wheelchair column for wheelchair users;
   * the column stays empty for the others. */
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      dag_participant_item_get_wheelchair (item) ? C_("wheelchair", "Yes") : "");
}

static void
bind_end_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  DagParticipantItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), dag_participant_item_get_indication_end_text (item));
  if (dag_participant_item_get_expiring (item))
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
}

static void
set_up_column (GtkColumnViewColumn *column,
               GCallback            bind,
               const char          *property,
               GtkSorter           *sorter)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (factory, "bind", bind, (gpointer) property);
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
}

static GtkSorter *
string_sorter (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (DAG_TYPE_PARTICIPANT_ITEM, NULL, property)));
}

static GtkSorter *
numeric_sorter (const char *property)
{
  return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (DAG_TYPE_PARTICIPANT_ITEM, NULL, property)));
}

/* ---- search ------------------------------------------------------------- */

static gboolean
match_participant (gpointer item,
                   gpointer user_data)
{
  DagParticipantsView *self = user_data;

  return self->query[0] == '\0'
         || strstr (dag_participant_item_get_search_key (item), self->query) != NULL;
}

static void
update_count (DagParticipantsView *self)
{
  guint total = self->participants ? g_list_model_get_n_items (self->participants) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u participant", "%u participants", total), total);
  else
    /* Translators: how many participants match the search, of how many. */
    text = g_strdup_printf (ngettext ("%u of %u participant", "%u of %u participants", total),
                            shown, total);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    shown == 0 && total > 0 ? "no-results" : "list");
}

static void
search_changed_cb (DagParticipantsView *self)
{
  g_autofree char *query = dag_item_fold_for_search (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_strstrip (query);
  if (g_str_equal (query, self->query))
    return;
  /* A longer query only hides rows, a shorter one only shows more: GTK then
   * rechecks only the rows that can change. */
  if (strstr (query, self->query) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->query, query) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  g_free (self->query);
  self->query = g_steal_pointer (&query);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

/* ---- detail pane -------------------------------------------------------- */

static GtkWidget *
create_indication_row (gpointer item,
                       gpointer user_data)
{
  DagIndicationItem *ind = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *level = NULL;
  g_autofree char *subtitle = NULL;
  int days = dag_indication_item_get_days_until_end (ind);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Translators: an indication's product code and name, "M3 · Dagbesteding". */
  title = g_strdup_printf (_("%s · %s"), dag_indication_item_get_product (ind),
                           dag_indication_item_get_product_name (ind));
  if (dag_indication_item_get_level_name (ind)[0] != '\0')
    /* Translators: the intensity level of an indication and its name. */
    level = g_strdup_printf (_("Level %d (%s)"), dag_indication_item_get_level (ind),
                             dag_indication_item_get_level_name (ind));
  else
    level = g_strdup_printf (_("Level %d"), dag_indication_item_get_level (ind));
  /* Translators: two lines on an indication: its level and volume, then
   * its validity and allocation number. */
  subtitle = g_strdup_printf (_("%s · %s\n%s · %s"), level,
                              dag_indication_item_get_volume_text (ind),
                              dag_indication_item_get_validity_text (ind),
                              dag_indication_item_get_allocation_number (ind));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  if (dag_indication_item_get_expiring (ind))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *text = NULL;

      if (days == 0)
        text = g_strdup (_("Ends today"));
      else
        text = g_strdup_printf (ngettext ("Ends in %d day", "Ends in %d days", days), days);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), gtk_label_new (text));
      gtk_widget_add_css_class (box, "warning");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (box, _("The indication ends within six weeks: the evaluation is due."));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
    }
  else if (dag_indication_item_get_expired (ind))
    {
      GtkWidget *label = gtk_label_new (_("Ended"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else if (!dag_indication_item_get_active (ind))
    {
      GtkWidget *label = gtk_label_new (_("Not started"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static void
show_detail (DagParticipantsView *self,
             DagParticipantItem  *item)
{
  g_autofree char *id = NULL;
  g_autofree char *transport = NULL;

  if (item == NULL)
    {
      gtk_list_box_bind_model (self->indication_list, NULL, NULL, NULL, NULL);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  gtk_label_set_text (self->name_label, dag_participant_item_get_name (item));
  if (dag_participant_item_get_municipality (item)[0] != '\0')
    /* Translators: a participant's id and municipality, "P12 · Arnhem". */
    id = g_strdup_printf (_("%s · %s"), dag_participant_item_get_id (item),
                          dag_participant_item_get_municipality (item));
  else
    id = g_strdup (dag_participant_item_get_id (item));
  gtk_label_set_text (self->id_label, id);
  gtk_label_set_text (self->bsn_value, dag_participant_item_get_bsn_masked (item));
  gtk_label_set_text (self->birth_value, dag_participant_item_get_birth_date_text (item));
  gtk_label_set_text (self->address_value, dag_participant_item_get_address (item));
  if (dag_participant_item_get_wheelchair (item))
    /* Translators: transport ("Bus" or "Own") of a wheelchair user. */
    transport = g_strdup_printf (_("%s, in a wheelchair"), dag_participant_item_get_transport_label (item));
  else
    transport = g_strdup (dag_participant_item_get_transport_label (item));
  gtk_label_set_text (self->transport_value, transport);

  gtk_list_box_bind_model (self->indication_list, dag_participant_item_get_indications (item),
                           create_indication_row, NULL, NULL);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

/* A new sort order starts at the top, not wherever the old top row ended
 * up (the list view follows that row).  Sorting is incremental, so this
 * waits for it to finish. */
static gboolean
scroll_to_top_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  /* GTK 4.8 has no gtk_column_view_scroll_to(); the list view inside the
   * column view has the "list.scroll-to-item" action, which moves its
   * anchor (setting the adjustment is undone by the anchor). */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
  return G_SOURCE_REMOVE;
}

static void
scroll_to_top_when_sorted (DagParticipantsView *self)
{
  if (self->list_scroller == NULL)   /* disposing */
    return;
  if (gtk_sort_list_model_get_pending (self->sort_model) > 0)
    return;
  /* On the next frame: the list view moves to the old top row only when it
   * lays out the new order. */
  if (self->scroll_to_top)
    gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view), scroll_to_top_cb, NULL, NULL);
  self->scroll_to_top = FALSE;
}

static void
sort_changed_cb (DagParticipantsView *self)
{
  self->scroll_to_top = TRUE;
  scroll_to_top_when_sorted (self);
}

static void
selection_changed_cb (DagParticipantsView *self)
{
  show_detail (self, gtk_single_selection_get_selected_item (self->selection));
}

/* ---- editing ------------------------------------------------------------ */

static void
participant_copy (DagParticipant *dest, const DagParticipant *src)
{
  *dest = *src;
  dest->id = g_strdup (src->id);
  dest->name = g_strdup (src->name);
  dest->bsn = g_strdup (src->bsn);
  dest->address = g_strdup (src->address);
}

static void
participant_clear (DagParticipant *p)
{
  g_clear_pointer (&p->id, g_free);
  g_clear_pointer (&p->name, g_free);
  g_clear_pointer (&p->bsn, g_free);
  g_clear_pointer (&p->address, g_free);
}

static void
clear_undo (DagParticipantsView *self)
{
  if (self->has_undo)
    participant_clear (&self->undo);
  self->has_undo = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participants.undo-edit", FALSE);
}

/* Puts a record the store now holds into the window's DagOrg, and replaces
 * the participant's list item with one built from it. */
static void
apply_record (DagParticipantsView  *self,
              const DagParticipant *p)
{
  int index = dag_org_lookup (self->org, DAG_KIND_PARTICIPANT, p->id);
  DagParticipant *record;
  g_autoptr(DagParticipantItem) item = NULL;
  guint n, position;
  DagParticipant copy;

  g_return_if_fail (index >= 0);
  /* p may share strings with the record (the editor's copy shares the id):
   * copy before freeing. */
  participant_copy (&copy, p);
  record = DAG_AT (self->org->participants, DagParticipant, index);
  if (self->retired == NULL)
    self->retired = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->retired, record->id);
  g_ptr_array_add (self->retired, record->name);
  g_ptr_array_add (self->retired, record->bsn);
  g_ptr_array_add (self->retired, record->address);
  *record = copy;
  p = record;

  n = self->participants ? g_list_model_get_n_items (self->participants) : 0;
  for (position = 0; position < n; position++)
    {
      g_autoptr(DagParticipantItem) old = g_list_model_get_item (self->participants, position);

      if (g_strcmp0 (dag_participant_item_get_id (old), p->id) == 0)
        {
          item = dag_participant_item_new (self->org, index,
                                           g_object_ref (dag_participant_item_get_indications (old)),
                                           dag_date_today ());
          break;
        }
    }
  if (item == NULL || !G_IS_LIST_STORE (self->participants))
    return;
  /* One changed row re-sorts quickly; done at once, the row can be
   * selected again right away. */
  gtk_sort_list_model_set_incremental (self->sort_model, FALSE);
  g_list_store_splice (G_LIST_STORE (self->participants), position, 1, (gpointer *) &item, 1);
  gtk_sort_list_model_set_incremental (self->sort_model, TRUE);

  /* Keep the edited participant selected and shown. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) shown = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (shown == (GObject *) item)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }
  show_detail (self, item);
}

static void
editor_saved_cb (DagParticipantEditor *editor,
                 const DagParticipant *p,
                 DagParticipantsView  *self)
{
  int index = dag_org_lookup (self->org, DAG_KIND_PARTICIPANT, p->id);

  g_return_if_fail (index >= 0);
  clear_undo (self);
  participant_copy (&self->undo, DAG_AT (self->org->participants, DagParticipant, index));
  self->has_undo = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participants.undo-edit", TRUE);
  apply_record (self, p);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Participant saved. Press Ctrl+Z to undo.")));
}

static void
edit_clicked_cb (DagParticipantsView *self)
{
  dag_participants_view_edit_selected (self);
}

static void
undo_edit_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DagParticipantsView *self = DAG_PARTICIPANTS_VIEW (widget);

  dag_participants_view_undo_edit (self);
}

GtkWindow *
dag_participants_view_edit_selected (DagParticipantsView *self)
{
  DagParticipantItem *item;
  DagParticipantEditor *editor;
  GtkRoot *root;
  int index;

  g_return_val_if_fail (DAG_IS_PARTICIPANTS_VIEW (self), NULL);

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL || self->store == NULL)
    return NULL;
  index = dag_org_lookup (self->org, DAG_KIND_PARTICIPANT, dag_participant_item_get_id (item));
  if (index < 0)
    return NULL;
  editor = dag_participant_editor_new (self->store, self->org, index);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

gboolean
dag_participants_view_undo_edit (DagParticipantsView *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DAG_IS_PARTICIPANTS_VIEW (self), FALSE);

  if (!self->has_undo || self->store == NULL)
    return FALSE;
  /* The same validated write as the edit itself, with its own audit entry. */
  if (!dag_store_update_participant (self->store, &self->undo, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return FALSE;
    }
  apply_record (self, &self->undo);
  clear_undo (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Edit undone")));
  return TRUE;
}

void
dag_participants_view_set_store (DagParticipantsView *self,
                                 DagStore            *store,
                                 DagOrg              *org)
{
  g_return_if_fail (DAG_IS_PARTICIPANTS_VIEW (self));

  clear_undo (self);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_set_object (&self->store, store);
  self->org = store ? org : NULL;
  gtk_widget_set_visible (self->edit_button, self->store != NULL);
}

/* ---- GObject ------------------------------------------------------------ */

static void
dag_participants_view_dispose (GObject *object)
{
  DagParticipantsView *self = DAG_PARTICIPANTS_VIEW (object);

  /* Tearing down the models below emits items-changed; the count label may
   * already be gone. */
  if (self->sort_model)
    g_signal_handlers_disconnect_by_data (self->sort_model, self);
  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->indication_list)
    gtk_list_box_bind_model (self->indication_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DAG_TYPE_PARTICIPANTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->participants);
  g_clear_object (&self->store);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  if (self->has_undo)
    participant_clear (&self->undo);
  self->has_undo = FALSE;
  G_OBJECT_CLASS (dag_participants_view_parent_class)->dispose (object);
}

static void
dag_participants_view_finalize (GObject *object)
{
  g_free (DAG_PARTICIPANTS_VIEW (object)->query);
  G_OBJECT_CLASS (dag_participants_view_parent_class)->finalize (object);
}

static void
dag_participants_view_class_init (DagParticipantsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dag_participants_view_dispose;
  object_class->finalize = dag_participants_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dagritme/Dagritme/dag-participants-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, name_column);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, municipality_column);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, transport_column);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, wheelchair_column);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, products_column);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, end_column);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, name_label);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, id_label);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, bsn_value);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, birth_value);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, address_value);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, transport_value);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, indication_list);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, edit_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_install_action (widget_class, "participants.undo-edit", NULL, undo_edit_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "participants.undo-edit", NULL);
}

static void
dag_participants_view_init (DagParticipantsView *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->query = g_strdup ("");

  set_up_column (self->name_column, G_CALLBACK (bind_text_cb), "name", string_sorter ("name"));
  set_up_column (self->municipality_column, G_CALLBACK (bind_text_cb), "municipality",
                 string_sorter ("municipality"));
  set_up_column (self->transport_column, G_CALLBACK (bind_text_cb), "transport-label",
                 string_sorter ("transport-label"));
  set_up_column (self->wheelchair_column, G_CALLBACK (bind_wheelchair_cb), NULL,
                 numeric_sorter ("wheelchair"));
  set_up_column (self->products_column, G_CALLBACK (bind_text_cb), "active-products",
                 string_sorter ("active-products"));
  set_up_column (self->end_column, G_CALLBACK (bind_end_cb), NULL, numeric_sorter ("indication-end"));

  /* participants → search filter → column sorter → selection → view */
  self->filter = gtk_custom_filter_new (match_participant, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  /* Sorting 20,000 rows by another column takes about a second in GTK 4.8:
   * in steps, the window stays responsive meanwhile. */
  gtk_sort_list_model_set_incremental (self->sort_model, TRUE);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "notify::pending",
                           G_CALLBACK (scroll_to_top_when_sorted), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);

  /* Typing anywhere in the view starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No indications"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->indication_list, placeholder);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participants.undo-edit", FALSE);
  gtk_widget_set_visible (self->edit_button, FALSE);
  update_count (self);
}

void
dag_participants_view_set_model (DagParticipantsView *self,
                                 GListModel          *participants)
{
  g_return_if_fail (DAG_IS_PARTICIPANTS_VIEW (self));
  g_return_if_fail (participants == NULL || G_IS_LIST_MODEL (participants));

  if (!g_set_object (&self->participants, participants))
    return;
  gtk_filter_list_model_set_model (self->filter_model, participants);
  update_count (self);
}

typedef struct {
  char     *key;
  gpointer  item;
} SortEntry;

static int
compare_sort_entries (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (((const SortEntry *) a)->key, ((const SortEntry *) b)->key);
}

void
dag_participants_view_presort (GListStore *participants)
{
  guint n;
  g_autofree SortEntry *entries = NULL;
  g_autofree gpointer *items = NULL;

  g_return_if_fail (G_IS_LIST_STORE (participants));

  /* The same keys as the Name column's GtkStringSorter (case folded, then
   * g_utf8_collate_key()), so that its sort finds one sorted run: GTK 4.8's
   * column view sorter has no sort keys and otherwise evaluates the name of
   * both rows in every comparison, about a second for 20,000 rows on the
   * main thread. */
  n = g_list_model_get_n_items (G_LIST_MODEL (participants));
  entries = g_new (SortEntry, MAX (n, 1));
  items = g_new (gpointer, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *folded = NULL;

      entries[i].item = g_list_model_get_item (G_LIST_MODEL (participants), i);
      folded = g_utf8_casefold (dag_participant_item_get_name (entries[i].item), -1);
      entries[i].key = g_utf8_collate_key (folded, -1);
    }
  qsort (entries, n, sizeof *entries, compare_sort_entries);
  for (guint i = 0; i < n; i++)
    {
      items[i] = entries[i].item;
      g_free (entries[i].key);
    }
  g_list_store_splice (participants, 0, n, items, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (items[i]);
}

GListModel *
dag_participants_view_get_shown (DagParticipantsView *self)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

void
dag_participants_view_focus_search (DagParticipantsView *self)
{
  g_return_if_fail (DAG_IS_PARTICIPANTS_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
dag_participants_view_set_search (DagParticipantsView *self,
                                  const char          *text)
{
  g_return_if_fail (DAG_IS_PARTICIPANTS_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* Apply at once rather than after the entry's typing delay. */
  search_changed_cb (self);
}

void
dag_participants_view_select (DagParticipantsView *self,
                              guint                position)
{
  g_return_if_fail (DAG_IS_PARTICIPANTS_VIEW (self));
  gtk_single_selection_set_selected (self->selection, position);
}

DagParticipantItem *
dag_participants_view_get_selected (DagParticipantsView *self)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANTS_VIEW (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

GtkColumnView *
dag_participants_view_get_column_view (DagParticipantsView *self)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANTS_VIEW (self), NULL);
  return self->column_view;
}

GtkListBox *
dag_participants_view_get_indication_list (DagParticipantsView *self)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANTS_VIEW (self), NULL);
  return self->indication_list;
}
