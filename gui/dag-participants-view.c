/* dag-participants-view.c — the Participants view: a GtkColumnView over
 * filter and sort models of the participant items, and a detail pane. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "dag-history.h"
#include "dag-indication-editor.h"
#include "dag-indication-item.h"
#include "dag-item-format.h"
#include "dag-participant-editor.h"
#include "dag-participants-view.h"
#include "dag-store-edit.h"
#include "dag-window.h"

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
  GtkWindow          *last_dialog;    /* weak: the last confirmation shown */
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
  GtkColumnViewColumn *birth_column;
  GtkColumnViewColumn *municipality_column;
  GtkColumnViewColumn *transport_column;
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
  GtkWidget          *delete_button;
  GtkWidget          *add_button;
  GtkWidget          *add_indication_button;
  GtkMenuButton      *columns_button;

  GSettings          *settings;       /* NULL without the installed schema */
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

/* A name cut short in a narrow window is whole in the tooltip. */
static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  DagParticipantItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), dag_participant_item_get_name (item));
  gtk_widget_set_tooltip_text (label, dag_participant_item_get_name (item));
}

/* Transport, with a wheelchair icon for wheelchair users: a column of its
 * own would be mostly empty and take the room names need. */
static void
setup_transport_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *icon = gtk_image_new_from_icon_name ("preferences-desktop-accessibility-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (icon, _("Uses a wheelchair"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_transport_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  DagParticipantItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));

  gtk_label_set_text (GTK_LABEL (label), dag_participant_item_get_transport_label (item));
  gtk_widget_set_visible (gtk_widget_get_next_sibling (label), dag_participant_item_get_wheelchair (item));
}

/* The next end of an indication; a warning icon when it is within six
 * weeks, "Ended" when every indication has. */
static void
setup_end_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_end_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  DagParticipantItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  gboolean expiring = dag_participant_item_get_expiring (item);
  gboolean ended = dag_participant_item_get_ended (item);

  if (ended)
    {
      /* Translators: in the Indication Ends column, when every indication
       * of a participant has ended; %s is the date of the last end. */
      g_autofree char *text = g_strdup_printf (_("Ended %s"), dag_participant_item_get_indication_end_text (item));

      gtk_label_set_text (GTK_LABEL (label), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (label), dag_participant_item_get_indication_end_text (item));
  gtk_widget_set_visible (icon, expiring);
  if (expiring)
    gtk_widget_add_css_class (box, "warning");
  else
    gtk_widget_remove_css_class (box, "warning");
  if (ended)
    gtk_widget_add_css_class (box, "dim-label");
  else
    gtk_widget_remove_css_class (box, "dim-label");
  gtk_widget_set_tooltip_text (box, expiring ? _("An indication ends within six weeks: the evaluation is due.")
                                    : ended ? _("Every indication of this participant has ended.")
                                    : NULL);
}

static void
set_up_column_with (GtkColumnViewColumn *column,
                    GCallback            setup,
                    GCallback            bind,
                    const char          *property,
                    GtkSorter           *sorter)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, (gpointer) property);
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
}

static void
set_up_column (GtkColumnViewColumn *column,
               GCallback            bind,
               const char          *property,
               GtkSorter           *sorter)
{
  set_up_column_with (column, G_CALLBACK (setup_label_cb), bind, property, sorter);
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

/* ---- columns the user can hide ----------------------------------------- */

/* The columns that can be hidden, by the id the "columns" actions and the
 * "participant-hidden-columns" setting use.  Name always shows. */
static const char * const hideable_ids[] = {
  "birth-date", "municipality", "transport", "products", "indication-end",
};

static GtkColumnViewColumn *
hideable_column (DagParticipantsView *self,
                 guint                i)
{
  GtkColumnViewColumn *columns[G_N_ELEMENTS (hideable_ids)] = {
    self->birth_column, self->municipality_column, self->transport_column,
    self->products_column, self->end_column,
  };

  return columns[i];
}

/* The window's settings, or NULL when the schema is not installed (from
 * the build tree): then the columns shown are not remembered. */
static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "participant-hidden-columns"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
column_visible_cb (DagParticipantsView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) hidden = NULL;

  if (self->settings == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (hideable_ids); i++)
    if (!gtk_column_view_column_get_visible (hideable_column (self, i)))
      g_strv_builder_add (builder, hideable_ids[i]);
  hidden = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "participant-hidden-columns", (const char * const *) hidden);
}

/* A check item per hideable column, in the menu of the button beside the
 * search and in every column header's menu (right click). */
static void
set_up_hideable_columns (DagParticipantsView *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_auto(GStrv) hidden = NULL;
  GListModel *columns;

  self->settings = lookup_settings ();
  if (self->settings != NULL)
    hidden = g_settings_get_strv (self->settings, "participant-hidden-columns");

  for (guint i = 0; i < G_N_ELEMENTS (hideable_ids); i++)
    {
      GtkColumnViewColumn *column = hideable_column (self, i);
      g_autoptr(GPropertyAction) action = g_property_action_new (hideable_ids[i], column, "visible");
      g_autofree char *detailed = g_strconcat ("columns.", hideable_ids[i], NULL);

      if (hidden != NULL && g_strv_contains ((const char * const *) hidden, hideable_ids[i]))
        gtk_column_view_column_set_visible (column, FALSE);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
      g_menu_append (section, gtk_column_view_column_get_title (column), detailed);
      g_signal_connect_object (column, "notify::visible", G_CALLBACK (column_visible_cb),
                               self, G_CONNECT_SWAPPED);
    }
  /* Translators: the heading of the menu that shows or hides columns. */
  g_menu_append_section (menu, _("Show Columns"), G_MENU_MODEL (section));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (group));
  gtk_menu_button_set_menu_model (self->columns_button, G_MENU_MODEL (menu));
  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      gtk_column_view_column_set_header_menu (column, G_MENU_MODEL (menu));
    }
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
  g_autofree char *total_text = dag_format_count (total);
  g_autofree char *shown_text = dag_format_count (shown);

  /* Counts written with the locale's thousands separator, "1.234". */
  if (shown == total)
    /* Translators: %s is a count, "1,234" */
    text = g_strdup_printf (ngettext ("%s participant", "%s participants", total), total_text);
  else
    /* Translators: how many participants match the search, of how many. */
    text = g_strdup_printf (ngettext ("%s of %s participant", "%s of %s participants", total),
                            shown_text, total_text);
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
  DagParticipantsView *self = user_data;
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
  if (dag_indication_item_get_remaining_text (ind) != NULL)
    {
      g_autofree char *two = g_steal_pointer (&subtitle);

      subtitle = g_strdup_printf ("%s\n%s", two, dag_indication_item_get_remaining_text (ind));
    }
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
  if (self->store != NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Edit or end this indication"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
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
                           create_indication_row, self, NULL);
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
indication_copy (DagIndication *dest, const DagIndication *src)
{
  *dest = *src;
  dest->id = g_strdup (src->id);
  dest->allocation_number = g_strdup (src->allocation_number);
}

static void
indication_clear (DagIndication *ind)
{
  g_clear_pointer (&ind->id, g_free);
  g_clear_pointer (&ind->allocation_number, g_free);
}

/* Tells what was just done, with a button that undoes it. */
static void
toast_done (DagParticipantsView *self,
            const char          *text)
{
  AdwToast *toast = adw_toast_new (text);

  if (dag_history_for_widget (GTK_WIDGET (self)) != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
toast_error (DagParticipantsView *self,
             const GError        *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/* Selects and shows the participant with id, when it is listed. */
static void
select_id (DagParticipantsView *self,
           const char          *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; id && i < n; i++)
    {
      g_autoptr(DagParticipantItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (g_strcmp0 (dag_participant_item_get_id (item), id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          show_detail (self, item);
          return;
        }
    }
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
  g_autofree char *id = NULL;
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
  id = g_strdup (p->id);
  select_id (self, id);
}

/* An edit of a participant's own fields: written and shown in place, as
 * no other record moves. */
typedef struct {
  DagParticipantsView *view;     /* the history forgets the step before the view goes */
  DagParticipant       before;
  DagParticipant       after;
} EditStep;

static void
edit_step_free (gpointer data)
{
  EditStep *step = data;

  participant_clear (&step->before);
  participant_clear (&step->after);
  g_free (step);
}

static gboolean
edit_step_apply (gpointer  data,
                 gboolean  undo,
                 GError  **error)
{
  EditStep *step = data;
  const DagParticipant *p = undo ? &step->before : &step->after;

  /* The same validated write as the edit itself, with its own audit entry. */
  if (step->view->store == NULL || !dag_store_update_participant (step->view->store, p, error))
    return FALSE;
  apply_record (step->view, p);
  return TRUE;
}

/* Adding or deleting a record moves the indices of the window's DagOrg:
 * these steps write the store and then reload the whole organisation. */
typedef enum {
  STEP_ADD_PARTICIPANT,
  STEP_DELETE_PARTICIPANT,
  STEP_ADD_INDICATION,
  STEP_EDIT_INDICATION,
  STEP_DELETE_INDICATION,
} StepKind;

typedef struct {
  DagParticipantsView *view;      /* the history forgets the step before the view goes */
  StepKind             kind;
  char                *participant; /* id of the participant shown after it */
  char                *id;          /* id of the record added or deleted */
  DagDeleted          *deleted;     /* what the deletion removed, while it is deleted */
  DagIndication        before;      /* an indication edit */
  DagIndication        after;
} RecordStep;

static void
record_step_free (gpointer data)
{
  RecordStep *step = data;

  g_free (step->participant);
  g_free (step->id);
  g_clear_pointer (&step->deleted, dag_deleted_free);
  indication_clear (&step->before);
  indication_clear (&step->after);
  g_free (step);
}

static RecordStep *
record_step_new (DagParticipantsView *self,
                 StepKind             kind,
                 const char          *participant,
                 const char          *id)
{
  RecordStep *step = g_new0 (RecordStep, 1);

  step->view = self;
  step->kind = kind;
  step->participant = g_strdup (participant);
  step->id = g_strdup (id);
  return step;
}

typedef struct {
  DagParticipantsView *view;
  char                *select;    /* id of the participant to show after */
  char                *label;
  RecordStep          *step;      /* pushed once reloaded, or NULL */
  char                *done;      /* toast once reloaded, or NULL */
} Reload;

static void
reload_free (Reload *reload)
{
  g_object_unref (reload->view);
  g_free (reload->select);
  g_free (reload->label);
  g_free (reload->done);
  if (reload->step)
    record_step_free (reload->step);
  g_free (reload);
}

static gboolean record_step_apply (gpointer data, gboolean undo, GError **error);

static void
reload_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Reload *reload = data;
  DagParticipantsView *self = reload->view;
  g_autoptr(GError) error = NULL;

  if (!dag_window_reload_finish (DAG_WINDOW (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, error);
    }
  else
    {
      DagHistory *history = dag_history_for_widget (GTK_WIDGET (self));

      select_id (self, reload->select);
      /* After the reload, which cleared the stack: its steps referred to
       * the old organisation. */
      if (history != NULL && reload->step != NULL)
        dag_history_push (history, self, reload->label, "participants", record_step_apply,
                          g_steal_pointer (&reload->step), record_step_free);
      /* Only now: its Undo button must find the step. */
      if (reload->done != NULL)
        toast_done (self, reload->done);
    }
  reload_free (reload);
}

/* Reloads the organisation into every view, then shows participant select,
 * pushes step (taking it) with label and toasts done. */
static void
reload (DagParticipantsView *self,
        const char          *select,
        const char          *label,
        RecordStep          *step,
        const char          *done)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  Reload *data;

  if (!DAG_IS_WINDOW (root))
    {
      if (step)
        record_step_free (step);
      return;
    }
  data = g_new0 (Reload, 1);
  data->view = g_object_ref (self);
  data->select = g_strdup (select);
  data->label = g_strdup (label);
  data->step = step;
  data->done = g_strdup (done);
  dag_window_reload_async (DAG_WINDOW (root), NULL, reload_done, data);
}

/* Undoes (redoes) an addition or deletion in one store transaction, then
 * reloads.  The reload clears the undo stack, so once a step of these is
 * undone it cannot be redone. */
static gboolean
record_step_apply (gpointer  data,
                   gboolean  undo,
                   GError  **error)
{
  RecordStep *step = data;
  DagParticipantsView *self = step->view;
  gboolean remove, ok;

  if (self->store == NULL)
    return FALSE;
  switch (step->kind)
    {
    case STEP_EDIT_INDICATION:
      ok = dag_store_update_indication (self->store, self->org, undo ? &step->before : &step->after, error);
      break;
    case STEP_ADD_PARTICIPANT:
    case STEP_ADD_INDICATION:
    case STEP_DELETE_PARTICIPANT:
    case STEP_DELETE_INDICATION:
      /* Undoing an addition or redoing a deletion removes the record. */
      remove = undo == (step->kind == STEP_ADD_PARTICIPANT || step->kind == STEP_ADD_INDICATION);
      if (remove)
        {
          g_clear_pointer (&step->deleted, dag_deleted_free);
          ok = step->kind == STEP_ADD_PARTICIPANT || step->kind == STEP_DELETE_PARTICIPANT
               ? dag_store_delete_participant (self->store, step->id, &step->deleted, error)
               : dag_store_delete_indication (self->store, step->id, &step->deleted, error);
        }
      else
        {
          g_return_val_if_fail (step->deleted != NULL, FALSE);
          ok = dag_store_restore_deleted (self->store, step->deleted, error);
          if (ok)
            g_clear_pointer (&step->deleted, dag_deleted_free);
        }
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    return FALSE;
  reload (self, step->participant, NULL, NULL, NULL);
  return TRUE;
}

static const char *
participant_name (DagParticipantsView *self,
                  int                  index)
{
  return DAG_AT (self->org->participants, DagParticipant, index)->name;
}

static const char *
indication_product (DagParticipantsView *self,
                    const DagIndication *ind)
{
  return DAG_AT (DAG_AT (self->org->contracts, DagContract, ind->contract)->products, DagProduct, ind->product)->product;
}

static void
editor_saved_cb (DagParticipantEditor *editor,
                 const DagParticipant *p,
                 DagParticipantsView  *self)
{
  DagHistory *history = dag_history_for_widget (GTK_WIDGET (self));
  g_autofree char *label = NULL;
  EditStep *step;
  int index;

  if (dag_participant_editor_is_adding (editor))
    {
      /* Translators: an undo step, with the participant's name. */
      label = g_strdup_printf (_("Add participant %s"), p->name);
      reload (self, p->id, label, record_step_new (self, STEP_ADD_PARTICIPANT, p->id, p->id),
              _("Participant added"));
      return;
    }

  index = dag_org_lookup (self->org, DAG_KIND_PARTICIPANT, p->id);
  g_return_if_fail (index >= 0);
  step = g_new0 (EditStep, 1);
  step->view = self;
  participant_copy (&step->before, DAG_AT (self->org->participants, DagParticipant, index));
  participant_copy (&step->after, p);
  apply_record (self, p);
  /* Translators: an undo step, with the participant's name. */
  label = g_strdup_printf (_("Edit participant %s"), p->name);
  if (history != NULL)
    dag_history_push (history, self, label, "participants", edit_step_apply, step, edit_step_free);
  else
    edit_step_free (step);
  toast_done (self, _("Participant saved"));
}

static GtkWindow *
present_dialog (DagParticipantsView *self,
                GtkWindow           *window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (window, GTK_WINDOW (root));
  gtk_window_present (window);
  return window;
}

GtkWindow *
dag_participants_view_edit_selected (DagParticipantsView *self)
{
  DagParticipantItem *item;
  DagParticipantEditor *editor;
  int index;

  g_return_val_if_fail (DAG_IS_PARTICIPANTS_VIEW (self), NULL);

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL || self->store == NULL)
    return NULL;
  index = dag_org_lookup (self->org, DAG_KIND_PARTICIPANT, dag_participant_item_get_id (item));
  if (index < 0)
    return NULL;
  editor = dag_participant_editor_new (self->store, self->org, index);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  return present_dialog (self, GTK_WINDOW (editor));
}

GtkWindow *
dag_participants_view_add_participant (DagParticipantsView *self)
{
  DagParticipantEditor *editor;

  g_return_val_if_fail (DAG_IS_PARTICIPANTS_VIEW (self), NULL);

  if (self->store == NULL)
    return NULL;
  editor = dag_participant_editor_new_participant (self->store, self->org);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  return present_dialog (self, GTK_WINDOW (editor));
}

static void
delete_participant_response_cb (AdwMessageDialog    *dialog,
                                const char          *response,
                                DagParticipantsView *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "dag-id");
  const char *name = g_object_get_data (G_OBJECT (dialog), "dag-name");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  RecordStep *step;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;
  step = record_step_new (self, STEP_DELETE_PARTICIPANT, id, id);
  if (!dag_store_delete_participant (self->store, id, &step->deleted, &error))
    {
      record_step_free (step);
      toast_error (self, error);
      return;
    }
  /* Translators: an undo step, with the participant's name. */
  label = g_strdup_printf (_("Delete participant %s"), name);
  reload (self, NULL, label, step, _("Participant deleted"));
}

static AdwMessageDialog *
confirm_dialog (DagParticipantsView *self,
                const char          *heading,
                const char          *body,
                const char          *delete_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", delete_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

GtkWindow *
dag_participants_view_delete_selected (DagParticipantsView *self)
{
  DagParticipantItem *item;
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (DAG_IS_PARTICIPANTS_VIEW (self), NULL);

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL || self->store == NULL)
    return NULL;
  /* Say at once when they cannot go, rather than after a confirmation. */
  if (!dag_store_check_delete_participant (self->store, dag_participant_item_get_id (item), &error))
    {
      toast_error (self, error);
      return NULL;
    }
  /* Translators: %s is a participant's name. */
  heading = g_strdup_printf (_("Delete %s?"), dag_participant_item_get_name (item));
  dialog = confirm_dialog (self, heading,
                           _("Their indications, weekly plan, absences and transport stops are deleted "
                             "with them."),
                           _("_Delete"));
  g_object_set_data_full (G_OBJECT (dialog), "dag-id", g_strdup (dag_participant_item_get_id (item)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "dag-name", g_strdup (dag_participant_item_get_name (item)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_participant_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* ---- indications -------------------------------------------------------- */

static void
indication_saved_cb (DagIndicationEditor *editor,
                     const DagIndication *ind,
                     DagParticipantsView *self)
{
  int index = dag_org_lookup (self->org, DAG_KIND_INDICATION, ind->id);
  const char *participant = DAG_AT (self->org->participants, DagParticipant, ind->participant)->id;
  g_autofree char *label = NULL;
  const char *done;
  RecordStep *step;

  if (index < 0)
    {
      step = record_step_new (self, STEP_ADD_INDICATION, participant, ind->id);
      /* Translators: an undo step: the product (“M3”) and the participant's name. */
      label = g_strdup_printf (_("Add indication %s of %s"), indication_product (self, ind),
                               participant_name (self, ind->participant));
      done = _("Indication added");
    }
  else
    {
      const DagIndication *before = DAG_AT (self->org->indications, DagIndication, index);
      gboolean ended = ind->end < before->end && ind->end <= dag_date_today ();

      step = record_step_new (self, STEP_EDIT_INDICATION, participant, ind->id);
      indication_copy (&step->before, before);
      indication_copy (&step->after, ind);
      label = g_strdup_printf (ended ? _("End indication %s of %s") : _("Edit indication %s of %s"),
                               indication_product (self, ind), participant_name (self, ind->participant));
      done = ended ? _("Indication ended") : _("Indication saved");
    }
  reload (self, participant, label, step, done);
}

static void
delete_indication_response_cb (AdwMessageDialog    *dialog,
                               const char          *response,
                               DagParticipantsView *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "dag-id");
  const char *label = g_object_get_data (G_OBJECT (dialog), "dag-label");
  const char *participant = g_object_get_data (G_OBJECT (dialog), "dag-participant");
  g_autoptr(GError) error = NULL;
  RecordStep *step;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;
  step = record_step_new (self, STEP_DELETE_INDICATION, participant, id);
  if (!dag_store_delete_indication (self->store, id, &step->deleted, &error))
    {
      record_step_free (step);
      toast_error (self, error);
      return;
    }
  reload (self, participant, label, step, _("Indication deleted"));
}

static void
indication_delete_requested_cb (DagIndicationEditor *editor,
                                DagParticipantsView *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editor), "dag-index"));
  const DagIndication *ind;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *label = NULL;

  if (index < 0 || self->org == NULL)   /* a new indication has nothing to delete */
    return;
  ind = DAG_AT (self->org->indications, DagIndication, index);

  /* Translators: %s is a product code, “M3”. */
  heading = g_strdup_printf (_("Delete Indication %s?"), indication_product (self, ind));
  dialog = confirm_dialog (self, heading,
                           _("An indication that was granted and has ended is better kept: end it "
                             "instead. Delete one that was entered by mistake."),
                           _("_Delete"));
  label = g_strdup_printf (_("Delete indication %s of %s"), indication_product (self, ind),
                           participant_name (self, ind->participant));
  g_object_set_data_full (G_OBJECT (dialog), "dag-id", g_strdup (ind->id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "dag-label", g_steal_pointer (&label), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "dag-participant",
                          g_strdup (DAG_AT (self->org->participants, DagParticipant, ind->participant)->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_indication_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  g_set_weak_pointer (&self->last_dialog, GTK_WINDOW (dialog));
}

static GtkWindow *
open_indication_editor (DagParticipantsView *self,
                        int                  participant,
                        int                  index)
{
  DagIndicationEditor *editor = dag_indication_editor_new (self->store, self->org, participant, index);

  g_object_set_data (G_OBJECT (editor), "dag-index", GINT_TO_POINTER (index));
  g_signal_connect_object (editor, "saved", G_CALLBACK (indication_saved_cb), self, 0);
  g_signal_connect_object (editor, "delete-requested", G_CALLBACK (indication_delete_requested_cb), self, 0);
  return present_dialog (self, GTK_WINDOW (editor));
}

GtkWindow *
dag_participants_view_add_indication (DagParticipantsView *self)
{
  DagParticipantItem *item;
  int participant;

  g_return_val_if_fail (DAG_IS_PARTICIPANTS_VIEW (self), NULL);

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL || self->store == NULL)
    return NULL;
  participant = dag_org_lookup (self->org, DAG_KIND_PARTICIPANT, dag_participant_item_get_id (item));
  if (participant < 0)
    return NULL;
  return open_indication_editor (self, participant, -1);
}

GtkWindow *
dag_participants_view_edit_indication (DagParticipantsView *self,
                                       guint                position)
{
  DagParticipantItem *item;
  g_autoptr(DagIndicationItem) ind = NULL;
  int index;

  g_return_val_if_fail (DAG_IS_PARTICIPANTS_VIEW (self), NULL);

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL || self->store == NULL)
    return NULL;
  ind = g_list_model_get_item (dag_participant_item_get_indications (item), position);
  if (ind == NULL)
    return NULL;
  index = dag_org_lookup (self->org, DAG_KIND_INDICATION, dag_indication_item_get_id (ind));
  if (index < 0)
    return NULL;
  return open_indication_editor (self, -1, index);
}

GtkWindow *
dag_participants_view_get_last_dialog (DagParticipantsView *self)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANTS_VIEW (self), NULL);
  return self->last_dialog;
}

static void
indication_row_activated_cb (GtkListBox          *box,
                             GtkListBoxRow       *row,
                             DagParticipantsView *self)
{
  dag_participants_view_edit_indication (self, (guint) gtk_list_box_row_get_index (row));
}

/* ---- actions ------------------------------------------------------------ */

static void
edit_clicked_cb (DagParticipantsView *self)
{
  dag_participants_view_edit_selected (self);
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  dag_participants_view_add_participant (DAG_PARTICIPANTS_VIEW (widget));
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  dag_participants_view_delete_selected (DAG_PARTICIPANTS_VIEW (widget));
}

static void
add_indication_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  dag_participants_view_add_indication (DAG_PARTICIPANTS_VIEW (widget));
}

void
dag_participants_view_set_store (DagParticipantsView *self,
                                 DagStore            *store,
                                 DagOrg              *org)
{
  DagHistory *history;

  g_return_if_fail (DAG_IS_PARTICIPANTS_VIEW (self));

  /* Steps refer to the old organisation's records. */
  history = dag_history_for_widget (GTK_WIDGET (self));
  if (history != NULL)
    dag_history_forget (history, self);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_set_object (&self->store, store);
  self->org = store ? org : NULL;
  gtk_widget_set_visible (self->edit_button, self->store != NULL);
  gtk_widget_set_visible (self->delete_button, self->store != NULL);
  gtk_widget_set_visible (self->add_indication_button, self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participants.add", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participants.delete", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participants.add-indication", self->store != NULL);
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
  g_clear_object (&self->settings);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_clear_weak_pointer (&self->last_dialog);
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
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, birth_column);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, columns_button);
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
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, delete_button);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, add_button);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantsView, add_indication_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, indication_row_activated_cb);
  /* Undo is the window's (win.undo): the view keeps no stack of its own. */
  gtk_widget_class_install_action (widget_class, "participants.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "participants.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "participants.add-indication", NULL, add_indication_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "participants.add", NULL);
}

static void
dag_participants_view_init (DagParticipantsView *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->query = g_strdup ("");

  set_up_column (self->name_column, G_CALLBACK (bind_name_cb), NULL, string_sorter ("name"));
  set_up_column (self->municipality_column, G_CALLBACK (bind_text_cb), "municipality",
                 string_sorter ("municipality"));
  set_up_column_with (self->transport_column, G_CALLBACK (setup_transport_cb), G_CALLBACK (bind_transport_cb),
                      NULL, string_sorter ("transport-label"));
  set_up_column (self->birth_column, G_CALLBACK (bind_text_cb), "birth-date-text", numeric_sorter ("birth-date"));
  set_up_column (self->products_column, G_CALLBACK (bind_text_cb), "active-products",
                 string_sorter ("active-products"));
  set_up_column_with (self->end_column, G_CALLBACK (setup_end_cb), G_CALLBACK (bind_end_cb),
                      NULL, numeric_sorter ("indication-end"));
  set_up_hideable_columns (self);

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

  dag_participants_view_set_store (self, NULL, NULL);
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
