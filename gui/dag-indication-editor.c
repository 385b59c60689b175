/* dag-indication-editor.c — the indication editor: a product of the
 * participant's municipality's contracts, a level, dates and a volume,
 * checked on every change with the store's own checks; Save only while
 * all are valid. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "dag-date-popover.h"
#include "dag-indication-editor.h"
#include "dag-item-format.h"
#include "dag-store-edit.h"
#include "dag-validate.h"

enum { FIELD_PRODUCT, FIELD_LEVEL, FIELD_ALLOCATION, FIELD_START, FIELD_END, FIELD_UNITS, N_FIELDS };

static const char * const field_names[N_FIELDS] = {
  "product", "level", "allocation", "start", "end", "units",
};

typedef struct {
  int contract;
  int product;
} ProductChoice;

struct _DagIndicationEditor
{
  AdwWindow        parent_instance;

  DagStore        *store;
  DagOrg          *org;
  int              participant;
  int              index;               /* -1 for a new indication */
  int              min_units;           /* the weekly band kept from the record */
  GArray          *products;            /* ProductChoice, as the product row lists them */
  char            *messages[N_FIELDS];  /* NULL when the field is valid */
  GtkWidget       *error_labels[N_FIELDS];

  /* template widgets */
  AdwWindowTitle  *window_title;
  GtkWidget       *save_button;
  GtkWidget       *end_today_button;
  GtkWidget       *delete_button;
  AdwToastOverlay *toast_overlay;
  AdwComboRow     *product_row;
  AdwComboRow     *level_row;
  AdwEntryRow     *allocation_row;
  AdwEntryRow     *start_row;
  AdwEntryRow     *end_row;
  AdwEntryRow     *units_row;
  AdwComboRow     *per_row;
};

G_DEFINE_FINAL_TYPE (DagIndicationEditor, dag_indication_editor, ADW_TYPE_WINDOW)

enum { SIGNAL_SAVED, SIGNAL_DELETE_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget *
field_row (DagIndicationEditor *self, int field)
{
  GtkWidget *rows[N_FIELDS] = {
    GTK_WIDGET (self->product_row), GTK_WIDGET (self->level_row), GTK_WIDGET (self->allocation_row),
    GTK_WIDGET (self->start_row), GTK_WIDGET (self->end_row), GTK_WIDGET (self->units_row),
  };
  return rows[field];
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Units typed as a whole number; -1 when they are not one. */
static int
parse_units (const char *text)
{
  char *end = NULL;
  gint64 n;

  while (g_ascii_isspace (*text))
    text++;
  if (!g_ascii_isdigit (*text))
    return -1;
  n = g_ascii_strtoll (text, &end, 10);
  while (g_ascii_isspace (*end))
    end++;
  return *end == '\0' && n <= G_MAXINT ? (int) n : -1;
}

/* Reads the rows into ind (strings point into the rows); a date that
 * cannot be read is DAG_DATE_NONE, units that cannot be read are -1. */
static void
read_fields (DagIndicationEditor *self,
             DagIndication       *ind)
{
  guint product = adw_combo_row_get_selected (self->product_row);
  guint level = adw_combo_row_get_selected (self->level_row);

  ind->participant = self->participant;
  if (product != GTK_INVALID_LIST_POSITION && product < self->products->len)
    {
      ind->contract = g_array_index (self->products, ProductChoice, product).contract;
      ind->product = g_array_index (self->products, ProductChoice, product).product;
    }
  else
    ind->contract = ind->product = -1;
  ind->level = level != GTK_INVALID_LIST_POSITION && level < self->org->settings.levels->len
               ? DAG_AT (self->org->settings.levels, DagLevel, level)->level : 0;
  ind->allocation_number = (char *) row_text (self->allocation_row);
  if (!dag_date_parse_human (row_text (self->start_row), &ind->start))
    ind->start = DAG_DATE_NONE;
  if (!dag_date_parse_human (row_text (self->end_row), &ind->end))
    ind->end = DAG_DATE_NONE;
  ind->units = parse_units (row_text (self->units_row));
  ind->per = (DagVolumePer) MIN (adw_combo_row_get_selected (self->per_row), DAG_PER_PERIOD);
  /* A weekly band (min–max) only exists per week. */
  ind->min_units = ind->per == DAG_PER_WEEK ? self->min_units : -1;
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The message of each field, with the validators the store uses, so that
 * Save never meets a surprise. */
static char *
check_field (DagIndicationEditor *self,
             int                  field,
             const DagIndication *ind)
{
  g_autoptr(GError) error = NULL;
  DagDate date;

  switch (field)
    {
    case FIELD_PRODUCT:
      if (ind->contract < 0)
        return g_strdup (_("the participant’s municipality has no contract"));
      if (DAG_AT (self->org->contracts, DagContract, ind->contract)->municipality
          != DAG_AT (self->org->participants, DagParticipant, self->participant)->municipality)
        return g_strdup (_("is not in a contract with the participant’s municipality"));
      return NULL;
    case FIELD_LEVEL:
      return dag_org_find_level (self->org, ind->level) ? NULL : g_strdup (_("is not one of the levels in the settings"));
    case FIELD_ALLOCATION:
      return is_blank (ind->allocation_number) ? g_strdup (_("is empty")) : NULL;
    case FIELD_START:
      return dag_date_parse_human (row_text (self->start_row), &date) ? NULL : g_strdup (_("must be an existing date like 08-02-1950"));
    case FIELD_END:
      if (!dag_date_parse_human (row_text (self->end_row), &date))
        return g_strdup (_("must be an existing date like 08-02-1950"));
      if (ind->start != DAG_DATE_NONE && !dag_validate_period (ind->start, ind->end, &error))
        return g_strdup (error->message);
      return NULL;
    case FIELD_UNITS:
      if (ind->units < 0)
        return g_strdup (_("must be a whole number"));
      if (!dag_validate_volume (ind->units, ind->per, &error) ||
          !dag_validate_volume_band (ind->units, ind->per, ind->min_units, &error))
        return g_strdup (error->message);
      return NULL;
    default:
      g_assert_not_reached ();
    }
}

static void
validate (DagIndicationEditor *self)
{
  DagIndication ind = { 0 };
  gboolean valid = TRUE;

  if (self->products == NULL)   /* still being built */
    return;
  read_fields (self, &ind);
  for (int i = 0; i < N_FIELDS; i++)
    {
      GtkWidget *row = field_row (self, i);

      g_free (self->messages[i]);
      self->messages[i] = check_field (self, i, &ind);
      if (self->messages[i])
        {
          gtk_widget_add_css_class (row, "error");
          gtk_label_set_text (GTK_LABEL (self->error_labels[i]), self->messages[i]);
          gtk_widget_set_visible (self->error_labels[i], TRUE);
          valid = FALSE;
        }
      else
        {
          gtk_widget_remove_css_class (row, "error");
          gtk_widget_set_visible (self->error_labels[i], FALSE);
        }
    }
  gtk_widget_set_sensitive (self->save_button, valid);
}

static void
save_clicked_cb (DagIndicationEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *allocation = NULL;
  DagIndication ind = { 0 };
  gboolean ok;

  if (!gtk_widget_get_sensitive (self->save_button))
    return;
  read_fields (self, &ind);
  allocation = g_strstrip (g_strdup (ind.allocation_number));
  ind.allocation_number = allocation;
  if (self->index >= 0)
    ind.id = DAG_AT (self->org->indications, DagIndication, self->index)->id;
  else
    ind.id = id = dag_edit_unused_id (self->org, DAG_KIND_INDICATION, "I", 6);
  ok = self->index >= 0 ? dag_store_update_indication (self->store, self->org, &ind, &error)
                        : dag_store_add_indication (self->store, self->org, &ind, &error);
  if (!ok)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, &ind);
  gtk_window_close (GTK_WINDOW (self));
}

static void
entry_activated_cb (DagIndicationEditor *self)
{
  save_clicked_cb (self);
}

/* Ending an indication is giving it today as its end date; Save does it. */
void
dag_indication_editor_end_today (DagIndicationEditor *self)
{
  char date[DAG_DATE_BUF];

  g_return_if_fail (DAG_IS_INDICATION_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), dag_date_format_human (dag_date_today (), date));
}

static void
end_today_clicked_cb (DagIndicationEditor *self)
{
  dag_indication_editor_end_today (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->end_row));
}

static void
delete_clicked_cb (DagIndicationEditor *self)
{
  g_object_ref (self);
  gtk_window_close (GTK_WINDOW (self));
  g_signal_emit (self, signals[SIGNAL_DELETE_REQUESTED], 0);
  g_object_unref (self);
}

static void
dag_indication_editor_dispose (GObject *object)
{
  DagIndicationEditor *self = DAG_INDICATION_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DAG_TYPE_INDICATION_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->products, g_array_unref);
  for (int i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->messages[i], g_free);
  G_OBJECT_CLASS (dag_indication_editor_parent_class)->dispose (object);
}

static void
dag_indication_editor_class_init (DagIndicationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dag_indication_editor_dispose;

  /* The written record, valid during the emission. */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* The person asked to delete the indication; the editor has closed. */
  signals[SIGNAL_DELETE_REQUESTED] = g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dagritme/Dagritme/dag-indication-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DagIndicationEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, DagIndicationEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DagIndicationEditor, end_today_button);
  gtk_widget_class_bind_template_child (widget_class, DagIndicationEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, DagIndicationEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DagIndicationEditor, product_row);
  gtk_widget_class_bind_template_child (widget_class, DagIndicationEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, DagIndicationEditor, allocation_row);
  gtk_widget_class_bind_template_child (widget_class, DagIndicationEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, DagIndicationEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, DagIndicationEditor, units_row);
  gtk_widget_class_bind_template_child (widget_class, DagIndicationEditor, per_row);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, end_today_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dag_indication_editor_init (DagIndicationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (int i = 0; i < N_FIELDS; i++)
    {
      GtkWidget *row = field_row (self, i);
      GtkWidget *label = gtk_label_new (NULL);

      /* The message sits in the row, next to the value it is about. */
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      /* Short messages on one line, long ones wrapped at 28 characters. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_visible (label, FALSE);
      if (ADW_IS_ENTRY_ROW (row))
        {
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);
          g_signal_connect_swapped (row, "changed", G_CALLBACK (validate), self);
        }
      else
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
          g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (validate), self);
        }
      self->error_labels[i] = label;
    }
  dag_date_popover_attach (GTK_WIDGET (self->start_row));
  dag_date_popover_attach (GTK_WIDGET (self->end_row));
  g_signal_connect_swapped (self->per_row, "notify::selected", G_CALLBACK (validate), self);
}

DagIndicationEditor *
dag_indication_editor_new (DagStore *store,
                           DagOrg   *org,
                           int       participant,
                           int       index)
{
  DagIndicationEditor *self;
  const DagParticipant *p;
  const DagIndication *ind = NULL;
  g_autoptr(GtkStringList) products = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) pers = gtk_string_list_new (NULL);
  g_autoptr(GArray) choices = g_array_new (FALSE, FALSE, sizeof (ProductChoice));
  char date[DAG_DATE_BUF];
  guint selected = 0;

  g_return_val_if_fail (DAG_IS_STORE (store), NULL);
  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (index < (int) org->indications->len, NULL);
  if (index >= 0)
    {
      ind = DAG_AT (org->indications, DagIndication, index);
      participant = ind->participant;
    }
  g_return_val_if_fail (participant >= 0 && (guint) participant < org->participants->len, NULL);

  self = g_object_new (DAG_TYPE_INDICATION_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->org = org;
  self->participant = participant;
  self->index = index;
  self->min_units = ind ? ind->min_units : -1;
  p = DAG_AT (org->participants, DagParticipant, participant);

  /* The products of the contracts with the participant's municipality;
   * an indication under another contract keeps its own, shown wrong. */
  for (guint c = 0; c < org->contracts->len; c++)
    {
      const DagContract *contract = DAG_AT (org->contracts, DagContract, c);

      if (contract->municipality != p->municipality && !(ind && ind->contract == (int) c))
        continue;
      for (guint j = 0; j < contract->products->len; j++)
        {
          const DagProduct *product = DAG_AT (contract->products, DagProduct, j);
          ProductChoice choice = { (int) c, (int) j };
          g_autofree char *label = NULL;

          if (contract->municipality != p->municipality && ind->product != (int) j)
            continue;
          /* Translators: a product of a contract in a list to choose from:
           * code, name and contract, “M3 · Dagbesteding (C-ARN)”. */
          label = g_strdup_printf (_("%s · %s (%s)"), product->product, product->name, contract->id);
          if (ind && ind->contract == (int) c && ind->product == (int) j)
            selected = choices->len;
          g_array_append_val (choices, choice);
          gtk_string_list_append (products, label);
        }
    }
  adw_combo_row_set_model (self->product_row, G_LIST_MODEL (products));
  if (choices->len > 0)
    adw_combo_row_set_selected (self->product_row, selected);

  selected = 0;
  for (guint l = 0; l < org->settings.levels->len; l++)
    {
      const DagLevel *level = DAG_AT (org->settings.levels, DagLevel, l);
      /* Translators: an intensity level and its name, “2 · midden”. */
      g_autofree char *label = g_strdup_printf (_("%d · %s"), level->level, level->name);

      gtk_string_list_append (levels, label);
      if (ind && ind->level == level->level)
        selected = l;
    }
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (levels));
  adw_combo_row_set_selected (self->level_row, selected);

  gtk_string_list_append (pers, _("Per week"));
  gtk_string_list_append (pers, _("Per month"));
  gtk_string_list_append (pers, _("Over the whole period"));
  adw_combo_row_set_model (self->per_row, G_LIST_MODEL (pers));
  adw_combo_row_set_selected (self->per_row, ind ? (guint) ind->per : DAG_PER_WEEK);

  adw_window_title_set_subtitle (self->window_title, p->name);
  if (ind)
    {
      g_autofree char *units = g_strdup_printf ("%d", ind->units);

      gtk_editable_set_text (GTK_EDITABLE (self->allocation_row), ind->allocation_number);
      gtk_editable_set_text (GTK_EDITABLE (self->start_row), dag_date_format_human (ind->start, date));
      gtk_editable_set_text (GTK_EDITABLE (self->end_row), dag_date_format_human (ind->end, date));
      gtk_editable_set_text (GTK_EDITABLE (self->units_row), units);
    }
  else
    {
      int y, m, d;

      /* Most indications start on the first of a month and run a year. */
      adw_window_title_set_title (self->window_title, _("New Indication"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Add"));
      gtk_widget_set_visible (self->delete_button, FALSE);
      gtk_widget_set_visible (self->end_today_button, FALSE);
      dag_date_to_ymd (dag_date_today (), &y, &m, &d);
      gtk_editable_set_text (GTK_EDITABLE (self->start_row),
                             dag_date_format_human (dag_date_from_ymd (y, m, 1), date));
      gtk_editable_set_text (GTK_EDITABLE (self->end_row),
                             dag_date_format_human (dag_date_from_ymd (y + 1, m, 1) - 1, date));
      gtk_editable_set_text (GTK_EDITABLE (self->units_row), "2");
    }
  self->products = g_steal_pointer (&choices);
  validate (self);
  return self;
}

GtkWidget *
dag_indication_editor_get_row (DagIndicationEditor *self,
                               const char          *field)
{
  g_return_val_if_fail (DAG_IS_INDICATION_EDITOR (self), NULL);

  for (int i = 0; i < N_FIELDS; i++)
    if (g_str_equal (field, field_names[i]))
      return field_row (self, i);
  if (g_str_equal (field, "per"))
    return GTK_WIDGET (self->per_row);
  return NULL;
}

const char *
dag_indication_editor_get_message (DagIndicationEditor *self,
                                   const char          *field)
{
  g_return_val_if_fail (DAG_IS_INDICATION_EDITOR (self), NULL);

  for (int i = 0; i < N_FIELDS; i++)
    if (g_str_equal (field, field_names[i]))
      return self->messages[i];
  return NULL;
}

GtkWidget *
dag_indication_editor_get_save_button (DagIndicationEditor *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_EDITOR (self), NULL);
  return self->save_button;
}
