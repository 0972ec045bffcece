import type { JobDefinition } from '#core/queue/types'
import type { Schedule } from '#core/queue/scheduler'

/**
 * Job handlers by name. Modules define their jobs in `app/modules/<module>/jobs/` and register
 * them in `start/jobs.ts`; the web process only needs the names to dispatch, the worker runs them.
 */
export class JobRegistry {
  #jobs = new Map<string, JobDefinition>()

  define<P>(definition: JobDefinition<P>): JobDefinition<P> {
    if (this.#jobs.has(definition.name)) {
      throw new Error(`Job "${definition.name}" is defined twice`)
    }
    this.#jobs.set(definition.name, definition)
    return definition
  }

  get(name: string): JobDefinition {
    const job = this.#jobs.get(name)
    if (!job) throw new Error(`Unknown job "${name}". Register it in start/jobs.ts`)
    return job
  }

  has(name: string) {
    return this.#jobs.has(name)
  }

  all(): JobDefinition[] {
    return [...this.#jobs.values()]
  }

  #schedules: Schedule[] = []

  /** Runs `job` every `everyMs` (once per period across all scheduler processes). */
  every(everyMs: number, job: string, options: { name?: string; payload?: unknown } = {}) {
    this.#schedules.push({ name: options.name ?? job, everyMs, job, payload: options.payload })
  }

  schedules(): Schedule[] {
    return [...this.#schedules]
  }
}

/** The application's registry. Tests build their own. */
export const jobs = new JobRegistry()
