// The Spanish translation is complete and current: `lit-localize extract` and `build`, run into a
// temporary directory (the work tree is left alone), reproduce the committed xliff/es.xlf and
// src/generated/ byte for byte, and every Spanish target is a real translation.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { root } from '../../scripts/entries.mjs';

const read = (file) => readFileSync(join(root, file), 'utf8');
const config = JSON.parse(read('lit-localize.json'));
const cli = join(root, 'node_modules/@lit/localize-tools/bin/lit-localize.js');
const temp = mkdtempSync(join(tmpdir(), 'cb-localize-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** Runs one lit-localize command on the project's config with some paths moved to `temp`. */
async function run(command, overrides) {
  const file = join(temp, `${command}.json`);
  const absolute = {
    ...config,
    tsConfig: join(root, config.tsConfig),
    inputFiles: config.inputFiles.map((glob) => join(root, glob)),
    interchange: { ...config.interchange, xliffDir: join(root, config.interchange.xliffDir) },
    output: {
      ...config.output,
      outputDir: join(root, config.output.outputDir),
      localeCodesModule: join(root, config.output.localeCodesModule),
    },
  };
  writeFileSync(file, JSON.stringify(overrides(absolute), null, 2));
  const started = Date.now();
  // A bounded time, and nothing from the network: both are plain file transformations.
  await promisify(execFile)(process.execPath, [cli, '--config', file, command], { cwd: temp, timeout: 240_000 });
  return Date.now() - started;
}

const extracted = join(temp, 'xliff');
const built = join(temp, 'generated');
const timings = {};
before(async () => {
  // extract keeps the targets of the XLIFF it finds: start from the committed one, so the result
  // differs only when a message was added, changed or removed in src/ without re-extracting.
  cpSync(join(root, config.interchange.xliffDir), extracted, { recursive: true });
  [timings.extract, timings.build] = await Promise.all([
    run('extract', (c) => ({ ...c, interchange: { ...c.interchange, xliffDir: extracted } })),
    run('build', (c) => ({
      ...c,
      output: { ...c.output, outputDir: join(built, 'locales'), localeCodesModule: join(built, 'locale-codes.ts') },
    })),
  ]);
});

test('lit-localize runs in bounded time (about 7 s each on an idle 2-core machine)', () => {
  assert.ok(timings.extract < 120_000 && timings.build < 120_000, JSON.stringify(timings));
});

for (const locale of config.targetLocales) {
  test(`xliff/${locale}.xlf is current (run \`npm run localize:extract\`, then translate)`, () => {
    assert.equal(readFileSync(join(extracted, `${locale}.xlf`), 'utf8'), read(`xliff/${locale}.xlf`));
  });

  test(`src/generated/locales/${locale}.ts is current (run \`npm run localize:build\`)`, () => {
    assert.equal(readFileSync(join(built, 'locales', `${locale}.ts`), 'utf8'), read(`src/generated/locales/${locale}.ts`));
  });
}

test('src/generated/locale-codes.ts is current', () => {
  assert.equal(readFileSync(join(built, 'locale-codes.ts'), 'utf8'), read('src/generated/locale-codes.ts'));
});

// --- The Spanish text itself ---------------------------------------------------------------

const units = [...read('xliff/es.xlf').matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)].map(([, id, body]) => ({
  id,
  source: /<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '',
  target: /<target>([\s\S]*?)<\/target>/.exec(body)?.[1],
}));
const placeholders = (text) => [...text.matchAll(/<x id="(\d+)"[^>]*\/>/g)].map((m) => m[1]).sort();
const words = (text) => text.replace(/<x [^>]*\/>/g, ' ').match(/\p{L}[\p{L}'’-]*/gu) ?? [];

/** The same word in both languages; anything else left as in English is untranslated. */
const SAME_IN_SPANISH = new Set(['Fax']);

/**
 * Common English words of this interface that are not also Spanish words (so not "no", "error",
 * "personal", "chat", "has", "note"): any of them in a target is English left behind.
 */
const ENGLISH = new Set(
  `the and of to with from this that these is are was be been you your it its in on at by for not
  have will can't cannot please when what who which there here after before then again
  call calls called calling callback callbacks cancel cancelled save saved saving done ready try search
  send sent edit time times phone number hold held resume resumed transfer transferred conference
  reject rejected accept accepted loading enter choose select show open close new other more
  agent agents queue queues contact contacts customer disposition dispositions status available
  unavailable answer answered busy connected dialing ringing ended failed wait waiting result results
  free full name email e-mail skill skills routing point help warning offline online start end
  mark keypad digits history case information required optional reason retry copy copied insert
  reschedule rescheduled schedule scheduled immediate delayed preview hidden minutes seconds
  shift key keyboard shortcuts`.split(/\s+/),
);

test('every message has a Spanish target', () => {
  assert.ok(units.length > 300, `only ${units.length} messages found`);
  assert.deepEqual(
    units.filter((u) => !u.target?.trim()).map((u) => u.id),
    [],
  );
});

test('targets keep every placeholder of their source, once', () => {
  assert.deepEqual(
    units.filter((u) => placeholders(u.source).join() !== placeholders(u.target ?? '').join()).map((u) => u.id),
    [],
  );
});

test('no target is left as its English source, except words Spanish shares and bare placeholders', () => {
  const same = units.filter((u) => u.target === u.source && words(u.source).length && !words(u.source).every((w) => SAME_IN_SPANISH.has(w)));
  assert.deepEqual(
    same.map((u) => `${u.id}: ${u.source}`),
    [],
  );
});

test('no target contains common English words', () => {
  const english = units.flatMap((u) => {
    const found = words(u.target ?? '').filter((w) => ENGLISH.has(w.toLowerCase()));
    return found.length ? [`${u.id}: ${found.join(', ')} in “${u.target}”`] : [];
  });
  assert.deepEqual(english, []);
});

test('a message that opens more (ending in …) still does in Spanish', () => {
  assert.deepEqual(
    units.filter((u) => u.source.endsWith('…') !== (u.target ?? '').endsWith('…')).map((u) => u.id),
    [],
  );
});
