/* dag-record-form.c — a form over a table of fields: each kind of record
 * lists its fields once (type, key, label, where in the struct), and the
 * same code builds the rows, reads what is typed into a draft, and marks
 * the field that dag_store_check_record() finds wrong. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dag-date-popover.h"
#include "dag-item-format.h"
#include "dag-record-check.h"
#include "dag-record-form.h"
#include "dag-store-records.h"
#include "dag-validate.h"

typedef union {
  DagLocation location;
  DagGroup    group;
  DagStaff    staff;
  DagVehicle  vehicle;
  DagContract contract;
} AnyRecord;

typedef enum {
  FIELD_ID,         /* char *: typed for a new record, shown otherwise */
  FIELD_TEXT,       /* char *, required */
  FIELD_OPT_TEXT,   /* char *, NULL when empty */
  FIELD_INT,        /* int, in a spin button */
  FIELD_COORD,      /* double, typed */
  FIELD_MONEY,      /* gint64 cents, typed as euros */
  FIELD_BOOL,       /* gboolean, a switch */
  FIELD_CHOICE,     /* int, a combo row over a choice list */
  FIELD_SLOTS,      /* DagSlotMask, a grid of check buttons */
  FIELD_PART_TIME,  /* a location's part of the day: "09:00–13:00" */
  FIELD_TIME,       /* int minutes, "HH:MM"; empty is 0, no limit */
  FIELD_DATES,      /* GArray of DagDate: a list of dates, a row each, and a field to add one */
  FIELD_LIST,       /* GPtrArray of char *: "M1, M3" */
  FIELD_PRODUCTS,   /* a contract's products: rows per product */
} FieldType;

typedef enum {
  CHOICE_NONE,
  CHOICE_LOCATION,
  CHOICE_MUNICIPALITY,
  CHOICE_LEVEL,
  CHOICE_QUALIFICATION,
} ChoiceSource;

typedef struct {
  FieldType    type;
  const char  *key;             /* as dag_record_check_*() names it */
  const char  *label;
  gsize        offset;
  int          arg;             /* FIELD_INT: maximum; FIELD_PART_TIME: part */
  ChoiceSource choices;
  const char  *group;           /* title of the preferences group it opens, or NULL */
} FieldSpec;

#define END { FIELD_ID, NULL, NULL, 0, 0, CHOICE_NONE, NULL }

static const FieldSpec location_fields[] = {
  { FIELD_ID, "id", N_("Id"), offsetof (DagLocation, id), 0, CHOICE_NONE, NULL },
  { FIELD_TEXT, "name", N_("Name"), offsetof (DagLocation, name), 0, CHOICE_NONE, NULL },
  { FIELD_TEXT, "address", N_("Address"), offsetof (DagLocation, address), 0, CHOICE_NONE, NULL },
  { FIELD_COORD, "lat", N_("Latitude"), offsetof (DagLocation, lat), 0, CHOICE_NONE, NULL },
  { FIELD_COORD, "lon", N_("Longitude"), offsetof (DagLocation, lon), 0, CHOICE_NONE, NULL },
  { FIELD_PART_TIME, "slots.am", N_("Morning"), 0, DAG_PART_AM, CHOICE_NONE, N_("Opening Times") },
  { FIELD_PART_TIME, "slots.pm", N_("Afternoon"), 0, DAG_PART_PM, CHOICE_NONE, NULL },
  { FIELD_PART_TIME, "slots.ev", N_("Evening"), 0, DAG_PART_EV, CHOICE_NONE, NULL },
  { FIELD_DATES, "closures", N_("Add Closure (DD-MM-YYYY)"), offsetof (DagLocation, closures), 0, CHOICE_NONE, N_("Closures") },
  END
};

static const FieldSpec group_fields[] = {
  { FIELD_ID, "id", N_("Id"), offsetof (DagGroup, id), 0, CHOICE_NONE, NULL },
  { FIELD_TEXT, "name", N_("Name"), offsetof (DagGroup, name), 0, CHOICE_NONE, NULL },
  { FIELD_CHOICE, "location", N_("Location"), offsetof (DagGroup, location), 0, CHOICE_LOCATION, NULL },
  { FIELD_LIST, "products", N_("Products (M1, M3, …)"), offsetof (DagGroup, products), 0, CHOICE_NONE, NULL },
  { FIELD_CHOICE, "min_level", N_("Lowest Level"), offsetof (DagGroup, min_level), 0, CHOICE_LEVEL, N_("Participants") },
  { FIELD_CHOICE, "max_level", N_("Highest Level"), offsetof (DagGroup, max_level), 0, CHOICE_LEVEL, NULL },
  { FIELD_INT, "capacity", N_("Capacity"), offsetof (DagGroup, capacity), 10000, CHOICE_NONE, NULL },
  { FIELD_SLOTS, "slots", N_("Dagdelen the Group Runs"), offsetof (DagGroup, slots), 0, CHOICE_NONE, N_("Dagdelen") },
  END
};

static const FieldSpec staff_fields[] = {
  { FIELD_ID, "id", N_("Id"), offsetof (DagStaff, id), 0, CHOICE_NONE, NULL },
  { FIELD_TEXT, "name", N_("Name"), offsetof (DagStaff, name), 0, CHOICE_NONE, NULL },
  { FIELD_OPT_TEXT, "email", N_("Email"), offsetof (DagStaff, email), 0, CHOICE_NONE, NULL },
  { FIELD_CHOICE, "qualification", N_("Qualification"), offsetof (DagStaff, qualification), 0, CHOICE_QUALIFICATION, N_("Contract") },
  { FIELD_INT, "contract_hours", N_("Contract Hours a Week"), offsetof (DagStaff, contract_hours), 1000, CHOICE_NONE, NULL },
  { FIELD_BOOL, "driver", N_("Drives a Vehicle"), offsetof (DagStaff, driver), 0, CHOICE_NONE, NULL },
  { FIELD_SLOTS, "available", N_("Available Dagdelen"), offsetof (DagStaff, available), 0, CHOICE_NONE, N_("Availability") },
  END
};

static const FieldSpec vehicle_fields[] = {
  { FIELD_ID, "id", N_("Id"), offsetof (DagVehicle, id), 0, CHOICE_NONE, NULL },
  { FIELD_TEXT, "name", N_("Name"), offsetof (DagVehicle, name), 0, CHOICE_NONE, NULL },
  { FIELD_CHOICE, "location", N_("Home Location"), offsetof (DagVehicle, location), 0, CHOICE_LOCATION, NULL },
  { FIELD_INT, "seats", N_("Seats"), offsetof (DagVehicle, seats), 1000, CHOICE_NONE, N_("Capacity and Cost") },
  { FIELD_INT, "wheelchair_places", N_("Wheelchair Places"), offsetof (DagVehicle, wheelchair_places), 1000, CHOICE_NONE, NULL },
  { FIELD_MONEY, "cost_per_km_cents", N_("Cost per km (€)"), offsetof (DagVehicle, cost_per_km_cents), 0, CHOICE_NONE, NULL },
  { FIELD_TIME, "available_from", N_("Available From (HH:MM)"), offsetof (DagVehicle, available_from), 0, CHOICE_NONE, N_("Availability") },
  { FIELD_TIME, "available_until", N_("Available Until (HH:MM)"), offsetof (DagVehicle, available_until), 0, CHOICE_NONE, NULL },
  END
};

static const FieldSpec contract_fields[] = {
  { FIELD_ID, "id", N_("Id"), offsetof (DagContract, id), 0, CHOICE_NONE, NULL },
  { FIELD_CHOICE, "municipality", N_("Municipality"), offsetof (DagContract, municipality), 0, CHOICE_MUNICIPALITY, NULL },
  { FIELD_BOOL, "noshow_billable", N_("No-Shows Are Billable"), offsetof (DagContract, noshow_billable), 0, CHOICE_NONE, NULL },
  { FIELD_PRODUCTS, "products", N_("Products"), offsetof (DagContract, products), 0, CHOICE_NONE, N_("Products") },
  END
};

static const FieldSpec *
fields_of (DagKind kind)
{
  switch (kind)
    {
    case DAG_KIND_LOCATION: return location_fields;
    case DAG_KIND_GROUP: return group_fields;
    case DAG_KIND_STAFF: return staff_fields;
    case DAG_KIND_VEHICLE: return vehicle_fields;
    case DAG_KIND_CONTRACT: return contract_fields;
    default: g_return_val_if_reached (NULL);
    }
}

#define FIELD_PTR(record, spec, Type) ((Type *) ((char *) (record) + (spec)->offset))

/* ---- deep copies ---------------------------------------------------------- */

static GArray *
dup_array (GArray *array)
{
  GArray *copy;

  if (array == NULL)
    return NULL;
  copy = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (array), array->len);
  g_array_append_vals (copy, array->data, array->len);
  return copy;
}

static GPtrArray *
dup_strv_array (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; array && i < array->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (array, i)));
  return copy;
}

static void
product_clear (gpointer data)
{
  DagProduct *p = data;

  g_free (p->product);
  g_free (p->code);
  g_free (p->name);
  g_free (p->unit);
  g_clear_pointer (&p->staffel, g_array_unref);
}

static GArray *
dup_products (GArray *products)
{
  GArray *copy = g_array_new (FALSE, TRUE, sizeof (DagProduct));

  g_array_set_clear_func (copy, product_clear);
  for (guint i = 0; products && i < products->len; i++)
    {
      DagProduct p = *DAG_AT (products, DagProduct, i);

      p.product = g_strdup (p.product);
      p.code = g_strdup (p.code);
      p.name = g_strdup (p.name);
      p.unit = g_strdup (p.unit);
      p.staffel = dup_array (p.staffel);
      g_array_append_val (copy, p);
    }
  return copy;
}

gpointer
dag_record_dup (DagKind kind, gconstpointer record)
{
  AnyRecord *r = g_new0 (AnyRecord, 1);

  switch (kind)
    {
    case DAG_KIND_LOCATION:
      r->location = *(const DagLocation *) record;
      r->location.id = g_strdup (r->location.id);
      r->location.name = g_strdup (r->location.name);
      r->location.address = g_strdup (r->location.address);
      r->location.closures = dup_array (r->location.closures);
      if (r->location.closures == NULL)
        r->location.closures = g_array_new (FALSE, FALSE, sizeof (DagDate));
      break;
    case DAG_KIND_GROUP:
      r->group = *(const DagGroup *) record;
      r->group.id = g_strdup (r->group.id);
      r->group.name = g_strdup (r->group.name);
      r->group.products = dup_strv_array (r->group.products);
      break;
    case DAG_KIND_STAFF:
      r->staff = *(const DagStaff *) record;
      r->staff.id = g_strdup (r->staff.id);
      r->staff.name = g_strdup (r->staff.name);
      r->staff.email = g_strdup (r->staff.email);
      break;
    case DAG_KIND_VEHICLE:
      r->vehicle = *(const DagVehicle *) record;
      r->vehicle.id = g_strdup (r->vehicle.id);
      r->vehicle.name = g_strdup (r->vehicle.name);
      break;
    case DAG_KIND_CONTRACT:
      r->contract = *(const DagContract *) record;
      r->contract.id = g_strdup (r->contract.id);
      r->contract.products = dup_products (r->contract.products);
      break;
    default:
      g_return_val_if_reached (r);
    }
  return r;
}

void
dag_record_free (DagKind kind, gpointer record)
{
  AnyRecord *r = record;

  if (r == NULL)
    return;
  switch (kind)
    {
    case DAG_KIND_LOCATION:
      g_free (r->location.id);
      g_free (r->location.name);
      g_free (r->location.address);
      g_clear_pointer (&r->location.closures, g_array_unref);
      break;
    case DAG_KIND_GROUP:
      g_free (r->group.id);
      g_free (r->group.name);
      g_clear_pointer (&r->group.products, g_ptr_array_unref);
      break;
    case DAG_KIND_STAFF:
      g_free (r->staff.id);
      g_free (r->staff.name);
      g_free (r->staff.email);
      break;
    case DAG_KIND_VEHICLE:
      g_free (r->vehicle.id);
      g_free (r->vehicle.name);
      break;
    case DAG_KIND_CONTRACT:
      g_free (r->contract.id);
      g_clear_pointer (&r->contract.products, g_array_unref);
      break;
    default:
      break;
    }
  g_free (r);
}

static gsize
record_size (DagKind kind)
{
  switch (kind)
    {
    case DAG_KIND_LOCATION: return sizeof (DagLocation);
    case DAG_KIND_GROUP: return sizeof (DagGroup);
    case DAG_KIND_STAFF: return sizeof (DagStaff);
    case DAG_KIND_VEHICLE: return sizeof (DagVehicle);
    case DAG_KIND_CONTRACT: return sizeof (DagContract);
    default: g_return_val_if_reached (0);
    }
}

gpointer
dag_record_replace (DagKind kind, gpointer dest, gconstpointer src)
{
  AnyRecord *retired = g_new0 (AnyRecord, 1);
  AnyRecord *copy = dag_record_dup (kind, src);
  gsize size = record_size (kind);

  /* The org's own arrays were made by dag_org_add_*() with their clear
   * functions; the copy's are equivalent, so they can simply swap. */
  memcpy (retired, dest, size);
  memcpy (dest, copy, size);
  g_free (copy);
  return retired;
}

const char *
dag_record_get_id (DagKind kind, gconstpointer record)
{
  switch (kind)
    {
    case DAG_KIND_LOCATION: return ((const DagLocation *) record)->id;
    case DAG_KIND_GROUP: return ((const DagGroup *) record)->id;
    case DAG_KIND_STAFF: return ((const DagStaff *) record)->id;
    case DAG_KIND_VEHICLE: return ((const DagVehicle *) record)->id;
    case DAG_KIND_CONTRACT: return ((const DagContract *) record)->id;
    default: return NULL;
    }
}

const char *
dag_record_get_name (DagKind kind, gconstpointer record)
{
  switch (kind)
    {
    case DAG_KIND_LOCATION: return ((const DagLocation *) record)->name;
    case DAG_KIND_GROUP: return ((const DagGroup *) record)->name;
    case DAG_KIND_STAFF: return ((const DagStaff *) record)->name;
    case DAG_KIND_VEHICLE: return ((const DagVehicle *) record)->name;
    default: return dag_record_get_id (kind, record);
    }
}

/* ---- the form ------------------------------------------------------------- */

typedef struct {
  const FieldSpec *spec;
  GtkWidget       *row;
  GtkWidget       *editor;      /* spin button, switch; NULL for entry rows */
  GtkCheckButton  *checks[DAG_N_SLOTS];
  char            *message;     /* what cannot be read, NULL when fine */
} Field;

/* The rows of one product of a contract. */
typedef struct {
  GtkWidget *row;               /* the expander row holding the others */
  GtkWidget *product;           /* entry of a new product's name ("M3"); NULL once stored */
  GtkWidget *code;
  GtkWidget *name;
  GtkWidget *unit;
  GtkWidget *price;
  GtkWidget *staffel;           /* "9: 27,50; 20: 25,00" */
  GtkWidget *category;          /* iWmo product category, "07" */
  GtkWidget *unit_code;         /* iWmo unit, "16" */
  GtkWidget *remove;
  char      *key;               /* a stored product's name, which indications use */
  gboolean   bad_price;
  gboolean   bad_staffel;
  gboolean   bad_codes;
} ProductRow;

struct _DagRecordForm
{
  GtkBox        parent_instance;

  const DagOrg *org;
  DagKind       kind;
  gboolean      is_new;
  gboolean      dirty;
  gboolean      filling;        /* setting widgets, not a person typing */
  AnyRecord    *draft;
  GArray       *fields;         /* of Field */
  char         *message;
  char         *bad_key;        /* the field dag_store_check_record() named */
  GPtrArray    *products;       /* of ProductRow, for a contract */
  GtkWidget    *products_group;
  int           bad_product;    /* the product the check found wrong, or -1 */
  GArray       *closures;       /* of DagDate: the dates listed, sorted */
  GPtrArray    *closure_rows;   /* a row per date in closures, with its remove button */
  GtkWidget    *closures_group;
  GtkWidget    *closure_entry;  /* the "Add Closure" field */
  GtkWidget    *closure_add;    /* its button */
};

G_DEFINE_FINAL_TYPE (DagRecordForm, dag_record_form, GTK_TYPE_BOX)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
field_clear (gpointer data)
{
  Field *f = data;

  g_clear_pointer (&f->message, g_free);
}

static void
product_row_free (gpointer data)
{
  ProductRow *pr = data;

  g_free (pr->key);
  g_free (pr);
}

static const char *
entry_text (Field *f)
{
  return gtk_editable_get_text (GTK_EDITABLE (f->row));
}

static gboolean
is_blank (const char *text)
{
  for (; text && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
set_string (char **out, const char *text)
{
  g_free (*out);
  *out = g_strdup (text);
}

/* Splits "a, b c" at commas and spaces into its non-empty words. */
static char **
split_words (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ", ;\t", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (int i = 0; parts[i]; i++)
    if (*parts[i])
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static int
compare_dates (gconstpointer a, gconstpointer b)
{
  DagDate x = *(const DagDate *) a, y = *(const DagDate *) b;
  return x < y ? -1 : x > y;
}

static gboolean
has_date (GArray *dates, DagDate date)
{
  for (guint i = 0; i < dates->len; i++)
    if (g_array_index (dates, DagDate, i) == date)
      return TRUE;
  return FALSE;
}

/* Index of value in the choice list of source. */
static guint
choice_position (DagRecordForm *self, ChoiceSource source, int value)
{
  if (source == CHOICE_LEVEL)
    {
      for (guint i = 0; i < self->org->settings.levels->len; i++)
        if (DAG_AT (self->org->settings.levels, DagLevel, i)->level == value)
          return i;
      return GTK_INVALID_LIST_POSITION;
    }
  return value < 0 ? GTK_INVALID_LIST_POSITION : (guint) value;
}

static int
choice_value (DagRecordForm *self, ChoiceSource source, guint position)
{
  if (position == GTK_INVALID_LIST_POSITION)
    return -1;
  if (source == CHOICE_LEVEL)
    return position < self->org->settings.levels->len
           ? DAG_AT (self->org->settings.levels, DagLevel, position)->level : -1;
  return (int) position;
}

static GListModel *
choice_model (DagRecordForm *self, ChoiceSource source)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  const DagOrg *org = self->org;

  switch (source)
    {
    case CHOICE_LOCATION:
      for (guint i = 0; i < org->locations->len; i++)
        gtk_string_list_append (list, DAG_AT (org->locations, DagLocation, i)->name);
      break;
    case CHOICE_MUNICIPALITY:
      for (guint i = 0; i < org->municipalities->len; i++)
        {
          const DagMunicipality *m = DAG_AT (org->municipalities, DagMunicipality, i);
          g_autofree char *text = g_strdup_printf ("%s (%s)", m->name, m->code);
          gtk_string_list_append (list, text);
        }
      break;
    case CHOICE_LEVEL:
      for (guint i = 0; i < org->settings.levels->len; i++)
        {
          const DagLevel *l = DAG_AT (org->settings.levels, DagLevel, i);
          g_autofree char *text = g_strdup_printf ("%d · %s", l->level, l->name);
          gtk_string_list_append (list, text);
        }
      break;
    case CHOICE_QUALIFICATION:
      gtk_string_list_append (list, _("HBO"));
      gtk_string_list_append (list, _("MBO"));
      gtk_string_list_append (list, _("Volunteer"));
      break;
    case CHOICE_NONE:
    default:
      break;
    }
  return G_LIST_MODEL (list);
}

static void
show_hours_hint (DagRecordForm *self, Field *f, int hours)
{
  int slot = self->org->settings.slot_minutes > 0 ? self->org->settings.slot_minutes : 240;
  int dagdelen = hours * 60 / slot;
  g_autofree char *hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d dagdeel a week",
                                                        "%d dagdelen a week", dagdelen), dagdelen);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (f->row), hint);
}

static void read_products (DagRecordForm *self, Field *f);

/* Reads one field's widgets into the draft; sets f->message when the text
 * cannot be read at all. */
static void
read_field (DagRecordForm *self, Field *f)
{
  const FieldSpec *s = f->spec;
  gpointer record = self->draft;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&f->message, g_free);
  switch (s->type)
    {
    case FIELD_ID:
      if (self->is_new)
        {
          g_autofree char *id = g_strstrip (g_strdup (entry_text (f)));
          set_string (FIELD_PTR (record, s, char *), id);
        }
      break;
    case FIELD_TEXT:
      set_string (FIELD_PTR (record, s, char *), entry_text (f));
      break;
    case FIELD_OPT_TEXT:
      set_string (FIELD_PTR (record, s, char *), is_blank (entry_text (f)) ? NULL : entry_text (f));
      break;
    case FIELD_INT:
      {
        const char *text = gtk_editable_get_text (GTK_EDITABLE (f->editor));
        char *end = NULL;
        long v = strtol (text, &end, 10);

        while (end && g_ascii_isspace (*end))
          end++;
        if (is_blank (text) || end == NULL || *end != '\0' || v < G_MININT || v > G_MAXINT)
          f->message = g_strdup (_("must be a whole number"));
        else
          {
            *FIELD_PTR (record, s, int) = (int) v;
            if (g_str_equal (s->key, "contract_hours"))
              show_hours_hint (self, f, (int) v);
          }
      }
      break;
    case FIELD_COORD:
      {
        g_autofree char *text = g_strdelimit (g_strstrip (g_strdup (entry_text (f))), ",", '.');
        char *end = NULL;
        double v = g_ascii_strtod (text, &end);

        if (*text == '\0' || end == NULL || *end != '\0')
          f->message = g_strdup (_("must be a number"));
        else
          *FIELD_PTR (record, s, double) = v;
      }
      break;
    case FIELD_MONEY:
      {
        gint64 cents = 0;

        if (!dag_parse_euro (entry_text (f), &cents, &error))
          f->message = g_strdup (error->message);
        else
          *FIELD_PTR (record, s, gint64) = cents;
      }
      break;
    case FIELD_BOOL:
      *FIELD_PTR (record, s, gboolean) = gtk_switch_get_active (GTK_SWITCH (f->editor));
      break;
    case FIELD_CHOICE:
      *FIELD_PTR (record, s, int) = choice_value (self, s->choices,
                                                  adw_combo_row_get_selected (ADW_COMBO_ROW (f->row)));
      break;
    case FIELD_SLOTS:
      {
        DagSlotMask mask = 0;

        for (int slot = 0; slot < DAG_N_SLOTS; slot++)
          if (gtk_check_button_get_active (f->checks[slot]))
            mask |= DAG_SLOT_BIT (slot);
        *FIELD_PTR (record, s, DagSlotMask) = mask;
      }
      break;
    case FIELD_PART_TIME:
      {
        DagLocation *l = record;
        int part = s->arg;
        g_autofree char *text = g_strstrip (g_strdup (entry_text (f)));
        g_auto(GStrv) times = NULL;
        int start, end;

        if (*text == '\0')
          {
            l->has_part[part] = FALSE;
            break;
          }
        /* "09:00–13:00", "09:00-13:00" or "09:00 13:00". */
        times = g_strsplit_set (g_strdelimit (text, "\xe2\x80\x93", ' '), "- ", -1);
        {
          g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
          g_auto(GStrv) words = NULL;

          for (int i = 0; times[i]; i++)
            if (*times[i])
              g_strv_builder_add (b, times[i]);
          words = g_strv_builder_end (b);
          if (g_strv_length (words) != 2 ||
              !dag_time_parse (words[0], &start) || !dag_time_parse (words[1], &end))
            {
              f->message = g_strdup (_("must be two times like “09:00–13:00”, or empty when closed"));
              break;
            }
        }
        l->has_part[part] = TRUE;
        l->part_start[part] = start;
        l->part_end[part] = end;
      }
      break;
    case FIELD_TIME:
      {
        g_autofree char *text = g_strstrip (g_strdup (entry_text (f)));
        int minutes = 0;

        if (*text != '\0' && !dag_time_parse (text, &minutes))
          f->message = g_strdup (_("must be a time like “07:30”, or empty for no limit"));
        else
          *FIELD_PTR (record, s, int) = minutes;
      }
      break;
    case FIELD_DATES:
      {
        GArray *dates = *FIELD_PTR (record, s, GArray *);
        g_autofree char *text = g_strstrip (g_strdup (entry_text (f)));
        DagDate d;

        /* The dates listed, and one typed but not yet added: it is not
         * lost when the record is saved right away. */
        g_array_set_size (dates, 0);
        g_array_append_vals (dates, self->closures->data, self->closures->len);
        if (*text != '\0')
          {
            if (!dag_date_parse_human (text, &d))
              f->message = g_strdup (_("must be an existing date like 08-02-1950"));
            else if (!has_date (dates, d))
              g_array_append_val (dates, d);
          }
        g_array_sort (dates, compare_dates);
      }
      break;
    case FIELD_LIST:
      {
        GPtrArray *list = *FIELD_PTR (record, s, GPtrArray *);
        g_auto(GStrv) words = split_words (entry_text (f));

        g_ptr_array_set_size (list, 0);
        for (int i = 0; words[i]; i++)
          g_ptr_array_add (list, g_strdup (words[i]));
      }
      break;
    case FIELD_PRODUCTS:
      read_products (self, f);
      break;
    default:
      break;
    }
}

/* How a message names product i: by its name, or as the new one. */
static char *
product_label (DagRecordForm *self, guint i)
{
  const DagProduct *p = DAG_AT (self->draft->contract.products, DagProduct, i);

  if (p->product && !is_blank (p->product))
    return g_strdup (p->product);
  return g_strdup_printf (_("new product %u"), i + 1);
}

/* The contract check says only "products"; checking ever longer runs of
 * them finds the first wrong one, so its rows can be marked. */
static void
blame_product (DagRecordForm *self)
{
  DagContract c = self->draft->contract;
  g_autoptr(GArray) some = g_array_new (FALSE, TRUE, sizeof (DagProduct));

  c.products = some;
  for (guint i = 0; i < self->draft->contract.products->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *label = NULL;
      const char *bad = NULL;

      g_array_append_val (some, *DAG_AT (self->draft->contract.products, DagProduct, i));
      if (dag_record_check_contract (self->org, &c, &bad, &error))
        continue;
      self->bad_product = i;
      label = product_label (self, i);
      g_free (self->message);
      /* TRANSLATORS: "Products", a product's name, then what is wrong with it */
      self->message = g_strdup_printf (_("%s: “%s” %s"), dag_record_field_label (self->kind, "products"),
                                       label, error->message);
      return;
    }
}

static void
validate (DagRecordForm *self)
{
  g_autoptr(GError) error = NULL;
  const char *bad = NULL;

  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->bad_key, g_free);
  self->bad_product = -1;
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = &g_array_index (self->fields, Field, i);

      read_field (self, f);
      if (f->message && self->message == NULL)
        /* TRANSLATORS: a field name, then what is wrong with it */
        self->message = g_strdup_printf (_("%s: %s"), dag_record_field_label (self->kind, f->spec->key),
                                         f->message);
    }
  if (self->message == NULL &&
      !dag_store_check_record (self->org, self->kind, self->draft, &bad, &error))
    {
      self->message = g_strdup (error->message);
      self->bad_key = g_strdup (bad);
      if (self->kind == DAG_KIND_CONTRACT && g_strcmp0 (bad, "products") == 0)
        blame_product (self);
    }
  if (self->message == NULL && self->is_new &&
      dag_org_lookup ((DagOrg *) self->org, self->kind, dag_record_get_id (self->kind, self->draft)) >= 0)
    {
      self->message = g_strdup (_("Id: another record of this kind has this id already"));
      self->bad_key = g_strdup ("id");
    }

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = &g_array_index (self->fields, Field, i);
      gboolean wrong = f->message != NULL;

      /* A product's own rows are marked below, not the whole group. */
      if (f->spec->type == FIELD_PRODUCTS)
        continue;
      if (self->bad_key && !wrong)
        {
          gsize n = strlen (f->spec->key);
          wrong = strncmp (self->bad_key, f->spec->key, n) == 0 &&
                  (self->bad_key[n] == '\0' || self->bad_key[n] == '[' || self->bad_key[n] == '.');
        }
      if (wrong)
        gtk_widget_add_css_class (f->row, "error");
      else
        gtk_widget_remove_css_class (f->row, "error");
    }
  for (guint i = 0; self->products && i < self->products->len; i++)
    {
      ProductRow *pr = g_ptr_array_index (self->products, i);
      /* The expander's error colours all its rows: only for what the check
       * found, which may be any of them; a price is marked on its own. */
      gboolean wrong = (int) i == self->bad_product;

      if (wrong)
        {
          gtk_widget_add_css_class (pr->row, "error");
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (pr->row), TRUE);
        }
      else
        gtk_widget_remove_css_class (pr->row, "error");
      if (pr->bad_price || pr->bad_staffel)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (pr->row), TRUE);
      if (pr->bad_price)
        gtk_widget_add_css_class (pr->price, "error");
      else
        gtk_widget_remove_css_class (pr->price, "error");
      if (pr->bad_staffel)
        gtk_widget_add_css_class (pr->staffel, "error");
      else
        gtk_widget_remove_css_class (pr->staffel, "error");
      if (pr->bad_codes)
        {
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (pr->row), TRUE);
          gtk_widget_add_css_class (pr->category, "error");
          gtk_widget_add_css_class (pr->unit_code, "error");
        }
      else
        {
          gtk_widget_remove_css_class (pr->category, "error");
          gtk_widget_remove_css_class (pr->unit_code, "error");
        }
    }
}

static void
field_changed (DagRecordForm *self)
{
  if (self->filling)
    return;
  self->dirty = TRUE;
  validate (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static GtkWidget *
slot_grid (DagRecordForm *self, Field *f, DagSlotMask mask)
{
  static const char *const days[DAG_N_DAYS] = {
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"),
  };
  static const char *const parts[DAG_N_PARTS] = { N_("Morning"), N_("Afternoon"), N_("Evening") };
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), FALSE);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  for (int day = 0; day < DAG_N_DAYS; day++)
    {
      GtkWidget *label = gtk_label_new (_(days[day]));

      gtk_widget_add_css_class (label, "caption-heading");
      gtk_grid_attach (GTK_GRID (grid), label, day + 1, 0, 1, 1);
    }
  for (int part = 0; part < DAG_N_PARTS; part++)
    {
      GtkWidget *label = gtk_label_new (_(parts[part]));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), label, 0, part + 1, 1, 1);
      for (int day = 0; day < DAG_N_DAYS; day++)
        {
          int slot = DAG_SLOT (day, part);
          GtkWidget *check = gtk_check_button_new ();
          g_autofree char *tip = g_strdup_printf ("%s, %s", _(days[day]), _(parts[part]));

          gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (check, tip);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (mask & DAG_SLOT_BIT (slot)) != 0);
          g_signal_connect_swapped (check, "toggled", G_CALLBACK (field_changed), self);
          f->checks[slot] = GTK_CHECK_BUTTON (check);
          gtk_grid_attach (GTK_GRID (grid), check, day + 1, part + 1, 1, 1);
        }
    }
  return grid;
}

/* Euros with the locale's decimal mark ("0,45" in Dutch); dag_parse_euro()
 * reads either mark back. */
static char *
format_cents (gint64 cents)
{
  const char *mark = localeconv ()->decimal_point;

  return g_strdup_printf ("%s%" G_GINT64_FORMAT "%s%02d", cents < 0 ? "-" : "",
                          ABS (cents) / 100, mark && *mark ? mark : ".", (int) (ABS (cents) % 100));
}

static GtkWidget *
entry_row (DagRecordForm *self, const FieldSpec *s, const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(s->label));
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (field_changed), self);
  return row;
}

/* "Code 04A03, € 34,50 per dagdeel; € 30,00 from unit 10". */
static char *
product_subtitle (const DagProduct *p)
{
  g_autofree char *tariff = format_cents (p->tariff_cents);
  GString *subtitle = g_string_new (NULL);

  /* TRANSLATORS: product code, then the tariff in euros per unit */
  g_string_append_printf (subtitle, _("Code %s, € %s per %s"), p->code ? p->code : "", tariff,
                          p->unit ? p->unit : "");
  for (guint k = 0; p->staffel && k < p->staffel->len; k++)
    {
      const DagStaffel *st = DAG_AT (p->staffel, DagStaffel, k);
      g_autofree char *staffel = format_cents (st->tariff_cents);

      g_string_append (subtitle, "; ");
      g_string_append_printf (subtitle, _("€ %s from unit %d"), staffel, st->from_unit);
    }
  return g_string_free (subtitle, FALSE);
}

/* An iWmo category or unit code (two digits) or, with two_digits FALSE,
 * a product code (1 to 5 letters and digits); "" is fine (not given). */
static gboolean
iwmo_code_ok (const char *text,
              gboolean    two_digits)
{
  gsize n = strlen (text);

  if (n == 0)
    return TRUE;
  if (two_digits)
    return n == 2 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]);
  if (n > 5)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (text[i]))
      return FALSE;
  return TRUE;
}

static int
compare_staffel (gconstpointer a, gconstpointer b)
{
  int x = ((const DagStaffel *) a)->from_unit, y = ((const DagStaffel *) b)->from_unit;
  return x < y ? -1 : x > y;
}

/* "9: 27,26; 20: 25,00" → bands sorted by their first unit; the check of
 * the contract then says what is wrong with their values. */
static GArray *
parse_staffel (const char *text)
{
  g_autoptr(GArray) bands = g_array_new (FALSE, FALSE, sizeof (DagStaffel));
  g_auto(GStrv) items = g_strsplit (text, ";", -1);

  for (int i = 0; items[i]; i++)
    {
      g_auto(GStrv) parts = NULL;
      DagStaffel band = { 0 };
      char *end = NULL;
      gint64 from;

      if (is_blank (items[i]))
        continue;
      parts = g_strsplit (items[i], ":", 2);
      if (g_strv_length (parts) != 2)
        return NULL;
      g_strstrip (parts[0]);
      from = g_ascii_strtoll (parts[0], &end, 10);
      /* An optional tier code after the price: "9: 27,50 04A13". */
      {
        g_auto(GStrv) words = g_strsplit_set (g_strstrip (parts[1]), " \t", -1);
        guint n = 0;

        for (guint w = 0; words[w]; w++)
          if (*words[w] != '\0')
            words[n++] = words[w];
          else
            g_free (words[w]);
        words[n] = NULL;
        if (n == 0 || n > 2 || (n == 2 && !iwmo_code_ok (words[1], FALSE)))
          return NULL;
        if (*parts[0] == '\0' || *end != '\0' || from < G_MININT || from > G_MAXINT ||
            !dag_parse_euro (words[0], &band.tariff_cents, NULL))
          return NULL;
        if (n == 2)
          g_strlcpy (band.code, words[1], sizeof band.code);
      }
      band.from_unit = (int) from;
      g_array_append_val (bands, band);
    }
  g_array_sort (bands, compare_staffel);
  return g_steal_pointer (&bands);
}

static char *
format_staffel (GArray *staffel)
{
  GString *text = g_string_new (NULL);

  for (guint k = 0; staffel && k < staffel->len; k++)
    {
      const DagStaffel *st = DAG_AT (staffel, DagStaffel, k);
      g_autofree char *tariff = format_cents (st->tariff_cents);

      g_string_append_printf (text, "%s%d: %s", k ? "; " : "", st->from_unit, tariff);
      if (st->code[0] != '\0')
        g_string_append_printf (text, " %s", st->code);
    }
  return g_string_free (text, FALSE);
}

/* Reads every product's rows into the draft's products; a price or tariff
 * bands that cannot be read are the field's message. */
static void
read_products (DagRecordForm *self, Field *f)
{
  GArray *products = self->draft->contract.products;

  g_array_set_size (products, 0);
  for (guint i = 0; i < self->products->len; i++)
    {
      ProductRow *pr = g_ptr_array_index (self->products, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      DagProduct p = { 0 };

      key = pr->product ? g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (pr->product))))
                        : g_strdup (pr->key);
      p.product = g_strdup (key);
      p.code = g_strdup (gtk_editable_get_text (GTK_EDITABLE (pr->code)));
      p.name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (pr->name)));
      p.unit = g_strdup (gtk_editable_get_text (GTK_EDITABLE (pr->unit)));
      p.staffel = parse_staffel (gtk_editable_get_text (GTK_EDITABLE (pr->staffel)));
      pr->bad_staffel = p.staffel == NULL;
      if (p.staffel == NULL)
        p.staffel = g_array_new (FALSE, FALSE, sizeof (DagStaffel));
      pr->bad_price = !dag_parse_euro (gtk_editable_get_text (GTK_EDITABLE (pr->price)), &p.tariff_cents, &error);
      {
        g_autofree char *category = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (pr->category))));
        g_autofree char *unit_code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (pr->unit_code))));

        pr->bad_codes = !iwmo_code_ok (category, TRUE) || !iwmo_code_ok (unit_code, TRUE);
        if (!pr->bad_codes)
          {
            g_strlcpy (p.category, category, sizeof p.category);
            g_strlcpy (p.unit_code, unit_code, sizeof p.unit_code);
          }
      }
      if (pr->bad_codes && !pr->bad_price && !pr->bad_staffel && f->message == NULL)
        {
          g_autofree char *label = *key ? g_strdup (key) : g_strdup_printf (_("new product %u"), i + 1);

          /* TRANSLATORS: a product's name */
          f->message = g_strdup_printf (_("“%s” iWmo category and unit code must be two digits, like “07” and “16”"),
                                        label);
        }
      if ((pr->bad_price || pr->bad_staffel) && f->message == NULL)
        {
          g_autofree char *label = *key ? g_strdup (key) : g_strdup_printf (_("new product %u"), i + 1);

          if (pr->bad_price)
            /* TRANSLATORS: a product's name, then what is wrong with its price */
            f->message = g_strdup_printf (_("“%s” price %s"), label, error->message);
          else
            /* TRANSLATORS: a product's name; keep the example's form, with your decimal mark */
            f->message = g_strdup_printf (_("“%s” tariff bands must be like “9: 27,50 04A13; 20: 25,00”"), label);
        }
      g_array_append_val (products, p);

      title = *key ? g_strdup_printf ("%s · %s", key, p.name) : g_strdup (_("New Product"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pr->row), title);
      /* Until the price reads, the row keeps saying the last one that did. */
      if (!pr->bad_price && !pr->bad_staffel)
        {
          subtitle = product_subtitle (&p);
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (pr->row), subtitle);
        }
    }
}

static void field_changed (DagRecordForm *self);

static GtkWidget *
product_entry (DagRecordForm *self, ProductRow *pr, const char *title, const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (field_changed), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (pr->row), row);
  return row;
}

static void
remove_product_cb (GtkButton *button, DagRecordForm *self)
{
  for (guint i = 0; i < self->products->len; i++)
    {
      ProductRow *pr = g_ptr_array_index (self->products, i);

      if (pr->remove == GTK_WIDGET (button))
        {
          adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->products_group), pr->row);
          g_ptr_array_remove_index (self->products, i);
          field_changed (self);
          return;
        }
    }
}

/* Adds the rows of product p; a new one's name can be typed, a stored
 * one's cannot, since indications and groups refer to it by name. */
static ProductRow *
product_row_add (DagRecordForm *self, const DagProduct *p, gboolean is_new)
{
  ProductRow *pr = g_new0 (ProductRow, 1);
  g_autofree char *price = format_cents (p->tariff_cents);
  g_autofree char *subtitle = product_subtitle (p);

  pr->row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (pr->row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (pr->row), subtitle);
  pr->remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (pr->remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (pr->remove, "flat");
  gtk_widget_set_tooltip_text (pr->remove, _("Remove Product"));
  g_signal_connect (pr->remove, "clicked", G_CALLBACK (remove_product_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (pr->row), pr->remove);
  if (is_new)
    pr->product = product_entry (self, pr, _("Product (like “M3”)"), p->product);
  else
    {
      g_autofree char *title = g_strdup_printf ("%s · %s", p->product, p->name);

      pr->key = g_strdup (p->product);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pr->row), title);
    }
  pr->code = product_entry (self, pr, _("Code"), p->code);
  pr->name = product_entry (self, pr, _("Name"), p->name);
  pr->unit = product_entry (self, pr, _("Unit (dagdeel, rit, …)"), p->unit);
  /* A new product's price is typed, not assumed to be nothing. */
  pr->price = product_entry (self, pr, _("Price per Unit (€)"), is_new ? "" : price);
  {
    g_autofree char *staffel = format_staffel (p->staffel);

    pr->staffel = product_entry (self, pr, _("Tariff Bands (from unit: price code; …)"), staffel);
  }
  pr->category = product_entry (self, pr, _("iWmo Category (07, 08, …)"), p->category);
  pr->unit_code = product_entry (self, pr, _("iWmo Unit Code (16, 84, …)"), p->unit_code);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->products_group), pr->row);
  g_ptr_array_add (self->products, pr);
  return pr;
}

static void
add_product_cb (DagRecordForm *self)
{
  dag_record_form_add_product (self);
}

static void
products_rows (DagRecordForm *self, GtkWidget *group, GArray *products)
{
  GtkWidget *add = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Product"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (add), content);
  gtk_widget_add_css_class (add, "flat");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_product_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Prices per unit in euros. A tariff band (staffel) is the price from that unit of the month on."));
  self->products_group = group;
  for (guint i = 0; products && i < products->len; i++)
    product_row_add (self, DAG_AT (products, DagProduct, i), FALSE);
}

guint
dag_record_form_add_product (DagRecordForm *self)
{
  DagProduct p = { 0 };
  ProductRow *pr;

  g_return_val_if_fail (DAG_IS_RECORD_FORM (self), 0);
  g_return_val_if_fail (self->products_group != NULL, 0);

  pr = product_row_add (self, &p, TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (pr->row), TRUE);
  field_changed (self);
  gtk_widget_grab_focus (pr->product);
  return self->products->len - 1;
}

/* ---- closures: a list of dates ------------------------------------------ */

static void closure_rows_update (DagRecordForm *self);

static void
remove_closure_cb (GtkButton *button, DagRecordForm *self)
{
  DagDate date = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "date"));

  for (guint i = 0; i < self->closures->len; i++)
    if (g_array_index (self->closures, DagDate, i) == date)
      {
        g_array_remove_index (self->closures, i);
        break;
      }
  closure_rows_update (self);
  field_changed (self);
  /* Focus stays in the list, not lost with the row removed. */
  gtk_widget_grab_focus (self->closure_entry);
}

static void
add_closure_cb (DagRecordForm *self)
{
  dag_record_form_add_closure (self);
}

/* The rows of the dates listed, in order, above the field to add one. */
static void
closure_rows_update (DagRecordForm *self)
{
  /* The group's own list box, where the rows go before the field. */
  GtkWidget *list = gtk_widget_get_parent (self->closure_entry);

  g_return_if_fail (GTK_IS_LIST_BOX (list));
  for (guint i = 0; i < self->closure_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->closures_group),
                                  g_ptr_array_index (self->closure_rows, i));
  g_ptr_array_set_size (self->closure_rows, 0);
  for (guint i = 0; i < self->closures->len; i++)
    {
      DagDate date = g_array_index (self->closures, DagDate, i);
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *weekday = NULL;
      g_autofree char *tip = NULL;
      int y, m, d;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      char buf[DAG_DATE_BUF];

      /* The date as typed, and its day of the week (a closure on a
       * Saturday or Sunday changes nothing). */
      dag_date_to_ymd (date, &y, &m, &d);
      dt = g_date_time_new_local (y, m, d, 12, 0, 0);
      weekday = g_date_time_format (dt, "%A");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dag_date_format_human (date, buf));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), weekday);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      /* Translators: the tooltip of a closure's remove button, with its date. */
      tip = g_strdup_printf (_("Remove the Closure on %s"), buf);
      gtk_widget_set_tooltip_text (remove, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      g_object_set_data (G_OBJECT (remove), "date", GUINT_TO_POINTER (date));
      g_object_set_data (G_OBJECT (row), "remove", remove);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_closure_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_insert (GTK_LIST_BOX (list), row, (int) i);
      g_ptr_array_add (self->closure_rows, row);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->closures_group),
                                         self->closures->len == 0
                                         ? _("No closures: the location is open on every working day that is not a public holiday.")
                                         : NULL);
}

/* The group of a location's closures: the dates, a row each, and a date
 * field (with a calendar) to add one; returns that field. */
static GtkWidget *
closures_rows (DagRecordForm *self, GtkWidget *group, const FieldSpec *s, GArray *dates)
{
  self->closures_group = group;
  g_array_set_size (self->closures, 0);
  if (dates != NULL)
    g_array_append_vals (self->closures, dates->data, dates->len);
  g_array_sort (self->closures, compare_dates);

  self->closure_entry = entry_row (self, s, NULL);
  dag_date_popover_attach (self->closure_entry);
  self->closure_add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_valign (self->closure_add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->closure_add, "flat");
  gtk_widget_set_tooltip_text (self->closure_add, _("Add Closure"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->closure_add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Closure"), -1);
  g_signal_connect_swapped (self->closure_add, "clicked", G_CALLBACK (add_closure_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->closure_entry), self->closure_add);
  g_signal_connect_swapped (self->closure_entry, "entry-activated", G_CALLBACK (add_closure_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->closure_entry);
  closure_rows_update (self);
  return self->closure_entry;
}

gboolean
dag_record_form_add_closure (DagRecordForm *self)
{
  g_autofree char *text = NULL;
  DagDate date;

  g_return_val_if_fail (DAG_IS_RECORD_FORM (self), FALSE);
  g_return_val_if_fail (self->closure_entry != NULL, FALSE);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->closure_entry))));
  if (!dag_date_parse_human (text, &date))
    return FALSE;   /* the field says what is wrong */
  if (!has_date (self->closures, date))
    {
      g_array_append_val (self->closures, date);
      g_array_sort (self->closures, compare_dates);
    }
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->closure_entry), "");
  self->filling = FALSE;
  closure_rows_update (self);
  field_changed (self);
  return TRUE;
}

guint
dag_record_form_get_n_closures (DagRecordForm *self)
{
  g_return_val_if_fail (DAG_IS_RECORD_FORM (self), 0);
  return self->closures->len;
}

static void
clear_children (DagRecordForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_box_remove (GTK_BOX (self), child);
  g_array_set_size (self->fields, 0);
  g_ptr_array_set_size (self->products, 0);
  self->products_group = NULL;
  g_ptr_array_set_size (self->closure_rows, 0);
  g_array_set_size (self->closures, 0);
  self->closures_group = self->closure_entry = self->closure_add = NULL;
}

void
dag_record_form_set_record (DagRecordForm *self,
                            const DagOrg  *org,
                            DagKind        kind,
                            gconstpointer  record,
                            gboolean       is_new)
{
  const FieldSpec *specs;
  GtkWidget *group = NULL;

  g_return_if_fail (DAG_IS_RECORD_FORM (self));

  clear_children (self);
  if (self->draft)
    dag_record_free (self->kind, self->draft);
  self->draft = NULL;
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->bad_key, g_free);
  self->org = org;
  self->kind = kind;
  self->is_new = is_new;
  self->dirty = FALSE;
  if (org == NULL || record == NULL)
    return;

  self->draft = dag_record_dup (kind, record);
  self->filling = TRUE;
  specs = fields_of (kind);
  for (const FieldSpec *s = specs; s->key; s++)
    {
      Field f = { s, NULL, NULL, { NULL }, NULL };
      gpointer r = self->draft;

      if (group == NULL || s->group)
        {
          group = adw_preferences_group_new ();
          if (s->group)
            adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(s->group));
          gtk_box_append (GTK_BOX (self), group);
        }
      switch (s->type)
        {
        case FIELD_ID:
          if (is_new)
            f.row = entry_row (self, s, *FIELD_PTR (r, s, char *));
          else
            {
              f.row = adw_action_row_new ();
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f.row), _(s->label));
              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (f.row), FALSE);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (f.row), *FIELD_PTR (r, s, char *));
              gtk_widget_add_css_class (f.row, "property");
            }
          break;
        case FIELD_TEXT:
        case FIELD_OPT_TEXT:
          f.row = entry_row (self, s, *FIELD_PTR (r, s, char *));
          break;
        case FIELD_INT:
          f.row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f.row), _(s->label));
          f.editor = gtk_spin_button_new_with_range (-1, s->arg, 1);
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (f.editor), *FIELD_PTR (r, s, int));
          gtk_widget_set_valign (f.editor, GTK_ALIGN_CENTER);
          g_signal_connect_swapped (f.editor, "changed", G_CALLBACK (field_changed), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (f.row), f.editor);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (f.row), f.editor);
          break;
        case FIELD_COORD:
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            g_ascii_formatd (buf, sizeof buf, "%.6f", *FIELD_PTR (r, s, double));
            f.row = entry_row (self, s, buf);
          }
          break;
        case FIELD_MONEY:
          {
            g_autofree char *text = format_cents (*FIELD_PTR (r, s, gint64));
            f.row = entry_row (self, s, text);
          }
          break;
        case FIELD_BOOL:
          f.row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f.row), _(s->label));
          f.editor = gtk_switch_new ();
          gtk_switch_set_active (GTK_SWITCH (f.editor), *FIELD_PTR (r, s, gboolean));
          gtk_widget_set_valign (f.editor, GTK_ALIGN_CENTER);
          g_signal_connect_swapped (f.editor, "notify::active", G_CALLBACK (field_changed), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (f.row), f.editor);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (f.row), f.editor);
          break;
        case FIELD_CHOICE:
          {
            g_autoptr(GListModel) model = choice_model (self, s->choices);

            f.row = adw_combo_row_new ();
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f.row), _(s->label));
            adw_combo_row_set_model (ADW_COMBO_ROW (f.row), model);
            adw_combo_row_set_selected (ADW_COMBO_ROW (f.row),
                                        choice_position (self, s->choices, *FIELD_PTR (r, s, int)));
            g_signal_connect_swapped (f.row, "notify::selected", G_CALLBACK (field_changed), self);
          }
          break;
        case FIELD_SLOTS:
          /* A preferences row, so the grid sits in the group's card. */
          f.row = adw_preferences_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f.row), _(s->label));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (f.row), FALSE);
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (f.row),
                                      slot_grid (self, &f, *FIELD_PTR (r, s, DagSlotMask)));
          gtk_accessible_update_property (GTK_ACCESSIBLE (f.row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _(s->label), -1);
          break;
        case FIELD_PART_TIME:
          {
            const DagLocation *l = r;
            char a[6], b[6];
            g_autofree char *text = NULL;

            if (l->has_part[s->arg])
              text = g_strdup_printf ("%s–%s", dag_time_format (l->part_start[s->arg], a),
                                      dag_time_format (l->part_end[s->arg], b));
            f.row = entry_row (self, s, text);
          }
          break;
        case FIELD_TIME:
          {
            char buf[6];
            int minutes = *FIELD_PTR (r, s, int);

            f.row = entry_row (self, s, minutes != 0 ? dag_time_format (minutes, buf) : NULL);
          }
          break;
        case FIELD_DATES:
          /* Its rows are added to the group by closures_rows. */
          f.row = closures_rows (self, group, s, *FIELD_PTR (r, s, GArray *));
          g_array_append_val (self->fields, f);
          continue;
        case FIELD_LIST:
          {
            GPtrArray *list = *FIELD_PTR (r, s, GPtrArray *);
            g_autoptr(GString) text = g_string_new (NULL);

            for (guint i = 0; list && i < list->len; i++)
              g_string_append_printf (text, "%s%s", i ? ", " : "", (const char *) g_ptr_array_index (list, i));
            f.row = entry_row (self, s, text->str);
          }
          break;
        case FIELD_PRODUCTS:
          products_rows (self, group, *FIELD_PTR (r, s, GArray *));
          /* Read and checked like a field, but its rows are the group's. */
          f.row = group;
          g_array_append_val (self->fields, f);
          continue;
        default:
          continue;
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), f.row);
      g_array_append_val (self->fields, f);
    }
  validate (self);
  self->filling = FALSE;
}

/* ---- GObject -------------------------------------------------------------- */

static void
dag_record_form_dispose (GObject *object)
{
  DagRecordForm *self = DAG_RECORD_FORM (object);

  clear_children (self);
  G_OBJECT_CLASS (dag_record_form_parent_class)->dispose (object);
}

static void
dag_record_form_finalize (GObject *object)
{
  DagRecordForm *self = DAG_RECORD_FORM (object);

  if (self->draft)
    dag_record_free (self->kind, self->draft);
  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_pointer (&self->closures, g_array_unref);
  g_clear_pointer (&self->closure_rows, g_ptr_array_unref);
  g_free (self->message);
  g_free (self->bad_key);
  G_OBJECT_CLASS (dag_record_form_parent_class)->finalize (object);
}

static void
dag_record_form_class_init (DagRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dag_record_form_dispose;
  object_class->finalize = dag_record_form_finalize;

  /* Emitted on every change a person makes in the form. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dag_record_form_init (DagRecordForm *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 24);
  self->fields = g_array_new (FALSE, TRUE, sizeof (Field));
  g_array_set_clear_func (self->fields, field_clear);
  self->products = g_ptr_array_new_with_free_func (product_row_free);
  self->closures = g_array_new (FALSE, FALSE, sizeof (DagDate));
  self->closure_rows = g_ptr_array_new ();
  self->bad_product = -1;
  self->kind = DAG_KIND_LOCATION;
}

GtkWidget *
dag_record_form_new (void)
{
  return g_object_new (DAG_TYPE_RECORD_FORM, NULL);
}

DagKind
dag_record_form_get_kind (DagRecordForm *self)
{
  return self->kind;
}

gboolean
dag_record_form_is_new (DagRecordForm *self)
{
  return self->is_new;
}

gconstpointer
dag_record_form_get_record (DagRecordForm *self)
{
  return self->draft;
}

gboolean
dag_record_form_is_valid (DagRecordForm *self)
{
  return self->draft != NULL && self->message == NULL;
}

gboolean
dag_record_form_is_dirty (DagRecordForm *self)
{
  return self->dirty;
}

const char *
dag_record_form_get_message (DagRecordForm *self)
{
  return self->message;
}

/* "products[1].price" → that product's row; "products.add" → the add button. */
static GtkWidget *
product_widget (DagRecordForm *self, const char *key)
{
  const char *rest = key + strlen ("products[");
  char *end = NULL;
  guint64 i;
  ProductRow *pr;

  if (g_str_equal (key, "products.add"))
    return self->products_group ? adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (self->products_group))
                                : NULL;
  if (!g_str_has_prefix (key, "products["))
    return NULL;
  i = g_ascii_strtoull (rest, &end, 10);
  if (end == rest || *end != ']' || i >= self->products->len)
    return NULL;
  pr = g_ptr_array_index (self->products, i);
  end++;
  if (*end == '\0')
    return pr->row;
  if (g_str_equal (end, ".product"))
    return pr->product;
  if (g_str_equal (end, ".code"))
    return pr->code;
  if (g_str_equal (end, ".name"))
    return pr->name;
  if (g_str_equal (end, ".unit"))
    return pr->unit;
  if (g_str_equal (end, ".price"))
    return pr->price;
  if (g_str_equal (end, ".staffel"))
    return pr->staffel;
  if (g_str_equal (end, ".category"))
    return pr->category;
  if (g_str_equal (end, ".unit-code"))
    return pr->unit_code;
  if (g_str_equal (end, ".remove"))
    return pr->remove;
  return NULL;
}

/* "closures.add" → the add button; "closures[1]" → the second date's
 * row, "closures[1].remove" → its remove button. */
static GtkWidget *
closure_widget (DagRecordForm *self, const char *key)
{
  const char *rest = key + strlen ("closures[");
  char *end = NULL;
  guint64 i;

  if (g_str_equal (key, "closures.add"))
    return self->closure_add;
  if (!g_str_has_prefix (key, "closures["))
    return NULL;
  i = g_ascii_strtoull (rest, &end, 10);
  if (end == rest || *end != ']' || i >= self->closure_rows->len)
    return NULL;
  if (g_str_equal (end, "]"))
    return g_ptr_array_index (self->closure_rows, i);
  if (g_str_equal (end, "].remove"))
    return g_object_get_data (g_ptr_array_index (self->closure_rows, i), "remove");
  return NULL;
}

GtkWidget *
dag_record_form_get_row (DagRecordForm *self,
                         const char    *key)
{
  if (g_str_has_prefix (key, "closures.") || g_str_has_prefix (key, "closures["))
    return closure_widget (self, key);
  if (g_str_has_prefix (key, "products.") || g_str_has_prefix (key, "products["))
    return product_widget (self, key);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = &g_array_index (self->fields, Field, i);

      if (g_str_equal (f->spec->key, key))
        return f->row;
    }
  return NULL;
}

GtkWidget *
dag_record_form_get_editor (DagRecordForm *self,
                            const char    *key)
{
  if (g_str_has_prefix (key, "closures.") || g_str_has_prefix (key, "closures["))
    return closure_widget (self, key);
  if (g_str_has_prefix (key, "products.") || g_str_has_prefix (key, "products["))
    return product_widget (self, key);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = &g_array_index (self->fields, Field, i);

      if (g_str_equal (f->spec->key, key))
        return f->editor ? f->editor : f->row;
    }
  return NULL;
}
