/* dag-staff-item.c — a staff member as a GObject for list views. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-staff-item.h"

struct _DagStaffItem
{
  GObject          parent_instance;

  char            *id;
  char            *name;
  DagQualification qualification;
  int              contract_hours;
  DagSlotMask      available;
  char            *available_text;
  gboolean         driver;
  char            *email;
};

G_DEFINE_FINAL_TYPE (DagStaffItem, dag_staff_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_QUALIFICATION,
  PROP_QUALIFICATION_LABEL,
  PROP_CONTRACT_HOURS,
  PROP_AVAILABLE,
  PROP_AVAILABLE_TEXT,
  PROP_DRIVER,
  PROP_EMAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dag_staff_item_finalize (GObject *object)
{
  DagStaffItem *self = DAG_STAFF_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->available_text);
  g_free (self->email);
  G_OBJECT_CLASS (dag_staff_item_parent_class)->finalize (object);
}

static void
dag_staff_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DagStaffItem *self = DAG_STAFF_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:             g_value_set_string (value, self->id); break;
    case PROP_NAME:           g_value_set_string (value, self->name); break;
    case PROP_QUALIFICATION:  g_value_set_int (value, self->qualification); break;
    case PROP_QUALIFICATION_LABEL: g_value_set_string (value, dag_staff_item_get_qualification_label (self)); break;
    case PROP_CONTRACT_HOURS: g_value_set_int (value, self->contract_hours); break;
    case PROP_AVAILABLE:      g_value_set_uint (value, self->available); break;
    case PROP_AVAILABLE_TEXT: g_value_set_string (value, self->available_text); break;
    case PROP_DRIVER:         g_value_set_boolean (value, self->driver); break;
    case PROP_EMAIL:          g_value_set_string (value, self->email); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dag_staff_item_class_init (DagStaffItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dag_staff_item_finalize;
  object_class->get_property = dag_staff_item_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* A DagQualification value. */
  properties[PROP_QUALIFICATION] = g_param_spec_int ("qualification", NULL, NULL,
                                                     DAG_QUAL_HBO, DAG_QUAL_VOLUNTEER, DAG_QUAL_HBO, flags);
  properties[PROP_QUALIFICATION_LABEL] = g_param_spec_string ("qualification-label", NULL, NULL, NULL, flags);
  properties[PROP_CONTRACT_HOURS] = g_param_spec_int ("contract-hours", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_AVAILABLE] = g_param_spec_uint ("available", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_AVAILABLE_TEXT] = g_param_spec_string ("available-text", NULL, NULL, NULL, flags);
  properties[PROP_DRIVER] = g_param_spec_boolean ("driver", NULL, NULL, FALSE, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dag_staff_item_init (DagStaffItem *self)
{
}

DagStaffItem *
dag_staff_item_new (const DagOrg *org,
                    guint         index)
{
  const DagStaff *s;
  DagStaffItem *self;

  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (index < org->staff->len, NULL);

  s = DAG_AT (org->staff, DagStaff, index);
  self = g_object_new (DAG_TYPE_STAFF_ITEM, NULL);
  self->id = g_strdup (s->id);
  self->name = g_strdup (s->name);
  self->qualification = s->qualification;
  self->contract_hours = s->contract_hours;
  self->available = s->available;
  self->available_text = dag_slot_mask_to_string (s->available);
  self->driver = s->driver;
  self->email = g_strdup (s->email ? s->email : "");
  return self;
}

GListStore *
dag_staff_item_build_store (const DagOrg *org)
{
  g_autoptr(GPtrArray) items = NULL;
  GListStore *store;

  g_return_val_if_fail (org != NULL, NULL);

  items = g_ptr_array_new_full (org->staff->len, g_object_unref);
  for (guint i = 0; i < org->staff->len; i++)
    g_ptr_array_add (items, dag_staff_item_new (org, i));
  store = g_list_store_new (DAG_TYPE_STAFF_ITEM);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return store;
}

const char *
dag_staff_item_get_qualification_label (DagStaffItem *self)
{
  g_return_val_if_fail (DAG_IS_STAFF_ITEM (self), NULL);

  switch (self->qualification)
    {
    case DAG_QUAL_HBO:
      /* Translators: higher vocational level of a staff member. */
      return C_("qualification", "HBO");
    case DAG_QUAL_MBO:
      /* Translators: secondary vocational level of a staff member. */
      return C_("qualification", "MBO");
    case DAG_QUAL_VOLUNTEER:
    default:
      return C_("qualification", "Volunteer");
    }
}

#define GETTER(type, name, fallback) \
type \
dag_staff_item_get_##name (DagStaffItem *self) \
{ \
  g_return_val_if_fail (DAG_IS_STAFF_ITEM (self), fallback); \
  return self->name; \
}

GETTER (const char *, id, NULL)
GETTER (const char *, name, NULL)
GETTER (DagQualification, qualification, DAG_QUAL_HBO)
GETTER (int, contract_hours, 0)
GETTER (DagSlotMask, available, 0)
GETTER (const char *, available_text, NULL)
GETTER (gboolean, driver, FALSE)
GETTER (const char *, email, NULL)
