/*
| Every background job and periodic schedule, by module. The web process needs the names to
| dispatch; `node ace queue:work` runs the handlers.
*/
import { jobs } from '#core/queue/registry'
import { pruneFailedJobs } from '#core/queue/jobs/prune_failed_jobs'

jobs.define(pruneFailedJobs)
jobs.every(24 * 60 * 60 * 1000, pruneFailedJobs.name)
