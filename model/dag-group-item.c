/* dag-group-item.c — a group as a GObject for list views. */

#include "config.h"

#include "dag-group-item.h"

struct _DagGroupItem
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *location;
  char       *products;
  int         min_level;
  int         max_level;
  int         capacity;
  DagSlotMask slots;
  char       *slots_text;
};

G_DEFINE_FINAL_TYPE (DagGroupItem, dag_group_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_LOCATION,
  PROP_PRODUCTS,
  PROP_MIN_LEVEL,
  PROP_MAX_LEVEL,
  PROP_CAPACITY,
  PROP_SLOTS,
  PROP_SLOTS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dag_group_item_finalize (GObject *object)
{
  DagGroupItem *self = DAG_GROUP_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->location);
  g_free (self->products);
  g_free (self->slots_text);
  G_OBJECT_CLASS (dag_group_item_parent_class)->finalize (object);
}

static void
dag_group_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DagGroupItem *self = DAG_GROUP_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:         g_value_set_string (value, self->id); break;
    case PROP_NAME:       g_value_set_string (value, self->name); break;
    case PROP_LOCATION:   g_value_set_string (value, self->location); break;
    case PROP_PRODUCTS:   g_value_set_string (value, self->products); break;
    case PROP_MIN_LEVEL:  g_value_set_int (value, self->min_level); break;
    case PROP_MAX_LEVEL:  g_value_set_int (value, self->max_level); break;
    case PROP_CAPACITY:   g_value_set_int (value, self->capacity); break;
    case PROP_SLOTS:      g_value_set_uint (value, self->slots); break;
    case PROP_SLOTS_TEXT: g_value_set_string (value, self->slots_text); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dag_group_item_class_init (DagGroupItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dag_group_item_finalize;
  object_class->get_property = dag_group_item_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, NULL, flags);
  properties[PROP_PRODUCTS] = g_param_spec_string ("products", NULL, NULL, NULL, flags);
  properties[PROP_MIN_LEVEL] = g_param_spec_int ("min-level", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_MAX_LEVEL] = g_param_spec_int ("max-level", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_CAPACITY] = g_param_spec_int ("capacity", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_SLOTS] = g_param_spec_uint ("slots", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SLOTS_TEXT] = g_param_spec_string ("slots-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dag_group_item_init (DagGroupItem *self)
{
}

DagGroupItem *
dag_group_item_new (const DagOrg *org,
                    guint         index)
{
  const DagGroup *g;
  DagGroupItem *self;
  GString *products = g_string_new (NULL);

  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (index < org->groups->len, NULL);

  g = DAG_AT (org->groups, DagGroup, index);
  self = g_object_new (DAG_TYPE_GROUP_ITEM, NULL);
  self->id = g_strdup (g->id);
  self->name = g_strdup (g->name);
  if (g->location >= 0 && (guint) g->location < org->locations->len)
    self->location = g_strdup (DAG_AT (org->locations, DagLocation, g->location)->name);
  else
    self->location = g_strdup ("");
  for (guint i = 0; g->products && i < g->products->len; i++)
    {
      if (i > 0)
        g_string_append (products, ", ");
      g_string_append (products, g_ptr_array_index (g->products, i));
    }
  self->products = g_string_free (products, FALSE);
  self->min_level = g->min_level;
  self->max_level = g->max_level;
  self->capacity = g->capacity;
  self->slots = g->slots;
  self->slots_text = dag_slot_mask_to_string (g->slots);
  return self;
}

GListStore *
dag_group_item_build_store (const DagOrg *org)
{
  g_autoptr(GPtrArray) items = NULL;
  GListStore *store;

  g_return_val_if_fail (org != NULL, NULL);

  items = g_ptr_array_new_full (org->groups->len, g_object_unref);
  for (guint i = 0; i < org->groups->len; i++)
    g_ptr_array_add (items, dag_group_item_new (org, i));
  store = g_list_store_new (DAG_TYPE_GROUP_ITEM);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return store;
}

#define GETTER(type, name, fallback) \
type \
dag_group_item_get_##name (DagGroupItem *self) \
{ \
  g_return_val_if_fail (DAG_IS_GROUP_ITEM (self), fallback); \
  return self->name; \
}

GETTER (const char *, id, NULL)
GETTER (const char *, name, NULL)
GETTER (const char *, location, NULL)
GETTER (const char *, products, NULL)
GETTER (int, min_level, 0)
GETTER (int, max_level, 0)
GETTER (int, capacity, 0)
GETTER (DagSlotMask, slots, 0)
GETTER (const char *, slots_text, NULL)
