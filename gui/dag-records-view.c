/* dag-records-view.c — the Organisation view: a sidebar of kinds, a
 * searchable list of one kind's records, and a form that saves through
 * dag-store-records with every step on the window's undo stack. */

#include "config.h"

#include <glib/gi18n.h>

#include "dag-records-view.h"
#include "dag-store-records.h"
#include "dag-window.h"

/* ---- list rows ------------------------------------------------------------ */

#define DAG_TYPE_RECORD_ROW (dag_record_row_get_type ())
G_DECLARE_FINAL_TYPE (DagRecordRow, dag_record_row, DAG, RECORD_ROW, GObject)

struct _DagRecordRow
{
  GObject parent_instance;
  char   *id;
  char   *title;
  char   *subtitle;
  char   *search;                   /* case-folded title, subtitle and id */
};

G_DEFINE_FINAL_TYPE (DagRecordRow, dag_record_row, G_TYPE_OBJECT)

static void
dag_record_row_finalize (GObject *object)
{
  DagRecordRow *self = DAG_RECORD_ROW (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->search);
  G_OBJECT_CLASS (dag_record_row_parent_class)->finalize (object);
}

static void
dag_record_row_class_init (DagRecordRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dag_record_row_finalize;
}

static void
dag_record_row_init (DagRecordRow *self)
{
}

static DagRecordRow *
record_row_new (const char *id, const char *title, char *subtitle)
{
  DagRecordRow *row = g_object_new (DAG_TYPE_RECORD_ROW, NULL);
  g_autofree char *all = g_strdup_printf ("%s %s %s", title, subtitle, id);

  row->id = g_strdup (id);
  row->title = g_strdup (title);
  row->subtitle = subtitle;
  row->search = g_utf8_casefold (all, -1);
  return row;
}

/* ---- the view ------------------------------------------------------------- */

static const struct {
  DagKind     kind;
  const char *icon;
  const char *label;
  const char *new_title;
  const char *id_prefix;
} kinds[] = {
  { DAG_KIND_LOCATION, "mark-location-symbolic", N_("Locations"), N_("New Location"), "L" },
  { DAG_KIND_GROUP, "system-users-symbolic", N_("Groups"), N_("New Group"), "G" },
  { DAG_KIND_STAFF, "avatar-default-symbolic", N_("Staff"), N_("New Staff Member"), "S" },
  { DAG_KIND_VEHICLE, "emoji-travel-symbolic", N_("Vehicles"), N_("New Vehicle"), "V" },
  { DAG_KIND_CONTRACT, "x-office-document-symbolic", N_("Contracts"), N_("New Contract"), "C" },
};

struct _DagRecordsView
{
  AdwBin              parent_instance;

  DagStore           *store;
  DagOrg             *org;
  DagKind             kind;
  GListStore         *rows;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  char               *search;       /* case-folded */
  char               *shown_id;     /* the record in the form, NULL for a new one */
  char               *pending_id;   /* to select after the next set_org */
  GPtrArray          *retired;      /* RetiredRecord: old values other views may still read */
  gboolean            changing;
  gboolean            leaving;      /* the person chose to discard or saved */
  GtkWidget          *unsaved_dialog;
  DagKind             target_kind;  /* where the person went while asked */
  char               *target_id;
  gboolean            target_add;   /* or: to a new record's form */
  gboolean            target_close; /* or: the window was closing */
  gboolean            closing;      /* the edits were saved or dropped for it */

  /* template widgets */
  GtkListBox         *kind_list;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkStack           *detail_stack;
  GtkLabel           *title_label;
  GtkWidget          *delete_button;
  DagRecordForm      *form;
  GtkLabel           *message_label;
  GtkWidget          *revert_button;
  GtkWidget          *save_button;
};

G_DEFINE_FINAL_TYPE (DagRecordsView, dag_records_view, ADW_TYPE_BIN)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct {
  DagKind  kind;
  gpointer record;
} RetiredRecord;

static void
retired_free (gpointer data)
{
  RetiredRecord *r = data;

  dag_record_free (r->kind, r->record);
  g_free (r);
}

static int
kind_position (DagKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return i;
  return 0;
}

/* The record of kind at index in org. */
static gpointer
org_record (DagOrg *org, DagKind kind, int index)
{
  switch (kind)
    {
    case DAG_KIND_LOCATION: return DAG_AT (org->locations, DagLocation, index);
    case DAG_KIND_GROUP: return DAG_AT (org->groups, DagGroup, index);
    case DAG_KIND_STAFF: return DAG_AT (org->staff, DagStaff, index);
    case DAG_KIND_VEHICLE: return DAG_AT (org->vehicles, DagVehicle, index);
    case DAG_KIND_CONTRACT: return DAG_AT (org->contracts, DagContract, index);
    default: g_return_val_if_reached (NULL);
    }
}

static guint
org_count (DagOrg *org, DagKind kind)
{
  switch (kind)
    {
    case DAG_KIND_LOCATION: return org->locations->len;
    case DAG_KIND_GROUP: return org->groups->len;
    case DAG_KIND_STAFF: return org->staff->len;
    case DAG_KIND_VEHICLE: return org->vehicles->len;
    case DAG_KIND_CONTRACT: return org->contracts->len;
    default: return 0;
    }
}

static const char *
qualification_label (DagQualification q)
{
  return q == DAG_QUAL_HBO ? _("HBO") : q == DAG_QUAL_MBO ? _("MBO") : _("Volunteer");
}

static DagRecordRow *
make_row (DagOrg *org, DagKind kind, int index)
{
  switch (kind)
    {
    case DAG_KIND_LOCATION:
      {
        const DagLocation *l = DAG_AT (org->locations, DagLocation, index);
        return record_row_new (l->id, l->name, g_strdup (l->address));
      }
    case DAG_KIND_GROUP:
      {
        const DagGroup *g = DAG_AT (org->groups, DagGroup, index);
        const char *where = DAG_AT (org->locations, DagLocation, g->location)->name;
        return record_row_new (g->id, g->name,
                               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d place", "%s · %d places",
                                                             g->capacity), where, g->capacity));
      }
    case DAG_KIND_STAFF:
      {
        const DagStaff *s = DAG_AT (org->staff, DagStaff, index);
        return record_row_new (s->id, s->name,
                               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d hour a week",
                                                             "%s · %d hours a week", s->contract_hours),
                                                qualification_label (s->qualification), s->contract_hours));
      }
    case DAG_KIND_VEHICLE:
      {
        const DagVehicle *v = DAG_AT (org->vehicles, DagVehicle, index);
        const char *where = DAG_AT (org->locations, DagLocation, v->location)->name;
        return record_row_new (v->id, v->name,
                               /* TRANSLATORS: seats, wheelchair places, home location */
                               g_strdup_printf (_("%d seats, %d wheelchair · %s"), v->seats,
                                                v->wheelchair_places, where));
      }
    case DAG_KIND_CONTRACT:
    default:
      {
        const DagContract *c = DAG_AT (org->contracts, DagContract, index);
        const char *who = DAG_AT (org->municipalities, DagMunicipality, c->municipality)->name;
        guint n = c->products->len;
        return record_row_new (c->id, c->id,
                               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u product", "%s · %u products", n),
                                                who, n));
      }
    }
}

static void
update_buttons (DagRecordsView *self)
{
  const char *message = dag_record_form_get_message (self->form);
  gboolean dirty = dag_record_form_is_dirty (self->form) || dag_record_form_is_new (self->form);

  gtk_widget_set_sensitive (self->save_button, dag_record_form_is_valid (self->form) && dirty);
  gtk_widget_set_sensitive (self->revert_button, dag_record_form_is_dirty (self->form));
  gtk_widget_set_visible (self->delete_button, !dag_record_form_is_new (self->form));
  /* A new, untouched form is not wrong yet: say so only once typed in. */
  if (message && (dag_record_form_is_dirty (self->form) || !dag_record_form_is_new (self->form)))
    {
      gtk_label_set_text (self->message_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
}

static void
show_message (DagRecordsView *self, const char *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
}

static void
show_record (DagRecordsView *self, const char *id)
{
  int index = id && self->org ? dag_org_lookup (self->org, self->kind, id) : -1;
  gconstpointer record;

  if (index < 0)
    {
      g_clear_pointer (&self->shown_id, g_free);
      dag_record_form_set_record (self->form, NULL, self->kind, NULL, FALSE);
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }
  record = org_record (self->org, self->kind, index);
  if (self->shown_id != id)
    {
      g_free (self->shown_id);
      self->shown_id = g_strdup (id);
    }
  dag_record_form_set_record (self->form, self->org, self->kind, record, FALSE);
  gtk_label_set_text (self->title_label, dag_record_get_name (self->kind, record));
  gtk_stack_set_visible_child_name (self->detail_stack, "form");
  update_buttons (self);
}

static int
compare_rows (gconstpointer a, gconstpointer b, gpointer data)
{
  const DagRecordRow *x = *(DagRecordRow * const *) a, *y = *(DagRecordRow * const *) b;
  int c = g_utf8_collate (x->title, y->title);

  return c ? c : g_strcmp0 (x->id, y->id);
}

/* Builds the list of the shown kind again and selects id (or the first). */
static void
rebuild (DagRecordsView *self, const char *id)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *select = g_strdup (id);
  guint n;

  self->changing = TRUE;
  if (self->org)
    for (guint i = 0; i < org_count (self->org, self->kind); i++)
      g_ptr_array_add (items, make_row (self->org, self->kind, i));
  /* Sorted by title, so a long list reads like an index. */
  g_ptr_array_sort_with_data (items, compare_rows, NULL);
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);
  self->changing = FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (select == NULL && n > 0)
    {
      g_autoptr(DagRecordRow) first = g_list_model_get_item (G_LIST_MODEL (self->selection), 0);
      select = g_strdup (first->id);
    }
  if (select == NULL || !dag_records_view_select (self, select))
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      show_record (self, NULL);
    }
}

static void ask_unsaved (DagRecordsView *self, DagKind kind, const char *id);

/* Selects the shown record's row again, without showing it again. */
static void
reselect_shown (DagRecordsView *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; self->shown_id && !dag_record_form_is_new (self->form) &&
                    i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DagRecordRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (row->id, self->shown_id) == 0)
        position = i;
    }
  self->changing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->changing = FALSE;
}

static void
selection_changed_cb (DagRecordsView *self)
{
  DagRecordRow *row;

  if (self->changing)
    return;
  row = gtk_single_selection_get_selected_item (self->selection);
  if (row && !self->leaving && dag_record_form_is_dirty (self->form))
    {
      g_autofree char *id = g_strdup (row->id);

      /* The form stays until the person chose what to do with its edits. */
      reselect_shown (self);
      ask_unsaved (self, self->kind, id);
      return;
    }
  if (row)
    show_record (self, row->id);
}

static gboolean
filter_row (gpointer item, gpointer data)
{
  DagRecordsView *self = data;
  DagRecordRow *row = item;

  return self->search == NULL || *self->search == '\0' || strstr (row->search, self->search) != NULL;
}

static void
search_changed_cb (DagRecordsView *self)
{
  g_free (self->search);
  self->search = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
kind_selected_cb (DagRecordsView *self, GtkListBoxRow *row)
{
  DagKind kind;

  if (row == NULL || self->changing)
    return;
  kind = kinds[gtk_list_box_row_get_index (row)].kind;
  if (kind != self->kind && !self->leaving && dag_record_form_is_dirty (self->form))
    {
      self->changing = TRUE;
      gtk_list_box_select_row (self->kind_list,
                               gtk_list_box_get_row_at_index (self->kind_list, kind_position (self->kind)));
      self->changing = FALSE;
      ask_unsaved (self, kind, NULL);
      return;
    }
  dag_records_view_set_kind (self, kind);
}

static void
form_changed_cb (DagRecordsView *self)
{
  update_buttons (self);
}

static void
revert_clicked_cb (DagRecordsView *self)
{
  if (dag_record_form_is_new (self->form))
    rebuild (self, self->shown_id);
  else
    show_record (self, self->shown_id);
}

/* ---- undo steps ----------------------------------------------------------- */

typedef enum { STEP_EDIT, STEP_ADD, STEP_DELETE } StepType;

typedef struct {
  GWeakRef  view;
  StepType  type;
  DagKind   kind;
  gpointer  before;                 /* edit: old values; delete: the record */
  gpointer  after;                  /* edit: new values; add: the record */
  GPtrArray *staffing;              /* delete: the assignments that went along */
} Step;

static void
step_free (gpointer data)
{
  Step *step = data;

  g_weak_ref_clear (&step->view);
  dag_record_free (step->kind, step->before);
  dag_record_free (step->kind, step->after);
  g_clear_pointer (&step->staffing, g_ptr_array_unref);
  g_free (step);
}

static Step *
step_new (DagRecordsView *self, StepType type, DagKind kind, gpointer before, gpointer after)
{
  Step *step = g_new0 (Step, 1);

  g_weak_ref_init (&step->view, self);
  step->type = type;
  step->kind = kind;
  step->before = before;
  step->after = after;
  return step;
}

static char *
step_label (StepType type, DagKind kind, gconstpointer record)
{
  const char *name = dag_record_get_name (kind, record);

  switch (type)
    {
    case STEP_ADD:
      /* TRANSLATORS: the name of a location, group, staff member, vehicle or contract */
      return g_strdup_printf (_("Add “%s”"), name);
    case STEP_DELETE:
      return g_strdup_printf (_("Delete “%s”"), name);
    case STEP_EDIT:
    default:
      return g_strdup_printf (_("Edit “%s”"), name);
    }
}

/* Puts record's values into the organisation the other views read, keeping
 * the old strings alive while list items may still point at them. */
static void
apply_in_memory (DagRecordsView *self, DagKind kind, gconstpointer record)
{
  const char *id = dag_record_get_id (kind, record);
  int index = dag_org_lookup (self->org, kind, id);
  RetiredRecord *retired;
  g_autofree char *keep_id = g_strdup (id);

  g_return_if_fail (index >= 0);
  retired = g_new0 (RetiredRecord, 1);
  retired->kind = kind;
  retired->record = dag_record_replace (kind, org_record (self->org, kind, index), record);
  g_ptr_array_add (self->retired, retired);
  if (kind == DAG_KIND_CONTRACT)
    dag_org_remap_products (self->org, index, retired->record);
  if (kind == self->kind)
    rebuild (self, keep_id);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static DagWindow *
window_of (DagRecordsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return DAG_IS_WINDOW (root) ? DAG_WINDOW (root) : NULL;
}

static void reload (DagRecordsView *self, Step *push);

static gboolean
apply_step (gpointer data, gboolean undo, GError **error)
{
  Step *step = data;
  g_autoptr(DagRecordsView) self = g_weak_ref_get (&step->view);
  gconstpointer record;

  if (self == NULL || self->store == NULL)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("The Organisation view is gone"));
      return FALSE;
    }
  switch (step->type)
    {
    case STEP_EDIT:
      record = undo ? step->before : step->after;
      if (!dag_store_update_record (self->store, self->org, step->kind, record, error))
        return FALSE;
      if (self->kind != step->kind)
        {
          /* The undo is done already: it shows, over any unsaved edits. */
          self->leaving = TRUE;
          dag_records_view_set_kind (self, step->kind);
          self->leaving = FALSE;
        }
      apply_in_memory (self, step->kind, record);
      return TRUE;
    case STEP_ADD:
    case STEP_DELETE:
    default:
      {
        gboolean remove = (step->type == STEP_ADD) == undo;
        gconstpointer r = step->type == STEP_ADD ? step->after : step->before;
        const char *id = dag_record_get_id (step->kind, r);

        if (remove)
          {
            if (!dag_store_delete_record (self->store, step->kind, id, error))
              return FALSE;
          }
        else
          {
            /* The record and the staffing that went with it, as one step. */
            if (!dag_store_begin (self->store, error))
              return FALSE;
            if (!dag_store_add_record (self->store, self->org, step->kind, r, error) ||
                !dag_store_restore_staffing (self->store, step->staffing, error) ||
                !dag_store_commit (self->store, error))
              {
                dag_store_rollback (self->store);
                return FALSE;
              }
          }
        /* Indices move: everything is loaded again (which also clears the
         * undo stack, so this step cannot be redone after it). */
        self->kind = step->kind;
        g_free (self->pending_id);
        self->pending_id = remove ? NULL : g_strdup (id);
        reload (self, NULL);
        return TRUE;
      }
    }
}

static void
push_step (DagRecordsView *self, Step *step)
{
  DagHistory *history = dag_history_for_widget (GTK_WIDGET (self));
  g_autofree char *label = NULL;

  if (history == NULL)
    {
      step_free (step);
      return;
    }
  label = step_label (step->type, step->kind, step->type == STEP_DELETE ? step->before : step->after);
  dag_history_push (history, self, label, "organisation", apply_step, step, step_free);
}

typedef struct {
  DagRecordsView *self;
  Step           *push;
} ReloadData;

static void
reload_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  ReloadData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!dag_window_reload_finish (DAG_WINDOW (object), result, &error))
    {
      g_warning ("Reloading after an edit failed: %s", error->message);
      if (data->push)
        step_free (data->push);
    }
  else if (data->push)
    push_step (data->self, data->push);
  g_object_unref (data->self);
  g_free (data);
}

/* Loads the organisation again through the window, then pushes push (an
 * add or delete step: the reload clears the undo stack first). */
static void
reload (DagRecordsView *self, Step *push)
{
  DagWindow *window = window_of (self);
  ReloadData *data;

  if (window == NULL)
    {
      /* Tested on its own: load the store directly. */
      if (push)
        step_free (push);
      return;
    }
  data = g_new0 (ReloadData, 1);
  data->self = g_object_ref (self);
  data->push = push;
  dag_window_reload_async (window, NULL, reload_done, data);
}

/* ---- save, add, delete ---------------------------------------------------- */

gboolean
dag_records_view_save (DagRecordsView *self)
{
  g_autoptr(GError) error = NULL;
  gconstpointer record;
  DagKind kind;

  g_return_val_if_fail (DAG_IS_RECORDS_VIEW (self), FALSE);
  if (self->store == NULL || !dag_record_form_is_valid (self->form))
    return FALSE;
  record = dag_record_form_get_record (self->form);
  kind = dag_record_form_get_kind (self->form);

  if (dag_record_form_is_new (self->form))
    {
      if (!dag_store_add_record (self->store, self->org, kind, record, &error))
        {
          show_message (self, error->message);
          return FALSE;
        }
      g_free (self->pending_id);
      self->pending_id = g_strdup (dag_record_get_id (kind, record));
      reload (self, step_new (self, STEP_ADD, kind, NULL, dag_record_dup (kind, record)));
    }
  else
    {
      int index = dag_org_lookup (self->org, kind, dag_record_get_id (kind, record));
      gpointer before, after;

      g_return_val_if_fail (index >= 0, FALSE);
      if (!dag_store_update_record (self->store, self->org, kind, record, &error))
        {
          show_message (self, error->message);
          return FALSE;
        }
      before = dag_record_dup (kind, org_record (self->org, kind, index));
      after = dag_record_dup (kind, record);
      apply_in_memory (self, kind, after);
      push_step (self, step_new (self, STEP_EDIT, kind, before, after));
    }
  return TRUE;
}

static void
save_clicked_cb (DagRecordsView *self)
{
  dag_records_view_save (self);
}

/* A new record of the shown kind with sensible defaults and a free id. */
static gpointer
new_record (DagRecordsView *self)
{
  const DagOrg *org = self->org;
  g_autofree char *id = NULL;
  gpointer record = NULL;

  for (guint n = org_count (self->org, self->kind) + 1; id == NULL; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s%u", kinds[kind_position (self->kind)].id_prefix, n);

      if (dag_org_lookup (self->org, self->kind, candidate) < 0)
        id = g_steal_pointer (&candidate);
    }
  switch (self->kind)
    {
    case DAG_KIND_LOCATION:
      {
        DagLocation l = { 0 };
        g_autoptr(GArray) closures = g_array_new (FALSE, FALSE, sizeof (DagDate));

        l.id = id;
        l.name = (char *) "";
        l.address = (char *) "";
        if (org->locations->len > 0)
          {
            l.lat = DAG_AT (org->locations, DagLocation, 0)->lat;
            l.lon = DAG_AT (org->locations, DagLocation, 0)->lon;
          }
        l.has_part[DAG_PART_AM] = l.has_part[DAG_PART_PM] = TRUE;
        l.part_start[DAG_PART_AM] = 9 * 60;
        l.part_end[DAG_PART_AM] = l.part_start[DAG_PART_PM] = 13 * 60;
        l.part_end[DAG_PART_PM] = 17 * 60;
        l.closures = closures;
        record = dag_record_dup (DAG_KIND_LOCATION, &l);
      }
      break;
    case DAG_KIND_GROUP:
      {
        DagGroup g = { 0 };
        g_autoptr(GPtrArray) products = g_ptr_array_new ();
        const GArray *levels = org->settings.levels;

        g.id = id;
        g.name = (char *) "";
        g.location = org->locations->len > 0 ? 0 : -1;
        g.products = products;
        g.min_level = levels->len ? DAG_AT (levels, DagLevel, 0)->level : 1;
        g.max_level = levels->len ? DAG_AT (levels, DagLevel, levels->len - 1)->level : 1;
        g.capacity = 8;
        for (int day = 0; day < 5; day++)
          g.slots |= DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_AM)) | DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_PM));
        record = dag_record_dup (DAG_KIND_GROUP, &g);
      }
      break;
    case DAG_KIND_STAFF:
      {
        DagStaff s = { 0 };

        s.id = id;
        s.name = (char *) "";
        s.qualification = DAG_QUAL_MBO;
        s.contract_hours = 32;
        for (int day = 0; day < 5; day++)
          s.available |= DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_AM)) | DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_PM));
        record = dag_record_dup (DAG_KIND_STAFF, &s);
      }
      break;
    case DAG_KIND_VEHICLE:
      {
        DagVehicle v = { 0 };

        v.id = id;
        v.name = (char *) "";
        v.seats = 8;
        v.location = org->locations->len > 0 ? 0 : -1;
        v.cost_per_km_cents = 45;
        record = dag_record_dup (DAG_KIND_VEHICLE, &v);
      }
      break;
    case DAG_KIND_CONTRACT:
    default:
      {
        DagContract c = { 0 };

        c.id = id;
        c.municipality = org->municipalities->len > 0 ? 0 : -1;
        record = dag_record_dup (DAG_KIND_CONTRACT, &c);
      }
      break;
    }
  return record;
}

void
dag_records_view_add (DagRecordsView *self)
{
  gpointer record;

  g_return_if_fail (DAG_IS_RECORDS_VIEW (self));
  if (self->org == NULL)
    return;
  record = new_record (self);
  self->changing = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->changing = FALSE;
  dag_record_form_set_record (self->form, self->org, self->kind, record, TRUE);
  dag_record_free (self->kind, record);
  gtk_label_set_text (self->title_label, _(kinds[kind_position (self->kind)].new_title));
  gtk_stack_set_visible_child_name (self->detail_stack, "form");
  update_buttons (self);
  gtk_widget_grab_focus (dag_record_form_get_row (self->form, "name") ?: dag_record_form_get_row (self->form, "id"));
}

static void
add_clicked_cb (DagRecordsView *self)
{
  if (dag_record_form_is_dirty (self->form))
    {
      ask_unsaved (self, self->kind, NULL);
      if (self->unsaved_dialog)
        self->target_add = TRUE;
      return;
    }
  dag_records_view_add (self);
}

static void
delete_response_cb (AdwMessageDialog *dialog, const char *response, DagRecordsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staffing = NULL;
  int index;
  gpointer record;
  Step *step;

  if (g_strcmp0 (response, "delete") != 0 || self->shown_id == NULL || self->org == NULL)
    return;
  index = dag_org_lookup (self->org, self->kind, self->shown_id);
  if (index < 0)
    return;
  staffing = dag_store_list_record_staffing (self->store, self->kind, self->shown_id, &error);
  if (staffing == NULL)
    {
      show_message (self, error->message);
      return;
    }
  record = dag_record_dup (self->kind, org_record (self->org, self->kind, index));
  if (!dag_store_delete_record (self->store, self->kind, self->shown_id, &error))
    {
      dag_record_free (self->kind, record);
      show_message (self, error->message);
      return;
    }
  g_free (self->pending_id);
  self->pending_id = NULL;
  step = step_new (self, STEP_DELETE, self->kind, record, NULL);
  step->staffing = g_steal_pointer (&staffing);
  reload (self, step);
}

GtkWidget *
dag_records_view_delete (DagRecordsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  const char *body;
  int index;
  GtkWidget *dialog;

  g_return_val_if_fail (DAG_IS_RECORDS_VIEW (self), NULL);
  if (self->shown_id == NULL || self->org == NULL ||
      (index = dag_org_lookup (self->org, self->kind, self->shown_id)) < 0)
    return NULL;
  heading = g_strdup_printf (_("Delete “%s”?"),
                             dag_record_get_name (self->kind, org_record (self->org, self->kind, index)));
  switch (self->kind)
    {
    case DAG_KIND_STAFF:
      body = _("Their assignments to groups go with them; undo brings both back.");
      break;
    case DAG_KIND_GROUP:
      body = _("The staff assigned to the group are unassigned; undo brings both back.");
      break;
    case DAG_KIND_CONTRACT:
      body = _("Its products and tariffs go with it. Undo brings them back.");
      break;
    case DAG_KIND_LOCATION:
      body = _("Its opening times and closures go with it. Undo brings them back.");
      break;
    case DAG_KIND_VEHICLE:
    default:
      body = _("Undo brings it back.");
      break;
    }
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
delete_clicked_cb (DagRecordsView *self)
{
  dag_records_view_delete (self);
}

/* ---- unsaved changes ------------------------------------------------------ */

/* Shows what the person went to: a record of the shown kind, or a kind. */
static void
go_to_target (DagRecordsView *self)
{
  g_autofree char *id = g_steal_pointer (&self->target_id);

  self->leaving = TRUE;
  /* (target_add is reset by the next question.) */
  if (self->target_add)
    dag_records_view_add (self);
  else if (self->target_kind != self->kind)
    dag_records_view_set_kind (self, self->target_kind);
  else if (id == NULL || !dag_records_view_select (self, id))
    rebuild (self, id);
  self->leaving = FALSE;
}

static gboolean
close_window_idle (gpointer window)
{
  gtk_window_close (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

/* The person saved or dropped the edits to close the window: closes it,
 * once the dialog (transient for it) is gone. */
static void
close_window (DagRecordsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->closing = TRUE;
  if (GTK_IS_WINDOW (root))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_window_idle, g_object_ref (root), g_object_unref);
}

static void
unsaved_response_cb (AdwMessageDialog *dialog, const char *response, DagRecordsView *self)
{
  if (self->unsaved_dialog)
    g_object_remove_weak_pointer (G_OBJECT (self->unsaved_dialog), (gpointer *) &self->unsaved_dialog);
  self->unsaved_dialog = NULL;
  if (self->target_close && g_strcmp0 (response, "cancel") != 0)
    {
      if (g_strcmp0 (response, "save") == 0 && !dag_records_view_save (self))
        return;
      close_window (self);
      return;
    }
  if (g_strcmp0 (response, "save") == 0)
    {
      gboolean was_new = dag_record_form_is_new (self->form);

      if (!dag_records_view_save (self))
        return;
      if (was_new)
        {
          /* The add reloads the window; go there once it has (a second
           * new record waits until then: it is one click away). */
          if (!self->target_add)
            {
              self->kind = self->target_kind;
              g_free (self->pending_id);
              self->pending_id = g_steal_pointer (&self->target_id);
            }
          return;
        }
      go_to_target (self);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    go_to_target (self);
  else
    g_clear_pointer (&self->target_id, g_free);
}

/* Asks whether to save the form's edits before showing kind's record id
 * (or the list of kind, when id is NULL). */
static void
ask_unsaved (DagRecordsView *self, DagKind kind, const char *id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean valid = dag_record_form_is_valid (self->form);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->unsaved_dialog)
    return;
  self->target_kind = kind;
  self->target_add = FALSE;
  self->target_close = FALSE;
  g_free (self->target_id);
  self->target_id = g_strdup (id);
  /* TRANSLATORS: the name of a location, group, staff member, vehicle or contract */
  heading = g_strdup_printf (_("Save the changes to “%s”?"), gtk_label_get_text (self->title_label));
  if (valid)
    body = g_strdup (_("If you don’t save, the changes are lost."));
  else
    /* TRANSLATORS: what is wrong with the form, like "Seats: must be at least 1" */
    body = g_strdup_printf (_("The changes cannot be saved as they are (%s). Discard them, or cancel to correct them."),
                            dag_record_form_get_message (self->form));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", valid);
  adw_message_dialog_set_default_response (dialog, valid ? "save" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  self->unsaved_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->unsaved_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- setup ---------------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  DagRecordRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), row->title);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), row->subtitle);
}

static void
dag_records_view_dispose (GObject *object)
{
  DagRecordsView *self = DAG_RECORDS_VIEW (object);

  if (self->unsaved_dialog)
    g_object_remove_weak_pointer (G_OBJECT (self->unsaved_dialog), (gpointer *) &self->unsaved_dialog);
  self->unsaved_dialog = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DAG_TYPE_RECORDS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (dag_records_view_parent_class)->dispose (object);
}

static void
dag_records_view_finalize (GObject *object)
{
  DagRecordsView *self = DAG_RECORDS_VIEW (object);

  g_free (self->search);
  g_free (self->shown_id);
  g_free (self->pending_id);
  g_free (self->target_id);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  G_OBJECT_CLASS (dag_records_view_parent_class)->finalize (object);
}

static void
dag_records_view_class_init (DagRecordsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dag_records_view_dispose;
  object_class->finalize = dag_records_view_finalize;

  /* Emitted after a record of the organisation changed in place (a saved
   * edit, or its undo or redo), for views that computed from it. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DAG_TYPE_RECORD_FORM);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dagritme/Dagritme/dag-records-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DagRecordsView, kind_list);
  gtk_widget_class_bind_template_child (widget_class, DagRecordsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DagRecordsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, DagRecordsView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, DagRecordsView, title_label);
  gtk_widget_class_bind_template_child (widget_class, DagRecordsView, delete_button);
  gtk_widget_class_bind_template_child (widget_class, DagRecordsView, form);
  gtk_widget_class_bind_template_child (widget_class, DagRecordsView, message_label);
  gtk_widget_class_bind_template_child (widget_class, DagRecordsView, revert_button);
  gtk_widget_class_bind_template_child (widget_class, DagRecordsView, save_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, revert_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
dag_records_view_init (DagRecordsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->kind = DAG_KIND_LOCATION;
  self->retired = g_ptr_array_new_with_free_func (retired_free);
  self->rows = g_list_store_new (DAG_TYPE_RECORD_ROW);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                        g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (g_object_ref (self->selection)));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (_(kinds[i].label));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (kinds[i].icon));
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_append (self->kind_list, box);
    }
  self->changing = TRUE;
  gtk_list_box_select_row (self->kind_list, gtk_list_box_get_row_at_index (self->kind_list, 0));
  self->changing = FALSE;
  gtk_stack_set_visible_child_name (self->detail_stack, "empty");
}

/* ---- public --------------------------------------------------------------- */

void
dag_records_view_set_org (DagRecordsView *self,
                          DagStore       *store,
                          DagOrg         *org)
{
  DagHistory *history = dag_history_for_widget (GTK_WIDGET (self));
  g_autofree char *select = NULL;

  g_return_if_fail (DAG_IS_RECORDS_VIEW (self));

  if (history)
    dag_history_forget (history, self);
  g_set_object (&self->store, store);
  self->org = org;
  /* The old organisation is gone, and with it every reader of old values. */
  g_ptr_array_set_size (self->retired, 0);
  select = self->pending_id ? g_steal_pointer (&self->pending_id) : g_strdup (self->shown_id);
  if (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (self->kind_list)) != kind_position (self->kind))
    {
      self->changing = TRUE;
      gtk_list_box_select_row (self->kind_list,
                               gtk_list_box_get_row_at_index (self->kind_list, kind_position (self->kind)));
      self->changing = FALSE;
    }
  rebuild (self, select);
}

void
dag_records_view_set_kind (DagRecordsView *self,
                           DagKind         kind)
{
  GtkListBoxRow *row;

  g_return_if_fail (DAG_IS_RECORDS_VIEW (self));
  g_return_if_fail (dag_store_records_kind_supported (kind));

  row = gtk_list_box_get_row_at_index (self->kind_list, kind_position (kind));
  if (gtk_list_box_get_selected_row (self->kind_list) != row)
    {
      /* Selecting the row calls back here. */
      gtk_list_box_select_row (self->kind_list, row);
      return;
    }
  if (self->kind == kind && g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0)
    return;
  self->kind = kind;
  g_clear_pointer (&self->shown_id, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  rebuild (self, NULL);
}

DagKind
dag_records_view_get_kind (DagRecordsView *self)
{
  return self->kind;
}

gboolean
dag_records_view_select (DagRecordsView *self,
                         const char     *id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DagRecordRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (row->id, id) == 0)
        {
          self->changing = TRUE;
          gtk_single_selection_set_selected (self->selection, i);
          self->changing = FALSE;
          show_record (self, row->id);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

DagRecordForm *
dag_records_view_get_form (DagRecordsView *self)
{
  return self->form;
}

GtkWidget *
dag_records_view_get_save_button (DagRecordsView *self)
{
  return self->save_button;
}

GtkLabel *
dag_records_view_get_message_label (DagRecordsView *self)
{
  return self->message_label;
}

GtkWidget *
dag_records_view_get_unsaved_dialog (DagRecordsView *self)
{
  return self->unsaved_dialog;
}

guint
dag_records_view_get_n_shown (DagRecordsView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

void
dag_records_view_set_search (DagRecordsView *self,
                             const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  search_changed_cb (self);
}

gboolean
dag_records_view_has_unsaved (DagRecordsView *self)
{
  g_return_val_if_fail (DAG_IS_RECORDS_VIEW (self), FALSE);
  return !self->closing && self->form != NULL && dag_record_form_is_dirty (self->form);
}

void
dag_records_view_ask_before_close (DagRecordsView *self)
{
  g_return_if_fail (DAG_IS_RECORDS_VIEW (self));
  ask_unsaved (self, self->kind, NULL);
  self->target_close = TRUE;
}
