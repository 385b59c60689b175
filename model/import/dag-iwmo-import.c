/* dag-iwmo-import.c — reads WMO301 allocations and WMO325 declaration
 * answers (iWmo 3.2) with libxml2 and matches them with the organisation:
 * allocations become differences with the stored indications, answers
 * become responses on the declaration ledger.
 *
 * The reader is strict because these files come from outside: no DTD (so
 * no entities to expand), no network, at most 25 MB (iWmo OP179).  The
 * rules used, from the iWmo 3.2 rule set:
 *   OP033x1  a deleted allocation has Einddatum = Ingangsdatum and
 *            RedenWijziging 13 (Verwijderd); it ends the indication
 *   OP087    RedenWijziging 01 with Einddatum = Ingangsdatum is void too
 *   IV013    of two versions of one allocation the latest Toewijzingsdatum
 *            and -tijd counts
 *   OP303/OP304, IV087  a WMO325 lists only the rejected lines (Prestaties);
 *            the lines it leaves out were granted, unless the message or
 *            the declaration was refused as a whole (header or
 *            DeclaratieAntwoord return code other than 0200/8001). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <string.h>

#include "dag-iwmo-check.h"
#include "dag-iwmo-import.h"
#include "dag-item-format.h"
#include "dag-store-edit.h"
#include "dag-validate.h"

G_DEFINE_QUARK (dag-iwmo-import-error-quark, dag_iwmo_import_error)

#define NS_BASIS "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
#define NS_301   "http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"
#define NS_325   "http://www.istandaarden.nl/iwmo/3_2/wmo325/schema"

/* How many schema findings an error lists before "and N more". */
#define MAX_LISTED 5

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* ---- reading XML strictly ---------------------------------------------- */

typedef struct {
  gboolean has_dtd;
  int      dtd_line;
  int      error_line;
  char    *error_message;
} ReadState;

static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  ReadState *st = ctxt->_private;

  /* Stop at the DOCTYPE itself, before any entity is declared. */
  if (!st->has_dtd)
    {
      st->has_dtd = TRUE;
      st->dtd_line = ctxt->input ? ctxt->input->line : 0;
    }
  xmlStopParser (ctxt);
}

/* libxml2 2.12 made the error const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *DagXmlError;
#else
typedef xmlError *DagXmlError;
#endif

static void
on_error (void       *ctx,
          DagXmlError e)
{
  xmlParserCtxtPtr ctxt = ctx;
  ReadState *st = ctxt->_private;

  /* The first error is the one that explains; later ones follow from it. */
  if (st == NULL || e == NULL || e->level < XML_ERR_ERROR || st->error_message != NULL)
    return;
  st->error_line = e->line;
  st->error_message = g_strstrip (g_strdup (e->message ? e->message : ""));
}

static xmlDoc *
read_document (const char *xml,
               gsize       length,
               GError    **error)
{
  ReadState st = { 0 };
  xmlParserCtxtPtr ctxt;
  xmlDoc *doc;
  gboolean well_formed;

  if (length == 0)
    {
      g_set_error_literal (error, DAG_IWMO_IMPORT_ERROR, DAG_IWMO_IMPORT_ERROR_SYNTAX,
                           _("The file is empty"));
      return NULL;
    }
  if (length > DAG_IWMO_MAX_BYTES)
    {
      g_set_error (error, DAG_IWMO_IMPORT_ERROR, DAG_IWMO_IMPORT_ERROR_SYNTAX,
                   _("The file is larger than %d MB, the most an iWmo message may be"),
                   DAG_IWMO_MAX_BYTES / 1000000);
      return NULL;
    }

  xmlInitParser ();
  ctxt = xmlCreateMemoryParserCtxt (xml, (int) length);
  if (ctxt == NULL)
    {
      g_set_error_literal (error, DAG_IWMO_IMPORT_ERROR, DAG_IWMO_IMPORT_ERROR_SYNTAX,
                           _("The XML reader could not be started"));
      return NULL;
    }
  /* No DTD loading (no XML_PARSE_DTDLOAD), no entity substitution (no
   * XML_PARSE_NOENT), no network; and no XML_PARSE_HUGE, so libxml2's own
   * limits hold (nesting 256 deep, text nodes of 10 MB).  A DOCTYPE stops
   * the parser at once (on_internal_subset), before any entity is
   * declared.  Errors come to on_error instead of stderr. */
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  ctxt->_private = &st;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->serror = on_error;
  xmlParseDocument (ctxt);
  doc = ctxt->myDoc;
  ctxt->myDoc = NULL;
  well_formed = ctxt->wellFormed;
  ctxt->_private = NULL;
  xmlFreeParserCtxt (ctxt);

  if (st.has_dtd)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error (error, DAG_IWMO_IMPORT_ERROR, DAG_IWMO_IMPORT_ERROR_SYNTAX,
                   _("Line %d: the file has a DOCTYPE; iWmo messages have none and it is not read"),
                   st.dtd_line);
    }
  else if (!well_formed || doc == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error (error, DAG_IWMO_IMPORT_ERROR, DAG_IWMO_IMPORT_ERROR_SYNTAX,
                   _("Line %d: this is not well-formed XML (%s)"),
                   st.error_line, st.error_message ? st.error_message : "?");
    }
  g_free (st.error_message);
  return doc;
}

static gboolean
is_element (const xmlNode *n,
            const char    *ns,
            const char    *name)
{
  return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL && n->ns->href != NULL &&
         strcmp ((const char *) n->ns->href, ns) == 0 &&
         strcmp ((const char *) n->name, name) == 0;
}

static xmlNode *
child (const xmlNode *parent,
       const char    *ns,
       const char    *name)
{
  for (xmlNode *n = parent ? parent->children : NULL; n != NULL; n = n->next)
    if (is_element (n, ns, name))
      return n;
  return NULL;
}

static xmlNode *
next_sibling (const xmlNode *node,
              const char    *ns,
              const char    *name)
{
  for (xmlNode *n = node->next; n != NULL; n = n->next)
    if (is_element (n, ns, name))
      return n;
  return NULL;
}

static int
line_of (const xmlNode *node)
{
  return node ? (int) xmlGetLineNo (node) : 0;
}

/* The element's text, stripped; NULL when node is NULL.  Newly allocated. */
static char *
text_of (const xmlNode *node)
{
  xmlChar *content;
  char *s;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  s = g_strstrip (g_strdup (content ? (const char *) content : ""));
  xmlFree (content);
  return s;
}

static gboolean fail_at (GError       **error,
                         int            code,
                         const xmlNode *node,
                         const char    *format,
                         ...) G_GNUC_PRINTF (4, 5);

/* "Line 12, ToewijzingNummer: …". */
static gboolean
fail_at (GError       **error,
         int            code,
         const xmlNode *node,
         const char    *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, DAG_IWMO_IMPORT_ERROR, code, _("Line %d, %s: %s"),
               line_of (node), node ? (const char *) node->name : "?", message);
  return FALSE;
}

/* A required child element; its absence is a schema error naming parent. */
static xmlNode *
require (const xmlNode *parent,
         const char    *ns,
         const char    *name,
         GError       **error)
{
  xmlNode *n = child (parent, ns, name);

  if (n == NULL)
    fail_at (error, DAG_IWMO_IMPORT_ERROR_SCHEMA, parent, _("the element %s is missing"), name);
  return n;
}

/* The text of a required child element, or NULL with error set. */
static char *
require_text (const xmlNode *parent,
              const char    *ns,
              const char    *name,
              GError       **error)
{
  xmlNode *n = require (parent, ns, name, error);
  char *s;

  if (n == NULL)
    return NULL;
  s = text_of (n);
  if (*s == '\0')
    {
      g_free (s);
      fail_at (error, DAG_IWMO_IMPORT_ERROR_SCHEMA, n, _("is empty"));
      return NULL;
    }
  return s;
}

/* That root is the Bericht of the namespace, or an error that says what
 * the file is instead. */
static gboolean
check_root (const xmlNode *root,
            const char    *ns,
            const char    *message_name,
            GError       **error)
{
  if (is_element (root, ns, "Bericht"))
    return TRUE;
  g_set_error (error, DAG_IWMO_IMPORT_ERROR, DAG_IWMO_IMPORT_ERROR_SCHEMA,
               _("Line %d: this is not a %s message (its root element is %s in namespace %s)"),
               line_of (root), message_name, root ? (const char *) root->name : "?",
               root && root->ns && root->ns->href ? (const char *) root->ns->href : "—");
  return FALSE;
}

static gboolean
check_schema (const char *xml,
              gsize       length,
              const char *xsd_name,
              const char *message_name,
              GError    **error)
{
  g_autoptr(GPtrArray) findings = dag_iwmo_check_schema (xml, length, xsd_name, error);
  g_autoptr(GString) s = NULL;

  if (findings == NULL)
    return FALSE;
  if (findings->len == 0)
    return TRUE;
  s = g_string_new (NULL);
  g_string_printf (s, _("The file does not match the %s schema:"), message_name);
  for (guint i = 0; i < findings->len && i < MAX_LISTED; i++)
    {
      g_autofree char *line = dag_iwmo_finding_describe (g_ptr_array_index (findings, i));

      g_string_append_printf (s, "\n  %s", line);
    }
  if (findings->len > MAX_LISTED)
    g_string_append_printf (s, "\n  %s",
                            _("… and more"));
  g_set_error_literal (error, DAG_IWMO_IMPORT_ERROR, DAG_IWMO_IMPORT_ERROR_SCHEMA, s->str);
  return FALSE;
}

/* The digits of an iWmo number ("+0101" → "101"), or NULL when text is not
 * a number.  Newly allocated. */
static char *
canonical_number (const char *text)
{
  const char *p = text;

  if (p == NULL)
    return NULL;
  if (*p == '+')
    p++;
  if (*p == '\0' || strspn (p, "0123456789") != strlen (p))
    return NULL;
  while (p[0] == '0' && p[1] != '\0')
    p++;
  return g_strdup (p);
}

static int
find_municipality (const DagOrg *org,
                   const char   *code)
{
  for (guint i = 0; i < org->municipalities->len; i++)
    if (g_strcmp0 (DAG_AT (org->municipalities, DagMunicipality, i)->code, code) == 0)
      return (int) i;
  return -1;
}

static const char *
municipality_name (const DagOrg *org,
                   int           index)
{
  if (index < 0 || (guint) index >= org->municipalities->len)
    return "?";
  return DAG_AT (org->municipalities, DagMunicipality, index)->name;
}

static const char *
municipality_code (const DagOrg *org,
                   int           index)
{
  if (index < 0 || (guint) index >= org->municipalities->len)
    return "?";
  return DAG_AT (org->municipalities, DagMunicipality, index)->code;
}

/* The addressee of a message must be this organisation, when it has an AGB
 * code at all. */
static gboolean
check_receiver (const DagOrg  *org,
                const xmlNode *header,
                const char    *ns,
                GError       **error)
{
  xmlNode *node = require (header, ns, "Ontvanger", error);
  g_autofree char *agb = NULL;

  if (node == NULL)
    return FALSE;
  agb = text_of (node);
  if (org->agb_code == NULL || org->agb_code[0] == '\0' || strcmp (agb, org->agb_code) == 0)
    return TRUE;
  return fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, node,
                  _("the message is addressed to AGB code %s, not to this organisation (%s)"),
                  agb, org->agb_code);
}

/* ---- WMO301 ------------------------------------------------------------- */

/* One ToegewezenProduct, the latest version of its allocation number. */
typedef struct {
  xmlNode *node;
  char    *number;
  char    *stamp;    /* "YYYY-MM-DD HH:MM:SS" of Toewijzingsdatum and -tijd */
} Allocation;

static void
allocation_clear (gpointer data)
{
  Allocation *a = data;

  g_free (a->number);
  g_free (a->stamp);
}

typedef struct {
  DagOrg     *org;
  int         municipality;
  int         participant;
  GHashTable *by_number;     /* canonical allocation number → GArray of int (indication indices) */
  GHashTable *new_ids;       /* ids given to new indications in this import */
  guint       next_id;
} Read301;

static void
difference_clear (DagWmo301Difference *d)
{
  g_free (d->allocation_number);
  g_free (d->value.id);
  g_free (d->value.allocation_number);
  g_clear_pointer (&d->changes, g_ptr_array_unref);
  g_free (d->note);
}

static void
difference_free (gpointer data)
{
  DagWmo301Difference *d = data;

  difference_clear (d);
  g_free (d);
}

void
dag_wmo301_free (DagWmo301 *import)
{
  if (import == NULL)
    return;
  g_free (import->message_id);
  g_free (import->client);
  g_clear_pointer (&import->differences, g_ptr_array_unref);
  g_free (import);
}

guint
dag_wmo301_count (const DagWmo301 *import,
                  DagWmo301Kind    kind)
{
  guint n = 0;

  g_return_val_if_fail (import != NULL, 0);
  for (guint i = 0; i < import->differences->len; i++)
    if (((DagWmo301Difference *) g_ptr_array_index (import->differences, i))->kind == kind)
      n++;
  return n;
}

/* "M3 (04A03) of contract C-ARN".  Newly allocated. */
static char *
describe_product (const DagOrg *org,
                  int           contract,
                  int           product)
{
  const DagContract *c = DAG_AT (org->contracts, DagContract, contract);
  const DagProduct *p = DAG_AT (c->products, DagProduct, product);

  return g_strdup_printf (_("%s (%s) of contract %s"), p->product, p->code ? p->code : "", c->id);
}

static const char *
unit_name (const char *code)
{
  static const struct { const char *code; const char *name; } units[] = {
    { "01", N_("minute") }, { "04", N_("hour") }, { "14", N_("24 hours") },
    { "16", N_("dagdeel") }, { "82", N_("piece (output)") }, { "83", N_("euro") },
    { "84", N_("piece (effort)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_strcmp0 (code, units[i].code) == 0)
      return _(units[i].name);
  return "?";
}

/* The product of a contract of the sender that the allocation names:
 * by product code, or by category when it gives no code.  The stored
 * indication's product wins when it still fits. */
static gboolean
find_product (Read301             *r,
              const xmlNode       *tp,
              const char          *number,
              const DagIndication *old,
              int                 *contract,
              int                 *product,
              GError             **error)
{
  const DagOrg *org = r->org;
  xmlNode *pnode = child (tp, NS_301, "Product");
  g_autofree char *category = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GString) matches = g_string_new (NULL);
  int n_matches = 0;

  if (pnode == NULL)
    {
      if (old != NULL)
        {
          *contract = old->contract;
          *product = old->product;
          return TRUE;
        }
      return fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, tp,
                      _("allocation %s names no product (a budget allocation); an indication needs one"),
                      number);
    }
  category = text_of (child (pnode, NS_BASIS, "Categorie"));
  code = text_of (child (pnode, NS_BASIS, "Code"));
  if (code != NULL && *code == '\0')
    g_clear_pointer (&code, g_free);

  *contract = *product = -1;
  for (guint ci = 0; ci < org->contracts->len; ci++)
    {
      const DagContract *c = DAG_AT (org->contracts, DagContract, ci);

      if (c->municipality != r->municipality)
        continue;
      for (guint pi = 0; pi < c->products->len; pi++)
        {
          const DagProduct *p = DAG_AT (c->products, DagProduct, pi);
          gboolean match = code ? g_strcmp0 (p->code, code) == 0
                                : (category != NULL && p->category[0] != '\0' &&
                                   strcmp (p->category, category) == 0);

          if (!match)
            continue;
          if (n_matches++ > 0)
            g_string_append (matches, ", ");
          g_string_append_printf (matches, "%s (%s)", p->product, c->id);
          if (*contract < 0 || (old != NULL && old->contract == (int) ci && old->product == (int) pi))
            {
              *contract = (int) ci;
              *product = (int) pi;
            }
        }
    }

  if (n_matches == 0)
    {
      if (code != NULL)
        return fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, pnode,
                        _("allocation %s: no contract with municipality %s (%s) has product code %s"),
                        number, municipality_code (org, r->municipality),
                        municipality_name (org, r->municipality), code);
      return fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, pnode,
                      _("allocation %s: no contract with municipality %s (%s) has a product of category %s"),
                      number, municipality_code (org, r->municipality),
                      municipality_name (org, r->municipality), category ? category : "?");
    }
  /* Without a code a category is a choice the program can not make. */
  if (code == NULL && n_matches > 1 &&
      !(old != NULL && old->contract == *contract && old->product == *product))
    return fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, pnode,
                    _("allocation %s gives only category %s, which fits several products: %s"),
                    number, category, matches->str);
  if (code != NULL && category != NULL)
    {
      const DagContract *c = DAG_AT (org->contracts, DagContract, *contract);
      const DagProduct *p = DAG_AT (c->products, DagProduct, *product);

      if (p->category[0] != '\0' && strcmp (p->category, category) != 0)
        return fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, pnode,
                        _("allocation %s: product code %s has category %s in contract %s, the allocation says %s"),
                        number, code, p->category, c->id, category);
    }
  return TRUE;
}

/* Omvang: Volume, Eenheid, Frequentie → units and per.  Without Omvang a
 * stored indication keeps its volume. */
static gboolean
read_volume (Read301             *r,
             const xmlNode       *tp,
             const char          *number,
             const DagIndication *old,
             DagIndication       *value,
             GError             **error)
{
  const DagContract *c = DAG_AT (r->org->contracts, DagContract, value->contract);
  const DagProduct *p = DAG_AT (c->products, DagProduct, value->product);
  xmlNode *omvang = child (tp, NS_301, "Omvang");
  xmlNode *vnode;
  g_autofree char *volume = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *frequency = NULL;
  g_autoptr(GError) local = NULL;
  gint64 units;

  if (omvang == NULL)
    {
      if (old != NULL)
        {
          value->units = old->units;
          value->per = old->per;
          value->min_units = old->min_units;
          return TRUE;
        }
      return fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, tp,
                      _("allocation %s gives no volume (Omvang); an indication needs one"), number);
    }
  vnode = child (omvang, NS_BASIS, "Volume");
  volume = text_of (vnode);
  unit = text_of (child (omvang, NS_BASIS, "Eenheid"));
  frequency = text_of (child (omvang, NS_BASIS, "Frequentie"));
  if (volume == NULL || !g_ascii_string_to_signed (volume, 10, 0, G_MAXINT, &units, NULL))
    return fail_at (error, DAG_IWMO_IMPORT_ERROR_SCHEMA, vnode ? vnode : omvang,
                    _("allocation %s: the volume is not a whole number"), number);
  /* TR341: a declaration uses the allocation's unit, so the product must
   * be counted in it. */
  if (p->unit_code[0] != '\0' && g_strcmp0 (unit, p->unit_code) != 0)
    return fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, omvang,
                    _("allocation %s is in unit %s (%s), but %s is counted in unit %s (%s)"),
                    number, unit ? unit : "?", unit_name (unit), p->product,
                    p->unit_code, unit_name (p->unit_code));
  if (g_strcmp0 (frequency, "2") == 0)
    value->per = DAG_PER_WEEK;
  else if (g_strcmp0 (frequency, "4") == 0)
    value->per = DAG_PER_MONTH;
  else if (g_strcmp0 (frequency, "6") == 0)
    value->per = DAG_PER_PERIOD;
  else
    return fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, omvang,
                    _("allocation %s: frequency %s is not supported; an indication counts per week (2), "
                      "per month (4) or over its period (6)"),
                    number, frequency ? frequency : "?");
  value->units = (int) units;
  if (!dag_validate_volume (value->units, value->per, &local))
    return fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, omvang,
                    _("allocation %s: volume %d: %s"), number, value->units, local->message);
  /* A weekly band the coordinator set stays while it still fits. */
  value->min_units = -1;
  if (old != NULL && old->per == DAG_PER_WEEK && value->per == DAG_PER_WEEK &&
      old->min_units >= 0 && old->min_units <= value->units)
    value->min_units = old->min_units;
  return TRUE;
}

static gboolean
read_date (const xmlNode *parent,
           const char    *name,
           gboolean       required,
           DagDate       *date,
           GError       **error)
{
  xmlNode *node = child (parent, NS_301, name);
  g_autofree char *text = text_of (node);

  *date = DAG_DATE_NONE;
  if (node == NULL)
    return required ? fail_at (error, DAG_IWMO_IMPORT_ERROR_SCHEMA, parent,
                               _("the element %s is missing"), name)
                    : TRUE;
  if (!dag_date_parse (text, date))
    return fail_at (error, DAG_IWMO_IMPORT_ERROR_SCHEMA, node, _("is not a date written YYYY-MM-DD"));
  return TRUE;
}

/* The level for a new indication: the participant's most recent
 * indication's, else the lowest level of the settings.  *note says which. */
static int
default_level (Read301 *r,
               char   **note)
{
  const DagOrg *org = r->org;
  const DagIndication *latest = NULL;
  const DagLevel *lowest = NULL;

  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);

      if (ind->participant == r->participant && (latest == NULL || ind->start >= latest->start))
        latest = ind;
    }
  if (latest != NULL)
    {
      *note = g_strdup_printf (_("the level of the participant’s indication %s"), latest->id);
      return latest->level;
    }
  for (guint i = 0; i < org->settings.levels->len; i++)
    {
      const DagLevel *l = DAG_AT (org->settings.levels, DagLevel, i);

      if (lowest == NULL || l->level < lowest->level)
        lowest = l;
    }
  if (lowest == NULL)
    return 1;
  *note = g_strdup_printf (_("the lowest level, %s: the participant has no other indication, "
                             "so check it"), lowest->name);
  return lowest->level;
}

static char *
new_indication_id (Read301 *r)
{
  for (;; r->next_id++)
    {
      char *id = g_strdup_printf ("I%06u", r->next_id);

      if (dag_org_lookup (r->org, DAG_KIND_INDICATION, id) < 0 &&
          !g_hash_table_contains (r->new_ids, id))
        {
          g_hash_table_add (r->new_ids, g_strdup (id));
          r->next_id++;
          return id;
        }
      g_free (id);
    }
}

static void
add_change (GPtrArray  *changes,
            const char *field,
            const char *before,
            const char *after)
{
  /* Translators: a field that an allocation changes, "End: 2026-12-31 → 2026-06-30". */
  g_ptr_array_add (changes, g_strdup_printf (_("%s: %s → %s"), field, before, after));
}

static void
list_changes (const DagOrg        *org,
              const DagIndication *old,
              const DagIndication *value,
              GPtrArray           *changes)
{
  char a[DAG_DATE_BUF], b[DAG_DATE_BUF];

  if (old->contract != value->contract || old->product != value->product)
    {
      g_autofree char *before = describe_product (org, old->contract, old->product);
      g_autofree char *after = describe_product (org, value->contract, value->product);

      add_change (changes, _("Product"), before, after);
    }
  if (old->units != value->units || old->per != value->per || old->min_units != value->min_units)
    {
      g_autofree char *before = dag_item_format_volume (old->units, old->min_units, old->per);
      g_autofree char *after = dag_item_format_volume (value->units, value->min_units, value->per);

      add_change (changes, _("Volume"), before, after);
    }
  if (old->start != value->start)
    add_change (changes, _("Start"), dag_date_format (old->start, a), dag_date_format (value->start, b));
  if (old->end != value->end)
    add_change (changes, _("End"), dag_date_format (old->end, a), dag_date_format (value->end, b));
}

static DagDate
add_years_minus_one_day (DagDate date,
                         int     years)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, date);
  g_date_add_years (&d, years);
  g_date_subtract_days (&d, 1);
  return g_date_get_julian (&d);
}

static DagWmo301Difference *
map_allocation (Read301           *r,
                const Allocation  *a,
                GError           **error)
{
  DagOrg *org = r->org;
  const xmlNode *tp = a->node;
  g_autoptr(GError) local = NULL;
  g_autofree char *reason = text_of (child (tp, NS_301, "RedenWijziging"));
  DagWmo301Difference *d = g_new0 (DagWmo301Difference, 1);
  const DagIndication *old = NULL;
  GArray *stored = g_hash_table_lookup (r->by_number, a->number);
  DagDate start, end;
  gboolean deleted;

  d->allocation_number = g_strdup (a->number);
  d->line = line_of (tp);
  d->indication = -1;
  d->changes = g_ptr_array_new_with_free_func (g_free);

  if (!read_date (tp, "Ingangsdatum", TRUE, &start, error) ||
      !read_date (tp, "Einddatum", FALSE, &end, error))
    goto fail;
  /* OP033x1, OP087: a void allocation has Einddatum = Ingangsdatum and
   * RedenWijziging 13 (or 01, "vervallen"). */
  deleted = g_strcmp0 (reason, "13") == 0 ||
            (g_strcmp0 (reason, "01") == 0 && end == start);

  if (stored != NULL && stored->len > 1)
    {
      const DagIndication *i0 = DAG_AT (org->indications, DagIndication, g_array_index (stored, int, 0));
      const DagIndication *i1 = DAG_AT (org->indications, DagIndication, g_array_index (stored, int, 1));

      fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, tp,
               _("allocation number %s is used by more than one indication (%s, %s); keep one"),
               a->number, i0->id, i1->id);
      goto fail;
    }
  if (stored != NULL)
    {
      d->indication = g_array_index (stored, int, 0);
      old = DAG_AT (org->indications, DagIndication, d->indication);
      if (old->participant != r->participant)
        {
          const DagParticipant *p = DAG_AT (org->participants, DagParticipant, old->participant);

          fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, tp,
                   _("allocation %s is stored as indication %s of participant %s, not of this client"),
                   a->number, old->id, p->id);
          goto fail;
        }
    }

  if (deleted && old == NULL)
    {
      d->kind = DAG_WMO301_IGNORED;
      d->value.allocation_number = g_strdup (a->number);
      d->value.participant = r->participant;
      return d;
    }

  d->value.participant = r->participant;
  if (!find_product (r, tp, a->number, old, &d->value.contract, &d->value.product, error) ||
      !read_volume (r, tp, a->number, old, &d->value, error))
    goto fail;

  d->value.start = start;
  if (end != DAG_DATE_NONE)
    d->value.end = end;
  else if (deleted)
    d->value.end = start;
  else if (old != NULL && old->end >= start)
    d->value.end = old->end;
  else
    {
      char buf[DAG_DATE_BUF];

      /* An open end is not something an indication can hold. */
      d->value.end = add_years_minus_one_day (start, 5);
      d->note = g_strdup_printf (_("the allocation has no end date: the indication ends on %s, "
                                   "after five years, the longest an indication runs"),
                                 dag_date_format (d->value.end, buf));
    }
  if (d->value.end < start)
    {
      fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, tp,
               _("allocation %s ends before it starts"), a->number);
      goto fail;
    }

  if (old != NULL)
    {
      d->value.id = g_strdup (old->id);
      d->value.level = old->level;
      /* The stored text stays when it is the same number ("0101"). */
      d->value.allocation_number = g_strdup (old->allocation_number);
      list_changes (org, old, &d->value, d->changes);
      if (deleted && d->changes->len == 0)
        d->kind = DAG_WMO301_UNCHANGED;   /* ended by an earlier import */
      else if (deleted)
        {
          d->kind = DAG_WMO301_ENDED;
          g_free (d->note);
          d->note = g_strdup (_("deleted by the municipality, RedenWijziging 13: the allocation counts as never sent"));
        }
      else if (d->value.end < old->end)
        d->kind = DAG_WMO301_ENDED;
      else if (d->changes->len > 0)
        d->kind = DAG_WMO301_CHANGED;
      else
        d->kind = DAG_WMO301_UNCHANGED;
    }
  else
    {
      char *level_note = NULL;

      d->kind = DAG_WMO301_NEW;
      d->value.id = new_indication_id (r);
      d->value.allocation_number = g_strdup (a->number);
      d->value.level = default_level (r, &level_note);
      if (level_note != NULL)
        {
          char *both = d->note ? g_strdup_printf ("%s; %s", level_note, d->note) : g_strdup (level_note);

          g_free (d->note);
          g_free (level_note);
          d->note = both;
        }
    }

  if (d->kind != DAG_WMO301_UNCHANGED && !dag_store_check_indication (org, &d->value, &local))
    {
      fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, tp, _("allocation %s: %s"),
               a->number, local->message);
      goto fail;
    }
  return d;

fail:
  difference_free (d);
  return NULL;
}

static void
int_array_free (gpointer data)
{
  g_array_unref (data);
}

/* The ToegewezenProducten, each allocation number once in its latest
 * version (IV013), in the order of the message. */
static GArray *
collect_allocations (const xmlNode *client,
                     GError       **error)
{
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (Allocation));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  xmlNode *products = require (client, NS_301, "ToegewezenProducten", error);

  g_array_set_clear_func (list, allocation_clear);
  if (products == NULL)
    return NULL;
  for (xmlNode *tp = child (products, NS_301, "ToegewezenProduct"); tp != NULL;
       tp = next_sibling (tp, NS_301, "ToegewezenProduct"))
    {
      xmlNode *nnode = require (tp, NS_301, "ToewijzingNummer", error);
      g_autofree char *text = text_of (nnode);
      g_autofree char *date = text_of (child (tp, NS_301, "Toewijzingsdatum"));
      g_autofree char *time = text_of (child (tp, NS_301, "Toewijzingstijd"));
      Allocation a = { tp, NULL, NULL };
      gpointer at;

      if (nnode == NULL)
        return NULL;
      a.number = canonical_number (text);
      if (a.number == NULL)
        {
          fail_at (error, DAG_IWMO_IMPORT_ERROR_SCHEMA, nnode, _("“%s” is not an allocation number"), text);
          return NULL;
        }
      a.stamp = g_strdup_printf ("%s %s", date ? date : "", time ? time : "");
      if (g_hash_table_lookup_extended (seen, a.number, NULL, &at))
        {
          Allocation *earlier = &g_array_index (list, Allocation, GPOINTER_TO_UINT (at));

          if (strcmp (a.stamp, earlier->stamp) >= 0)
            {
              Allocation replaced = *earlier;

              /* The table still holds the old key: swap it before freeing. */
              *earlier = a;
              g_hash_table_replace (seen, earlier->number, at);
              allocation_clear (&replaced);
            }
          else
            allocation_clear (&a);
          continue;
        }
      g_array_append_val (list, a);
      g_hash_table_insert (seen, g_array_index (list, Allocation, list->len - 1).number,
                           GUINT_TO_POINTER (list->len - 1));
    }
  return g_steal_pointer (&list);
}

DagWmo301 *
dag_wmo301_read (const char *xml,
                 gsize       length,
                 DagOrg     *org,
                 GError    **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(DagWmo301) import = NULL;
  g_autoptr(GArray) allocations = NULL;
  g_autoptr(GHashTable) by_number = NULL;
  g_autoptr(GHashTable) new_ids = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *bsn = NULL;
  xmlNode *root, *header, *client, *sender_node, *bsn_node;
  Read301 r = { 0 };

  g_return_val_if_fail (xml != NULL || length == 0, NULL);
  g_return_val_if_fail (org != NULL, NULL);

  doc = read_document (xml, length, error);
  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  if (!check_root (root, NS_301, "WMO301", error) ||
      !check_schema (xml, length, "WMO301.xsd", "WMO301", error))
    return NULL;

  header = require (root, NS_301, "Header", error);
  client = header ? require (root, NS_301, "Client", error) : NULL;
  if (client == NULL || !check_receiver (org, header, NS_301, error))
    return NULL;

  import = g_new0 (DagWmo301, 1);
  import->differences = g_ptr_array_new_with_free_func (difference_free);
  import->message_id = text_of (child (child (header, NS_301, "BerichtIdentificatie"), NS_BASIS, "Identificatie"));

  sender_node = require (header, NS_301, "Afzender", error);
  if (sender_node == NULL)
    return NULL;
  sender = text_of (sender_node);
  import->municipality = find_municipality (org, sender);
  if (import->municipality < 0)
    {
      fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, sender_node,
               _("municipality %s is not one of the organisation’s municipalities"), sender);
      return NULL;
    }

  allocations = collect_allocations (client, error);
  if (allocations == NULL)
    return NULL;

  bsn_node = require (client, NS_301, "Bsn", error);
  if (bsn_node == NULL)
    return NULL;
  bsn = text_of (bsn_node);
  import->client = dag_bsn_mask (bsn);
  import->participant = -1;
  for (guint i = 0; i < org->participants->len; i++)
    if (g_strcmp0 (DAG_AT (org->participants, DagParticipant, i)->bsn, bsn) == 0)
      {
        import->participant = (int) i;
        break;
      }
  if (import->participant < 0)
    {
      g_autoptr(GString) numbers = g_string_new (NULL);

      for (guint i = 0; i < allocations->len; i++)
        g_string_append_printf (numbers, "%s%s", i > 0 ? ", " : "",
                                g_array_index (allocations, Allocation, i).number);
      fail_at (error, DAG_IWMO_IMPORT_ERROR_UNKNOWN_CLIENT, bsn_node,
               g_dngettext (GETTEXT_PACKAGE,
                            "no participant has BSN %s, the client of allocation %s",
                            "no participant has BSN %s, the client of allocations %s",
                            allocations->len),
               import->client, numbers->str);
      return NULL;
    }
  {
    const DagParticipant *p = DAG_AT (org->participants, DagParticipant, import->participant);

    if (p->municipality != import->municipality)
      {
        fail_at (error, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, bsn_node,
                 _("participant %s (BSN %s) belongs to municipality %s, but the allocations come from %s; "
                   "change the participant’s municipality first"),
                 p->id, import->client, municipality_code (org, p->municipality), sender);
        return NULL;
      }
  }

  /* Stored indications by allocation number, as digits when they are. */
  by_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, int_array_free);
  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);
      char *key = canonical_number (ind->allocation_number);
      GArray *list;
      int at = (int) i;

      if (key == NULL)
        continue;
      list = g_hash_table_lookup (by_number, key);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (int));
          g_hash_table_insert (by_number, key, list);
        }
      else
        g_free (key);
      g_array_append_val (list, at);
    }

  new_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.org = org;
  r.municipality = import->municipality;
  r.participant = import->participant;
  r.by_number = by_number;
  r.new_ids = new_ids;
  r.next_id = org->indications->len + 1;

  for (guint i = 0; i < allocations->len; i++)
    {
      DagWmo301Difference *d = map_allocation (&r, &g_array_index (allocations, Allocation, i), error);

      if (d == NULL)
        return NULL;
      g_ptr_array_add (import->differences, d);
    }
  return g_steal_pointer (&import);
}

char *
dag_wmo301_describe (const DagWmo301Difference *d,
                     const DagOrg              *org)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_return_val_if_fail (d != NULL && org != NULL, NULL);

  switch (d->kind)
    {
    case DAG_WMO301_NEW:
      {
        g_autofree char *product = describe_product (org, d->value.contract, d->value.product);
        g_autofree char *volume = dag_item_format_volume (d->value.units, d->value.min_units, d->value.per);
        char a[DAG_DATE_BUF], b[DAG_DATE_BUF];

        g_string_printf (s, _("New allocation %s: indication %s, %s, %s, %s – %s, level %d"),
                         d->allocation_number, d->value.id, product, volume,
                         dag_date_format (d->value.start, a), dag_date_format (d->value.end, b),
                         d->value.level);
      }
      break;
    case DAG_WMO301_CHANGED:
    case DAG_WMO301_ENDED:
      {
        g_autoptr(GString) changes = g_string_new (NULL);

        for (guint i = 0; i < d->changes->len; i++)
          g_string_append_printf (changes, "%s%s", i > 0 ? "; " : "",
                                  (const char *) g_ptr_array_index (d->changes, i));
        g_string_printf (s, d->kind == DAG_WMO301_CHANGED
                            ? _("Changed allocation %s (indication %s): %s")
                            : _("Ended allocation %s (indication %s): %s"),
                         d->allocation_number, d->value.id,
                         changes->len > 0 ? changes->str : _("no field changes"));
      }
      break;
    case DAG_WMO301_UNCHANGED:
      g_string_printf (s, _("Unchanged allocation %s (indication %s)"), d->allocation_number, d->value.id);
      break;
    case DAG_WMO301_IGNORED:
    default:
      g_string_printf (s, _("Ignored allocation %s: deleted by the municipality and never stored"),
                       d->allocation_number);
      break;
    }
  if (d->note != NULL)
    g_string_append_printf (s, " (%s)", d->note);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

gboolean
dag_wmo301_apply (const DagWmo301 *import,
                  DagStore        *store,
                  DagOrg          *org,
                  GError         **error)
{
  g_autofree char *detail = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  if (!dag_store_begin (store, error))
    return FALSE;
  for (guint i = 0; ok && i < import->differences->len; i++)
    {
      const DagWmo301Difference *d = g_ptr_array_index (import->differences, i);

      if (d->kind == DAG_WMO301_NEW)
        ok = dag_store_add_indication (store, org, &d->value, error);
      else if (d->kind == DAG_WMO301_CHANGED || d->kind == DAG_WMO301_ENDED)
        ok = dag_store_update_indication (store, org, &d->value, error);
      if (!ok)
        g_prefix_error (error, _("Allocation %s: "), d->allocation_number);
    }
  if (ok)
    {
      detail = g_strdup_printf ("WMO301 %s from %s: new=%u changed=%u ended=%u",
                                import->message_id ? import->message_id : "?",
                                municipality_code (org, import->municipality),
                                dag_wmo301_count (import, DAG_WMO301_NEW),
                                dag_wmo301_count (import, DAG_WMO301_CHANGED),
                                dag_wmo301_count (import, DAG_WMO301_ENDED));
      ok = dag_store_audit (store, "import wmo301", detail, error);
    }
  if (!ok)
    {
      dag_store_rollback (store);
      return FALSE;
    }
  if (!dag_store_commit (store, error))
    return FALSE;

  /* The store holds it; now the snapshot the caller keeps. */
  for (guint i = 0; i < import->differences->len; i++)
    {
      const DagWmo301Difference *d = g_ptr_array_index (import->differences, i);
      DagIndication copy = d->value;

      if (d->kind != DAG_WMO301_NEW && d->kind != DAG_WMO301_CHANGED && d->kind != DAG_WMO301_ENDED)
        continue;
      copy.id = g_strdup (d->value.id);
      copy.allocation_number = g_strdup (d->value.allocation_number);
      if (d->kind == DAG_WMO301_NEW)
        g_array_append_val (org->indications, copy);
      else
        {
          DagIndication *ind = DAG_AT (org->indications, DagIndication, d->indication);

          g_free (ind->id);
          g_free (ind->allocation_number);
          *ind = copy;
        }
    }
  dag_org_invalidate_index (org);
  return TRUE;
}

/* ---- WMO325 ------------------------------------------------------------- */

static void
answer_line_free (gpointer data)
{
  DagWmo325Line *l = data;

  g_free (l->reference);
  g_free (l->client);
  g_strfreev (l->codes);
  g_free (l->code);
  g_free (l);
}

void
dag_wmo325_free (DagWmo325 *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->number);
  g_free (answer->refusal_code);
  g_clear_pointer (&answer->lines, g_ptr_array_unref);
  g_free (answer);
}

/* The RetourCode texts of a RetourCodes element (at least one, four
 * digits each), or NULL with error set. */
static GStrv
read_codes (const xmlNode *parent,
            GError       **error)
{
  xmlNode *codes = require (parent, NS_325, "RetourCodes", error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  if (codes == NULL)
    return NULL;
  for (xmlNode *c = child (codes, NS_325, "RetourCode"); c != NULL; c = next_sibling (c, NS_325, "RetourCode"))
    {
      g_autofree char *code = text_of (c);

      if (strlen (code) != 4 || strspn (code, "0123456789") != 4)
        {
          fail_at (error, DAG_IWMO_IMPORT_ERROR_SCHEMA, c, _("“%s” is not a return code of four digits"), code);
          return NULL;
        }
      g_strv_builder_add (builder, code);
      n++;
    }
  if (n == 0)
    {
      fail_at (error, DAG_IWMO_IMPORT_ERROR_SCHEMA, codes, _("holds no RetourCode"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* The first code that says something is wrong (not 0200, not in skip),
 * or NULL. */
static const char *
first_rejecting (const char *const *codes,
                 const char        *skip)
{
  for (guint i = 0; codes && codes[i]; i++)
    if (strcmp (codes[i], "0200") != 0 && g_strcmp0 (codes[i], skip) != 0)
      return codes[i];
  return NULL;
}

/* An amount with its DebetCredit (CDT_TotaalBedragMetDC), credit negative. */
static gboolean
read_total (const xmlNode *parent,
            const char    *name,
            gint64        *cents,
            GError       **error)
{
  xmlNode *node = require (parent, NS_325, name, error);
  g_autofree char *amount = NULL;
  g_autofree char *dc = NULL;
  guint64 value;

  if (node == NULL)
    return FALSE;
  amount = text_of (child (node, NS_BASIS, "TotaalBedrag"));
  dc = text_of (child (node, NS_BASIS, "DebetCredit"));
  if (amount == NULL || !g_ascii_string_to_unsigned (amount, 10, 0, G_GUINT64_CONSTANT (999999999999), &value, NULL) ||
      (g_strcmp0 (dc, "D") != 0 && g_strcmp0 (dc, "C") != 0))
    return fail_at (error, DAG_IWMO_IMPORT_ERROR_SCHEMA, node,
                    _("needs a TotaalBedrag in cents and DebetCredit D or C"));
  *cents = g_strcmp0 (dc, "C") == 0 ? -(gint64) value : (gint64) value;
  return TRUE;
}

static const char *
line_bsn (const DagOrg             *org,
          const DagDeclarationLine *l)
{
  const DagIndication *ind;

  if (l->indication < 0 || (guint) l->indication >= org->indications->len)
    return NULL;
  ind = DAG_AT (org->indications, DagIndication, l->indication);
  if (ind->participant < 0 || (guint) ind->participant >= org->participants->len)
    return NULL;
  return DAG_AT (org->participants, DagParticipant, ind->participant)->bsn;
}

/* The declaration number → index, and where in the ledger a reference is. */
static int
find_declaration (const DagOrg *org,
                  const char   *number)
{
  for (guint i = 0; number && i < org->declarations->len; i++)
    if (g_strcmp0 (DAG_AT (org->declarations, DagDeclaration, i)->number, number) == 0)
      return (int) i;
  return -1;
}

static const char *
declaration_of_reference (const DagOrg *org,
                          const char   *reference)
{
  for (guint i = 0; i < org->declarations->len; i++)
    {
      const DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);

      for (guint j = 0; j < d->lines->len; j++)
        if (g_strcmp0 (DAG_AT (d->lines, DagDeclarationLine, j)->reference, reference) == 0)
          return d->number;
    }
  return NULL;
}

/* The Prestaties of the Clienten: their codes onto the answer's lines. */
static gboolean
read_clients (const DagOrg  *org,
              const xmlNode *antwoord,
              DagWmo325     *answer,
              GHashTable    *by_reference,
              GError       **error)
{
  const DagDeclaration *decl = DAG_AT (org->declarations, DagDeclaration, answer->declaration);
  xmlNode *clients = child (antwoord, NS_325, "Clienten");
  g_autoptr(GString) unknown = g_string_new (NULL);
  guint n_unknown = 0;

  for (xmlNode *cl = child (clients, NS_325, "Client"); cl != NULL; cl = next_sibling (cl, NS_325, "Client"))
    {
      xmlNode *bsn_node = require (cl, NS_325, "Bsn", error);
      xmlNode *prestaties = bsn_node ? require (cl, NS_325, "Prestaties", error) : NULL;
      g_autofree char *bsn = text_of (bsn_node);
      g_auto(GStrv) client_codes = NULL;
      const char *client_code;
      guint n = 0;

      if (prestaties == NULL)
        return FALSE;
      client_codes = read_codes (cl, error);
      if (client_codes == NULL)
        return FALSE;
      client_code = first_rejecting ((const char *const *) client_codes, NULL);

      for (xmlNode *pr = child (prestaties, NS_325, "Prestatie"); pr != NULL;
           pr = next_sibling (pr, NS_325, "Prestatie"), n++)
        {
          xmlNode *ref = require (pr, NS_325, "ProductReferentie", error);
          g_autofree char *reference = ref ? require_text (ref, NS_BASIS, "ReferentieNummer", error) : NULL;
          g_auto(GStrv) codes = NULL;
          DagWmo325Line *l;
          const DagDeclarationLine *dl;
          const char *line_bsn_text;
          const char *rejecting;
          gpointer at;

          if (reference == NULL)
            return FALSE;
          codes = read_codes (pr, error);
          if (codes == NULL)
            return FALSE;
          if (!g_hash_table_lookup_extended (by_reference, reference, NULL, &at))
            {
              const char *elsewhere = declaration_of_reference (org, reference);

              if (n_unknown++ > 0)
                g_string_append (unknown, ", ");
              if (elsewhere != NULL)
                g_string_append_printf (unknown, _("%s (line %d, a line of declaration %s)"),
                                        reference, line_of (pr), elsewhere);
              else
                g_string_append_printf (unknown, _("%s (line %d)"), reference, line_of (pr));
              continue;
            }
          l = g_ptr_array_index (answer->lines, GPOINTER_TO_UINT (at));
          if (l->xml_line != 0)
            return fail_at (error, DAG_IWMO_IMPORT_ERROR_SCHEMA, pr,
                            _("reference %s was answered before, on line %d"), reference, l->xml_line);
          dl = DAG_AT (decl->lines, DagDeclarationLine, l->line);
          line_bsn_text = line_bsn (org, dl);
          if (line_bsn_text != NULL && g_strcmp0 (line_bsn_text, bsn) != 0)
            {
              g_autofree char *masked = dag_bsn_mask (bsn);

              return fail_at (error, DAG_IWMO_IMPORT_ERROR_UNKNOWN_REFERENCE, pr,
                              _("reference %s was declared for client %s, the answer names client %s"),
                              reference, l->client, masked);
            }
          l->xml_line = line_of (pr);
          g_strfreev (l->codes);
          l->codes = g_steal_pointer (&codes);
          /* 0233 "not assessed" on a line means its client was refused:
           * the client's code is the reason. */
          rejecting = first_rejecting ((const char *const *) l->codes, "0233");
          if (rejecting == NULL)
            rejecting = client_code;
          if (rejecting == NULL)
            rejecting = first_rejecting ((const char *const *) l->codes, NULL);
          g_free (l->code);
          l->code = g_strdup (rejecting ? rejecting : "0200");
          l->accepted = rejecting == NULL;
        }
      if (n == 0)
        return fail_at (error, DAG_IWMO_IMPORT_ERROR_SCHEMA, prestaties, _("holds no Prestatie"));
    }

  if (n_unknown > 0)
    {
      g_set_error (error, DAG_IWMO_IMPORT_ERROR, DAG_IWMO_IMPORT_ERROR_UNKNOWN_REFERENCE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The answer names a reference that is not a line of declaration %s: %s",
                                "The answer names references that are not lines of declaration %s: %s",
                                n_unknown),
                   decl->number, unknown->str);
      return FALSE;
    }
  return TRUE;
}

DagWmo325 *
dag_wmo325_read (const char   *xml,
                 gsize         length,
                 const DagOrg *org,
                 GError      **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(DagWmo325) answer = NULL;
  g_autoptr(GHashTable) by_reference = NULL;
  g_autofree char *code = NULL;
  g_autofree char *sender = NULL;
  g_auto(GStrv) header_codes = NULL;
  g_auto(GStrv) declaration_codes = NULL;
  xmlNode *root, *header, *antwoord, *number_node, *sender_node, *code_node;
  const DagDeclaration *decl;
  const char *refusal;

  g_return_val_if_fail (xml != NULL || length == 0, NULL);
  g_return_val_if_fail (org != NULL, NULL);

  doc = read_document (xml, length, error);
  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  /* The WMO325 schema the program carries is derived from its Jeugdwet
   * twin (data/iwmo/README.md), so what this reader relies on is also
   * checked below, element by element. */
  if (!check_root (root, NS_325, "WMO325", error) ||
      !check_schema (xml, length, "WMO325.xsd", "WMO325", error))
    return NULL;
  header = require (root, NS_325, "Header", error);
  code_node = header ? require (header, NS_325, "BerichtCode", error) : NULL;
  if (code_node == NULL)
    return NULL;
  code = text_of (code_node);
  if (strcmp (code, "485") != 0)
    {
      fail_at (error, DAG_IWMO_IMPORT_ERROR_SCHEMA, code_node,
               _("message code %s is not that of a WMO325 (485)"), code);
      return NULL;
    }
  sender_node = require (header, NS_325, "Afzender", error);
  if (sender_node == NULL || !check_receiver (org, header, NS_325, error))
    return NULL;
  sender = text_of (sender_node);
  header_codes = read_codes (header, error);
  if (header_codes == NULL)
    return NULL;

  answer = g_new0 (DagWmo325, 1);
  answer->lines = g_ptr_array_new_with_free_func (answer_line_free);

  /* A message refused as a whole has only its Header; the declaration is
   * then known by the identification of the message that carried it. */
  antwoord = child (root, NS_325, "DeclaratieAntwoord");
  if (antwoord != NULL)
    {
      number_node = require (antwoord, NS_325, "DeclaratieNummer", error);
      if (number_node == NULL)
        return NULL;
    }
  else
    {
      xmlNode *ident = require (header, NS_325, "DeclaratieIdentificatie", error);

      number_node = ident ? require (ident, NS_BASIS, "Identificatie", error) : NULL;
      if (number_node == NULL)
        return NULL;
    }
  answer->number = text_of (number_node);
  answer->declaration = find_declaration (org, answer->number);
  if (answer->declaration < 0)
    {
      fail_at (error, DAG_IWMO_IMPORT_ERROR_UNKNOWN_REFERENCE, number_node,
               _("declaration %s is not in the ledger"), answer->number);
      return NULL;
    }
  decl = DAG_AT (org->declarations, DagDeclaration, answer->declaration);
  if (decl->sent == DAG_DATE_NONE)
    {
      g_set_error (error, DAG_IWMO_IMPORT_ERROR, DAG_IWMO_IMPORT_ERROR_NOT_SENT,
                   _("Declaration %s was not marked as sent; mark it with “dagritme declaration sent %s” "
                     "and import the answer again"), decl->number, decl->number);
      return NULL;
    }
  if (strcmp (sender, municipality_code (org, decl->municipality)) != 0)
    {
      fail_at (error, DAG_IWMO_IMPORT_ERROR_UNKNOWN_REFERENCE, sender_node,
               _("the answer comes from municipality %s, but declaration %s went to %s"),
               sender, decl->number, municipality_code (org, decl->municipality));
      return NULL;
    }

  refusal = first_rejecting ((const char *const *) header_codes, NULL);
  if (antwoord != NULL)
    {
      if (!read_total (antwoord, "TotaalIngediendBedrag", &answer->submitted_cents, error) ||
          !read_total (antwoord, "TotaalToegekendBedrag", &answer->granted_cents, error))
        return NULL;
      answer->has_totals = TRUE;
      declaration_codes = read_codes (antwoord, error);
      if (declaration_codes == NULL)
        return NULL;
      /* 8001: granted in full. */
      if (refusal == NULL)
        refusal = first_rejecting ((const char *const *) declaration_codes, "8001");
    }
  answer->refusal_code = g_strdup (refusal);

  /* Every line starts as the answer says of lines it leaves out. */
  by_reference = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < decl->lines->len; i++)
    {
      const DagDeclarationLine *dl = DAG_AT (decl->lines, DagDeclarationLine, i);
      DagWmo325Line *l = g_new0 (DagWmo325Line, 1);
      const char *const accepted_codes[] = { "0200", NULL };
      const char *const refused_codes[] = { refusal, NULL };

      l->reference = g_strdup (dl->reference);
      l->line = (int) i;
      l->client = dag_bsn_mask (line_bsn (org, dl));
      l->accepted = refusal == NULL;
      l->code = g_strdup (refusal ? refusal : "0200");
      l->codes = g_strdupv ((char **) (refusal ? refused_codes : accepted_codes));
      g_ptr_array_add (answer->lines, l);
      g_hash_table_insert (by_reference, l->reference, GUINT_TO_POINTER (i));
    }

  if (antwoord != NULL && !read_clients (org, antwoord, answer, by_reference, error))
    return NULL;

  for (guint i = 0; i < answer->lines->len; i++)
    {
      const DagWmo325Line *l = g_ptr_array_index (answer->lines, i);

      if (l->accepted)
        answer->n_accepted++;
      else
        answer->n_rejected++;
    }
  return g_steal_pointer (&answer);
}

typedef struct {
  gboolean has_response;
  char    *code;
  gboolean accepted;
} SavedResponse;

gboolean
dag_wmo325_apply (const DagWmo325 *answer,
                  DagStore        *store,
                  DagOrg          *org,
                  GError         **error)
{
  DagDeclaration *decl;
  g_autofree SavedResponse *saved = NULL;

  g_return_val_if_fail (answer != NULL, FALSE);
  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);
  g_return_val_if_fail (answer->declaration >= 0 && (guint) answer->declaration < org->declarations->len, FALSE);

  decl = DAG_AT (org->declarations, DagDeclaration, answer->declaration);
  g_return_val_if_fail (decl->lines->len == answer->lines->len, FALSE);

  /* The ledger is saved as a whole section: change the snapshot, save, and
   * put the old answers back when the store refuses. */
  saved = g_new0 (SavedResponse, decl->lines->len + 1);
  for (guint i = 0; i < answer->lines->len; i++)
    {
      const DagWmo325Line *l = g_ptr_array_index (answer->lines, i);
      DagDeclarationLine *dl = DAG_AT (decl->lines, DagDeclarationLine, l->line);

      saved[i].has_response = dl->has_response;
      saved[i].code = dl->response_code;
      saved[i].accepted = dl->response_accepted;
      dl->has_response = TRUE;
      dl->response_code = g_strdup (l->code);
      dl->response_accepted = l->accepted;
    }
  if (!dag_store_save (store, org, DAG_SECTION_DECLARATIONS, "import wmo325", error))
    {
      for (guint i = 0; i < answer->lines->len; i++)
        {
          const DagWmo325Line *l = g_ptr_array_index (answer->lines, i);
          DagDeclarationLine *dl = DAG_AT (decl->lines, DagDeclarationLine, l->line);

          g_free (dl->response_code);
          dl->has_response = saved[i].has_response;
          dl->response_code = saved[i].code;
          dl->response_accepted = saved[i].accepted;
        }
      return FALSE;
    }
  for (guint i = 0; i < answer->lines->len; i++)
    g_free (saved[i].code);
  return TRUE;
}

const char *
dag_iwmo_return_code_text (const char *code)
{
  /* The codes a provider of day activities meets most (WJ001). */
  static const struct { const char *code; const char *text; } texts[] = {
    { "0001", N_("The message was refused for technical reasons") },
    { "0200", N_("Accepted") },
    { "0233", N_("Not assessed: a part it belongs to was refused") },
    { "0611", N_("The tariff differs from the contract tariff") },
    { "8001", N_("The declaration was granted in full") },
    { "8017", N_("A credit line without a known debit line") },
    { "8021", N_("The reference number was sent before") },
    { "8187", N_("The line does not belong to this client") },
    { "8214", N_("The declaration period is not the month after the previous one") },
    { "9307", N_("The line starts outside the allocation’s period") },
    { "9308", N_("The line ends outside the allocation’s period") },
    { "9319", N_("The product period is not within the declaration period") },
    { "9321", N_("The volume exceeds the allocated volume") },
    { "9322", N_("The volumes together exceed the allocated volume") },
    { "9333", N_("The declaration number is not unique") },
    { "9338", N_("No allocation has the line’s allocation number") },
    { "9339", N_("The product category differs from the allocation’s") },
    { "9340", N_("The product code differs from the allocation’s") },
    { "9341", N_("The unit does not fit the allocation’s unit") },
    { "9346", N_("The amount is not volume × tariff") },
    { "9366", N_("The reference is not in a declaration") },
    { "9384", N_("The allocation was deleted by the municipality") },
    { "9387", N_("The product period does not start on the first of the month or the allocation’s start") },
    { "9388", N_("The product period does not end on the last of the month or the allocation’s end") },
    { "9389", N_("An earlier debit line for this allocation and period was not credited") },
    { "9390", N_("The line was credited before") },
  };

  for (guint i = 0; code && i < G_N_ELEMENTS (texts); i++)
    if (strcmp (code, texts[i].code) == 0)
      return _(texts[i].text);
  return NULL;
}
