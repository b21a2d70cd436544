import type { BackendId, Settings } from '../../settings/schema';
import type { Backend } from '../types';
import { BackendQueue } from './backend-queue';
import type { QueueOptions } from './options';

/** The primary backend, then each fallback once. */
export function chainOf(settings: Settings): BackendId[] {
  return [...new Set([settings.backend, ...settings.fallbacks])];
}

/** The settings a backend is made from: a change to them makes a new backend, and a new queue. */
function backendConfig(settings: Settings, id: BackendId): string {
  // The LLM's prompt carries the slang glossary only when slang notes are on.
  if (id === 'openai') return JSON.stringify({ ...settings.backends.openai, slangNotes: settings.slangNotes });
  return JSON.stringify(id in settings.backends ? settings.backends[id as keyof Settings['backends']] : null);
}

/**
 * One queue per backend for the whole background, so every tab's texts for a backend share
 * its batches, limits and pauses. A changed key or URL makes a new backend and a new queue.
 */
export class QueuesByBackend {
  private readonly queues = new Map<BackendId, { config: string; queue: BackendQueue }>();

  constructor(
    private readonly backendFor: (settings: Settings, id: BackendId) => Backend,
    private readonly options: QueueOptions,
  ) {}

  of(settings: Settings, id: BackendId): BackendQueue {
    const config = backendConfig(settings, id);
    const entry = this.queues.get(id);
    if (entry && entry.config === config) return entry.queue;
    const queue = new BackendQueue(this.backendFor(settings, id), this.options);
    this.queues.set(id, { config, queue });
    return queue;
  }
}
