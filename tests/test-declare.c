/* test-declare.c — the iWmo 3.2 WMO323 declarations: a hand-computed month
 * read back line by line and checked against the schema and the technical
 * rules, a staffel crossing, corrections of a sent month, replacing an
 * unsent declaration, a month without differences, what can not be
 * declared, the files, and the commands through the binary. */

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>
#include <sys/stat.h>

#include "dag-declare.h"
#include "dag-iwmo-check.h"
#include "dag-production.h"
#include "dag-store.h"

#define NS_BASIS  "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
#define NS_WMO323 "http://www.istandaarden.nl/iwmo/3_2/wmo323/schema"

/* ---- an organisation built in code -------------------------------------- */

static DagDate
D (const char *text)
{
  DagDate date = DAG_DATE_NONE;

  g_assert_true (dag_date_parse (text, &date));
  return date;
}

static DagProduct *
add_product (DagContract *c, const char *product, const char *code, const char *unit,
             gint64 tariff, const char *category, const char *unit_code)
{
  DagProduct *p = dag_contract_add_product (c);

  p->product = g_strdup (product);
  p->code = g_strdup (code);
  p->name = g_strdup (product);
  p->unit = g_strdup (unit);
  p->tariff_cents = tariff;
  g_strlcpy (p->category, category, sizeof p->category);
  g_strlcpy (p->unit_code, unit_code, sizeof p->unit_code);
  return p;
}

static void
add_participant (DagOrg *org, const char *id, const char *name, const char *bsn, int municipality)
{
  DagParticipant pa = { 0 };

  pa.id = g_strdup (id);
  pa.name = g_strdup (name);
  pa.bsn = g_strdup (bsn);
  pa.birth_date = D ("1970-01-01");
  pa.address = g_strdup ("Steenstraat 5, 6828 CA Arnhem");
  pa.municipality = municipality;
  pa.transport = DAG_TRANSPORT_OWN;
  g_array_append_val (org->participants, pa);
  dag_org_invalidate_index (org);
}

static void
add_indication (DagOrg *org, const char *id, const char *participant, const char *contract,
                int product, const char *allocation, const char *start, int units)
{
  DagIndication ind = { 0 };

  ind.id = g_strdup (id);
  ind.participant = dag_org_lookup (org, DAG_KIND_PARTICIPANT, participant);
  ind.contract = dag_org_lookup (org, DAG_KIND_CONTRACT, contract);
  g_assert_cmpint (ind.participant, >=, 0);
  g_assert_cmpint (ind.contract, >=, 0);
  ind.product = product;
  ind.level = 2;
  ind.allocation_number = g_strdup (allocation);
  ind.start = D (start);
  ind.end = D ("2026-12-31");
  ind.units = units;
  ind.per = DAG_PER_WEEK;
  ind.min_units = -1;
  g_array_append_val (org->indications, ind);
  dag_org_invalidate_index (org);
}

/* Arnhem (0202): M3 at 34,50 with a staffel of 31,00 from unit 9 (tier
 * code 04A04) and transport at 12,50 a ride; Ede (0228): M3 at 36,00.
 * Jan (P1) and Fatma (P2) live in Arnhem, Kees (P3) in Ede; Fatma's
 * indications start on 11 April. */
static DagOrg *
base_org (void)
{
  DagOrg *org = dag_org_new ();
  DagMunicipality arnhem = { g_strdup ("0202"), g_strdup ("Arnhem") };
  DagMunicipality ede = { g_strdup ("0228"), g_strdup ("Ede") };
  DagStaffel tier = { 9, 3100, "04A04" };
  DagContract *c;
  DagLocation *l;
  DagGroup *g;

  g_free (org->name);
  org->name = g_strdup ("Zorgboerderij De Linde");
  g_free (org->agb_code);
  org->agb_code = g_strdup ("98765432");
  g_array_append_val (org->municipalities, arnhem);
  g_array_append_val (org->municipalities, ede);

  c = dag_org_add_contract (org);
  c->id = g_strdup ("C-ARN");
  c->municipality = 0;
  g_array_append_val (add_product (c, "M3", "04A03", "dagdeel", 3450, "07", "16")->staffel, tier);
  add_product (c, "VERVOER", "08A01", "rit", 1250, "08", "84");

  c = dag_org_add_contract (org);
  c->id = g_strdup ("C-EDE");
  c->municipality = 1;
  add_product (c, "M3", "04A03", "dagdeel", 3600, "07", "16");

  l = dag_org_add_location (org);
  l->id = g_strdup ("L1");
  l->name = g_strdup ("De Linde");
  l->address = g_strdup ("Lindelaan 1, 6800 AA Arnhem");
  l->has_part[DAG_PART_AM] = l->has_part[DAG_PART_PM] = TRUE;
  l->part_start[0] = 540; l->part_end[0] = 780;
  l->part_start[1] = 780; l->part_end[1] = 1020;

  g = dag_org_add_group (org);
  g->id = g_strdup ("G1");
  g->location = 0;
  g->name = g_strdup ("Houtwerkplaats");
  g_ptr_array_add (g->products, g_strdup ("M3"));
  g->min_level = 1;
  g->max_level = 4;
  g->capacity = 8;
  for (int day = 0; day < 5; day++)
    g->slots |= DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_AM)) | DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_PM));

  add_participant (org, "P1", "Jan Jansen", "111222333", 0);
  add_participant (org, "P2", "Fatma Yilmaz", "123456782", 0);
  add_participant (org, "P3", "Kees de Boer", "999999990", 1);

  add_indication (org, "I1", "P1", "C-ARN", 0, "100234", "2026-01-01", 4);
  add_indication (org, "I2", "P2", "C-ARN", 0, "100235", "2026-04-11", 4);
  add_indication (org, "I3", "P2", "C-ARN", 1, "100236", "2026-04-11", 8);
  add_indication (org, "I4", "P3", "C-EDE", 0, "200001", "2026-01-01", 4);
  return org;
}

/* ---- a month's production, computed by hand ----------------------------- */

static DagProduction *
production_new (int year, int month)
{
  DagProduction *p = g_new0 (DagProduction, 1);

  p->year = year;
  p->month = month;
  p->first = dag_date_from_ymd (year, month, 1);
  p->last = dag_date_from_ymd (year, month, dag_date_days_in_month (year, month));
  p->lines = g_array_new (FALSE, TRUE, sizeof (DagProductionLine));
  p->problems = g_array_new (FALSE, TRUE, sizeof (DagProductionProblem));
  p->mix = g_array_new (FALSE, TRUE, sizeof (DagProductionMix));
  return p;
}

/* A line of units for indication (id) from start to the end of the month
 * (lines are added in the production's order: municipality, BSN, code). */
static void
produce (DagProduction *p, DagOrg *org, const char *indication, const char *start, int units)
{
  DagProductionLine l = { 0 };
  const DagIndication *ind;
  const DagContract *c;

  l.indication = dag_org_lookup (org, DAG_KIND_INDICATION, indication);
  g_assert_cmpint (l.indication, >=, 0);
  ind = DAG_AT (org->indications, DagIndication, l.indication);
  c = DAG_AT (org->contracts, DagContract, ind->contract);
  l.participant = ind->participant;
  l.contract = ind->contract;
  l.product = ind->product;
  l.municipality = c->municipality;
  l.period_start = D (start);
  l.period_end = p->last;
  l.units = units;
  l.amount_cents = dag_production_price (DAG_AT (c->products, DagProduct, ind->product), units);
  g_array_append_val (p->lines, l);
}

/* April 2026: Jan 7 dagdelen (7 × 34,50 = 241,50); Fatma from 11 April 5
 * dagdelen (172,50) and 10 rides (125,00); Kees in Ede 8 dagdelen at
 * 36,00 (288,00).  Arnhem 539,00, Ede 288,00. */
static DagProduction *
april (DagOrg *org)
{
  DagProduction *p = production_new (2026, 4);

  produce (p, org, "I1", "2026-04-01", 7);
  produce (p, org, "I2", "2026-04-11", 5);
  produce (p, org, "I3", "2026-04-11", 10);
  produce (p, org, "I4", "2026-04-01", 8);
  return p;
}

/* ---- reading a message back --------------------------------------------- */

static char *
xpath_string (xmlXPathContext *ctx, xmlNode *node, const char *expr)
{
  g_autofree char *full = g_strdup_printf ("string(%s)", expr);
  xmlXPathObject *o;
  char *s;

  ctx->node = node;
  o = xmlXPathEvalExpression ((const xmlChar *) full, ctx);
  g_assert_nonnull (o);
  s = g_strdup ((const char *) o->stringval);
  xmlXPathFreeObject (o);
  return s;
}

/* The message as text, independently of how it was written: a header line
 * "from to number period date total D|C", then per Prestatie "BSN reference
 * previous|- allocation category code begin end volume unit tariff amount
 * D|C". */
static char *
read_message (const char *xml, gsize length)
{
  xmlDoc *doc = xmlReadMemory (xml, length, "message.xml", NULL, XML_PARSE_NONET);
  xmlXPathContext *ctx;
  xmlXPathObject *clients;
  GString *out = g_string_new (NULL);
  static const char *const header[] = {
    "/w:Bericht/w:Header/w:Afzender", "/w:Bericht/w:Header/w:Ontvanger",
    "/w:Bericht/w:Declaratie/w:DeclaratieNummer",
    "/w:Bericht/w:Declaratie/w:DeclaratiePeriode/i:Begindatum",
    "/w:Bericht/w:Declaratie/w:DeclaratiePeriode/i:Einddatum",
    "/w:Bericht/w:Declaratie/w:DeclaratieDagtekening",
    "/w:Bericht/w:Declaratie/w:TotaalIngediendBedrag/i:TotaalBedrag",
    "/w:Bericht/w:Declaratie/w:TotaalIngediendBedrag/i:DebetCredit",
  };
  static const char *const fields[] = {
    "w:ProductReferentie/i:ReferentieNummer", "w:ProductReferentie/i:VorigReferentieNummer",
    "w:ToewijzingNummer", "w:ProductCategorie", "w:ProductCode",
    "w:ProductPeriode/i:Begindatum", "w:ProductPeriode/i:Einddatum", "w:GeleverdVolume",
    "w:Eenheid", "w:ProductTarief", "w:IngediendBedrag/i:Bedrag", "w:IngediendBedrag/i:DebetCredit",
  };

  g_assert_nonnull (doc);
  ctx = xmlXPathNewContext (doc);
  xmlXPathRegisterNs (ctx, (const xmlChar *) "w", (const xmlChar *) NS_WMO323);
  xmlXPathRegisterNs (ctx, (const xmlChar *) "i", (const xmlChar *) NS_BASIS);

  {
    /* The fixed header fields first. */
    g_autofree char *code = xpath_string (ctx, NULL, "/w:Bericht/w:Header/w:BerichtCode");
    g_autofree char *version = xpath_string (ctx, NULL, "/w:Bericht/w:Header/w:BerichtVersie");
    g_autofree char *sub = xpath_string (ctx, NULL, "/w:Bericht/w:Header/w:BerichtSubversie");
    g_autofree char *id = xpath_string (ctx, NULL, "/w:Bericht/w:Header/w:BerichtIdentificatie/i:Identificatie");
    g_autofree char *number = xpath_string (ctx, NULL, "/w:Bericht/w:Declaratie/w:DeclaratieNummer");
    g_autofree char *xsd = xpath_string (ctx, NULL, "/w:Bericht/w:Header/w:XsdVersie/i:BerichtXsdVersie");

    g_assert_cmpstr (code, ==, "484");
    g_assert_cmpstr (version, ==, "3");
    g_assert_cmpstr (sub, ==, "2");
    g_assert_cmpstr (id, ==, number);
    g_assert_cmpstr (xsd, ==, "1.0.0");
  }
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      g_autofree char *s = xpath_string (ctx, NULL, header[i]);
      g_string_append_printf (out, "%s%s", i ? " " : "", s);
    }
  g_string_append_c (out, '\n');

  ctx->node = NULL;
  clients = xmlXPathEvalExpression ((const xmlChar *) "/w:Bericht/w:Declaratie/w:Clienten/w:Client", ctx);
  g_assert_nonnull (clients->nodesetval);
  for (int c = 0; c < clients->nodesetval->nodeNr; c++)
    {
      xmlNode *client = clients->nodesetval->nodeTab[c];
      g_autofree char *bsn = xpath_string (ctx, client, "w:Bsn");
      xmlXPathObject *lines;

      ctx->node = client;
      lines = xmlXPathEvalExpression ((const xmlChar *) "w:Prestaties/w:Prestatie", ctx);
      for (int j = 0; j < lines->nodesetval->nodeNr; j++)
        {
          g_string_append (out, bsn);
          for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
            {
              g_autofree char *s = xpath_string (ctx, lines->nodesetval->nodeTab[j], fields[f]);
              g_string_append_printf (out, " %s", *s ? s : "-");
            }
          g_string_append_c (out, '\n');
        }
      xmlXPathFreeObject (lines);
    }
  xmlXPathFreeObject (clients);
  xmlXPathFreeContext (ctx);
  xmlFreeDoc (doc);
  return g_string_free (out, FALSE);
}

/* The message's findings, one per line ("" when it passes). */
static char *
findings_text (GPtrArray *findings)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      g_autofree char *d = dag_iwmo_finding_describe (g_ptr_array_index (findings, i));
      g_string_append_printf (s, "%s\n", d);
    }
  return g_string_free (s, FALSE);
}

/* Checks that msg passes the schema and the rules: its own findings and a
 * fresh check of its XML against org. */
static void
assert_valid (const DagDeclareMessage *msg, const DagOrg *org)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) again = dag_iwmo_check_wmo323 (msg->xml, msg->length, org, &error);
  g_autofree char *own = findings_text (msg->findings);
  g_autofree char *fresh = NULL;

  g_assert_no_error (error);
  fresh = findings_text (again);
  g_assert_cmpstr (own, ==, "");
  g_assert_cmpstr (fresh, ==, "");
}

static DagDeclareMessage *
message (DagDeclareResult *result, guint i)
{
  g_assert_cmpuint (i, <, result->messages->len);
  return g_ptr_array_index (result->messages, i);
}

static void
assert_message (DagDeclareMessage *msg, const DagOrg *org, const char *expected)
{
  g_autofree char *text = read_message (msg->xml, msg->length);

  g_assert_cmpstr (text, ==, expected);
  assert_valid (msg, org);
}

/* ---- the cases ---------------------------------------------------------- */

#define ARNHEM_APRIL \
  "98765432 0202 D0202202604 2026-04-01 2026-04-30 2026-05-04 53900 D\n" \
  "111222333 R000000000001 - 100234 07 04A03 2026-04-01 2026-04-30 7 16 3450 24150 D\n" \
  "123456782 R000000000002 - 100235 07 04A03 2026-04-11 2026-04-30 5 16 3450 17250 D\n" \
  "123456782 R000000000003 - 100236 08 08A01 2026-04-11 2026-04-30 10 84 1250 12500 D\n"
#define EDE_APRIL \
  "98765432 0228 D0228202604 2026-04-01 2026-04-30 2026-05-04 28800 D\n" \
  "999999990 R000000000004 - 200001 07 04A03 2026-04-01 2026-04-30 8 16 3600 28800 D\n"

/* A month declared for the first time: one message per municipality, one
 * line per allocation and product, each amount volume × tariff, the
 * ledger entry matching the file. */
static void
test_month (void)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagProduction) production = april (org);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeclareResult) result = dag_declare_month (org, production, -1, D ("2026-05-04"), &error);
  DagDeclareMessage *arnhem, *ede;
  const DagDeclarationLine *l;

  g_assert_no_error (error);
  g_assert_cmpuint (result->messages->len, ==, 2);
  g_assert_cmpuint (result->unchanged->len, ==, 0);
  g_assert_cmpuint (result->withdrawn->len, ==, 0);
  arnhem = message (result, 0);
  ede = message (result, 1);

  assert_message (arnhem, org, ARNHEM_APRIL);
  assert_message (ede, org, EDE_APRIL);
  g_assert_cmpstr (arnhem->file_name, ==, "WMO323-0202-2026-04-D0202202604.xml");
  g_assert_cmpstr (ede->file_name, ==, "WMO323-0228-2026-04-D0228202604.xml");
  g_assert_cmpint (arnhem->total_cents, ==, 53900);
  g_assert_cmpuint (arnhem->n_debit, ==, 3);
  g_assert_cmpuint (arnhem->n_credit, ==, 0);
  g_assert_null (arnhem->replaces);

  /* The ledger entry holds what the file holds. */
  g_assert_cmpstr (arnhem->declaration->number, ==, "D0202202604");
  g_assert_cmpint (arnhem->declaration->municipality, ==, 0);
  g_assert_cmpuint (arnhem->declaration->month, ==, D ("2026-04-01"));
  g_assert_cmpuint (arnhem->declaration->written, ==, D ("2026-05-04"));
  g_assert_cmpuint (arnhem->declaration->sent, ==, DAG_DATE_NONE);
  g_assert_cmpuint (arnhem->declaration->lines->len, ==, 3);
  l = DAG_AT (arnhem->declaration->lines, DagDeclarationLine, 2);
  g_assert_cmpstr (l->reference, ==, "R000000000003");
  g_assert_cmpint (l->indication, ==, dag_org_lookup (org, DAG_KIND_INDICATION, "I3"));
  g_assert_cmpstr (l->product_code, ==, "08A01");
  g_assert_cmpint (l->units, ==, 10);
  g_assert_cmpint (l->amount_cents, ==, 12500);
  g_assert_cmpint (l->debit_credit, ==, 'D');
  g_assert_null (l->corrects);
  g_assert_cmpint (dag_declaration_total_cents (arnhem->declaration), ==, 53900);

  /* Only Ede. */
  {
    g_autoptr(DagDeclareResult) one = dag_declare_month (org, production, 1, D ("2026-05-04"), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (one->messages->len, ==, 1);
    g_assert_cmpint (message (one, 0)->municipality, ==, 1);
  }
}

/* Twelve dagdelen under a staffel from unit 9: units 1–8 at 34,50 under
 * 04A03, units 9–12 at 31,00 under the tier's code 04A04, two lines each
 * volume × tariff, together the staffel's price. */
static void
test_staffel (void)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagProduction) production = production_new (2026, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeclareResult) result = NULL;
  const DagProductionLine *line;

  produce (production, org, "I1", "2026-04-01", 12);
  line = DAG_AT (production->lines, DagProductionLine, 0);
  g_assert_cmpint (line->amount_cents, ==, 8 * 3450 + 4 * 3100);
  result = dag_declare_month (org, production, -1, D ("2026-05-04"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->messages->len, ==, 1);
  assert_message (message (result, 0), org,
                  "98765432 0202 D0202202604 2026-04-01 2026-04-30 2026-05-04 40000 D\n"
                  "111222333 R000000000001 - 100234 07 04A03 2026-04-01 2026-04-30 8 16 3450 27600 D\n"
                  "111222333 R000000000002 - 100234 07 04A04 2026-04-01 2026-04-30 4 16 3100 12400 D\n");
  g_assert_cmpint (message (result, 0)->total_cents, ==, line->amount_cents);

  /* Exactly eight units stay in the first tier: one line. */
  DAG_AT (production->lines, DagProductionLine, 0)->units = 8;
  DAG_AT (production->lines, DagProductionLine, 0)->amount_cents = 27600;
  g_clear_pointer (&result, dag_declare_result_free);
  result = dag_declare_month (org, production, -1, D ("2026-05-04"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (message (result, 0)->declaration->lines->len, ==, 1);
}

/* Declares and records month of org, marking it sent when asked. */
static void
declare_and_apply (DagOrg *org, DagProduction *production, const char *today, gboolean send)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeclareResult) result = dag_declare_month (org, production, -1, D (today), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < result->messages->len; i++)
    assert_valid (message (result, i), org);
  dag_declare_result_apply (result, org);
  for (guint i = 0; send && i < org->declarations->len; i++)
    {
      DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);
      if (d->sent == DAG_DATE_NONE)
        {
          g_assert_true (dag_declaration_mark_sent (org, d->number, D (today), &error));
          g_assert_no_error (error);
        }
    }
}

/* April was sent; then Jan's attendance drops from 7 to 6 and Fatma's
 * rides go.  The next declaration holds only the differences: a credit
 * for Jan's old line and a debit for the new one, a credit for the rides;
 * Ede has no difference and gets nothing.  Total 207,00 − 241,50 − 125,00
 * = −159,50, a credit. */
static void
test_correction (void)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagProduction) first = april (org);
  g_autoptr(DagProduction) changed = production_new (2026, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeclareResult) result = NULL;
  DagDeclareMessage *msg;

  declare_and_apply (org, first, "2026-05-04", TRUE);
  g_assert_cmpuint (org->declarations->len, ==, 2);
  g_assert_true (dag_org_month_declared (org, D ("2026-04-15")));

  produce (changed, org, "I1", "2026-04-01", 6);
  produce (changed, org, "I2", "2026-04-11", 5);
  produce (changed, org, "I4", "2026-04-01", 8);
  result = dag_declare_month (org, changed, -1, D ("2026-05-20"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->messages->len, ==, 1);
  g_assert_cmpuint (result->unchanged->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->unchanged, 0), ==, "0228");
  msg = message (result, 0);
  assert_message (msg, org,
                  "98765432 0202 D02022026041 2026-04-01 2026-04-30 2026-05-20 15950 C\n"
                  "111222333 R000000000005 R000000000001 100234 07 04A03 2026-04-01 2026-04-30 7 16 3450 24150 C\n"
                  "111222333 R000000000006 - 100234 07 04A03 2026-04-01 2026-04-30 6 16 3450 20700 D\n"
                  "123456782 R000000000007 R000000000003 100236 08 08A01 2026-04-11 2026-04-30 10 84 1250 12500 C\n");
  g_assert_cmpint (msg->total_cents, ==, -15950);
  g_assert_cmpuint (msg->n_credit, ==, 2);
  g_assert_cmpuint (msg->n_debit, ==, 1);
  g_assert_null (msg->replaces);
  g_assert_cmpstr (DAG_AT (msg->declaration->lines, DagDeclarationLine, 0)->corrects, ==, "R000000000001");

  /* Recorded and sent, the corrected month stands as it is now: declaring
   * it again finds nothing. */
  dag_declare_result_apply (result, org);
  g_assert_null (msg->declaration);
  g_assert_cmpuint (org->declarations->len, ==, 3);
  g_assert_true (dag_declaration_mark_sent (org, "D02022026041", D ("2026-05-21"), &error));
  g_clear_pointer (&result, dag_declare_result_free);
  result = dag_declare_month (org, changed, -1, D ("2026-05-22"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->messages->len, ==, 0);
  g_assert_cmpuint (result->unchanged->len, ==, 2);

  /* Back to seven: the 6 is taken back and 7 declared anew (never the
   * first line again: it was credited). */
  g_clear_pointer (&result, dag_declare_result_free);
  result = dag_declare_month (org, first, 0, D ("2026-05-22"), &error);
  g_assert_no_error (error);
  assert_message (message (result, 0), org,
                  "98765432 0202 D02022026042 2026-04-01 2026-04-30 2026-05-22 15950 D\n"
                  "111222333 R000000000008 R000000000006 100234 07 04A03 2026-04-01 2026-04-30 6 16 3450 20700 C\n"
                  "111222333 R000000000009 - 100234 07 04A03 2026-04-01 2026-04-30 7 16 3450 24150 D\n"
                  "123456782 R000000000010 - 100236 08 08A01 2026-04-11 2026-04-30 10 84 1250 12500 D\n");
}

/* A line the municipality rejected (WMO325) did not happen: it is declared
 * again as a new debit, without a credit. */
static void
test_rejected_line (void)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagProduction) production = april (org);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeclareResult) result = NULL;
  DagDeclarationLine *l;

  declare_and_apply (org, production, "2026-05-04", TRUE);
  l = DAG_AT (DAG_AT (org->declarations, DagDeclaration, 0)->lines, DagDeclarationLine, 1);
  g_assert_cmpstr (l->reference, ==, "R000000000002");
  l->has_response = TRUE;
  l->response_code = g_strdup ("8001");
  l->response_accepted = FALSE;
  result = dag_declare_month (org, production, 0, D ("2026-06-02"), &error);
  g_assert_no_error (error);
  /* The local check does not count the rejected line as declared (TR389). */
  assert_message (message (result, 0), org,
                  "98765432 0202 D02022026041 2026-04-01 2026-04-30 2026-06-02 17250 D\n"
                  "123456782 R000000000005 - 100235 07 04A03 2026-04-11 2026-04-30 5 16 3450 17250 D\n");
}

/* Declared again before it was sent, the month's declaration is replaced
 * as a whole: a new number, new references, debit lines only. */
static void
test_replace_unsent (void)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagProduction) first = april (org);
  g_autoptr(DagProduction) changed = production_new (2026, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeclareResult) result = NULL;
  DagDeclareMessage *msg;

  declare_and_apply (org, first, "2026-05-04", FALSE);
  produce (changed, org, "I1", "2026-04-01", 6);
  produce (changed, org, "I4", "2026-04-01", 8);
  result = dag_declare_month (org, changed, -1, D ("2026-05-05"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->messages->len, ==, 2);
  msg = message (result, 0);
  g_assert_cmpstr (msg->replaces, ==, "D0202202604");
  assert_message (msg, org,
                  "98765432 0202 D02022026041 2026-04-01 2026-04-30 2026-05-05 20700 D\n"
                  "111222333 R000000000005 - 100234 07 04A03 2026-04-01 2026-04-30 6 16 3450 20700 D\n");
  g_assert_cmpstr (message (result, 1)->replaces, ==, "D0228202604");

  dag_declare_result_apply (result, org);
  g_assert_cmpuint (org->declarations->len, ==, 2);
  g_assert_cmpstr (DAG_AT (org->declarations, DagDeclaration, 0)->number, ==, "D02022026041");
  g_assert_cmpstr (DAG_AT (org->declarations, DagDeclaration, 1)->number, ==, "D02282026041");
  g_assert_false (dag_org_month_declared (org, D ("2026-04-01")));

  /* Nothing to declare any more for Ede: its unsent declaration goes. */
  g_clear_pointer (&result, dag_declare_result_free);
  g_array_set_size (changed->lines, 1);
  result = dag_declare_month (org, changed, -1, D ("2026-05-06"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->messages->len, ==, 1);
  g_assert_cmpuint (result->withdrawn->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->withdrawn, 0), ==, "D02282026041");
  dag_declare_result_apply (result, org);
  g_assert_cmpuint (org->declarations->len, ==, 1);
  g_assert_cmpstr (DAG_AT (org->declarations, DagDeclaration, 0)->number, ==, "D02022026042");
}

/* A sent month without differences: no message, and it says so. */
static void
test_no_difference (void)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagProduction) production = april (org);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeclareResult) result = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dagritme-declare-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "out", NULL);

  declare_and_apply (org, production, "2026-05-04", TRUE);
  result = dag_declare_month (org, production, -1, D ("2026-06-01"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->messages->len, ==, 0);
  g_assert_cmpuint (result->unchanged->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (result->unchanged, 0), ==, "0202");
  g_assert_cmpstr (g_ptr_array_index (result->unchanged, 1), ==, "0228");
  g_assert_true (dag_declare_result_write (result, folder, &error));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  dag_declare_result_apply (result, org);
  g_assert_cmpuint (org->declarations->len, ==, 2);
  g_rmdir (dir);
}

/* What can not be declared is named, each record with what it misses, and
 * nothing is returned. */
static void
test_not_declarable (void)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagProduction) production = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeclareResult) result = NULL;
  DagContract *arn = DAG_AT (org->contracts, DagContract, 0);
  DagContract *ede = DAG_AT (org->contracts, DagContract, 1);
  DagIndication *i1 = DAG_AT (org->indications, DagIndication, 0);

  g_free (i1->allocation_number);
  i1->allocation_number = g_strdup ("A-2026-0001");
  DAG_AT (ede->products, DagProduct, 0)->category[0] = '\0';
  DAG_AT (arn->products, DagProduct, 1)->unit_code[0] = '\0';
  DAG_AT (DAG_AT (arn->products, DagProduct, 0)->staffel, DagStaffel, 0)->code[0] = '\0';
  production = april (org);

  result = dag_declare_month (org, production, -1, D ("2026-05-04"), &error);
  g_assert_null (result);
  g_assert_error (error, DAG_DECLARE_ERROR, DAG_DECLARE_ERROR_NOT_DECLARABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message,
                            "indication I1 (participant P1): the allocation number “A-2026-0001” is not a number"));
  g_assert_nonnull (strstr (error->message, "contract C-EDE, product M3: no iWmo product category"));
  g_assert_nonnull (strstr (error->message, "contract C-ARN, product VERVOER: no iWmo unit code"));
  g_assert_nonnull (strstr (error->message,
                            "contract C-ARN, product M3: the staffel tier from unit 9 has no product code"));
  /* Each named once, and no BSN. */
  g_assert_true (strstr (error->message, "I1") == g_strrstr (error->message, "I1"));
  g_assert_null (strstr (error->message, "111222333"));

  /* Only Ede: only what Ede's lines need. */
  g_clear_error (&error);
  result = dag_declare_month (org, production, 1, D ("2026-05-04"), &error);
  g_assert_null (result);
  g_assert_nonnull (strstr (error->message, "C-EDE"));
  g_assert_null (strstr (error->message, "C-ARN"));
  g_assert_null (strstr (error->message, "I1"));
}

/* The files: one per message, mode 0600, the message's bytes, no temp
 * file left; the ledger: sent once, and only what exists. */
static void
test_write_and_sent (void)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagProduction) production = april (org);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeclareResult) result = dag_declare_month (org, production, -1, D ("2026-05-04"), &error);
  g_autofree char *dir = g_dir_make_tmp ("dagritme-declare-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "wmo323", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (dag_declare_result_write (result, folder, &error));
  g_assert_no_error (error);
  listing = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      const DagDeclareMessage *msg = message (result, strstr (name, "0202") ? 0 : 1);
      GStatBuf st;
      gsize length;

      g_assert_cmpstr (name, ==, msg->file_name);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpmem (contents, length, msg->xml, msg->length);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_unlink (path);
      n++;
    }
  g_assert_cmpuint (n, ==, 2);
  g_rmdir (folder);
  g_rmdir (dir);

  dag_declare_result_apply (result, org);
  g_assert_true (dag_declaration_mark_sent (org, "D0202202604", D ("2026-05-05"), &error));
  g_assert_false (dag_declaration_mark_sent (org, "D0202202604", D ("2026-05-06"), &error));
  g_assert_error (error, DAG_DECLARE_ERROR, DAG_DECLARE_ERROR_ALREADY_SENT);
  g_clear_error (&error);
  g_assert_false (dag_declaration_mark_sent (org, "D9999", D ("2026-05-06"), &error));
  g_assert_error (error, DAG_DECLARE_ERROR, DAG_DECLARE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dag_declaration_mark_sent (org, "D0228202604", D ("2026-05-01"), &error));
  g_assert_error (error, DAG_DECLARE_ERROR, DAG_DECLARE_ERROR_INVALID);
}

/* ---- the commands ------------------------------------------------------- */

typedef struct {
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

/* Runs the dagritme binary on database with today fixed. */
static Result
run (const char *today, const char *database, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  const char *binary = g_getenv ("DAGRITME_BINARY");
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) database);
  va_start (args, database);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  envp = g_environ_setenv (envp, "DAGRITME_TODAY", today, TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  return r;
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);

      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        remove_tree (p);
      else
        g_unlink (p);
    }
  g_rmdir (dir);
}

/* April 2026 planned and attended: Jan Monday and Wednesday mornings (no
 * session on Easter Monday 6 and Koningsdag 27 April): 7 dagdelen; Kees in
 * Ede Monday mornings: 13 and 20 April, 2 dagdelen. */
static void
save_attended_april (const char *path, const char *jan_allocation)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *jan[] = { "2026-04-01", "2026-04-08", "2026-04-13", "2026-04-15", "2026-04-20",
                        "2026-04-22", "2026-04-29" };
  const char *kees[] = { "2026-04-13", "2026-04-20" };
  DagPlanEntry e = { 0, 0, DAG_SLOT (0, DAG_PART_AM), DAG_DATE_NONE, DAG_DATE_NONE };

  g_free (DAG_AT (org->indications, DagIndication, 0)->allocation_number);
  DAG_AT (org->indications, DagIndication, 0)->allocation_number = g_strdup (jan_allocation);
  /* Fatma's indications stay unused: she is not planned. */
  g_array_append_val (org->plan, e);
  e.slot = DAG_SLOT (2, DAG_PART_AM);
  g_array_append_val (org->plan, e);
  e.participant = 2;
  e.slot = DAG_SLOT (0, DAG_PART_AM);
  g_array_append_val (org->plan, e);
  for (guint i = 0; i < G_N_ELEMENTS (jan) + G_N_ELEMENTS (kees); i++)
    {
      DagAttendance a = { i < G_N_ELEMENTS (jan) ? 0 : 2,
                          D (i < G_N_ELEMENTS (jan) ? jan[i] : kees[i - G_N_ELEMENTS (jan)]),
                          DAG_PART_AM, DAG_ATTEND_PRESENT, -1, NULL };
      g_array_append_val (org->attendance, a);
    }
  store = dag_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
}

static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-declare-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "t.db", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *file = g_build_filename (out, "WMO323-0202-2026-04-D0202202604.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(GError) error = NULL;
  Result r;

  /* A non-numeric allocation number: refused by name, nothing written. */
  save_attended_april (db, "A-2026-0001");
  r = run ("2026-05-04", db, "declare", "--month", "2026-04", "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "indication I1 (participant P1): the allocation number “A-2026-0001”"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  result_clear (&r);
  /* The same through export production --format xml, its alias. */
  r = run ("2026-05-04", db, "export", "production", "--month", "2026-04", "--format", "xml",
           "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "A-2026-0001"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  result_clear (&r);

  g_unlink (db);
  save_attended_april (db, "100234");
  r = run ("2026-05-04", db, "declare", "--month", "2026-04", "--output", out, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "WMO323-0202-2026-04-D0202202604.xml: 1 line, total 241,50 EUR"));
  g_assert_nonnull (strstr (r.out, "WMO323-0228-2026-04-D0228202604.xml: 1 line, total 72,00 EUR"));
  result_clear (&r);
  g_assert_cmpuint (count_files (out), ==, 2);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  {
    g_autofree char *text = read_message (contents, strlen (contents));
    g_assert_cmpstr (text, ==,
                     "98765432 0202 D0202202604 2026-04-01 2026-04-30 2026-05-04 24150 D\n"
                     "111222333 R000000000001 - 100234 07 04A03 2026-04-01 2026-04-30 7 16 3450 24150 D\n");
  }

  /* Recorded in the database. */
  store = dag_store_open (db, &error);
  org = dag_store_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (org->declarations->len, ==, 2);
  g_clear_object (&store);

  r = run ("2026-05-04", db, "declarations", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "D0202202604"));
  g_assert_nonnull (strstr (r.out, "0202 Arnhem"));
  g_assert_nonnull (strstr (r.out, "written 2026-05-04"));
  result_clear (&r);

  r = run ("2026-05-05", db, "declaration", "sent", "D0202202604", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run ("2026-05-05", db, "declaration", "sent", "D0202202604", NULL);
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);
  r = run ("2026-05-05", db, "declaration", "sent", "NOPE", NULL);
  g_assert_cmpint (r.status, ==, 1);
  result_clear (&r);
  r = run ("2026-05-05", db, "declarations", "--month", "2026-04", NULL);
  g_assert_nonnull (strstr (r.out, "sent 2026-05-05"));
  result_clear (&r);

  /* Sent, unchanged: nothing written, exit 0, and it says so.  Ede was
   * not sent: it is written again, replacing the first. */
  r = run ("2026-05-06", db, "declare", "--month", "2026-04", "--municipality", "0202", "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Arnhem (0202): no differences"));
  g_assert_cmpuint (count_files (out), ==, 2);
  result_clear (&r);
  r = run ("2026-05-06", db, "declare", "--month", "2026-04", "--municipality", "0228", "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "WMO323-0228-2026-04-D02282026041.xml"));
  g_assert_nonnull (strstr (r.out, "replaces declaration D0228202604"));
  g_assert_cmpuint (count_files (out), ==, 3);
  result_clear (&r);

  /* Wrong command lines. */
  r = run ("2026-05-06", db, "declare", "--month", "2026-13", "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run ("2026-05-06", db, "declare", "--month", "2026-04", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run ("2026-05-06", db, "declaration", "sent", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/declare/month", test_month);
  g_test_add_func ("/declare/staffel", test_staffel);
  g_test_add_func ("/declare/correction", test_correction);
  g_test_add_func ("/declare/rejected-line", test_rejected_line);
  g_test_add_func ("/declare/replace-unsent", test_replace_unsent);
  g_test_add_func ("/declare/no-difference", test_no_difference);
  g_test_add_func ("/declare/not-declarable", test_not_declarable);
  g_test_add_func ("/declare/write-and-sent", test_write_and_sent);
  g_test_add_func ("/declare/cli", test_cli);
  return g_test_run ();
}
