/* dag-new-org-assistant.c — a short assistant for a new organisation: four
 * pages whose fields become an organisation file, checked by the same
 * import as `dagritme import`, so a new organisation is valid by the one
 * set of rules wherever it comes from. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dag-new-org-assistant.h"
#include "dag-org-import.h"
#include "dag-record-check.h"
#include "dag-validate.h"

#define N_WEEKDAYS 5   /* Monday to Friday: the days a first group runs */

struct _DagNewOrgAssistant
{
  AdwWindow parent_instance;

  DagOrg   *org;      /* the last one created, until stolen */
  char     *error;    /* what is shown over the page */

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkWidget      *next_button;
  GtkWidget      *create_button;
  GtkWidget      *back_button;
  GtkEditable    *name_row;
  GtkEditable    *agb_row;
  GtkEditable    *location_name_row;
  GtkEditable    *address_row;
  GtkSpinButton  *lat_spin;
  GtkSpinButton  *lon_spin;
  GtkEditable    *am_start_entry;
  GtkEditable    *am_end_entry;
  GtkEditable    *pm_start_entry;
  GtkEditable    *pm_end_entry;
  GtkEditable    *group_name_row;
  GtkSpinButton  *capacity_spin;
  GtkSpinButton  *min_level_spin;
  GtkSpinButton  *max_level_spin;
  GtkBox         *days_box;
  GtkToggleButton *am_toggle;
  GtkToggleButton *pm_toggle;
  GtkEditable    *municipality_code_row;
  GtkEditable    *municipality_name_row;
  GtkEditable    *product_row;
  GtkEditable    *product_code_row;
  GtkEditable    *product_name_row;
  GtkEditable    *tariff_row;
  GtkToggleButton *day_toggles[N_WEEKDAYS];
};

G_DEFINE_FINAL_TYPE (DagNewOrgAssistant, dag_new_org_assistant, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CREATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const page_names[DAG_NEW_ORG_N_PAGES] = {
  "organisation", "location", "group", "contract",
};

/* ---- the fields --------------------------------------------------------- */

/* The text of an editable without the spaces a paste brings along. */
static char *
field_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

static void
set_error (DagNewOrgAssistant *self,
           const char         *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* Sets the error "Label: reason", focuses widget and returns FALSE. */
static gboolean
field_error (DagNewOrgAssistant *self,
             GtkWidget          *widget,
             const char         *label,
             const char         *reason)
{
  /* Translators: a field of the new-organisation assistant and what is
   * wrong with it, e.g. “AGB code: must be eight digits”. */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), label, reason);

  set_error (self, message);
  if (widget != NULL)
    gtk_widget_grab_focus (widget);
  return FALSE;
}

static gboolean
check_filled (DagNewOrgAssistant *self,
              GtkEditable        *editable,
              const char         *label)
{
  g_autofree char *text = field_text (editable);

  if (*text == '\0')
    return field_error (self, GTK_WIDGET (editable), label, _("must be filled in"));
  return TRUE;
}

/* A text field filled in, and within what the import takes (max_chars,
 * no control or direction characters): said here, on its page, and not
 * as a JSON path when the organisation is created. */
static gboolean
check_text (DagNewOrgAssistant *self,
            GtkEditable        *editable,
            const char         *label,
            gsize               max_chars)
{
  g_autofree char *text = field_text (editable);
  g_autoptr(GError) error = NULL;

  if (!check_filled (self, editable, label))
    return FALSE;
  if (!dag_validate_text (text, max_chars, &error))
    return field_error (self, GTK_WIDGET (editable), label, error->message);
  return TRUE;
}

static gboolean
check_time_pair (DagNewOrgAssistant *self,
                 GtkEditable        *start,
                 GtkEditable        *end,
                 const char         *start_label,
                 const char         *end_label)
{
  g_autofree char *start_text = field_text (start);
  g_autofree char *end_text = field_text (end);
  g_autoptr(GError) error = NULL;
  int from, to;

  if (!dag_validate_time (start_text, &from, &error))
    return field_error (self, GTK_WIDGET (start), start_label, error->message);
  if (!dag_validate_time (end_text, &to, &error))
    return field_error (self, GTK_WIDGET (end), end_label, error->message);
  if (to <= from)
    return field_error (self, GTK_WIDGET (end), end_label, _("must be later than the start"));
  return TRUE;
}

static DagSlotMask
group_slots (DagNewOrgAssistant *self)
{
  DagSlotMask mask = 0;

  for (int day = 0; day < N_WEEKDAYS; day++)
    {
      if (!gtk_toggle_button_get_active (self->day_toggles[day]))
        continue;
      if (gtk_toggle_button_get_active (self->am_toggle))
        mask |= DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_AM));
      if (gtk_toggle_button_get_active (self->pm_toggle))
        mask |= DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_PM));
    }
  return mask;
}

/* The fields of one page, each by the rule the import applies; on the
 * first wrong one sets the error and returns FALSE. */
static gboolean
check_page (DagNewOrgAssistant *self,
            DagNewOrgPage       page)
{
  g_autoptr(GError) error = NULL;

  switch (page)
    {
    case DAG_NEW_ORG_PAGE_ORGANISATION:
      {
        g_autofree char *name = field_text (self->name_row);
        g_autofree char *agb = field_text (self->agb_row);
        const char *bad = NULL;

        if (!check_filled (self, self->name_row, _("Name")))
          return FALSE;
        if (!dag_record_check_organisation (name, agb, &bad, &error))
          return g_strcmp0 (bad, "agb_code") == 0
                 ? field_error (self, GTK_WIDGET (self->agb_row), _("AGB code"), error->message)
                 : field_error (self, GTK_WIDGET (self->name_row), _("Name"), error->message);
        break;
      }
    case DAG_NEW_ORG_PAGE_LOCATION:
      if (!check_text (self, self->location_name_row, _("Name"), DAG_TEXT_MAX_NAME) ||
          !check_text (self, self->address_row, _("Address"), DAG_TEXT_MAX_ADDRESS))
        return FALSE;
      if (!dag_validate_coordinates (gtk_spin_button_get_value (self->lat_spin),
                                     gtk_spin_button_get_value (self->lon_spin), &error))
        return field_error (self, GTK_WIDGET (self->lat_spin), _("Coordinates"), error->message);
      if (!check_time_pair (self, self->am_start_entry, self->am_end_entry,
                            _("Start of the morning"), _("End of the morning")) ||
          !check_time_pair (self, self->pm_start_entry, self->pm_end_entry,
                            _("Start of the afternoon"), _("End of the afternoon")))
        return FALSE;
      break;
    case DAG_NEW_ORG_PAGE_GROUP:
      if (!check_text (self, self->group_name_row, _("Name"), DAG_TEXT_MAX_NAME))
        return FALSE;
      if (gtk_spin_button_get_value_as_int (self->max_level_spin) <
          gtk_spin_button_get_value_as_int (self->min_level_spin))
        return field_error (self, GTK_WIDGET (self->max_level_spin), _("Highest level"),
                            _("must not be below the lowest level"));
      if (group_slots (self) == 0)
        return field_error (self, GTK_WIDGET (self->day_toggles[0]), _("Dagdelen"),
                            _("choose at least one day and a morning or afternoon"));
      break;
    case DAG_NEW_ORG_PAGE_CONTRACT:
      {
        g_autofree char *code = field_text (self->municipality_code_row);
        g_autofree char *name = field_text (self->municipality_name_row);
        g_autofree char *product = field_text (self->product_row);
        g_autofree char *tariff = field_text (self->tariff_row);
        DagMunicipality m = { code, name };
        const char *bad = NULL;
        gint64 cents;

        if (!dag_record_check_municipality (&m, &bad, &error))
          return g_strcmp0 (bad, "code") == 0
                 ? field_error (self, GTK_WIDGET (self->municipality_code_row), _("Municipality code"),
                                error->message)
                 : field_error (self, GTK_WIDGET (self->municipality_name_row), _("Name"), error->message);
        if (!dag_validate_id (product, NULL))
          return field_error (self, GTK_WIDGET (self->product_row), _("Product"),
                              _("must be a product name without spaces, like “M3”"));
        if (!check_text (self, self->product_code_row, _("Product code"), DAG_TEXT_MAX_OTHER) ||
            !check_text (self, self->product_name_row, _("Description"), DAG_TEXT_MAX_NAME))
          return FALSE;
        if (!dag_parse_euro (tariff, &cents, &error) || !dag_validate_cents (cents, &error))
          return field_error (self, GTK_WIDGET (self->tariff_row), _("Tariff"), error->message);
        break;
      }
    case DAG_NEW_ORG_N_PAGES:
    default:
      g_assert_not_reached ();
    }
  set_error (self, NULL);
  return TRUE;
}

/* ---- the organisation file ---------------------------------------------- */

static void
add_string (JsonBuilder *b,
            const char  *key,
            GtkEditable *editable)
{
  g_autofree char *text = field_text (editable);

  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, text);
}

static void
add_times (JsonBuilder *b,
           const char  *part,
           GtkEditable *start,
           GtkEditable *end)
{
  g_autofree char *from = field_text (start);
  g_autofree char *to = field_text (end);

  json_builder_set_member_name (b, part);
  json_builder_begin_array (b);
  json_builder_add_string_value (b, from);
  json_builder_add_string_value (b, to);
  json_builder_end_array (b);
}

static void
add_empty_array (JsonBuilder *b,
                 const char  *key)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  json_builder_end_array (b);
}

char *
dag_new_org_assistant_to_json (DagNewOrgAssistant *self)
{
  static const char * const empty_sections[] = {
    "staff", "vehicles", "participants", "indications", "plan", "staffing",
    "absences", "attendance", "runs",
  };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *code = NULL;
  g_autofree char *product = NULL;
  g_autofree char *tariff = NULL;
  g_autofree char *contract_id = NULL;
  DagSlotMask slots;
  gint64 cents = 0;

  g_return_val_if_fail (DAG_IS_NEW_ORG_ASSISTANT (self), NULL);

  code = field_text (self->municipality_code_row);
  product = field_text (self->product_row);
  tariff = field_text (self->tariff_row);
  contract_id = g_strdup_printf ("C-%s", code);
  slots = group_slots (self);
  /* A tariff that does not parse is written as -1: the import names it. */
  if (!dag_parse_euro (tariff, &cents, NULL))
    cents = -1;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "dagritme-organisation");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);

  json_builder_set_member_name (b, "organisation");
  json_builder_begin_object (b);
  add_string (b, "name", self->name_row);
  add_string (b, "agb_code", self->agb_row);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "municipalities");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  add_string (b, "name", self->municipality_name_row);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "contracts");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, contract_id);
  json_builder_set_member_name (b, "municipality");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "products");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "product");
  json_builder_add_string_value (b, product);
  add_string (b, "code", self->product_code_row);
  add_string (b, "name", self->product_name_row);
  /* What the production engine counts: dagdelen. */
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, "dagdeel");
  json_builder_set_member_name (b, "tariff_cents");
  json_builder_add_int_value (b, cents);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "locations");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "L1");
  add_string (b, "name", self->location_name_row);
  add_string (b, "address", self->address_row);
  json_builder_set_member_name (b, "lat");
  json_builder_add_double_value (b, gtk_spin_button_get_value (self->lat_spin));
  json_builder_set_member_name (b, "lon");
  json_builder_add_double_value (b, gtk_spin_button_get_value (self->lon_spin));
  json_builder_set_member_name (b, "slots");
  json_builder_begin_object (b);
  add_times (b, "am", self->am_start_entry, self->am_end_entry);
  add_times (b, "pm", self->pm_start_entry, self->pm_end_entry);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "G1");
  json_builder_set_member_name (b, "location");
  json_builder_add_string_value (b, "L1");
  add_string (b, "name", self->group_name_row);
  json_builder_set_member_name (b, "products");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, product);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "min_level");
  json_builder_add_int_value (b, gtk_spin_button_get_value_as_int (self->min_level_spin));
  json_builder_set_member_name (b, "max_level");
  json_builder_add_int_value (b, gtk_spin_button_get_value_as_int (self->max_level_spin));
  json_builder_set_member_name (b, "capacity");
  json_builder_add_int_value (b, gtk_spin_button_get_value_as_int (self->capacity_spin));
  json_builder_set_member_name (b, "slots");
  json_builder_begin_array (b);
  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    if (slots & DAG_SLOT_BIT (slot))
      json_builder_add_string_value (b, dag_slot_name (slot));
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);

  for (gsize i = 0; i < G_N_ELEMENTS (empty_sections); i++)
    add_empty_array (b, empty_sections[i]);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* The page an import error's JSON path ("locations[0].slots.am[1]: …")
 * belongs to. */
static DagNewOrgPage
page_of_path (const char *message)
{
  if (g_str_has_prefix (message, "locations"))
    return DAG_NEW_ORG_PAGE_LOCATION;
  if (g_str_has_prefix (message, "groups"))
    return DAG_NEW_ORG_PAGE_GROUP;
  if (g_str_has_prefix (message, "municipalities") || g_str_has_prefix (message, "contracts"))
    return DAG_NEW_ORG_PAGE_CONTRACT;
  return DAG_NEW_ORG_PAGE_ORGANISATION;
}

/* ---- pages -------------------------------------------------------------- */

static void
update_page (DagNewOrgAssistant *self)
{
  DagNewOrgPage page = dag_new_org_assistant_get_page (self);
  gboolean last = page == DAG_NEW_ORG_N_PAGES - 1;
  /* Translators: the assistant's subtitle, e.g. “Step 2 of 4”. */
  g_autofree char *step = g_strdup_printf (_("Step %d of %d"), page + 1, DAG_NEW_ORG_N_PAGES);

  adw_window_title_set_subtitle (self->window_title, step);
  gtk_widget_set_visible (self->next_button, !last);
  gtk_widget_set_visible (self->create_button, last);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-org.back", page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-org.next", !last);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-org.create", last);
  gtk_window_set_default_widget (GTK_WINDOW (self), last ? self->create_button : self->next_button);
}

static void
show_page (DagNewOrgAssistant *self,
           DagNewOrgPage       page)
{
  gtk_stack_set_visible_child_name (self->stack, page_names[page]);
  update_page (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DagNewOrgAssistant *self = DAG_NEW_ORG_ASSISTANT (widget);
  DagNewOrgPage page = dag_new_org_assistant_get_page (self);

  if (page + 1 >= DAG_NEW_ORG_N_PAGES || !check_page (self, page))
    return;
  show_page (self, page + 1);
  gtk_widget_child_focus (gtk_stack_get_visible_child (self->stack), GTK_DIR_TAB_FORWARD);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DagNewOrgAssistant *self = DAG_NEW_ORG_ASSISTANT (widget);
  DagNewOrgPage page = dag_new_org_assistant_get_page (self);

  if (page == 0)
    return;
  set_error (self, NULL);
  show_page (self, page - 1);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DagNewOrgAssistant *self = DAG_NEW_ORG_ASSISTANT (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  DagOrg *org;

  /* Every page again: one may have gone back and changed a field. */
  for (DagNewOrgPage page = 0; page < DAG_NEW_ORG_N_PAGES; page++)
    if (!check_page (self, page))
      {
        show_page (self, page);
        return;
      }
  json = dag_new_org_assistant_to_json (self);
  org = dag_org_import_json (json, (gsize) -1, &error);
  if (org == NULL)
    {
      show_page (self, page_of_path (error->message));
      set_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->org, dag_org_free);
  self->org = org;
  g_signal_emit (self, signals[SIGNAL_CREATE], 0);
}

static void
entry_activated_cb (DagNewOrgAssistant *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self),
                              dag_new_org_assistant_get_page (self) == DAG_NEW_ORG_N_PAGES - 1
                                ? "new-org.create" : "new-org.next", NULL);
}

/* ---- GObject ------------------------------------------------------------ */

static void
dag_new_org_assistant_finalize (GObject *object)
{
  DagNewOrgAssistant *self = DAG_NEW_ORG_ASSISTANT (object);

  g_clear_pointer (&self->org, dag_org_free);
  g_clear_pointer (&self->error, g_free);
  G_OBJECT_CLASS (dag_new_org_assistant_parent_class)->finalize (object);
}

static void
dag_new_org_assistant_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DAG_TYPE_NEW_ORG_ASSISTANT);
  G_OBJECT_CLASS (dag_new_org_assistant_parent_class)->dispose (object);
}

static void
dag_new_org_assistant_class_init (DagNewOrgAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dag_new_org_assistant_dispose;
  object_class->finalize = dag_new_org_assistant_finalize;

  /* Emitted when the fields make a valid organisation: take it with
   * dag_new_org_assistant_steal_org(). */
  signals[SIGNAL_CREATE] = g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dagritme/Dagritme/dag-new-org-assistant.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, DagNewOrgAssistant, name)
  BIND (window_title);
  BIND (stack);
  BIND (error_revealer);
  BIND (error_label);
  BIND (next_button);
  BIND (create_button);
  BIND (back_button);
  BIND (name_row);
  BIND (agb_row);
  BIND (location_name_row);
  BIND (address_row);
  BIND (lat_spin);
  BIND (lon_spin);
  BIND (am_start_entry);
  BIND (am_end_entry);
  BIND (pm_start_entry);
  BIND (pm_end_entry);
  BIND (group_name_row);
  BIND (capacity_spin);
  BIND (min_level_spin);
  BIND (max_level_spin);
  BIND (days_box);
  BIND (am_toggle);
  BIND (pm_toggle);
  BIND (municipality_code_row);
  BIND (municipality_name_row);
  BIND (product_row);
  BIND (product_code_row);
  BIND (product_name_row);
  BIND (tariff_row);
#undef BIND

  gtk_widget_class_install_action (widget_class, "new-org.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "new-org.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "new-org.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* A message about a field goes once it is being corrected. */
static void
field_changed_cb (DagNewOrgAssistant *self)
{
  set_error (self, NULL);
}

/* Enter in any field goes on, as the default button would. */
static void
connect_activate (DagNewOrgAssistant *self,
                  GtkEditable        *field)
{
  g_signal_connect_object (field, ADW_IS_ENTRY_ROW (field) ? "entry-activated" : "activate",
                           G_CALLBACK (entry_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (field, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
dag_new_org_assistant_init (DagNewOrgAssistant *self)
{
  /* Translators: short day names, on the buttons of the days a group runs. */
  static const char * const short_days[N_WEEKDAYS] = {
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"),
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int day = 0; day < N_WEEKDAYS; day++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (_(short_days[day]));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
      gtk_box_append (self->days_box, toggle);
      self->day_toggles[day] = GTK_TOGGLE_BUTTON (toggle);
    }
  connect_activate (self, self->name_row);
  connect_activate (self, self->agb_row);
  connect_activate (self, self->location_name_row);
  connect_activate (self, self->address_row);
  connect_activate (self, self->am_start_entry);
  connect_activate (self, self->am_end_entry);
  connect_activate (self, self->pm_start_entry);
  connect_activate (self, self->pm_end_entry);
  connect_activate (self, self->group_name_row);
  connect_activate (self, self->municipality_code_row);
  connect_activate (self, self->municipality_name_row);
  connect_activate (self, self->product_row);
  connect_activate (self, self->product_code_row);
  connect_activate (self, self->product_name_row);
  connect_activate (self, self->tariff_row);
  update_page (self);
}

DagNewOrgAssistant *
dag_new_org_assistant_new (GtkWindow *parent)
{
  return g_object_new (DAG_TYPE_NEW_ORG_ASSISTANT,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}

DagNewOrgPage
dag_new_org_assistant_get_page (DagNewOrgAssistant *self)
{
  const char *name;

  g_return_val_if_fail (DAG_IS_NEW_ORG_ASSISTANT (self), 0);
  name = gtk_stack_get_visible_child_name (self->stack);
  for (DagNewOrgPage page = 0; page < DAG_NEW_ORG_N_PAGES; page++)
    if (g_strcmp0 (name, page_names[page]) == 0)
      return page;
  return DAG_NEW_ORG_PAGE_ORGANISATION;
}

const char *
dag_new_org_assistant_get_error (DagNewOrgAssistant *self)
{
  g_return_val_if_fail (DAG_IS_NEW_ORG_ASSISTANT (self), NULL);
  return self->error;
}

DagOrg *
dag_new_org_assistant_steal_org (DagNewOrgAssistant *self)
{
  g_return_val_if_fail (DAG_IS_NEW_ORG_ASSISTANT (self), NULL);
  return g_steal_pointer (&self->org);
}
