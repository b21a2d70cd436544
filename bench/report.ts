import { unitsPerRequest, worstLatencyMs, type BudgetCheck } from './budgets';
import type { NavigationResult } from './navigations';
import type { PassResult } from './scenarios';

export interface BenchResults {
  date: string;
  machine: { cpus: number; memoryGB: number; chromium: string };
  config: { comments: number; feedCards: number; backendLatencyMs: number; navigations: number; scrollStepDelayMs: number };
  contentScript: { rawKB: number; gzipKB: number; startupMs: number };
  note: { withoutExtension: PassResult; cold: PassResult; warm: PassResult };
  feed: { cold: PassResult };
  navigation: { withExtension: NavigationResult; withoutExtension: NavigationResult };
  budgets: BudgetCheck[];
}

const ms = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : `${Math.round(value)} ms`);
const mb = (value: number) => `${value.toFixed(1)} MB`;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function latencyCell(pass: PassResult): string {
  const shown = pass.appearances.flatMap((unit) => (unit.shownAt === null ? [] : [Math.max(0, unit.shownAt - unit.appearedAt)]));
  const missing = pass.appearances.length - shown.length;
  return `p50 ${ms(percentile(shown, 50))}, p95 ${ms(percentile(shown, 95))}, max ${ms(Math.max(0, worstLatencyMs(pass)))}${missing ? `, ${missing} never` : ''}`;
}

function requestsCell(pass: PassResult): string {
  const { requests, texts, duplicateTexts } = pass.requests;
  if (requests === 0) return '0';
  const per100 = (100 / unitsPerRequest(pass)).toFixed(1);
  const duplicates = texts === 0 ? 0 : (100 * duplicateTexts) / texts;
  return `${requests} (${per100} per 100 units; ${duplicates.toFixed(1)} % duplicate texts)`;
}

/** The measurements as Markdown tables, for the terminal and docs/performance.md. */
export function formatReport(results: BenchResults): string {
  const { note, feed, navigation, contentScript, config, machine } = results;
  const [without, cold, warm] = [note.withoutExtension, note.cold, note.warm];
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `×${(a / b).toFixed(2)}` : '–');
  const lines = [
    `Measured ${results.date} on ${machine.cpus} cores, ${machine.memoryGB} GiB, ${machine.chromium}; fake Google answering in ${config.backendLatencyMs} ms; scrolling 90 % of a screen every ${config.scrollStepDelayMs} ms.`,
    '',
    `**Note with ${config.comments.toLocaleString('en')} comments**, loaded in pages as it scrolls to the end:`,
    '',
    '| | without RedBridge | RedBridge, cold cache | RedBridge, warm cache |',
    '|---|---|---|---|',
    `| main thread busy | ${ms(without.mainThread?.busyMs)} | ${ms(cold.mainThread?.busyMs)} (${ratio(cold.mainThread?.busyMs, without.mainThread?.busyMs)}) | ${ms(warm.mainThread?.busyMs)} (${ratio(warm.mainThread?.busyMs, without.mainThread?.busyMs)}) |`,
    `| RedBridge's scripts | – | ${ms(cold.mainThread?.extensionScriptingMs)} | ${ms(warm.mainThread?.extensionScriptingMs)} |`,
    `| longest task | ${ms(without.mainThread?.longestTaskMs)} | ${ms(cold.mainThread?.longestTaskMs)} | ${ms(warm.mainThread?.longestTaskMs)} |`,
    `| long tasks (> 50 ms) / caused by RedBridge | ${without.mainThread?.longTasks ?? '–'} / – | ${cold.mainThread?.longTasks ?? '–'} / ${cold.mainThread?.extensionLongTasks ?? '–'} | ${warm.mainThread?.longTasks ?? '–'} / ${warm.mainThread?.extensionLongTasks ?? '–'} |`,
    `| RedBridge's longest slice of a task | – | ${ms(cold.mainThread?.longestExtensionSliceMs)} | ${ms(warm.mainThread?.longestExtensionSliceMs)} |`,
    `| first screen translated, after navigation | – | ${ms(cold.firstScreenMs)} | ${ms(warm.firstScreenMs)} |`,
    `| unit on screen → its translation | – | ${latencyCell(cold)} | ${latencyCell(warm)} |`,
    `| before scrolling: units translated (within the near band / beyond) | – | ${cold.atStart.overlaid} of ${cold.atStart.present} (${cold.atStart.nearAtLoad} / ${cold.atStart.overlaidFar.length}) | ${warm.atStart.overlaid} of ${warm.atStart.present} (${warm.atStart.nearAtLoad} / ${warm.atStart.overlaidFar.length}) |`,
    `| at the end: units translated | – | ${cold.atEnd.translated} of ${cold.atEnd.mustTranslate} Chinese (${cold.atEnd.present} units) | ${warm.atEnd.translated} of ${warm.atEnd.mustTranslate} |`,
    `| backend requests | – | ${requestsCell(cold)} | ${requestsCell(warm)} |`,
    `| JS heap after all comments (page + content script) | ${mb(without.heap.usedMB)} | ${mb(cold.heap.usedMB)} (+${mb(cold.heap.usedMB - without.heap.usedMB)}) | ${mb(warm.heap.usedMB)} (+${mb(warm.heap.usedMB - without.heap.usedMB)}) |`,
    `| DOM nodes after all comments | ${without.heap.domNodes} | ${cold.heap.domNodes} | ${warm.heap.domNodes} |`,
    '',
    `**Feed of ${config.feedCards.toLocaleString('en')} cards**, cold cache: ${feed.cold.atEnd.translated} of ${feed.cold.atEnd.mustTranslate} Chinese titles translated; before scrolling ${feed.cold.atStart.overlaid} of ${feed.cold.atStart.present} (${feed.cold.atStart.overlaidFar.length} beyond the near band); backend requests ${requestsCell(feed.cold)}; first screen ${ms(feed.cold.firstScreenMs)}.`,
    '',
    `**${navigation.withExtension.navigations} note open/close navigations in the feed's modal**: heap growth from the first to the last ${mb(navigation.withExtension.growthMB)} with RedBridge, ${mb(navigation.withoutExtension.growthMB)} without (DOM nodes ${navigation.withExtension.afterFirst.domNodes} → ${navigation.withExtension.afterLast.domNodes} with, ${navigation.withoutExtension.afterFirst.domNodes} → ${navigation.withoutExtension.afterLast.domNodes} without).`,
    '',
    `**Content script**: ${contentScript.rawKB.toFixed(1)} kB, ${contentScript.gzipKB.toFixed(1)} kB gzipped; evaluated in ${ms(contentScript.startupMs)} on the note page.`,
    '',
    '| budget | limit | measured | |',
    '|---|---|---|---|',
    ...results.budgets.map((check) => `| ${check.budget} | ${check.limit} | ${check.measured} | ${check.ok ? 'ok' : '**missed**'} |`),
  ];
  return lines.join('\n');
}
