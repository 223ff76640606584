/**
 * Writes small Japanese PDFs by hand for the PDF reader's tests: no font file, no PDF library.
 *
 * Japanese text uses a Type0 font over a non-embedded CJK font (HeiseiKakuGo-W5):
 * - `Identity-H` (default): our own CIDs, one per distinct character, and a ToUnicode CMap so
 *   extraction yields the exact text (glyph shapes are not the point of a test fixture);
 * - `UniJIS-UTF16-H`: the predefined Adobe-Japan1 CMap and no ToUnicode, so a reader can only
 *   recover the text with Adobe's CMap files (pdf.js' cmaps/): it proves they are read locally.
 * Page numbers use the standard Helvetica font (pdf.js reads its standard font data for it).
 * Output is deterministic (no dates, fixed /ID), so a committed fixture can be compared byte for byte.
 */
import { createHash } from 'node:crypto';

export interface TextRun {
  text: string;
  x: number;
  y: number;
  size: number;
  /** 'latin' = Helvetica (ASCII only); default 'cjk'. */
  font?: 'cjk' | 'latin';
  /** Extra gap, in thousandths of an em, between CJK and ASCII runs (和欧間 spacing as Word writes it). */
  latinGap?: number;
}

export interface PageSpec {
  runs: TextRun[];
  /** Raw content-stream operators drawn before the text (e.g. a grey box standing in for a scan). */
  graphics?: string;
}

export interface OutlineSpec {
  title: string;
  /** 1-based page. */
  page: number;
  /** Top of the destination (XYZ); default the top of the page. */
  top?: number;
  children?: OutlineSpec[];
}

export interface PdfSpec {
  pages: PageSpec[];
  outline?: OutlineSpec[];
  /** Outline destinations as named destinations (/Names /Dests) instead of explicit arrays. */
  namedDestinations?: boolean;
  info?: { title?: string; author?: string };
  cjkEncoding?: 'Identity-H' | 'UniJIS-UTF16-H';
  /** 'private-use': a broken ToUnicode mapping every CID into the private use area (mojibake PDFs). */
  toUnicode?: 'exact' | 'private-use';
  /** Standard security handler, revision 2 (RC4 40-bit). An empty user password opens without asking. */
  encrypt?: { userPassword: string; ownerPassword: string };
}

export const PAGE_WIDTH = 595;
export const PAGE_HEIGHT = 842;

// ---------------------------------------------------------------------------------------------
// A minimal object model: enough to serialise (and optionally encrypt) every object we write.

class Name {
  constructor(readonly name: string) {}
}
class Ref {
  constructor(readonly num: number) {}
}
/** A string object: bytes written as hex (encrypted per object when the file is encrypted). */
class Str {
  constructor(readonly bytes: Uint8Array) {}
}
type Value = number | boolean | null | Name | Ref | Str | Value[] | { [key: string]: Value };
interface Stream {
  dict: { [key: string]: Value };
  data: Uint8Array;
}

const name = (n: string) => new Name(n);
const ascii = (s: string) => new Str(new Uint8Array(Buffer.from(s, 'latin1')));
/** A PDF text string: UTF-16BE with a byte-order mark. */
const textString = (s: string) => {
  const units: number[] = [0xfe, 0xff];
  for (let i = 0; i < s.length; i++) units.push(s.charCodeAt(i) >> 8, s.charCodeAt(i) & 0xff);
  return new Str(new Uint8Array(units));
};

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, '').replace(/\.$/, ''));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

function serialize(v: Value, enc: (b: Uint8Array) => Uint8Array): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return fmt(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Name) return `/${v.name}`;
  if (v instanceof Ref) return `${v.num} 0 R`;
  if (v instanceof Str) return `<${hex(enc(v.bytes))}>`;
  if (Array.isArray(v)) return `[${v.map((x) => serialize(x, enc)).join(' ')}]`;
  return `<< ${Object.entries(v)
    .map(([k, x]) => `/${k} ${serialize(x, enc)}`)
    .join(' ')} >>`;
}

// RC4 and the revision-2 standard security handler (PDF 32000-1, 7.6.3): small enough to write here.
function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  let i = 0;
  j = 0;
  for (let k = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}
const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const padPassword = (p: string) => Buffer.concat([Buffer.from(p, 'latin1'), PAD]).subarray(0, 32);
const md5 = (...parts: Uint8Array[]) => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

// ---------------------------------------------------------------------------------------------

/** Unicode code points of a string as UTF-16 code units, 2 bytes each (BMP only: enough here). */
function utf16be(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[i * 2] = s.charCodeAt(i) >> 8;
    out[i * 2 + 1] = s.charCodeAt(i) & 0xff;
  }
  return out;
}

const isHalfWidth = (ch: string) => ch.charCodeAt(0) < 0x80;

/** Advance of one character in thousandths of an em in our CJK font. */
export const charWidth = (ch: string) => (isHalfWidth(ch) ? 500 : 1000);

export function makePdf(spec: PdfSpec): Uint8Array {
  const encoding = spec.cjkEncoding ?? 'Identity-H';
  const objects: (Value | Stream)[] = [];
  const alloc = () => {
    objects.push(null);
    return new Ref(objects.length);
  };
  const set = (ref: Ref, v: Value | Stream) => {
    objects[ref.num - 1] = v;
  };

  // Our own CIDs for Identity-H: numbered in order of first use, so output is deterministic.
  const cids = new Map<string, number>();
  for (const page of spec.pages)
    for (const run of page.runs) if (run.font !== 'latin') for (const ch of run.text) if (!cids.has(ch)) cids.set(ch, cids.size + 1);
  const code = (s: string): Uint8Array => {
    if (encoding === 'UniJIS-UTF16-H') return utf16be(s);
    const out = new Uint8Array(s.length * 2);
    [...s].forEach((ch, i) => {
      const cid = cids.get(ch)!;
      out[i * 2] = cid >> 8;
      out[i * 2 + 1] = cid & 0xff;
    });
    return out;
  };

  const catalog = alloc();
  const pagesRef = alloc();
  const cjkFont = alloc();
  const cidFont = alloc();
  const descriptor = alloc();
  const latinFont = alloc();
  const pageRefs = spec.pages.map(() => ({ page: alloc(), content: alloc() }));

  // Fonts.
  set(descriptor, {
    Type: name('FontDescriptor'),
    FontName: name('HeiseiKakuGo-W5'),
    Flags: 4,
    FontBBox: [-92, -250, 1010, 922],
    ItalicAngle: 0,
    Ascent: 880,
    Descent: -120,
    CapHeight: 737,
    StemV: 114,
  });
  const halfWidthCids = [...cids.entries()].filter(([ch]) => isHalfWidth(ch)).map(([, cid]) => cid);
  set(cidFont, {
    Type: name('Font'),
    Subtype: name('CIDFontType0'),
    BaseFont: name('HeiseiKakuGo-W5'),
    CIDSystemInfo:
      encoding === 'Identity-H'
        ? { Registry: ascii('Adobe'), Ordering: ascii('Identity'), Supplement: 0 }
        : { Registry: ascii('Adobe'), Ordering: ascii('Japan1'), Supplement: 5 },
    FontDescriptor: descriptor,
    DW: 1000,
    // Adobe-Japan1 CIDs 1-95 are the proportional Latin glyphs; ours are listed one by one.
    W: encoding === 'Identity-H' ? halfWidthCids.flatMap((cid) => [cid, [500]]) : [1, 95, 500],
  });
  const type0: { [key: string]: Value } = {
    Type: name('Font'),
    Subtype: name('Type0'),
    BaseFont: name(encoding === 'Identity-H' ? 'HeiseiKakuGo-W5' : 'HeiseiKakuGo-W5-UniJIS-UTF16-H'),
    Encoding: name(encoding),
    DescendantFonts: [cidFont],
  };
  if (encoding === 'Identity-H') {
    const toUnicode = alloc();
    type0.ToUnicode = toUnicode;
    const target = (ch: string, cid: number) => (spec.toUnicode === 'private-use' ? String.fromCharCode(0xe000 + cid) : ch);
    const entries = [...cids.entries()].map(([ch, cid]) => `<${cid.toString(16).padStart(4, '0').toUpperCase()}> <${hex(utf16be(target(ch, cid)))}>`);
    const blocks: string[] = [];
    for (let i = 0; i < entries.length; i += 100) {
      const block = entries.slice(i, i + 100);
      blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
    }
    const cmap = [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
      ...blocks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
    set(toUnicode, { dict: {}, data: new Uint8Array(Buffer.from(cmap, 'latin1')) });
  }
  set(cjkFont, type0);
  set(latinFont, { Type: name('Font'), Subtype: name('Type1'), BaseFont: name('Helvetica'), Encoding: name('WinAnsiEncoding') });

  // Pages.
  spec.pages.forEach((page, i) => {
    const ops: string[] = [];
    if (page.graphics) ops.push(page.graphics);
    for (const run of page.runs) {
      ops.push('BT');
      if (run.font === 'latin') {
        ops.push(`/F2 ${fmt(run.size)} Tf 1 0 0 1 ${fmt(run.x)} ${fmt(run.y)} Tm <${hex(Buffer.from(run.text, 'latin1'))}> Tj`);
      } else {
        // ASCII stretches become their own TJ strings so an optional gap can sit between them and CJK text.
        const parts = run.text.match(/[\x20-\x7e]+|[^\x20-\x7e]+/g) ?? [];
        const gap = run.latinGap ?? 0;
        const tj: string[] = [];
        parts.forEach((p, k) => {
          if (k > 0 && gap > 0) tj.push(String(-gap));
          tj.push(`<${hex(code(p))}>`);
        });
        ops.push(`/F1 ${fmt(run.size)} Tf 1 0 0 1 ${fmt(run.x)} ${fmt(run.y)} Tm [${tj.join(' ')}] TJ`);
      }
      ops.push('ET');
    }
    set(pageRefs[i]!.content, { dict: {}, data: new Uint8Array(Buffer.from(ops.join('\n'), 'latin1')) });
    set(pageRefs[i]!.page, {
      Type: name('Page'),
      Parent: pagesRef,
      MediaBox: [0, 0, PAGE_WIDTH, PAGE_HEIGHT],
      Resources: { Font: { F1: cjkFont, F2: latinFont } },
      Contents: pageRefs[i]!.content,
    });
  });
  set(pagesRef, { Type: name('Pages'), Kids: pageRefs.map((p) => p.page), Count: spec.pages.length });

  // Outline (bookmarks).
  const catalogDict: { [key: string]: Value } = { Type: name('Catalog'), Pages: pagesRef };
  if (spec.outline && spec.outline.length > 0) {
    const named: [string, Value][] = [];
    const dest = (o: OutlineSpec): Value => {
      const explicit: Value = [pageRefs[o.page - 1]!.page, name('XYZ'), 0, o.top ?? PAGE_HEIGHT, 0];
      if (!spec.namedDestinations) return explicit;
      const id = `dest${named.length + 1}`;
      named.push([id, explicit]);
      return ascii(id);
    };
    const root = alloc();
    const build = (items: OutlineSpec[], parent: Ref): { first: Ref; last: Ref; count: number } => {
      const refs = items.map(() => alloc());
      let count = items.length;
      items.forEach((item, k) => {
        const dict: { [key: string]: Value } = { Title: textString(item.title), Parent: parent, Dest: dest(item) };
        if (k > 0) dict.Prev = refs[k - 1]!;
        if (k < items.length - 1) dict.Next = refs[k + 1]!;
        if (item.children && item.children.length > 0) {
          const sub = build(item.children, refs[k]!);
          dict.First = sub.first;
          dict.Last = sub.last;
          dict.Count = sub.count;
          count += sub.count;
        }
        set(refs[k]!, dict);
      });
      return { first: refs[0]!, last: refs[refs.length - 1]!, count };
    };
    const top = build(spec.outline, root);
    set(root, { Type: name('Outlines'), First: top.first, Last: top.last, Count: top.count });
    catalogDict.Outlines = root;
    catalogDict.PageMode = name('UseOutlines');
    if (named.length > 0) {
      const dests = alloc();
      set(dests, { Names: named.flatMap(([id, d]) => [ascii(id), d]) });
      catalogDict.Names = { Dests: dests };
    }
  }
  set(catalog, catalogDict);

  let infoRef: Ref | null = null;
  if (spec.info) {
    infoRef = alloc();
    const info: { [key: string]: Value } = { Producer: ascii('make-japanese-pdf (test fixture)') };
    if (spec.info.title !== undefined) info.Title = textString(spec.info.title);
    if (spec.info.author !== undefined) info.Author = textString(spec.info.author);
    set(infoRef, info);
  }

  // Deterministic file identifier: a digest of the spec.
  const fileId = md5(new Uint8Array(Buffer.from(JSON.stringify(spec), 'utf8')));

  // Encryption (revision 2): the file key, then a per-object key for every string and stream.
  let fileKey: Uint8Array | null = null;
  let encryptRef: Ref | null = null;
  if (spec.encrypt) {
    const permissions = -4; // every permission bit set except the reserved low bits
    const ownerKey = md5(padPassword(spec.encrypt.ownerPassword || spec.encrypt.userPassword)).subarray(0, 5);
    const o = rc4(ownerKey, padPassword(spec.encrypt.userPassword));
    const p = new Uint8Array(4);
    new DataView(p.buffer).setInt32(0, permissions, true);
    fileKey = md5(padPassword(spec.encrypt.userPassword), o, p, fileId).subarray(0, 5);
    const u = rc4(fileKey, PAD);
    encryptRef = alloc();
    set(encryptRef, { Filter: name('Standard'), V: 1, R: 2, Length: 40, O: new Str(o), U: new Str(u), P: permissions });
  }
  const encrypterFor = (num: number) => {
    if (fileKey === null || (encryptRef !== null && num === encryptRef.num)) return (b: Uint8Array) => b;
    const objKey = md5(fileKey, new Uint8Array([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10);
    return (b: Uint8Array) => rc4(objKey, b);
  };

  // Serialise with exact xref offsets.
  const chunks: Uint8Array[] = [];
  let length = 0;
  const write = (b: Uint8Array | string) => {
    const bytes = typeof b === 'string' ? new Uint8Array(Buffer.from(b, 'latin1')) : b;
    chunks.push(bytes);
    length += bytes.length;
  };
  write('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n');
  const offsets: number[] = [];
  objects.forEach((obj, k) => {
    const num = k + 1;
    const enc = encrypterFor(num);
    offsets.push(length);
    if (obj !== null && typeof obj === 'object' && 'data' in obj && (obj as Stream).data instanceof Uint8Array) {
      const s = obj as Stream;
      const data = enc(s.data);
      write(`${num} 0 obj\n${serialize({ ...s.dict, Length: data.length }, enc)}\nstream\n`);
      write(data);
      write('\nendstream\nendobj\n');
    } else {
      write(`${num} 0 obj\n${serialize(obj as Value, enc)}\nendobj\n`);
    }
  });
  const xrefAt = length;
  write(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`);
  for (const off of offsets) write(`${String(off).padStart(10, '0')} 00000 n \n`);
  const trailer: { [key: string]: Value } = { Size: objects.length + 1, Root: catalog, ID: [new Str(fileId), new Str(fileId)] };
  if (infoRef) trailer.Info = infoRef;
  if (encryptRef) trailer.Encrypt = encryptRef;
  write(`trailer\n${serialize(trailer, (b) => b)}\nstartxref\n${xrefAt}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The test handbook: a tiny, clearly fictional 「テレワーク導入手引き(試験用)」.

export const GUIDE_TITLE = 'テレワーク導入手引き(試験用)';
/** Running header on every page but the first (must not end up in the text). */
export const GUIDE_RUNNING_HEADER = '試験用資料　実在の手引きではありません';

export interface GuideBlock {
  /** 'minor' is a heading set like body text, unnumbered: only an outline can tell it is one. */
  kind: 'title' | 'heading' | 'subheading' | 'minor' | 'para';
  text: string;
}

/** Page by page. Figures are invented for tests; headings use the ideographic space like official documents. */
export const GUIDE_PAGES: GuideBlock[][] = [
  [
    { kind: 'title', text: GUIDE_TITLE },
    { kind: 'para', text: '令和5年10月　試験用総務部' },
    { kind: 'heading', text: '第1章　目的' },
    {
      kind: 'para',
      text: 'この手引きは、試験用の架空の自治体がテレワークを導入するための手順をまとめたものです。',
    },
    {
      kind: 'para',
      text: '令和5年10月1日現在、試験用の架空の団体におけるテレワークの導入率は61.6%です。',
    },
  ],
  [
    { kind: 'heading', text: '第2章　導入の手順' },
    { kind: 'subheading', text: '(1)　規程の整備' },
    {
      kind: 'para',
      text: '在宅勤務を始める前に、試験用の規程で対象者、実施回数、申請の方法を定めてください。在宅勤務の上限は週3日とし、申請は前日の17時までに行います。',
    },
    { kind: 'subheading', text: '(2)　端末とVPNの準備' },
    {
      kind: 'para',
      text: 'テレワーク用の端末は120台を用意し、接続にはVPN (Virtual Private Network)を使います。',
    },
  ],
  [
    { kind: 'minor', text: '端末の貸出し' },
    { kind: 'para', text: '端末の貸出しは情報政策課が受け付け、貸出期間は最長90日です。' },
    { kind: 'heading', text: '第3章　相談窓口' },
    {
      kind: 'para',
      text: 'テレワークの相談は、試験用ヘルプデスク(内線4321)が平日9時から17時まで受け付けます。',
    },
  ],
];

export interface GuideOptions {
  /** Write bookmarks for the chapters and the (1)/(2) items. */
  outline?: boolean;
  namedDestinations?: boolean;
  /** Info dict title; null = no Info dict title. Default GUIDE_TITLE. */
  infoTitle?: string | null;
  cjkEncoding?: PdfSpec['cjkEncoding'];
  encrypt?: PdfSpec['encrypt'];
  /** Repeat filler pages after the guide (for size measurements). */
  extraPages?: number;
}

const MARGIN_LEFT = 72;
const TEXT_WIDTH = 451;
const BODY_SIZE = 10.5;

/** Wrap a paragraph to the text width (whole characters; Japanese has no word breaks). */
function wrap(text: string, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const ch of text) {
    const w = (charWidth(ch) / 1000) * size;
    if (width + w > TEXT_WIDTH && line !== '') {
      lines.push(line);
      line = '';
      width = 0;
    }
    line += ch;
    width += w;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Lay the guide out on A4 pages; returns the PDF spec (and where each heading landed, for outlines). */
export function guideSpec(opts: GuideOptions = {}): PdfSpec {
  const blocksByPage: GuideBlock[][] = [...GUIDE_PAGES];
  for (let i = 0; i < (opts.extraPages ?? 0); i++) {
    const n = i + 1;
    blocksByPage.push([
      { kind: 'heading', text: `第${n + 3}章　補足事項その${n}` },
      ...Array.from({ length: 12 }, (_, k) => ({
        kind: 'para' as const,
        text: `補足${n}の${k + 1}：試験用の架空の団体では、テレワークの実施日数を月${(k % 8) + 1}日まで増やすことを検討しており、令和6年度に${(n * 7 + k) % 100}件の申請を見込んでいます。`,
      })),
    ]);
  }
  const positions = new Map<string, { page: number; top: number }>();
  const pages: PageSpec[] = blocksByPage.map((blocks, p) => {
    const runs: TextRun[] = [];
    let y = PAGE_HEIGHT - 72;
    if (p > 0) runs.push({ text: GUIDE_RUNNING_HEADER, x: MARGIN_LEFT, y: PAGE_HEIGHT - 40, size: 8 });
    for (const block of blocks) {
      const size = block.kind === 'title' ? 18 : block.kind === 'heading' ? 14 : block.kind === 'subheading' ? 12 : BODY_SIZE;
      if (block.kind !== 'para') {
        y -= size * 0.8;
        positions.set(block.text, { page: p + 1, top: y + size });
      }
      for (const line of wrap(block.text, size)) {
        runs.push({ text: line, x: MARGIN_LEFT, y, size, latinGap: block.kind === 'para' ? 250 : 0 });
        y -= size * 1.7;
      }
      y -= size * 0.6;
    }
    // Footer page number in the standard Latin font, as Word writes "- 1 -".
    runs.push({ text: `- ${p + 1} -`, x: PAGE_WIDTH / 2 - 12, y: 36, size: 9, font: 'latin' });
    return { runs };
  });
  const at = (title: string) => positions.get(title)!;
  const outline: OutlineSpec[] | undefined = opts.outline
    ? [
        { title: '第1章　目的', ...at('第1章　目的') },
        {
          title: '第2章　導入の手順',
          ...at('第2章　導入の手順'),
          children: [
            { title: '(1)　規程の整備', ...at('(1)　規程の整備') },
            { title: '(2)　端末とVPNの準備', ...at('(2)　端末とVPNの準備') },
            { title: '端末の貸出し', ...at('端末の貸出し') },
          ],
        },
        { title: '第3章　相談窓口', ...at('第3章　相談窓口') },
        ...Array.from({ length: opts.extraPages ?? 0 }, (_, i) => {
          const t = `第${i + 4}章　補足事項その${i + 1}`;
          return { title: t, ...at(t) };
        }),
      ]
    : undefined;
  const infoTitle = opts.infoTitle === undefined ? GUIDE_TITLE : opts.infoTitle;
  return {
    pages,
    ...(outline ? { outline } : {}),
    ...(opts.namedDestinations ? { namedDestinations: true } : {}),
    info: infoTitle === null ? { author: '試験用総務部' } : { title: infoTitle, author: '試験用総務部' },
    ...(opts.cjkEncoding ? { cjkEncoding: opts.cjkEncoding } : {}),
    ...(opts.encrypt ? { encrypt: opts.encrypt } : {}),
  };
}

export const makeGuidePdf = (opts: GuideOptions = {}): Uint8Array => makePdf(guideSpec(opts));

/** A PDF whose pages carry only a picture-like grey box: what a scan without OCR looks like to a reader. */
export const makeScannedPdf = (pages = 2): Uint8Array =>
  makePdf({
    pages: Array.from({ length: pages }, () => ({ runs: [], graphics: '0.85 g 72 72 451 698 re f' })),
    info: { title: 'スキャンした文書' },
  });
