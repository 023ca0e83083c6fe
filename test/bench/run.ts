// npm run bench: runs every test/bench/*.bench.ts (or those whose names contain an argument) and writes BENCHMARKS.md.
// A partial run replaces only its own sections of BENCHMARKS.md and keeps the others.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { cpus, totalmem } from 'node:os';
import type { Bench, BenchRow, BenchSection } from './types';

const dir = __dirname;
const target = join(dir, '../../BENCHMARKS.md');

function cell(v: number | string, unit?: string): string {
  const text = typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(2)) : v;
  return unit ? `${text} ${unit}` : text;
}

function row(r: BenchRow): string {
  const base = r.baseline ? `${r.baseline.name}: ${cell(r.baseline.value, r.unit)}` : '';
  const goal = r.goal ? `${r.goal}${r.met === undefined ? '' : r.met ? ' ✔' : ' ✘'}` : '';
  return `| ${r.name} | ${cell(r.value, r.unit)} | ${base} | ${goal} |`;
}

function render(s: BenchSection): string {
  const notes = (s.notes ?? []).map((n) => `- ${n}`);
  return [`## ${s.title}`, '', '| measure | value | baseline (same run) | goal |', '|---|---|---|---|', ...s.rows.map(row), '', ...notes, ...(notes.length ? [''] : [])].join('\n');
}

function existingSections(): Map<string, string> {
  const kept = new Map<string, string>();
  if (!existsSync(target)) return kept;
  for (const chunk of readFileSync(target, 'utf8').split(/^(?=## )/m).slice(1)) {
    kept.set(chunk.slice(3, chunk.indexOf('\n')).trim(), chunk.trimEnd() + '\n');
  }
  return kept;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const sections = only.length > 0 ? existingSections() : new Map<string, string>();
  for (const f of files) {
    process.stdout.write(`bench: ${f} … `);
    const started = Date.now();
    let section: BenchSection;
    try {
      const mod = (await import(join(dir, f))) as { default: Bench };
      section = await mod.default();
      console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const r of section.rows) console.log(`  ${r.name}: ${cell(r.value, r.unit)}${r.goal ? `  (goal ${r.goal}${r.met === false ? ', NOT MET' : ''})` : ''}`);
    } catch (err) {
      console.log('failed');
      console.error(err);
      section = { title: basename(f, '.bench.ts'), rows: [], notes: [`failed: ${(err as Error).message}`] };
      process.exitCode = 1;
    }
    sections.set(section.title, render(section));
  }
  const header = `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB. Baselines are measured side by side in the same run. Goals marked ✔ were met in this run, ✘ were not.`;
  writeFileSync(target, ['# Benchmarks', '', header, '', ...sections.values()].join('\n'));
  console.log(`bench: wrote ${target}`);
}

void main();
