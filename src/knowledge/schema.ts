import { z } from 'zod';

export const DOCUMENT_KINDS = [
  'notice',
  'handbook',
  'case-studies',
  'guideline',
  'support-scheme',
  'contacts',
  'faq',
  'survey',
  'reference',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

// A source that gives only a month is dated to the month (YYYY-MM): no invented day.
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be an ISO date (YYYY-MM-DD, or YYYY-MM when the source gives only a month)')
  .refine((s) => {
    const full = s.length === 7 ? `${s}-01` : s;
    const d = new Date(`${full}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(full);
  }, 'is not a real date');

/** Front matter of a knowledge Markdown document. Validated when loaded; unknown keys are refused. */
export const FrontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
    title: z.string().min(1),
    issuer: z.string().min(1),
    /** Official document number(s), e.g. 総行女第31号; null when the document has none. */
    documentNumber: z.string().min(1).nullable().default(null),
    /** Issue date, ISO. */
    issued: isoDate.nullable().default(null),
    /** Issue date in 和暦, e.g. 令和5年12月27日. */
    issuedWareki: z.string().min(1).nullable().default(null),
    url: z.string().url().nullable().default(null),
    kind: z.enum(DOCUMENT_KINDS),
    tags: z.array(z.string().min(1)).default([]),
    /** Office that owns the document's topic by default (an id from contacts.yaml). */
    office: z.string().min(1).optional(),
    /**
     * Sections whose topic another office owns, by heading (the notice's section on security measures:
     * its 連絡先 names the security office for 情報セキュリティに関すること).
     */
    sectionOffices: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Where the text comes from, for curators (e.g. the notice's section, or a secondary source). */
    source: z.string().min(1).optional(),
    /** True when the facts come from a secondary source and say so. */
    secondary: z.boolean().default(false),
    /** Headings of the sections whose facts come from a secondary source (the rest are primary). */
    secondarySections: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/** knowledge/contacts.yaml */
export const OfficeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    shortName: z.string().min(1),
    email: z.string().email().nullable().default(null),
    phone: z.string().min(1).nullable().default(null),
    /** The office's remit in the words of its source (the notice: 全般 / 情報セキュリティに関すること). */
    remit: z.string().min(1).optional(),
    /** Topics this bot routes to the office: the bot's routing rule, not the source's words. */
    handles: z.array(z.string().min(1)).min(1),
    /** Topic keywords that route a question to this office (matched on normalised text). */
    keywords: z.array(z.string().min(1)).default([]),
    source: z.string().optional(),
  })
  .strict();

export const ReferralSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    description: z.string().min(1),
    url: z.string().url().nullable().default(null),
    email: z.string().email().nullable().default(null),
    phone: z.string().min(1).nullable().default(null),
    hours: z.string().nullable().default(null),
    /** Words that name the service or what it offers (matched on normalised text): a contact question naming one gets its address. */
    keywords: z.array(z.string().min(1)).default([]),
    source: z.string().optional(),
  })
  .strict();

export const ContactsSchema = z
  .object({
    defaultOffice: z.string().default('hr'),
    offices: z.array(OfficeSchema).min(1),
    referrals: z.array(ReferralSchema).default([]),
  })
  .strict()
  .refine((c) => c.offices.some((o) => o.id === c.defaultOffice), {
    message: 'defaultOffice must name one of offices[].id',
    path: ['defaultOffice'],
  });
export type Contacts = z.infer<typeof ContactsSchema>;
export type Referral = z.infer<typeof ReferralSchema>;

/** knowledge/synonyms.yaml: groups of interchangeable terms; the first is the canonical one. */
export const SynonymsSchema = z
  .object({
    groups: z.array(z.array(z.string().min(1)).min(2)),
    /** Terms that by themselves make a question about telework (the out-of-scope test). */
    domain: z.array(z.string().min(2)).default([]),
    /**
     * Subjects this bot does not cover even when a question mentions telework (a recipe, a chair, a
     * spreadsheet formula, a side job): a question naming one is out of scope. A term the knowledge
     * itself uses is ignored, so adding knowledge never leaves a covered subject refused.
     */
    offTopic: z.array(z.string().min(2)).default([]),
  })
  .strict();
export type Synonyms = z.infer<typeof SynonymsSchema>;

/**
 * Question forms (forms/*.yaml): how staff ask for what one sentence of a document says, in Japanese and
 * English. A retrieval aid indexed beside the sentence; never shown as an answer.
 */
export const QuestionFormsSchema = z
  .object({
    document: z.string().min(1),
    sentences: z
      .array(
        z
          .object({
            /** A fragment copied exactly from one sentence of the document. */
            match: z.string().min(2),
            ja: z.array(z.string().min(1)).default([]),
            en: z.array(z.string().min(1)).default([]),
          })
          .strict()
          .refine((s) => s.ja.length + s.en.length > 0, 'give at least one question form (ja or en)'),
      )
      .min(1),
  })
  .strict();
export type QuestionForms = z.infer<typeof QuestionFormsSchema>;
