// The command line: every output format on a hand-built Analysis, then `node dist/cli.js` end to
// end on temporary files (build first: `node esbuild.mjs`). The article below is made up.

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SCHEMA, type Analysis, type Quote, type Span, type TextSpan } from '../../src/core';
import { decodeArticle, defaultFormat, parseAnnotateArgs, runAnnotate, UsageError, type CliIo } from '../../src/cli/annotate';
import { formatBrat } from '../../src/present/brat';
import { CSV_COLUMNS, csvCell, csvHeader, csvRows, formatCsvRows } from '../../src/present/csv';
import { formatJson, formatJsonl, JsonArrayWriter } from '../../src/present/json';
import { formatTerminal } from '../../src/cli/formats/terminal';

// ---- a made-up article and its hand-built analysis ----

const TEXT = [
  'Harbour town backs new ferry',
  '',
  'By Jane Roe',
  '',
  'PORTVILLE — The council approved the ferry plan on Monday, Mayor Ada Klein said.',
  '',
  '"We have waited ten years for this," Klein told reporters. "It is finally happening."',
  '',
  'A council official, who asked not to be named, said the vote was close.',
  '',
  'A banner at the pier read "-5 degrees, +20 knots, @noon" all afternoon.',
  '',
  'Related: "Ferries are the future," says transport expert Omar Diaz.',
  '',
].join('\n');

function span(needle: string, from = 0): Span {
  const start = TEXT.indexOf(needle, from);
  assert.ok(start >= 0, `fixture text lacks ${needle}`);
  return { start, end: start + needle.length };
}

function textSpan(needle: string, from = 0): TextSpan {
  return { ...span(needle, from), text: needle };
}

const BODY_END = TEXT.indexOf('Related:');
const KLEIN_QUOTE = TEXT.indexOf('"We have');
const OFFICIAL = TEXT.indexOf('A council official');

function quote(id: string, fields: Partial<Quote> & Pick<Quote, 'kind' | 'content'>): Quote {
  return { id, cue: null, source: null, speaker: null, anonymous: false, confidence: 0.8, ...fields };
}

const ANALYSIS: Analysis = {
  schema: SCHEMA,
  file: 'news/ferry.txt',
  length: TEXT.length,
  body: { start: 0, end: BODY_END },
  entities: [
    {
      id: 'e1',
      type: 'person',
      name: 'Ada Klein',
      title: 'Mayor',
      mentions: [
        { ...textSpan('Ada Klein'), via: 'name' },
        { ...textSpan('Klein', KLEIN_QUOTE), via: 'alias' },
      ],
    },
    {
      id: 'e2',
      type: 'person',
      name: 'Omar Diaz',
      title: 'transport expert',
      mentions: [{ ...textSpan('Omar Diaz'), via: 'name' }],
    },
  ],
  quotes: [
    quote('q1', {
      kind: 'indirect',
      content: [span('The council approved the ferry plan on Monday')],
      cue: textSpan('said'),
      source: textSpan('Mayor Ada Klein'),
      speaker: 'e1',
      confidence: 0.7,
    }),
    quote('q2', {
      kind: 'direct',
      content: [span('"We have waited ten years for this,"'), span('"It is finally happening."')],
      cue: textSpan('told', KLEIN_QUOTE),
      source: textSpan('Klein', KLEIN_QUOTE),
      speaker: 'e1',
      confidence: 0.95,
    }),
    quote('q3', {
      kind: 'indirect',
      content: [span('the vote was close')],
      cue: textSpan('said', OFFICIAL),
      source: textSpan('A council official'),
      anonymous: true,
    }),
    quote('q4', { kind: 'direct', content: [span('-5 degrees, +20 knots, @noon')], confidence: 0.5 }),
    quote('q5', {
      kind: 'direct',
      content: [span('"Ferries are the future,"')],
      cue: textSpan('says'),
      source: textSpan('transport expert Omar Diaz'),
      speaker: 'e2',
    }),
  ],
  credits: [
    { kind: 'byline', ...textSpan('By Jane Roe'), names: ['Jane Roe'] },
    { kind: 'dateline', ...textSpan('PORTVILLE'), names: ['Portville'] },
  ],
};

const ESC = '\x1b';
const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

/** What a terminal shows: each printed character, and whether SGR 2 (dim) is on when it prints. */
function asShown(out: string): Array<{ ch: string; dim: boolean }> {
  const shown: Array<{ ch: string; dim: boolean }> = [];
  let dim = false;
  for (const m of out.matchAll(/\x1b\[([0-9;]*)m|([^\x1b])/gu)) {
    if (m[2] !== undefined) {
      shown.push({ ch: m[2], dim });
      continue;
    }
    for (const code of (m[1] ?? '').split(';').map(Number)) {
      if (code === 0 || code === 22) dim = false; // '' reads as 0, a reset
      else if (code === 2) dim = true;
    }
  }
  return shown;
}

// ---- formats ----

describe('cli formats', () => {
  describe('json and jsonl', () => {
    it('prints the Analysis, pretty (one field a line), with a final newline', () => {
      const out = formatJson(ANALYSIS);
      assert.ok(out.endsWith('}\n'));
      assert.deepEqual(JSON.parse(out), ANALYSIS, 'parsing the output back gives the Analysis, no field added or lost');
      assert.deepEqual(Object.keys(JSON.parse(out)), Object.keys(ANALYSIS), 'fields in the order of the contract');
      const lines = out.trimEnd().split('\n');
      assert.match(lines[1] ?? '', /^ {2}"schema": "newslens\/1",$/, 'indented, one field a line');
    });

    it('prints one compact object per line in JSON Lines, each keeping its "file"', () => {
      const second: Analysis = { ...ANALYSIS, file: 'news/other.txt', quotes: [] };
      const out = formatJsonl(ANALYSIS) + formatJsonl(second);
      assert.equal(out.at(-1), '\n');
      const lines = out.slice(0, -1).split('\n');
      assert.equal(lines.length, 2, 'one line per Analysis, whatever line breaks the texts hold');
      assert.deepEqual(lines.map((l) => JSON.parse(l) as Analysis), [ANALYSIS, second]);
    });

    it('streams an array of the Analyses for several files, byte-identical to JSON.stringify, and [] when empty', () => {
      const second: Analysis = { ...ANALYSIS, file: 'news/other.txt', quotes: [] };
      const chunks: string[] = [];
      const writer = new JsonArrayWriter((c) => chunks.push(c));
      writer.item(ANALYSIS);
      writer.item(second);
      writer.close();
      assert.deepEqual(JSON.parse(chunks.join('')), [ANALYSIS, second]);
      assert.equal(chunks.join(''), JSON.stringify([ANALYSIS, second], null, 2) + '\n');

      const empty: string[] = [];
      new JsonArrayWriter((c) => empty.push(c)).close();
      assert.equal(empty.join(''), '[]\n');
    });
  });

  describe('csv', () => {
    it('has the documented header and one row per quote', () => {
      assert.equal(
        csvHeader(),
        'file,quote,kind,speaker,speaker_title,anonymous,source,cue,content,start,end,confidence\r\n',
      );
      const rows = csvRows(ANALYSIS, TEXT);
      assert.equal(rows.length, ANALYSIS.quotes.length);
      for (const row of rows) assert.equal(row.length, CSV_COLUMNS.length);
    });

    it('fills speaker, title, joined pieces and the overall span', () => {
      const q2 = csvRows(ANALYSIS, TEXT)[1];
      const record = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, q2[i]]));
      assert.deepEqual(record, {
        file: 'news/ferry.txt',
        quote: 'q2',
        kind: 'direct',
        speaker: 'Ada Klein',
        speaker_title: 'Mayor',
        anonymous: 'false',
        source: 'Klein',
        cue: 'told',
        content: '"We have waited ten years for this," … "It is finally happening."',
        start: String(span('"We have').start),
        end: String(span('happening."').end),
        confidence: '0.95',
      });
      const q3 = csvRows(ANALYSIS, TEXT)[2];
      assert.deepEqual([q3[3], q3[4], q3[5]], ['', '', 'true']);
    });

    it('quotes per RFC 4180 and round-trips through a strict parser', () => {
      const out = formatCsvRows(ANALYSIS, TEXT);
      assert.ok(out.endsWith('\r\n'));
      const parsed = parseCsv(csvHeader() + out);
      assert.equal(parsed.length, 1 + ANALYSIS.quotes.length);
      assert.equal(parsed[2][8], '"We have waited ten years for this," … "It is finally happening."');
      assert.equal(csvCell('a,b'), '"a,b"');
      assert.equal(csvCell('say "hi"'), '"say ""hi"""');
      assert.equal(csvCell('two\nlines'), '"two\nlines"');
      assert.equal(csvCell('plain'), 'plain');
    });

    it('neutralises cells a spreadsheet would run as formulas', () => {
      for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '=HYPERLINK("http://x")']) {
        const parsed = parseCsv(csvCell(cell) + '\r\n')[0][0];
        assert.equal(parsed, `'${cell}`, JSON.stringify(cell));
      }
      assert.equal(csvCell('\rx'), `"'\rx"`);
      assert.equal(csvCell('a=b'), 'a=b');
      const q4 = csvRows(ANALYSIS, TEXT)[3];
      assert.ok(formatCsvRows(ANALYSIS, TEXT).includes(`,"'-5 degrees, +20 knots, @noon",`));
      assert.equal(q4[8], '-5 degrees, +20 knots, @noon'); // the raw cell; only the written CSV carries the apostrophe
    });
  });

  describe('brat', () => {
    const ann = formatBrat(ANALYSIS, TEXT);
    const lines = ann.split('\n').slice(0, -1);
    const tLines = new Map(
      lines
        .filter((l) => l.startsWith('T'))
        .map((l) => {
          const [id, labelAndOffsets, copy] = l.split('\t');
          const [label, ...rest] = labelAndOffsets.split(' ');
          const pieces = rest.join(' ').split(';').map((p) => p.split(' ').map(Number));
          return [id, { label, pieces, copy }] as const;
        }),
    );
    const events = lines.filter((l) => l.startsWith('E')).map((l) => l.split('\t')[1].split(' '));

    it('writes only T and E lines with PolNeAR labels', () => {
      assert.ok(ann.endsWith('\n'));
      for (const line of lines) {
        assert.match(line, /^(T\d+\t(Source|Cue|Content|Attribution|Attribution-no-source) \d+ \d+(;\d+ \d+)*\t.*|E\d+\t.+)$/);
      }
      assert.equal(events.length, ANALYSIS.quotes.length);
    });

    it('copies the text of each span (pieces joined by a space) after the offsets', () => {
      for (const { pieces, copy } of tLines.values()) {
        assert.equal(copy, pieces.map(([s, e]) => TEXT.slice(s, e)).join(' '));
      }
    });

    it('links Attribution, Source, Cue and Content in each event', () => {
      const [first] = events;
      assert.deepEqual(
        first.map((role) => role.split(':')[0]),
        ['Attribution', 'Source', 'Cue', 'Content'],
      );
      const roles = Object.fromEntries(first.map((r) => r.split(':')));
      assert.equal(tLines.get(roles.Source)?.copy, 'Mayor Ada Klein');
      assert.equal(tLines.get(roles.Cue)?.copy, 'said');
      assert.deepEqual(tLines.get(roles.Attribution)?.pieces, tLines.get(roles.Cue)?.pieces);
      const q2 = Object.fromEntries(events[1].map((r) => r.split(':')));
      const kleinQuote = ANALYSIS.quotes[1].content.map((p) => [p.start, p.end]);
      assert.deepEqual(tLines.get(q2.Content)?.pieces, kleinQuote);
    });

    it('labels a quote with no source Attribution-no-source, its trigger on the content when no cue', () => {
      const roles = events[3];
      assert.deepEqual(
        roles.map((r) => r.split(':')[0]),
        ['Attribution-no-source', 'Content'],
      );
      const trigger = tLines.get(roles[0].split(':')[1]);
      assert.equal(trigger?.label, 'Attribution-no-source');
      assert.equal(trigger?.copy, '-5 degrees, +20 knots, @noon');
    });

    it('replaces line breaks in the copied text only, keeping offsets into the real text', () => {
      const text = 'She said:\n"First line\nsecond line."\n';
      const content = { start: text.indexOf('"'), end: text.lastIndexOf('"') + 1 };
      const analysis: Analysis = {
        ...ANALYSIS,
        file: 'x.txt',
        length: text.length,
        body: { start: 0, end: text.length },
        quotes: [quote('q1', { kind: 'direct', content: [content], cue: { start: 4, end: 8, text: 'said' } })],
      };
      const out = formatBrat(analysis, text);
      assert.ok(out.includes(`\tContent ${content.start} ${content.end}\t"First line second line."\n`));
      assert.equal(out.trimEnd().split('\n').length, 4); // Cue, Content, trigger, event
    });
  });

  describe('terminal', () => {
    const plain = formatTerminal(ANALYSIS, TEXT, { color: false });
    const colour = formatTerminal(ANALYSIS, TEXT, { color: true });

    it('rules off the boilerplate after the story on the seed article', () => {
      const r = cli('annotate', '--format', 'terminal', join(ROOT, 'seeds', '000_8f484521c7ff1466.txt'));
      const lines = r.stdout.split('\n');
      const rule = lines.findIndex((l) => l.includes('end of the story'));
      const photo = lines.findIndex((l) => l.includes('picture courtesy of Anadolu News Agency'));
      const related = lines.findIndex((l) => l.trim() === 'Related articles');
      assert.ok(photo >= 0 && rule > photo && related > rule, `photo ${photo}, rule ${rule}, related ${related}`);
    });

    it('counts the story\'s sources and quotes as the editor does, the boilerplate\'s apart', () => {
      // Story: Klein (reported, direct), the anonymous official, the banner's words with no source;
      // Diaz only in the "Related:" teaser after the story.
      assert.equal(
        plain.split('\n')[1],
        '2 sources · 4 quotes in the story (2 direct, 2 reported, 0 mixed) · 1 outside it · 2 credit lines',
      );
    });

    it('marks spans inline without colour', () => {
      assert.ok(!plain.includes(ESC));
      assert.ok(plain.includes('{The council approved the ferry plan on Monday}, [Mayor Ada Klein] <said>.'));
      assert.ok(plain.includes('|By Jane Roe|'));
      assert.ok(plain.includes('|PORTVILLE| — '));
    });

    it('colours categories and gives each speaker entity its own colour', () => {
      assert.ok(colour.includes(ESC));
      const sgrBefore = (needle: string): string | undefined =>
        new RegExp(`\\x1b\\[([0-9;]+)m${needle}`).exec(colour)?.[1];
      const klein = sgrBefore('Mayor Ada Klein');
      assert.ok(klein);
      assert.equal(sgrBefore('Klein(?=\\x1b\\[0m \\x1b\\[[0-9;]+mtold)'), klein);
      assert.notEqual(sgrBefore('transport expert Omar Diaz'), klein);
      assert.notEqual(sgrBefore('said'), klein);
      assert.notEqual(sgrBefore('The council approved'), sgrBefore('said'));
      assert.ok(stripAnsi(colour).includes(TEXT.slice(0, BODY_END)), 'colour output keeps the text intact');
    });

    it('tabulates sources with direct and reported counts, anonymous grouped', () => {
      const rows = plain.split('\n');
      const row = (start: string): string[] | undefined =>
        rows.find((l) => l.trimStart().startsWith(start))?.trim().split(/\s{2,}/);
      assert.deepEqual(row('Ada Klein'), ['Ada Klein', 'Mayor', '1', '1']);
      assert.deepEqual(row('A council official (anonymous)'), ['A council official (anonymous)', '0', '1']);
      assert.deepEqual(row('(no source)'), ['(no source)', '1', '0']);
    });

    it('keeps the whole boilerplate dimmed, also after each highlighted span in it', () => {
      const shown = asShown(colour);
      const visible = shown.map((c) => c.ch).join('');
      const from = visible.indexOf('\n', visible.indexOf('end of the story'));
      const to = visible.indexOf('\nSources\n');
      assert.ok(from > 0 && to > from, visible);
      const boilerplate = shown.slice(from, to);
      assert.ok(boilerplate.map((c) => c.ch).join('').includes('"Ferries are the future," says transport expert Omar Diaz.'));
      const bright = boilerplate.filter((c) => !c.dim && c.ch.trim() !== '').map((c) => c.ch).join('');
      assert.equal(bright, '', 'printed at full brightness inside the boilerplate');
      const story = shown.slice(visible.indexOf('The council approved'), visible.indexOf('Mayor Ada Klein'));
      assert.ok(story.every((c) => !c.dim), 'the story itself is not dimmed');
    });

    it('lists sources quoted after the body apart', () => {
      const heading = plain.indexOf("Quoted in boilerplate (not this article's sources)");
      assert.ok(heading > plain.indexOf('Sources'));
      const diaz = plain.indexOf('Omar Diaz  ');
      assert.ok(diaz > heading, 'Omar Diaz is listed only under boilerplate');
      assert.ok(plain.slice(heading).includes('transport expert'));
    });

    it('lists credits with their names', () => {
      assert.match(plain, /\n {2}byline {7}By Jane Roe → Jane Roe\n/);
      assert.match(plain, /\n {2}dateline {5}PORTVILLE → Portville\n/);
    });

    it('keeps the tables within 80 columns', () => {
      const long: Analysis = {
        ...ANALYSIS,
        entities: ANALYSIS.entities.map((e) => ({ ...e, name: e.name.repeat(6), title: 'Deputy '.repeat(9) })),
      };
      const out = formatTerminal(long, TEXT, { color: false });
      const tables = out.slice(out.indexOf('\nSources\n'));
      for (const line of tables.split('\n')) assert.ok(line.length <= 80, `too wide: ${line}`);
      assert.ok(tables.includes('…'));
    });

    it('never passes control characters from the article to the terminal', () => {
      const text = 'Evil\x1b[2J text\x07 here\r\n';
      const analysis: Analysis = { ...ANALYSIS, length: text.length, body: { start: 0, end: text.length }, entities: [], quotes: [], credits: [] };
      for (const color of [false, true]) {
        const out = formatTerminal(analysis, text, { color });
        assert.ok(!out.includes('\x1b[2J') && !out.includes('\x07') && !out.includes('\r'));
      }
    });
  });
});

// ---- annotate in-process: options and colour choice ----

describe('cli annotate options', () => {
  it('defaults to terminal on a TTY and to json otherwise or with --out', () => {
    assert.equal(defaultFormat(true, undefined), 'terminal');
    assert.equal(defaultFormat(false, undefined), 'json');
    assert.equal(defaultFormat(true, 'out'), 'json');
  });

  it('parses options and refuses bad ones', () => {
    const o = parseAnnotateArgs(['--format=csv', '-o', 'dir', '--max-size', '2.5', '-r', 'a.txt', '--', '-b.txt']);
    assert.deepEqual(o, { format: 'csv', out: 'dir', recursive: true, maxSizeMb: 2.5, jobs: undefined, corrections: true, help: false, paths: ['a.txt', '-b.txt'] });
    assert.equal(parseAnnotateArgs(['-j', '3', 'a.txt']).jobs, 3);
    assert.equal(parseAnnotateArgs(['--jobs=1', 'a.txt']).jobs, 1);
    assert.equal(parseAnnotateArgs(['-']).format, 'jsonl', '- reads and writes JSON Lines');
    for (const bad of [
      ['--format', 'xml', 'a'], ['--nope', 'a'], ['--max-size', '0', 'a'], ['--out'], [], ['-f', 'terminal', '-o', 'd', 'a'],
      ['--jobs', '0', 'a'], ['--jobs', '1.5', 'a'], ['-j', 'all', 'a'],
      ['-', 'a.txt'], ['--format', 'csv', '-'], ['--out', 'd', '-'],
    ]) {
      assert.throws(() => parseAnnotateArgs(bad), UsageError, bad.join(' '));
    }
  });

  it('decodes strictly, dropping a BOM as VS Code does and keeping CRLF', () => {
    const bom = decodeArticle(new Uint8Array([0xef, 0xbb, 0xbf, 0x48, 0x69, 0x0d, 0x0a]));
    assert.deepEqual(bom, { text: 'Hi\r\n' });
    assert.match(errorOf(decodeArticle(new Uint8Array([0x48, 0x00, 0x69]))), /binary/);
    assert.match(errorOf(decodeArticle(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))), /UTF-8/);
    assert.match(errorOf(decodeArticle(new Uint8Array([0xff, 0xfe, 0x48, 0x00]))), /UTF-16/);
    assert.match(errorOf(decodeArticle(new TextEncoder().encode(' \n\t '))), /empty/);
  });

  describe('terminal colour', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'newslens-colour-'));
      writeFileSync(join(dir, 'a.txt'), 'Rain is expected on Friday, the forecaster said.\n');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const run = async (env: Record<string, string>, isTTY: boolean): Promise<string> => {
      let out = '';
      const io: CliIo = { stdout: (c) => (out += c), stderr: () => {}, isTTY, columns: 80, env };
      assert.equal(await runAnnotate(['--format', 'terminal', join(dir, 'a.txt')], io), 0);
      return out;
    };

    it('is on at a terminal, off with NO_COLOR or when not a terminal', async () => {
      assert.ok((await run({}, true)).includes(ESC));
      assert.ok(!(await run({ NO_COLOR: '1' }, true)).includes(ESC));
      assert.ok(!(await run({}, false)).includes(ESC));
      assert.ok((await run({ NO_COLOR: '' }, true)).includes(ESC), 'an empty NO_COLOR does not count (no-color.org)');
    });
  });
});

// ---- end to end: node dist/cli.js ----

const ROOT = findRoot(__dirname);
const CLI = join(ROOT, 'dist', 'cli.js');
const MB = 1024 * 1024;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Run {
  const env = { ...process.env };
  delete env.NO_COLOR;
  // A time limit, so a CLI that hangs (on a FIFO, say) fails the test instead of blocking mocha.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env, maxBuffer: 64 * MB, timeout: 120000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ARTICLE = 'Bridge reopens\n\nThe bridge will reopen on Sunday, the city engineer said.\n';

interface BadInput {
  name: string;
  /** Creates the bad input in `dir` and returns the path to pass. */
  make(dir: string): string;
  message: RegExp;
  skip?: string;
}

const isRoot = process.getuid?.() === 0;

const BAD_INPUTS: BadInput[] = [
  { name: 'a missing file', make: (d) => join(d, 'missing.txt'), message: /no such file/ },
  {
    name: 'a folder without .txt files',
    make: (d) => {
      mkdirSync(join(d, 'notes'));
      writeFileSync(join(d, 'notes', 'readme.md'), '# notes\n');
      return join(d, 'notes');
    },
    message: /no \.txt files/,
  },
  { name: 'a binary file', make: (d) => write(d, 'image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), message: /binary/ },
  { name: 'an empty file', make: (d) => write(d, 'blank.txt', ' \n\t\n'), message: /empty/ },
  { name: 'invalid UTF-8', make: (d) => write(d, 'latin1.txt', Buffer.from('Caf\xe9 society\n', 'latin1')), message: /UTF-8/ },
  {
    name: 'a 20 MB file',
    make: (d) => write(d, 'huge.txt', Buffer.alloc(20 * MB, 'word ')),
    message: /20\.0 MB.*10 MB size limit.*--max-size/,
  },
  {
    name: 'an unreadable file',
    make: (d) => {
      const path = write(d, 'secret.txt', ARTICLE);
      chmodSync(path, 0o000);
      return path;
    },
    message: /permission denied/,
    skip: isRoot ? 'running as root, which can read any file whatever its permissions' : undefined,
  },
  {
    name: 'a broken symbolic link',
    make: (d) => {
      const path = join(d, 'moved.txt');
      symlinkSync(join(d, 'gone.txt'), path);
      return path;
    },
    message: /broken symbolic link/,
  },
  {
    name: 'a named pipe with no writer (refused, never waited on)',
    make: (d) => {
      const path = join(d, 'pipe.txt');
      const r = spawnSync('mkfifo', [path]);
      if (r.status !== 0) throw new Error('mkfifo failed');
      return path;
    },
    message: /named pipe/,
    skip: spawnSync('mkfifo', ['--version']).status === 0 ? undefined : 'no mkfifo command on this machine',
  },
];

function write(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

function findRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'seeds'))) return dir;
  }
  throw new Error(`no repository root above ${start}`);
}

function errorOf(result: { text: string } | { error: string }): string {
  assert.ok('error' in result, 'expected an error');
  return result.error;
}

function assertNoStackTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at /m, `stack trace in stderr:\n${stderr}`);
}

describe('cli end to end (node dist/cli.js)', function () {
  this.timeout(60000);
  let dir = '';
  let good = '';

  before(function () {
    assert.ok(existsSync(CLI), `${CLI} is missing: run \`node esbuild.mjs\` first`);
    dir = mkdtempSync(join(tmpdir(), 'newslens-cli-'));
    good = write(dir, 'good.txt', ARTICLE);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('bad input: one line naming the file, others still written, exit 1', () => {
    for (const bad of BAD_INPUTS) {
      it(bad.name + (bad.skip ? ` (skipped: ${bad.skip})` : ''), function () {
        if (bad.skip) this.skip();
        const path = bad.make(mkdtempSync(join(dir, 'case-')));
        const out = mkdtempSync(join(dir, 'out-'));
        const r = cli('annotate', '--format', 'json', '--out', out, good, path);
        assert.equal(r.status, 1, r.stderr);
        assertNoStackTrace(r.stderr);
        const lines = r.stderr.split('\n').filter(Boolean);
        assert.equal(lines.length, 2, r.stderr);
        assert.ok(lines[0].includes(path), `message does not name ${path}: ${lines[0]}`);
        assert.match(lines[0], bad.message);
        assert.equal(lines[1], 'newslens: 1 of 2 files could not be annotated; the others were written');
        const written = JSON.parse(readFileSync(join(out, 'good.json'), 'utf8')) as Analysis;
        assert.equal(written.file, good);
      });
    }

    it('still prints the good files on stdout (an array, since several paths were given)', () => {
      const r = cli('annotate', '--format', 'json', join(dir, 'nowhere.txt'), good);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /nowhere\.txt: no such file/);
      const parsed = JSON.parse(r.stdout) as Analysis[];
      assert.deepEqual(parsed.map((a) => a.file), [good]);
    });

    it('takes --max-size to change the limit', () => {
      const r = cli('annotate', '--max-size', '0.00001', good);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /0\.00001 MB size limit/);
      assert.equal(cli('annotate', '--max-size', '1', good).status, 0);
    });
  });

  describe('usage', () => {
    it('prints the version from package.json', () => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
      const r = cli('--version');
      assert.equal(r.status, 0);
      assert.equal(r.stdout, `${pkg.version}\n`);
    });

    it('prints help', () => {
      const top = cli('--help');
      assert.equal(top.status, 0);
      assert.match(top.stdout, /annotate/);
      const annotate = cli('annotate', '--help');
      assert.equal(annotate.status, 0);
      assert.match(annotate.stdout, /--max-size MB/);
    });

    for (const args of [['frobnicate'], ['--frobnicate'], ['annotate', '--frobnicate', 'x.txt'], ['annotate'], []]) {
      it(`refuses \`${args.join(' ') || '(nothing)'}\` with exit 2, one line and a hint`, () => {
        const r = cli(...args);
        assert.equal(r.status, 2);
        const lines = r.stderr.split('\n').filter(Boolean);
        assert.equal(lines.length, 2, r.stderr);
        assert.match(lines[1], /--help/);
        assert.equal(r.stdout, '');
      });
    }

    it('refuses --format terminal with --out', () => {
      assert.equal(cli('annotate', '--format', 'terminal', '--out', join(dir, 'o'), good).status, 2);
    });

    it('prints a command\'s own help for `help COMMAND`', () => {
      const general = cli('--help').stdout;
      for (const command of ['annotate', 'eval']) {
        const r = cli('help', command);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout, cli(command, '--help').stdout, `help ${command}`);
        assert.notEqual(r.stdout, general);
        assert.match(r.stdout, new RegExp(`^Usage: newslens ${command} `));
      }
      assert.equal(cli('help').stdout, general);
      const unknown = cli('help', 'frobnicate');
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /frobnicate/);
    });

    it('refuses an --out that is a file in one line, exit 2, reading nothing', () => {
      const file = write(dir, 'existing-out.txt', 'keep me\n');
      const r = cli('annotate', '--out', file, good);
      assert.equal(r.status, 2);
      assert.equal(r.stderr, `newslens: --out ${file} is a file, not a folder\n`);
      assert.equal(r.stdout, '');
      assert.equal(readFileSync(file, 'utf8'), 'keep me\n');
    });

    it('shows JSON for the README\'s `... | less` example, with nothing before it', function () {
      this.timeout(120000);
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
      const command = /`([^`]+) \| less` shows JSON/.exec(readme)?.[1];
      assert.ok(command, 'the README no longer says which command shows JSON through a pager');
      // Run as written, its stdout a pipe as with `| less` (npm's own scripts build first).
      const r = spawnSync('sh', ['-c', command], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * MB });
      assert.equal(r.status, 0, r.stderr);
      let parsed: unknown;
      assert.doesNotThrow(() => (parsed = JSON.parse(r.stdout)), `\`${command}\` prints more than JSON:\n${r.stdout.slice(0, 200)}`);
      assert.ok(Array.isArray(parsed) && parsed.every((a: Analysis) => a.schema === 'newslens/1'));
    });

    it('hands eval to its own command', () => {
      const r = cli('eval', '--help');
      assert.doesNotMatch(r.stderr, /unknown command/);
      assertNoStackTrace(r.stderr);
    });
  });

  describe('formats and folders', () => {
    let folder = '';
    before(() => {
      folder = join(dir, 'folder');
      write(folder, 'b.txt', 'Second\n\nThe mayor said the budget is balanced.\n');
      write(folder, 'a.txt', ARTICLE);
      write(folder, 'skip.md', 'not an article');
      write(folder, join('sub', 'c.txt'), 'Third\n\nOfficials said the road is closed.\n');
    });

    it('annotates the seeds folder', () => {
      const r = cli('annotate', 'seeds');
      assert.equal(r.status, 0, r.stderr);
      const parsed = JSON.parse(r.stdout) as Analysis[];
      assert.ok(Array.isArray(parsed));
      assert.ok(parsed.some((a) => a.file === join('seeds', '000_8f484521c7ff1466.txt')));
      assert.ok(parsed.every((a) => a.schema === 'newslens/1'));
    });

    it('gives one object for one file', () => {
      const r = cli('annotate', good);
      assert.equal(r.status, 0);
      const parsed = JSON.parse(r.stdout) as Analysis;
      assert.equal(parsed.file, good);
      assert.equal(parsed.length, ARTICLE.length);
    });

    it('reads the .txt files of a folder sorted, not recursive unless asked', () => {
      const flat = JSON.parse(cli('annotate', folder).stdout) as Analysis[];
      assert.deepEqual(flat.map((a) => a.file), [join(folder, 'a.txt'), join(folder, 'b.txt')]);
      const deep = JSON.parse(cli('annotate', '--recursive', folder).stdout) as Analysis[];
      assert.deepEqual(deep.map((a) => a.file), [join(folder, 'a.txt'), join(folder, 'b.txt'), join(folder, 'sub', 'c.txt')]);
    });

    it('writes JSON Lines with "file" on each line', () => {
      const r = cli('annotate', '--format', 'jsonl', folder);
      const lines = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Analysis);
      assert.deepEqual(lines.map((a) => a.file), [join(folder, 'a.txt'), join(folder, 'b.txt')]);
    });

    it('writes a Markdown summary per file, and NAME.md files with --out', () => {
      const r = cli('annotate', '--format', 'markdown', folder);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(
        r.stdout.split('\n').filter((l) => l.startsWith('# Sources: ')),
        [`# Sources: ${join(folder, 'a.txt')}`, `# Sources: ${join(folder, 'b.txt')}`],
      );
      const out = join(folder, '..', 'md-out');
      const w = cli('annotate', '-f', 'markdown', '--out', out, join(folder, 'a.txt'));
      assert.equal(w.status, 0, w.stderr);
      assert.ok(readFileSync(join(out, 'a.md'), 'utf8').startsWith(`# Sources: ${join(folder, 'a.txt')}`));
    });

    it('writes one CSV header for many files', () => {
      const r = cli('annotate', '--format', 'csv', folder, good);
      assert.equal(r.status, 0);
      assert.equal(r.stdout.split('\r\n').filter((l) => l.startsWith('file,quote,')).length, 1);
    });

    it('separates brat output per file with a # file: line', () => {
      const r = cli('annotate', '--format', 'brat', folder);
      assert.deepEqual(
        r.stdout.split('\n').filter((l) => l.startsWith('# file: ')),
        [`# file: ${join(folder, 'a.txt')}`, `# file: ${join(folder, 'b.txt')}`],
      );
    });

    it('writes .ann and a copy of the text with --out: CRLF kept, the BOM dropped as the offsets assume', () => {
      const body = Buffer.from('Title\r\n\r\nShe said it “works”.\r\n');
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
      const path = write(dir, 'bom.txt', bytes);
      const out = join(dir, 'brat-out');
      assert.equal(cli('annotate', '--format', 'brat', '--out', out, path, folder).status, 0);
      assert.deepEqual(readFileSync(join(out, 'bom.txt')), body);
      for (const name of ['bom.ann', 'a.ann', 'a.txt', 'b.ann', 'b.txt']) assert.ok(existsSync(join(out, name)), name);
      const json = JSON.parse(cli('annotate', path).stdout) as Analysis;
      assert.equal(json.length, body.toString('utf8').length);
    });

    it('writes brat\'s annotation.conf once with --out, declaring every label the .ann files use', () => {
      const out = join(dir, 'brat-conf');
      const seed = join('seeds', '000_8f484521c7ff1466.txt');
      const r = cli('annotate', '--format', 'brat', '--recursive', '--out', out, seed, folder, good);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      const conf = parseBratConf(readFileSync(join(out, 'annotation.conf'), 'utf8'));
      assert.deepEqual(conf.entities, ['Source', 'Cue', 'Content']);
      assert.deepEqual([...conf.events.keys()], ['Attribution', 'Attribution-no-source']);
      assert.ok(!existsSync(join(out, 'sub', 'annotation.conf')), 'one annotation.conf for the folder, not one per subfolder');
      let events = 0;
      for (const name of ['000_8f484521c7ff1466.ann', 'a.ann', 'b.ann', join('sub', 'c.ann'), 'good.ann']) {
        events += checkAnnAgainstConf(readFileSync(join(out, name), 'utf8'), conf, name);
      }
      assert.ok(events > 0, 'no events checked');
    });

    it('leaves an annotation.conf already in the --out folder as it is, saying so when it differs', () => {
      const out = join(dir, 'brat-own-conf');
      mkdirSync(out);
      const own = '[entities]\nSource\nCue\nContent\nDiscard\n\n[relations]\n\n[events]\nAttribution\tSource:Source, Cue:Cue, Content+:Content\n\n[attributes]\n';
      writeFileSync(join(out, 'annotation.conf'), own);
      const r = cli('annotate', '--format', 'brat', '--out', out, folder);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(readFileSync(join(out, 'annotation.conf'), 'utf8'), own);
      const lines = r.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, r.stderr);
      assert.ok(lines[0].includes(join(out, 'annotation.conf')), lines[0]);
      assert.ok(existsSync(join(out, 'a.ann')));

      const twice = join(dir, 'brat-twice');
      assert.equal(cli('annotate', '--format', 'brat', '--out', twice, folder).stderr, '');
      const again = cli('annotate', '--format', 'brat', '--out', twice, folder);
      assert.equal(again.status, 0);
      assert.equal(again.stderr, '', 'its own annotation.conf from an earlier run is no news');
    });

    it('mirrors subfolders and refuses name clashes with --out', () => {
      const out = join(dir, 'json-out');
      const r = cli('annotate', '--recursive', '--out', out, folder, join(folder, 'a.txt'));
      assert.equal(r.status, 1);
      assert.match(r.stderr, /a\.txt: has the same name as/);
      for (const name of ['a.json', 'b.json', join('sub', 'c.json')]) assert.ok(existsSync(join(out, name)), name);
    });

    it('prints the terminal report without colour when not a terminal', () => {
      const r = cli('annotate', '--format', 'terminal', good);
      assert.equal(r.status, 0);
      assert.ok(!r.stdout.includes(ESC));
      assert.match(r.stdout, /Sources/);
    });
  });
});

interface BratRole {
  type: string;
  optional: boolean;
  repeats: boolean;
}

interface BratConf {
  entities: string[];
  /** event type -> role name -> its declaration */
  events: Map<string, Map<string, BratRole>>;
  sections: string[];
}

/** Reads brat's annotation.conf as brat does: [sections], one type a line, `Type<TAB>Role?:Type, Role+:Type`. */
function parseBratConf(conf: string): BratConf {
  const parsed: BratConf = { entities: [], events: new Map(), sections: [] };
  let section = '';
  for (const raw of conf.split('\n')) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    const heading = /^\[(\w+)\]$/.exec(line);
    if (heading) {
      section = heading[1];
      parsed.sections.push(section);
      continue;
    }
    if (section === 'entities') {
      assert.match(line, /^[\w-]+$/, `entity line: ${line}`);
      parsed.entities.push(line);
    } else if (section === 'events') {
      const [type, args, ...extra] = line.split('\t');
      assert.equal(extra.length, 0, `event line: ${line}`);
      const roles = new Map<string, BratRole>();
      for (const arg of (args ?? '').split(/,\s*/)) {
        const m = /^([A-Za-z][\w-]*?)([?*+]?):([\w-]+(?:\|[\w-]+)*)$/.exec(arg);
        assert.ok(m, `argument ${JSON.stringify(arg)} in: ${line}`);
        roles.set(m[1], { type: m[3], optional: m[2] === '?' || m[2] === '*', repeats: m[2] === '+' || m[2] === '*' });
      }
      parsed.events.set(type, roles);
    } else {
      assert.fail(`a declaration in [${section}], expected empty: ${line}`);
    }
  }
  assert.deepEqual(parsed.sections.slice().sort(), ['attributes', 'entities', 'events', 'relations']);
  return parsed;
}

/** Checks every T and E record of an .ann file against the conf; returns how many events it checked. */
function checkAnnAgainstConf(ann: string, conf: BratConf, name: string): number {
  const labels = new Map<string, string>();
  const lines = ann.split('\n').filter(Boolean);
  for (const line of lines.filter((l) => l.startsWith('T'))) {
    const [id, labelAndOffsets] = line.split('\t');
    const label = labelAndOffsets.split(' ')[0];
    assert.ok(conf.entities.includes(label) || conf.events.has(label), `${name}: ${label} is not declared`);
    labels.set(id, label);
  }
  const events = lines.filter((l) => l.startsWith('E'));
  for (const line of events) {
    const [triggerRole, ...args] = line.split('\t')[1].split(' ');
    const [type, triggerId] = triggerRole.split(':');
    const roles = conf.events.get(type);
    assert.ok(roles, `${name}: event type ${type} is not declared: ${line}`);
    assert.equal(labels.get(triggerId), type, `${name}: the trigger of ${line}`);
    const seen = new Map<string, number>();
    for (const arg of args) {
      const [role, target] = arg.split(':');
      const base = role.replace(/\d+$/, '');
      const declared = roles.get(base);
      assert.ok(declared, `${name}: ${type} has no role ${base}: ${line}`);
      assert.ok(declared.type.split('|').includes(labels.get(target) ?? ''), `${name}: ${role} points at a ${labels.get(target)}: ${line}`);
      seen.set(base, (seen.get(base) ?? 0) + 1);
    }
    for (const [role, declared] of roles) {
      if (!declared.optional) assert.ok(seen.has(role), `${name}: ${type} lacks its ${role}: ${line}`);
      if (!declared.repeats) assert.ok((seen.get(role) ?? 0) <= 1, `${name}: ${role} repeated: ${line}`);
    }
  }
  return events.length;
}

/** A strict RFC 4180 parser, for checking what the CSV writer produces. */
function parseCsv(input: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < input.length) {
    let cell = '';
    if (input[i] === '"') {
      for (i++; ; i++) {
        if (i >= input.length) throw new Error('unterminated quoted field');
        if (input[i] === '"' && input[i + 1] === '"') (cell += '"'), i++;
        else if (input[i] === '"') break;
        else cell += input[i];
      }
      i++;
    } else {
      while (i < input.length && input[i] !== ',' && input[i] !== '\r') {
        if (input[i] === '"' || input[i] === '\n') throw new Error(`bare ${JSON.stringify(input[i])} at ${i}`);
        cell += input[i++];
      }
    }
    record.push(cell);
    if (input[i] === ',') i++;
    else if (input.startsWith('\r\n', i)) (i += 2), records.push(record), (record = []);
    else throw new Error(`expected , or CRLF at ${i}`);
  }
  return records;
}
