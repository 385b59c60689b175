/* dag-participant-item.c — a participant as a GObject for list views, and
 * the one-pass builder of the participant list of a whole organisation. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-indication-item.h"
#include "dag-item-format.h"
#include "dag-participant-item.h"
#include "export/dag-production.h"
#include "dag-validate.h"

struct _DagParticipantItem
{
  GObject      parent_instance;

  char        *id;
  char        *name;
  DagDate      birth_date;
  char        *birth_date_text;
  char        *bsn_masked;
  char        *address;
  char        *municipality;
  DagTransport transport;
  gboolean     wheelchair;
  GListModel  *indications;
  char        *active_products;
  DagDate      indication_end;
  char        *indication_end_text;
  gboolean     expiring;
  gboolean     ended;           /* every indication has ended */
  char        *search_key;
};

G_DEFINE_FINAL_TYPE (DagParticipantItem, dag_participant_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_BIRTH_DATE,
  PROP_BIRTH_DATE_TEXT,
  PROP_BSN_MASKED,
  PROP_ADDRESS,
  PROP_MUNICIPALITY,
  PROP_TRANSPORT,
  PROP_TRANSPORT_LABEL,
  PROP_WHEELCHAIR,
  PROP_INDICATIONS,
  PROP_ACTIVE_PRODUCTS,
  PROP_INDICATION_END,
  PROP_INDICATION_END_TEXT,
  PROP_EXPIRING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dag_participant_item_finalize (GObject *object)
{
  DagParticipantItem *self = DAG_PARTICIPANT_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->birth_date_text);
  g_free (self->bsn_masked);
  g_free (self->address);
  g_free (self->municipality);
  g_clear_object (&self->indications);
  g_free (self->active_products);
  g_free (self->indication_end_text);
  g_free (self->search_key);
  G_OBJECT_CLASS (dag_participant_item_parent_class)->finalize (object);
}

static void
dag_participant_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DagParticipantItem *self = DAG_PARTICIPANT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:              g_value_set_string (value, self->id); break;
    case PROP_NAME:            g_value_set_string (value, self->name); break;
    case PROP_BIRTH_DATE:      g_value_set_uint (value, self->birth_date); break;
    case PROP_BIRTH_DATE_TEXT: g_value_set_string (value, self->birth_date_text); break;
    case PROP_BSN_MASKED:      g_value_set_string (value, self->bsn_masked); break;
    case PROP_ADDRESS:         g_value_set_string (value, self->address); break;
    case PROP_MUNICIPALITY:    g_value_set_string (value, self->municipality); break;
    case PROP_TRANSPORT:       g_value_set_boolean (value, self->transport == DAG_TRANSPORT_BUS); break;
    case PROP_TRANSPORT_LABEL: g_value_set_string (value, dag_participant_item_get_transport_label (self)); break;
    case PROP_WHEELCHAIR:      g_value_set_boolean (value, self->wheelchair); break;
    case PROP_INDICATIONS:     g_value_set_object (value, self->indications); break;
    case PROP_ACTIVE_PRODUCTS: g_value_set_string (value, self->active_products); break;
    case PROP_INDICATION_END:  g_value_set_uint (value, self->indication_end); break;
    case PROP_INDICATION_END_TEXT: g_value_set_string (value, self->indication_end_text); break;
    case PROP_EXPIRING:        g_value_set_boolean (value, self->expiring); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dag_participant_item_class_init (DagParticipantItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dag_participant_item_finalize;
  object_class->get_property = dag_participant_item_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_BIRTH_DATE] = g_param_spec_uint ("birth-date", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_BIRTH_DATE_TEXT] = g_param_spec_string ("birth-date-text", NULL, NULL, NULL, flags);
  properties[PROP_BSN_MASKED] = g_param_spec_string ("bsn-masked", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_MUNICIPALITY] = g_param_spec_string ("municipality", NULL, NULL, NULL, flags);
  /* Whether the participant travels by bus (transport "bus"), not on their own. */
  properties[PROP_TRANSPORT] = g_param_spec_boolean ("by-bus", NULL, NULL, FALSE, flags);
  properties[PROP_TRANSPORT_LABEL] = g_param_spec_string ("transport-label", NULL, NULL, NULL, flags);
  properties[PROP_WHEELCHAIR] = g_param_spec_boolean ("wheelchair", NULL, NULL, FALSE, flags);
  properties[PROP_INDICATIONS] = g_param_spec_object ("indications", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_ACTIVE_PRODUCTS] = g_param_spec_string ("active-products", NULL, NULL, NULL, flags);
  properties[PROP_INDICATION_END] = g_param_spec_uint ("indication-end", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_INDICATION_END_TEXT] = g_param_spec_string ("indication-end-text", NULL, NULL, NULL, flags);
  properties[PROP_EXPIRING] = g_param_spec_boolean ("expiring", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dag_participant_item_init (DagParticipantItem *self)
{
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Derives the summary columns (active products, next end, expiring) from
 * the indication items. */
static void
summarise_indications (DagParticipantItem *self)
{
  guint n = g_list_model_get_n_items (self->indications);
  g_autoptr(GPtrArray) products = g_ptr_array_new ();
  GString *joined = g_string_new (NULL);
  DagDate next_end = DAG_DATE_NONE;
  DagDate last_end = DAG_DATE_NONE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DagIndicationItem) ind = g_list_model_get_item (self->indications, i);
      DagDate end = dag_indication_item_get_end (ind);

      if (dag_indication_item_get_active (ind))
        g_ptr_array_add (products, (gpointer) dag_indication_item_get_product (ind));
      if (dag_indication_item_get_expired (ind))
        last_end = MAX (last_end, end);
      else if (next_end == DAG_DATE_NONE || end < next_end)
        next_end = end;
      if (dag_indication_item_get_expiring (ind))
        self->expiring = TRUE;
    }

  g_ptr_array_sort (products, compare_strings);
  for (guint i = 0; i < products->len; i++)
    {
      const char *p = g_ptr_array_index (products, i);

      if (i > 0 && strcmp (p, g_ptr_array_index (products, i - 1)) == 0)
        continue;
      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, p);
    }
  self->active_products = g_string_free (joined, FALSE);
  self->indication_end = next_end != DAG_DATE_NONE ? next_end : last_end;
  self->ended = next_end == DAG_DATE_NONE && last_end != DAG_DATE_NONE;
  self->indication_end_text = dag_item_format_date (self->indication_end);
}

DagParticipantItem *
dag_participant_item_new (const DagOrg *org,
                          guint         index,
                          GListModel   *indications,
                          DagDate       today)
{
  const DagParticipant *p;
  DagParticipantItem *self;
  g_autofree char *key = NULL;

  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (index < org->participants->len, NULL);
  g_return_val_if_fail (indications == NULL || G_IS_LIST_MODEL (indications), NULL);

  p = DAG_AT (org->participants, DagParticipant, index);
  self = g_object_new (DAG_TYPE_PARTICIPANT_ITEM, NULL);
  self->id = g_strdup (p->id);
  self->name = g_strdup (p->name);
  self->birth_date = p->birth_date;
  self->birth_date_text = dag_item_format_date (p->birth_date);
  self->bsn_masked = dag_bsn_mask (p->bsn);
  self->address = g_strdup (p->address ? p->address : "");
  if (p->municipality >= 0 && (guint) p->municipality < org->municipalities->len)
    self->municipality = g_strdup (DAG_AT (org->municipalities, DagMunicipality, p->municipality)->name);
  else
    self->municipality = g_strdup ("");
  self->transport = p->transport;
  self->wheelchair = p->wheelchair;
  if (indications != NULL)
    self->indications = g_object_ref (indications);
  else
    self->indications = G_LIST_MODEL (g_list_store_new (DAG_TYPE_INDICATION_ITEM));
  summarise_indications (self);

  key = g_strjoin ("\n", self->name ? self->name : "", self->id ? self->id : "",
                   self->municipality, NULL);
  self->search_key = dag_item_fold_for_search (key);
  return self;
}

GListStore *
dag_participant_item_build_store (const DagOrg *org,
                                  DagDate       today)
{
  guint n_participants, n_indications;
  g_autofree int *first = NULL;
  g_autofree int *next = NULL;
  g_autofree int *last = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) inds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree DagRemaining *left = NULL;
  GListStore *store;

  g_return_val_if_fail (org != NULL, NULL);

  /* What the ledger declared of each indication, in one pass. */
  left = dag_production_remaining_all (org, NULL);

  n_participants = org->participants->len;
  n_indications = org->indications->len;

  /* Chain the indications of each participant (kept in org order) so that
   * every participant finds its own without a search. */
  first = g_new (int, n_participants);
  last = g_new (int, n_participants);
  next = g_new (int, MAX (n_indications, 1));
  for (guint i = 0; i < n_participants; i++)
    first[i] = last[i] = -1;
  for (guint i = 0; i < n_indications; i++)
    {
      int p = DAG_AT (org->indications, DagIndication, i)->participant;

      next[i] = -1;
      if (p < 0 || (guint) p >= n_participants)
        continue;
      if (last[p] < 0)
        first[p] = (int) i;
      else
        next[last[p]] = (int) i;
      last[p] = (int) i;
    }

  items = g_ptr_array_new_full (n_participants, g_object_unref);
  for (guint i = 0; i < n_participants; i++)
    {
      g_autoptr(GListStore) list = g_list_store_new (DAG_TYPE_INDICATION_ITEM);

      g_ptr_array_set_size (inds, 0);
      for (int j = first[i]; j >= 0; j = next[j])
        {
          DagIndicationItem *item = dag_indication_item_new (org, (guint) j, today);

          dag_indication_item_set_remaining (item, left[j].indicated, left[j].declared);
          g_ptr_array_add (inds, item);
        }
      /* One splice per list: a single items-changed instead of one each. */
      g_list_store_splice (list, 0, 0, inds->pdata, inds->len);
      g_ptr_array_add (items, dag_participant_item_new (org, i, G_LIST_MODEL (list), today));
    }

  store = g_list_store_new (DAG_TYPE_PARTICIPANT_ITEM);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return store;
}

#define GETTER(type, name, field, fallback) \
type \
dag_participant_item_get_##name (DagParticipantItem *self) \
{ \
  g_return_val_if_fail (DAG_IS_PARTICIPANT_ITEM (self), fallback); \
  return self->field; \
}

GETTER (const char *, id, id, NULL)
GETTER (const char *, name, name, NULL)
GETTER (DagDate, birth_date, birth_date, DAG_DATE_NONE)
GETTER (const char *, birth_date_text, birth_date_text, NULL)
GETTER (const char *, bsn_masked, bsn_masked, NULL)
GETTER (const char *, address, address, NULL)
GETTER (const char *, municipality, municipality, NULL)
GETTER (DagTransport, transport, transport, DAG_TRANSPORT_OWN)
GETTER (gboolean, wheelchair, wheelchair, FALSE)
GETTER (GListModel *, indications, indications, NULL)
GETTER (const char *, active_products, active_products, NULL)
GETTER (DagDate, indication_end, indication_end, DAG_DATE_NONE)
GETTER (const char *, indication_end_text, indication_end_text, NULL)
GETTER (gboolean, expiring, expiring, FALSE)
GETTER (gboolean, ended, ended, FALSE)
GETTER (const char *, search_key, search_key, NULL)

const char *
dag_participant_item_get_transport_label (DagParticipantItem *self)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANT_ITEM (self), NULL);
  /* Translators: how a participant travels: on the provider's bus, or on
   * their own. */
  return self->transport == DAG_TRANSPORT_BUS ? _("Bus") : C_("transport", "Own");
}
