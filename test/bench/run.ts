// npm run bench: runs every test/bench/*.bench.ts (or those named on the command line) and writes BENCHMARKS.md.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Bench, BenchRow, BenchSection } from './types';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

function cell(v: number | string, unit?: string): string {
  const text = typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(2)) : v;
  return unit ? `${text} ${unit}` : text;
}

function row(r: BenchRow): string {
  const base = r.baseline ? `${r.baseline.name}: ${cell(r.baseline.value, r.unit)}` : '';
  const goal = r.goal ? `${r.goal}${r.met === undefined ? '' : r.met ? ' ✔' : ' ✘'}` : '';
  return `| ${r.name} | ${cell(r.value, r.unit)} | ${base} | ${goal} |`;
}

const sections: BenchSection[] = [];
for (const f of files) {
  process.stdout.write(`bench: ${f} … `);
  const started = Date.now();
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default: Bench };
  try {
    const section = await mod.default();
    sections.push(section);
    console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const r of section.rows) console.log(`  ${r.name}: ${cell(r.value, r.unit)}${r.goal ? `  (goal ${r.goal}${r.met === false ? ', NOT MET' : ''})` : ''}`);
  } catch (err) {
    console.log('failed');
    console.error(err);
    sections.push({ title: basename(f, '.bench.ts'), rows: [], notes: [`failed: ${(err as Error).message}`] });
    process.exitCode = 1;
  }
}

function render(s: BenchSection): string {
  return [
    `## ${s.title}`,
    '',
    '| measure | value | baseline (same run) | goal |',
    '|---|---|---|---|',
    ...s.rows.map(row),
    '',
    ...(s.notes ?? []).map((n) => `- ${n}`),
    ...(s.notes?.length ? [''] : []),
  ].join('\n');
}

// A partial run (bench names on the command line) replaces only its own sections and keeps the others.
const target = join(dir, '../../BENCHMARKS.md');
const kept = new Map<string, string>();
if (only.length > 0 && existsSync(target)) {
  for (const chunk of readFileSync(target, 'utf8').split(/^(?=## )/m).slice(1)) {
    kept.set(chunk.slice(3, chunk.indexOf('\n')).trim(), chunk.trimEnd() + '\n');
  }
}
for (const s of sections) kept.set(s.title, render(s));

const md = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB. Baselines are measured side by side in the same run. Goals marked ✔ were met in this run, ✘ were not.`,
  '',
  ...kept.values(),
].join('\n');
writeFileSync(target, md);
