import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace media:transcode-file <source> <outDir>` — runs the transcoding pipeline (the code the
 * transcode job runs: probe, one-pass ladder with poster, sprite and fingerprint, then the upload
 * into a local storage root at outDir) on one file, and prints what it did as JSON.
 * `--bare-args` prints instead the one-command ffmpeg arguments of the same ladder alone (for
 * scripts/bench/transcode.mjs).
 */
export default class MediaTranscodeFile extends BaseCommand {
  static override commandName = 'media:transcode-file'
  static override description =
    'Run the transcoding pipeline on a local file (benchmarks, debugging)'
  static override options: CommandOptions = { startApp: true }

  @args.string({ description: 'Source video file' }) declare source: string
  @args.string({ description: 'Output folder (a local storage root)' }) declare outDir: string
  @flags.boolean({ description: 'Print the bare ffmpeg arguments of the same ladder and exit' })
  declare bareArgs: boolean
  @flags.string({ description: 'x264 preset', default: 'veryfast' }) declare preset: string

  override async run() {
    const { mkdir, readdir, writeFile } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const { probeFile } = await import('#core/media/ffmpeg')
    const { buildTranscode, planLadder, toArgs } = await import('#modules/media/services/ladder')
    const { produceHls } = await import('#modules/media/services/transcode_pipeline')
    const { LocalStorageDriver } = await import('#core/storage/local_driver')

    const probe = await probeFile(this.source)
    if (this.bareArgs) {
      await mkdir(this.outDir, { recursive: true })
      const keyFile = join(this.outDir, 'bare.key')
      const keyInfo = join(this.outDir, 'bare.keyinfo')
      const { randomBytes } = await import('node:crypto')
      await writeFile(keyFile, randomBytes(16))
      await writeFile(keyInfo, `key\n${keyFile}\n${randomBytes(16).toString('hex')}\n`)
      const invocation = buildTranscode({
        input: this.source,
        outputDir: join(this.outDir, 'hls'),
        keyInfoFile: keyInfo,
        rungs: planLadder(probe.width, probe.height, probe.hasAudio),
        fps: probe.fps,
        hasAudio: probe.hasAudio,
        durationSec: probe.durationSec,
        preset: this.preset,
      })
      process.stdout.write(`${JSON.stringify(toArgs(invocation))}\n`)
      return
    }

    const started = performance.now()
    const workDir = join(this.outDir, 'work')
    const produced = await produceHls({ source: this.source, probe, workDir, preset: this.preset })
    const storage = new LocalStorageDriver(join(this.outDir, 'storage'))
    for (const file of produced.files) {
      await storage.putFile(`episode/${file}`, join(produced.outDir, file))
    }
    const stored = await readdir(join(this.outDir, 'storage', 'episode'), { recursive: true })
    process.stdout.write(
      `${JSON.stringify({
        seconds: (performance.now() - started) / 1000,
        renditions: produced.rungs.map((r) => r.label),
        files: stored.length,
      })}\n`
    )
  }
}
