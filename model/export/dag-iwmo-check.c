/* dag-iwmo-check.c — the local check of iWmo 3.2 messages before they are
 * sent: the official schemas, carried in the library as a GResource, and
 * the technical rules of the WMO323 declaration, read from the XML itself
 * (never from the writer's data) and compared with the organisation. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "dag-iwmo-check.h"
#include "dag-iwmo-resources.h"
#include "dag-validate.h"

G_DEFINE_QUARK (dag-iwmo-check-error-quark, dag_iwmo_check_error)

/* libxml2 2.12 made the structured error callbacks take a const error. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *DagXmlError;
#else
typedef xmlErrorPtr DagXmlError;
#endif

/* The schemas are parsed from the resource with this base, so that the
 * xs:import of basisschema.xsd resolves to a resource URL too; nothing is
 * ever read from disk or the network. */
#define IWMO_RESOURCE_PATH "/io/github/dagritme/Dagritme/iwmo/"
#define IWMO_BASE_URL      "resource://" IWMO_RESOURCE_PATH

/* The one masking of the program ("*****2782"); NULL for NULL. */
static char *
mask_bsn (const char *bsn)
{
  return bsn != NULL ? dag_bsn_mask (bsn) : NULL;
}

/* ---- findings ----------------------------------------------------------- */

void
dag_iwmo_finding_free (DagIwmoFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->rule);
  g_free (finding->client);
  g_free (finding->reference);
  g_free (finding->message);
  g_free (finding);
}

char *
dag_iwmo_finding_describe (const DagIwmoFinding *finding)
{
  GString *out;

  g_return_val_if_fail (finding != NULL, NULL);

  out = g_string_new (NULL);
  if (finding->line > 0)
    g_string_append_printf (out, _("Line %d"), finding->line);
  if (finding->rule != NULL)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, finding->rule);
    }
  if (finding->client != NULL)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, _("client %s"), finding->client);
    }
  if (finding->reference != NULL)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, finding->reference);
    }
  if (out->len > 0)
    g_string_append (out, ": ");
  g_string_append (out, finding->message != NULL ? finding->message : "");
  return g_string_free (out, FALSE);
}

static void
add_finding (GPtrArray  *findings,
             const char *rule,
             const char *client,
             const char *reference,
             int         line,
             char       *message)
{
  DagIwmoFinding *finding = g_new0 (DagIwmoFinding, 1);

  finding->rule = g_strdup (rule);
  finding->client = g_strdup (client);
  finding->reference = g_strdup (reference);
  finding->line = line;
  finding->message = message;
  g_ptr_array_add (findings, finding);
}

typedef struct {
  DagIwmoFinding *finding;
  guint           order;        /* as found: keeps equal findings in order */
} Sorted;

static int
compare_findings (const void *a,
                  const void *b)
{
  const Sorted *sa = a, *sb = b;
  const DagIwmoFinding *fa = sa->finding, *fb = sb->finding;
  gboolean xa = strcmp (fa->rule, "XSD") == 0, xb = strcmp (fb->rule, "XSD") == 0;
  int by_rule;

  if (fa->line != fb->line)
    return fa->line < fb->line ? -1 : 1;
  /* XSD before the technical rules, then by rule number. */
  if (xa != xb)
    return xa ? -1 : 1;
  by_rule = strcmp (fa->rule, fb->rule);
  if (by_rule != 0)
    return by_rule;
  return sa->order < sb->order ? -1 : sa->order > sb->order;
}

/* Findings in line order, stable. */
static void
sort_findings (GPtrArray *findings)
{
  g_autofree Sorted *sorted = g_new (Sorted, MAX (findings->len, 1));

  for (guint i = 0; i < findings->len; i++)
    {
      sorted[i].finding = g_ptr_array_index (findings, i);
      sorted[i].order = i;
    }
  qsort (sorted, findings->len, sizeof (Sorted), compare_findings);
  for (guint i = 0; i < findings->len; i++)
    findings->pdata[i] = sorted[i].finding;
}

/* ---- the schemas -------------------------------------------------------- */

static GMutex schema_lock;
static GHashTable *schema_cache;   /* xsd name → xmlSchemaPtr, never freed */
static GPtrArray *schema_docs;     /* their documents, which they point into */
static xmlExternalEntityLoader previous_loader;

static gboolean
known_schema (const char *xsd_name)
{
  return g_strcmp0 (xsd_name, "WMO323.xsd") == 0 ||
         g_strcmp0 (xsd_name, "WMO301.xsd") == 0 ||
         g_strcmp0 (xsd_name, "WMO325.xsd") == 0;
}

static GBytes *
lookup_schema_bytes (const char *name)
{
  g_autofree char *path = NULL;

  /* Only plain file names of the resource, never a path out of it. */
  if (name == NULL || *name == '\0' || strchr (name, '/') != NULL)
    return NULL;
  path = g_strconcat (IWMO_RESOURCE_PATH, name, NULL);
  return g_resource_lookup_data (dag_iwmo_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

/* Installed only while a schema is parsed (under schema_lock): gives the
 * schemas of the resource to the schema parser and leaves every other URL
 * to the loader that was there before. */
static xmlParserInputPtr
resource_entity_loader (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  ctxt)
{
  if (url != NULL && g_str_has_prefix (url, IWMO_BASE_URL))
    {
      g_autoptr(GBytes) bytes = lookup_schema_bytes (url + strlen (IWMO_BASE_URL));
      xmlParserInputPtr input;
      gsize size = 0;
      const char *data;

      if (bytes == NULL)
        return NULL;
      /* Resource data ends in a NUL; the stream copies it. */
      data = g_bytes_get_data (bytes, &size);
      input = xmlNewStringInputStream (ctxt, (const xmlChar *) data);
      if (input != NULL)
        input->filename = (char *) xmlStrdup ((const xmlChar *) url);
      return input;
    }
  return previous_loader (url, id, ctxt);
}

static void
collect_schema_error (void        *data,
                      DagXmlError  error)
{
  GString *errors = data;
  g_autofree char *text = g_strchomp (g_strdup (error->message != NULL ? error->message : "?"));

  if (error->level < XML_ERR_ERROR)
    return;
  if (errors->len > 0)
    g_string_append (errors, "; ");
  g_string_append (errors, text);
}

/* The parsed schema xsd_name, kept for the life of the process (a parsed
 * xmlSchema is read-only and may be shared by validation contexts in
 * several threads). */
static xmlSchemaPtr
get_schema (const char  *xsd_name,
            GError     **error)
{
  xmlSchemaPtr schema;

  g_mutex_lock (&schema_lock);
  if (schema_cache == NULL)
    {
      xmlInitParser ();
      schema_cache = g_hash_table_new (g_str_hash, g_str_equal);
      schema_docs = g_ptr_array_new ();
    }
  schema = g_hash_table_lookup (schema_cache, xsd_name);
  if (schema == NULL)
    {
      g_autoptr(GBytes) bytes = lookup_schema_bytes (xsd_name);
      g_autoptr(GString) errors = g_string_new (NULL);
      g_autofree char *url = g_strconcat (IWMO_BASE_URL, xsd_name, NULL);
      xmlDocPtr doc = NULL;

      if (bytes != NULL)
        {
          gsize size = 0;
          const char *data = g_bytes_get_data (bytes, &size);

          doc = xmlReadMemory (data, (int) size, url, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        }
      if (doc != NULL)
        {
          xmlSchemaParserCtxtPtr parser = xmlSchemaNewDocParserCtxt (doc);

          previous_loader = xmlGetExternalEntityLoader ();
          xmlSetExternalEntityLoader (resource_entity_loader);
          xmlSchemaSetParserStructuredErrors (parser, collect_schema_error, errors);
          schema = xmlSchemaParse (parser);
          xmlSetExternalEntityLoader (previous_loader);
          xmlSchemaFreeParserCtxt (parser);
        }
      if (schema == NULL)
        {
          g_set_error (error, DAG_IWMO_CHECK_ERROR, DAG_IWMO_CHECK_ERROR_SCHEMA,
                       _("The iWmo schema %s can not be loaded: %s"), xsd_name,
                       errors->len > 0 ? errors->str : _("it is not in the program"));
          if (doc != NULL)
            xmlFreeDoc (doc);
          g_mutex_unlock (&schema_lock);
          return NULL;
        }
      /* A schema built from a document points into it (annotations). */
      g_ptr_array_add (schema_docs, doc);
      g_hash_table_insert (schema_cache, g_strdup (xsd_name), schema);
    }
  g_mutex_unlock (&schema_lock);
  return schema;
}

/* ---- schema validation -------------------------------------------------- */

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         strcmp ((const char *) node->name, name) == 0;
}

static xmlNodePtr
first_child (xmlNodePtr  parent,
             const char *name)
{
  if (parent == NULL)
    return NULL;
  for (xmlNodePtr node = parent->children; node != NULL; node = node->next)
    if (is_element (node, name))
      return node;
  return NULL;
}

static xmlNodePtr
find_ancestor (xmlNodePtr  node,
               const char *name)
{
  for (; node != NULL && node->type != XML_DOCUMENT_NODE; node = node->parent)
    if (is_element (node, name))
      return node;
  return NULL;
}

/* The trimmed text of node, newly allocated, or NULL. */
static char *
node_text_dup (xmlNodePtr node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  if (content == NULL)
    return NULL;
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  return text;
}

/* libxml2's message made fit for people and for privacy: namespaces out
 * ("{http://…}Bsn" → "Bsn"), and no BSN in it — the text of a Bsn element
 * is masked, and so is any other run of nine digits, which is what a BSN
 * looks like (a nine-digit number of another kind is masked with it). */
static char *
clean_libxml_message (const char *message,
                      const char *bsn)
{
  GString *out = g_string_new (NULL);

  for (const char *p = message; p != NULL && *p != '\0';)
    {
      if (*p == '{')
        {
          const char *close = strchr (p, '}');

          if (close != NULL)
            {
              p = close + 1;
              continue;
            }
        }
      if (g_ascii_isdigit (*p) && (p == message || !g_ascii_isdigit (p[-1])))
        {
          gsize run = 0;

          while (g_ascii_isdigit (p[run]))
            run++;
          if (run == 9)
            {
              g_autofree char *digits = g_strndup (p, run);
              g_autofree char *masked = mask_bsn (digits);

              g_string_append (out, masked);
            }
          else
            g_string_append_len (out, p, run);
          p += run;
          continue;
        }
      g_string_append_c (out, *p);
      p++;
    }
  g_strchomp (out->str);
  out->len = strlen (out->str);

  if (bsn != NULL && *bsn != '\0')
    {
      g_autofree char *masked = mask_bsn (bsn);
      char *hit;

      while ((hit = strstr (out->str, bsn)) != NULL)
        {
          gssize at = hit - out->str;

          g_string_erase (out, at, strlen (bsn));
          g_string_insert (out, at, masked);
        }
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  GPtrArray *findings;
  gboolean   parsing;      /* errors of the parser rather than the schema */
} Collector;

static void
collect_error (void        *data,
               DagXmlError  error)
{
  Collector *collector = data;
  xmlNodePtr node = error->node;
  g_autofree char *bsn = NULL;
  g_autofree char *client = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *text = NULL;
  int line = error->line;

  if (error->level < XML_ERR_ERROR)
    return;

  if (node != NULL && !collector->parsing)
    {
      xmlNodePtr client_node = find_ancestor (node, "Client");
      xmlNodePtr prestatie = find_ancestor (node, "Prestatie");

      if (is_element (node, "Bsn"))
        bsn = node_text_dup (node);
      else if (client_node != NULL)
        bsn = node_text_dup (first_child (client_node, "Bsn"));
      client = mask_bsn (bsn);
      if (prestatie != NULL)
        reference = node_text_dup (first_child (first_child (prestatie, "ProductReferentie"),
                                                "ReferentieNummer"));
      if (node->type == XML_ELEMENT_NODE || line <= 0 || line == 65535)
        line = (int) xmlGetLineNo (node);
    }

  text = clean_libxml_message (error->message, bsn);
  if (collector->parsing)
    add_finding (collector->findings, "XSD", NULL, NULL, line,
                 g_strdup_printf (_("Not well-formed XML: %s"), text));
  else
    add_finding (collector->findings, "XSD", client, reference, line,
                 g_strdup_printf (_("Does not match the schema: %s"), text));
}

/* The parser calls its handler with the parser context. */
static void
collect_parse_error (void        *data,
                     DagXmlError  error)
{
  xmlParserCtxtPtr ctxt = data;

  collect_error (ctxt->_private, error);
}

/* Parses xml; parse errors become findings and NULL is returned. */
static xmlDocPtr
parse_message (const char *xml,
               gsize       length,
               GPtrArray  *findings)
{
  Collector collector = { findings, TRUE };
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;

  if (length > G_MAXINT)
    {
      add_finding (findings, "XSD", NULL, NULL, 0,
                   g_strdup (_("The message is too large to be checked.")));
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      add_finding (findings, "XSD", NULL, NULL, 0,
                   g_strdup (_("The message is too large to be checked.")));
      return NULL;
    }
  /* Errors go to collect_error (through the parser's own SAX handler) and
   * never to stderr.  No network, no entities from outside, big line
   * numbers so that findings name lines past 65535. */
  ctxt->_private = &collector;
  ctxt->sax->serror = collect_parse_error;
  ctxt->sax->initialized = XML_SAX2_MAGIC;
  doc = xmlCtxtReadMemory (ctxt, xml, (int) length, "message.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_BIG_LINES |
                           XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !ctxt->wellFormed)
    {
      const xmlError *last = &ctxt->lastError;

      if (findings->len == 0)
        {
          g_autofree char *text = clean_libxml_message (last->message != NULL ?
                                                        last->message : "?", NULL);

          add_finding (findings, "XSD", NULL, NULL, last->line,
                       g_strdup_printf (_("Not well-formed XML: %s"), text));
        }
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  xmlFreeParserCtxt (ctxt);
  return doc;
}

/* Validates doc against schema, appending findings. */
static void
validate_doc (xmlSchemaPtr  schema,
              xmlDocPtr     doc,
              GPtrArray    *findings)
{
  Collector collector = { findings, FALSE };
  xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt (schema);
  guint before = findings->len;
  int result;

  xmlSchemaSetValidStructuredErrors (valid, collect_error, &collector);
  result = xmlSchemaValidateDoc (valid, doc);
  xmlSchemaFreeValidCtxt (valid);
  if (result != 0 && findings->len == before)
    add_finding (findings, "XSD", NULL, NULL, 0,
                 g_strdup (_("Does not match the schema.")));
}

/* ---- the technical rules of the WMO323 ---------------------------------- *
 *
 * What each rule checks here (README of the iWmo reference data):
 *   TR314  ReferentieNummer unique in the message and not in the ledger
 *   TR318  DeclaratiePeriode is one calendar month; with the ledger: no
 *          month skipped since the last declared one while an allocation
 *          of this message, declared in that month, ran in the gap
 *   TR321  volume within a weekly (IV077: calendar weeks touched × volume)
 *          or monthly allocation, counting earlier lines of the month
 *   TR322  volume within an allocation's total ("per period")
 *   TR323  a credit line names (VorigReferentieNummer) a debit line of the
 *          message or the ledger, not credited yet, and repeats it
 *   TR333  DeclaratieNummer [A-Za-z0-9]{1,12}, not in the ledger
 *   TR338  ToewijzingNummer an integer; with org: an allocation of this
 *          client and the receiving municipality
 *   TR339  ProductCategorie, TR340 ProductCode (the contract product's or
 *          a staffel tier's), TR341 Eenheid: those of the allocation
 *   TR346  IngediendBedrag = GeleverdVolume × ProductTarief
 *   TR358  TotaalIngediendBedrag = debit − credit
 *   TR387  ProductPeriode within the DeclaratiePeriode; TR388 within the
 *          allocation
 *   TR389  no debit line for what the ledger holds, uncredited, for the
 *          same allocation, product and period; TR416 the same within the
 *          message
 *   TR418  ProductTarief is the contract's tariff (or the tier's)
 * The ledger is org->declarations without the unsent declaration of the
 * same municipality and month, which the message replaces; its lines that
 * the municipality rejected (WMO325) count only for TR314. */

/* One Prestatie as it stands in the XML. */
typedef struct {
  int         line;
  const char *bsn;           /* as written; only ever shown masked */
  const char *client;        /* masked */
  const char *reference;
  const char *previous;      /* VorigReferentieNummer, or NULL */
  const char *allocation;
  gboolean    allocation_ok; /* an integer (TR338) */
  gint64      allocation_number;
  const char *category;
  const char *code;
  const char *unit;
  DagDate     start, end;    /* ProductPeriode, DAG_DATE_NONE when unreadable */
  gboolean    has_volume, has_tariff, has_amount;
  gint64      volume, tariff, amount;
  char        dc;            /* 'D', 'C', or 0 when unreadable */
  int         indication;    /* index in org, -1 when not found or no org */
  int         next_same;     /* next line of the same indication, -1 */
  /* Lines of the elements, for findings that point at one of them. */
  int         at_reference, at_allocation, at_category, at_code, at_period;
  int         at_volume, at_unit, at_tariff, at_amount;
} Line;

typedef struct {
  GStringChunk *chunk;
  GArray       *lines;       /* of Line */
  const char   *receiver;    /* Ontvanger: municipality code */
  const char   *number;      /* DeclaratieNummer */
  int           number_line;
  DagDate       period_start, period_end;
  int           period_line;
  gboolean      has_total;
  gint64        total;
  char          total_dc;
  int           total_line;
} Message;

static const char *
text_in (Message    *message,
         xmlNodePtr  node)
{
  xmlNodePtr child;
  const char *start, *end;
  xmlChar *content = NULL;
  const char *result;

  if (node == NULL)
    return NULL;
  child = node->children;
  if (child != NULL && child->next == NULL && child->type == XML_TEXT_NODE)
    start = (const char *) child->content;
  else
    start = (const char *) (content = xmlNodeGetContent (node));
  if (start == NULL)
    return NULL;
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  result = g_string_chunk_insert_len (message->chunk, start, end - start);
  if (content != NULL)
    xmlFree (content);
  return result;
}

static gboolean
parse_integer (const char *text,
               gint64     *value)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL);
}

static void
read_period (Message    *message,
             xmlNodePtr  node,
             DagDate    *start,
             DagDate    *end)
{
  if (!dag_date_parse (text_in (message, first_child (node, "Begindatum")), start))
    *start = DAG_DATE_NONE;
  if (!dag_date_parse (text_in (message, first_child (node, "Einddatum")), end))
    *end = DAG_DATE_NONE;
}

static int
line_of (xmlNodePtr node)
{
  return node != NULL ? (int) xmlGetLineNo (node) : 0;
}

static void
read_line (Message    *message,
           xmlNodePtr  prestatie,
           const char *bsn,
           const char *client)
{
  Line line = { 0 };
  xmlNodePtr reference = first_child (prestatie, "ProductReferentie");
  xmlNodePtr amount = first_child (prestatie, "IngediendBedrag");
  const char *dc;

  line.line = (int) xmlGetLineNo (prestatie);
  line.bsn = bsn;
  line.client = client;
  line.reference = text_in (message, first_child (reference, "ReferentieNummer"));
  line.previous = text_in (message, first_child (reference, "VorigReferentieNummer"));
  line.allocation = text_in (message, first_child (prestatie, "ToewijzingNummer"));
  line.allocation_ok = parse_integer (line.allocation, &line.allocation_number) &&
                       line.allocation_number >= 0 &&
                       line.allocation_number <= 999999999;
  line.category = text_in (message, first_child (prestatie, "ProductCategorie"));
  line.code = text_in (message, first_child (prestatie, "ProductCode"));
  line.unit = text_in (message, first_child (prestatie, "Eenheid"));
  read_period (message, first_child (prestatie, "ProductPeriode"), &line.start, &line.end);
  line.has_volume = parse_integer (text_in (message, first_child (prestatie, "GeleverdVolume")),
                                   &line.volume);
  line.has_tariff = parse_integer (text_in (message, first_child (prestatie, "ProductTarief")),
                                   &line.tariff);
  line.has_amount = parse_integer (text_in (message, first_child (amount, "Bedrag")),
                                   &line.amount);
  dc = text_in (message, first_child (amount, "DebetCredit"));
  line.dc = g_strcmp0 (dc, "D") == 0 ? 'D' : g_strcmp0 (dc, "C") == 0 ? 'C' : 0;
  line.at_reference = line_of (reference);
  line.at_allocation = line_of (first_child (prestatie, "ToewijzingNummer"));
  line.at_category = line_of (first_child (prestatie, "ProductCategorie"));
  line.at_code = line_of (first_child (prestatie, "ProductCode"));
  line.at_period = line_of (first_child (prestatie, "ProductPeriode"));
  line.at_volume = line_of (first_child (prestatie, "GeleverdVolume"));
  line.at_unit = line_of (first_child (prestatie, "Eenheid"));
  line.at_tariff = line_of (first_child (prestatie, "ProductTarief"));
  line.at_amount = line_of (amount);
  line.indication = -1;
  line.next_same = -1;
  g_array_append_val (message->lines, line);
}

static void
read_message (Message   *message,
              xmlDocPtr  doc)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);
  xmlNodePtr header = first_child (root, "Header");
  xmlNodePtr declaratie = first_child (root, "Declaratie");
  xmlNodePtr node;

  message->receiver = text_in (message, first_child (header, "Ontvanger"));
  node = first_child (declaratie, "DeclaratieNummer");
  message->number = text_in (message, node);
  message->number_line = line_of (node);
  node = first_child (declaratie, "DeclaratiePeriode");
  read_period (message, node, &message->period_start, &message->period_end);
  message->period_line = line_of (node);
  node = first_child (declaratie, "TotaalIngediendBedrag");
  if (node != NULL)
    {
      const char *dc = text_in (message, first_child (node, "DebetCredit"));

      message->has_total = parse_integer (text_in (message, first_child (node, "TotaalBedrag")),
                                          &message->total);
      message->total_dc = g_strcmp0 (dc, "C") == 0 ? 'C' : 'D';
      message->total_line = (int) xmlGetLineNo (node);
    }

  for (xmlNodePtr client = first_child (first_child (declaratie, "Clienten"), "Client");
       client != NULL; client = client->next)
    {
      const char *bsn;
      const char *masked;
      g_autofree char *mask = NULL;

      if (!is_element (client, "Client"))
        continue;
      bsn = text_in (message, first_child (client, "Bsn"));
      mask = mask_bsn (bsn);
      masked = mask != NULL ? g_string_chunk_insert (message->chunk, mask) : NULL;
      for (xmlNodePtr prestatie = first_child (first_child (client, "Prestaties"), "Prestatie");
           prestatie != NULL; prestatie = prestatie->next)
        if (is_element (prestatie, "Prestatie"))
          read_line (message, prestatie, bsn, masked);
    }
}

/* A finding on line, at the element its rule is about (the Prestatie for
 * the rules about the whole line). */
static void
line_finding (GPtrArray  *findings,
              const char *rule,
              const Line *line,
              char       *text)
{
  static const struct {
    const char *rule;
    gsize       offset;
  } elements[] = {
    { "TR314", G_STRUCT_OFFSET (Line, at_reference) },
    { "TR323", G_STRUCT_OFFSET (Line, at_reference) },
    { "TR338", G_STRUCT_OFFSET (Line, at_allocation) },
    { "TR339", G_STRUCT_OFFSET (Line, at_category) },
    { "TR340", G_STRUCT_OFFSET (Line, at_code) },
    { "TR341", G_STRUCT_OFFSET (Line, at_unit) },
    { "TR346", G_STRUCT_OFFSET (Line, at_amount) },
    { "TR387", G_STRUCT_OFFSET (Line, at_period) },
    { "TR388", G_STRUCT_OFFSET (Line, at_period) },
    { "TR321", G_STRUCT_OFFSET (Line, at_volume) },
    { "TR322", G_STRUCT_OFFSET (Line, at_volume) },
    { "TR418", G_STRUCT_OFFSET (Line, at_tariff) },
  };
  int at = line->line;

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    if (strcmp (rule, elements[i].rule) == 0)
      {
        int element = *(const int *) ((const char *) line + elements[i].offset);

        if (element > 0)
          at = element;
        break;
      }
  add_finding (findings, rule, line->client, line->reference, at, text);
}

static const char *
format_date (DagDate date,
             char   *buf)
{
  return date != DAG_DATE_NONE ? dag_date_format (date, buf) : "?";
}

static gboolean
periods_overlap (DagDate a_start,
                 DagDate a_end,
                 DagDate b_start,
                 DagDate b_end)
{
  return a_start <= b_end && b_start <= a_end;
}

static DagDate
month_end (DagDate first)
{
  int y, m, d;

  dag_date_to_ymd (first, &y, &m, &d);
  return first + dag_date_days_in_month (y, m) - 1;
}

/* year × 12 + month − 1: consecutive months are consecutive numbers. */
static int
month_number (DagDate date)
{
  int y, m, d;

  dag_date_to_ymd (date, &y, &m, &d);
  return y * 12 + m - 1;
}

static DagDate
month_first (int number)
{
  return dag_date_from_ymd (number / 12, number % 12 + 1, 1);
}

static char *
format_month (int number)
{
  return g_strdup_printf ("%04d-%02d", number / 12, number % 12 + 1);
}

/* Rules on the message alone. */
static void
check_message (Message   *message,
               GPtrArray *findings)
{
  g_autoptr(GHashTable) references = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) credited = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 debit = 0, credit = 0;
  gboolean amounts_known = TRUE;
  char a[DAG_DATE_BUF], b[DAG_DATE_BUF];

  /* TR333: the declaration number. */
  if (message->number != NULL)
    {
      gsize length = strlen (message->number);
      gboolean ok = length >= 1 && length <= 12;

      for (gsize i = 0; ok && i < length; i++)
        ok = g_ascii_isalnum (message->number[i]);
      if (!ok)
        add_finding (findings, "TR333", NULL, NULL, message->number_line,
                     g_strdup_printf (_("Declaration number “%s” is not 1 to 12 letters and digits."),
                                      message->number));
    }

  /* TR318: the declaration period is one calendar month. */
  if (message->period_start != DAG_DATE_NONE && message->period_end != DAG_DATE_NONE)
    {
      int y, m, d;

      dag_date_to_ymd (message->period_start, &y, &m, &d);
      if (d != 1 || message->period_end != month_end (message->period_start))
        add_finding (findings, "TR318", NULL, NULL, message->period_line,
                     g_strdup_printf (_("The declaration period %s – %s is not one calendar month."),
                                      format_date (message->period_start, a),
                                      format_date (message->period_end, b)));
    }

  for (guint i = 0; i < message->lines->len; i++)
    {
      Line *line = &g_array_index (message->lines, Line, i);

      /* TR314: unique within the message. */
      if (line->reference != NULL)
        {
          Line *first = g_hash_table_lookup (references, line->reference);

          if (first != NULL)
            line_finding (findings, "TR314", line,
                          g_strdup_printf (_("Reference number %s is used twice (also on line %d)."),
                                           line->reference, first->line));
          else
            g_hash_table_insert (references, (gpointer) line->reference, line);
        }

      /* TR338: the allocation number is an integer from the 301. */
      if (line->allocation != NULL && !line->allocation_ok)
        line_finding (findings, "TR338", line,
                      g_strdup_printf (_("Allocation number “%s” is not an integer, as the municipality’s allocation (WMO301) gives it."),
                                       line->allocation));

      /* TR346: amount = volume × tariff. */
      if (line->has_volume && line->has_amount)
        {
          if (!line->has_tariff && g_strcmp0 (line->unit, "83") != 0)
            line_finding (findings, "TR346", line,
                          g_strdup (_("The line has no product tariff, so its amount can not be volume × tariff.")));
          else if (line->has_tariff && line->volume * line->tariff != line->amount)
            {
              g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, line->amount);
              g_autofree char *product = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                          line->volume * line->tariff);

              line_finding (findings, "TR346", line,
                            g_strdup_printf (_("Amount %s is not volume %d × tariff %d = %s."),
                                             amount, (int) line->volume, (int) line->tariff,
                                             product));
            }
        }

      /* TR387: the product period lies within the declaration period. */
      if (line->start != DAG_DATE_NONE && line->end != DAG_DATE_NONE)
        {
          if (line->start > line->end)
            line_finding (findings, "TR387", line,
                          g_strdup_printf (_("The product period %s – %s ends before it begins."),
                                           format_date (line->start, a), format_date (line->end, b)));
          else if (message->period_start != DAG_DATE_NONE &&
                   message->period_end != DAG_DATE_NONE &&
                   (line->start < message->period_start || line->end > message->period_end))
            line_finding (findings, "TR387", line,
                          g_strdup_printf (_("The product period %s – %s is not within the declaration period."),
                                           format_date (line->start, a), format_date (line->end, b)));
        }

      /* TR416: one debit line per allocation, product and period. */
      if (line->dc == 'D' && line->allocation_ok && line->code != NULL &&
          line->start != DAG_DATE_NONE && line->end != DAG_DATE_NONE)
        {
          char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s",
                                       line->allocation_number, line->code);
          GArray *same = g_hash_table_lookup (products, key);

          if (same == NULL)
            {
              same = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (products, key, same);
            }
          else
            g_free (key);
          for (guint k = 0; k < same->len; k++)
            {
              Line *other = &g_array_index (message->lines, Line,
                                            g_array_index (same, guint, k));

              if (periods_overlap (line->start, line->end, other->start, other->end))
                {
                  line_finding (findings, "TR416", line,
                                g_strdup_printf (_("Allocation %s, product %s is declared twice for this period (also on line %d)."),
                                                 line->allocation, line->code, other->line));
                  break;
                }
            }
          g_array_append_val (same, i);
        }

      if (line->has_amount && line->dc == 'D')
        debit += line->amount;
      else if (line->has_amount && line->dc == 'C')
        credit += line->amount;
      else
        amounts_known = FALSE;
    }

  /* TR323 within the message: a credit line names the debit line it
   * takes back; the ledger is looked at in check_with_org. */
  for (guint i = 0; i < message->lines->len; i++)
    {
      Line *line = &g_array_index (message->lines, Line, i);
      Line *target;

      if (line->dc != 'C')
        continue;
      if (line->previous == NULL)
        {
          line_finding (findings, "TR323", line,
                        g_strdup (_("A credit line must name the debit line it corrects (VorigReferentieNummer).")));
          continue;
        }
      if (g_hash_table_contains (credited, line->previous))
        line_finding (findings, "TR323", line,
                      g_strdup_printf (_("Line %s is credited twice in this message."),
                                       line->previous));
      g_hash_table_add (credited, (gpointer) line->previous);
      target = g_hash_table_lookup (references, line->previous);
      if (target == NULL)
        continue;
      if (target->dc != 'D')
        line_finding (findings, "TR323", line,
                      g_strdup_printf (_("Line %s that this credit line corrects is not a debit line."),
                                       line->previous));
      else if (g_strcmp0 (target->bsn, line->bsn) != 0 ||
               g_strcmp0 (target->allocation, line->allocation) != 0 ||
               g_strcmp0 (target->code, line->code) != 0 ||
               target->start != line->start || target->end != line->end ||
               target->volume != line->volume || target->amount != line->amount)
        line_finding (findings, "TR323", line,
                      g_strdup_printf (_("The credit line does not repeat debit line %s (allocation, product, period, volume and amount)."),
                                       line->previous));
    }

  /* TR358: the total is debit − credit. */
  if (message->has_total && amounts_known)
    {
      gint64 net = debit - credit;
      gint64 stated = message->total_dc == 'C' ? -message->total : message->total;

      if (net != stated)
        {
          g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT " %c",
                                                    message->total, message->total_dc);
          g_autofree char *sum = g_strdup_printf ("%" G_GINT64_FORMAT " %c",
                                                  net < 0 ? -net : net, net < 0 ? 'C' : 'D');

          add_finding (findings, "TR358", NULL, NULL, message->total_line,
                       g_strdup_printf (_("The total %s is not the debit lines minus the credit lines: %s."),
                                        total, sum));
        }
    }
}

/* The rules that compare with the organisation: its allocations, contracts
 * and the ledger of earlier declarations. */
typedef struct {
  const DagOrg *org;
  Message      *message;
  GPtrArray    *findings;
  int           municipality;   /* of the receiver, -1 when not in org */
  int           month;          /* month_number of the period, -1 unknown */
  DagDate       month_start, month_end;
  int          *first_line;     /* per indication: first line, -1 */
} Check;

static gboolean
allocation_key (const char *text,
                gint64     *value)
{
  gsize length;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  length = strlen (text);
  while (length > 0 && g_ascii_isspace (text[length - 1]))
    length--;
  if (length == 0 || length > 18)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  *value = g_ascii_strtoll (text, NULL, 10);
  return TRUE;
}

static const DagProduct *
indication_product (const DagOrg        *org,
                    const DagIndication *indication)
{
  const DagContract *contract;

  if (indication->contract < 0 || (guint) indication->contract >= org->contracts->len)
    return NULL;
  contract = DAG_AT (org->contracts, DagContract, indication->contract);
  if (indication->product < 0 || (guint) indication->product >= contract->products->len)
    return NULL;
  return DAG_AT (contract->products, DagProduct, indication->product);
}

static const char *
indication_municipality (const DagOrg        *org,
                         const DagIndication *indication)
{
  const DagContract *contract;

  if (indication->contract < 0 || (guint) indication->contract >= org->contracts->len)
    return NULL;
  contract = DAG_AT (org->contracts, DagContract, indication->contract);
  if (contract->municipality < 0 || (guint) contract->municipality >= org->municipalities->len)
    return NULL;
  return DAG_AT (org->municipalities, DagMunicipality, contract->municipality)->code;
}

static const char *
indication_bsn (const DagOrg        *org,
                const DagIndication *indication)
{
  if (indication->participant < 0 || (guint) indication->participant >= org->participants->len)
    return NULL;
  return DAG_AT (org->participants, DagParticipant, indication->participant)->bsn;
}

/* TR338–341, TR388, TR418: each line against its allocation. */
static void
check_allocations (Check *check)
{
  const DagOrg *org = check->org;
  Message *message = check->message;
  g_autoptr(GHashTable) by_number = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                          g_free, NULL);
  g_autofree int *next = g_new (int, MAX (org->indications->len, 1));
  char a[DAG_DATE_BUF], b[DAG_DATE_BUF];

  /* Numeric allocation numbers → indications (chained when repeated). */
  for (guint i = org->indications->len; i-- > 0;)
    {
      const DagIndication *indication = DAG_AT (org->indications, DagIndication, i);
      gint64 key;
      gpointer first;

      next[i] = -1;
      if (!allocation_key (indication->allocation_number, &key))
        continue;
      first = g_hash_table_lookup (by_number, &key);
      next[i] = first != NULL ? GPOINTER_TO_INT (first) - 1 : -1;
      g_hash_table_insert (by_number, g_memdup2 (&key, sizeof key), GINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < message->lines->len; i++)
    {
      Line *line = &g_array_index (message->lines, Line, i);
      const DagIndication *indication = NULL;
      const DagProduct *product;
      gpointer first;
      int best = -1, best_score = -1;
      gboolean code_known = FALSE, tariff_ok = FALSE;

      if (!line->allocation_ok)
        continue;
      first = g_hash_table_lookup (by_number, &line->allocation_number);
      for (int k = first != NULL ? GPOINTER_TO_INT (first) - 1 : -1; k >= 0; k = next[k])
        {
          const DagIndication *candidate = DAG_AT (org->indications, DagIndication, k);
          /* A number given again (after a pause, or by another
           * municipality): the client's, the receiver's, the one that
           * runs in the line's period. */
          int score = (g_strcmp0 (indication_bsn (org, candidate), line->bsn) == 0) * 4 +
                      (g_strcmp0 (indication_municipality (org, candidate), message->receiver) == 0) * 2 +
                      (line->start != DAG_DATE_NONE && line->end != DAG_DATE_NONE &&
                       (candidate->start == DAG_DATE_NONE || candidate->start <= line->end) &&
                       (candidate->end == DAG_DATE_NONE || candidate->end >= line->start));

          if (score > best_score)
            {
              best = k;
              best_score = score;
            }
        }

      /* TR338: an allocation of this municipality for this client. */
      if (best < 0)
        {
          line_finding (check->findings, "TR338", line,
                        g_strdup_printf (_("Allocation %s is not known."), line->allocation));
          continue;
        }
      indication = DAG_AT (org->indications, DagIndication, best);
      if (g_strcmp0 (indication_bsn (org, indication), line->bsn) != 0)
        {
          line_finding (check->findings, "TR338", line,
                        g_strdup_printf (_("Allocation %s is not an allocation of this client."),
                                         line->allocation));
          continue;
        }
      if (g_strcmp0 (indication_municipality (org, indication), message->receiver) != 0)
        {
          line_finding (check->findings, "TR338", line,
                        g_strdup_printf (_("Allocation %s is not an allocation of municipality %s."),
                                         line->allocation,
                                         message->receiver != NULL ? message->receiver : "?"));
          continue;
        }
      line->indication = best;
      if (check->first_line[best] < 0)
        check->first_line[best] = (int) i;
      else
        {
          int k = check->first_line[best];

          while (g_array_index (message->lines, Line, k).next_same >= 0)
            k = g_array_index (message->lines, Line, k).next_same;
          g_array_index (message->lines, Line, k).next_same = (int) i;
        }

      /* TR388: the product period lies within the allocation. */
      if (line->start != DAG_DATE_NONE && line->end != DAG_DATE_NONE &&
          ((indication->start != DAG_DATE_NONE && line->start < indication->start) ||
           (indication->end != DAG_DATE_NONE && line->end > indication->end)))
        line_finding (check->findings, "TR388", line,
                      g_strdup_printf (_("The product period is not within allocation %s (%s – %s)."),
                                       line->allocation, format_date (indication->start, a),
                                       format_date (indication->end, b)));

      product = indication_product (org, indication);
      if (product == NULL)
        continue;

      /* TR339–TR341: category, product code and unit of the contract
       * product (or one of its staffel tiers). */
      if (product->category[0] != '\0' && g_strcmp0 (line->category, product->category) != 0)
        line_finding (check->findings, "TR339", line,
                      g_strdup_printf (_("Product category %s is not %s of allocation %s."),
                                       line->category != NULL ? line->category : "?",
                                       product->category, line->allocation));
      if (g_strcmp0 (line->code, product->code) == 0)
        {
          code_known = TRUE;
          tariff_ok = line->tariff == product->tariff_cents;
        }
      for (guint s = 0; product->staffel != NULL && s < product->staffel->len; s++)
        {
          const DagStaffel *tier = DAG_AT (product->staffel, DagStaffel, s);

          if (tier->code[0] != '\0' && g_strcmp0 (line->code, tier->code) == 0)
            {
              code_known = TRUE;
              tariff_ok = tariff_ok || line->tariff == tier->tariff_cents;
            }
        }
      if (!code_known)
        line_finding (check->findings, "TR340", line,
                      g_strdup_printf (_("Product code %s is not the code of allocation %s (%s)."),
                                       line->code != NULL ? line->code : "?", line->allocation,
                                       product->code != NULL ? product->code : "?"));
      if (product->unit_code[0] != '\0' && g_strcmp0 (line->unit, product->unit_code) != 0)
        line_finding (check->findings, "TR341", line,
                      g_strdup_printf (_("Unit %s is not the unit %s of allocation %s."),
                                       line->unit != NULL ? line->unit : "?",
                                       product->unit_code, line->allocation));

      /* TR418: the contract's tariff (of the tier the code names). */
      if (code_known && line->has_tariff && !tariff_ok)
        line_finding (check->findings, "TR418", line,
                      g_strdup_printf (_("Tariff %d is not the contract’s tariff for product %s."),
                                       (int) line->tariff, line->code));
    }
}

typedef struct {
  gint64 message_net;        /* volume: debit − credit in this message */
  gint64 month_net;          /* in the ledger, within the message's month */
  gint64 period_net;         /* in the ledger, at all */
  gboolean in_previous;      /* declared in the last month before (TR318) */
} Usage;

#define LINE_REJECTED(line) ((line)->has_response && !(line)->response_accepted)

static gboolean
declaration_excluded (const Check          *check,
                      const DagDeclaration *declaration)
{
  /* The unsent declaration of the same municipality and month is the one
   * this message replaces; it was never received. */
  return check->municipality >= 0 && declaration->municipality == check->municipality &&
         declaration->sent == DAG_DATE_NONE && declaration->month != DAG_DATE_NONE &&
         month_number (declaration->month) == check->month;
}

static gboolean
ledger_line_matches (const DagDeclarationLine *old,
                     const Line               *line)
{
  return (line->indication < 0 || old->indication == line->indication) &&
         g_strcmp0 (old->product_code, line->code) == 0 &&
         old->period_start == line->start && old->period_end == line->end &&
         old->units == line->volume && old->amount_cents == line->amount;
}

/* TR314, TR318, TR321/322, TR323, TR333, TR389: against the ledger. */
static void
check_ledger (Check *check)
{
  const DagOrg *org = check->org;
  Message *message = check->message;
  g_autoptr(GHashTable) references = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) credit_targets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ledger_credited = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ledger_targets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) earlier_debits = g_ptr_array_new ();
  g_autoptr(GArray) months = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree Usage *usage = g_new0 (Usage, MAX (org->indications->len, 1));
  gboolean number_reported = FALSE;
  int previous_month = -1;
  gboolean month_declared = FALSE;

  for (guint i = 0; i < message->lines->len; i++)
    {
      Line *line = &g_array_index (message->lines, Line, i);

      if (line->reference != NULL && !g_hash_table_contains (references, line->reference))
        g_hash_table_insert (references, (gpointer) line->reference, line);
      if (line->dc == 'C' && line->previous != NULL)
        g_hash_table_insert (credit_targets, (gpointer) line->previous, line);
      if (line->indication >= 0 && line->has_volume)
        usage[line->indication].message_net += line->dc == 'C' ? -line->volume : line->volume;
    }

  for (guint d = 0; org->declarations != NULL && d < org->declarations->len; d++)
    {
      const DagDeclaration *declaration = DAG_AT (org->declarations, DagDeclaration, d);
      gboolean same_municipality = check->municipality >= 0 &&
                                   declaration->municipality == check->municipality;

      if (declaration_excluded (check, declaration))
        continue;

      /* TR333: the declaration number is new. */
      if (!number_reported && message->number != NULL &&
          g_strcmp0 (declaration->number, message->number) == 0)
        {
          add_finding (check->findings, "TR333", NULL, NULL, message->number_line,
                       g_strdup_printf (_("Declaration number %s was used before."),
                                        message->number));
          number_reported = TRUE;
        }

      if (same_municipality && declaration->month != DAG_DATE_NONE && check->month >= 0)
        {
          int number = month_number (declaration->month);

          g_array_append_val (months, number);
          if (number == check->month)
            month_declared = TRUE;
          else if (number < check->month && number > previous_month)
            previous_month = number;
        }

      for (guint k = 0; declaration->lines != NULL && k < declaration->lines->len; k++)
        {
          const DagDeclarationLine *old = DAG_AT (declaration->lines, DagDeclarationLine, k);
          Line *line;

          /* TR314: never a reference that was sent before. */
          if (old->reference != NULL &&
              (line = g_hash_table_lookup (references, old->reference)) != NULL)
            line_finding (check->findings, "TR314", line,
                          g_strdup_printf (_("Reference number %s was used before, in declaration %s."),
                                           old->reference,
                                           declaration->number != NULL ? declaration->number : "?"));
          if (old->reference != NULL && g_hash_table_contains (credit_targets, old->reference))
            g_hash_table_insert (ledger_targets, old->reference, (gpointer) old);
          /* A line the municipality rejected (WMO325) was not declared:
           * it takes nothing back, counts for no volume, and may be
           * declared again without a credit. */
          if (LINE_REJECTED (old))
            continue;
          if (old->debit_credit == 'C' && old->corrects != NULL)
            g_hash_table_add (ledger_credited, old->corrects);

          if (old->indication >= 0 && (guint) old->indication < org->indications->len &&
              check->first_line[old->indication] >= 0)
            {
              Usage *use = &usage[old->indication];
              gint64 units = old->debit_credit == 'C' ? -old->units : old->units;

              use->period_net += units;
              if (check->month >= 0 && old->period_start >= check->month_start &&
                  old->period_start <= check->month_end)
                use->month_net += units;
              if (old->debit_credit == 'D')
                g_ptr_array_add (earlier_debits, (gpointer) old);
            }
        }
    }

  /* TR389: no second debit line for what was declared and not credited. */
  for (guint k = 0; k < earlier_debits->len; k++)
    {
      const DagDeclarationLine *old = g_ptr_array_index (earlier_debits, k);

      if (g_hash_table_contains (ledger_credited, old->reference) ||
          g_hash_table_contains (credit_targets, old->reference))
        continue;
      for (int i = check->first_line[old->indication]; i >= 0;
           i = g_array_index (message->lines, Line, i).next_same)
        {
          Line *line = &g_array_index (message->lines, Line, i);

          if (line->dc == 'D' && g_strcmp0 (line->code, old->product_code) == 0 &&
              line->start != DAG_DATE_NONE && line->end != DAG_DATE_NONE &&
              periods_overlap (line->start, line->end, old->period_start, old->period_end))
            line_finding (check->findings, "TR389", line,
                          g_strdup_printf (_("Allocation %s, product %s was declared for this period before (%s) and not credited."),
                                           line->allocation, line->code, old->reference));
        }
    }

  /* TR323: a credit line takes back a debit line that was declared. */
  for (guint i = 0; i < message->lines->len; i++)
    {
      Line *line = &g_array_index (message->lines, Line, i);
      const DagDeclarationLine *old;

      if (line->dc != 'C' || line->previous == NULL ||
          g_hash_table_contains (references, line->previous))
        continue;
      old = g_hash_table_lookup (ledger_targets, line->previous);
      if (old == NULL)
        line_finding (check->findings, "TR323", line,
                      g_strdup_printf (_("The credit line corrects line %s, which was never declared."),
                                       line->previous));
      else if (LINE_REJECTED (old))
        line_finding (check->findings, "TR323", line,
                      g_strdup_printf (_("Line %s was rejected by the municipality: there is nothing to take back."),
                                       line->previous));
      else if (old->debit_credit != 'D')
        line_finding (check->findings, "TR323", line,
                      g_strdup_printf (_("Line %s that this credit line corrects is not a debit line."),
                                       line->previous));
      else if (g_hash_table_contains (ledger_credited, line->previous))
        line_finding (check->findings, "TR323", line,
                      g_strdup_printf (_("Line %s was credited before."), line->previous));
      else if (!ledger_line_matches (old, line))
        line_finding (check->findings, "TR323", line,
                      g_strdup_printf (_("The credit line does not repeat debit line %s (allocation, product, period, volume and amount)."),
                                       line->previous));
    }

  /* TR321/TR322 with IV077: within the allocated volume. */
  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *indication = DAG_AT (org->indications, DagIndication, i);
      const Usage *use = &usage[i];
      Line *line;
      gint64 declared, allowed;
      const char *rule = "TR321";
      g_autofree char *text = NULL;

      if (check->first_line[i] < 0 || use->message_net <= 0)
        continue;
      line = &g_array_index (message->lines, Line, check->first_line[i]);
      if (indication->per == DAG_PER_PERIOD)
        {
          rule = "TR322";
          declared = use->period_net + use->message_net;
          allowed = indication->units;
          if (declared > allowed)
            text = g_strdup_printf (_("Allocation %s: %d units declared in all, more than the %d allocated."),
                                    line->allocation, (int) declared, (int) allowed);
        }
      else if (check->month < 0)
        continue;
      else if (indication->per == DAG_PER_MONTH)
        {
          declared = use->month_net + use->message_net;
          allowed = indication->units;
          if (declared > allowed)
            text = g_strdup_printf (_("Allocation %s: %d units declared in the month, more than the %d allocated per month."),
                                    line->allocation, (int) declared, (int) allowed);
        }
      else
        {
          /* IV077: calendar weeks (Monday–Sunday, a part counts as a whole)
           * of the month within the allocation × the weekly volume. */
          DagDate from = MAX (check->month_start, indication->start);
          DagDate to = indication->end != DAG_DATE_NONE ?
                       MIN (check->month_end, indication->end) : check->month_end;
          int weeks = 0;

          if (from <= to)
            weeks = (int) (((to - dag_date_weekday (to)) - (from - dag_date_weekday (from))) / 7) + 1;
          declared = use->month_net + use->message_net;
          allowed = (gint64) weeks * indication->units;
          if (declared > allowed)
            text = g_strdup_printf (_("Allocation %s: %d units declared in the month, more than %d weeks × %d per week = %d."),
                                    line->allocation, (int) declared, weeks,
                                    indication->units, (int) allowed);
        }
      if (text != NULL)
        line_finding (check->findings, rule, line, g_steal_pointer (&text));
    }

  /* TR318: no month skipped while care goes on.  Only when the month is
   * new and follows a gap after the last month declared before it: a
   * skipped month is a finding when an allocation of this message that was
   * also declared in that last month ran in it. */
  if (!month_declared && previous_month >= 0 && previous_month < check->month - 1)
    {
      for (guint d = 0; d < org->declarations->len; d++)
        {
          const DagDeclaration *declaration = DAG_AT (org->declarations, DagDeclaration, d);

          if (declaration_excluded (check, declaration) ||
              declaration->municipality != check->municipality ||
              declaration->month == DAG_DATE_NONE ||
              month_number (declaration->month) != previous_month)
            continue;
          for (guint k = 0; declaration->lines != NULL && k < declaration->lines->len; k++)
            {
              const DagDeclarationLine *old = DAG_AT (declaration->lines, DagDeclarationLine, k);

              if (old->indication >= 0 && (guint) old->indication < org->indications->len)
                usage[old->indication].in_previous = TRUE;
            }
        }
      for (int gap = previous_month + 1; gap < check->month; gap++)
        {
          DagDate first = month_first (gap);
          DagDate last = month_end (first);

          for (guint i = 0; i < org->indications->len; i++)
            {
              const DagIndication *indication = DAG_AT (org->indications, DagIndication, i);

              if (check->first_line[i] >= 0 && usage[i].in_previous &&
                  (indication->start == DAG_DATE_NONE || indication->start <= last) &&
                  (indication->end == DAG_DATE_NONE || indication->end >= first))
                {
                  g_autofree char *skipped = format_month (gap);
                  g_autofree char *before = format_month (previous_month);

                  add_finding (check->findings, "TR318", NULL, NULL, message->period_line,
                               g_strdup_printf (_("Month %s was not declared (the last declaration before this one is for %s) while allocation %s ran."),
                                                skipped, before,
                                                g_array_index (message->lines, Line,
                                                               check->first_line[i]).allocation));
                  break;
                }
            }
        }
    }
}

static void
check_rules (xmlDocPtr     doc,
             const DagOrg *org,
             GPtrArray    *findings)
{
  Message message = { 0 };

  message.chunk = g_string_chunk_new (64 * 1024);
  message.lines = g_array_new (FALSE, FALSE, sizeof (Line));
  read_message (&message, doc);

  check_message (&message, findings);

  if (org != NULL)
    {
      Check check = { 0 };

      check.org = org;
      check.message = &message;
      check.findings = findings;
      check.municipality = -1;
      check.month = -1;
      for (guint i = 0; message.receiver != NULL && i < org->municipalities->len; i++)
        if (g_strcmp0 (DAG_AT (org->municipalities, DagMunicipality, i)->code,
                       message.receiver) == 0)
          check.municipality = (int) i;
      if (message.period_start != DAG_DATE_NONE)
        {
          int y, m, d;

          dag_date_to_ymd (message.period_start, &y, &m, &d);
          check.month_start = dag_date_from_ymd (y, m, 1);
          check.month_end = month_end (check.month_start);
          check.month = month_number (check.month_start);
        }
      check.first_line = g_new (int, MAX (org->indications->len, 1));
      for (guint i = 0; i < org->indications->len; i++)
        check.first_line[i] = -1;

      check_allocations (&check);
      check_ledger (&check);
      g_free (check.first_line);
    }

  g_array_unref (message.lines);
  g_string_chunk_free (message.chunk);
}

GPtrArray *
dag_iwmo_check_schema (const char  *xml,
                       gsize        length,
                       const char  *xsd_name,
                       GError     **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  xmlSchemaPtr schema;
  xmlDocPtr doc;

  g_return_val_if_fail (xml != NULL || length == 0, NULL);
  g_return_val_if_fail (xsd_name != NULL, NULL);

  if (!known_schema (xsd_name))
    {
      g_set_error (error, DAG_IWMO_CHECK_ERROR, DAG_IWMO_CHECK_ERROR_SCHEMA,
                   _("The iWmo schema %s can not be loaded: %s"), xsd_name,
                   _("it is not in the program"));
      return NULL;
    }
  schema = get_schema (xsd_name, error);
  if (schema == NULL)
    return NULL;

  findings = g_ptr_array_new_with_free_func ((GDestroyNotify) dag_iwmo_finding_free);
  doc = parse_message (xml, length, findings);
  if (doc != NULL)
    {
      validate_doc (schema, doc, findings);
      xmlFreeDoc (doc);
    }
  sort_findings (findings);
  return g_steal_pointer (&findings);
}

GPtrArray *
dag_iwmo_check_wmo323 (const char   *xml,
                       gsize         length,
                       const DagOrg *org,
                       GError      **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  xmlSchemaPtr schema;
  xmlDocPtr doc;

  g_return_val_if_fail (xml != NULL || length == 0, NULL);

  schema = get_schema ("WMO323.xsd", error);
  if (schema == NULL)
    return NULL;

  findings = g_ptr_array_new_with_free_func ((GDestroyNotify) dag_iwmo_finding_free);
  doc = parse_message (xml, length, findings);
  if (doc != NULL)
    {
      validate_doc (schema, doc, findings);
      check_rules (doc, org, findings);
      xmlFreeDoc (doc);
    }
  sort_findings (findings);
  return g_steal_pointer (&findings);
}
